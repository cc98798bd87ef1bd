"""The local store: owns the schema, every migration and every SQL statement."""

from responder.store.database import open_database, translate_errors
from responder.store.store import Store

__all__ = ["Store", "open_database", "translate_errors"]

"""The local store: owns the schema, every migration and every SQL statement."""

from civilian_responder.store.database import open_database, translate_errors
from civilian_responder.store.store import Store

__all__ = ["Store", "open_database", "translate_errors"]

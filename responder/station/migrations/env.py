"""Alembic environment, run programmatically by ``storage.database.migrate``.

The caller hands over an open connection in ``config.attributes["connection"]``; there is no
alembic.ini and no command-line use is needed.
"""

from __future__ import annotations

from alembic import context
from civilian_responder.station.storage.tables import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()

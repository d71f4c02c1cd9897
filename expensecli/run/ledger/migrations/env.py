"""Alembic's entry point for the ledger's migrations, run programmatically by `migrate.upgrade`.

The caller hands over an open connection, already inside the transaction that holds the
writer lock (`config.attributes["connection"]`), so the migrations commit or roll back with
it, and two processes opening a new ledger at once do not both create it.
"""

from alembic import context

from expensecli.run.ledger.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()

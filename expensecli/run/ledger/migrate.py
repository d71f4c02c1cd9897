"""Bring a ledger's schema to the version this expensecli knows, with Alembic, from the code.

Opening a ledger reads its revision (one query, without importing Alembic); only when it is
not `HEAD` does Alembic run, in a transaction that holds the writer lock, so that two runs
opening a new ledger at once create it once. A ledger made by a newer expensecli (a revision
this one does not know) is refused rather than misread. The migration scripts ship inside
the package (`migrations/`), so an installed wheel can create and upgrade ledgers.
"""

from __future__ import annotations

import sys
from pathlib import Path

from sqlalchemy import Connection, inspect, text
from sqlalchemy.engine import Engine

from expensecli.core.i18n import tr
from expensecli.run.ledger.connect import writer, writer_lock
from expensecli.run.ledger.errors import LedgerError

HEAD = "0003"  # the newest revision in migrations/versions (a test keeps the two in step)
SCRIPTS = Path(__file__).resolve().parent / "migrations"


def revision(connection: Connection) -> str | None:
    """The ledger's schema revision; None for an empty database."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def ensure_schema(engine: Engine) -> None:
    """Upgrade the ledger to HEAD unless it is there already."""
    with engine.connect() as connection:
        if revision(connection) == HEAD:
            return
    with writer(engine) as connection, connection.begin():
        writer_lock(connection)
        current = revision(connection)  # again: another process may have migrated meanwhile
        if current == HEAD:
            return
        if current is not None and current not in known_revisions():
            raise LedgerError(tr("the ledger has schema revision {revision}, which this expensecli does not know;"
                                 " it was written by a newer version: upgrade expensecli", revision=current))
        if current is None and inspect(connection).get_table_names():
            raise LedgerError(tr("the database has tables but is not an expensecli ledger; give an empty database"))
        upgrade(connection)


def upgrade(connection: Connection, target: str = "head") -> None:
    _without_highlighting()
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(SCRIPTS))
    config.attributes["connection"] = connection
    command.upgrade(config, target)


def known_revisions() -> set[str]:
    _without_highlighting()
    from alembic.script import ScriptDirectory

    return {script.revision for script in ScriptDirectory(str(SCRIPTS)).walk_revisions()}


def _without_highlighting() -> None:
    """Alembic imports Mako, whose error pages highlight source code with Pygments whenever it can
    be imported (rich brings it): about 0.1 s of a new ledger's first run spent importing lexers
    for pages a ledger never shows. Mako falls back to plain text when its plugin is not there.
    A plugin imported already is left as it is."""
    sys.modules.setdefault("mako.ext.pygmentplugin", None)

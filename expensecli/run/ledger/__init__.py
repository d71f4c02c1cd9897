"""The audit ledger: what runs saw, kept across runs in SQLite or PostgreSQL.

Without a ledger every run starts from zero. With `--ledger PATH|URL` a run records its
claims (content hash, status, totals), each expense's duplicate keys and each attachment's
content hash, and each finding's fingerprint with when it was first and last seen and when it
was resolved; it then finds duplicates against earlier runs (MX004, MX006), applies the
controllers' waivers kept in the ledger, and tells which findings are new.

This package is the only place that imports SQLAlchemy, Alembic and psycopg, and only when a
ledger is used: importing `expensecli.run.ledger` itself imports none of them, so commands
without a ledger start as fast as before. The modules:

- `errors`: the one exception a user sees (one line, exit 2);
- `facts`: what a ledger needs of one claim, collected in the worker that checks it;
- `connect`: a path or URL -> an engine (SQLite in WAL mode with a busy timeout, or psycopg 3);
- `schema`, `migrate`, `migrations/`: the tables, and the Alembic scripts that make them;
- `record`: one run in one transaction; `history`: duplicates across runs;
- `waivers`: controllers' waivers; `upkeep`: info, diff, prune, export;
- `session`: what the pipeline calls.
"""

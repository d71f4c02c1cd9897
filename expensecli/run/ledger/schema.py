"""The ledger's tables, as SQLAlchemy Core sees them (the migrations in `migrations/` make them).

- `ledger`: one row: the per-ledger secret that keys the claimant hashes.
- `runs`: one row a run: when, as of which date, which version and command, its inputs.
- `claims`: one row per claim file content (file location + SHA-256): the claim's id, status,
  totals and keyed claimant hash; `current` marks the latest content known of each file.
  `run_claims` says which runs saw which.
- `expenses`: each expense's duplicate keys (keyed claimant hash, date, amount, currency);
  `attachments`: each attachment's content hash.
- `findings`: a finding's fingerprint (subject = claim id, code, path) while it stands: first
  seen, last seen, resolved, and whether it was waived when last seen. One that comes back
  after it was resolved gets a new row.
- `waivers`: the controllers' waivers: who, when, why, and when revoked by whom; the latest
  run that checked the claim and the latest that matched a finding (stale when the first is later).

No names, e-mail addresses, phone numbers or dates of birth are stored: a claimant is a keyed
hash (HMAC-SHA256 with the ledger's secret), so duplicates still match. A test checks that
these tables and the migrations agree.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    false,
)

metadata = MetaData()

ledger = Table(
    "ledger", metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("secret", String(64), nullable=False),
    Column("created", DateTime(timezone=True), nullable=False),
)

runs = Table(
    "runs", metadata,
    Column("id", Integer, primary_key=True),
    Column("started", DateTime(timezone=True), nullable=False),
    Column("recorded", DateTime(timezone=True), nullable=False),
    Column("as_of", Date, nullable=False),
    Column("version", String(32), nullable=False),
    Column("command", String(32), nullable=False),
    Column("inputs", Text, nullable=False),  # JSON: the paths given, --select/--ignore, --rates
    Column("claims", Integer, nullable=False, default=0),
    Column("findings", Integer, nullable=False, default=0),
    Column("new_findings", Integer, nullable=False, default=0),
    Column("resolved_findings", Integer, nullable=False, default=0),
    Index("ix_runs_started", "started"),
)

claims = Table(
    "claims", metadata,
    Column("id", Integer, primary_key=True),
    Column("location", Text, nullable=False),
    Column("file", Text, nullable=False),
    Column("content_sha256", String(64), nullable=False),
    Column("claim_id", Text),
    Column("id_key", Text),
    Column("kind", String(16)),
    Column("status", String(16)),
    Column("role", String(16)),
    Column("total", String(24)),
    Column("currency", String(3)),
    Column("claimant_key", String(64)),
    Column("first_run", Integer, nullable=False),
    Column("first_seen", DateTime(timezone=True), nullable=False),
    Column("last_run", Integer, nullable=False),
    Column("current", Boolean, nullable=False),
    Index("ux_claims_location_content", "location", "content_sha256", unique=True),
    Index("ix_claims_id_key", "id_key"),
    Index("ix_claims_last_run", "last_run"),
)

run_claims = Table(
    "run_claims", metadata,
    Column("run", Integer, ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True),
    Column("claim", Integer, ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_run_claims_claim", "claim"),
)

expenses = Table(
    "expenses", metadata,
    Column("claim", Integer, ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
    Column("expense", Integer, primary_key=True, autoincrement=False),
    Column("claimant_key", String(64), nullable=False),
    Column("date", Date, nullable=False),
    Column("amount", String(24), nullable=False),
    Column("currency", String(3), nullable=False),
    Column("dup_key", String(64), nullable=False),  # keyed hash of the four above, one indexed lookup
    Index("ix_expenses_dup_key", "dup_key"),
)

attachments = Table(
    "attachments", metadata,
    Column("claim", Integer, ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
    Column("expense", Integer, primary_key=True, autoincrement=False),
    Column("attachment", Integer, primary_key=True, autoincrement=False),
    Column("file", Text, nullable=False),
    Column("sha256", String(64), nullable=False),
    Index("ix_attachments_sha256", "sha256"),
)

findings = Table(
    "findings", metadata,
    Column("id", Integer, primary_key=True),
    Column("fingerprint", String(64), nullable=False),
    Column("subject", Text, nullable=False),  # the claim id, or "file:" + location for a file without one
    Column("code", String(8), nullable=False),
    Column("path", Text, nullable=False),
    Column("file", Text, nullable=False),
    Column("severity", String(8), nullable=False),
    Column("message", Text, nullable=False),
    Column("first_run", Integer, nullable=False),
    Column("first_seen", DateTime(timezone=True), nullable=False),
    Column("last_run", Integer, nullable=False),
    Column("resolved_run", Integer),
    Column("waived", Boolean, nullable=False, server_default=false()),  # as the latest run that saw it had it
    Index("ix_findings_fingerprint", "fingerprint"),
    Index("ix_findings_subject_open", "subject", "resolved_run"),
)

waivers = Table(
    "waivers", metadata,
    Column("id", Integer, primary_key=True),
    Column("claim_id", Text, nullable=False),
    Column("code", String(8), nullable=False),
    Column("expense", Integer),
    Column("reason", Text, nullable=False),
    Column("by", Text, nullable=False),
    Column("created", DateTime(timezone=True), nullable=False),
    Column("revoked", DateTime(timezone=True)),
    Column("revoked_by", Text),
    Column("checked_run", Integer),  # the latest run that checked its claim, its code reported
    Column("matched_run", Integer),  # the latest run in which it waived a finding
    Index("ix_waivers_claim_id", "claim_id"),
)

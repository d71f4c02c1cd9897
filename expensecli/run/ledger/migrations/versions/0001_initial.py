"""The first ledger schema: runs, claims, expenses, attachments, findings, waivers, and the secret.

Revision ID: 0001
Revises:
Create Date: 2026-12-02
"""

import datetime as dt
import secrets

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

NOW = sa.DateTime(timezone=True)


def upgrade() -> None:
    ledger = op.create_table(
        "ledger",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("secret", sa.String(64), nullable=False),
        sa.Column("created", NOW, nullable=False),
    )
    # The key of the claimant hashes: made here, once per ledger, and never shown.
    op.bulk_insert(ledger, [{"id": 1, "secret": secrets.token_hex(32), "created": dt.datetime.now(dt.timezone.utc)}])
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("started", NOW, nullable=False),
        sa.Column("recorded", NOW, nullable=False),
        sa.Column("as_of", sa.Date, nullable=False),
        sa.Column("version", sa.String(32), nullable=False),
        sa.Column("command", sa.String(32), nullable=False),
        sa.Column("inputs", sa.Text, nullable=False),
        sa.Column("claims", sa.Integer, nullable=False),
        sa.Column("findings", sa.Integer, nullable=False),
        sa.Column("new_findings", sa.Integer, nullable=False),
        sa.Column("resolved_findings", sa.Integer, nullable=False),
    )
    op.create_index("ix_runs_started", "runs", ["started"])
    op.create_table(
        "claims",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("location", sa.Text, nullable=False),
        sa.Column("file", sa.Text, nullable=False),
        sa.Column("content_sha256", sa.String(64), nullable=False),
        sa.Column("claim_id", sa.Text),
        sa.Column("id_key", sa.Text),
        sa.Column("kind", sa.String(16)),
        sa.Column("status", sa.String(16)),
        sa.Column("role", sa.String(16)),
        sa.Column("total", sa.String(24)),
        sa.Column("currency", sa.String(3)),
        sa.Column("claimant_key", sa.String(64)),
        sa.Column("first_run", sa.Integer, nullable=False),
        sa.Column("first_seen", NOW, nullable=False),
        sa.Column("last_run", sa.Integer, nullable=False),
        sa.Column("current", sa.Boolean, nullable=False),
    )
    op.create_index("ux_claims_location_content", "claims", ["location", "content_sha256"], unique=True)
    op.create_index("ix_claims_id_key", "claims", ["id_key"])
    op.create_index("ix_claims_last_run", "claims", ["last_run"])
    op.create_table(
        "run_claims",
        sa.Column("run", sa.Integer, sa.ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("claim", sa.Integer, sa.ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
    )
    op.create_index("ix_run_claims_claim", "run_claims", ["claim"])
    op.create_table(
        "expenses",
        sa.Column("claim", sa.Integer, sa.ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("expense", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("claimant_key", sa.String(64), nullable=False),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("amount", sa.String(24), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("dup_key", sa.String(64), nullable=False),
    )
    op.create_index("ix_expenses_dup_key", "expenses", ["dup_key"])
    op.create_table(
        "attachments",
        sa.Column("claim", sa.Integer, sa.ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("expense", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("attachment", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("file", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
    )
    op.create_index("ix_attachments_sha256", "attachments", ["sha256"])
    op.create_table(
        "findings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("code", sa.String(8), nullable=False),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("file", sa.Text, nullable=False),
        sa.Column("severity", sa.String(8), nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("first_run", sa.Integer, nullable=False),
        sa.Column("first_seen", NOW, nullable=False),
        sa.Column("last_run", sa.Integer, nullable=False),
        sa.Column("resolved_run", sa.Integer),
    )
    op.create_index("ix_findings_fingerprint", "findings", ["fingerprint"])
    op.create_index("ix_findings_subject_open", "findings", ["subject", "resolved_run"])
    op.create_table(
        "waivers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("claim_id", sa.Text, nullable=False),
        sa.Column("code", sa.String(8), nullable=False),
        sa.Column("expense", sa.Integer),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("by", sa.Text, nullable=False),
        sa.Column("created", NOW, nullable=False),
        sa.Column("revoked", NOW),
        sa.Column("revoked_by", sa.Text),
    )
    op.create_index("ix_waivers_claim_id", "waivers", ["claim_id"])


def downgrade() -> None:
    for table in ("waivers", "findings", "attachments", "expenses", "run_claims", "claims", "runs", "ledger"):
        op.drop_table(table)

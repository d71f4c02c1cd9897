"""Each finding says whether it was waived when last seen, so the waived are counted apart from the open.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03

A finding recorded before this revision counts as not waived until the next run that sees its
claim records it again.
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("findings") as findings:
        findings.add_column(sa.Column("waived", sa.Boolean, nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("findings") as findings:
        findings.drop_column("waived")

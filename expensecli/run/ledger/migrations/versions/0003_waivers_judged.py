"""Each ledger waiver keeps the latest run that checked its claim and the latest run it waived a finding in.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03

A waiver whose claim was checked after the last run it matched a finding in is stale (`waivers
list`). A waiver recorded before this revision is not judged until the next run that checks its
claim.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("waivers") as waivers:
        waivers.add_column(sa.Column("checked_run", sa.Integer))
        waivers.add_column(sa.Column("matched_run", sa.Integer))


def downgrade() -> None:
    with op.batch_alter_table("waivers") as waivers:
        waivers.drop_column("matched_run")
        waivers.drop_column("checked_run")

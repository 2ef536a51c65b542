"""a grade whose dimensions could not be assessed has no overall score

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("grade_runs") as batch_op:
        batch_op.alter_column("overall", existing_type=sa.Float(), nullable=True)


def downgrade() -> None:
    op.execute("UPDATE grade_runs SET overall = 0 WHERE overall IS NULL")
    with op.batch_alter_table("grade_runs") as batch_op:
        batch_op.alter_column("overall", existing_type=sa.Float(), nullable=False)

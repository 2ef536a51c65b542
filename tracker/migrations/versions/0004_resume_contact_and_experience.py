"""contact fields on the profile, and the learner's own work history, for the resume

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CONTACT = (("email", 200), ("location", 200), ("website", 500), ("github", 500), ("linkedin", 500))


def upgrade() -> None:
    # A server default fills the rows that exist: every learner gets empty contact fields, not NULLs.
    with op.batch_alter_table("learners") as batch_op:
        for name, length in CONTACT:
            batch_op.add_column(sa.Column(name, sa.String(length), nullable=False, server_default=""))
    op.create_table(
        "experiences",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("learner_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=200), nullable=False),
        sa.Column("organisation", sa.String(length=200), nullable=False),
        sa.Column("location", sa.String(length=200), nullable=False),
        sa.Column("start_date", sa.String(length=10), nullable=False),
        sa.Column("end_date", sa.String(length=10), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("highlights", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["learner_id"], ["learners.id"], name=op.f("fk_experiences_learner_id_learners"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_experiences")),
    )
    op.create_index(op.f("ix_experiences_learner_id"), "experiences", ["learner_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_experiences_learner_id"), table_name="experiences")
    op.drop_table("experiences")
    with op.batch_alter_table("learners") as batch_op:
        for name, _ in reversed(CONTACT):
            batch_op.drop_column(name)

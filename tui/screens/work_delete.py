"""Deleting from the Work screen: plan, say what goes with the row, confirm, delete; and undo the last one.

The record work happens in `tracker.deletes`, through the same functions as the `... delete` commands; this
module only sequences the jobs and the confirmation dialog.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tui.screens.confirm import ConfirmDialog

if TYPE_CHECKING:
    from tracker.deletes import Deletion
    from tui.screens.work import WorkScreen


def ask_and_delete(screen: WorkScreen, kind: str, row_id: int) -> None:
    def plan(session: Any, learner: Any) -> Deletion:
        from tracker.deletes import plan_delete

        return plan_delete(session, learner, kind, row_id)

    def ask(planned: Deletion) -> None:
        dialog = ConfirmDialog(f"Delete this {kind}?", planned.statement + " You can undo it with u.")
        screen.app.push_screen(dialog, lambda yes: _delete(screen, kind, row_id) if yes else None)

    screen.proofwork.record_job(plan, ask)


def _delete(screen: WorkScreen, kind: str, row_id: int) -> None:
    def delete(session: Any, learner: Any) -> Deletion:
        from tracker.deletes import delete

        return delete(session, learner, kind, row_id)

    def deleted(deletion: Deletion) -> None:
        screen.notify(f"{deletion.done} Press u to undo.", timeout=8, markup=False)
        screen.deleted(deletion)

    screen.proofwork.record_job(delete, deleted)


def undo_last(screen: WorkScreen, deletion: Deletion) -> None:
    def undo(session: Any, learner: Any) -> str:
        from tracker.deletes import undo

        undo(session, deletion)
        return deletion.what

    def undone(what: str) -> None:
        screen.notify(f"Put back {what}.", timeout=5, markup=False)
        screen.deleted(None)

    screen.proofwork.record_job(undo, undone)

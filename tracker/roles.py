"""The role landscape for the learner whose record this is: their latest scores set against every role."""

from __future__ import annotations

from sqlalchemy.orm import Session

from curriculum.catalog import load_catalog
from curriculum.roles import RolesView, roles_view
from tracker.assessments import assessment_history
from tracker.learners import current_learner, learner_setting, needs_profile


def learner_roles(session: Session, handle: str | None = None) -> RolesView:
    """Every role; with a profile and an assessment, the fit to each and the closest next role.

    The roles are content and need no record: with an empty database the view simply has no fit. A learner
    named by the learner setting (--learner, PROOFWORK_LEARNER or the config file) who is not there is still
    an error, as for every other command.
    """
    catalog = load_catalog()
    if learner_setting(handle) is None and needs_profile(session):
        return roles_view(catalog)
    learner = current_learner(session, handle)
    history = assessment_history(session, learner)
    scores = history[-1].as_dict() if history else None
    if scores is not None and set(scores) != set(catalog.competency_keys):
        scores = None  # an assessment from before a competency was added cannot be fitted to the roles
    return roles_view(catalog, scores, current_role=learner.current_role, target_role=learner.target_role)

"""Writes of the catalogue's replications: a member says where and how they want to replicate
a published innovation; its owner answers in the platform, and confirms the replication (or
says it did not happen). Each step is one transaction, leaves a history entry on the
replication, and notifies the other person in their own language."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tremplin.core import history
from tremplin.messaging.services import send

from .. import audit, notices
from ..models import Innovation, InnovationVersion, Replication
from ..workflow import REPLICATION_WORKFLOW, Outcome, replication_transition

R = Replication.State


ANSWER_NOTICES = {
    Outcome.ANSWER: notices.REPLICATION_ANSWERED,
    Outcome.CONFIRM: notices.REPLICATION_CONFIRMED,
    Outcome.DECLINE: notices.REPLICATION_DECLINED,
}


def request_replication(
    innovation: Innovation, person, *, country, organisation: str = "", plan: str
) -> Replication:
    """Record that `person` wants to replicate `innovation` in `country`, and tell its owner.
    Sending the same request twice (a double click) records it once."""
    if not person.has_perm("catalogue.replicate", innovation):
        raise PermissionDenied
    plan = (plan or "").strip()
    if not plan:
        raise ValidationError({"plan": [_("Say where and how you would replicate it.")]})
    with transaction.atomic():
        locked = (
            Innovation.objects.select_for_update(of=("self",))
            .select_related("published", "owner")
            .get(pk=innovation.pk)
        )
        if (
            locked.published_id is None
            or locked.published.state != InnovationVersion.State.PUBLISHED
        ):
            raise PermissionDenied
        same = Replication.objects.filter(
            innovation=locked,
            person=person,
            country=country,
            plan=plan,
            state=R.PROPOSED,
        ).first()
        if same is not None:
            return same
        replication = Replication.objects.create(
            innovation=locked,
            person=person,
            country=country,
            organisation=(organisation or "").strip(),
            plan=plan,
        )
        history.record(
            replication,
            audit.REPLICATION_REQUESTED,
            person,
            to_state=R.PROPOSED,
            country=str(replication.country),
            organisation=replication.organisation,
            plan=plan,
        )
        send(notices.REPLICATION_REQUESTED, locked.owner, obj=replication)
    return replication


def answer_replication(replication: Replication, actor, *, outcome: str, answer: str = ""):
    """The owner's answer: a message, a confirmation that the replication happened, or that it
    did not. The person who asked is told."""
    if not actor.has_perm("catalogue.answer_replication", replication):
        raise PermissionDenied
    if outcome not in Outcome.CHOICES:
        raise ValidationError({"outcome": [_("Choose what you answer.")]})
    answer = (answer or "").strip()
    if outcome == Outcome.ANSWER and not answer:
        raise ValidationError({"answer": [_("Write your answer.")]})
    with transaction.atomic():
        locked = (
            Replication.objects.select_for_update(of=("self",))
            .select_related("innovation__published", "person")
            .get(pk=replication.pk)
        )
        name = replication_transition(outcome, locked.state)
        if name is None:
            raise ValidationError(_("This request has changed meanwhile: read it again."))
        if answer:
            locked.answer = answer
            locked.save(update_fields=["answer", "updated_at"])
        # The machine checks the permission again, moves the state and writes the history.
        REPLICATION_WORKFLOW.fire(locked, name, actor, answer=answer)
        send(
            ANSWER_NOTICES[outcome], locked.person, obj=locked, values=notices.answer_values(answer)
        )
    replication.state, replication.answer = locked.state, locked.answer
    return locked

"""Writes of the catalogue's replications: a member says where and how they want to replicate
a published innovation; its owner answers in the platform, and confirms the replication (or
says it did not happen). Each step is one transaction, leaves a history entry on the
replication, and notifies the other person in their own language."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from tremplin.core import history
from tremplin.core.text import quoted
from tremplin.core.urls_absolute import absolute
from tremplin.messaging.services import notify

from ..models import Innovation, InnovationVersion, Replication

R = Replication.State


class Outcome:
    """What the owner does when answering."""

    ANSWER = "answer"  # a message; the request stays open
    CONFIRM = "confirm"  # the replication happened: it counts on the record
    DECLINE = "decline"  # it did not happen

    CHOICES = (ANSWER, CONFIRM, DECLINE)


# The state each outcome leads to, from the states it may start from. An owner may correct a
# confirmation into "did not happen" and back; a plain answer keeps a decided state.
TARGET = {Outcome.CONFIRM: R.CONFIRMED, Outcome.DECLINE: R.DECLINED}
ALLOWED_FROM = {
    Outcome.ANSWER: (R.PROPOSED, R.ANSWERED, R.CONFIRMED, R.DECLINED),
    Outcome.CONFIRM: (R.PROPOSED, R.ANSWERED, R.DECLINED),
    Outcome.DECLINE: (R.PROPOSED, R.ANSWERED, R.CONFIRMED),
}


def replication_link(replication: Replication) -> str:
    return absolute(reverse("catalogue:replication", kwargs={"pk": replication.pk}))


def _title(innovation: Innovation) -> str:
    """The innovation's title in the active language (the recipient's, inside notify)."""
    version = innovation.published
    return (version.title.shown().text if version else "") or innovation.slug


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
            "replication_requested",
            person,
            to_state=R.PROPOSED,
            country=str(replication.country),
            organisation=replication.organisation,
            plan=plan,
        )
        notify(locked.owner, _requested_notice(replication, locked, person))
    return replication


def _requested_notice(replication: Replication, innovation: Innovation, person):
    def write():
        values = {
            "title": _title(innovation),
            "person": str(person),
            "country": replication.country.name,
            "organisation": replication.organisation or _("(no organisation given)"),
            "plan": replication.plan,
            "link": replication_link(replication),
        }
        # The subject is ours: the person's name is theirs to choose, so it is only in the
        # text, with what they wrote quoted.
        subject = _("A request to replicate “%(title)s”") % values
        body = _(
            "%(person)s would like to replicate your innovation “%(title)s”.\n\n"
            "Where: %(country)s\nOrganisation: %(organisation)s\n\n"
            "How, as they wrote it:\n%(plan)s\n\n"
            "Answer them on the platform, and confirm the replication once it has happened: "
            "%(link)s"
        ) % {**values, "plan": quoted(replication.plan)}
        return subject, body

    return write


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
        if locked.state not in ALLOWED_FROM[outcome]:
            raise ValidationError(_("This request has changed meanwhile: read it again."))
        before = locked.state
        if outcome in TARGET:
            locked.state = TARGET[outcome]
        elif locked.state == R.PROPOSED:
            locked.state = R.ANSWERED
        if answer:
            locked.answer = answer
        locked.save(update_fields=["state", "answer", "updated_at"])
        action = {
            Outcome.ANSWER: "replication_answered",
            Outcome.CONFIRM: "replication_confirmed",
            Outcome.DECLINE: "replication_declined",
        }[outcome]
        history.record(
            locked, action, actor, from_state=before, to_state=locked.state, answer=answer
        )
        notify(locked.person, _answered_notice(locked, outcome, answer))
    replication.state, replication.answer = locked.state, locked.answer
    return locked


def _answered_notice(replication: Replication, outcome: str, answer: str):
    def write():
        values = {
            "title": _title(replication.innovation),
            "country": replication.country.name,
            "answer": answer,
            "link": replication_link(replication),
        }
        if outcome == Outcome.CONFIRM:
            subject = _("Your replication of “%(title)s” is confirmed") % values
            intro = (
                _(
                    "The team behind “%(title)s” confirmed your replication in %(country)s: it now "
                    "counts on the innovation's page."
                )
                % values
            )
        elif outcome == Outcome.DECLINE:
            subject = _("Your replication of “%(title)s”: not confirmed") % values
            intro = (
                _("The team behind “%(title)s” says the replication in %(country)s did not happen.")
                % values
            )
        else:
            subject = _("Answer about replicating “%(title)s”") % values
            intro = _("The team behind “%(title)s” answered your request.") % values
        parts = [intro]
        if answer:
            parts.append(_("Their message:") + "\n" + quoted(answer))
        parts.append(_("See the request: %(link)s") % values)
        return subject, "\n\n".join(parts)

    return write

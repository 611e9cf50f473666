"""Writes of the catalogue's moderation: decisions (national society and central), publishing
and taking down, moderators' translations, national societies' policies (abuse reports are in
services/reports.py, follows and the weekly digest in services/follows.py). Each write is one
transaction and leaves a history entry."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tremplin.core import four_eyes, history
from tremplin.core.translated import TranslatedText
from tremplin.messaging.services import send

from .. import audit, indexing, notices
from ..models import (
    Criterion,
    Innovation,
    InnovationVersion,
    Review,
    SocietyPolicy,
)
from ..workflow import VERSION_WORKFLOW

S = InnovationVersion.State
Decision = Review.Decision
Level = Review.Level

# The transition fired for each decision, per level.
TRANSITIONS = {
    Level.CENTRAL: {
        Decision.ACCEPT: "publish",
        Decision.CHANGES: "request_changes",
        Decision.REJECT: "reject",
    },
    Level.SOCIETY: {
        Decision.ACCEPT: "society_accept",
        Decision.CHANGES: "society_request_changes",
        Decision.REJECT: "society_reject",
    },
}

# A moderator may add or correct translations of these versions.
TRANSLATABLE_STATES = (S.SOCIETY_REVIEW, S.SUBMITTED, S.PUBLISHED)


def level_for(version: InnovationVersion) -> str | None:
    """The moderation level a version waits for, if any."""
    if version.state == S.SUBMITTED:
        return Level.CENTRAL
    if version.state == S.SOCIETY_REVIEW:
        return Level.SOCIETY
    return None


def may_decide(person, version: InnovationVersion) -> bool:
    level = level_for(version)
    if level == Level.CENTRAL:
        return person.has_perm("catalogue.moderate_version", version)
    if level == Level.SOCIETY:
        return person.has_perm("catalogue.decide_for_society", version)
    return False


def _recipients(version: InnovationVersion) -> list:
    """The submitter, and the innovation's owner when someone else wrote the version."""
    people = [version.author]
    if version.innovation.owner_id != version.author_id:
        people.append(version.innovation.owner)
    return people


def decide(
    version: InnovationVersion,
    actor,
    *,
    decision: str,
    checklist: dict[str, bool],
    message: str = "",
) -> Review:
    """Record a moderation step on a version awaiting one, move it along the workflow, and tell
    the submitter in their language. Raises ValidationError (state, missing message, criteria
    not all met for an acceptance) or PermissionDenied."""
    level = level_for(version)
    if level is None:
        raise ValidationError(_("This version is not awaiting moderation (any more)."))
    four_eyes.refuse_own_work(actor, version)
    if not may_decide(actor, version):
        raise PermissionDenied(_("You are not allowed to do this."))
    if decision not in Decision.values:
        raise ValidationError(_("Choose a decision."))
    message = (message or "").strip()
    checklist = {c: bool(checklist.get(c)) for c in Criterion.values}
    if decision == Decision.ACCEPT and not all(checklist.values()):
        raise ValidationError(
            _("A version is accepted only when it meets the four criteria: tick each of them.")
        )
    if decision != Decision.ACCEPT and not message:
        raise ValidationError(
            _("Write a message to the submitter: what to change, or why it is rejected.")
        )
    name = TRANSITIONS[level][decision]
    with transaction.atomic():
        if name == "publish":
            publish(version, actor, reason=message)
        else:
            VERSION_WORKFLOW.fire(version, name, actor, reason=message)
            InnovationVersion.objects.filter(pk=version.pk).update(decided_at=timezone.now())
        review = Review.objects.create(
            version=version,
            level=level,
            moderator=actor,
            checklist=checklist,
            decision=decision,
            message=message,
        )
        send(notices.decision_notice(review), _recipients(version), obj=review)
    return review


def publish(version: InnovationVersion, actor, *, reason: str = "") -> InnovationVersion:
    """Put a version online in one transaction: it replaces the version published before (which
    stays online until this moment), the innovation's denormalised fields follow, and the
    search index is rebuilt."""
    with transaction.atomic():
        innovation = Innovation.objects.select_for_update().get(pk=version.innovation_id)
        previous_id = innovation.published_id
        VERSION_WORKFLOW.fire(version, "publish", actor, reason=reason)
        if previous_id and previous_id != version.pk:
            previous = InnovationVersion.objects.get(pk=previous_id)
            VERSION_WORKFLOW.fire(previous, "supersede", actor, by_version=version.number)
        now = timezone.now()
        InnovationVersion.objects.filter(pk=version.pk).update(decided_at=now)
        innovation.published = version
        innovation.published_at = now
        if innovation.first_published_at is None:
            innovation.first_published_at = now
        innovation.country = version.country
        innovation.stage = version.stage
        innovation.save(
            update_fields=["published", "published_at", "first_published_at", "country", "stage"]
        )
        history.record(innovation, audit.PUBLISHED, actor, version=version.number)
        indexing.reindex(innovation)
    version.innovation = innovation
    return version


def take_down(innovation: Innovation, actor, *, reason: str) -> InnovationVersion:
    """Take the innovation offline (after a report, or a moderator's decision): its published
    version is withdrawn and the search index forgets it. The owner is told why."""
    if not actor.has_perm("catalogue.moderate"):
        raise PermissionDenied(_("You are not allowed to do this."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Please give a reason."))
    with transaction.atomic():
        locked = Innovation.objects.select_for_update().get(pk=innovation.pk)
        if locked.published_id is None:
            raise ValidationError(_("This innovation is not online."))
        version = InnovationVersion.objects.select_related("innovation__owner", "author").get(
            pk=locked.published_id
        )
        VERSION_WORKFLOW.fire(version, "take_down", actor, reason=reason)
        locked.published = None
        locked.save(update_fields=["published"])
        history.record(locked, audit.TAKEN_DOWN, actor, reason=reason, version=version.number)
        indexing.reindex(locked)
        send(notices.TAKEN_DOWN, locked.owner, obj=version, values={"reason": reason})
    innovation.published = None
    return version


# --- Moderators' translations -------------------------------------------------------------------


def translate(
    version: InnovationVersion, actor, *, language: str, texts: dict[str, str]
) -> list[str]:
    """Add or correct the text of `version` in `language` (not its original language), without
    a new moderation round. An empty text removes that language from the field. Returns the
    fields changed; they are remembered in version.moderator_translations."""
    four_eyes.require(actor, "catalogue.translate", version)
    if language == version.original_language:
        raise ValidationError(
            _("This is the language the record was written in: only its author changes it.")
        )
    with transaction.atomic():
        locked = InnovationVersion.objects.select_for_update().get(pk=version.pk)
        if locked.state not in TRANSLATABLE_STATES:
            raise ValidationError(_("This version can no longer be translated."))
        changed = []
        for name in InnovationVersion.TEXT_FIELDS:
            if name not in texts:
                continue
            text = (texts[name] or "").strip()
            current = getattr(locked, name)
            if text == current.in_language(language):
                continue
            value = TranslatedText(current)
            if text:
                value[language] = text
            else:
                value.pop(language, None)
            setattr(locked, name, value)
            changed.append(name)
        if not changed:
            return []
        marked = dict(locked.moderator_translations or {})
        marked[language] = sorted(set(marked.get(language, [])) | set(changed))
        locked.moderator_translations = marked
        locked.save(update_fields=[*changed, "moderator_translations", "updated_at"])
        history.record(
            locked, audit.TRANSLATED_BY_MODERATOR, actor, language=language, fields=changed
        )
        innovation = Innovation.objects.get(pk=locked.innovation_id)
        if innovation.published_id == locked.pk:
            indexing.reindex(innovation)
    for name in changed:
        setattr(version, name, getattr(locked, name))
    version.moderator_translations = locked.moderator_translations
    return changed


# --- National societies' policies ---------------------------------------------------------------


def set_society_policy(society, actor, *, requires_validation: bool, validators) -> SocietyPolicy:
    if not actor.has_perm("catalogue.manage_society_policies"):
        raise PermissionDenied(_("You are not allowed to do this."))
    if society.kind != "national_society":
        raise ValidationError(_("Only a national society has a catalogue policy."))
    validators = list(validators)
    if requires_validation and not validators:
        raise ValidationError(
            _("A society that validates its innovations needs at least one validator.")
        )
    with transaction.atomic():
        policy, _created = SocietyPolicy.objects.get_or_create(society=society)
        policy.requires_validation = requires_validation
        policy.save(update_fields=["requires_validation"])
        policy.validators.set(validators)
        history.record(
            policy,
            audit.SOCIETY_POLICY_SET,
            actor,
            requires_validation=requires_validation,
            validators=[p.email for p in validators],
        )
    return policy

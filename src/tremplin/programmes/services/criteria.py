"""Writes about a call's eligibility checklist: the default checklist a new call starts with
(the programme's rules, then the four criteria of the catalogue), and each criterion added,
reworded, deleted or moved."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tremplin.accounts.models import Organisation
from tremplin.core import history
from tremplin.core.ordering import move
from tremplin.core.services import require
from tremplin.core.translated import in_every_language

from .. import audit
from ..models import Call, EligibilityCriterion
from ._common import renumber

# The programme's audience, as a criterion (nothing to check when anyone may apply).
AUDIENCE_CRITERIA = {
    "members": gettext_noop(
        "The applicant is a verified member of the movement (volunteer, employee or student)."
    ),
    "outsiders": gettext_noop("The project is carried by an actor outside the movement."),
}
ORGANISATION_KINDS_CRITERION = gettext_noop(
    "The organisation carrying the project is of an accepted kind: %(kinds)s."
)
REGIONS_CRITERION = gettext_noop("The project is rooted in an accepted region: %(regions)s.")
# The four criteria of the shared catalogue (DOMAIN.md), which every selection also weighs.
CATALOGUE_CRITERIA = [
    gettext_noop("The project answers a social or organisational need."),
    gettext_noop("The value proposition is innovative."),
    gettext_noop("The project has a social impact."),
    gettext_noop("The project is of strategic interest for the movement."),
]


def default_criteria(call: Call) -> list[dict]:
    """The checklist a call starts with: the programme's rules (audience, organisation kinds,
    regions) then the four criteria of the catalogue, each in every language."""
    criteria = []
    audience = AUDIENCE_CRITERIA.get(call.programme.audience)
    if audience:
        criteria.append(in_every_language(audience))
    kinds = [
        kind for kind in Organisation.Kind if kind.value in (call.eligible_organisation_kinds or [])
    ]
    if kinds:
        criteria.append(
            in_every_language(
                ORGANISATION_KINDS_CRITERION,
                kinds=lambda: ", ".join(str(kind.label) for kind in kinds),
            )
        )
    regions = list(call.eligible_regions.order_by("name")) if call.pk else []
    if regions:
        criteria.append(
            in_every_language(
                REGIONS_CRITERION,
                regions=lambda: ", ".join(region.display_name for region in regions),
            )
        )
    criteria.extend(in_every_language(text) for text in CATALOGUE_CRITERIA)
    return criteria


def ensure_default_criteria(call: Call, actor) -> None:
    """Give a call without a checklist the default one."""
    require(actor, "programmes.manage_calls", call)
    if call.criteria.exists():
        return
    EligibilityCriterion.objects.bulk_create(
        EligibilityCriterion(call=call, position=position, label=label)
        for position, label in enumerate(default_criteria(call))
    )


def add_criterion(call: Call, actor, *, label) -> EligibilityCriterion:
    require(actor, "programmes.manage_calls", call)
    with transaction.atomic():
        position = (call.criteria.aggregate(m=Max("position"))["m"] or 0) + 1
        criterion = EligibilityCriterion.objects.create(call=call, position=position, label=label)
        history.record(call, audit.CRITERION_ADDED, actor, criterion=criterion.pk)
    return criterion


def update_criterion(criterion: EligibilityCriterion, actor, *, label) -> EligibilityCriterion:
    require(actor, "programmes.manage_calls", criterion.call)
    with transaction.atomic():
        if dict(criterion.label) != dict(label):
            criterion.label = label
            criterion.save(update_fields=["label"])
            history.record(criterion.call, audit.CRITERION_UPDATED, actor, criterion=criterion.pk)
    return criterion


def criterion_deletion_refusal(criterion: EligibilityCriterion):
    """Why `criterion` may not be deleted, or None: what screeners recorded stays."""
    # Through the call's applications and their screening checks (programmes imports
    # nothing from applications).
    if criterion.call.applications.filter(screening_checks__criterion=criterion).exists():
        return _(
            "Applications have already been screened against this criterion: deleting it would "
            "delete what the team recorded. Reword it instead."
        )
    return None


def delete_criterion(criterion: EligibilityCriterion, actor) -> None:
    require(actor, "programmes.manage_calls", criterion.call)
    refusal = criterion_deletion_refusal(criterion)
    if refusal:
        raise ValidationError(refusal)
    with transaction.atomic():
        call = criterion.call
        history.record(
            call,
            audit.CRITERION_DELETED,
            actor,
            criterion=criterion.pk,
            label=dict(criterion.label),
        )
        criterion.delete()
        renumber(call.criteria.order_by("position", "id"))


def move_criterion(criterion: EligibilityCriterion, actor, direction: int) -> None:
    require(actor, "programmes.manage_calls", criterion.call)
    with transaction.atomic():
        move(EligibilityCriterion.objects.filter(call=criterion.call_id), criterion, direction)
        history.record(
            criterion.call,
            audit.CRITERION_MOVED,
            actor,
            criterion=criterion.pk,
            direction=direction,
        )

"""The financial package of a project: tranches in euros, each change recorded with the
values before and after."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tremplin.core import history
from tremplin.core.four_eyes import require

from .. import audit
from ..models import FundingTranche, LaureateProject

CENT = Decimal("0.01")


def _snapshot(tranche: FundingTranche) -> dict:
    return {
        "amount": str(tranche.amount),
        "partner": tranche.partner.name if tranche.partner_id else "",
        "conditions": tranche.conditions,
        "planned_on": str(tranche.planned_on),
        "disbursed_on": str(tranche.disbursed_on) if tranche.disbursed_on else "",
    }


def _check(amount) -> Decimal:
    """The amount in euros to the cent, refused when not positive."""
    if amount is None or Decimal(amount) <= 0:
        raise ValidationError({"amount": _("The amount must be more than zero.")})
    return Decimal(amount).quantize(CENT)


def add_tranche(
    project: LaureateProject,
    actor,
    *,
    amount,
    partner,
    conditions="",
    planned_on,
    disbursed_on=None,
) -> FundingTranche:
    require(actor, "acceleration.manage_funding", project)
    amount = _check(amount)
    with transaction.atomic():
        tranche = FundingTranche.objects.create(
            project=project,
            amount=amount,
            partner=partner,
            conditions=conditions.strip(),
            planned_on=planned_on,
            disbursed_on=disbursed_on,
        )
        history.record(
            project,
            audit.TRANCHE_ADDED,
            actor,
            tranche=tranche.pk,
            after=_snapshot(tranche),
        )
    return tranche


def change_tranche(
    tranche: FundingTranche, actor, *, amount, partner, conditions, planned_on, disbursed_on
) -> FundingTranche:
    require(actor, "acceleration.manage_funding", tranche.project)
    amount = _check(amount)
    with transaction.atomic():
        tranche = (
            FundingTranche.objects.select_for_update(of=("self",))
            .select_related("partner")
            .get(pk=tranche.pk)
        )
        before = _snapshot(tranche)
        tranche.amount, tranche.partner = amount, partner
        tranche.conditions, tranche.planned_on = conditions.strip(), planned_on
        tranche.disbursed_on = disbursed_on
        tranche.save()
        after = _snapshot(tranche)
        if before != after:
            history.record(
                tranche.project,
                audit.TRANCHE_CHANGED,
                actor,
                tranche=tranche.pk,
                before=before,
                after=after,
            )
    return tranche


def remove_tranche(tranche: FundingTranche, actor) -> None:
    require(actor, "acceleration.manage_funding", tranche.project)
    with transaction.atomic():
        history.record(
            tranche.project,
            audit.TRANCHE_REMOVED,
            actor,
            tranche=tranche.pk,
            before=_snapshot(tranche),
        )
        tranche.delete()

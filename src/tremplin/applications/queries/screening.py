"""Reads of the staff page of one application: the application, its eligibility checklist,
requests for information, internal notes and history."""

from __future__ import annotations

from dataclasses import dataclass

from tremplin.core.history import history_of

from ..models import Application, InformationRequest, ScreeningCheck


def application_for_staff(pk: int) -> Application:
    return Application.objects.select_related(
        "call__programme", "call__season", "region", "applicant"
    ).get(pk=pk)


@dataclass
class ScreeningRow:
    criterion: object
    check: ScreeningCheck | None

    @property
    def field_prefix(self) -> str:
        return f"criterion-{self.criterion.pk}"


def screening_rows(application: Application) -> list[ScreeningRow]:
    checks = {
        check.criterion_id: check
        for check in ScreeningCheck.objects.filter(application=application).select_related(
            "checked_by"
        )
    }
    return [
        ScreeningRow(criterion, checks.get(criterion.pk))
        for criterion in application.call.criteria.all()
    ]


def information_requests(application: Application):
    return InformationRequest.objects.filter(application=application).select_related(
        "asked_by", "responded_by"
    )


def notes(application: Application):
    return application.notes.select_related("author")


def history(application: Application):
    return history_of(application)

"""Reads of the staff list of applications (of one call or of every call): filters, sorting,
pages, and the rows of an export in the list's order."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice

from django.core.paginator import Page
from django.db.models import F, Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from tremplin.accounts.models import Organisation
from tremplin.core import pagination, search
from tremplin.programmes import questions as q
from tremplin.programmes.models import Call, Programme, Question, Season
from tremplin.reference.models import Region

from ..models import Answer, AnswerChoice, Application, Attachment, State
from .answers import AnswerReader, reads_live_answers

PAGE_SIZE = 50

# Sort keys offered to staff -> the columns they order by (the primary key breaks ties, so
# that pages never overlap).
SORTS = {
    "submitted": (F("submitted_at").asc(nulls_last=True), "pk"),
    "-submitted": (F("submitted_at").desc(nulls_last=True), "-pk"),
    "title": ("title", "pk"),
    "-title": ("-title", "-pk"),
    "region": (F("region__name").asc(nulls_last=True), "pk"),
    "-region": (F("region__name").desc(nulls_last=True), "-pk"),
    "status": ("state", "pk"),
    "-status": ("-state", "-pk"),
}
DEFAULT_SORT = "-submitted"

# System questions whose answers have their own filter (the application's columns).
FILTERED_BY_COLUMN = {"region", "organisation_kind"}


@dataclass
class Filters:
    """What staff asked for, already validated."""

    call: Call | None = None
    include_drafts: bool = False
    states: list[str] = field(default_factory=list)
    programme_id: int | None = None
    season_id: int | None = None
    region_code: str = ""
    business_line: str = ""
    organisation_kind: str = ""
    # question id -> chosen value, for the call's own choice questions.
    answers: dict[int, str] = field(default_factory=dict)
    search: str = ""
    sort: str = DEFAULT_SORT


def staff_applications(filters: Filters) -> QuerySet[Application]:
    """The applications matching `filters`, in the asked order (ids and sort keys only: see
    list_page() and export_rows() for what is read of each)."""
    applications = Application.objects.all()
    if filters.call is not None:
        applications = applications.filter(call=filters.call)
    if filters.states:
        applications = applications.filter(state__in=filters.states)
    if not filters.include_drafts and State.DRAFT not in filters.states:
        applications = applications.exclude(state=State.DRAFT)
    if filters.programme_id:
        applications = applications.filter(call__programme_id=filters.programme_id)
    if filters.season_id:
        applications = applications.filter(call__season_id=filters.season_id)
    if filters.region_code:
        applications = applications.filter(region__code=filters.region_code)
    if filters.organisation_kind:
        applications = applications.filter(organisation_kind=filters.organisation_kind)
    # "id IN (chosen values)" reads the (question, value) index once; a correlated EXISTS
    # would be evaluated for every candidate row.
    if filters.business_line:
        chosen = AnswerChoice.objects.filter(
            question__kind=Question.Kind.BUSINESS_LINE, value=filters.business_line
        )
        if filters.call is not None:
            chosen = chosen.filter(question__call=filters.call)
        applications = applications.filter(pk__in=chosen.values("application_id"))
    for question_id, value in filters.answers.items():
        applications = applications.filter(
            pk__in=AnswerChoice.objects.filter(question_id=question_id, value=value).values(
                "application_id"
            )
        )
    if filters.search.strip():
        applications = applications.filter(
            pk__in=search.matching_ids("application", filters.search)
        )
    return applications.order_by(*SORTS.get(filters.sort, SORTS[DEFAULT_SORT]))


def list_page(applications: QuerySet[Application], number) -> tuple[Page, list[Application]]:
    """One page of the list, read in two steps: the ids of the page in the asked order (so
    that sorting tens of thousands of rows carries only the sort key and the id), then those
    rows with what the list shows. A number out of range gives the nearest page."""
    page = pagination.paginate(applications.values_list("pk", flat=True), PAGE_SIZE, number)
    ids = list(page.object_list)
    rows = {application.pk: application for application in for_list(ids)}
    return page, [rows[pk] for pk in ids if pk in rows]


def for_list(ids: list[int]) -> QuerySet[Application]:
    """The applications `ids` with what a row of the list shows: their own columns (not the
    submitted copy nor the search text, kilobytes each), their call and region, and the
    business lines they chose (one more query for the page)."""
    return (
        Application.objects.filter(pk__in=ids)
        .select_related("call", "region")
        .defer("frozen_answers", "search_text", "call__summary")
        .prefetch_related(
            Prefetch(
                "choices",
                queryset=AnswerChoice.objects.filter(
                    question__kind=Question.Kind.BUSINESS_LINE
                ).only("application_id", "value"),
                to_attr="business_line_choices",
            )
        )
    )


# --- What the filters offer --------------------------------------------------------------------


@dataclass
class ChoiceQuestion:
    question: Question
    options: list[tuple[str, str]]


@dataclass
class FilterChoices:
    """The values each filter offers, read once per page (a fixed number of queries)."""

    regions: list[tuple[str, str]]
    business_lines: list[tuple[str, str]]
    organisation_kinds: list[tuple[str, str]]
    programmes: list[tuple[str, str]]
    seasons: list[tuple[str, str]]
    questions: list[ChoiceQuestion]

    @property
    def business_line_labels(self) -> dict[str, str]:
        return dict(self.business_lines)


def filter_choices(call: Call | None = None) -> FilterChoices:
    reference = q.ReferenceChoices()
    questions = []
    if call is not None:
        for question in call.questions.select_related("step"):
            if (
                not question.is_choice
                or question.key in FILTERED_BY_COLUMN
                or question.kind == Question.Kind.BUSINESS_LINE
            ):
                continue
            questions.append(ChoiceQuestion(question, q.options_of(question, reference)))
    return FilterChoices(
        regions=[(r.code, r.display_name) for r in Region.objects.order_by("kind", "name")],
        business_lines=reference.business_lines,
        organisation_kinds=list(Organisation.Kind.choices),
        programmes=[] if call else [(str(p.pk), str(p)) for p in Programme.objects.all()],
        seasons=[] if call else [(str(s.pk), str(s)) for s in Season.objects.all()],
        questions=questions,
    )


# --- Exports -----------------------------------------------------------------------------------

EXPORT_CHUNK = 1000
EXPORT_FIELDS = [
    "call_id",
    "state",
    "created_at",
    "submitted_at",
    "applicant_name",
    "organisation_name",
    "organisation_kind",
    "region_id",
    "frozen_answers",
    "applicant__email",
    "applicant__full_name",
]


def _batched(iterable, size):
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


def export_questions(call: Call | None) -> list[Question]:
    if call is None:
        return []
    return list(call.questions.select_related("step"))


def export_header(questions: list[Question], with_call: bool) -> list[str]:
    """The column titles of export_rows(), in the reader's language."""
    header = [_("Reference")]
    if with_call:
        header.append(_("Call"))
    header += [
        _("Status"),
        _("Started"),
        _("Submitted"),
        _("Applicant"),
        _("Applicant's e-mail address"),
        _("Organisation"),
        _("Kind of organisation"),
        _("Region"),
    ]
    return header + [str(question.label) for question in questions]


def export_rows(
    applications: QuerySet[Application], questions: list[Question], reader: AnswerReader
) -> Iterator[list]:
    """One row per application: its facts, then one cell per question (in form order).

    The ids are read first, in the list's order (a sort that carries only the sort key and the
    id); then the applications, by chunks of ids, with the answers of drafts (which have no
    submitted copy) and their files. Calls and regions are read once."""
    status_labels = {value: str(label) for value, label in State.choices}
    kind_labels = {value: str(label) for value, label in Organisation.Kind.choices}
    regions = {region.pk: region.display_name for region in Region.objects.all()}
    calls: dict[int, Call] = {}
    # The export of every call has no question columns (each call has its own form).
    with_call = not questions
    ids = list(applications.values_list("pk", flat=True))
    for chunk in _batched(ids, EXPORT_CHUNK):
        found = {
            application.pk: application
            for application in Application.objects.filter(pk__in=chunk)
            .select_related("applicant")
            .only(*EXPORT_FIELDS)
        }
        batch = [found[pk] for pk in chunk if pk in found]
        missing_calls = {a.call_id for a in batch} - set(calls)
        if missing_calls:
            calls.update(Call.objects.in_bulk(missing_calls))
        drafts = [a.pk for a in batch if reads_live_answers(a)]
        live: dict[int, list[Answer]] = {}
        draft_files: dict[tuple[int, int], list[str]] = {}
        if drafts and questions:
            for answer in Answer.objects.filter(application_id__in=drafts).only(
                "application_id", "question_id", "value", "text", "raw"
            ):
                live.setdefault(answer.application_id, []).append(answer)
            for application_id, question_id, name in Attachment.objects.filter(
                application_id__in=drafts
            ).values_list("application_id", "question_id", "original_name"):
                draft_files.setdefault((application_id, question_id), []).append(name)
        for application in batch:
            call = calls[application.call_id]
            tz = call.tz
            applicant = application.applicant if application.applicant_id else None
            row = [application.reference]
            if with_call:
                row.append(str(call))
            row += [
                status_labels.get(application.state, application.state),
                _local(application.created_at, tz),
                _local(application.submitted_at, tz),
                application.applicant_name or (str(applicant) if applicant else ""),
                applicant.email if applicant else "",
                application.organisation_name,
                kind_labels.get(application.organisation_kind, application.organisation_kind),
                regions.get(application.region_id, ""),
            ]
            if questions:
                entries = reader.entries(application, live.get(application.pk, []))
                for question in questions:
                    text, names = entries.get(question.pk, ("", []))
                    if question.kind == Question.Kind.FILE:
                        names = names or draft_files.get((application.pk, question.pk), [])
                        text = ", ".join(names)
                    row.append(text)
            yield row


def _local(moment, tz) -> str:
    if moment is None:
        return ""
    return timezone.localtime(moment, tz).strftime("%Y-%m-%d %H:%M")

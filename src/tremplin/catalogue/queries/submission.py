"""Reads of the submission pages: a submitter's records with the state of their latest
version and the moderators' last request, the version being worked on, a draft with what its
pages show; what a draft still misses before it can be submitted."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tremplin.core.translated import as_translated

from ..models import (
    MAX_PUBLICS,
    MAX_SDGS,
    MAX_THEMES,
    Criterion,
    Innovation,
    InnovationVersion,
    Review,
    SocietyPolicy,
)

S = InnovationVersion.State
# A version on its way to publication: the owner works on it or waits for moderators.
PENDING_STATES = (S.DRAFT, S.CHANGES_REQUESTED, S.SOCIETY_REVIEW, S.SUBMITTED)
EDITABLE_STATES = (S.DRAFT, S.CHANGES_REQUESTED)


def version_for_owner(pk: int):
    """A version with what the submission pages read (its innovation, national society)."""
    return (
        InnovationVersion.objects.select_related("innovation", "national_society", "author")
        .filter(pk=pk)
        .first()
    )


def pending_version(innovation: Innovation) -> InnovationVersion | None:
    """The newest version of `innovation` not yet published nor closed, if any."""
    return (
        innovation.versions.filter(state__in=PENDING_STATES)
        .select_related("innovation")
        .order_by("-number")
        .first()
    )


def latest_version(innovation: Innovation) -> InnovationVersion | None:
    return innovation.versions.order_by("-number").first()


@dataclass
class OwnRecord:
    innovation: Innovation
    latest: InnovationVersion
    published: InnovationVersion | None
    changes_message: str  # the moderators' last request when changes were requested

    @property
    def editable(self) -> bool:
        return self.latest.state in EDITABLE_STATES

    @property
    def pending(self) -> bool:
        return self.latest.state in PENDING_STATES

    @property
    def withdrawable(self) -> bool:
        return self.latest.state in PENDING_STATES

    @property
    def can_propose_update(self) -> bool:
        return self.published is not None and not self.pending


def records_of(person) -> list[OwnRecord]:
    """The innovations `person` owns, newest first, in three queries whatever their number."""
    versions = InnovationVersion.objects.only(
        "pk", "innovation_id", "number", "state", "title", "updated_at", "submitted_at"
    ).order_by("-number")
    innovations = list(
        Innovation.objects.filter(owner=person)
        .select_related("published")
        .prefetch_related(Prefetch("versions", queryset=versions, to_attr="all_versions"))
        .order_by("-created_at", "-pk")
    )
    latest = {i.pk: i.all_versions[0] for i in innovations if i.all_versions}
    asked = [v.pk for v in latest.values() if v.state == S.CHANGES_REQUESTED]
    messages: dict[int, str] = {}
    if asked:
        for version_id, message in (
            Review.objects.filter(version_id__in=asked, decision=Review.Decision.CHANGES)
            .order_by("created_at", "pk")
            .values_list("version_id", "message")
        ):
            messages[version_id] = message  # the last one wins
    return [
        OwnRecord(
            innovation=innovation,
            latest=latest[innovation.pk],
            published=innovation.published,
            changes_message=messages.get(latest[innovation.pk].pk, ""),
        )
        for innovation in innovations
        if innovation.pk in latest
    ]


def changes_requested_message(version: InnovationVersion) -> str:
    """The moderators' last message asking for changes on `version` ("" if none)."""
    if version.state != S.CHANGES_REQUESTED:
        return ""
    review = (
        version.reviews.filter(decision=Review.Decision.CHANGES)
        .order_by("-created_at", "-pk")
        .only("message")
        .first()
    )
    return review.message if review else ""


def innovation_from_application(application) -> Innovation | None:
    return Innovation.objects.filter(source_application=application).order_by("pk").first()


# --- Checking a draft before it is submitted ---------------------------------------------------

# What the summary page lists when missing, section by section (field, section, label).
REQUIRED_TEXTS = (
    ("title", "about", gettext_lazy("Title")),
    ("pitch", "about", gettext_lazy("One-line pitch")),
    ("need", "about", gettext_lazy("The need it answers")),
    ("solution", "about", gettext_lazy("The solution")),
    ("value_proposition", "about", gettext_lazy("What is innovative about it")),
    ("results", "results", gettext_lazy("Results and impact")),
    ("transfer_potential", "replicate", gettext_lazy("Transfer and scaling potential")),
    ("resources", "replicate", gettext_lazy("Resources needed")),
)


@dataclass(frozen=True)
class Problem:
    section: str
    field: str
    message: str


def missing(version: InnovationVersion) -> list[Problem]:
    """What must be filled in before submitting, in the order of the form."""
    language = version.original_language
    problems = []
    for name, section, label in REQUIRED_TEXTS:
        if not as_translated(getattr(version, name)).get(language):
            problems.append(Problem(section, name, _("%(field)s is missing.") % {"field": label}))
    if not version.cost_range:
        problems.append(Problem("replicate", "cost_range", _("Choose a cost range.")))
    if not version.stage:
        problems.append(Problem("classification", "stage", _("Choose the stage it has reached.")))
    publics = version.publics.count()
    themes = version.business_lines.count()
    sdgs = version.sdgs.count()
    if not publics:
        problems.append(Problem("classification", "publics", _("Choose at least one public.")))
    if not themes:
        problems.append(
            Problem("classification", "business_lines", _("Choose at least one theme."))
        )
    for field, count, limit in (
        ("publics", publics, MAX_PUBLICS),
        ("business_lines", themes, MAX_THEMES),
        ("sdgs", sdgs, MAX_SDGS),
    ):
        if count > limit:
            problems.append(
                Problem("classification", field, _("Choose at most %(count)s.") % {"count": limit})
            )
    if not version.country:
        problems.append(Problem("classification", "country", _("Choose the country.")))
    if not version.carrying_organisation:
        problems.append(
            Problem("classification", "carrying_organisation", _("Name the carrying organisation."))
        )
    if not version.contact_name or not version.contact_email:
        problems.append(
            Problem("contact", "contact_name", _("Give a contact person and their e-mail."))
        )
    for criterion in Criterion:
        if not (version.attestations or {}).get(criterion.value, "").strip():
            problems.append(
                Problem(
                    "criteria",
                    criterion.value,
                    _("Explain in a few words why: “%(criterion)s”.")
                    % {"criterion": criterion.label},
                )
            )
    return problems


def requires_society_validation(version: InnovationVersion) -> bool:
    return (
        bool(version.national_society_id)
        and SocietyPolicy.objects.filter(
            society_id=version.national_society_id, requires_validation=True
        ).exists()
    )

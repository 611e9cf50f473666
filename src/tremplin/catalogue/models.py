"""The innovation catalogue.

An Innovation is the lasting identity of a record (its address, owner, replications). Its
content lives in InnovationVersion rows: the version online (`Innovation.published`) stays
online while a newer version goes through moderation (see workflow.py). Text fields are
TranslatedText ({language: text}); `original_language` says which one the author wrote.

Search and facets read denormalised rows written when a version is published
(SearchDocument per language, FacetValue per facet value): see search.py and indexing.py."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from tremplin.core.translated import TranslatedField

MAX_SDGS = 5
MAX_THEMES = 5  # business lines
MAX_PUBLICS = 5

# The first segments of the catalogue's own addresses (share/, moderation/, api/...): never an
# innovation's slug, or /innovations/<slug>/ would be hidden by the page. A test checks this
# list against the URL patterns, so a new page cannot be forgotten here.
RESERVED_SLUGS = frozenset(
    {
        "api",
        "country",
        "drafts",
        "feed",
        "follow",
        "follows",
        "from-application",
        "images",
        "mine",
        "moderation",
        "open-data",
        "public",
        "replications",
        "resources",
        "sdg",
        "search",
        "share",
        "theme",
        "unfollow",
        "updates",
    }
)


class TargetPublic(models.Model):
    """Who an innovation serves (older people, migrants...): reference data, translated."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = TranslatedField(_("name"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("target public")
        verbose_name_plural = _("target publics")
        ordering = ["position"]

    def __str__(self) -> str:
        return str(self.name)


class Stage(models.TextChoices):
    IDEA = "idea", _("Idea")
    PROTOTYPE = "prototype", _("Prototype")
    PILOT = "pilot", _("Pilot")
    DEPLOYED = "deployed", _("Deployed")
    SCALED = "scaled", _("Scaled")


class CostRange(models.TextChoices):
    UNDER_10K = "lt10k", _("Less than €10,000")
    UNDER_50K = "10k-50k", _("€10,000 to €50,000")
    UNDER_200K = "50k-200k", _("€50,000 to €200,000")
    OVER_200K = "gt200k", _("More than €200,000")


class Criterion(models.TextChoices):
    """The four eligibility criteria of the catalogue (DOMAIN.md)."""

    NEED = "need", _("It answers a social or organisational need")
    INNOVATION = "innovation", _("It brings an innovative value proposition")
    IMPACT = "impact", _("It has a social impact")
    STRATEGIC = "strategic", _("It is of strategic interest for the movement")


class SocietyPolicy(models.Model):
    """A national society's own rule for the catalogue: whether its validation comes before
    the central team's, and who validates for it."""

    society = models.OneToOneField(
        "accounts.Organisation",
        verbose_name=_("national society"),
        on_delete=models.CASCADE,
        related_name="catalogue_policy",
        limit_choices_to={"kind": "national_society"},
    )
    requires_validation = models.BooleanField(
        _("validates its innovations before the central team"), default=False
    )
    validators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("validators"),
        blank=True,
        related_name="catalogue_societies",
    )

    class Meta:
        verbose_name = _("national society policy")
        verbose_name_plural = _("national society policies")

    def __str__(self) -> str:
        return str(self.society)


def default_licence() -> str:
    """The licence of newly published content: TREMPLIN_CATALOGUE_LICENCE (an SPDX id)."""
    return getattr(settings, "TREMPLIN_CATALOGUE_LICENCE", "") or "CC-BY-4.0"


class Innovation(models.Model):
    slug = models.SlugField(_("address"), max_length=120, unique=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="innovations",
    )
    published = models.OneToOneField(
        "InnovationVersion",
        verbose_name=_("published version"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source_application = models.ForeignKey(
        "applications.Application",
        verbose_name=_("application it comes from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="innovations",
    )
    licence = models.CharField(_("licence"), max_length=40, default=default_licence)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    first_published_at = models.DateTimeField(_("first published"), null=True, blank=True)
    # Denormalised from the published version, for sorting and filtering without joins.
    published_at = models.DateTimeField(_("last published"), null=True, blank=True, db_index=True)
    country = CountryField(_("country"), blank=True, db_index=True)
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, blank=True)

    class Meta:
        verbose_name = _("innovation")
        verbose_name_plural = _("innovations")
        ordering = ["-published_at", "-pk"]

    def __str__(self) -> str:
        version = self.published or self.versions.order_by("-number").first()
        return str(version.title) if version else self.slug

    def get_absolute_url(self) -> str:
        """The public page of the innovation, /innovations/<slug>/ (discovery part)."""
        return reverse("catalogue:innovation", kwargs={"slug": self.slug})


class InnovationVersion(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SOCIETY_REVIEW = "society_review", _("Awaiting the national society's validation")
        SUBMITTED = "submitted", _("Awaiting moderation")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        PUBLISHED = "published", _("Published")
        SUPERSEDED = "superseded", _("Replaced by a newer version")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    innovation = models.ForeignKey(
        Innovation, verbose_name=_("innovation"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.DRAFT, db_index=True
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="innovation_versions",
    )
    original_language = models.CharField(
        _("original language"), max_length=8, choices=settings.LANGUAGES
    )

    # What it is
    title = TranslatedField(_("title"), blank=True)
    pitch = TranslatedField(_("one-line pitch"), blank=True)
    need = TranslatedField(_("need it answers"), blank=True, textarea=True)
    solution = TranslatedField(_("solution"), blank=True, textarea=True)
    value_proposition = TranslatedField(
        _("innovative value proposition"), blank=True, textarea=True
    )
    results = TranslatedField(_("results and impact"), blank=True, textarea=True)
    # How to replicate it
    transfer_potential = TranslatedField(
        _("transfer and scaling potential"), blank=True, textarea=True
    )
    resources = TranslatedField(_("resources needed"), blank=True, textarea=True)
    partners_needed = TranslatedField(_("partners needed"), blank=True, textarea=True)
    cost_range = models.CharField(
        _("cost range"), max_length=20, choices=CostRange.choices, blank=True
    )
    duration_months = models.PositiveSmallIntegerField(
        _("duration to replicate (months)"), null=True, blank=True
    )
    # Classification
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, blank=True)
    publics = models.ManyToManyField(
        TargetPublic, verbose_name=_("target publics"), blank=True, related_name="+"
    )
    business_lines = models.ManyToManyField(
        "reference.BusinessLine", verbose_name=_("themes"), blank=True, related_name="+"
    )
    sdgs = models.ManyToManyField(
        "reference.SustainableDevelopmentGoal",
        verbose_name=_("sustainable development goals"),
        blank=True,
        related_name="+",
    )
    country = CountryField(_("country"), blank=True)
    national_society = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("national society"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"kind": "national_society"},
    )
    carrying_organisation = models.CharField(_("carrying organisation"), max_length=200, blank=True)
    # Contact
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    # The four criteria: {criterion: justification}, attested by the submitter.
    attestations = models.JSONField(_("eligibility attestations"), default=dict, blank=True)
    # Translations added or corrected by a moderator: {language: [field names]}.
    moderator_translations = models.JSONField(
        _("translations by moderators"), default=dict, blank=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    # The texts of a record: two short plain lines, then the long texts written in rich text
    # (sanitised by catalogue.richtext, shown as HTML).
    SHORT_TEXT_FIELDS = ("title", "pitch")
    LONG_TEXT_FIELDS = (
        "need",
        "solution",
        "value_proposition",
        "results",
        "transfer_potential",
        "resources",
        "partners_needed",
    )
    TEXT_FIELDS = SHORT_TEXT_FIELDS + LONG_TEXT_FIELDS

    class Meta:
        verbose_name = _("innovation version")
        verbose_name_plural = _("innovation versions")
        ordering = ["innovation", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["innovation", "number"], name="one_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.number})"

    @property
    def languages(self) -> list[str]:
        """The languages the record is written in (those with a title)."""
        return self.title.languages


class ImpactFigure(models.Model):
    """A result with its evidence: a figure, what it counts, its source and its date."""

    version = models.ForeignKey(
        InnovationVersion,
        verbose_name=_("version"),
        on_delete=models.CASCADE,
        related_name="figures",
    )
    label = TranslatedField(_("what it measures"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    source = models.CharField(_("source"), max_length=300)
    measured_on = models.DateField(_("date"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("impact figure")
        verbose_name_plural = _("impact figures")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return f"{self.value} {self.unit} {self.label}".strip()


class Resource(models.Model):
    """A file or a link that helps to replicate the innovation."""

    version = models.ForeignKey(
        InnovationVersion,
        verbose_name=_("version"),
        on_delete=models.CASCADE,
        related_name="resources_list",
    )
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("link"), blank=True)
    file = models.FileField(_("file"), upload_to="catalogue/resources/%Y/%m/", blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class Image(models.Model):
    """A picture of the innovation, re-encoded without metadata. When it shows people, their
    consent is recorded (who gave it, how, when) before it may be published."""

    version = models.ForeignKey(
        InnovationVersion,
        verbose_name=_("version"),
        on_delete=models.CASCADE,
        related_name="images",
    )
    file = models.ImageField(
        _("image"), upload_to="catalogue/images/%Y/%m/", width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(_("width"), default=0)
    height = models.PositiveIntegerField(_("height"), default=0)
    alt_text = TranslatedField(_("description for people who cannot see it"), blank=True)
    shows_people = models.BooleanField(_("shows people"), default=False)
    consent_recorded = models.BooleanField(_("consent of the people shown recorded"), default=False)
    consent_note = models.CharField(_("how consent was obtained"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(shows_people=False) | models.Q(consent_recorded=True),
                name="people_shown_consented",
            )
        ]

    def __str__(self) -> str:
        return self.file.name


class Review(models.Model):
    """One moderation step on a version: the checklist of the four criteria, the decision and
    the message to the submitter. Society validations and central moderation alike."""

    class Level(models.TextChoices):
        SOCIETY = "society", _("National society")
        CENTRAL = "central", _("Central team")

    class Decision(models.TextChoices):
        ACCEPT = "accept", _("Accept")
        CHANGES = "changes", _("Request changes")
        REJECT = "reject", _("Reject")

    version = models.ForeignKey(
        InnovationVersion,
        verbose_name=_("version"),
        on_delete=models.CASCADE,
        related_name="reviews",
    )
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderator"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    checklist = models.JSONField(_("criteria met"), default=dict)  # {criterion: bool}
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    message = models.TextField(_("message to the submitter"), blank=True)
    created_at = models.DateTimeField(_("date"), auto_now_add=True)

    class Meta:
        verbose_name = _("moderation review")
        verbose_name_plural = _("moderation reviews")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.version}: {self.get_decision_display()}"


class Replication(models.Model):
    """ "I want to replicate this": a member says where and how; the owner answers and may
    confirm the replication, which then counts on the record."""

    class State(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ANSWERED = "answered", _("Answered")
        CONFIRMED = "confirmed", _("Confirmed")
        DECLINED = "declined", _("Not confirmed")

    innovation = models.ForeignKey(
        Innovation,
        verbose_name=_("innovation"),
        on_delete=models.CASCADE,
        related_name="replications",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="replications",
    )
    country = CountryField(_("country"))
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    plan = models.TextField(_("where and how"))
    answer = models.TextField(_("owner's answer"), blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.PROPOSED
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("replication")
        verbose_name_plural = _("replications")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.innovation} → {self.country}"


class Follow(models.Model):
    """A person follows a theme, a public, a country or an SDG and receives a weekly digest of
    the innovations published there."""

    class Kind(models.TextChoices):
        THEME = "theme", _("Theme")
        PUBLIC = "public", _("Public")
        COUNTRY = "country", _("Country")
        SDG = "sdg", _("Sustainable development goal")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="catalogue_follows",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    value = models.CharField(_("value"), max_length=50)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_digest_at = models.DateTimeField(_("last digest"), null=True, blank=True)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.UniqueConstraint(fields=["person", "kind", "value"], name="one_follow")
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.kind}={self.value}"


class AbuseReport(models.Model):
    innovation = models.ForeignKey(
        Innovation,
        verbose_name=_("innovation"),
        on_delete=models.CASCADE,
        related_name="abuse_reports",
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("reason"))
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    outcome = models.TextField(_("outcome"), blank=True)

    class Meta:
        verbose_name = _("abuse report")
        verbose_name_plural = _("abuse reports")
        ordering = ["handled_at", "-created_at"]

    def __str__(self) -> str:
        return f"{self.innovation}: {self.reason[:40]}"


# --- Search and facets: written by indexing.py when a version is published ------------------


class SearchDocument(models.Model):
    """The searchable text of a published innovation in one language: its own text in that
    language plus the names of its facets in that language (so that "mayores" finds a French
    record tagged "older people"). Stemmed for that language (see search.py) into the
    full-text index: FTS5 on SQLite, SearchVector on PostgreSQL (one row per innovation)."""

    innovation = models.ForeignKey(
        Innovation,
        verbose_name=_("innovation"),
        on_delete=models.CASCADE,
        related_name="search_documents",
    )
    language = models.CharField(_("language"), max_length=8)
    body = models.TextField(_("searchable text"))

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.UniqueConstraint(
                fields=["innovation", "language"], name="one_document_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.innovation_id}:{self.language}"


class VectorField(models.TextField):
    """A tsvector on PostgreSQL; plain text, unused, elsewhere (SQLite searches with FTS5)."""

    def db_type(self, connection):
        return "tsvector" if connection.vendor == "postgresql" else super().db_type(connection)


class FacetListField(models.TextField):
    """A text[] on PostgreSQL; plain text, unused, elsewhere."""

    def db_type(self, connection):
        return "text[]" if connection.vendor == "postgresql" else super().db_type(connection)


class SearchVector(models.Model):
    """The full-text index of a published innovation on PostgreSQL: one tsvector of its terms
    in every language, prefixed with the language ("fr:accompagn"), and of its facet values'
    tokens, written by search.write_documents (GIN index, migration 0005); its date of
    publication and facet values, which the results page and the facet counts read from the
    matching rows without a join. Empty on SQLite."""

    innovation = models.OneToOneField(
        Innovation,
        verbose_name=_("innovation"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
    )
    vector = VectorField(_("search vector"))
    published_at = models.DateTimeField(_("published"), null=True)
    # The facet values of the innovation, one array per facet: the counts read them with
    # each match, without a join (PostgreSQL only).
    f_theme = FacetListField(_("themes"))
    f_public = FacetListField(_("publics"))
    f_country = FacetListField(_("country"))
    f_sdg = FacetListField(_("SDGs"))
    f_stage = FacetListField(_("stage"))

    class Meta:
        db_table = "catalogue_search_vector"
        verbose_name = _("search vector")
        verbose_name_plural = _("search vectors")

    def __str__(self) -> str:
        return str(self.innovation_id)


class FacetValue(models.Model):
    """One facet value of a published innovation (kind "theme", "public", "country", "sdg",
    "stage"): facet counts are GROUP BY over these rows."""

    innovation = models.ForeignKey(
        Innovation, verbose_name=_("innovation"), on_delete=models.CASCADE, related_name="facets"
    )
    facet = models.CharField(_("facet"), max_length=10)
    value = models.CharField(_("value"), max_length=50)

    class Meta:
        verbose_name = _("facet value")
        verbose_name_plural = _("facet values")
        constraints = [
            models.UniqueConstraint(fields=["innovation", "facet", "value"], name="one_facet_value")
        ]
        indexes = [models.Index(fields=["facet", "value", "innovation"], name="facet_lookup")]

    def __str__(self) -> str:
        return f"{self.facet}={self.value}"

"""An innovation and its versions, with what a version carries (figures, resources,
pictures), the catalogue's lists and national societies' policies."""

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

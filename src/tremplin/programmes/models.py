"""Programmes (intrapreneur, entrepreneur, thematic), seasons, and one call per programme per season."""

from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tremplin.core.translated import TranslatedField


class Audience(models.TextChoices):
    MEMBERS = "members", _("Members of the movement only (intrapreneurs)")
    OUTSIDERS = "outsiders", _("Actors outside the movement only (entrepreneurs)")
    ANYONE = "anyone", _("Anyone")


class Programme(models.Model):
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    name = TranslatedField(_("name"))
    summary = TranslatedField(_("summary"), blank=True)
    description = TranslatedField(_("description"), blank=True, textarea=True)
    audience = models.CharField(_("who may apply"), max_length=20, choices=Audience.choices)
    thematic_focus = TranslatedField(_("thematic focus"), blank=True)
    duration_months = models.PositiveSmallIntegerField(
        _("duration (months)"), default=6, validators=[MinValueValidator(1)]
    )
    financial_package = models.DecimalField(
        _("financial package (EUR)"), max_digits=12, decimal_places=2, default=Decimal("0")
    )
    places = models.PositiveSmallIntegerField(_("number of places"), default=0)
    regional_representativeness = models.BooleanField(
        _("regional representativeness counts in selection"), default=False
    )
    partners = models.ManyToManyField(
        "accounts.Organisation", verbose_name=_("partners"), blank=True, related_name="programmes"
    )
    launched_on = models.DateField(_("launched on"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["launched_on", "slug"]

    def __str__(self) -> str:
        return str(self.name)

    @property
    def is_intrapreneur(self) -> bool:
        return self.audience == Audience.MEMBERS


class Season(models.Model):
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    opened_on = models.DateField(_("opened on"))
    theme = TranslatedField(_("theme"), blank=True)

    class Meta:
        verbose_name = _("season")
        verbose_name_plural = _("seasons")
        ordering = ["number"]

    def __str__(self) -> str:
        return str(_("Season %(number)s") % {"number": self.number})


TIME_ZONE_CHOICES = [
    (name, name)
    for name in (
        "Europe/Paris",
        "America/Guadeloupe",
        "America/Martinique",
        "America/Cayenne",
        "Indian/Reunion",
        "Indian/Mayotte",
        "Europe/Madrid",
        "UTC",
    )
]


class Call(models.Model):
    """A call for projects: one per programme per season."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="calls"
    )
    season = models.ForeignKey(
        Season, verbose_name=_("season"), on_delete=models.PROTECT, related_name="calls"
    )
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    title = TranslatedField(_("title"))
    summary = TranslatedField(_("summary"), blank=True, textarea=True)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    time_zone = models.CharField(
        _("time zone"), max_length=40, choices=TIME_ZONE_CHOICES, default="Europe/Paris"
    )
    # Eligibility, on top of the programme's audience. Empty means no restriction.
    eligible_organisation_kinds = models.JSONField(
        _("organisation kinds that may apply"),
        default=list,
        blank=True,
        help_text=_("Leave empty to accept every kind of organisation."),
    )
    eligible_regions = models.ManyToManyField(
        "reference.Region",
        verbose_name=_("regions that may apply"),
        blank=True,
        related_name="+",
        help_text=_("Leave empty to accept every region."),
    )
    # The selection calendar.
    screening_ends_on = models.DateField(_("end of eligibility screening"), null=True, blank=True)
    review_ends_on = models.DateField(_("end of reviews"), null=True, blank=True)
    committee_on = models.DateField(_("selection committee"), null=True, blank=True)
    announcement_on = models.DateField(_("announcement of results"), null=True, blank=True)
    allow_edit_after_submit = models.BooleanField(
        _("applicants may edit a submitted application until the deadline"), default=True
    )
    max_upload_mb = models.PositiveSmallIntegerField(
        _("maximum size of a file (MB)"), default=10, validators=[MinValueValidator(1)]
    )

    class Meta:
        verbose_name = _("call for projects")
        verbose_name_plural = _("calls for projects")
        ordering = ["-opens_at"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "season"], name="one_call_per_season")
        ]

    def __str__(self) -> str:
        return str(self.title) or f"{self.programme} – {self.season}"

    def get_absolute_url(self) -> str:
        return reverse("programmes:call_detail", kwargs={"slug": self.slug})

    # Addresses of staff pages beside staff/calls/<slug>/ (programmes/urls.py): no call takes them.
    RESERVED_SLUGS = ("new", "copy")

    def clean(self):
        if self.slug in self.RESERVED_SLUGS:
            raise ValidationError(
                {"slug": _("This address is taken by a page of the platform: choose another one.")}
            )
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The call must close after it opens.")})

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at

    @property
    def status(self) -> str:
        now = timezone.now()
        if now < self.opens_at:
            return "upcoming"
        return "open" if now < self.closes_at else "closed"

    def get_status_display(self) -> str:
        return {"upcoming": _("Opens soon"), "open": _("Open"), "closed": _("Closed")}[self.status]


class FormStep(models.Model):
    """A step of a call's application form: a page of questions."""

    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="steps"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = TranslatedField(_("title"))
    introduction = TranslatedField(_("introduction"), blank=True, textarea=True)

    class Meta:
        verbose_name = _("form step")
        verbose_name_plural = _("form steps")
        ordering = ["call", "position", "id"]

    def __str__(self) -> str:
        return str(self.title)


class Question(models.Model):
    class Kind(models.TextChoices):
        SHORT_TEXT = "short_text", _("Short text")
        LONG_TEXT = "long_text", _("Long text")
        SINGLE_CHOICE = "single_choice", _("Single choice")
        MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
        NUMBER = "number", _("Number")
        DATE = "date", _("Date")
        EMAIL = "email", _("E-mail address")
        URL = "url", _("Web address")
        FILE = "file", _("File upload")
        REGION = "region", _("Region")
        BUSINESS_LINE = "business_line", _("Business lines")
        SDG = "sdg", _("Sustainable development goals")
        BUDGET = "budget", _("Budget (euros)")

    # Kinds whose answers are values from a list, filterable by staff.
    CHOICE_KINDS = {
        Kind.SINGLE_CHOICE,
        Kind.MULTIPLE_CHOICE,
        Kind.REGION,
        Kind.BUSINESS_LINE,
        Kind.SDG,
    }

    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="questions"
    )
    step = models.ForeignKey(
        FormStep, verbose_name=_("step"), on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    label = TranslatedField(_("question"))
    help_text = TranslatedField(_("help text"), blank=True)
    required = models.BooleanField(_("required"), default=True)
    options = models.JSONField(
        _("options"),
        default=list,
        blank=True,
        help_text=_('For choice questions: a list of {"value": ..., "label": {language: text}}.'),
    )
    max_length = models.PositiveIntegerField(
        _("maximum number of characters"), null=True, blank=True
    )
    max_choices = models.PositiveSmallIntegerField(
        _("maximum number of choices"), null=True, blank=True
    )
    min_value = models.DecimalField(
        _("minimum"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    max_value = models.DecimalField(
        _("maximum"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    # A stable key used to copy forms between calls and to name export columns.
    key = models.SlugField(_("key"), max_length=60)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["step__position", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["call", "key"], name="unique_question_key")]

    def __str__(self) -> str:
        return str(self.label)

    @property
    def is_choice(self) -> bool:
        return self.kind in self.CHOICE_KINDS


class EligibilityCriterion(models.Model):
    """A line of a call's screening checklist."""

    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="criteria"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    label = TranslatedField(_("criterion"))

    class Meta:
        verbose_name = _("eligibility criterion")
        verbose_name_plural = _("eligibility criteria")
        ordering = ["call", "position", "id"]

    def __str__(self) -> str:
        return str(self.label)

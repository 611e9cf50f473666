"""Laureate projects and their six months of acceleration: cohorts, the four phases and their
milestones, the follow-up journal, mentors and experts, funding, and the outcome."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tremplin.core.translated import TranslatedField


class Phase(models.TextChoices):
    """The four phases of acceleration (DOMAIN.md), in their order."""

    NEEDS = "needs", _("Identify needs")
    SOLUTIONS = "solutions", _("Find solutions")
    SUPPORT = "support", _("Support and accelerate")
    SUSTAIN = "sustain", _("Validate, spread and sustain")


PHASE_ORDER = {value: index for index, value in enumerate(Phase.values)}


class Skill(models.TextChoices):
    """What a project may need and a mentor or expert may bring."""

    STRATEGY = "strategy", _("Strategy and business model")
    FINANCE = "finance", _("Finance and fundraising")
    LEGAL = "legal", _("Legal")
    DIGITAL = "digital", _("Digital and technology")
    DESIGN = "design", _("Design and user research")
    COMMUNICATION = "communication", _("Communication and marketing")
    IMPACT = "impact", _("Impact measurement")
    OPERATIONS = "operations", _("Field operations and deployment")
    HUMAN_RESOURCES = "human_resources", _("Human resources and volunteering")
    DATA = "data", _("Data and health data")


class Cohort(models.Model):
    """The laureates of one programme in one season, accelerated together."""

    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="cohorts",
    )
    season = models.ForeignKey(
        "programmes.Season",
        verbose_name=_("season"),
        on_delete=models.PROTECT,
        related_name="cohorts",
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["-season__number", "programme__slug"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "season"], name="one_cohort_per_season"),
        ]

    def __str__(self) -> str:
        return f"{self.programme} · {self.season}"


class LaureateProject(models.Model):
    class Track(models.TextChoices):
        INTRAPRENEUR = "intrapreneur", _("Intrapreneur")
        ENTREPRENEUR = "entrepreneur", _("Entrepreneur")

    class State(models.TextChoices):
        ACCELERATING = "accelerating", _("In acceleration")
        DEPLOYED = "deployed", _("Deployed")
        SCALED = "scaled", _("Scaled")
        STOPPED = "stopped", _("Stopped")

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    pitch = TranslatedField(_("pitch"))
    season = models.ForeignKey(
        "programmes.Season",
        verbose_name=_("season"),
        on_delete=models.PROTECT,
        related_name="laureates",
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="laureates",
    )
    track = models.CharField(_("track"), max_length=20, choices=Track.choices)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="laureate_projects",
    )
    region = models.ForeignKey(
        "reference.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    business_lines = models.ManyToManyField(
        "reference.BusinessLine", verbose_name=_("business lines"), blank=True, related_name="+"
    )
    starts_on = models.DateField(_("acceleration starts"))
    ends_on = models.DateField(_("acceleration ends"))
    referent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("referent"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="followed_projects",
    )
    mentors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mentors"),
        blank=True,
        related_name="mentored_projects",
    )
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("team"), blank=True, related_name="team_projects"
    )
    cohort = models.ForeignKey(
        Cohort,
        verbose_name=_("cohort"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
    )
    application = models.OneToOneField(
        "applications.Application",
        verbose_name=_("application"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="laureate_project",
    )
    needs = models.JSONField(_("needs"), default=list, blank=True)
    internal_notes = models.TextField(_("internal notes"), blank=True)
    state = models.CharField(
        _("outcome"), max_length=20, choices=State.choices, default=State.ACCELERATING
    )
    deployed_sites = models.PositiveIntegerField(
        _("deployed in how many sites"), null=True, blank=True
    )
    lessons = models.TextField(_("lessons learnt"), blank=True)
    outcome_recorded_at = models.DateTimeField(_("outcome recorded"), null=True, blank=True)
    innovation = models.ForeignKey(
        "catalogue.Innovation",
        verbose_name=_("catalogue record"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("laureate project")
        verbose_name_plural = _("laureate projects")
        ordering = ["season__number", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_finished(self) -> bool:
        """Alumni: the outcome is recorded or the six months are over."""
        return self.state != self.State.ACCELERATING or self.ends_on < timezone.localdate()


class MilestoneTemplate(models.Model):
    """A milestone every project of a programme starts with; each project gets a copy."""

    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="milestone_templates",
    )
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices)
    title = models.CharField(_("milestone"), max_length=200)
    deliverables = models.TextField(_("deliverables"), blank=True)
    due_offset_days = models.PositiveSmallIntegerField(
        _("due, in days after the start"), help_text=_("0 is the first day of the acceleration.")
    )

    class Meta:
        verbose_name = _("milestone template")
        verbose_name_plural = _("milestone templates")
        ordering = ["programme", "due_offset_days", "id"]

    def __str__(self) -> str:
        return self.title


class Milestone(models.Model):
    class State(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DELIVERED = "delivered", _("Delivered")
        VALIDATED = "validated", _("Validated")

    project = models.ForeignKey(
        LaureateProject,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="milestones",
    )
    template = models.ForeignKey(
        MilestoneTemplate,
        verbose_name=_("from the template"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices)
    title = models.CharField(_("milestone"), max_length=200)
    deliverables = models.TextField(_("deliverables"), blank=True)
    due_on = models.DateField(_("due on"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    owner_name = models.CharField(_("owner (as recorded)"), max_length=200, blank=True)
    state = models.CharField(
        _("status"), max_length=20, choices=State.choices, default=State.PLANNED
    )

    OPEN_STATES = (State.PLANNED, State.IN_PROGRESS)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["state", "due_on"])]

    def __str__(self) -> str:
        return self.title

    def is_overdue(self, today=None) -> bool:
        return self.state in self.OPEN_STATES and self.due_on < (today or timezone.localdate())


def milestone_file_path(instance, filename):
    return f"acceleration/{instance.milestone.project_id}/{instance.milestone_id}/{filename}"


class MilestoneFile(models.Model):
    milestone = models.ForeignKey(
        Milestone, verbose_name=_("milestone"), on_delete=models.CASCADE, related_name="files"
    )
    file = models.FileField(_("file"), upload_to=milestone_file_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_by_name = models.CharField(_("uploaded by (as recorded)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("deliverable file")
        verbose_name_plural = _("deliverable files")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class CheckIn(models.Model):
    """A meeting or check-in of the follow-up journal: planned, then held (notes, decisions,
    next steps) or cancelled."""

    class Kind(models.TextChoices):
        CHECK_IN = "check_in", _("Check-in")
        MEETING = "meeting", _("Meeting")
        WORKSHOP = "workshop", _("Workshop")
        SITE_VISIT = "site_visit", _("Site visit")

    class State(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    project = models.ForeignKey(
        LaureateProject,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="check_ins",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CHECK_IN)
    happens_at = models.DateTimeField(_("date and time"))
    state = models.CharField(
        _("status"), max_length=20, choices=State.choices, default=State.SCHEDULED
    )
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("participants"), blank=True, related_name="+"
    )
    participants_text = models.CharField(
        _("participants (as recorded)"),
        max_length=500,
        blank=True,
        help_text=_("Also people without an account, separated by commas."),
    )
    notes = models.TextField(_("notes"), blank=True)
    decisions = models.TextField(_("decisions"), blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    author_name = models.CharField(_("written by (as recorded)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("follow-up journal")
        ordering = ["-happens_at", "-id"]
        indexes = [models.Index(fields=["state", "happens_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.happens_at:%Y-%m-%d}"


class Reminder(models.Model):
    """A reminder sent: one per (thing, person, kind), so that it is sent once."""

    class Kind(models.TextChoices):
        MILESTONE_DUE = "milestone_due", _("Milestone due soon")
        CHECK_IN = "check_in", _("Check-in soon")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    milestone = models.ForeignKey(
        Milestone, null=True, blank=True, on_delete=models.CASCADE, related_name="reminders"
    )
    check_in = models.ForeignKey(
        CheckIn, null=True, blank=True, on_delete=models.CASCADE, related_name="reminders"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    due = models.DateField(_("for the date"))
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["milestone", "recipient", "due"], name="one_milestone_reminder"
            ),
            models.UniqueConstraint(
                fields=["check_in", "recipient", "due"], name="one_check_in_reminder"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.due}"


class MentorProfile(models.Model):
    """A person of the mentor pool: who they are, what they know, how available they are."""

    class Kind(models.TextChoices):
        EMPLOYEE = "employee", _("Employee of the movement")
        VOLUNTEER = "volunteer", _("Volunteer of the movement")
        SPONSORSHIP = "sponsorship", _("Partner's employee (skills sponsorship)")

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="mentor_profile",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    partner = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("partner organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    business_lines = models.ManyToManyField(
        "reference.BusinessLine", verbose_name=_("business lines"), blank=True, related_name="+"
    )
    skills = models.JSONField(_("skills"), default=list, blank=True)
    available = models.BooleanField(_("available for new projects"), default=True)
    max_projects = models.PositiveSmallIntegerField(_("projects at once, at most"), default=2)
    availability = models.CharField(
        _("availability"), max_length=200, blank=True, help_text=_("e.g. two hours a month")
    )

    class Meta:
        verbose_name = _("mentor profile")
        verbose_name_plural = _("mentor pool")
        ordering = ["person__full_name"]

    def __str__(self) -> str:
        return str(self.person)


class ExpertConsultation(models.Model):
    """An expert consulted for a project (finance, legal...), with the time spent."""

    project = models.ForeignKey(
        LaureateProject,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="consultations",
    )
    expertise = models.CharField(_("expertise"), max_length=20, choices=Skill.choices)
    expert_name = models.CharField(_("expert"), max_length=200)
    consulted_on = models.DateField(_("date"))
    hours = models.DecimalField(_("time spent (hours)"), max_digits=6, decimal_places=2)
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_by_name = models.CharField(_("recorded by (as recorded)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("expert consultation")
        verbose_name_plural = _("expert consultations")
        ordering = ["-consulted_on", "-id"]

    def __str__(self) -> str:
        return f"{self.expert_name} ({self.consulted_on})"


class FundingTranche(models.Model):
    """One tranche of a project's financial package, in euros."""

    project = models.ForeignKey(
        LaureateProject,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="tranches",
    )
    amount = models.DecimalField(_("amount (euros)"), max_digits=12, decimal_places=2)
    partner = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("paid by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    conditions = models.TextField(_("conditions"), blank=True)
    planned_on = models.DateField(_("planned date"))
    disbursed_on = models.DateField(_("disbursed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("funding tranche")
        verbose_name_plural = _("funding tranches")
        ordering = ["planned_on", "id"]

    def __str__(self) -> str:
        return f"{self.amount} € ({self.planned_on})"

    @property
    def disbursed(self) -> bool:
        return self.disbursed_on is not None

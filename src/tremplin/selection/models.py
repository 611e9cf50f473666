"""The selection committee of a call: members and their expertise, conflicts of interest, bids,
the assignment of reviewers, review criteria and reviews, the committee meeting and its
decisions."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from tremplin.core.translated import TranslatedField


class SelectionSettings(models.Model):
    """How a call's selection runs. Created with defaults the first time it is needed."""

    class Visibility(models.TextChoices):
        AFTER_OWN = "after_own", _("After submitting one's own review")
        NEVER = "never", _("Never (only staff and the chair see every review)")
        ALWAYS = "always", _("Always")

    class TieBreak(models.TextChoices):
        NONE = "none", _("No tie-break")
        MARGIN = "margin", _("Within a margin of the calibrated score")
        INTERVAL = "interval", _("When the uncertainty interval overlaps the selection line")

    call = models.OneToOneField(
        "programmes.Call",
        verbose_name=_("call"),
        on_delete=models.CASCADE,
        related_name="selection_settings",
    )
    reviews_per_application = models.PositiveSmallIntegerField(
        _("reviewers per application"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    default_capacity = models.PositiveSmallIntegerField(
        _("default number of reviews per member"),
        default=15,
        validators=[MinValueValidator(1)],
    )
    bidding_open = models.BooleanField(_("members may state their preferences"), default=False)
    blind_review = models.BooleanField(
        _("blind review (applicant and organisation hidden from reviewers)"), default=False
    )
    reviews_visibility = models.CharField(
        _("reviewers see the other reviews"),
        max_length=20,
        choices=Visibility.choices,
        default=Visibility.AFTER_OWN,
    )
    review_deadline = models.DateTimeField(_("reviews due"), null=True, blank=True)
    tie_break = models.CharField(
        _("what counts as an equal promise of impact"),
        max_length=20,
        choices=TieBreak.choices,
        default=TieBreak.MARGIN,
    )
    tie_break_margin = models.DecimalField(
        _("margin of calibrated score"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("0.20"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    places = models.PositiveSmallIntegerField(
        _("places (the selection line)"),
        null=True,
        blank=True,
        help_text=_("Leave empty to use the programme's number of places."),
    )

    class Meta:
        verbose_name = _("selection settings")
        verbose_name_plural = _("selection settings")

    def __str__(self) -> str:
        return str(self.call)

    @property
    def selection_line(self) -> int:
        return self.places or self.call.programme.places or 0


class CommitteeMember(models.Model):
    """A person sitting on the selection committee of one call."""

    class Role(models.TextChoices):
        REVIEWER = "reviewer", _("Reviewer")
        CHAIR = "chair", _("Chair")
        OBSERVER = "observer", _("Observer (partner)")

    call = models.ForeignKey(
        "programmes.Call",
        verbose_name=_("call"),
        on_delete=models.CASCADE,
        related_name="committee",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="committee_seats",
    )
    person_name = models.CharField(_("name (as recorded)"), max_length=200)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.REVIEWER)
    capacity = models.PositiveSmallIntegerField(_("maximum number of reviews"), default=15)
    business_lines = models.ManyToManyField(
        "reference.BusinessLine",
        verbose_name=_("business lines of expertise"),
        blank=True,
        related_name="+",
    )
    regions = models.ManyToManyField(
        "reference.Region", verbose_name=_("regions known well"), blank=True, related_name="+"
    )
    themes = models.CharField(
        _("themes of expertise"),
        max_length=500,
        blank=True,
        help_text=_("Key words separated by commas, e.g. ageing, employment, health data."),
    )
    languages = models.JSONField(_("languages read"), default=list, blank=True)
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        ordering = ["call", "person_name"]
        constraints = [models.UniqueConstraint(fields=["call", "person"], name="one_seat_per_call")]

    def __str__(self) -> str:
        return self.person_name

    @property
    def reviews(self) -> bool:
        """Chairs review too; observers do not."""
        return self.role in (self.Role.REVIEWER, self.Role.CHAIR)


class Conflict(models.Model):
    """A conflict of interest between a member and an application, declared by the member (on
    an application, an organisation or a person, the latter by e-mail address) or detected by
    the platform."""

    class Source(models.TextChoices):
        DECLARED = "declared", _("Declared by the member")
        DETECTED = "detected", _("Detected by the platform")

    member = models.ForeignKey(
        CommitteeMember,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="conflicts",
    )
    application = models.ForeignKey(
        "applications.Application",
        verbose_name=_("application"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="conflicts",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    # A conflict with a person declared by their e-mail address: stored as typed (lower case)
    # and matched when conflicts are read, against the applicant's and co-applicants'
    # addresses, so that it covers the person whether or not the address has an account yet,
    # and the member learns nothing about who has one.
    email = models.EmailField(_("e-mail address of the person"), blank=True)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    reason = models.CharField(_("reason"), max_length=300)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        indexes = [models.Index(fields=["member", "application"])]

    def __str__(self) -> str:
        return f"{self.member}: {self.reason}"


class Bid(models.Model):
    class Preference(models.IntegerChoices):
        WANT = 2, _("I want to review it")
        WILLING = 1, _("I am willing")
        RATHER_NOT = -1, _("I would rather not")

    member = models.ForeignKey(
        CommitteeMember, verbose_name=_("member"), on_delete=models.CASCADE, related_name="bids"
    )
    application = models.ForeignKey(
        "applications.Application",
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="bids",
    )
    preference = models.SmallIntegerField(_("preference"), choices=Preference.choices)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("bid")
        verbose_name_plural = _("bids")
        constraints = [
            models.UniqueConstraint(fields=["member", "application"], name="one_bid_per_pair")
        ]

    def __str__(self) -> str:
        return f"{self.member} – {self.application}: {self.get_preference_display()}"


class AssignmentRule(models.Model):
    """A pair staff pin (always assigned) or forbid (never assigned) before running the
    assignment."""

    class Kind(models.TextChoices):
        PIN = "pin", _("Always assign")
        FORBID = "forbid", _("Never assign")

    member = models.ForeignKey(
        CommitteeMember, verbose_name=_("member"), on_delete=models.CASCADE, related_name="rules"
    )
    application = models.ForeignKey(
        "applications.Application",
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="assignment_rules",
    )
    kind = models.CharField(_("rule"), max_length=10, choices=Kind.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("assignment rule")
        verbose_name_plural = _("assignment rules")
        constraints = [
            models.UniqueConstraint(fields=["member", "application"], name="one_rule_per_pair")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.member} – {self.application}"


class Assignment(models.Model):
    """A member is asked to review an application."""

    class Source(models.TextChoices):
        SOLVER = "solver", _("Automatic assignment")
        MANUAL = "manual", _("Assigned by hand")

    member = models.ForeignKey(
        CommitteeMember,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    application = models.ForeignKey(
        "applications.Application",
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    affinity = models.FloatField(_("affinity"), default=0)
    created_at = models.DateTimeField(_("assigned"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "application"], name="one_assignment_per_pair"
            )
        ]
        indexes = [models.Index(fields=["application", "member"])]

    def __str__(self) -> str:
        return f"{self.member} – {self.application}"


class ReviewCriterion(models.Model):
    """A criterion of the review form of a call, with its weight and scale."""

    call = models.ForeignKey(
        "programmes.Call",
        verbose_name=_("call"),
        on_delete=models.CASCADE,
        related_name="review_criteria",
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    label = TranslatedField(_("criterion"))
    description = TranslatedField(_("what to look at"), blank=True, textarea=True)
    weight = models.DecimalField(
        _("weight"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    scale_min = models.SmallIntegerField(_("lowest score"), default=0)
    scale_max = models.SmallIntegerField(_("highest score"), default=5)

    class Meta:
        verbose_name = _("review criterion")
        verbose_name_plural = _("review criteria")
        ordering = ["call", "position", "id"]

    def __str__(self) -> str:
        return str(self.label)


class Review(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("In progress")
        SUBMITTED = "submitted", _("Submitted")

    assignment = models.OneToOneField(
        Assignment, verbose_name=_("assignment"), on_delete=models.CASCADE, related_name="review"
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    comment_for_committee = models.TextField(_("comment for the committee"), blank=True)
    comment_for_applicant = models.TextField(_("comment for the applicant"), blank=True)
    # Weighted score on the criteria's scale, stored at submission for the ranking.
    score = models.FloatField(_("weighted score"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self) -> str:
        return str(self.assignment)


class ReviewScore(models.Model):
    review = models.ForeignKey(
        Review, verbose_name=_("review"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        ReviewCriterion, verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="+"
    )
    value = models.SmallIntegerField(_("score"))

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="one_score_per_criterion")
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"


class Meeting(models.Model):
    class State(models.TextChoices):
        PLANNED = "planned", _("Planned")
        OPEN = "open", _("In session")
        CLOSED = "closed", _("Closed")

    call = models.ForeignKey(
        "programmes.Call",
        verbose_name=_("call"),
        on_delete=models.CASCADE,
        related_name="meetings",
    )
    scheduled_for = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PLANNED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("committee meeting")
        verbose_name_plural = _("committee meetings")
        ordering = ["-scheduled_for"]

    def __str__(self) -> str:
        return f"{self.call} – {self.scheduled_for:%Y-%m-%d}"


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="items"
    )
    application = models.ForeignKey(
        "applications.Application",
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="agenda_items",
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    # The shared notes of the discussion: saved with a version check, so that two members
    # writing at once do not overwrite each other silently.
    notes = models.TextField(_("notes of the discussion"), blank=True)
    notes_version = models.PositiveIntegerField(_("version of the notes"), default=1)
    voting_open = models.BooleanField(_("vote open"), default=False)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "application"], name="once_per_agenda")
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.application}"


class Outcome(models.TextChoices):
    SELECTED = "selected", _("Selected")
    WAITLISTED = "waitlisted", _("Waiting list")
    REJECTED = "rejected", _("Not selected")


class Vote(models.Model):
    class Choice(models.TextChoices):
        SELECTED = "selected", _("Select")
        WAITLISTED = "waitlisted", _("Waiting list")
        REJECTED = "rejected", _("Do not select")
        ABSTAIN = "abstain", _("Abstain")

    item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), on_delete=models.CASCADE, related_name="votes"
    )
    member = models.ForeignKey(
        CommitteeMember, verbose_name=_("member"), on_delete=models.CASCADE, related_name="votes"
    )
    choice = models.CharField(_("vote"), max_length=12, choices=Choice.choices)
    cast_at = models.DateTimeField(_("cast"), auto_now=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["item", "member"], name="one_vote_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.get_choice_display()}"


class Decision(models.Model):
    """The committee's decision on an application, taken once (a waitlisted application may
    later be promoted, which records a new decision in the history)."""

    application = models.OneToOneField(
        "applications.Application",
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="decision",
    )
    outcome = models.CharField(_("decision"), max_length=12, choices=Outcome.choices)
    reason = models.TextField(_("reason (for the committee's minutes)"))
    comment_for_applicant = models.TextField(_("message to the applicant"), blank=True)
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), auto_now_add=True)
    notified_at = models.DateTimeField(_("applicant told"), null=True, blank=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return f"{self.application}: {self.get_outcome_display()}"

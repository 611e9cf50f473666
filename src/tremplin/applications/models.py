"""An application to a call, its answers and files, its team, and what staff record about it."""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tremplin.accounts.models import Organisation


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    INFO_REQUESTED = "info_requested", _("Information requested")
    ELIGIBLE = "eligible", _("Eligible")
    INELIGIBLE = "ineligible", _("Not eligible")
    IN_REVIEW = "in_review", _("In review")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    SELECTED = "selected", _("Selected")
    WAITLISTED = "waitlisted", _("Waiting list")
    REJECTED = "rejected", _("Not selected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


FINAL_STATES = {State.INELIGIBLE, State.SELECTED, State.REJECTED, State.WITHDRAWN}


class Application(models.Model):
    call = models.ForeignKey(
        "programmes.Call",
        verbose_name=_("call"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="applications",
    )
    applicant_name = models.CharField(_("applicant (as recorded)"), max_length=200, blank=True)
    title = models.CharField(_("project name"), max_length=200, blank=True)
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    organisation_kind = models.CharField(
        _("kind of organisation"), max_length=20, choices=Organisation.Kind.choices, blank=True
    )
    region = models.ForeignKey(
        "reference.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    state = models.CharField(
        _("status"), max_length=20, choices=State.choices, default=State.DRAFT, db_index=True
    )
    # Incremented at every change of the draft; a save based on an older version is checked
    # answer by answer so that two tabs never silently overwrite each other.
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, db_index=True)
    deadline_extended_to = models.DateTimeField(_("individual deadline"), null=True, blank=True)
    frozen_answers = models.JSONField(_("answers as submitted"), default=dict, blank=True)
    search_text = models.TextField(_("search text"), blank=True, editable=False)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "applicant"],
                condition=~Q(state="withdrawn"),
                name="one_active_application_per_call",
            )
        ]
        # The staff list filters by call and sorts by date, name or region.
        indexes = [
            models.Index(fields=["call", "state", "-submitted_at"]),
            models.Index(fields=["call", "-submitted_at"]),
            models.Index(fields=["call", "title"]),
            models.Index(fields=["call", "region"]),
        ]

    def __str__(self) -> str:
        return self.title or str(_("Application %(reference)s") % {"reference": self.reference})

    def get_absolute_url(self) -> str:
        return reverse("applications:detail", kwargs={"pk": self.pk})

    @property
    def reference(self) -> str:
        return f"{self.call_id:03d}-{self.pk or 0:05d}"

    @property
    def deadline(self):
        """The closing time that applies to this application (call's, or an extension)."""
        if self.deadline_extended_to and self.deadline_extended_to > self.call.closes_at:
            return self.deadline_extended_to
        return self.call.closes_at

    def deadline_passed(self, now=None) -> bool:
        return (now or timezone.now()) >= self.deadline

    @property
    def is_draft(self) -> bool:
        return self.state == State.DRAFT

    @property
    def is_final(self) -> bool:
        return self.state in FINAL_STATES


class Answer(models.Model):
    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    question = models.ForeignKey(
        "programmes.Question",
        verbose_name=_("question"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    value = models.JSONField(_("value"), null=True, blank=True)
    # What was typed when it is not valid yet (an e-mail address without @...): kept, shown
    # back to the applicant, and blocking submission until corrected.
    raw = models.TextField(_("text as typed"), blank=True)
    # The answer as plain text: shown in lists and exports, searched.
    text = models.TextField(_("answer as plain text"), blank=True)
    revision = models.PositiveIntegerField(_("revision"), default=1)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "question"], name="one_answer_per_question"
            )
        ]

    def __str__(self) -> str:
        return self.text[:80]


class AnswerChoice(models.Model):
    """One chosen value of a choice answer, so that staff can filter applications by it."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="choices",
    )
    question = models.ForeignKey(
        "programmes.Question",
        verbose_name=_("question"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    value = models.CharField(_("chosen value"), max_length=64)

    class Meta:
        verbose_name = _("answer choice")
        verbose_name_plural = _("answer choices")
        indexes = [models.Index(fields=["question", "value"])]

    def __str__(self) -> str:
        return self.value


def attachment_path(instance, filename):
    return (
        f"applications/{instance.application.call_id}/{instance.application_id}/{uuid.uuid4().hex}"
    )


class Attachment(models.Model):
    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    question = models.ForeignKey(
        "programmes.Question",
        verbose_name=_("question"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


def new_token() -> str:
    return secrets.token_urlsafe(32)


class CoApplicant(models.Model):
    """A team member invited by e-mail; once they accept, they read and edit the application."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="co_applicants",
    )
    email = models.EmailField(_("e-mail address"))
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="co_applications",
    )
    token = models.CharField(
        _("invitation token"), max_length=64, unique=True, default=new_token, editable=False
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    invited_at = models.DateTimeField(_("invited"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    class Meta:
        verbose_name = _("co-applicant")
        verbose_name_plural = _("co-applicants")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "email"], name="one_invitation_per_email"
            )
        ]

    def __str__(self) -> str:
        return self.email


class InformationRequest(models.Model):
    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="information_requests",
    )
    message = models.TextField(_("what the team asks"))
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    asked_at = models.DateTimeField(_("asked"), auto_now_add=True)
    response = models.TextField(_("your answer"), blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("request for information")
        verbose_name_plural = _("requests for information")
        ordering = ["asked_at"]

    def __str__(self) -> str:
        return self.message[:80]


class ScreeningCheck(models.Model):
    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="screening_checks",
    )
    criterion = models.ForeignKey(
        "programmes.EligibilityCriterion",
        verbose_name=_("criterion"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    met = models.BooleanField(_("met"), null=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    checked_at = models.DateTimeField(_("checked"), auto_now=True)

    class Meta:
        verbose_name = _("screening check")
        verbose_name_plural = _("screening checks")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "criterion"], name="one_check_per_criterion"
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.met}"


class InternalNote(models.Model):
    """A note by staff, never shown to the applicant."""

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    author_name = models.CharField(_("author (as recorded)"), max_length=200, blank=True)
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.text[:80]

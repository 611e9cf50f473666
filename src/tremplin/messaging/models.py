"""Templates of the messages the platform sends, mass mailings, and every message sent (which
the recipient can also read in the platform)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tremplin.core.translated import TranslatedField

from .registry import template_kinds


class Kind(models.TextChoices):
    """What a Message is (Message.kind, stored): the kind of the notice that sent it for the
    messages about an application, a mailing, or the app whose notices sent it (a notice's
    `message_kind`). The notices themselves are declared in each app's registry.py."""

    SUBMITTED = "submitted", _("Application submitted")
    INFO_REQUESTED = "info_requested", _("Information requested")
    ELIGIBLE = "eligible", _("Application eligible")
    INELIGIBLE = "ineligible", _("Application not eligible")
    SELECTED = "selected", _("Application selected")
    WAITLISTED = "waitlisted", _("Application on the waiting list")
    REJECTED = "rejected", _("Application not selected")
    WITHDRAWN = "withdrawn", _("Application withdrawn")
    INVITATION = "invitation", _("Invitation to join an application")
    EXTENSION = "extension", _("Individual deadline extension")
    MAILING = "mailing", _("Mailing")
    # Notices of the innovation catalogue (catalogue.notices), worded for the platform.
    CATALOGUE = "catalogue", _("Innovation catalogue")
    # Reminders of the acceleration (milestones, check-ins) and notices of the experiments.
    ACCELERATION = "acceleration", _("Acceleration")
    NETWORK = "network", _("Experimentation network")


class MessageTemplate(models.Model):
    """Staff's wording of a notice (messaging.registry), in one language: a call's own wording
    of a notice worded per call, or, without a call, the platform's wording of any other
    notice. Without one, the notice's default wording (translated) is used."""

    call = models.ForeignKey(
        "programmes.Call",
        verbose_name=_("call"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="message_templates",
    )
    # The kind of a registered notice (the choices are read from the registry).
    kind = models.CharField(_("message"), max_length=40, choices=template_kinds)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"))
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("message template")
        verbose_name_plural = _("message templates")
        constraints = [
            models.UniqueConstraint(
                fields=["call", "kind", "language"],
                condition=models.Q(call__isnull=False),
                name="one_template_per_language",
            ),
            models.UniqueConstraint(
                fields=["kind", "language"],
                condition=models.Q(call__isnull=True),
                name="one_platform_template_per_language",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.language})"


class Mailing(models.Model):
    """A message to every applicant of a call in the chosen states, previewed, then sent by
    background tasks in each recipient's language."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")

    call = models.ForeignKey(
        "programmes.Call", verbose_name=_("call"), on_delete=models.CASCADE, related_name="mailings"
    )
    subject = TranslatedField(_("subject"))
    body = TranslatedField(_("text"), textarea=True)
    states = models.JSONField(_("applications in these states"), default=list)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent on"), null=True, blank=True)
    recipients_count = models.PositiveIntegerField(_("number of recipients"), default=0)

    class Meta:
        verbose_name = _("mailing")
        verbose_name_plural = _("mailings")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return str(self.subject)


class Message(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="messages",
    )
    email = models.EmailField(_("e-mail address"))
    # Where the recipient's answer goes when it is not to the platform: the visitor who wrote
    # through an innovation's contact form.
    reply_to = models.EmailField(_("reply to"), blank=True)
    application = models.ForeignKey(
        "applications.Application",
        verbose_name=_("application"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="messages",
    )
    mailing = models.ForeignKey(
        Mailing,
        verbose_name=_("mailing"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="messages",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    language = models.CharField(_("language"), max_length=8)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    emailed_at = models.DateTimeField(_("sent by e-mail on"), null=True, blank=True)
    read_at = models.DateTimeField(_("read on"), null=True, blank=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["recipient", "-created_at"])]

    def __str__(self) -> str:
        return self.subject

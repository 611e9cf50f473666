"""Experimentation sites (the local units and establishments where solutions are tested), the
experiments of laureate projects in them, and the imports that keep the sites up to date."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ExperimentationSite(models.Model):
    class Kind(models.TextChoices):
        LOCAL_UNIT = "local_unit", _("Local unit")
        ESTABLISHMENT = "establishment", _("Establishment")

    # The code the movement's own lists use for the site: imports update the site by it.
    code = models.CharField(
        _("code"),
        max_length=40,
        unique=True,
        null=True,
        blank=True,
        help_text=_("The site's code in the movement's lists; imports update a site by it."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    region = models.ForeignKey(
        "reference.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="sites"
    )
    department = models.ForeignKey(
        "reference.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="sites",
    )
    town = models.CharField(_("town"), max_length=120)
    address = models.CharField(_("address"), max_length=255, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    business_lines = models.ManyToManyField(
        "reference.BusinessLine", verbose_name=_("business lines"), blank=True, related_name="sites"
    )
    capacity = models.PositiveSmallIntegerField(_("experiments it can host at once"), default=1)
    willing_to_host = models.BooleanField(_("willing to host experiments"), default=True)
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contact"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contact_for_sites",
    )
    contact_name = models.CharField(_("contact's name"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact's e-mail address"), blank=True)
    contact_phone = models.CharField(_("contact's phone"), max_length=30, blank=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("experimentation site")
        verbose_name_plural = _("experimentation sites")
        ordering = ["region__name", "name"]
        indexes = [
            models.Index(fields=["region", "kind"]),
            models.Index(fields=["department", "kind"]),
            models.Index(fields=["name"]),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.town})"


class Experiment(models.Model):
    """A laureate project tested in one site: proposed by staff, answered by the site's
    contact, then run, finished and (the aim) deployed. Its status changes only through
    tremplin.network.workflow.EXPERIMENT_WORKFLOW (checked and recorded)."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        RUNNING = "running", _("Running")
        FINISHED = "finished", _("Finished")
        DEPLOYED = "deployed", _("Deployed")

    # The experiments that take a place in the site (capacity) or will.
    OCCUPYING = (Status.ACCEPTED, Status.RUNNING)
    # The experiments still alive: a project has at most one per site.
    OPEN = (Status.PROPOSED, Status.ACCEPTED, Status.RUNNING, Status.FINISHED, Status.DEPLOYED)

    project = models.ForeignKey(
        "acceleration.LaureateProject",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="experiments",
    )
    site = models.ForeignKey(
        ExperimentationSite,
        verbose_name=_("site"),
        on_delete=models.PROTECT,
        related_name="experiments",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    proposal = models.TextField(_("what is proposed"), blank=True)
    answer = models.TextField(_("the site's answer"), blank=True)
    results = models.TextField(_("results"), blank=True)
    people_reached = models.PositiveIntegerField(_("people reached"), null=True, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("proposed on"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("experiment")
        verbose_name_plural = _("experiments")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["site", "status"]),
            models.Index(fields=["project", "status"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "site"],
                condition=Q(status__in=["proposed", "accepted", "running", "finished", "deployed"]),
                name="one_open_experiment_per_project_and_site",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="experiment_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} @ {self.site}"


class SiteImport(models.Model):
    """An uploaded list of sites: checked first (the dry run), applied only when staff confirm
    and only if every row is still valid."""

    class State(models.TextChoices):
        CHECKED = "checked", _("Checked, not applied")
        APPLIED = "applied", _("Applied")

    filename = models.CharField(_("file"), max_length=200)
    content = models.BinaryField(_("content"))
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default="checked")
    report = models.JSONField(_("report"), default=dict)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded on"), auto_now_add=True)
    applied_at = models.DateTimeField(_("applied on"), null=True, blank=True)

    class Meta:
        verbose_name = _("import of sites")
        verbose_name_plural = _("imports of sites")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return self.filename

"""People (the accounts), organisations, membership of the movement, and roles."""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField


class Role(models.TextChoices):
    APPLICANT = "applicant", _("Applicant")
    STAFF = "staff", _("Accelerator staff")
    REFERENT = "referent", _("Referent")
    MENTOR = "mentor", _("Mentor")
    COMMITTEE = "committee", _("Selection committee member")
    PARTNER = "partner", _("Partner")
    SITE_CONTACT = "site_contact", _("Site contact")
    MODERATOR = "moderator", _("Catalogue moderator")
    ADMIN = "admin", _("Administrator")


# Roles whose holders see other people's data or unpublished work, or decide about them:
# two-factor is required (seats that do the same are declared in two_factor.py).
ROLES_REQUIRING_TWO_FACTOR = {
    Role.STAFF,
    Role.COMMITTEE,
    Role.ADMIN,
    Role.MODERATOR,  # versions not yet published, abuse reports and who sent them
    Role.REFERENT,  # the projects they follow: internal notes, funding, journal
}
# Roles that open the Django admin (is_staff).
ROLES_WITH_ADMIN_ACCESS = {Role.STAFF, Role.ADMIN}


class PersonManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email, password, **fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        person = self.model(email=self.normalize_email(email).lower(), **fields)
        person.set_password(password)
        person.save(using=self._db)
        return person

    def create_user(self, email, password=None, **fields):
        fields.setdefault("is_staff", False)
        fields.setdefault("is_superuser", False)
        return self._create(email, password, **fields)

    def create_superuser(self, email, password=None, **fields):
        fields["is_staff"] = True
        fields["is_superuser"] = True
        return self._create(email, password, **fields)


class Person(AbstractBaseUser, PermissionsMixin):
    """A person with an account: applicant, team member, staff, mentor, partner..."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    region = models.ForeignKey(
        "reference.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    phone = models.CharField(_("phone (optional)"), max_length=30, blank=True)
    # The organisations a person acts for are Affiliations that staff verify, not a field the
    # person fills in: what a partner sees, conflicts of interest and eligibility rest on them.
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("admin access"), default=False, help_text=_("Can open the administration interface.")
    )
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = PersonManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["full_name", "email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return (self.full_name or self.email).split(" ")[0]

    @property
    def roles(self) -> frozenset[str]:
        """The person's roles, read once per object (one query)."""
        if not hasattr(self, "_roles"):
            self._roles = frozenset(self.role_grants.values_list("role", flat=True))
            if self.is_superuser:
                self._roles |= {Role.ADMIN}
        return self._roles

    def forget_roles(self) -> None:
        """Read the roles again at the next `roles` (after a grant or a revocation)."""
        self.__dict__.pop("_roles", None)

    def has_role(self, role: str) -> bool:
        return role in self.roles


class RoleGrant(models.Model):
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="role_grants"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    granted_at = models.DateTimeField(_("granted"), auto_now_add=True)
    granted_by = models.ForeignKey(
        Person,
        verbose_name=_("granted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(fields=["person", "role"], name="unique_role_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_role_display()}"


class Organisation(models.Model):
    class Kind(models.TextChoices):
        ASSOCIATION = "association", _("Association")
        COMPANY = "company", _("Startup or company")
        ESTABLISHMENT = "establishment", _("Establishment of the movement")
        LOCAL_UNIT = "local_unit", _("Local unit of the movement")
        PARTNER = "partner", _("Partner foundation or federation")
        NATIONAL_SOCIETY = "national_society", _("National society")
        PUBLIC_BODY = "public_body", _("Public body")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    country = CountryField(_("country"), default="FR")
    region = models.ForeignKey(
        "reference.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    website = models.URLField(_("website"), blank=True)
    email_domain = models.CharField(
        _("e-mail domain"),
        max_length=100,
        blank=True,
        help_text=_("Used to detect conflicts of interest, e.g. croix-rouge.fr"),
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "kind", "country"], name="unique_organisation_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Declaration(models.Model):
    """What a person says about their links that staff verify before anything trusts it: a
    membership of the movement, an affiliation with an organisation. The states and who moves
    them are one workflow (workflow.verification_workflow); every move is in the history."""

    class State(models.TextChoices):
        PENDING = "pending", _("Awaiting verification")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Not verified")
        REVOKED = "revoked", _("Ended")

    # Declarations that stand: one of each per person and subject.
    LIVE_STATES = (State.PENDING, State.VERIFIED)

    state = models.CharField(
        _("verification"), max_length=20, choices=State.choices, default=State.PENDING
    )
    declared_at = models.DateTimeField(_("declared"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        Person,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision_note = models.TextField(_("note to the person"), blank=True)

    class Meta:
        abstract = True

    @property
    def is_verified(self) -> bool:
        return self.state == self.State.VERIFIED


class Membership(Declaration):
    """A person's declared link to a national society of the movement. Only verified members
    may apply to the intrapreneur programme; staff verify (see workflow.MEMBERSHIP_WORKFLOW)."""

    class Status(models.TextChoices):
        VOLUNTEER = "volunteer", _("Volunteer")
        EMPLOYEE = "employee", _("Employee")
        STUDENT = "student", _("Student")

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="memberships"
    )
    national_society = models.ForeignKey(
        Organisation,
        verbose_name=_("national society"),
        on_delete=models.PROTECT,
        related_name="members",
        limit_choices_to={"kind": Organisation.Kind.NATIONAL_SOCIETY},
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    identifier = models.CharField(
        _("member identifier"),
        max_length=60,
        help_text=_("Your volunteer, employee or student number in the national society."),
    )
    unit = models.CharField(
        _("local unit or establishment"),
        max_length=200,
        blank=True,
        help_text=_("Where you volunteer, work or study (optional)."),
    )

    class Meta:
        verbose_name = _("movement membership")
        verbose_name_plural = _("movement memberships")
        ordering = ["-declared_at"]
        constraints = [
            # An identifier belongs to one live membership; a withdrawn, refused or ended
            # declaration does not block its owner (or the person whose typo it was).
            models.UniqueConstraint(
                fields=["national_society", "identifier"],
                condition=models.Q(state__in=["pending", "verified"]),
                name="unique_live_member_identifier",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_status_display()}, {self.national_society}"


class Affiliation(Declaration):
    """A person's link to an organisation they act for: the partner foundation they represent,
    the company or association they work for, a unit of the movement. Only a verified
    affiliation counts: it decides what a partner sees, feeds the detection of conflicts of
    interest and the outsiders-only gate. Staff verify (see workflow.AFFILIATION_WORKFLOW)."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="affiliations"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="affiliations",
    )
    title = models.CharField(
        _("role or position"),
        max_length=150,
        blank=True,
        help_text=_("For example: programme officer, founder, employee (optional)."),
    )

    class Meta:
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        ordering = ["-declared_at"]
        constraints = [
            # One live declaration per person and organisation; a refused or ended one does
            # not stop its owner from declaring again.
            models.UniqueConstraint(
                fields=["person", "organisation"],
                condition=models.Q(state__in=["pending", "verified"]),
                name="unique_live_affiliation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.organisation}"

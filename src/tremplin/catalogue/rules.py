"""Who may do what in the catalogue. Deny by default. Anyone reads what is published; a
version not published is seen by its author, the innovation's owner, the moderators, and the
validators of its national society. Nobody moderates or validates their own record
(core.four_eyes)."""

import rules

from tremplin.accounts.rules import is_accelerator_staff, is_moderator
from tremplin.applications.queries.application import applicant_state
from tremplin.applications.rules import is_team_member
from tremplin.core import four_eyes
from tremplin.core.permissions import visible_with

from .models import Innovation, InnovationVersion, Replication

S = InnovationVersion.State


def _authors(version):
    """Who wrote the version, who owns the record, and the team of the application the record
    comes from (its people wrote it too, whoever typed it)."""
    yield version.author_id
    innovation = version.innovation
    yield innovation.owner_id
    if innovation.source_application_id:
        yield from four_eyes.authors_of(innovation.source_application)


four_eyes.register(InnovationVersion, _authors)


@rules.predicate
def has_verified_email(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if "_verified_email" not in user.__dict__:
        user.__dict__["_verified_email"] = user.emailaddress_set.filter(verified=True).exists()
    return user.__dict__["_verified_email"]


@rules.predicate
def owns_innovation(user, innovation) -> bool:
    return innovation is not None and innovation.owner_id == user.pk


@rules.predicate
def owns_version(user, version) -> bool:
    return version is not None and (
        version.author_id == user.pk or version.innovation.owner_id == user.pk
    )


@rules.predicate
def validates_for_its_society(user, version) -> bool:
    if version is None or not version.national_society_id:
        return False
    return user.catalogue_societies.filter(society_id=version.national_society_id).exists()


@rules.predicate
def is_editable(user, version) -> bool:
    return version is not None and version.state in (S.DRAFT, S.CHANGES_REQUESTED)


@rules.predicate
def awaits_moderation(user, version) -> bool:
    return version is not None and version.state == S.SUBMITTED


@rules.predicate
def is_published(user, innovation) -> bool:
    return innovation is not None and innovation.published_id is not None


@rules.predicate
def owns_replicated_innovation(user, replication) -> bool:
    return replication is not None and replication.innovation.owner_id == user.pk


@rules.predicate
def asked_to_replicate(user, replication) -> bool:
    return replication is not None and replication.person_id == user.pk


# Submitting and editing one's records
rules.add_perm("catalogue.submit", has_verified_email)
rules.add_perm("catalogue.edit_version", owns_version & is_editable)
rules.add_perm("catalogue.withdraw_version", owns_version)
rules.add_perm("catalogue.view_version", owns_version | is_moderator | validates_for_its_society)
rules.add_perm("catalogue.new_version", owns_innovation & is_published)

# Moderation
rules.add_perm("catalogue.moderate", is_moderator)
four_eyes.add_perm("catalogue.moderate_version", is_moderator & awaits_moderation)
# A validator reads the versions of their society on the review page; they decide on those they
# did not write.
rules.add_perm("catalogue.validate_for_society", validates_for_its_society)
four_eyes.add_perm("catalogue.decide_for_society", validates_for_its_society)
# A moderator's translation skips the moderation round: not on their own record.
four_eyes.add_perm("catalogue.translate", is_moderator)
rules.add_perm("catalogue.handle_reports", is_moderator)

# Everyone
rules.add_perm("catalogue.view_innovation", is_published | owns_innovation | is_moderator)
rules.add_perm("catalogue.report_abuse", rules.always_allow)
# Anyone writes to the team behind a published innovation, through the platform.
rules.add_perm("catalogue.contact_team", is_published)
rules.add_perm("catalogue.follow", rules.is_authenticated)
rules.add_perm("catalogue.replicate", rules.is_authenticated & ~owns_innovation & is_published)
rules.add_perm("catalogue.answer_replication", owns_replicated_innovation)
rules.add_perm("catalogue.view_replication", owns_replicated_innovation | asked_to_replicate)

# Who may not see a record, a version or a replication request is told that it does not exist.
visible_with(Innovation, "catalogue.view_innovation")
visible_with(InnovationVersion, "catalogue.view_version")
visible_with(Replication, "catalogue.view_replication")


# --- Moderation part ------------------------------------------------------------------------


@rules.predicate
def is_society_validator(user) -> bool:
    """Validates for at least one national society (read once per request's user)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if "_society_validator" not in user.__dict__:
        user.__dict__["_society_validator"] = user.catalogue_societies.exists()
    return user.__dict__["_society_validator"]


@rules.predicate
def is_online_version(user, version) -> bool:
    return version is not None and version.state == S.PUBLISHED


# A moderator may take the version online offline (take_down: published -> withdrawn).
rules.add_perm("catalogue.take_down", is_moderator & is_online_version)
rules.add_perm("catalogue.validate", is_society_validator)
rules.add_perm("catalogue.manage_society_policies", is_moderator | is_accelerator_staff)


# --- Submission part ------------------------------------------------------------------------
@rules.predicate
def told_selected_team_member(user, application) -> bool:
    """In the team of an application whose selection the team has been told about."""
    if application is None or not getattr(user, "is_authenticated", False):
        return False
    return is_team_member(user, application) and applicant_state(application) == "selected"


# The submission pages of a version not yet published are its owner's (and author's) only.
rules.add_perm("catalogue.see_own_version", owns_version)
rules.add_perm("catalogue.start_from_application", has_verified_email & told_selected_team_member)

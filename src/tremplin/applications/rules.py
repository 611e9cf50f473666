"""Who may see and do what with applications. The applicant and accepted co-applicants form
the team; staff screen; nobody else sees an application. Nobody screens or decides an
application they are on the team of, even invited (core.four_eyes)."""

import rules

from tremplin.accounts.rules import READ_ONLY_STAFF, is_accelerator_staff, is_admin
from tremplin.core import four_eyes
from tremplin.core.permissions import visible_with
from tremplin.core.rules import admin_module, admin_permissions

from .models import Application


def _authors(application):
    """The applicant and every co-applicant: those who joined, and those invited who have not
    (by the address they were invited at: they may join after the decision)."""
    yield application.applicant_id
    for person_id, email in application.co_applicants.values_list("person_id", "email"):
        yield person_id
        yield email


four_eyes.register(Application, _authors)


@rules.predicate
def is_lead_applicant(user, application) -> bool:
    return application is not None and user.is_authenticated and application.applicant_id == user.pk


@rules.predicate
def is_co_applicant(user, application) -> bool:
    if application is None or not user.is_authenticated:
        return False
    cache = application.__dict__.setdefault("_co_applicant_ids", None)
    if cache is None:
        cache = set(
            application.co_applicants.filter(accepted_at__isnull=False).values_list(
                "person_id", flat=True
            )
        )
        application.__dict__["_co_applicant_ids"] = cache
    return user.pk in cache


is_team_member = is_lead_applicant | is_co_applicant

rules.add_perm("applications.view_application", is_team_member | is_accelerator_staff)
# Anyone else (a reviewer included: the committee's pages have their own rules) is told that
# the application does not exist.
visible_with(Application, "applications.view_application")
rules.add_perm("applications.edit_application", is_team_member)
rules.add_perm("applications.submit_application", is_team_member)
rules.add_perm("applications.withdraw_application", is_team_member)
rules.add_perm("applications.answer_information_request", is_team_member)
rules.add_perm("applications.invite_co_applicant", is_lead_applicant)
# Staff work on an application, its notes included, only when it is not theirs (four eyes): a
# staff member who applies sees their application as any applicant does.
four_eyes.add_perm("applications.screen_application", is_accelerator_staff)
# The committee's decisions (applications.decide_application) are declared by the selection
# committee, in selection/rules.py.
four_eyes.add_perm("applications.grant_extension", is_accelerator_staff)
four_eyes.add_perm("applications.add_note", is_accelerator_staff)
four_eyes.add_perm("applications.view_notes", is_accelerator_staff)
# Per call (the object is a Call).
rules.add_perm("applications.list_applications", is_accelerator_staff)
rules.add_perm("applications.export_applications", is_accelerator_staff)
rules.add_perm("applications.send_mailing", is_accelerator_staff)


# The Django admin. applications.view_application is the object rule above (the team, and
# staff): without an object, it lets staff in. An application's columns copy its answers, and
# its deadline moves by an extension on the staff page (recorded, announced): staff read here.
admin_permissions("applications.application", change=is_admin, delete=is_admin)
# Requests for information are written on the staff page; notes on the application page.
admin_permissions("applications.informationrequest", **READ_ONLY_STAFF)
admin_permissions("applications.internalnote", view=is_accelerator_staff, delete=is_admin)
admin_module("applications", is_accelerator_staff)

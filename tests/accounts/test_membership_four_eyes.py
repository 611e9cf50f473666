"""The four-eyes rule on memberships of the movement: a staff member never verifies, refuses or
ends their own membership (it opens the intrapreneur programme to them); the queue shows it
without a decision and says why; a forced decision is a 403 page that says why, and nothing is
recorded. Another staff member verifies it."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.conftest import make_person
from tremplin.accounts import services
from tremplin.accounts.models import Membership, Organisation, Role
from tremplin.accounts.workflow import MEMBERSHIP_WORKFLOW
from tremplin.core.four_eyes import OwnWork
from tremplin.core.history import history_of

pytestmark = pytest.mark.django_db
State = Membership.State
OWN_WORK = "You cannot decide on your own work: another person must do it."


@pytest.fixture
def staff(db):
    return make_person("staff@example.org", roles=[Role.STAFF], preferred_language="en")


@pytest.fixture
def own(staff):
    society = Organisation.objects.create(
        name="Croix-Rouge française", kind=Organisation.Kind.NATIONAL_SOCIETY
    )
    return services.declare_membership(
        staff, national_society=society, status=Membership.Status.EMPLOYEE, identifier="CRF-1"
    )


def test_staff_do_not_verify_their_own_membership(staff, own):
    assert not staff.has_perm("accounts.verify_membership", own)
    assert [t.name for t in MEMBERSHIP_WORKFLOW.available(own, staff)] == ["withdraw"]
    with translation.override("en"), pytest.raises(OwnWork) as refused:
        services.decide_membership(own, staff, "verify")
    assert str(refused.value) == OWN_WORK
    own.refresh_from_db()
    assert own.state == State.PENDING and own.decided_by is None
    assert [e.action for e in history_of(own)] == ["membership_declared"]


def test_the_queue_offers_no_decision_on_it_and_a_forced_one_says_why(client, staff, own):
    client.force_login(staff)
    queue = client.get(reverse("accounts:membership_queue")).content.decode()
    assert reverse("accounts:decide_membership", args=[own.pk]) not in queue
    assert OWN_WORK in queue
    forced = client.post(
        reverse("accounts:decide_membership", args=[own.pk]), {"decision": "verify"}
    )
    assert forced.status_code == 403
    assert OWN_WORK in forced.content.decode()
    own.refresh_from_db()
    assert own.state == State.PENDING


def test_another_staff_member_verifies_it(own):
    services.decide_membership(own, make_person(roles=[Role.STAFF]), "verify")
    own.refresh_from_db()
    assert own.state == State.VERIFIED

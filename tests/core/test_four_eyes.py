"""The four-eyes rule, shared by every app (core.four_eyes): nobody decides on their own work.

- A model says once who authored its objects; a transition marked four_eyes refuses them with a
  message that says why, before anything is written, and never offers itself to them.
- A permission declared with four_eyes.add_perm is the same rule for pages (has_perm) and
  services (four_eyes.require, which says why).
- The 403 page gives the four-eyes reason, and only that one (other refusals say nothing more).
- Every transition of every workflow is classified: a decision on someone's work is four_eyes,
  and the others say why they are not.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.test import RequestFactory
from django.utils import translation

from tests.catalogue.moderation import builders
from tests.conftest import make_person
from tremplin.acceleration.workflow import CHECK_IN_WORKFLOW, MILESTONE_WORKFLOW, OUTCOME_WORKFLOW
from tremplin.accounts.workflow import AFFILIATION_WORKFLOW, MEMBERSHIP_WORKFLOW
from tremplin.applications.workflow import APPLICATION_WORKFLOW
from tremplin.catalogue.models import InnovationVersion
from tremplin.catalogue.workflow import REPLICATION_WORKFLOW, VERSION_WORKFLOW
from tremplin.core import four_eyes, history
from tremplin.core.history import history_of
from tremplin.core.views import permission_denied
from tremplin.core.workflow import StateMachine, Transition
from tremplin.network.workflow import EXPERIMENT_WORKFLOW, SITE_IMPORT_WORKFLOW
from tremplin.programmes.models import Programme
from tremplin.selection.workflow import MEETING_WORKFLOW, REVIEW_WORKFLOW

pytestmark = pytest.mark.django_db
OWN_WORK = "You cannot decide on your own work: another person must do it."
S = InnovationVersion.State

MACHINE = StateMachine(
    "state",
    [
        Transition("approve", (S.SUBMITTED,), S.PUBLISHED, "Approve", four_eyes=True),
        Transition("park", (S.SUBMITTED,), S.DRAFT, "Park"),
    ],
)
# A machine of these tests only, declared as an app declares its own (core.history).
history.transitions(InnovationVersion, MACHINE)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_a_four_eyes_transition_refuses_its_author_and_records_nothing():
    author = make_person()
    version = builders.submitted(author)
    assert [t.name for t in MACHINE.available(version, author)] == ["park"]
    with pytest.raises(four_eyes.OwnWork) as refused:
        MACHINE.fire(version, "approve", author)
    assert isinstance(refused.value, PermissionDenied)
    assert str(refused.value) == OWN_WORK
    version.refresh_from_db()
    assert version.state == S.SUBMITTED
    assert not history_of(version).exists()


def test_anyone_else_fires_it():
    version = builders.submitted()
    other = make_person()
    assert MACHINE.can_fire(version, "approve", other)
    MACHINE.fire(version, "approve", other)
    version.refresh_from_db()
    assert version.state == S.PUBLISHED


def test_the_authors_of_an_object_are_read_once_per_object(django_assert_num_queries):
    version = builders.submitted()
    version = InnovationVersion.objects.select_related("innovation").get(pk=version.pk)
    person = make_person()
    with django_assert_num_queries(0):
        for _ in range(3):
            assert not four_eyes.is_author(person, version)
    assert four_eyes.is_author(version.author, version)


def test_nobody_is_the_author_of_nothing_and_anonymous_visitors_author_nothing():
    from django.contrib.auth.models import AnonymousUser

    version = builders.submitted()
    assert not four_eyes.is_author(version.author, None)
    assert not four_eyes.is_author(AnonymousUser(), version)


def test_a_model_without_declared_authors_is_a_configuration_error():
    programme = Programme.objects.create(slug="p", name={"en": "P"})
    with pytest.raises(ImproperlyConfigured):
        four_eyes.is_author(make_person(), programme)


def test_an_invitation_to_ones_address_counts_in_any_case():
    four_eyes.register(Programme, lambda programme: ["Invited@Example.org"])
    try:
        programme = Programme.objects.create(slug="p", name={"en": "P"})
        assert four_eyes.is_author(make_person("invited@example.org"), programme)
        assert not four_eyes.is_author(make_person("other@example.org"), programme)
    finally:
        four_eyes._AUTHORS.pop(Programme)


def test_a_four_eyes_permission_is_the_same_rule_for_pages_and_services():
    moderator = builders.moderator()
    own, other = builders.submitted(moderator), builders.submitted()
    assert four_eyes.is_decision("catalogue.moderate_version")
    assert moderator.has_perm("catalogue.moderate_version", other)
    assert not moderator.has_perm("catalogue.moderate_version", own)
    four_eyes.require(moderator, "catalogue.moderate_version", other)
    with pytest.raises(four_eyes.OwnWork):
        four_eyes.require(moderator, "catalogue.moderate_version", own)
    with pytest.raises(PermissionDenied) as refused:
        four_eyes.require(make_person(), "catalogue.moderate_version", other)
    assert str(refused.value) == "You are not allowed to do this."


def test_the_403_page_says_why_for_four_eyes_and_nothing_more_otherwise():
    request = RequestFactory().get("/")
    request.user = make_person(preferred_language="en")
    request.LANGUAGE_CODE = "en"
    page = permission_denied(request, four_eyes.OwnWork()).content.decode()
    assert OWN_WORK in page
    other = permission_denied(request, PermissionDenied("internal detail")).content.decode()
    assert "internal detail" not in other and OWN_WORK not in other


# --- Every transition classified -------------------------------------------------------------

MACHINES = {
    "applications": APPLICATION_WORKFLOW,
    "catalogue": VERSION_WORKFLOW,
    "replication": REPLICATION_WORKFLOW,
    "milestone": MILESTONE_WORKFLOW,
    "check_in": CHECK_IN_WORKFLOW,
    "outcome": OUTCOME_WORKFLOW,
    "experiment": EXPERIMENT_WORKFLOW,
    "site_import": SITE_IMPORT_WORKFLOW,
    "membership": MEMBERSHIP_WORKFLOW,
    "affiliation": AFFILIATION_WORKFLOW,
    "meeting": MEETING_WORKFLOW,
    "review": REVIEW_WORKFLOW,
}

DECISIONS = {
    "applications": {
        "request_information",
        "mark_eligible",
        "mark_ineligible",
        "reconsider",
        "start_review",
        "shortlist",
        "select",
        "waitlist",
        "reject",
    },
    "catalogue": {
        "society_accept",
        "society_request_changes",
        "society_reject",
        "publish",
        "request_changes",
        "reject",
    },
    "milestone": {"validate", "reopen"},
    "outcome": {"deploy", "scale", "stop", "reopen"},
    "experiment": {"accept", "decline", "withdraw", "deploy"},
    "membership": {"verify", "reject", "revoke"},
    "affiliation": {"verify", "reject", "revoke"},
}

# Why the other transitions are not decisions on someone's work.
NOT_DECISIONS = {
    ("applications", "submit"): "the team's own step",
    ("applications", "provide_information"): "the team answers",
    ("applications", "withdraw"): "the team withdraws its own application",
    ("catalogue", "submit"): "the author's own step",
    ("catalogue", "submit_to_society"): "the author's own step",
    ("catalogue", "withdraw"): "the owner withdraws their own record",
    ("catalogue", "supersede"): "follows a publication, itself four-eyes",
    ("catalogue", "take_down"): "taking a record offline is no approval of it",
    ("replication", "answer"): "the owner writes to the person who asked",
    ("replication", "answer_confirmed"): "the owner writes to the person who asked",
    ("replication", "answer_declined"): "the owner writes to the person who asked",
    ("replication", "confirm"): "the owner says what happened to their own innovation",
    ("replication", "decline"): "the owner says what happened to their own innovation",
    ("milestone", "start"): "the team's work",
    ("milestone", "deliver"): "the team's work",
    ("check_in", "hold"): "a meeting with the team, not a judgement of it",
    ("check_in", "cancel"): "a meeting with the team, not a judgement of it",
    ("experiment", "start"): "the site runs it",
    ("experiment", "finish"): "the site runs it",
    ("site_import", "apply"): "staff apply a list of sites they checked; nobody's work is judged",
    ("membership", "withdraw"): "the person withdraws their own claim",
    ("affiliation", "withdraw"): "the person withdraws their own claim",
    ("meeting", "open"): "a meeting is nobody's work (items are checked one by one)",
    ("meeting", "close"): "a meeting is nobody's work (items are checked one by one)",
    ("review", "submit"): "the member submits their own review",
}


def test_every_workflow_is_listed_here():
    """Every state machine of the platform (a module-level StateMachine anywhere in tremplin)
    is in MACHINES, so that none escapes the classification below."""
    import importlib
    import pkgutil

    import tremplin
    from tremplin.core.workflow import StateMachine

    found = {}
    for info in pkgutil.walk_packages(tremplin.__path__, "tremplin."):
        if ".migrations" in info.name or info.name.endswith((".cli", ".wsgi")):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, StateMachine):
                found[id(value)] = f"{info.name}.{name}"
    listed = {id(machine) for machine in MACHINES.values()}
    assert sorted(found[key] for key in set(found) - listed) == []


@pytest.mark.parametrize("machine", MACHINES)
def test_every_transition_is_classified(machine):
    for name, transition in MACHINES[machine].transitions.items():
        decides = name in DECISIONS.get(machine, set())
        assert decides or (machine, name) in NOT_DECISIONS, (machine, name)
        assert transition.four_eyes == decides, (machine, name)
        # A transition guarded by a four-eyes permission is itself four-eyes, and says why.
        if four_eyes.is_decision(transition.permission):
            assert transition.four_eyes, (machine, name)


def test_registered_authors_cover_every_four_eyes_workflow():
    from tremplin.acceleration.models import Milestone
    from tremplin.accounts.models import Membership
    from tremplin.applications.models import Application
    from tremplin.network.models import Experiment

    for model in (Application, InnovationVersion, Milestone, Membership, Experiment):
        assert any(cls in four_eyes._AUTHORS for cls in model.__mro__), model

"""What each person sees of the reviews of an application on the meeting pages (the item's page,
the agenda, the minutes), under each value of the call's "reviewers see the other reviews"
setting and in each state of the meeting. One rule (selection/visibility.py) decides it:

- staff and the chair of the call see every review (reviewer, scores, comments) at any time;
- a member in conflict with the application sees nothing of it (404, absent from the lists);
- "always": every member sees every review;
- "after one's own" (the default): a member sees the reviews once they have submitted their
  own review of the application; a member who was not asked to review it (another reviewer,
  an observer) once the committee deliberates on it (the meeting is in session or closed);
  a member who still owes a review of it, not before their review is in (or the decision);
- "never": no member sees another's review; they see the mean score when the rule above
  would have shown them the reviews.

While the meeting is only planned, nobody but staff, the chair and those who submitted their
own review sees any score."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.conftest import make_person
from tests.selection.meeting.conftest import application, review, seat
from tremplin.accounts.models import Person
from tremplin.selection.models import CommitteeMember, Conflict, SelectionSettings
from tremplin.selection.services import meeting as services

pytestmark = pytest.mark.django_db

Visibility = SelectionSettings.Visibility

OTHER_COMMENT = "Avis de Paul sur les jardins"
OTHER_SCORE = "3.61"  # Paul's weighted score: shown with the reviews only
MEAN = "3.89"  # the mean of Paul's 3.61 and Isabelle's 4.17

REVIEWS, SCORES, NOTHING = "reviews", "scores", "nothing"

# (setting, who) -> what they see while the meeting is planned, and once it is in session or
# closed. The conflicted member never sees the application at all (tested below).
EXPECTED = {
    (Visibility.AFTER_OWN, "staff"): (REVIEWS, REVIEWS),
    (Visibility.AFTER_OWN, "chair"): (REVIEWS, REVIEWS),
    (Visibility.AFTER_OWN, "reviewed"): (REVIEWS, REVIEWS),
    (Visibility.AFTER_OWN, "owing"): (NOTHING, NOTHING),
    (Visibility.AFTER_OWN, "unassigned"): (NOTHING, REVIEWS),
    (Visibility.AFTER_OWN, "observer"): (NOTHING, REVIEWS),
    (Visibility.NEVER, "staff"): (REVIEWS, REVIEWS),
    (Visibility.NEVER, "chair"): (REVIEWS, REVIEWS),
    (Visibility.NEVER, "reviewed"): (SCORES, SCORES),
    (Visibility.NEVER, "owing"): (NOTHING, NOTHING),
    (Visibility.NEVER, "unassigned"): (NOTHING, SCORES),
    (Visibility.NEVER, "observer"): (NOTHING, SCORES),
    (Visibility.ALWAYS, "staff"): (REVIEWS, REVIEWS),
    (Visibility.ALWAYS, "chair"): (REVIEWS, REVIEWS),
    (Visibility.ALWAYS, "reviewed"): (REVIEWS, REVIEWS),
    (Visibility.ALWAYS, "owing"): (REVIEWS, REVIEWS),
    (Visibility.ALWAYS, "unassigned"): (REVIEWS, REVIEWS),
    (Visibility.ALWAYS, "observer"): (REVIEWS, REVIEWS),
}
STATES = ["planned", "open"]


def committee_person(name, roles=("committee",)):
    return make_person(roles=list(roles), full_name=name, preferred_language="en")


@pytest.fixture
def people(call):
    """Staff, the chair, and members: Paul and Isabelle reviewed the application (Isabelle is
    one of the viewers), Omar owes a review of it (draft), Ursula reviews other applications,
    Olivia observes, Conrad declared a conflict with it."""
    result = {"staff": make_person(roles=["staff"], full_name="Team", preferred_language="en")}
    for who, name, role in (
        ("chair", "Amina Chair", CommitteeMember.Role.CHAIR),
        ("paul", "Paul Lefèvre", CommitteeMember.Role.REVIEWER),
        ("reviewed", "Isabelle Martin", CommitteeMember.Role.REVIEWER),
        ("owing", "Omar Owing", CommitteeMember.Role.REVIEWER),
        ("unassigned", "Ursula Elsewhere", CommitteeMember.Role.REVIEWER),
        ("observer", "Olivia Observer", CommitteeMember.Role.OBSERVER),
        ("conflicted", "Conrad Conflicted", CommitteeMember.Role.REVIEWER),
    ):
        person = committee_person(
            name, ("partner",) if role == CommitteeMember.Role.OBSERVER else ("committee",)
        )
        seat(call, person, role)
        result[who] = person
    return result


@pytest.fixture
def gardens(call, people):
    result = application(call, "Jardins partagés")
    review(result, people["paul"], 3.61, comment=OTHER_COMMENT)
    review(result, people["reviewed"], 4.17, comment="Avis d'Isabelle")
    review(result, people["owing"], None, submitted=False, comment="Brouillon d'Omar")
    Conflict.objects.create(
        member=CommitteeMember.objects.get(call=call, person=people["conflicted"]),
        application=result,
        source=Conflict.Source.DECLARED,
        reason="Ancien collègue",
    )
    return result


def meeting_in(call, staff, state):
    meeting = services.plan_meeting(call, staff, scheduled_for=_tomorrow(), place="Salle 2")
    services.build_agenda(meeting, staff)
    if state in ("open", "closed"):
        services.fire_meeting(meeting, staff, "open")
    if state == "closed":
        services.fire_meeting(meeting, staff, "close")
    meeting.refresh_from_db()
    return meeting


def _tomorrow():
    return timezone.now() + timezone.timedelta(days=1)


def set_visibility(call, value):
    SelectionSettings.objects.update_or_create(call=call, defaults={"reviews_visibility": value})


def pages_of(client, meeting):
    item = meeting.items.get()
    kwargs = {"slug": meeting.call.slug, "pk": meeting.pk}
    return {
        "item": client.get(reverse("selection:agenda_item", kwargs={**kwargs, "item": item.pk})),
        "agenda": client.get(reverse("selection:meeting", kwargs=kwargs)),
        "minutes": client.get(reverse("selection:meeting_minutes", kwargs=kwargs)),
    }


def shows(number: str, page: str) -> bool:
    return number in page or number.replace(".", ",") in page


def sight_in(name: str, page: str) -> str:
    """What the page shows of the application's reviews."""
    individual = shows(OTHER_SCORE, page) or OTHER_COMMENT in page
    if individual:
        return REVIEWS
    if shows(MEAN, page):
        return SCORES
    return NOTHING


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("setting,who", list(EXPECTED))
def test_each_meeting_page_applies_the_rule(client, call, people, gardens, setting, who, state):
    set_visibility(call, setting)
    meeting = meeting_in(call, people["staff"], state)
    expected = EXPECTED[(setting, who)][0 if state == "planned" else 1]
    client.force_login(people[who])
    for name, response in pages_of(client, meeting).items():
        assert response.status_code == 200, name
        page = response.content.decode()
        assert "Jardins partagés" in page, name
        seen = sight_in(name, page)
        if name == "agenda" and expected == REVIEWS:
            # The agenda shows the mean only, whoever reads it.
            assert seen == SCORES, (name, seen)
        else:
            assert seen == expected, (name, seen)
        # Drafts are never shown, to anyone.
        assert "Brouillon d" not in page, name


@pytest.mark.parametrize("state", ["planned", "closed"])
@pytest.mark.parametrize("setting", list(Visibility))
def test_the_conflicted_member_sees_nothing_of_the_application(
    client, call, people, gardens, setting, state
):
    set_visibility(call, setting)
    meeting = meeting_in(call, people["staff"], state)
    client.force_login(people["conflicted"])
    pages = pages_of(client, meeting)
    assert pages["item"].status_code == 404
    for name in ("agenda", "minutes"):
        page = pages[name].content.decode()
        assert pages[name].status_code == 200
        assert "Jardins partagés" not in page, name
        assert sight_in(name, page) == NOTHING, name


@pytest.mark.parametrize(
    "setting,who",
    [
        (Visibility.AFTER_OWN, "unassigned"),
        (Visibility.AFTER_OWN, "owing"),
        (Visibility.NEVER, "observer"),
        (Visibility.NEVER, "reviewed"),
        (Visibility.ALWAYS, "owing"),
    ],
)
def test_a_closed_meeting_shows_what_a_meeting_in_session_shows(
    client, call, people, gardens, setting, who
):
    set_visibility(call, setting)
    meeting = meeting_in(call, people["staff"], "closed")
    client.force_login(people[who])
    expected = EXPECTED[(setting, who)][1]
    for name in ("item", "minutes"):
        page = pages_of(client, meeting)[name].content.decode()
        assert sight_in(name, page) == expected, name


def test_the_planned_meeting_item_shows_no_review_to_a_member_who_owes_one(
    client, call, people, gardens
):
    """The case of the security review: the meeting is only planned, the call keeps the
    default setting, the member has not reviewed the application yet."""
    meeting = meeting_in(call, people["staff"], "planned")
    client.force_login(people["owing"])
    response = pages_of(client, meeting)["item"]
    page = response.content.decode()
    assert OTHER_COMMENT not in page
    assert "Paul Lefèvre" not in page
    assert not shows(OTHER_SCORE, page) and not shows(MEAN, page)
    assert "once you have submitted your own review" in page


def test_the_decision_form_is_prefilled_for_the_chair_only(client, call, people, gardens):
    """The reviewers' comments for the applicant prefill the chair's decision form; a member
    who may not read the reviews never gets them through it."""
    review_row = gardens.assignments.get(member__person=people["paul"]).review
    review_row.comment_for_applicant = "Merci pour ce dossier"
    review_row.save()
    meeting = meeting_in(call, people["staff"], "open")
    client.force_login(people["chair"])
    assert "Merci pour ce dossier" in pages_of(client, meeting)["item"].content.decode()
    client.force_login(people["owing"])
    assert "Merci pour ce dossier" not in pages_of(client, meeting)["item"].content.decode()


def test_a_review_whose_author_is_now_in_conflict_no_longer_counts(client, call, people, gardens):
    """As on the review page and in the ranking: it is kept, but shown and counted nowhere."""
    Conflict.objects.create(
        member=CommitteeMember.objects.get(call=call, person=people["paul"]),
        application=gardens,
        source=Conflict.Source.DECLARED,
        reason="Déclaré après coup",
    )
    meeting = meeting_in(call, people["staff"], "open")
    client.force_login(people["chair"])
    for name, response in pages_of(client, meeting).items():
        page = response.content.decode()
        assert OTHER_COMMENT not in page and not shows(OTHER_SCORE, page), name
        assert not shows(MEAN, page), name
        assert shows("4.17", page), name  # Isabelle's review alone makes the mean


@pytest.mark.parametrize("setting,who", [*EXPECTED, *((v, "conflicted") for v in Visibility)])
def test_the_permissions_apply_the_same_rule(call, people, gardens, setting, who):
    """`selection.view_reviews` and `selection.view_scores` on an application answer what the
    pages show (a fresh person each time: seats and conflicts are cached per request)."""

    set_visibility(call, setting)
    meeting = meeting_in(call, people["staff"], "planned")
    for index, state in enumerate(STATES):
        if state == "open":
            services.fire_meeting(meeting, people["staff"], "open")
        person = Person.objects.get(pk=people[who].pk)
        expected = NOTHING if who == "conflicted" else EXPECTED[(setting, who)][index]
        gardens.refresh_from_db()
        assert person.has_perm("selection.view_reviews", gardens) == (expected == REVIEWS), state
        assert person.has_perm("selection.view_scores", gardens) == (expected != NOTHING), state

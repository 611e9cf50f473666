"""The ranking page and its CSV export: who sees them, raw and calibrated scores, the
selection line, the tie-break's explanations, the refusal to calibrate, never a conflicted
application, the staff's policy form, and a bounded number of SQL queries."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from tests.conftest import make_person
from tremplin.applications.models import Application
from tremplin.core.models import HistoryEntry
from tremplin.selection.models import CommitteeMember, SelectionSettings
from tremplin.selection.queries import ranking as queries_ranking

from . import builders


def page(client, call, **params):
    return client.get(reverse("selection:ranking", args=[call.slug]), params)


def export(client, call, **params):
    response = client.get(reverse("selection:ranking_export", args=[call.slug]), params)
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


@pytest.fixture
def staff(db):
    return make_person("team@example.org", roles=["staff"], full_name="Équipe")


@pytest.fixture
def tied_call(db):
    """Six applications reviewed by three reviewers (every reviewer reviews every
    application): two ranked first clearly, then four within a few hundredths around the
    line of 4 places. The Guyane application (no past laureate) is 5th; Île-de-France has
    12 past laureates."""
    call = builders.ranking_call(places=4, margin="0.20")
    members = [builders.seat(call, name=name) for name in ("Ana", "Bruno", "Chloé")]
    specs = [
        ("FR-BRE", 4.8, "Alpha"),
        ("FR-ARA", 4.6, "Bravo"),
        ("FR-IDF", 3.54, "Charlie"),
        ("FR-IDF", 3.50, "Delta"),
        ("FR-973", 3.46, "Echo"),
        ("FR-IDF", 2.0, "Foxtrot"),
    ]
    apps = {}
    for region, score, title in specs:
        item = builders.application(call, region=region, lines=("elderly",), title=title)
        apps[title] = item
        for offset, member in zip((-0.3, 0.0, 0.3), members, strict=True):
            builders.review(member, item, score + offset)
    for _ in range(12):
        builders.laureate(call, "FR-IDF", ["elderly"])
    return call, apps, members


def test_raw_and_calibrated_scores_side_by_side_with_the_line_and_the_move(
    client, staff, tied_call
):
    call, _apps, _members = tied_call
    client.force_login(staff)
    response = page(client, call)
    assert response.status_code == 200
    ranking = response.context["ranking"]
    assert ranking.calibration.supported
    titles = [row.title for row in response.context["rows"]]
    # Echo (Guyane, 0 in the portfolio) passes Charlie and Delta (Île-de-France, 12).
    assert titles == ["Alpha", "Bravo", "Echo", "Charlie", "Delta", "Foxtrot"]
    echo = response.context["rows"][2]
    assert echo.moved == 2 and echo.position_before == 5 and echo.position == 3
    assert "Guyane" in echo.explanation and "12" in echo.explanation
    assert "0,20" in echo.explanation  # the margin, in French
    content = response.content.decode()
    assert "Ligne de sélection" in content or "Selection line" in content
    assert content.count('class="ranking-line"') == 1
    assert "<svg" in content and "<script" not in content.split("<main")[1]
    delta = next(row for row in response.context["rows"] if row.title == "Delta")
    assert delta.moved == -1 and "Guyane" in delta.explanation


def test_nothing_moves_where_representativeness_does_not_count(client, staff, db):
    call = builders.ranking_call(representativeness=False, places=1, margin="5")
    members = [builders.seat(call) for _ in range(3)]
    for region, score in (("FR-IDF", 4.0), ("FR-973", 3.9)):
        item = builders.application(call, region=region)
        for offset, member in zip((-0.2, 0.0, 0.2), members, strict=True):
            builders.review(member, item, score + offset)
    builders.laureate(call, "FR-IDF")
    client.force_login(staff)
    response = page(client, call)
    assert [row.moved for row in response.context["rows"]] == [0, 0]
    assert response.context["ranking"].tiebreak_status == "not_counted"
    message = response.context["tiebreak_message"]
    assert message and escape(message) in response.content.decode()


def test_ranking_order_for_the_agenda(tied_call):
    call, apps, _members = tied_call
    order = queries_ranking.ranking_order(call)
    titles = {item.pk: title for title, item in apps.items()}
    assert [titles[pk] for pk in order] == ["Alpha", "Bravo", "Echo", "Charlie", "Delta", "Foxtrot"]


def test_refuses_to_calibrate_and_says_why(client, staff, db):
    call = builders.ranking_call()
    lonely = builders.seat(call, name="Zoé Seule")
    other = builders.seat(call, name="Yves Autre")
    first = builders.application(call, title="Un")
    second = builders.application(call, title="Deux")
    builders.review(lonely, first, 3.0)
    builders.review(other, second, 4.0)
    client.force_login(staff)
    response = page(client, call)
    ranking = response.context["ranking"]
    assert not ranking.calibration.supported
    text = " ".join(ranking.refusals)
    assert "Zoé Seule" in text and "Yves Autre" in text  # groups and too few reviews
    content = response.content.decode()
    assert "Score calibré" not in content and "Calibrated score" not in content
    assert [row.title for row in response.context["rows"]] == ["Deux", "Un"]


@pytest.mark.parametrize("role", ["chair", "observer"])
def test_committee_never_sees_a_conflicted_application(client, tied_call, role):
    call, apps, _members = tied_call
    person = make_person(roles=["committee" if role == "chair" else "partner"])
    member = builders.seat(
        call,
        person,
        CommitteeMember.Role.CHAIR if role == "chair" else CommitteeMember.Role.OBSERVER,
    )
    builders.conflict(member, apps["Charlie"])
    client.force_login(person)
    response = page(client, call)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Charlie" not in content
    assert apps["Charlie"].reference not in content
    rows = response.context["rows"]
    assert [row.position for row in rows] == [1, 2, 3, 4, 5]
    echo = next(row for row in rows if row.title == "Echo")
    # Echo passed Charlie and Delta; the viewer sees it pass Delta only.
    assert echo.moved == 1
    lines = export(client, call)
    assert all("Charlie" not in cell for line in lines for cell in line)
    assert len(lines) == 1 + 5
    # The filters keep the conflict rule.
    response = page(client, call, region="FR-IDF")
    assert "Charlie" not in response.content.decode()


def test_export_has_raw_and_calibrated_columns(client, staff, tied_call):
    call, _apps, _members = tied_call
    client.force_login(staff)
    lines = export(client, call)
    header, first = lines[0], lines[1]
    assert len(header) == len(first) == 21
    assert first[0] == "1" and first[2] == "Alpha"
    echo = next(line for line in lines if line[2] == "Echo")
    assert echo[18] == "2" and "Guyane" in echo[19]


def test_filters_keep_positions_of_the_whole_ranking(client, staff, tied_call):
    call, _apps, _members = tied_call
    client.force_login(staff)
    response = page(client, call, region="FR-IDF")
    rows = response.context["rows"]
    assert [row.title for row in rows] == ["Charlie", "Delta", "Foxtrot"]
    assert [row.position for row in rows] == [4, 5, 6]
    response = page(client, call, business_line="disability")
    assert response.context["rows"] == []


def test_programme_filter_goes_to_the_call_of_that_programme(client, staff, tied_call):
    call, _apps, _members = tied_call
    other = builders.ranking_call(season=call.season)
    client.force_login(staff)
    response = page(client, call, programme=other.slug, region="FR-IDF")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("selection:ranking", args=[other.slug]))
    assert "region=FR-IDF" in response["Location"]


def test_staff_change_the_policy_with_history(client, staff, tied_call):
    call, _apps, _members = tied_call
    client.force_login(staff)
    address = reverse("selection:ranking_policy", args=[call.slug])
    response = client.post(address, {"tie_break": "none", "tie_break_margin": "0.5", "places": 3})
    assert response.status_code == 302
    settings = SelectionSettings.objects.get(call=call)
    assert (settings.tie_break, str(settings.tie_break_margin), settings.places) == (
        "none",
        "0.50",
        3,
    )
    entry = HistoryEntry.objects.get(action="selection.tie_break_policy")
    assert entry.data["before"]["tie_break"] == "margin"
    assert entry.data["after"]["places"] == "3"
    response = page(client, call)
    assert [row.moved for row in response.context["rows"]] == [0] * 6
    # A refused value keeps what was typed, next to the field.
    response = client.post(address, {"tie_break": "margin", "tie_break_margin": "-1"})
    assert response.status_code == 400
    assert response.context["policy_form"].errors["tie_break_margin"]
    assert 'value="-1"' in response.content.decode()


def test_chair_and_observer_get_no_policy_form(client, tied_call):
    call, _apps, _members = tied_call
    person = make_person(roles=["committee"])
    builders.seat(call, person, CommitteeMember.Role.CHAIR)
    client.force_login(person)
    response = page(client, call)
    assert response.status_code == 200 and response.context["policy_form"] is None
    response = client.post(
        reverse("selection:ranking_policy", args=[call.slug]),
        {"tie_break": "none", "tie_break_margin": "0.2"},
    )
    assert response.status_code == 403


def test_the_export_neutralises_formulas(client, staff, tied_call):
    """Titles and organisations are typed by applicants: a spreadsheet must not run them."""

    call, apps, _members = tied_call
    Application.objects.filter(pk=apps["Alpha"].pk).update(title='  =HYPERLINK("x")')
    Application.objects.filter(pk=apps["Bravo"].pk).update(organisation_name="\uff0b33 1 02")
    client.force_login(staff)
    lines = export(client, call)
    cells = [cell for line in lines for cell in line]
    assert '\'  =HYPERLINK("x")' in cells
    assert "'\uff0b33 1 02" in cells
    starts = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
    assert not [cell for cell in cells if cell.lstrip().startswith(starts)]


def test_a_reviewer_may_not_see_the_ranking(client, tied_call):
    call, _apps, members = tied_call
    client.force_login(members[0].person)
    assert page(client, call).status_code == 403
    response = client.get(reverse("selection:ranking_export", args=[call.slug]))
    assert response.status_code == 403


def _count_queries(client, call):
    page(client, call)  # the first request of a session reads what others cache
    with CaptureQueriesContext(connection) as queries:
        response = page(client, call)
    assert response.status_code == 200
    return len(queries), response


def test_same_number_of_queries_for_20_and_200_applications(client, staff, db):
    client.force_login(staff)
    small, _members_small, _ = builders.reviewed_call(applications=20, reviewers=6)
    large, _members_large, _ = builders.reviewed_call(applications=200, reviewers=6)
    for _ in range(3):
        builders.laureate(small, "FR-IDF", ["elderly"])
        builders.laureate(large, "FR-IDF", ["elderly"])
    count_small, response_small = _count_queries(client, small)
    count_large, response_large = _count_queries(client, large)
    assert response_small.context["ranking"].calibration.supported
    assert response_large.context["ranking"].calibration.supported
    assert len(response_large.context["rows"]) == 200
    assert count_small == count_large
    assert count_large <= 25  # the page and the navigation of base.html


def test_a_review_whose_member_declared_a_conflict_leaves_the_ranking(client, staff, tied_call):
    call, apps, members = tied_call
    builders.conflict(members[0], apps["Alpha"])
    client.force_login(staff)
    rows = {row.title: row for row in page(client, call).context["rows"]}
    assert rows["Alpha"].raw.count == 2
    assert rows["Alpha"].raw.mean == pytest.approx(4.95)  # 4.8 and 5.1; Ana's 4.5 is out
    assert rows["Bravo"].raw.count == 3

"""The staff list of a call's applications: filters alone and combined, search, sorting,
pagination, and the list of every call."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.applications.builders import apply, build_call, move_to
from tremplin.applications.models import Application, State
from tremplin.demo.synthetic import generate_applications
from tremplin.programmes.models import Programme, Season


def listed(client, call, **params):
    response = client.get(reverse("applications:call_applications", args=[call.slug]), params)
    assert response.status_code == 200
    return [application.pk for application in response.context["rows"]]


@pytest.fixture
def applications(call):
    """Five applications that differ in every filtered way."""
    return {
        "gardens": apply(
            call,
            title="Jardins partagés",
            region="FR-BRE",
            kind="association",
            lines=("elderly",),
            stage="idea",
            audiences=("seniors",),
            need="Rompre l'isolement des personnes âgées grâce aux potagers.",
        ),
        "mobility": apply(
            call,
            title="Mobilités solidaires",
            region="FR-IDF",
            kind="company",
            lines=("disability", "elderly"),
            stage="pilot",
            audiences=("seniors", "migrants"),
            need="Des véhicules partagés pour les bénévoles.",
        ),
        "grocery": move_to(
            apply(
                call,
                title="Épicerie mobile",
                region="FR-IDF",
                kind="association",
                lines=("food_aid",),
                stage="prototype",
                audiences=("youth",),
                need="Une épicerie sociale sans papier.",
            ),
            State.ELIGIBLE,
        ),
        "refugees": move_to(
            apply(
                call,
                title="Accès au travail",
                region="FR-OCC",
                kind="company",
                lines=("migrations",),
                stage="pilot",
                audiences=("migrants",),
                need="L'accès à l'emploi des personnes réfugiées.",
            ),
            State.INELIGIBLE,
        ),
        "draft": apply(
            call,
            title="Brouillon",
            region="FR-BRE",
            kind="association",
            lines=("elderly",),
            need="Pas fini.",
            submit=False,
        ),
    }


def pks(applications, *names):
    return {applications[name].pk for name in names}


def test_drafts_are_left_out_unless_asked_for(staff_client, call, applications):
    assert set(listed(staff_client, call)) == pks(
        applications, "gardens", "mobility", "grocery", "refugees"
    )
    assert set(listed(staff_client, call, drafts="on")) == {a.pk for a in applications.values()}
    assert set(listed(staff_client, call, status="draft")) == pks(applications, "draft")


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "submitted"}, ["gardens", "mobility"]),
        ({"status": ["eligible", "ineligible"]}, ["grocery", "refugees"]),
        ({"region": "FR-IDF"}, ["mobility", "grocery"]),
        ({"business_line": "elderly"}, ["gardens", "mobility"]),
        ({"business_line": "migrations"}, ["refugees"]),
        ({"organisation_kind": "company"}, ["mobility", "refugees"]),
        ({"answer_stage": "pilot"}, ["mobility", "refugees"]),
        ({"answer_audiences": "migrants"}, ["mobility", "refugees"]),
    ],
)
def test_each_filter_alone(staff_client, call, applications, params, expected):
    assert set(listed(staff_client, call, **params)) == pks(applications, *expected)


def test_filters_combined(staff_client, call, applications):
    assert set(listed(staff_client, call, region="FR-IDF", organisation_kind="association")) == pks(
        applications, "grocery"
    )
    assert set(listed(staff_client, call, business_line="elderly", answer_stage="pilot")) == pks(
        applications, "mobility"
    )
    assert set(listed(staff_client, call, answer_audiences="migrants", status="ineligible")) == pks(
        applications, "refugees"
    )
    assert (
        listed(staff_client, call, region="FR-IDF", business_line="elderly", answer_stage="idea")
        == []
    )
    # Drafts with a filter that matches them.
    assert set(listed(staff_client, call, region="FR-BRE", drafts="on")) == pks(
        applications, "gardens", "draft"
    )


def test_search_finds_a_word_of_a_long_answer_with_accents_folded(staff_client, call, applications):
    # "agees" finds "âgées" in the long text answer; prefixes match.
    assert set(listed(staff_client, call, q="agees")) == pks(applications, "gardens")
    assert set(listed(staff_client, call, q="BÉNÉVOLES")) == pks(applications, "mobility")
    assert set(listed(staff_client, call, q="refug")) == pks(applications, "refugees")
    # Every word must be found; search combines with the filters.
    assert listed(staff_client, call, q="potagers véhicules") == []
    assert listed(staff_client, call, q="epicerie", status="submitted") == []
    assert set(listed(staff_client, call, q="epicerie", status="eligible")) == pks(
        applications, "grocery"
    )


def test_a_value_not_offered_is_reported_and_the_other_filters_apply(
    staff_client, call, applications
):
    response = staff_client.get(
        reverse("applications:call_applications", args=[call.slug]),
        {"region": "XX-NOPE", "organisation_kind": "company", "page": "abc", "sort": "bogus"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"region", "sort"}
    assert {a.pk for a in response.context["rows"]} == pks(applications, "mobility", "refugees")
    assert 'aria-invalid="true"' in response.content.decode()


def test_sorting(staff_client, call, applications):
    by_title = listed(staff_client, call, sort="title")
    # "Accès", "Jardins", "Mobilités" in this order ("Épicerie" depends on the collation).
    plain = [pk for pk in by_title if pk != applications["grocery"].pk]
    assert plain == [applications[name].pk for name in ["refugees", "gardens", "mobility"]]
    assert listed(staff_client, call, sort="-title") == list(reversed(by_title))
    by_status = listed(staff_client, call, sort="status")
    states = [Application.objects.get(pk=pk).state for pk in by_status]
    assert states == sorted(states)
    by_region = listed(staff_client, call, sort="region")
    names = [Application.objects.get(pk=pk).region.name for pk in by_region]
    assert names == sorted(names)
    newest_first = listed(staff_client, call)
    dates = [Application.objects.get(pk=pk).submitted_at for pk in newest_first]
    assert dates == sorted(dates, reverse=True)
    assert listed(staff_client, call, sort="submitted") == list(reversed(newest_first))


def test_sort_headings_say_how_the_list_is_sorted(staff_client, call, applications):
    html = staff_client.get(
        reverse("applications:call_applications", args=[call.slug]), {"sort": "title"}
    ).content.decode()
    assert 'aria-sort="ascending"' in html
    assert 'href="?sort=-title"' in html


def test_pagination(staff_client, call):
    generate_applications(call, 120, with_people=False)
    submitted = Application.objects.filter(call=call).exclude(state=State.DRAFT).count()
    first = listed(staff_client, call, sort="title")
    assert len(first) == 50
    second = listed(staff_client, call, sort="title", page=2)
    last = listed(staff_client, call, sort="title", page=3)
    assert len(second) == 50 and len(last) == submitted - 100
    assert not set(first) & set(second) and not set(second) & set(last)
    # A page past the end shows the last page; a page that is not a number, the first.
    assert listed(staff_client, call, sort="title", page=99) == last
    assert listed(staff_client, call, sort="title", page="x") == first
    html = staff_client.get(
        reverse("applications:call_applications", args=[call.slug]),
        {"sort": "title", "page": 2},
    ).content.decode()
    # The page links keep the filters and the order.
    assert "?sort=title&amp;page=3" in html
    assert 'aria-current="page"' in html


def test_every_call_list_filters_by_programme_and_season(staff_client, call, applications):
    other_programme = Programme.objects.create(
        slug="intrapreneurs", name={"fr": "Intrapreneurs"}, audience="anyone"
    )
    other_season = Season.objects.create(number=5, opened_on=call.season.opened_on)
    other = build_call("intrapreneurs-s5", programme=other_programme, season=other_season)
    elsewhere = apply(other, title="Ailleurs", lines=("elderly",))
    url = reverse("applications:list")

    def rows(**params):
        response = staff_client.get(url, params)
        assert response.status_code == 200
        return {a.pk for a in response.context["rows"]}

    everything = pks(applications, "gardens", "mobility", "grocery", "refugees")
    assert rows() == everything | {elsewhere.pk}
    assert rows(programme=other_programme.pk) == {elsewhere.pk}
    assert rows(programme=call.programme.pk) == everything
    assert rows(season=other_season.pk) == {elsewhere.pk}
    assert rows(season=call.season.pk, business_line="elderly") == pks(
        applications, "gardens", "mobility"
    )
    html = staff_client.get(url).content.decode()
    assert str(other) in html  # the call of each row is shown


def test_rows_are_escaped(staff_client, call):
    apply(call, title="<script>alert(1)</script>", organisation="<b>Org</b>")
    html = staff_client.get(
        reverse("applications:call_applications", args=[call.slug])
    ).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;Org&lt;/b&gt;" in html
    # One heading of level 1, a caption, column headers with their scope, labelled checkboxes.
    assert html.count("<h1") == 1
    assert "<caption>" in html and '<th scope="col"' in html and '<th scope="row">' in html
    assert html.count('<input type="checkbox" name="applications"') == html.count(
        '<label for="select-'
    )

"""Creating, editing and copying calls from the staff pages: dates typed in the call's time
zone and stored in UTC, one call per programme per season, a new form's system questions and
default checklist, a copy with its whole form."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.core.exceptions import PermissionDenied

from tests.programmes import builders
from tests.programmes.support import call_data, translated_data, url
from tremplin.accounts.models import Organisation
from tremplin.core.history import history_of
from tremplin.programmes.models import Audience, Call, Question
from tremplin.programmes.services import calls, criteria, form_builder
from tremplin.reference.models import Region

pytestmark = pytest.mark.django_db


def test_a_call_is_created_with_its_dates_in_its_time_zone(staff_client, settings):
    # The server's own zone must not matter: only the call's does.
    settings.TIME_ZONE = "Asia/Tokyo"
    programme, season = builders.programme(), builders.season()
    response = staff_client.post(url("call_create"), call_data(programme, season))
    call = Call.objects.get(programme=programme, season=season)
    assert response.status_code == 302
    assert response["Location"] == url("form_builder", slug=call.slug)
    # 23:59 in Paris in winter (UTC+1) is 22:59 UTC.
    assert call.closes_at == datetime(2027, 1, 15, 22, 59, tzinfo=UTC)
    assert call.opens_at == datetime(2027, 1, 5, 8, 0, tzinfo=UTC)
    assert call.screening_ends_on.isoformat() == "2027-02-01"
    # ...and it is shown back as 23:59 on the edit page.
    page = staff_client.get(url("call_edit", slug=call.slug))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'value="2027-01-15T23:59"' in html
    assert 'value="2027-01-05T09:00"' in html


def test_summer_time_and_overseas_time_zones(staff_client):
    programme, season = builders.programme(), builders.season()
    staff_client.post(
        url("call_create"),
        call_data(programme, season, opens_at="2027-06-01T09:00", closes_at="2027-07-15T23:59"),
    )
    summer = Call.objects.get(programme=programme)
    assert summer.closes_at == datetime(2027, 7, 15, 21, 59, tzinfo=UTC)  # UTC+2 in summer

    other = builders.programme()
    staff_client.post(
        url("call_create"),
        call_data(other, season, time_zone="America/Cayenne", closes_at="2027-01-15T23:59"),
    )
    cayenne = Call.objects.get(programme=other)
    assert cayenne.closes_at == datetime(2027, 1, 16, 2, 59, tzinfo=UTC)  # UTC-3
    html = staff_client.get(url("call_edit", slug=cayenne.slug)).content.decode()
    assert 'value="2027-01-15T23:59"' in html


def test_changing_the_time_zone_reads_the_typed_times_in_the_new_one(staff_client):
    programme, season = builders.programme(), builders.season()
    staff_client.post(url("call_create"), call_data(programme, season))
    call = Call.objects.get(programme=programme)
    data = call_data(programme, season, time_zone="Indian/Reunion")  # UTC+4
    response = staff_client.post(url("call_edit", slug=call.slug), data)
    assert response.status_code == 302
    call.refresh_from_db()
    assert call.time_zone == "Indian/Reunion"
    assert call.closes_at == datetime(2027, 1, 15, 19, 59, tzinfo=UTC)
    assert (
        'value="2027-01-15T23:59"'
        in staff_client.get(url("call_edit", slug=call.slug)).content.decode()
    )


def test_a_time_skipped_by_the_clocks_is_refused_next_to_the_field(staff_client):
    programme, season = builders.programme(), builders.season()
    # On 28 March 2027 Paris clocks jump from 02:00 to 03:00.
    data = call_data(programme, season, opens_at="2027-03-28T02:30", closes_at="2027-04-15T12:00")
    response = staff_client.post(url("call_create"), data)
    assert response.status_code == 200
    assert "opens_at" in response.context["form"].errors
    assert not Call.objects.filter(programme=programme).exists()


def test_a_call_must_close_after_it_opens(staff_client):
    programme, season = builders.programme(), builders.season()
    data = call_data(programme, season, opens_at="2027-01-15T10:00", closes_at="2027-01-15T09:00")
    response = staff_client.post(url("call_create"), data)
    assert response.status_code == 200
    assert "closes_at" in response.context["form"].errors
    assert not Call.objects.filter(programme=programme).exists()


def test_one_call_per_programme_per_season_with_a_form_error_that_keeps_the_typed_data(
    staff_client,
):
    existing = builders.call()
    data = call_data(
        existing.programme,
        existing.season,
        slug="second-call",
        **translated_data("title", fr="Un second appel tapé avec soin"),
        closes_at="2027-01-20T18:30",
    )
    response = staff_client.post(url("call_create"), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.has_error("season", code="one_call_per_season")
    assert existing.slug in str(form.errors["season"])
    html = response.content.decode()
    # What was typed is still there, and the error is tied to the season field.
    assert "Un second appel tapé avec soin" in html
    assert 'value="second-call"' in html
    assert 'value="2027-01-20T18:30"' in html
    assert 'id="id_season_error"' in html
    assert 'aria-invalid="true" aria-describedby="id_season_error" id="id_season"' in html
    assert Call.objects.filter(programme=existing.programme).count() == 1


def test_a_new_call_gets_the_system_questions_and_the_default_checklist(staff_client):
    programme = builders.programme(audience=Audience.MEMBERS)
    season = builders.season()
    regions = list(Region.objects.order_by("name")[:2])
    data = call_data(
        programme,
        season,
        eligible_organisation_kinds=[Organisation.Kind.LOCAL_UNIT, Organisation.Kind.ESTABLISHMENT],
        eligible_regions=[r.pk for r in regions],
    )
    staff_client.post(url("call_create"), data)
    call = Call.objects.get(programme=programme)
    assert set(call.eligible_organisation_kinds) == {"local_unit", "establishment"}
    assert set(call.eligible_regions.all()) == set(regions)
    assert set(call.questions.values_list("key", flat=True)) == form_builder.SYSTEM_KEYS
    labels = [c.label for c in call.criteria.order_by("position")]
    # The programme's rules first, then the four criteria of the catalogue; every language.
    assert len(labels) == 3 + 4
    assert all(set(label) == {"fr", "en", "es", "ar"} for label in labels)
    assert labels[0]["en"] == criteria.AUDIENCE_CRITERIA["members"]
    assert "Local unit of the movement" in labels[1]["en"]
    assert all(region.name in labels[2]["fr"] for region in regions)
    assert [label["en"] for label in labels[3:]] == criteria.CATALOGUE_CRITERIA
    assert [e.action for e in history_of(call)] == ["call_created"]


def test_an_outsiders_call_starts_with_the_outsider_criterion():
    call = builders.call(builders.programme(audience=Audience.OUTSIDERS))
    checklist = criteria.default_criteria(call)
    assert checklist[0]["en"] == criteria.AUDIENCE_CRITERIA["outsiders"]
    assert len(checklist) == 1 + 4
    anyone = builders.call(builders.programme(audience=Audience.ANYONE))
    assert len(criteria.default_criteria(anyone)) == 4


def test_editing_a_call_records_what_changed(staff_client, staff):
    programme, season = builders.programme(), builders.season()
    staff_client.post(url("call_create"), call_data(programme, season))
    call = Call.objects.get(programme=programme)
    data = call_data(programme, season, max_upload_mb="20", eligible_regions=[])
    data.pop("allow_edit_after_submit")
    response = staff_client.post(url("call_edit", slug=call.slug), data)
    assert response.status_code == 302
    call.refresh_from_db()
    assert call.max_upload_mb == 20
    assert call.allow_edit_after_submit is False
    entry = history_of(call).first()
    assert entry.action == "call_updated"
    assert entry.actor == staff
    assert entry.data["fields"] == ["allow_edit_after_submit", "max_upload_mb"]
    page = staff_client.get(url("call_edit", slug=call.slug))
    assert len(page.context["history"]) == 2


def test_a_call_may_not_accept_files_larger_than_the_platform_does(staff_client, settings):
    """Each request is refused beyond TREMPLIN_REQUEST_MAX_BYTES: a call's limit stays within
    TREMPLIN_UPLOAD_MAX_MB, which that limit leaves room for."""
    settings.TREMPLIN_UPLOAD_MAX_MB = 20
    programme, season = builders.programme(), builders.season()
    staff_client.post(url("call_create"), call_data(programme, season))
    call = Call.objects.get(programme=programme)
    data = call_data(programme, season, max_upload_mb="21", eligible_regions=[])
    response = staff_client.post(url("call_edit", slug=call.slug), data)
    assert response.status_code == 200
    # The limit, in the staff member's language (French by default).
    assert "20 Mo au plus" in str(response.context["form"].errors["max_upload_mb"])
    call.refresh_from_db()
    assert call.max_upload_mb == 10


def test_the_edit_page_does_not_count_the_call_itself_as_a_duplicate(staff_client):
    call = builders.call()
    data = call_data(call.programme, call.season, slug=call.slug)
    response = staff_client.post(url("call_edit", slug=call.slug), data)
    assert response.status_code == 302


@pytest.mark.parametrize("slug", ["new", "copy"])
def test_no_call_takes_the_address_of_a_staff_page(staff_client, slug):
    """staff/calls/new/ and staff/calls/copy/ are pages: a call there could not be edited."""
    programme, season = builders.programme(), builders.season()
    response = staff_client.post(url("call_create"), call_data(programme, season, slug=slug))
    assert response.status_code == 200
    assert "slug" in response.context["form"].errors
    assert not Call.objects.filter(slug=slug).exists()


def test_a_call_cannot_be_moved_onto_a_season_that_has_one(staff_client):
    programme = builders.programme()
    first = builders.call(programme, builders.season())
    second = builders.call(programme, builders.season())
    data = call_data(programme, first.season, slug=second.slug)
    response = staff_client.post(url("call_edit", slug=second.slug), data)
    assert response.context["form"].has_error("season", code="one_call_per_season")


def test_copying_a_call_copies_its_whole_form_with_new_ids(staff_client, staff, call_with_form):
    source = call_with_form
    source.eligible_organisation_kinds = ["association"]
    source.max_upload_mb = 25
    source.save()
    source.eligible_regions.set(Region.objects.order_by("name")[:1])
    target_season = builders.season()
    response = staff_client.post(
        url("call_copy"),
        {
            "source": source.pk,
            "season": target_season.pk,
            "slug": "",
            **translated_data("title"),
            "time_zone": "Europe/Paris",
            "opens_at": "2028-01-05T09:00",
            "closes_at": "2028-02-01T12:00",
            "screening_ends_on": "",
            "review_ends_on": "",
            "committee_on": "",
            "announcement_on": "",
        },
    )
    copy = Call.objects.get(programme=source.programme, season=target_season)
    assert response.status_code == 302
    assert response["Location"] == url("call_edit", slug=copy.slug)
    assert copy.slug == f"{source.programme.slug}-s{target_season.number}"
    assert copy.title == source.title
    assert copy.closes_at == datetime(2028, 2, 1, 11, 0, tzinfo=UTC)
    assert copy.eligible_organisation_kinds == ["association"]
    assert copy.max_upload_mb == 25
    assert list(copy.eligible_regions.all()) == list(source.eligible_regions.all())

    def shape(call):
        return [
            (
                step.position,
                step.title,
                [(q.key, q.kind, q.label, q.options, q.max_length) for q in step.questions.all()],
            )
            for step in call.steps.order_by("position").prefetch_related("questions")
        ]

    assert shape(copy) == shape(source)
    assert [c.label for c in copy.criteria.order_by("position")] == [
        c.label for c in source.criteria.order_by("position")
    ]
    old_ids = set(source.questions.values_list("pk", flat=True))
    assert not old_ids & set(copy.questions.values_list("pk", flat=True))
    assert not set(source.steps.values_list("pk", flat=True)) & set(
        copy.steps.values_list("pk", flat=True)
    )
    assert not set(source.criteria.values_list("pk", flat=True)) & set(
        copy.criteria.values_list("pk", flat=True)
    )
    # The copy's questions belong to the copy's steps.
    assert not Question.objects.filter(call=copy).exclude(step__call=copy).exists()
    entry = history_of(copy).first()
    assert (entry.action, entry.actor, entry.data["source"]) == ("call_copied", staff, source.pk)


def test_copying_onto_a_season_that_has_a_call_keeps_the_typed_data(staff_client):
    source = builders.call()
    taken = builders.call(source.programme, builders.season())
    data = {
        "source": source.pk,
        "season": taken.season.pk,
        "slug": "my-copy",
        **translated_data("title", fr="Titre tapé"),
        "time_zone": "Europe/Paris",
        "opens_at": "2028-01-05T09:00",
        "closes_at": "2028-02-01T12:00",
    }
    response = staff_client.post(url("call_copy"), data)
    assert response.status_code == 200
    assert response.context["form"].has_error("season", code="one_call_per_season")
    html = response.content.decode()
    assert "Titre tapé" in html and 'value="my-copy"' in html
    assert 'value="2028-02-01T12:00"' in html
    assert Call.objects.filter(programme=source.programme).count() == 2


def test_the_copy_page_can_start_from_a_chosen_call(staff_client):
    source = builders.call()
    response = staff_client.get(url("call_copy") + f"?source={source.slug}")
    assert response.status_code == 200
    assert response.context["form"].initial["source"] == source.pk
    for forged in ("abc", "-1", str(source.pk), "99999", "1;DROP", "a" * 500):
        response = staff_client.get(url("call_copy") + f"?source={forged}")
        assert response.status_code == 200
        assert "source" not in response.context["form"].initial


def test_services_refuse_people_who_are_not_staff(applicant, call_with_form):
    with pytest.raises(PermissionDenied):
        calls.create_call(
            applicant,
            programme=builders.programme(),
            season=builders.season(),
            slug="refused",
            title={"fr": "Refusé"},
            opens_at=call_with_form.opens_at,
            closes_at=call_with_form.closes_at,
        )
    with pytest.raises(PermissionDenied):
        calls.copy_call(
            call_with_form,
            applicant,
            season=builders.season(),
            slug="refused",
            opens_at=call_with_form.opens_at,
            closes_at=call_with_form.closes_at,
        )
    assert not Call.objects.filter(slug="refused").exists()


def test_an_applicant_posting_the_form_is_refused_and_nothing_is_created(client, applicant):
    client.force_login(applicant)
    programme, season = builders.programme(), builders.season()
    response = client.post(url("call_create"), call_data(programme, season))
    assert response.status_code == 403
    assert not Call.objects.filter(programme=programme).exists()

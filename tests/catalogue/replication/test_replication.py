"""Replication: a member asks to replicate a published innovation (where and how), its owner is
told in their language and answers, confirms the replication or says it did not happen; the
member is told; the innovation page lists the confirmed countries; every step is recorded."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from tests.catalogue.factories import make_innovation
from tests.conftest import make_person
from tremplin.catalogue.models import InnovationVersion, Replication
from tremplin.catalogue.services import replication as services
from tremplin.catalogue.services.replication import Outcome
from tremplin.core.history import history_of
from tremplin.messaging.models import Message

pytestmark = pytest.mark.django_db
R = Replication.State
S = InnovationVersion.State


@pytest.fixture
def owner(db):
    return make_person("owner@example.org", preferred_language="es")


@pytest.fixture
def member(db):
    return make_person("member@example.org", preferred_language="en")


@pytest.fixture
def innovation(owner):
    return make_innovation(
        owner, title={"fr": "Jardins partagés", "es": "Huertos compartidos", "en": "Gardens"}
    )


def ask(client, innovation, **data):
    fields = {"country": "SN", "organisation": "Croix-Rouge sénégalaise", "plan": "À Dakar."}
    fields.update(data)
    return client.post(reverse("catalogue:replicate", args=[innovation.slug]), fields)


def test_a_member_asks_and_the_owner_is_told_in_their_language(client, innovation, member):
    client.force_login(member)
    page = client.get(reverse("catalogue:replicate", args=[innovation.slug]))
    assert page.status_code == 200
    assert "Huertos" not in page.content.decode()  # the member reads it in French (interface)
    response = ask(client, innovation)
    replication = Replication.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("catalogue:replication", args=[replication.pk])
    assert replication.person == member
    assert str(replication.country) == "SN"
    assert replication.state == R.PROPOSED
    message = Message.objects.get(recipient=innovation.owner)
    assert message.language == "es"
    assert "Huertos compartidos" in message.subject  # the title in the owner's language
    assert "Dakar" in message.body
    assert reverse("catalogue:replication", args=[replication.pk]) in message.body
    (entry,) = history_of(replication)
    assert entry.action == "replication_requested"
    assert entry.actor == member
    assert entry.to_state == R.PROPOSED
    assert len(mail.outbox) == 0 or mail.outbox[0].to == [innovation.owner.email]


def test_a_double_submit_records_one_request(client, innovation, member):
    client.force_login(member)
    ask(client, innovation)
    ask(client, innovation)
    assert Replication.objects.count() == 1
    assert Message.objects.filter(recipient=innovation.owner).count() == 1
    ask(client, innovation, country="MA")  # another country is another request
    assert Replication.objects.count() == 2


def test_bad_input_gets_a_message_and_keeps_what_was_typed(client, innovation, member):
    client.force_login(member)
    response = ask(client, innovation, country="", plan="   ", organisation="Mon association")
    assert response.status_code == 400
    content = response.content.decode()
    assert "Mon association" in content
    assert 'aria-invalid="true"' in content
    assert Replication.objects.count() == 0
    response = ask(client, innovation, country="ZZ")
    assert response.status_code == 400


def test_who_may_ask(client, innovation, member):
    url = reverse("catalogue:replicate", args=[innovation.slug])
    response = client.get(url)
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    client.force_login(innovation.owner)
    assert client.get(url).status_code == 403
    assert ask(client, innovation).status_code == 403
    client.force_login(member)
    draft = make_innovation(title="Brouillon", state=S.DRAFT)
    assert client.get(reverse("catalogue:replicate", args=[draft.slug])).status_code == 404
    with pytest.raises(PermissionDenied):
        services.request_replication(draft, member, country="FR", plan="x")
    assert Replication.objects.count() == 0


def _request(innovation, member, country="SN"):
    return services.request_replication(
        innovation, member, country=country, organisation="", plan="Plan"
    )


def answer(client, replication, outcome, text=""):
    return client.post(
        reverse("catalogue:replication", args=[replication.pk]),
        {"outcome": outcome, "answer": text},
    )


def test_the_owner_answers_and_the_member_is_told(client, innovation, member):
    replication = _request(innovation, member)
    client.force_login(innovation.owner)
    page = client.get(reverse("catalogue:replication", args=[replication.pk]))
    assert page.status_code == 200
    assert 'name="outcome"' in page.content.decode()
    response = answer(client, replication, Outcome.ANSWER, "Avec plaisir, appelez-nous.")
    assert response.status_code == 302
    replication.refresh_from_db()
    assert replication.state == R.ANSWERED
    assert replication.answer == "Avec plaisir, appelez-nous."
    message = Message.objects.get(recipient=member)
    assert message.language == "en"
    assert "Gardens" in message.subject
    assert "Avec plaisir" in message.body
    actions = [entry.action for entry in history_of(replication)]
    assert actions == ["replication_answered", "replication_requested"]


def test_an_answer_needs_a_message(client, innovation, member):
    replication = _request(innovation, member)
    client.force_login(innovation.owner)
    response = answer(client, replication, Outcome.ANSWER, "  ")
    assert response.status_code == 400
    assert Message.objects.filter(recipient=member).count() == 0
    with pytest.raises(ValidationError):
        services.answer_replication(replication, innovation.owner, outcome=Outcome.ANSWER)
    with pytest.raises(ValidationError):
        services.answer_replication(replication, innovation.owner, outcome="explode")


def test_confirmation_counts_on_the_record_and_can_be_corrected(client, innovation, member):
    senegal = _request(innovation, member, "SN")
    morocco = _request(innovation, make_person(), "MA")
    senegal_again = _request(innovation, make_person(), "SN")
    client.force_login(innovation.owner)
    answer(client, senegal, Outcome.CONFIRM, "Bravo !")
    answer(client, senegal_again, Outcome.CONFIRM)
    answer(client, morocco, Outcome.DECLINE, "Pas eu lieu")
    senegal.refresh_from_db()
    morocco.refresh_from_db()
    assert senegal.state == R.CONFIRMED
    assert morocco.state == R.DECLINED
    subjects = list(Message.objects.filter(recipient=member).values_list("subject", flat=True))
    assert any("confirmed" in subject for subject in subjects)
    html = render_panel(innovation, member)
    assert "Sénégal" in html
    assert "Maroc" not in html
    assert "(2 " in html  # two replications in Senegal
    # the owner corrects: the Moroccan one happened after all, the first Senegalese did not
    answer(client, morocco, Outcome.CONFIRM)
    answer(client, senegal, Outcome.DECLINE)
    html = render_panel(innovation, member)
    assert "Maroc" in html and "Sénégal" in html
    actions = [entry.action for entry in history_of(senegal)]
    assert actions == [
        "replication_declined",
        "replication_confirmed",
        "replication_requested",
    ]
    # a confirmed request cannot be confirmed twice
    with pytest.raises(ValidationError):
        services.answer_replication(morocco, innovation.owner, outcome=Outcome.CONFIRM)


def test_only_the_owner_answers_and_only_the_two_people_see_it(client, innovation, member):
    replication = _request(innovation, member)
    url = reverse("catalogue:replication", args=[replication.pk])
    client.force_login(member)
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="outcome"' not in page.content.decode()
    assert answer(client, replication, Outcome.CONFIRM).status_code == 403
    # Anyone else is told that the request does not exist.
    client.force_login(make_person(roles=["moderator"]))
    assert client.get(url).status_code == 404
    assert answer(client, replication, Outcome.CONFIRM).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302
    replication.refresh_from_db()
    assert replication.state == R.PROPOSED
    with pytest.raises(PermissionDenied):
        services.answer_replication(replication, member, outcome=Outcome.CONFIRM)


def test_lists_of_requests_received_and_sent(client, innovation, member, owner):
    other_owner_innovation = make_innovation(title="Autre")
    mine = _request(innovation, member)
    _request(other_owner_innovation, member, "MA")
    unrelated = _request(other_owner_innovation, make_person(), "TN")
    client.force_login(owner)
    received = client.get(reverse("catalogue:replications_received"))
    assert list(received.context["page"].object_list) == [mine]
    client.force_login(member)
    sent = client.get(reverse("catalogue:my_replications"))
    assert unrelated not in sent.context["page"].object_list
    assert len(sent.context["page"].object_list) == 2


@pytest.mark.parametrize("name", ["catalogue:replications_received", "catalogue:my_replications"])
def test_lists_make_a_bounded_number_of_queries(
    client, owner, member, name, django_assert_max_num_queries
):
    for number in range(12):
        innovation = make_innovation(owner, title=f"Innovation {number}")
        _request(innovation, member)
    client.force_login(owner if name == "catalogue:replications_received" else member)
    with django_assert_max_num_queries(12):
        response = client.get(reverse(name))
    assert len(response.context["page"].object_list) == 12


# --- The innovation page's panel -------------------------------------------------------------


def render_panel(innovation, user, version=None):
    from django.contrib.auth.models import AnonymousUser
    from django.utils import translation

    request = RequestFactory().get("/")
    request.user = user or AnonymousUser()
    with translation.override("fr"):
        return render_to_string(
            "catalogue/replication/_panel.html",
            {
                "innovation": innovation,
                "version": version or innovation.published,
                "user": request.user,
            },
            request=request,
        )


def test_panel_offers_the_right_action_to_each_reader(innovation, member):
    replicate = reverse("catalogue:replicate", args=[innovation.slug])
    html = render_panel(innovation, member)
    assert f'href="{replicate}"' in html
    assert "<ul>" not in html  # no confirmed country yet
    anonymous = render_panel(innovation, None)
    assert f'href="{replicate}"' not in anonymous
    assert reverse("account_login") in anonymous
    _request(innovation, member)
    owner_view = render_panel(innovation, innovation.owner)
    assert f'href="{replicate}"' not in owner_view
    assert reverse("catalogue:replications_received") in owner_view
    member_view = render_panel(innovation, member)
    assert reverse("catalogue:replication", args=[Replication.objects.get().pk]) in member_view


def test_panel_is_empty_for_a_version_not_online(innovation):
    newer = InnovationVersion.objects.create(
        innovation=innovation, number=2, author=innovation.owner, original_language="fr"
    )
    assert render_panel(innovation, innovation.owner, version=newer).strip() == ""


def test_panel_queries(innovation, member, django_assert_max_num_queries):
    for country in ("SN", "MA", "TN", "SN"):
        replication = _request(innovation, make_person(), country)
        Replication.objects.filter(pk=replication.pk).update(state=R.CONFIRMED)
    with django_assert_max_num_queries(3):
        html = render_panel(innovation, member)
    assert html.count("<li>") == 3


# --- Permissions per role --------------------------------------------------------------------


def test_permissions_for_each_role(people_by_role, innovation, member):
    replication = _request(innovation, member)
    for role, person in people_by_role.items():
        if person is None:
            from django.contrib.auth.models import AnonymousUser

            person = AnonymousUser()
        assert person.has_perm("catalogue.replicate", innovation) is (role != "anonymous"), role
        assert not person.has_perm("catalogue.answer_replication", replication), role
        assert not person.has_perm("catalogue.view_replication", replication), role
    owner = innovation.owner
    assert not owner.has_perm("catalogue.replicate", innovation)
    assert owner.has_perm("catalogue.answer_replication", replication)
    assert owner.has_perm("catalogue.view_replication", replication)
    assert member.has_perm("catalogue.view_replication", replication)
    assert not member.has_perm("catalogue.answer_replication", replication)
    draft = make_innovation(title="Brouillon", state=S.DRAFT)
    assert not member.has_perm("catalogue.replicate", draft)


def test_the_innovation_page_shows_the_panel(client, innovation, member):
    replication = _request(innovation, make_person(), "SN")
    Replication.objects.filter(pk=replication.pk).update(state=R.CONFIRMED)
    client.force_login(member)
    page = client.get(reverse("catalogue:innovation", args=[innovation.slug]))
    assert page.status_code == 200
    content = page.content.decode()
    assert reverse("catalogue:replicate", args=[innovation.slug]) in content
    assert 'id="replication-title"' in content

"""Who sees which experiment: staff everything; the site's contact only the experiments
proposed to their own sites; the project's referent, mentors and team its experiments; the
contact of another site and other applicants nothing: for them, the experiment or the project
does not exist (404); anonymous visitors sign in."""

import pytest
from django.urls import reverse

from tests.programmes import builders
from tremplin.network.models import Experiment


@pytest.fixture(autouse=True)
def _contact_reads_english(network):
    """The contact prefers Spanish (for the notices' tests); here pages are read in English."""
    network.people["contact"].preferred_language = "en"
    network.people["contact"].save()


EXPERIMENT_PAGE = {
    "staff": 200,
    "contact": 200,
    "other_contact": 404,
    "referent": 200,
    "mentor": 200,
    "team": 200,
    "applicant": 404,
}
PROJECT_PAGE = {**EXPERIMENT_PAGE, "contact": 404}


@pytest.mark.parametrize("who", sorted(EXPERIMENT_PAGE))
def test_experiment_page(client, network, who):
    client.force_login(network.people[who])
    response = client.get(reverse("network:experiment", args=[network.experiment.pk]))
    assert response.status_code == EXPERIMENT_PAGE[who]


@pytest.mark.parametrize("who", sorted(PROJECT_PAGE))
def test_project_experiments_page(client, network, who):
    client.force_login(network.people[who])
    response = client.get(reverse("network:project_experiments", args=[network.project.slug]))
    assert response.status_code == PROJECT_PAGE[who]
    if response.status_code == 200:
        assert "Unité locale de Marseille" in response.content.decode()
        # Only staff get the suggestions and the propose buttons.
        assert ("Suggested sites" in response.content.decode()) == (who == "staff")


def test_anonymous_visitors_sign_in(client, network):
    for url in (
        reverse("network:experiment", args=[network.experiment.pk]),
        reverse("network:project_experiments", args=[network.project.slug]),
        reverse("network:my_experiments"),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response["Location"]


def test_a_site_contact_lists_only_the_experiments_of_their_sites(client, network):
    other = Experiment.objects.create(project=network.project, site=network.other_site)
    client.force_login(network.people["contact"])
    page = client.get(reverse("network:my_experiments")).content.decode()
    assert reverse("network:experiment", args=[network.experiment.pk]) in page
    assert reverse("network:experiment", args=[other.pk]) not in page
    client.force_login(network.people["other_contact"])
    page = client.get(reverse("network:my_experiments")).content.decode()
    assert reverse("network:experiment", args=[other.pk]) in page
    assert reverse("network:experiment", args=[network.experiment.pk]) not in page
    response = client.get(reverse("network:experiment", args=[network.experiment.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("who", ["referent", "mentor", "team"])
def test_the_projects_people_list_its_experiments(client, network, who):
    client.force_login(network.people[who])
    page = client.get(reverse("network:my_experiments")).content.decode()
    assert reverse("network:experiment", args=[network.experiment.pk]) in page


def test_another_applicant_lists_nothing(client, network):
    client.force_login(network.people["applicant"])
    page = client.get(reverse("network:my_experiments")).content.decode()
    assert reverse("network:experiment", args=[network.experiment.pk]) not in page


def test_the_contact_accepts_in_the_platform(client, network):
    client.force_login(network.people["contact"])
    page = client.get(reverse("network:experiment", args=[network.experiment.pk])).content.decode()
    assert "Accept" in page and "Decline" in page and "Withdraw" not in page
    url = reverse("network:experiment_transition", args=[network.experiment.pk, "accept"])
    response = client.post(url, {"reason": "Bienvenue"})
    assert response.status_code == 302
    network.experiment.refresh_from_db()
    assert network.experiment.status == "accepted"


def test_a_refused_decline_keeps_what_was_typed(client, network):
    client.force_login(network.people["contact"])
    url = reverse("network:experiment_transition", args=[network.experiment.pk, "decline"])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400
    # Said once, next to the reason (not also in the page's messages).
    assert response.content.decode().count("Please give a reason.") == 1
    response = client.post(url, {"reason": "x" * 3000})
    assert response.status_code in (302, 400)


def test_followers_cannot_answer(client, network):
    client.force_login(network.people["referent"])
    url = reverse("network:experiment_transition", args=[network.experiment.pk, "accept"])
    assert client.post(url).status_code == 403
    network.experiment.refresh_from_db()
    assert network.experiment.status == "proposed"


def test_staff_propose_a_suggested_site(client, network):
    client.force_login(network.people["staff"])
    page = client.get(reverse("network:project_experiments", args=[network.project.slug]))
    url = reverse("network:propose_site", args=[network.project.slug, network.other_site.pk])
    assert url in page.content.decode()
    response = client.post(url, {"starts_on": "2026-03-01", "ends_on": "2026-02-01"})
    assert response.status_code == 400
    assert "The end comes before the start." in response.content.decode()
    response = client.post(url, {"starts_on": "2026-03-01", "proposal": "Un mois"})
    experiment = Experiment.objects.get(site=network.other_site)
    assert response.status_code == 302
    assert response["Location"] == reverse("network:experiment", args=[experiment.pk])
    assert experiment.proposal == "Un mois" and experiment.proposed_by == network.people["staff"]


def test_the_report_form(client, network):
    network.experiment.status = "running"
    network.experiment.save()
    client.force_login(network.people["contact"])
    url = reverse("network:experiment_report", args=[network.experiment.pk])
    response = client.post(url, {"people_reached": "-3", "results": "Bien"})
    assert response.status_code == 400
    assert "Bien" in response.content.decode()
    response = client.post(url, {"people_reached": "40", "results": "Bien"})
    assert response.status_code == 302
    network.experiment.refresh_from_db()
    assert network.experiment.people_reached == 40


def test_staff_list_of_experiments_filters_and_bounded_queries(
    client, network, django_assert_max_num_queries
):

    client.force_login(network.people["staff"])
    url = reverse("network:experiments")
    with django_assert_max_num_queries(14) as few:
        response = client.get(url, {"status": "proposed"})
    assert [e.pk for e in response.context["page"].object_list] == [network.experiment.pk]
    for _ in range(15):
        Experiment.objects.create(project=builders.project(), site=network.other_site)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url, {"status": "proposed"})
    assert response.context["page"].paginator.count == 16
    response = client.get(url, {"region": "FR-PAC", "q": "Minutis"})
    assert response.context["page"].paginator.count == 1

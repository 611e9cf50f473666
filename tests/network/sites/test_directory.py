"""The directory of sites (filters, pagination, bounded queries), the sites per region (the
schematic map and its table) and the suggestions' queries."""

import re

import pytest
from django.urls import reverse

from tests.conftest import make_person
from tests.programmes import builders
from tremplin.core.history import history_of
from tremplin.network import queries, regionmap
from tremplin.network.models import Experiment
from tremplin.reference.models import BusinessLine

from ..conftest import make_site


@pytest.fixture
def staff(db):
    return make_person("staff-dir@example.org", roles=["staff"])


@pytest.fixture
def sites(db):
    return {
        "marseille": make_site("Unité locale de Marseille", "13", lines=["emergency"], capacity=1),
        "aix": make_site(
            "EHPAD d'Aix", "13", kind="establishment", lines=["elderly"], capacity=2, town="Aix"
        ),
        "nice": make_site("Unité locale de Nice", "06", lines=["emergency"], willing=False),
        "lille": make_site("Unité locale de Lille", "59", lines=["food-aid"], code="UL-59-1"),
    }


def names(client, **params):
    response = client.get(reverse("network:directory"), params)
    assert response.status_code == 200
    return sorted(site.name for site in response.context["page"].object_list)


def test_filters(client, staff, sites):
    client.force_login(staff)
    assert len(names(client)) == 4
    assert names(client, region="FR-PAC", kind="local_unit") == [
        "Unité locale de Marseille",
        "Unité locale de Nice",
    ]
    assert names(client, department="13", business_line="elderly") == ["EHPAD d'Aix"]
    assert names(client, willing="no") == ["Unité locale de Nice"]
    assert names(client, q="aix") == ["EHPAD d'Aix"]
    assert names(client, q="UL-59-1") == ["Unité locale de Lille"]


def test_available_capacity_counts_accepted_and_running_experiments(client, staff, sites):

    project = builders.project()
    Experiment.objects.create(project=project, site=sites["marseille"], status="running")
    Experiment.objects.create(project=project, site=sites["aix"], status="accepted")
    Experiment.objects.create(project=builders.project(), site=sites["aix"], status="proposed")
    client.force_login(staff)
    assert names(client, available="on") == ["EHPAD d'Aix", "Unité locale de Lille"]
    page = client.get(reverse("network:directory"), {"q": "aix"}).content.decode()
    assert "1 / 2" in page


def test_a_bad_filter_is_said_not_a_server_error(client, staff, sites):
    client.force_login(staff)
    response = client.get(reverse("network:directory"), {"region": "FR-XXX", "q": "Nice"})
    assert response.status_code == 400
    assert 'value="Nice"' in response.content.decode()


def test_directory_queries_do_not_grow_with_the_network(
    client, staff, sites, django_assert_max_num_queries
):
    client.force_login(staff)
    url = reverse("network:directory")
    client.get(url, {"region": "FR-PAC", "business_line": "emergency"})
    with django_assert_max_num_queries(16) as small:
        client.get(url, {"region": "FR-PAC", "business_line": "emergency"})
    for n in range(40):
        make_site(f"Site {n}", "13", lines=["emergency", "elderly"])
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url, {"region": "FR-PAC", "business_line": "emergency"})
    assert response.context["page"].paginator.count == 42


def test_sites_per_region_map_and_table(client, staff, sites):
    client.force_login(staff)
    response = client.get(reverse("network:regions"))
    page = response.content.decode()
    assert response.status_code == 200
    counts = {row.region.code: row.sites for row in response.context["counts"]}
    assert counts["FR-PAC"] == 3 and counts["FR-HDF"] == 1 and counts["FR-BRE"] == 0
    assert len(counts) == 18
    assert 'href="/network/?region=FR-PAC"' in page
    assert 'aria-label="Provence-Alpes-Côte-d’Azur: 3 sites"' in page or "3 sites" in page
    assert page.count("<rect") == 18  # 13 metropolitan tiles and 5 overseas insets
    # Coordinates are plain integers whatever the language (no French decimal comma).
    coordinates = re.findall(r'<rect x="([^"]*)" y="([^"]*)" width="([^"]*)"', page)
    assert len(coordinates) == 18
    assert all(value.isdigit() for row in coordinates for value in row)
    assert '<th scope="row">' in page


def test_region_map_levels():

    assert regionmap.level(0, 10) == 0
    assert regionmap.level(1, 100) == 1
    assert regionmap.level(100, 100) == regionmap.LEVELS - 1
    assert regionmap.level(3, 0) == 0


def test_suggestions_queries_do_not_grow_with_the_network(
    staff, sites, django_assert_max_num_queries
):

    project = builders.project()
    project.business_lines.set([BusinessLine.objects.get(code="emergency")])
    with django_assert_max_num_queries(12) as small:
        first = queries.suggestions(project)
    for n in range(30):
        make_site(f"Site {n}", "59", lines=["food-aid"])
    with django_assert_max_num_queries(len(small.captured_queries)):
        suggestions = queries.suggestions(project, limit=100)
    assert suggestions[0].site.name == first[0].site.name == "Unité locale de Marseille"
    assert suggestions[-1].site.name == "Unité locale de Nice"  # not willing: last
    assert any("business lines (Emergency and first aid)" in r for r in suggestions[0].reasons)


def test_the_site_page(client, staff, sites):
    contact = make_person("contact-dir@example.org")
    sites["lille"].contact = contact
    sites["lille"].save()
    client.force_login(contact)
    assert client.get(reverse("network:site", args=[sites["lille"].pk])).status_code == 200
    assert client.get(reverse("network:site", args=[sites["nice"].pk])).status_code == 404
    client.force_login(staff)
    assert client.get(reverse("network:site", args=[sites["nice"].pk])).status_code == 200
    assert client.get(reverse("network:site", args=[99999])).status_code == 404


def test_entrepreneurs_get_points_for_under_represented_regions(db):

    marseille = make_site("Unité locale de Marseille", "13", lines=["emergency"], capacity=50)
    ajaccio = make_site("Unité locale d'Ajaccio", "2A", lines=["emergency"], capacity=1)
    for _ in range(10):
        Experiment.objects.create(project=builders.project(), site=marseille, status="finished")
    project = builders.project()  # entrepreneur, no region
    project.business_lines.set([BusinessLine.objects.get(code="emergency")])
    ranked = queries.suggestions(project)
    assert [s.site for s in ranked] == [ajaccio, marseille]
    assert any("under-represented" in reason for reason in ranked[0].reasons)
    regions = {row.region.code: row for row in queries.sites_per_region()}
    assert regions["FR-20R"].under_represented and not regions["FR-PAC"].under_represented
    project.track = "intrapreneur"
    project.save()
    assert [s.site for s in queries.suggestions(project)] == [marseille, ajaccio]


def test_staff_choose_any_site_for_a_project_from_the_directory(client, staff, sites):

    project = builders.project()
    client.force_login(staff)
    page = client.get(reverse("network:directory"), {"project": project.slug, "q": "Lille"})
    propose = reverse("network:propose_site", args=[project.slug, sites["lille"].pk])
    assert propose in page.content.decode()
    unknown = client.get(reverse("network:directory"), {"project": "nope", "q": "Lille"})
    assert "/propose/" not in unknown.content.decode()


def test_the_sites_contact_changes_its_capacity_and_willingness(client, sites):

    contact = make_person("contact-edit@example.org")
    site = sites["lille"]
    site.contact = contact
    site.save()
    client.force_login(contact)
    url = reverse("network:site_edit", args=[site.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"capacity": "-1", "postal_code": "59"})
    assert response.status_code == 400
    assert "A postal code has five digits." in response.content.decode()
    response = client.post(url, {"capacity": "3", "postal_code": "59000"})  # unchecked: not willing
    assert response.status_code == 302
    site.refresh_from_db()
    assert site.capacity == 3 and not site.willing_to_host and site.postal_code == "59000"
    changes = history_of(site).get().data["changes"]
    assert changes["capacity"] == [1, 3] and changes["willing_to_host"] == [True, False]
    page = client.get(reverse("network:site", args=[site.pk])).content.decode()
    assert ": 1 → 3" in page
    client.force_login(make_person("stranger@example.org"))
    assert client.get(url).status_code == 404
    assert client.post(url, {"capacity": "9"}).status_code == 404

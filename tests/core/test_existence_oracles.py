"""No page tells a signed-in person that an object they may not see exists. For the page of an
object they may not see (someone else's laureate project, experiment, site, application,
replication request, draft record, or a record never published), they get the very answer of
an object that does not exist: 404, the same page. Only who may see an object is told that
they may not do something with it (403). Anonymous visitors are sent to sign in either way;
the catalogue's JSON API answers 404 for a record that is not published; the Django admin
refuses staff the objects of a model they may not see (403) whether the object exists or not.
The rule itself lives in tremplin.core.permissions: tested here on a model of its own."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from tests.conftest import make_person
from tests.matrix import (
    acceleration_projects,
    applications_staff,
    catalogue_moderation,
    catalogue_replication,
    catalogue_submission,
    network_experiments,
)
from tests.matrix.objects import make_objects

pytestmark = pytest.mark.django_db

MISSING_PK = 987654321
MISSING_SLUG = "no-such-thing-here"


@pytest.fixture
def objects(people_by_role):
    objects = make_objects(people_by_role)
    for module in (
        acceleration_projects,
        network_experiments,
        applications_staff,
        catalogue_moderation,
        catalogue_replication,
        catalogue_submission,
    ):
        module.extend_objects(objects, people_by_role)
    return objects


@pytest.fixture
def outsider(client, db):
    """Signed in, with every role that does not see everything, tied to none of the objects."""
    person = make_person(
        "outsider@example.org",
        roles=["applicant", "referent", "mentor", "partner", "site_contact"],
        preferred_language="en",
    )
    client.force_login(person)
    return client


def _project(o):
    return o["acceleration"]["project"]


# (name, URL arguments of the hidden object, URL arguments of an object that does not exist)
PAGES = [
    ("acceleration:project", lambda o: {"slug": _project(o).slug}, {"slug": MISSING_SLUG}),
    ("acceleration:funding", lambda o: {"slug": _project(o).slug}, {"slug": MISSING_SLUG}),
    (
        "acceleration:milestone_edit",
        lambda o: {"slug": _project(o).slug, "pk": o["acceleration"]["milestone"].pk},
        {"slug": MISSING_SLUG, "pk": MISSING_PK},
    ),
    (
        "network:project_experiments",
        lambda o: {"slug": o["network"]["project"].slug},
        {"slug": MISSING_SLUG},
    ),
    ("network:experiment", lambda o: {"pk": o["network"]["experiment"].pk}, {"pk": MISSING_PK}),
    ("network:site", lambda o: {"pk": o["network"]["site"].pk}, {"pk": MISSING_PK}),
    ("network:site_edit", lambda o: {"pk": o["network"]["site"].pk}, {"pk": MISSING_PK}),
    (
        "applications:screening",
        lambda o: {"pk": o["applications_staff"]["application"].pk},
        {"pk": MISSING_PK},
    ),
    (
        "applications:detail",
        lambda o: {"pk": o["applications_staff"]["application"].pk},
        {"pk": MISSING_PK},
    ),
    (
        "catalogue:versions",
        lambda o: {"slug": o["catalogue_moderation"]["unpublished"].slug},
        {"slug": MISSING_SLUG},
    ),
    (
        "catalogue:compare_versions",
        lambda o: {"slug": o["catalogue_moderation"]["unpublished"].slug},
        {"slug": MISSING_SLUG},
    ),
    (
        "catalogue:replication",
        lambda o: {"pk": o["catalogue_replication"]["replication"].pk},
        {"pk": MISSING_PK},
    ),
    (
        "catalogue:draft_check",
        lambda o: {"pk": o["catalogue_submission"]["draft"].pk},
        {"pk": MISSING_PK},
    ),
    (
        "programmes:programme_edit",
        lambda o: {"pk": o["call"].programme_id},
        {"pk": MISSING_PK},
    ),
]


def _main(response) -> str:
    """The page's main content, without what changes from one response to the next."""
    html = response.content.decode()
    main = re.search(r"<main\b.*?</main>", html, re.S)
    assert main, html[:500]
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", main.group(0))


def test_a_hidden_object_answers_like_a_missing_one(outsider, objects):
    """Each page is checked in turn (the objects are many and costly to build)."""
    differences = []
    for name, hidden, missing in PAGES:
        shown = outsider.get(reverse(name, kwargs=hidden(objects)))
        absent = outsider.get(reverse(name, kwargs=missing))
        if (shown.status_code, absent.status_code) != (404, 404):
            differences.append(f"{name}: {shown.status_code} / {absent.status_code} (missing)")
        elif [t.name for t in shown.templates] != [t.name for t in absent.templates]:
            differences.append(f"{name}: not the same templates")
        elif _main(shown) != _main(absent):
            differences.append(f"{name}: not the same page")
    assert not differences, "\n".join(differences)


def test_anonymous_visitors_sign_in_whether_it_exists_or_not(client, objects):
    for name, hidden, missing in PAGES:
        for kwargs in (hidden(objects), missing):
            response = client.get(reverse(name, kwargs=kwargs))
            assert response.status_code == 302, name
            assert response["Location"].startswith(reverse("account_login")), name


def test_writes_on_a_hidden_object_answer_like_a_missing_one(outsider, objects):
    """A POST is refused before any service is called, with the same 404."""
    experiment = objects["network"]["experiment"]
    for pk in (experiment.pk, MISSING_PK):
        url = reverse("network:experiment_transition", kwargs={"pk": pk, "action": "accept"})
        assert outsider.post(url, {"reason": "Yes"}).status_code == 404
    experiment.refresh_from_db()
    assert experiment.status == "proposed"
    project = _project(objects)
    for slug in (project.slug, MISSING_SLUG):
        url = reverse("acceleration:notes", kwargs={"slug": slug})
        assert outsider.post(url, {"notes": "Intrus"}).status_code == 404


def test_who_sees_the_object_is_told_they_may_not_do_this(client, objects, people_by_role):
    """The mentor sees the project but not its funding; anyone sees a published record but not
    its versions: 403, which tells them nothing new."""
    client.force_login(people_by_role["mentor"])
    funding = reverse("acceleration:funding", kwargs={"slug": _project(objects).slug})
    assert client.get(funding).status_code == 403
    published = objects["catalogue_moderation"]["innovation"]
    client.force_login(make_person("reader@example.org"))
    versions = reverse("catalogue:versions", kwargs={"slug": published.slug})
    assert client.get(versions).status_code == 403


def test_the_api_answers_404_for_a_record_that_is_not_published(client, objects):
    unpublished = objects["catalogue_moderation"]["unpublished"]
    answers = [
        client.get(reverse("catalogue:api:innovation_detail", kwargs={"slug": slug}))
        for slug in (unpublished.slug, MISSING_SLUG)
    ]
    assert [r.status_code for r in answers] == [404, 404]
    assert answers[0].json() == answers[1].json()


def test_the_admin_refuses_staff_a_model_they_may_not_see_whether_the_object_exists_or_not(
    client, people_by_role
):
    group = Group.objects.create(name="Hidden group")
    client.force_login(people_by_role["staff"])
    answers = [
        client.get(reverse("admin:auth_group_change", args=[pk])) for pk in (group.pk, MISSING_PK)
    ]
    assert [r.status_code for r in answers] == [403, 403]


# --- The rule, in tremplin.core.permissions ---------------------------------------------------


def test_the_rule_404_for_who_may_not_see_403_for_who_sees(people_by_role):
    from tremplin.acceleration.models import LaureateProject
    from tremplin.core import permissions

    project = LaureateProject.objects.create(
        name="Règle",
        slug="regle",
        pitch={"fr": "x"},
        season=_season(),
        programme=_programme(),
        track="entrepreneur",
        starts_on="2025-01-01",
        ends_on="2025-06-30",
        referent=people_by_role["referent"],
    )
    project.mentors.set([people_by_role["mentor"]])
    # The mentor sees the project, may not see its funding: 403.
    with pytest.raises(PermissionDenied):
        permissions.require(people_by_role["mentor"], "acceleration.view_funding", project)
    # A site contact may not see the project: 404, as for a project that does not exist.
    with pytest.raises(Http404):
        permissions.require(people_by_role["site_contact"], "acceleration.view_funding", project)
    # Looked up and checked at once.
    with pytest.raises(Http404):
        permissions.get_visible_or_404(
            people_by_role["site_contact"], LaureateProject, slug=project.slug
        )
    with pytest.raises(Http404):
        permissions.get_visible_or_404(people_by_role["referent"], LaureateProject, slug="nope")
    found = permissions.get_visible_or_404(
        people_by_role["referent"], LaureateProject, "acceleration.view_funding", slug="regle"
    )
    assert found == project


def test_a_model_nobody_declared_is_seen_by_nobody(people_by_role):
    """Deny by default: an object whose model has no rule of visibility is hidden (404) from
    whoever lacks the permission asked."""
    from tremplin.core import permissions

    group = Group.objects.create(name="Undeclared")
    with pytest.raises(Http404):
        permissions.require(people_by_role["staff"], "auth.change_group", group)


def _season():
    from django.utils import timezone

    from tremplin.programmes.models import Season

    return Season.objects.create(number=7, opened_on=timezone.localdate())


def _programme():
    from tremplin.programmes.models import Programme

    return Programme.objects.create(slug="regle", name={"fr": "Règle"})

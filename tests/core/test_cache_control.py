"""What browsers and proxies may keep: volunteers often share a computer in a local unit.

- Every response to a signed-in request says `Cache-Control: private, no-store`: nothing a
  signed-in person saw stays in the browser's cache for the next person at the keyboard,
  and no proxy keeps it (a stricter header a view set, such as the admin's, stays).
- Every file download and export (attachments, deliverables, resources, CSV and XLSX
  exports, the open-data files) says it too, signed in or not, unless its view declared it
  public (the published pictures of the catalogue).
- Public pages seen anonymously keep their cacheability (no no-store), and say
  `Vary: Cookie`: a cache never gives the anonymous copy to someone signed in.
(tests/test_permission_matrix.py checks the first rule on every URL, for every role.)"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.catalogue.factories import make_innovation
from tests.matrix.base import EVERYONE, OK
from tests.test_permission_matrix import cases, make_objects, matrix_modules

pytestmark = pytest.mark.django_db


def directives(response) -> set[str]:
    return {part.strip().lower() for part in response.get("Cache-Control", "").split(",") if part}


def varies_on_cookie(response) -> bool:
    return "cookie" in {part.strip().lower() for part in response.get("Vary", "").split(",")}


def private_no_store(response) -> bool:
    found = directives(response)
    return "no-store" in found and "private" in found and "public" not in found


@pytest.fixture
def published(db):
    return make_innovation(title="Publique")


def public_pages(innovation) -> list[str]:
    return [
        reverse("home:home"),
        reverse("programmes:call_list"),
        reverse("catalogue:home"),
        reverse("catalogue:search") + "?q=publique",
        reverse("catalogue:innovation", args=[innovation.slug]),
        reverse("catalogue:opendata"),
    ]


def test_signed_in_pages_are_private_and_not_stored(client, person, published):
    client.force_login(person)
    pages = [
        *public_pages(published),
        reverse("accounts:profile"),
        reverse("messaging:inbox"),
        reverse("catalogue:my_innovations"),
        reverse("catalogue:feed"),
        reverse("catalogue:api:innovation_list"),
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        assert private_no_store(response), (page, response.get("Cache-Control"))
        assert varies_on_cookie(response), page


def test_signed_in_errors_and_redirects_too(client, person):
    client.force_login(person)
    for response in (
        client.get("/no-such-page/"),
        client.get(reverse("selection:ranking", args=["no-such-call"])),
        client.get(reverse("account_signup")),  # a signed-in person is sent elsewhere
    ):
        assert response.status_code in (302, 403, 404)
        assert private_no_store(response), response.get("Cache-Control")


def test_the_admin_keeps_its_own_stricter_header(client, person_factory):
    admin = person_factory(roles=["admin"])
    client.force_login(admin)
    response = client.get(reverse("admin:index"))
    found = directives(response)
    assert {"no-store", "private", "no-cache", "must-revalidate"} <= found


def test_public_pages_stay_cacheable_for_anonymous_visitors(client, published):
    for page in public_pages(published):
        response = client.get(page)
        assert response.status_code == 200, page
        assert "no-store" not in directives(response), page
        assert "private" not in directives(response), page
        assert varies_on_cookie(response), page
    for page in (reverse("catalogue:feed"), reverse("catalogue:api:innovation_list")):
        assert "no-store" not in directives(client.get(page)), page


def published_files(owner):
    """A picture and a file of a version that is the published one of its innovation."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.catalogue.submission.helpers import picture
    from tremplin.catalogue.models import Innovation
    from tremplin.catalogue.services import submission as services

    draft = services.start_draft(owner, "fr")
    image = services.add_image(draft, owner, picture())
    resource = services.add_resource(
        draft,
        owner,
        title="Guide",
        uploaded=SimpleUploadedFile("guide.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"),
    )
    Innovation.objects.filter(pk=draft.innovation_id).update(published=draft)
    return image, resource


def test_a_published_picture_is_public_for_anonymous_visitors(client, person, person_factory):
    image, _resource = published_files(person_factory())
    url = reverse("catalogue:version_image", args=[image.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert "public" in directives(response)
    client.force_login(person)
    assert private_no_store(client.get(url))


def test_an_anonymous_download_of_a_published_resource_is_not_stored(client, person_factory):
    _image, resource = published_files(person_factory())
    response = client.get(reverse("catalogue:resource_file", args=[resource.pk]))
    assert response.status_code == 200
    assert private_no_store(response)


# --- Every download, as a role that may have it ---------------------------------------------

DOWNLOADS = [
    "acceleration:milestone_file_download",
    "applications:attachment",
    "applications:screening_attachment",
    "applications:call_export",
    "applications:export",
    "catalogue:opendata_csv",
    "catalogue:opendata_json",
    "catalogue:resource_file",
    "catalogue:version_image",
    "network:import_model",
    "selection:ranking_export",
    "selection:review_attachment",
]


@pytest.fixture
def objects(db, people_by_role):
    objects = make_objects(people_by_role)
    for module in matrix_modules():
        extend = getattr(module, "extend_objects", None)
        if extend is not None:
            extend(objects, people_by_role)
    return objects


def test_every_download_is_private_and_not_stored(client, people_by_role, objects, settings):
    settings.TREMPLIN_REQUIRE_MFA = True
    by_key = {case.key: case for case in cases()}
    failures = []
    for key in DOWNLOADS:
        case = by_key[key]
        roles = [role for role in EVERYONE if case.expect(role) == OK]
        assert roles, key
        for role in {roles[0], roles[-1]}:
            client.logout()
            if people_by_role[role] is not None:
                client.force_login(people_by_role[role])
            response = client.get(case.url(objects))
            if response.status_code != 200:
                failures.append(f"{key} as {role}: {response.status_code}")
            elif not private_no_store(response):
                failures.append(f"{key} as {role}: {response.get('Cache-Control')!r}")
    assert not failures, "\n".join(failures)

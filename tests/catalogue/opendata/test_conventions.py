"""The Atom feed, sitemap.xml and the schema.org JSON-LD of innovation pages: published
content only, in the reader's language, with the licence."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from tests.catalogue.factories import make_innovation
from tremplin.catalogue.models import Innovation, InnovationVersion

pytestmark = pytest.mark.django_db
S = InnovationVersion.State
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def offline():
    for state in (S.DRAFT, S.SUBMITTED, S.REJECTED, S.WITHDRAWN):
        make_innovation(title=f"Secret {state}", state=state)
    stale = make_innovation(title="Secret stale")
    InnovationVersion.objects.filter(pk=stale.published_id).update(state=S.WITHDRAWN)
    gone = make_innovation(title="Secret gone")
    Innovation.objects.filter(pk=gone.pk).update(published=None)


# --- Atom feed -------------------------------------------------------------------------------


def feed(client, **params):
    response = client.get(reverse("catalogue:feed"), params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return response, ElementTree.fromstring(response.content)  # noqa: S314 - our own output


def test_feed_lists_new_published_innovations_newest_first(client):
    now = timezone.now()
    old = make_innovation(title="Ancienne", published_at=now - timedelta(days=3))
    new = make_innovation(title="Nouvelle", published_at=now, themes=["elderly"])
    offline()
    _response, root = feed(client)
    entries = root.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == ["Nouvelle", "Ancienne"]
    links = [e.find(f"{ATOM}link").get("href") for e in entries]
    assert links == [
        f"http://testserver/innovations/{new.slug}/",
        f"http://testserver/innovations/{old.slug}/",
    ]
    assert b"Secret" not in _response.content
    assert entries[0].find(f"{ATOM}category") is not None
    assert "Creative Commons" in entries[0].find(f"{ATOM}rights").text
    assert "Creative Commons" in root.find(f"{ATOM}rights").text


def test_feed_speaks_the_readers_language(client):
    make_innovation(title={"fr": "Aînés", "es": "Mayores"}, pitch={"fr": "Phrase <b>&</b> suite"})
    response, root = feed(client, language="es")
    assert response["Content-Language"] == "es"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "es"
    (entry,) = root.findall(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == "Mayores"
    # the pitch falls back to French, as plain text escaped once for the HTML summary
    assert entry.find(f"{ATOM}summary").text == "Phrase &amp; suite"
    _response, root = feed(client, language="fr")
    assert root.find(f"{ATOM}entry").find(f"{ATOM}title").text == "Aînés"
    # a language the platform does not have: the interface language
    response, _root = feed(client, language="xx")
    assert response["Content-Language"] == "fr"


def test_feed_makes_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    for number in range(12):
        make_innovation(title=f"I{number}", themes=["health", "elderly"])
    with django_assert_max_num_queries(4):
        client.get(reverse("catalogue:feed"))


# --- sitemap.xml -----------------------------------------------------------------------------


def locations(client, url):
    response = client.get(url)
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)  # noqa: S314 - our own output
    return root


def test_sitemap_lists_published_innovations_with_lastmod_and_public_pages(client):
    when = timezone.now() - timedelta(days=2)
    online = make_innovation(
        title="En ligne", published_at=when, themes=["elderly"], sdgs=[3], country="SN"
    )
    offline()
    index = locations(client, reverse("sitemap"))
    sections = [loc.text for loc in index.iter(f"{SITEMAP}loc")]
    assert "http://testserver/sitemap-innovations.xml" in sections
    assert "http://testserver/sitemap-pages.xml" in sections
    assert "http://testserver/sitemap-catalogue.xml" in sections
    innovations = locations(client, reverse("sitemap_section", kwargs={"section": "innovations"}))
    urls = innovations.findall(f"{SITEMAP}url")
    assert [u.find(f"{SITEMAP}loc").text for u in urls] == [
        f"http://testserver/innovations/{online.slug}/"
    ]
    assert urls[0].find(f"{SITEMAP}lastmod").text == timezone.localdate(when).isoformat()
    catalogue = locations(client, reverse("sitemap_section", kwargs={"section": "catalogue"}))
    catalogue_urls = {loc.text for loc in catalogue.iter(f"{SITEMAP}loc")}
    assert catalogue_urls == {
        "http://testserver" + reverse(name, args=args)
        for name, args in [
            ("catalogue:home", []),
            ("catalogue:theme", ["elderly"]),
            ("catalogue:sdg", [3]),
            ("catalogue:country", ["SN"]),
        ]
    }
    pages = locations(client, reverse("sitemap_section", kwargs={"section": "pages"}))
    page_urls = {loc.text for loc in pages.iter(f"{SITEMAP}loc")}
    assert "http://testserver/" in page_urls
    assert f"http://testserver{reverse('catalogue:opendata')}" in page_urls
    assert f"http://testserver{reverse('catalogue:api:openapi-view')}" in page_urls


def test_sitemap_section_queries_do_not_grow(client, django_assert_max_num_queries):
    for number in range(15):
        make_innovation(title=f"I{number}")
    with django_assert_max_num_queries(3):
        client.get(reverse("sitemap_section", kwargs={"section": "innovations"}))


# --- JSON-LD ---------------------------------------------------------------------------------


def jsonld(innovation, version, language="fr"):
    from django.utils import translation

    request = RequestFactory().get("/")
    with translation.override(language):
        html = render_to_string(
            "catalogue/opendata/_jsonld.html",
            {"innovation": innovation, "version": version},
            request=request,
        )
    match = re.search(r'<script type="application/ld\+json">(.*)</script>', html, re.S)
    return html, (json.loads(match.group(1)) if match else None)


def test_jsonld_describes_the_published_record():
    innovation = make_innovation(
        title={"fr": "Titre", "en": "Title"},
        pitch={"fr": "<p>Une phrase &amp; plus</p>"},
        themes=["elderly"],
        publics=["older-people"],
        sdgs=[3],
        country="ES",
        carrying_organisation="Cruz Roja",
    )
    _html, data = jsonld(innovation, innovation.published, "en")
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "CreativeWork"
    assert data["name"] == "Title"
    assert data["inLanguage"] == "en"
    assert data["description"] == "Une phrase & plus"  # falls back, as plain text
    assert data["url"] == f"http://testserver/innovations/{innovation.slug}/"
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert data["spatialCoverage"] == {"@type": "Country", "name": "Spain", "identifier": "ES"}
    assert {term["termCode"] for term in data["about"]} == {"elderly", "older-people", "SDG3"}
    assert data["dateModified"].endswith("Z")
    assert data["creator"] == {"@type": "Organization", "name": "Cruz Roja"}


def test_jsonld_cannot_be_broken_out_of():
    innovation = make_innovation(title='</script><script>alert("x")</script> & <!--')
    html, data = jsonld(innovation, innovation.published)
    assert html.count("</script>") == 1
    assert "<script>" not in html
    assert "<!--" not in html
    assert data["name"] == '</script><script>alert("x")</script> & <!--'


def test_no_jsonld_for_anything_not_online():
    draft = make_innovation(title="Brouillon", state=S.DRAFT)
    version = draft.versions.get()
    assert jsonld(draft, version)[1] is None
    online = make_innovation(title="En ligne")
    newer = InnovationVersion.objects.create(
        innovation=online, number=2, author=online.owner, original_language="fr"
    )
    assert jsonld(online, newer)[1] is None


def test_the_innovation_page_carries_its_jsonld_and_licence(client):
    innovation = make_innovation(title="Page publique")
    page = client.get(reverse("catalogue:innovation", args=[innovation.slug]))
    assert page.status_code == 200
    content = page.content.decode()
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)
    assert json.loads(match.group(1))["name"] == "Page publique"
    assert 'rel="license"' in content

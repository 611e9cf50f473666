"""The catalogue's discovery pages: the home, the search, the pages per country, SDG, theme
and public, the page of a published innovation and its "Contact the team" form are public.
(An unpublished record's page is tested in tests/catalogue/discovery/test_pages.py: 404 but
for its owner and moderators.)"""

from .base import Case, by_name, public


def extend_objects(objects, people):
    from tests.catalogue.factories import make_innovation

    objects["catalogue_discovery"] = make_innovation(
        title="Matrix innovation", themes=["elderly"], publics=["older-people"], sdgs=[3]
    )


def _slug(o):
    return o["catalogue_discovery"].slug


CASES = [
    Case("catalogue:home", by_name("catalogue:home"), public),
    Case("catalogue:search", lambda o: by_name("catalogue:search")(o) + "?q=matrix", public),
    Case("catalogue:country", by_name("catalogue:country", code=lambda o: "FR"), public),
    Case("catalogue:sdg", by_name("catalogue:sdg", number=lambda o: 3), public),
    Case("catalogue:theme", by_name("catalogue:theme", code=lambda o: "elderly"), public),
    Case("catalogue:public", by_name("catalogue:public", code=lambda o: "older-people"), public),
    Case("catalogue:innovation", by_name("catalogue:innovation", slug=_slug), public),
    # Anyone, signed in or not, may write to the team (rate-limited, see test_contact.py).
    Case("catalogue:contact", by_name("catalogue:contact", slug=_slug), public),
]

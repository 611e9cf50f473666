"""Catalogue replications. The mentor's person owns a published innovation; the partner's
person asked to replicate it. Anyone signed in but the owner may ask; everyone signed in has
the two lists (their own requests); a request is seen by its owner and the person who asked
only: everyone else gets 404, as if it did not exist. The owner sees their published
innovation but may not ask to replicate it (403). Anonymous visitors sign in."""

from django.urls import reverse

from .base import ANONYMOUS, DENIED, LOGIN, OK, Case, by_name, on_object, signed_in

OWNER = "mentor"
REQUESTER = "partner"


def extend_objects(objects, people):
    from tests.catalogue.factories import make_innovation
    from tremplin.catalogue.models import Replication

    innovation = make_innovation(people[OWNER], title="Matrice réplication")
    replication = Replication.objects.create(
        innovation=innovation, person=people[REQUESTER], country="SN", plan="À Dakar"
    )
    objects["catalogue_replication"] = {"innovation": innovation, "replication": replication}


def _o(o):
    return o["catalogue_replication"]


def _may_ask(role):
    if role == ANONYMOUS:
        return LOGIN
    return DENIED if role == OWNER else OK


_may_see = on_object({OWNER, REQUESTER}, {OWNER, REQUESTER})


CASES = [
    Case(
        "catalogue:replicate",
        lambda o: reverse("catalogue:replicate", args=[_o(o)["innovation"].slug]),
        _may_ask,
    ),
    Case(
        "catalogue:replications_received",
        by_name("catalogue:replications_received"),
        signed_in,
    ),
    Case("catalogue:my_replications", by_name("catalogue:my_replications"), signed_in),
    Case(
        "catalogue:replication",
        lambda o: reverse("catalogue:replication", args=[_o(o)["replication"].pk]),
        _may_see,
    ),
]

"""Reads about experimentation sites."""

from .models import ExperimentationSite


def sites_of_contact(person):
    return (
        ExperimentationSite.objects.filter(contact=person)
        .select_related("region", "department")
        .prefetch_related("business_lines")
    )

"""Reads about laureate projects."""

from .models import LaureateProject


def _projects():
    return LaureateProject.objects.select_related("season", "programme", "organisation", "referent")


def projects_followed_by(person):
    return _projects().filter(referent=person).order_by("-season__number", "name")


def projects_mentored_by(person):
    return _projects().filter(mentors=person).order_by("-season__number", "name")


def projects_of_team_member(person):
    return _projects().filter(team=person).order_by("-season__number", "name")


def projects_of_organisation(organisation):
    if organisation is None:
        return LaureateProject.objects.none()
    return _projects().filter(organisation=organisation)


def projects_of_programmes(programmes):
    return _projects().filter(programme__in=programmes).order_by("-season__number", "name")

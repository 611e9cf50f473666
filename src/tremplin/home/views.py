"""The home page: the open and upcoming calls for a visitor; for a signed-in person, what each
of their roles has to do now (queries.sections_for)."""

from django.shortcuts import render

from tremplin.programmes import queries as programme_queries

from .queries import sections_for


def home(request):
    if request.user.is_authenticated:
        return render(request, "home/home.html", {"sections": sections_for(request.user)})
    return render(
        request,
        "home/landing.html",
        {
            "open_calls": list(programme_queries.open_calls()[:6]),
            "upcoming_calls": list(programme_queries.upcoming_calls()[:3]),
        },
    )

"""The selection committee's pages, mounted at /selection/ (namespace `selection`): one module
of URLs per part."""

from django.urls import include, path

app_name = "selection"

urlpatterns = [
    path("", include("tremplin.selection.urls.committee")),
    path("", include("tremplin.selection.urls.conflicts")),
    path("", include("tremplin.selection.urls.bidding")),
    path("", include("tremplin.selection.urls.assignment")),
    path("", include("tremplin.selection.urls.reviews")),
    path("", include("tremplin.selection.urls.ranking")),
    path("", include("tremplin.selection.urls.meeting")),
    path("", include("tremplin.selection.urls.decisions")),
]

"""The selection committee's pages, mounted at /selection/ (namespace `selection`): one module
of URLs per part."""

from django.urls import include, path

app_name = "selection"

urlpatterns = [
    path("", include("tremplin.selection.urls.committee")),
    path("", include("tremplin.selection.urls.reviews")),
    path("", include("tremplin.selection.urls.ranking")),
    path("", include("tremplin.selection.urls.meeting")),
]

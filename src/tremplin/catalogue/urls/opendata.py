"""URLs of the catalogue: open data (downloads and their README, the API, the Atom feed)."""

from django.urls import path

from ..api import api
from ..feeds import NewInnovationsFeed
from ..views import opendata as views

urlpatterns = [
    path("open-data/", views.opendata, name="opendata"),
    path("open-data/innovations.csv", views.download_csv, name="opendata_csv"),
    path("open-data/innovations.json", views.download_json, name="opendata_json"),
    path("feed/", NewInnovationsFeed(), name="feed"),
    path("api/", api.urls),
]

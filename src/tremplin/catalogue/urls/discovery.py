"""URLs of the catalogue: discovery (home, search, pages per country, SDG, theme and public,
the innovation page). Included last: "<slug>/" would shadow the other parts' pages."""

from django.urls import path

from ..views import discovery as views

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.results, name="search"),
    path("country/<str:code>/", views.country, name="country"),
    path("sdg/<int:number>/", views.sdg, name="sdg"),
    path("theme/<slug:code>/", views.theme, name="theme"),
    path("public/<slug:code>/", views.public, name="public"),
    path("<slug:slug>/", views.innovation, name="innovation"),
]

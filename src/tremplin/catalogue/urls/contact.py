"""URLs of the catalogue: "Contact the team" of an innovation."""

from django.urls import path

from ..views import contact as views

urlpatterns = [
    path("<slug:slug>/contact/", views.contact, name="contact"),
]

"""URLs of the catalogue: replication."""

from django.urls import path

from ..views import replication as views

urlpatterns = [
    path("replications/received/", views.received, name="replications_received"),
    path("replications/mine/", views.mine, name="my_replications"),
    path("replications/<int:pk>/", views.detail, name="replication"),
    path("<slug:slug>/replicate/", views.replicate, name="replicate"),
]

"""URLs of the catalogue: follows. The one-segment prefixes "follow", "unfollow" and "follows"
cannot be innovation addresses."""

from django.urls import path

from ..views import follows as views

urlpatterns = [
    path("follow/", views.follow, name="follow"),
    path("unfollow/", views.unfollow, name="unfollow"),
    path("follows/", views.my_follows, name="my_follows"),
]

"""URLs of the catalogue: moderation (queues, reviews, translations, taking offline, versions and
their comparison, national societies' policies). The one-segment prefix "moderation" cannot be
an innovation address."""

from django.urls import path

from ..views import moderation as views

urlpatterns = [
    path("moderation/", views.queue, name="moderation_queue"),
    path("moderation/society/", views.society_queue, name="society_queue"),
    path("moderation/versions/<int:pk>/", views.review, name="moderation_review"),
    path("moderation/versions/<int:pk>/translate/", views.translate, name="moderation_translate"),
    path("moderation/societies/", views.society_policies, name="society_policies"),
    path("moderation/societies/<int:pk>/", views.society_policy, name="society_policy"),
    path("<slug:slug>/versions/", views.versions, name="versions"),
    path("<slug:slug>/versions/compare/", views.compare, name="compare_versions"),
    path("<slug:slug>/take-down/", views.take_down, name="take_down"),
]

"""URLs of the catalogue: moderation (queues, reviews, translations, taking offline, versions and
their comparison, abuse reports, follows, national societies' policies). The one-segment
prefixes "moderation", "follow", "unfollow" and "follows" cannot be innovation addresses."""

from django.urls import path

from ..views import moderation as views

urlpatterns = [
    path("moderation/", views.queue, name="moderation_queue"),
    path("moderation/society/", views.society_queue, name="society_queue"),
    path("moderation/versions/<int:pk>/", views.review, name="moderation_review"),
    path("moderation/versions/<int:pk>/translate/", views.translate, name="moderation_translate"),
    path("moderation/reports/", views.reports, name="reports"),
    path("moderation/reports/<int:pk>/", views.report_handle, name="report_handle"),
    path("moderation/societies/", views.society_policies, name="society_policies"),
    path("moderation/societies/<int:pk>/", views.society_policy, name="society_policy"),
    path("follow/", views.follow, name="follow"),
    path("unfollow/", views.unfollow, name="unfollow"),
    path("follows/", views.my_follows, name="my_follows"),
    path("<slug:slug>/versions/", views.versions, name="versions"),
    path("<slug:slug>/versions/compare/", views.compare, name="compare_versions"),
    path("<slug:slug>/report/", views.report, name="report"),
    path("<slug:slug>/take-down/", views.take_down, name="take_down"),
]

"""URLs of the catalogue: submission (sharing, writing, checking and submitting a record; the
owner's list; updates of a published record; the laureate's one click; the files of a
version)."""

from django.urls import path

from ..views import submission as views

urlpatterns = [
    path("share/", views.share, name="share"),
    path("mine/", views.my_innovations, name="my_innovations"),
    path("drafts/<int:pk>/check/", views.draft_check, name="draft_check"),
    path("drafts/<int:pk>/submit/", views.draft_submit, name="draft_submit"),
    path("drafts/<int:pk>/submitted/", views.draft_submitted, name="draft_submitted"),
    path("drafts/<int:pk>/withdraw/", views.draft_withdraw, name="draft_withdraw"),
    path(
        "drafts/<int:pk>/translation/<str:language>/",
        views.draft_translation,
        name="draft_translation",
    ),
    path("drafts/<int:pk>/<slug:section>/", views.draft_section, name="draft_section"),
    path("updates/<int:pk>/", views.propose_update, name="propose_update"),
    path("from-application/<int:pk>/", views.from_application, name="from_application"),
    path("images/<int:pk>/", views.version_image, name="version_image"),
    path("resources/<int:pk>/", views.resource_file, name="resource_file"),
]

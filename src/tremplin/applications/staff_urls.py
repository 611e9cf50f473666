"""Staff pages for the applications of a call: list, export, screening."""

from django.urls import path

from . import staff_views as views

app_name = "applications_staff"

urlpatterns = [
    path("applications/", views.all_applications, name="list"),
    path("applications/export/<str:fmt>/", views.export_all, name="export"),
    path("calls/<slug:slug>/applications/", views.call_applications, name="call_applications"),
    path(
        "calls/<slug:slug>/applications/export/<str:fmt>/",
        views.call_export,
        name="call_export",
    ),
    path("applications/<int:pk>/", views.detail, name="detail"),
    path("applications/<int:pk>/transition/", views.fire_transition, name="transition"),
    path("applications/<int:pk>/screening/", views.save_screening, name="screening"),
    path("applications/<int:pk>/notes/", views.add_note, name="add_note"),
    path("applications/<int:pk>/extension/", views.grant_extension, name="extension"),
    path(
        "applications/<int:pk>/files/<int:attachment_pk>/",
        views.attachment,
        name="attachment",
    ),
]

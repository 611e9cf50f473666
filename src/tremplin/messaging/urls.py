"""The inbox of each person, and the staff pages for the wording of the notices (a call's own
and the platform's) and for mailings."""

from django.urls import path

from . import views

app_name = "messaging"

urlpatterns = [
    path("messages/", views.inbox, name="inbox"),
    path("messages/<int:pk>/", views.message_detail, name="message"),
    path("staff/calls/<slug:slug>/messages/", views.wordings, name="wordings"),
    path(
        "staff/calls/<slug:slug>/messages/<slug:kind>/<slug:language>/",
        views.edit_wording,
        name="edit_wording",
    ),
    path(
        "staff/calls/<slug:slug>/messages/<slug:kind>/<slug:language>/restore/",
        views.restore_wording,
        name="restore_wording",
    ),
    path("staff/messages/", views.notice_wordings, name="notices"),
    path("staff/messages/<slug:kind>/<slug:language>/", views.edit_notice, name="edit_notice"),
    path(
        "staff/messages/<slug:kind>/<slug:language>/restore/",
        views.restore_notice,
        name="restore_notice",
    ),
    path("staff/calls/<slug:slug>/mailings/", views.mailings, name="mailings"),
    path("staff/calls/<slug:slug>/mailings/new/", views.new_mailing, name="new_mailing"),
    path("staff/calls/<slug:slug>/mailings/<int:pk>/", views.mailing_detail, name="mailing"),
    path(
        "staff/calls/<slug:slug>/mailings/<int:pk>/edit/",
        views.edit_mailing,
        name="edit_mailing",
    ),
    path(
        "staff/calls/<slug:slug>/mailings/<int:pk>/send/",
        views.send_mailing,
        name="send_mailing",
    ),
    path(
        "staff/calls/<slug:slug>/mailings/<int:pk>/discard/",
        views.discard_mailing,
        name="discard_mailing",
    ),
]

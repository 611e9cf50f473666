"""URLs of the selection committee: the decision messages and the waiting list."""

from django.urls import path

from ..views import decisions as views

urlpatterns = [
    path(
        "calls/<slug:slug>/decisions/messages/",
        views.decision_messages,
        name="decision_messages",
    ),
    path(
        "calls/<slug:slug>/decisions/messages/send/",
        views.send_decision_messages,
        name="decision_messages_send",
    ),
    path("calls/<slug:slug>/decisions/waiting-list/", views.waiting_list, name="waiting_list"),
    path(
        "calls/<slug:slug>/decisions/<int:decision>/withdrawing/",
        views.mark_withdrawing,
        name="waiting_list_withdrawing",
    ),
    path(
        "calls/<slug:slug>/decisions/waiting-list/promote/",
        views.promote,
        name="waiting_list_promote",
    ),
]

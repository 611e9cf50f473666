"""URLs of the selection committee: meetings, their agenda, notes, votes and decisions, minutes."""

from django.urls import path

from ..views import meeting as views

MEETING = "calls/<slug:slug>/meetings/<int:pk>/"
ITEM = MEETING + "items/<int:item>/"

urlpatterns = [
    path("calls/<slug:slug>/meetings/", views.meetings, name="meetings"),
    path("calls/<slug:slug>/meetings/new/", views.plan, name="meeting_plan"),
    path(MEETING, views.meeting, name="meeting"),
    path(MEETING + "edit/", views.edit, name="meeting_edit"),
    path(MEETING + "state/", views.change_state, name="meeting_state"),
    path(MEETING + "attendance/", views.attendance, name="meeting_attendance"),
    path(MEETING + "minutes/", views.minutes, name="meeting_minutes"),
    path(MEETING + "agenda/build/", views.build_agenda, name="agenda_build"),
    path(MEETING + "agenda/add/", views.add_item, name="agenda_add"),
    path(ITEM, views.agenda_item, name="agenda_item"),
    path(ITEM + "move/", views.move_item, name="agenda_move"),
    path(ITEM + "remove/", views.remove_item, name="agenda_remove"),
    path(ITEM + "notes/", views.save_notes, name="agenda_notes"),
    path(ITEM + "voting/", views.voting, name="agenda_voting"),
    path(ITEM + "vote/", views.vote, name="agenda_vote"),
    path(ITEM + "decide/", views.decide, name="agenda_decide"),
]

"""The applicant's pages: start, fill in, submit, follow an application."""

from django.urls import path

from . import views

app_name = "applications"

urlpatterns = [
    path("", views.my_applications, name="mine"),
    path("start/<slug:slug>/", views.start, name="start"),
    path("join/<str:token>/", views.join, name="join"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/steps/<int:number>/", views.step, name="step"),
    path("<int:pk>/summary/", views.summary, name="summary"),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/submitted/", views.submitted, name="submitted"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/team/", views.team, name="team"),
    path("<int:pk>/team/<int:member_pk>/remove/", views.remove_member, name="remove_member"),
    path(
        "<int:pk>/information/<int:request_pk>/",
        views.answer_information,
        name="answer_information",
    ),
    path("<int:pk>/files/<int:attachment_pk>/", views.attachment, name="attachment"),
    path(
        "<int:pk>/files/<int:attachment_pk>/delete/",
        views.delete_attachment,
        name="delete_attachment",
    ),
]

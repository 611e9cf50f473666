"""Every page of applications, mounted at the site's root (namespace `applications`): the
applicant's pages under applications/, the staff pages under staff/."""

from django.urls import path

from .views import answers, application, review_list, screening, team

app_name = "applications"

urlpatterns = [
    # The applicant's team.
    path("applications/", application.my_applications, name="mine"),
    path("applications/start/<slug:slug>/", application.start, name="start"),
    path("applications/join/<str:token>/", team.join, name="join"),
    path("applications/<int:pk>/", application.detail, name="detail"),
    path("applications/<int:pk>/steps/<int:number>/", answers.step, name="step"),
    path("applications/<int:pk>/summary/", application.summary, name="summary"),
    path("applications/<int:pk>/submit/", application.submit, name="submit"),
    path("applications/<int:pk>/submitted/", application.submitted, name="submitted"),
    path("applications/<int:pk>/withdraw/", application.withdraw, name="withdraw"),
    path("applications/<int:pk>/team/", team.team, name="team"),
    path(
        "applications/<int:pk>/team/<int:member_pk>/remove/",
        team.remove_member,
        name="remove_member",
    ),
    path(
        "applications/<int:pk>/information/<int:request_pk>/",
        application.answer_information,
        name="answer_information",
    ),
    path(
        "applications/<int:pk>/files/<int:attachment_pk>/",
        answers.attachment,
        name="attachment",
    ),
    path(
        "applications/<int:pk>/files/<int:attachment_pk>/delete/",
        answers.delete_attachment,
        name="delete_attachment",
    ),
    # Staff: the list of applications and its exports.
    path("staff/applications/", review_list.all_applications, name="list"),
    path("staff/applications/export/<str:fmt>/", review_list.export_all, name="export"),
    path(
        "staff/calls/<slug:slug>/applications/",
        review_list.call_applications,
        name="call_applications",
    ),
    path(
        "staff/calls/<slug:slug>/applications/export/<str:fmt>/",
        review_list.call_export,
        name="call_export",
    ),
    # Staff: one application.
    path("staff/applications/<int:pk>/", screening.detail, name="screening"),
    path("staff/applications/<int:pk>/transition/", screening.fire_transition, name="transition"),
    path(
        "staff/applications/<int:pk>/screening/",
        screening.save_screening,
        name="save_screening",
    ),
    path("staff/applications/<int:pk>/notes/", screening.add_note, name="add_note"),
    path("staff/applications/<int:pk>/extension/", screening.grant_extension, name="extension"),
    path(
        "staff/applications/<int:pk>/files/<int:attachment_pk>/",
        screening.attachment,
        name="screening_attachment",
    ),
]

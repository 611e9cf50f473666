"""Staff pages for programmes, seasons, calls and their application forms."""

from django.urls import path

from . import staff_views as views

app_name = "programmes_staff"

urlpatterns = [
    path("programmes/", views.programme_list, name="programme_list"),
    path("programmes/new/", views.programme_create, name="programme_create"),
    path("programmes/<int:pk>/", views.programme_edit, name="programme_edit"),
    path("seasons/", views.season_list, name="season_list"),
    path("seasons/new/", views.season_create, name="season_create"),
    path("seasons/<int:pk>/", views.season_edit, name="season_edit"),
    path("calls/", views.call_list, name="call_list"),
    path("calls/new/", views.call_create, name="call_create"),
    path("calls/copy/", views.call_copy, name="call_copy"),
    path("calls/<int:pk>/", views.call_edit, name="call_edit"),
    # The application form of a call.
    path("calls/<int:pk>/form/", views.form_builder, name="form_builder"),
    path("calls/<int:pk>/form/preview/", views.form_preview, name="form_preview"),
    path("calls/<int:pk>/form/steps/new/", views.step_create, name="step_create"),
    path("calls/<int:pk>/form/steps/<int:step_pk>/", views.step_edit, name="step_edit"),
    path("calls/<int:pk>/form/steps/<int:step_pk>/delete/", views.step_delete, name="step_delete"),
    path("calls/<int:pk>/form/steps/<int:step_pk>/move/", views.step_move, name="step_move"),
    path(
        "calls/<int:pk>/form/steps/<int:step_pk>/questions/new/",
        views.question_create,
        name="question_create",
    ),
    path(
        "calls/<int:pk>/form/questions/<int:question_pk>/",
        views.question_edit,
        name="question_edit",
    ),
    path(
        "calls/<int:pk>/form/questions/<int:question_pk>/delete/",
        views.question_delete,
        name="question_delete",
    ),
    path(
        "calls/<int:pk>/form/questions/<int:question_pk>/move/",
        views.question_move,
        name="question_move",
    ),
    # Its eligibility checklist.
    path("calls/<int:pk>/criteria/", views.criterion_list, name="criterion_list"),
    path("calls/<int:pk>/criteria/new/", views.criterion_create, name="criterion_create"),
    path(
        "calls/<int:pk>/criteria/<int:criterion_pk>/",
        views.criterion_edit,
        name="criterion_edit",
    ),
    path(
        "calls/<int:pk>/criteria/<int:criterion_pk>/delete/",
        views.criterion_delete,
        name="criterion_delete",
    ),
    path(
        "calls/<int:pk>/criteria/<int:criterion_pk>/move/",
        views.criterion_move,
        name="criterion_move",
    ),
]

"""Every page of the programmes app: the public pages of calls under calls/, the staff pages of
programmes, seasons, calls, their application forms and eligibility checklists under staff/."""

from django.urls import path

from .views import calls, criteria, form_builder, programmes, seasons

app_name = "programmes"

urlpatterns = [
    # Public pages.
    path("calls/", calls.call_list, name="call_list"),
    path("calls/<slug:slug>/", calls.call_detail, name="call_detail"),
    # Staff pages.
    path("staff/programmes/", programmes.programme_list, name="programme_list"),
    path("staff/programmes/new/", programmes.programme_create, name="programme_create"),
    path("staff/programmes/<int:pk>/", programmes.programme_edit, name="programme_edit"),
    path("staff/seasons/", seasons.season_list, name="season_list"),
    path("staff/seasons/new/", seasons.season_create, name="season_create"),
    path("staff/seasons/<int:pk>/", seasons.season_edit, name="season_edit"),
    path("staff/calls/", calls.staff_call_list, name="staff_call_list"),
    path("staff/calls/new/", calls.call_create, name="call_create"),
    path("staff/calls/copy/", calls.call_copy, name="call_copy"),
    path("staff/calls/<slug:slug>/", calls.call_edit, name="call_edit"),
    # The application form of a call.
    path("staff/calls/<slug:slug>/form/", form_builder.form_builder, name="form_builder"),
    path("staff/calls/<slug:slug>/form/preview/", form_builder.form_preview, name="form_preview"),
    path("staff/calls/<slug:slug>/form/steps/new/", form_builder.step_create, name="step_create"),
    path(
        "staff/calls/<slug:slug>/form/steps/<int:step_pk>/",
        form_builder.step_edit,
        name="step_edit",
    ),
    path(
        "staff/calls/<slug:slug>/form/steps/<int:step_pk>/delete/",
        form_builder.step_delete,
        name="step_delete",
    ),
    path(
        "staff/calls/<slug:slug>/form/steps/<int:step_pk>/move/",
        form_builder.step_move,
        name="step_move",
    ),
    path(
        "staff/calls/<slug:slug>/form/steps/<int:step_pk>/questions/new/",
        form_builder.question_create,
        name="question_create",
    ),
    path(
        "staff/calls/<slug:slug>/form/questions/<int:question_pk>/",
        form_builder.question_edit,
        name="question_edit",
    ),
    path(
        "staff/calls/<slug:slug>/form/questions/<int:question_pk>/delete/",
        form_builder.question_delete,
        name="question_delete",
    ),
    path(
        "staff/calls/<slug:slug>/form/questions/<int:question_pk>/move/",
        form_builder.question_move,
        name="question_move",
    ),
    # Its eligibility checklist.
    path("staff/calls/<slug:slug>/criteria/", criteria.criterion_list, name="criterion_list"),
    path(
        "staff/calls/<slug:slug>/criteria/new/", criteria.criterion_create, name="criterion_create"
    ),
    path(
        "staff/calls/<slug:slug>/criteria/<int:criterion_pk>/",
        criteria.criterion_edit,
        name="criterion_edit",
    ),
    path(
        "staff/calls/<slug:slug>/criteria/<int:criterion_pk>/delete/",
        criteria.criterion_delete,
        name="criterion_delete",
    ),
    path(
        "staff/calls/<slug:slug>/criteria/<int:criterion_pk>/move/",
        criteria.criterion_move,
        name="criterion_move",
    ),
]

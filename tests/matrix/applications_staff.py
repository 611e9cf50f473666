"""Staff pages of applications (list, exports, one application and its actions): accelerator
staff and admins only; anonymous visitors sign in. Everyone else signed in gets 403 on the
lists and exports, and 404 on the pages of one application (theirs is another one), so that
nobody learns that an application exists."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from .base import ADMIN_ACCESS, REDIRECT, Case, by_name, on_object, staff_only

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _value(question):
    """A valid answer to any question of the call's form, whoever built it."""
    kind = question.kind
    options = [str(o.get("value")) for o in question.options or []]
    return {
        "short_text": "Projet de la matrice",
        "long_text": "Un besoin social, une solution innovante.",
        "single_choice": options[0] if options else None,
        "multiple_choice": options[:1],
        "number": "3",
        "date": timezone.localdate().isoformat(),
        "email": "contact@example.org",
        "url": "https://example.org",
        "region": "FR-IDF",
        "business_line": ["elderly"],
        "sdg": ["1"],
        "budget": "1000",
    }.get(kind)


def extend_objects(objects, people):
    """A submitted application with answers and a file, by an applicant of its own (the
    applicant role's person may already have one to this call)."""
    from tests.conftest import make_person
    from tremplin.applications import services
    from tremplin.programmes.models import Question
    from tremplin.programmes.services.form_builder import ensure_system_questions

    call = objects["call"]
    ensure_system_questions(call)
    step = call.steps.order_by("position").first()
    file_question = call.questions.filter(kind=Question.Kind.FILE).first()
    if file_question is None:
        file_question = Question.objects.create(
            call=call,
            step=step,
            position=50,
            kind=Question.Kind.FILE,
            key="matrix-staff-file",
            label={"fr": "Dossier"},
            required=False,
        )
    person = make_person("staff-matrix-applicant@example.org", roles=["applicant"])
    application = services.start(call, person)
    questions = [q for q in call.questions.all() if q.kind != Question.Kind.FILE]
    values = {q.key: _value(q) for q in questions}
    values["organisation_kind"] = "association"
    services.save_answers(application, person, questions, values, {}, {})
    attachments = [
        services.upload(application, person, q, SimpleUploadedFile("dossier.pdf", PDF))
        for q in call.questions.filter(kind=Question.Kind.FILE)
        if q.required or q.pk == file_question.pk
    ]
    application = services.submit(application, person)
    criterion = call.criteria.first() or call.criteria.create(label={"fr": "Besoin social"})
    objects["applications_staff"] = {
        "application": application,
        "attachment": attachments[-1],
        "criterion": criterion,
    }


# The application's team may see it (on their own pages): nobody of the matrix's roles is on it.
application_page = on_object(ADMIN_ACCESS, ADMIN_ACCESS)
application_post = on_object(ADMIN_ACCESS, ADMIN_ACCESS, REDIRECT)


def _pk(o):
    return o["applications_staff"]["application"].pk


def _name(name):
    return f"applications:{name}"


def _later(o):
    call = o["call"]
    return (timezone.localtime(call.closes_at, call.tz) + timezone.timedelta(days=2)).strftime(
        "%Y-%m-%dT%H:%M"
    )


CASES = [
    Case(_name("list"), by_name(_name("list")), staff_only),
    Case(_name("export"), by_name(_name("export"), fmt=lambda o: "csv"), staff_only),
    Case(
        _name("call_applications"),
        by_name(_name("call_applications"), slug=lambda o: o["call"].slug),
        staff_only,
    ),
    Case(
        _name("call_export"),
        by_name(_name("call_export"), slug=lambda o: o["call"].slug, fmt=lambda o: "xlsx"),
        staff_only,
    ),
    Case(_name("screening"), by_name(_name("screening"), pk=_pk), application_page),
    Case(
        _name("screening_attachment"),
        by_name(
            _name("screening_attachment"),
            pk=_pk,
            attachment_pk=lambda o: o["applications_staff"]["attachment"].pk,
        ),
        application_page,
    ),
    Case(
        _name("transition"),
        by_name(_name("transition"), pk=_pk),
        application_post,
        method="post",
        data=lambda o: {"transition": "mark_eligible"},
    ),
    Case(
        _name("save_screening"),
        by_name(_name("save_screening"), pk=_pk),
        application_post,
        method="post",
        data=lambda o: {f"criterion-{o['applications_staff']['criterion'].pk}-met": "yes"},
    ),
    Case(
        _name("add_note"),
        by_name(_name("add_note"), pk=_pk),
        application_post,
        method="post",
        data=lambda o: {"text": "Une note de la matrice"},
    ),
    Case(
        _name("extension"),
        by_name(_name("extension"), pk=_pk),
        application_post,
        method="post",
        data=lambda o: {"until": _later(o)},
    ),
]

"""Every write about applications: one transaction, permission and state checked, history
recorded. Nothing an applicant types is lost: drafts are saved answer by answer, a save based
on an outdated page is merged answer by answer, and a refused submission leaves the draft as it
was."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tremplin.accounts import queries as account_queries
from tremplin.accounts.models import Membership, Organisation
from tremplin.core import four_eyes, history, search, uploads
from tremplin.messaging import services as messaging
from tremplin.programmes import questions as q
from tremplin.programmes.models import Audience, Call, Question

from . import notices
from .models import (
    Answer,
    AnswerChoice,
    Application,
    Attachment,
    CoApplicant,
    InformationRequest,
    InternalNote,
    ScreeningCheck,
    State,
)
from .workflow import APPLICATION_WORKFLOW

SEARCH_DOC = "application"

# Organisation kinds that belong to the movement.
MOVEMENT_KINDS = {
    Organisation.Kind.NATIONAL_SOCIETY,
    Organisation.Kind.LOCAL_UNIT,
    Organisation.Kind.ESTABLISHMENT,
}


class ApplicationRefused(ValidationError):
    """A refused action, with a message for the person."""


# --- Starting ----------------------------------------------------------------------------------


def gate(call: Call, person, now=None) -> str | None:
    """Why `person` may not start an application to `call` now, or None if they may."""
    now = now or timezone.now()
    if now < call.opens_at:
        return _("This call is not open yet.")
    if now >= call.closes_at:
        return _("This call is closed: applications are no longer accepted.")
    if (
        call.programme.audience == Audience.MEMBERS
        and not person.memberships.filter(state=Membership.State.VERIFIED).exists()
    ):
        pending = person.memberships.filter(state=Membership.State.PENDING).exists()
        if pending:
            return _(
                "This programme is reserved to volunteers, employees and students of the "
                "movement. Your membership is awaiting verification by the accelerator team; "
                "you will be able to apply once it is verified."
            )
        return _(
            "This programme is reserved to volunteers, employees and students of the movement, "
            "with a verified membership. Declare your membership from your profile; the "
            "accelerator team will verify it."
        )
    # Who one acts for is what staff verified, never what one's profile says: editing it
    # neither opens nor closes this gate.
    if (
        call.programme.audience == Audience.OUTSIDERS
        and account_queries.verified_organisations(person).filter(kind__in=MOVEMENT_KINDS).exists()
    ):
        return _(
            "This programme is for actors outside the movement (startups, associations, "
            "companies). Members of the movement can apply to the intrapreneur programme."
        )
    return None


def start(call: Call, person) -> Application:
    reason = gate(call, person)
    if reason:
        raise ApplicationRefused(reason)
    from tremplin.programmes.services.form_builder import ensure_system_questions

    ensure_system_questions(call)
    with transaction.atomic():
        existing = Application.objects.filter(call=call, applicant=person).exclude(
            state=State.WITHDRAWN
        )
        if existing.exists():
            return existing.get()
        try:
            with transaction.atomic():
                application = Application.objects.create(
                    call=call, applicant=person, applicant_name=str(person)
                )
        except IntegrityError:  # a double click started it twice
            return Application.objects.get(call=call, applicant=person, state=State.DRAFT)
        _prefill(application, person)
        history.record(application, "started", person, to_state=State.DRAFT)
    return application


def _prefill(application: Application, person) -> None:
    """Answers we already know from the profile, so that nobody types them twice."""
    known = {}
    organisation = account_queries.organisation_for_forms(person)
    if organisation is not None:
        known["organisation_name"] = organisation.name
        known["organisation_kind"] = organisation.kind
    if person.region_id:
        known["region"] = person.region.code
    for question in application.call.questions.filter(key__in=known):
        _store(application, question, known[question.key], person)
    _denormalise(application)
    application.save()


# --- Saving answers ----------------------------------------------------------------------------


@dataclass
class Conflict:
    question: Question
    theirs: str  # what is stored now, written by someone else since the page was loaded


@dataclass
class SaveResult:
    saved: list[Question] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    invalid: list[Question] = field(default_factory=list)
    version: int = 0


def can_edit(application: Application, person, now=None) -> str | None:
    """Why `person` may not edit `application` now, or None."""
    if not person.has_perm("applications.edit_application", application):
        raise PermissionDenied
    if application.state == State.DRAFT:
        return None
    if application.state in (State.SUBMITTED, State.INFO_REQUESTED):
        if not application.call.allow_edit_after_submit:
            return _("This application is submitted and the call does not allow changes.")
        if application.deadline_passed(now):
            return _("The deadline has passed: the application can no longer be changed.")
        return None
    return _("This application can no longer be changed.")


def save_answers(
    application: Application,
    person,
    questions: list[Question],
    cleaned: dict,
    raw: dict,
    base_revisions: dict[int, int],
    now=None,
) -> SaveResult:
    """Save the answers of one step. `cleaned` holds the valid values; `raw` what was typed in
    fields that did not validate (kept, shown back, and listed as invalid). `base_revisions`
    are the revisions the page was loaded with: an answer changed by someone else since then,
    and changed here too, is a conflict and is not overwritten."""
    refusal = can_edit(application, person, now)
    if refusal:
        raise ApplicationRefused(refusal)
    result = SaveResult()
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        current = {a.question_id: a for a in locked.answers.all()}
        for question in questions:
            if question.kind == Question.Kind.FILE:
                continue
            answer = current.get(question.pk)
            if question.key in raw:
                new_value, new_raw = None, raw[question.key]
                result.invalid.append(question)
            else:
                new_value, new_raw = q.to_value(question, cleaned.get(question.key)), ""
            old_value = answer.value if answer else None
            old_raw = answer.raw if answer else ""
            if (new_value, new_raw) == (old_value, old_raw):
                continue
            base = base_revisions.get(question.pk)
            if answer is not None and base is not None and answer.revision != base:
                result.conflicts.append(Conflict(question, answer.text or answer.raw))
                continue
            _store(locked, question, new_value, person, raw=new_raw, answer=answer)
            result.saved.append(question)
        if result.saved:
            _denormalise(locked)
            locked.version = F("version") + 1
            locked.save()
            locked.refresh_from_db(fields=["version"])
            history.record(
                locked,
                "answers_saved",
                person,
                questions=[question.key for question in result.saved],
            )
            _index(locked)
        result.version = locked.version
    application.version = result.version
    return result


def _store(application, question, value, person, raw: str = "", answer: Answer | None = None):
    text = q.display(question, value) if value is not None else ""
    if answer is None:
        answer, _created = Answer.objects.get_or_create(
            application=application,
            question=question,
            defaults={"value": value, "raw": raw, "text": text, "updated_by": person},
        )
        if _created:
            _store_choices(application, question, value)
            return answer
    answer.value, answer.raw, answer.text, answer.updated_by = value, raw, text, person
    answer.revision = answer.revision + 1
    answer.save()
    _store_choices(application, question, value)
    return answer


def _store_choices(application, question, value) -> None:
    if not question.is_choice:
        return
    AnswerChoice.objects.filter(application=application, question=question).delete()
    AnswerChoice.objects.bulk_create(
        [
            AnswerChoice(application=application, question=question, value=v)
            for v in q.chosen_values(question, value)
        ]
    )


def _denormalise(application: Application) -> None:
    """Copy the system questions' answers to the application's columns (lists, filters)."""
    from tremplin.reference.models import Region

    values = {
        a.question.key: a.value
        for a in application.answers.select_related("question").filter(
            question__key__in=["project_name", "organisation_name", "organisation_kind", "region"]
        )
    }
    application.title = (values.get("project_name") or "")[:200]
    application.organisation_name = (values.get("organisation_name") or "")[:200]
    kind = values.get("organisation_kind") or ""
    application.organisation_kind = kind if kind in Organisation.Kind.values else ""
    code = values.get("region")
    application.region = Region.objects.filter(code=code).first() if code else None


def _index(application: Application) -> None:
    texts = [application.title, application.organisation_name, application.applicant_name]
    texts += [a.text for a in application.answers.all()]
    application.search_text = "\n".join(t for t in texts if t)
    Application.objects.filter(pk=application.pk).update(search_text=application.search_text)
    search.index(SEARCH_DOC, application.pk, application.search_text)


# --- Files -------------------------------------------------------------------------------------


def upload(application: Application, person, question: Question, uploaded) -> Attachment:
    refusal = can_edit(application, person)
    if refusal:
        raise ApplicationRefused(refusal)
    try:
        checked = uploads.check(uploaded, max_mb=application.call.max_upload_mb)
    except uploads.UploadRefused as error:
        raise ApplicationRefused(str(error)) from error
    with transaction.atomic():
        # The same file sent twice for the same question (the autosave sends the form's
        # files, then the Save button sends them again) is stored once.
        same = application.attachments.filter(question=question, sha256=checked.sha256).first()
        if same is not None:
            return same
        attachment = Attachment(
            application=application,
            question=question,
            original_name=checked.name,
            content_type=checked.content_type,
            size=checked.size,
            sha256=checked.sha256,
            uploaded_by=person,
        )
        attachment.file.save(checked.name, uploaded, save=False)
        attachment.save()
        Application.objects.filter(pk=application.pk).update(version=F("version") + 1)
        history.record(
            application,
            "file_uploaded",
            person,
            question=question.key,
            file=checked.name,
            size=checked.size,
        )
    return attachment


def delete_attachment(attachment: Attachment, person) -> None:
    application = attachment.application
    refusal = can_edit(application, person)
    if refusal:
        raise ApplicationRefused(refusal)
    with transaction.atomic():
        name = attachment.original_name
        attachment.delete()
        Application.objects.filter(pk=application.pk).update(version=F("version") + 1)
        history.record(application, "file_deleted", person, file=name)
    transaction.on_commit(lambda: attachment.file.delete(save=False))


# --- Completeness and submission ---------------------------------------------------------------


@dataclass
class Missing:
    question: Question
    problem: str


def missing(application: Application) -> list[Missing]:
    """What stops the application from being submitted, question by question."""
    answers = {a.question_id: a for a in application.answers.all()}
    with_files = set(application.attachments.values_list("question_id", flat=True))
    problems = []
    for question in application.call.questions.select_related("step"):
        answer = answers.get(question.pk)
        if answer is not None and answer.raw:
            problems.append(Missing(question, _("The answer is not valid: please correct it.")))
        elif question.required and not q.is_answered(
            question, answer.value if answer else None, question.pk in with_files
        ):
            problems.append(Missing(question, _("This question must be answered.")))
    return problems


def eligibility_problems(application: Application) -> list[str]:
    call = application.call
    problems = []
    kinds = call.eligible_organisation_kinds or []
    if kinds and application.organisation_kind and application.organisation_kind not in kinds:
        problems.append(_("This call is not open to this kind of organisation."))
    regions = list(call.eligible_regions.all())
    if regions and application.region_id and application.region not in regions:
        problems.append(_("This call is not open to projects from this region."))
    return problems


def submit(application: Application, person, now=None) -> Application:
    """Submit (or, after a change, submit again) in one transaction: answers frozen, status
    changed, history written, confirmation message queued. A second click finds the application
    already submitted and changes nothing."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = (
            Application.objects.select_for_update()
            .select_related("call__programme")
            .get(pk=application.pk)
        )
        if not person.has_perm("applications.submit_application", locked):
            raise PermissionDenied
        resubmission = locked.state in (State.SUBMITTED, State.INFO_REQUESTED)
        if resubmission and locked.frozen_answers.get("version") == locked.version:
            return locked  # already submitted as it is: a double click
        if locked.state not in (State.DRAFT, State.SUBMITTED, State.INFO_REQUESTED):
            raise ApplicationRefused(_("This application can no longer be submitted."))
        if locked.deadline_passed(now):
            raise ApplicationRefused(
                _(
                    "The deadline has passed (%(deadline)s): the application was not submitted. "
                    "Your draft is kept. If something prevented you from submitting in time, "
                    "contact the accelerator team."
                )
                % {"deadline": _format_deadline(locked)}
            )
        problems = [m.question for m in missing(locked)]
        if problems:
            raise ApplicationRefused(_("Some answers are missing or not valid."))
        for problem in eligibility_problems(locked):
            raise ApplicationRefused(problem)
        locked.frozen_answers = _freeze(locked)
        locked.submitted_at = now
        locked.save(update_fields=["frozen_answers", "submitted_at", "updated_at"])
        if resubmission:
            history.record(locked, "resubmitted", person)
        else:
            locked = APPLICATION_WORKFLOW.fire(locked, "submit", person)
        notify_team(locked, notices.SUBMITTED)
    return locked


def _format_deadline(application: Application) -> str:
    from django.utils.formats import date_format

    local = timezone.localtime(application.deadline, application.call.tz)
    return f"{date_format(local, 'DATETIME_FORMAT')} ({application.call.time_zone})"


def _freeze(application: Application) -> dict:
    answers = {a.question_id: a for a in application.answers.all()}
    files = {}
    for attachment in application.attachments.all():
        files.setdefault(attachment.question_id, []).append(attachment.original_name)
    frozen = {}
    for question in application.call.questions.all():
        answer = answers.get(question.pk)
        frozen[question.key] = {
            "value": answer.value if answer else None,
            "text": answer.text if answer else "",
            "files": files.get(question.pk, []),
        }
    return {"version": application.version, "answers": frozen}


def has_unsubmitted_changes(application: Application) -> bool:
    return application.state in (State.SUBMITTED, State.INFO_REQUESTED) and (
        application.frozen_answers.get("version") != application.version
    )


def notify_team(application: Application, notice, reason: str = "") -> None:
    """Send `notice` (applications.notices, selection.notices) to the lead applicant and the
    accepted co-applicants, each in their own language, in the call's wording."""
    recipients = [application.applicant] if application.applicant_id else []
    recipients += [
        c.person
        for c in application.co_applicants.filter(accepted_at__isnull=False).select_related(
            "person"
        )
    ]
    messaging.send(
        notice,
        recipients,
        obj=application,
        values={"reason": reason},
        call=application.call,
        application=application,
    )


# --- After submission --------------------------------------------------------------------------


def withdraw(application: Application, person, reason: str) -> Application:
    with transaction.atomic():
        application = APPLICATION_WORKFLOW.fire(application, "withdraw", person, reason=reason)
        notify_team(application, notices.WITHDRAWN, reason)
    return application


def answer_information_request(request: InformationRequest, person, response: str):
    application = request.application
    if not response.strip():
        raise ApplicationRefused(_("Please write your answer."))
    with transaction.atomic():
        InformationRequest.objects.filter(pk=request.pk).update(
            response=response, responded_by=person, responded_at=timezone.now()
        )
        if not application.information_requests.filter(responded_at__isnull=True).exists():
            application = APPLICATION_WORKFLOW.fire(application, "provide_information", person)
        else:
            history.record(application, "information_provided", person)
    return application


# --- Team --------------------------------------------------------------------------------------


def invite(application: Application, person, email: str) -> CoApplicant:
    if not person.has_perm("applications.invite_co_applicant", application):
        raise PermissionDenied
    email = email.strip().lower()
    if email == person.email.lower():
        raise ApplicationRefused(_("You are already on this application."))
    with transaction.atomic():
        # The lock makes two invitations at once count each other against the cap.
        Application.objects.select_for_update().filter(pk=application.pk).first()
        if CoApplicant.objects.filter(application=application, email=email).exists():
            raise ApplicationRefused(_("This person has already been invited."))
        limit = settings.TREMPLIN_MAX_CO_APPLICANTS
        if CoApplicant.objects.filter(application=application).count() >= limit:
            raise ApplicationRefused(
                ngettext(
                    "An application has at most %(max)d co-applicant. Remove an invitation "
                    "before inviting someone else.",
                    "An application has at most %(max)d co-applicants. Remove an invitation "
                    "before inviting someone else.",
                    limit,
                )
                % {"max": limit}
            )
        invitation = CoApplicant.objects.create(
            application=application, email=email, invited_by=person
        )
        history.record(application, "co_applicant_invited", person, email=email)

        messaging.send(
            notices.INVITATION,
            None,
            obj=application,
            values=lambda: {"application_url": invitation_url(invitation)},
            call=application.call,
            application=application,
            email=email,
            language=person.preferred_language,
        )
    return invitation


def invitation_url(invitation: CoApplicant) -> str:
    from django.urls import reverse

    from tremplin.core.urls_absolute import absolute

    return absolute(reverse("applications:join", kwargs={"token": invitation.token}))


def accept_invitation(token: str, person) -> Application:
    with transaction.atomic():
        invitation = (
            CoApplicant.objects.select_for_update()
            .select_related("application")
            .filter(token=token)
            .first()
        )
        if invitation is None:
            raise ApplicationRefused(_("This invitation link is not valid."))
        if (
            invitation.email.lower() != person.email.lower()
            and not person.emailaddress_set.filter(
                email__iexact=invitation.email, verified=True
            ).exists()
        ):
            raise ApplicationRefused(
                _("This invitation was sent to %(email)s. Sign in with that address to accept it.")
                % {"email": invitation.email}
            )
        if invitation.accepted_at is None:
            invitation.person = person
            invitation.accepted_at = timezone.now()
            invitation.save(update_fields=["person", "accepted_at"])
            history.record(invitation.application, "co_applicant_joined", person)
    return invitation.application


def remove_co_applicant(invitation: CoApplicant, person) -> None:
    if not person.has_perm("applications.invite_co_applicant", invitation.application):
        raise PermissionDenied
    with transaction.atomic():
        history.record(
            invitation.application, "co_applicant_removed", person, email=invitation.email
        )
        invitation.delete()


# --- Staff -------------------------------------------------------------------------------------


def transition(application: Application, staff, name: str, reason: str = "") -> Application:
    """A staff decision: screening (eligible, not eligible, ask for information) or the
    selection steps. The applicant is told in their language where the decision concerns them."""
    with transaction.atomic():
        application = APPLICATION_WORKFLOW.fire(application, name, staff, reason=reason)
        if name == "request_information":
            InformationRequest.objects.create(
                application=application, message=reason, asked_by=staff
            )
        kind = {
            "request_information": notices.INFO_REQUESTED,
            "mark_eligible": notices.ELIGIBLE,
            "mark_ineligible": notices.INELIGIBLE,
        }.get(name)
        if kind:
            notify_team(application, kind, reason)
    return application


@dataclass
class BulkOutcome:
    done: list[Application] = field(default_factory=list)
    refused: list[tuple[Application, str]] = field(default_factory=list)


def bulk_transition(applications, staff, name: str, reason: str = "") -> BulkOutcome:
    """Fire `name` on each application, each in its own transaction, so that a refused one
    changes nothing and does not stop the others; say why each refused one was refused."""
    outcome = BulkOutcome()
    for application in applications:
        try:
            outcome.done.append(transition(application, staff, name, reason))
        except ValidationError as error:
            outcome.refused.append((application, " ".join(error.messages)))
        except PermissionDenied as error:
            outcome.refused.append(
                (application, str(error) or _("You are not allowed to do this."))
            )
    return outcome


def grant_extension(application: Application, staff, until) -> Application:
    four_eyes.refuse_own_work(staff, application)
    if not staff.has_perm("applications.grant_extension", application):
        raise PermissionDenied
    if until <= application.call.closes_at:
        raise ApplicationRefused(_("An extension must end after the call's closing time."))
    with transaction.atomic():
        Application.objects.filter(pk=application.pk).update(deadline_extended_to=until)
        application.deadline_extended_to = until
        history.record(application, "deadline_extended", staff, until=until.isoformat())
        notify_team(application, notices.EXTENSION)
    return application


def add_note(application: Application, staff, text: str) -> InternalNote:
    four_eyes.refuse_own_work(staff, application)
    if not staff.has_perm("applications.add_note", application):
        raise PermissionDenied
    if not text.strip():
        raise ApplicationRefused(_("The note is empty."))
    return InternalNote.objects.create(
        application=application, author=staff, author_name=str(staff), text=text
    )


def save_screening(application: Application, staff, checks: dict[int, tuple[bool | None, str]]):
    """Record the eligibility checklist: criterion id -> (met, note)."""
    four_eyes.refuse_own_work(staff, application)
    if not staff.has_perm("applications.screen_application", application):
        raise PermissionDenied
    with transaction.atomic():
        for criterion_id, (met, note) in checks.items():
            ScreeningCheck.objects.update_or_create(
                application=application,
                criterion_id=criterion_id,
                defaults={"met": met, "note": note[:500], "checked_by": staff},
            )
        history.record(
            application,
            "screening_checked",
            staff,
            checks={str(k): v[0] for k, v in checks.items()},
        )

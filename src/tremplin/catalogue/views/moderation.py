"""Pages of the catalogue's moderation: the central and national-society queues, the review of
a version, moderators' translations, taking a record offline, the versions of an innovation and
their comparison, and national societies' policies."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from tremplin.accounts.models import Organisation
from tremplin.core import pagination
from tremplin.core.permissions import permission_required, refuse, require, visible_or_404
from tremplin.core.views import refusal_into

from .. import diff
from ..forms.moderation import (
    DecisionForm,
    QueueFilterForm,
    SocietyPolicyForm,
    TakeDownForm,
    TranslationForm,
)
from ..models import Criterion, Innovation, InnovationVersion, Review
from ..queries import moderation as queries
from ..services import moderation as services

PAGE_SIZE = 50


def _page(request, rows):
    page = pagination.page_of(request, rows, PAGE_SIZE)
    return page, page.elided_range


# --- Queues -------------------------------------------------------------------------------------


@permission_required("catalogue.moderate")
def queue(request):
    form = QueueFilterForm(request.GET or None)
    rows, counts = queries.filtered_queue(form.filters() if request.GET else {})
    page, page_range = _page(request, rows)
    return render(
        request,
        "catalogue/moderation/queue.html",
        {"form": form, "page": page, "page_range": page_range, "counts": counts},
    )


@permission_required("catalogue.validate")
def society_queue(request):
    rows = queries.society_queue(request.user)
    page, page_range = _page(request, rows)
    return render(
        request,
        "catalogue/moderation/society_queue.html",
        {
            "page": page,
            "page_range": page_range,
            "societies": queries.validated_societies(request.user),
        },
    )


# --- Reviewing a version ------------------------------------------------------------------------


def _reviewable(request, pk) -> InnovationVersion:
    """The version if the signed-in person moderates, or validates for its society; 404 for
    those who may not even see it, 403 for those who see it elsewhere (its owner)."""
    version = visible_or_404(request.user, queries.version_for_review(pk))
    if not (
        request.user.has_perm("catalogue.moderate")
        or request.user.has_perm("catalogue.validate_for_society", version)
    ):
        raise PermissionDenied
    return version


def _review_context(request, version, form) -> dict:
    attestations = version.attestations or {}
    criteria = [
        {
            "value": value,
            "label": label,
            "justification": attestations.get(value, ""),
            "field": form[f"criterion_{value}"] if form is not None else None,
        }
        for value, label in Criterion.choices
    ]
    return {
        "version": version,
        "innovation": version.innovation,
        "sections": queries.sections(version),
        "criteria": criteria,
        "form": form,
        "level": services.level_for(version),
        "reviews": list(version.reviews.all()),
        "can_translate": request.user.has_perm("catalogue.translate", version)
        and version.state in services.TRANSLATABLE_STATES,
        "can_take_down": request.user.has_perm("catalogue.take_down", version),
        "public_path": version.innovation.get_absolute_url(),
    }


@login_required
def review(request, pk):
    version = _reviewable(request, pk)
    may_decide = services.may_decide(request.user, version)
    level = services.level_for(version)
    form = DecisionForm(level=level) if may_decide else None
    if request.method == "POST":
        if not may_decide:
            messages.error(request, _("This version is not awaiting your decision (any more)."))
            return redirect("catalogue:moderation_review", pk=version.pk)
        form = DecisionForm(request.POST, level=level)
        if form.is_valid():
            try:
                services.decide(
                    version,
                    request.user,
                    decision=form.cleaned_data["decision"],
                    checklist=form.checklist(),
                    message=form.cleaned_data["message"],
                )
            except ValidationError as error:
                refusal_into(form, error)
            else:
                messages.success(request, _decision_done(level, form.cleaned_data["decision"]))
                if level == Review.Level.SOCIETY:
                    return redirect("catalogue:society_queue")
                return redirect("catalogue:moderation_queue")
        status = 400
    else:
        status = 200
    return render(
        request,
        "catalogue/moderation/review.html",
        _review_context(request, version, form),
        status=status,
    )


def _decision_done(level, decision) -> str:
    if decision == Review.Decision.ACCEPT:
        if level == Review.Level.SOCIETY:
            return _("Validated: the version now awaits the central team.")
        return _("Published. The submitter has been told.")
    if decision == Review.Decision.CHANGES:
        return _("Changes requested. The submitter has been told.")
    return _("Rejected. The submitter has been told.")


@permission_required("catalogue.translate")
def translate(request, pk):
    version = queries.version_for_review(pk)
    if version is None:
        raise Http404
    if version.state not in services.TRANSLATABLE_STATES:
        messages.error(request, _("This version can no longer be translated."))
        return redirect("catalogue:moderation_review", pk=version.pk)
    if request.method == "POST":
        form = TranslationForm(request.POST, version=version)
        if form.is_valid():
            language = form.cleaned_data["language"]
            try:
                changed = services.translate(
                    version, request.user, language=language, texts=form.texts()
                )
            except ValidationError as error:
                refusal_into(form, error)
            else:
                if changed:
                    messages.success(request, _("The translation is saved."))
                else:
                    messages.info(request, _("Nothing changed."))
                return redirect("catalogue:moderation_review", pk=version.pk)
        status = 400
    else:
        choices = [
            code for code, _name in TranslationForm(version=version).fields["language"].choices
        ]
        language = request.GET.get("language")
        if language not in choices:
            missing = [c for c in choices if c not in version.languages]
            language = (missing or choices or [""])[0]
        initial = {"language": language}
        initial.update(
            {n: getattr(version, n).in_language(language) for n in InnovationVersion.TEXT_FIELDS}
        )
        form = TranslationForm(initial=initial, version=version)
        status = 200
    return render(
        request,
        "catalogue/moderation/translate.html",
        {
            "version": version,
            "innovation": version.innovation,
            "form": form,
            "sections": queries.sections(version),
        },
        status=status,
    )


@permission_required("catalogue.moderate")
def take_down(request, slug):
    innovation = get_object_or_404(
        Innovation.objects.select_related("published"), slug=slug, published__isnull=False
    )
    form = TakeDownForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.take_down(innovation, request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            refusal_into(form, error)
        else:
            messages.success(request, _("The record is offline. Its owner has been told."))
            return redirect("catalogue:versions", slug=innovation.slug)
    return render(
        request,
        "catalogue/moderation/take_down.html",
        {"innovation": innovation, "version": innovation.published, "form": form},
        status=400 if form.is_bound and form.errors else 200,
    )


# --- Versions and their comparison --------------------------------------------------------------


def _versions(request, slug) -> tuple[Innovation, list[InnovationVersion]]:
    """The record and its versions, for who may see its latest version (its owner, moderators,
    its society's validators). Who may not see the record at all (never published, not
    theirs) is told that it does not exist; who sees the published record is refused."""
    innovation = get_object_or_404(Innovation.objects.select_related("owner"), slug=slug)
    rows = queries.versions_of(innovation)
    for row in rows:
        row.innovation = innovation
    if not rows or not request.user.has_perm("catalogue.view_version", rows[0]):
        refuse(request.user, innovation)
    return innovation, rows


@login_required
def versions(request, slug):
    innovation, rows = _versions(request, slug)
    return render(
        request,
        "catalogue/moderation/versions.html",
        {
            "innovation": innovation,
            "versions": rows,
            "pairs": list(zip(rows[1:], rows[:-1], strict=False)),
            "public_path": innovation.get_absolute_url(),
        },
    )


@login_required
def compare(request, slug):
    innovation, rows = _versions(request, slug)
    numbers = [v.number for v in rows]
    default_old = numbers[1] if len(numbers) > 1 else numbers[0]
    old_number = request.GET.get("a") or default_old
    new_number = request.GET.get("b") or numbers[0]
    old = queries.version_to_compare(innovation, old_number)
    new = queries.version_to_compare(innovation, new_number)
    problem = ""
    if old is None or new is None:
        problem = _("Choose two versions of this record.")
        changes = []
    else:
        for version in (old, new):
            require(request.user, "catalogue.view_version", version)
        changes = diff.compare(old, new)
    return render(
        request,
        "catalogue/moderation/compare.html",
        {
            "innovation": innovation,
            "versions": rows,
            "old": old,
            "new": new,
            "changes": changes,
            "problem": problem,
        },
        status=400 if problem else 200,
    )


# --- National societies' policies ---------------------------------------------------------------


@permission_required("catalogue.manage_society_policies")
def society_policies(request):
    return render(
        request, "catalogue/moderation/society_policies.html", {"societies": queries.policies()}
    )


@permission_required("catalogue.manage_society_policies")
def society_policy(request, pk):
    society = get_object_or_404(Organisation, pk=pk, kind=Organisation.Kind.NATIONAL_SOCIETY)
    policy = queries.policy_of(society)
    if request.method == "POST":
        form = SocietyPolicyForm(request.POST)
        if form.is_valid():
            try:
                services.set_society_policy(
                    society,
                    request.user,
                    requires_validation=form.cleaned_data["requires_validation"],
                    validators=form.cleaned_data["validators"],
                )
            except ValidationError as error:
                refusal_into(form, error)
            else:
                messages.success(request, _("The policy is saved."))
                return redirect("catalogue:society_policies")
    else:
        form = SocietyPolicyForm(
            initial={
                "requires_validation": bool(policy and policy.requires_validation),
                "validators": "\n".join(p.email for p in policy.validators.all()) if policy else "",
            }
        )
    return render(
        request,
        "catalogue/moderation/society_policy.html",
        {"society": society, "form": form},
        status=400 if form.is_bound and form.errors else 200,
    )

"""Views of the catalogue: submission. Sharing an innovation, writing it section by section
(autosaved by htmx, a Save button without JavaScript), translations, checking and
submitting, "my innovations", proposing an update, and the laureate's one click from a
selected application. The pages of a version not yet published are its owner's: anybody else
gets 404, so that nobody learns that someone else's draft exists."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tremplin.applications.models import Application
from tremplin.core import drafts, ratelimit
from tremplin.core.permissions import get_visible_or_404, may_see, visible_or_404
from tremplin.core.translated import language_codes
from tremplin.core.views import refusal_into

from ..forms.submission import (
    SECTION_ORDER,
    SECTIONS,
    StartForm,
    SubmitForm,
    TranslationForm,
)
from ..models import Criterion, Image, Innovation, Resource
from ..queries import submission as queries
from ..services import submission as services
from . import _rows

logger = logging.getLogger(__name__)

# Starting drafts and submitting them, per account and per client address.
DRAFT_RATES = {
    "per_account": ratelimit.Rate(10, 3600),
    "per_address": ratelimit.Rate(30, 3600),
}
SUBMIT_RATES = {
    "per_account": ratelimit.Rate(5, 3600),
    "per_address": ratelimit.Rate(20, 3600),
}

ROWS_OF_SECTION = {"results": "figure", "replicate": "resource", "images": "image"}


def _too_many(request, back_url):
    return render(request, "catalogue/submission/too_many.html", {"back_url": back_url}, status=429)


def _own_version(request, pk):
    """A version for its owner's pages: who may not see it is told that it does not exist."""
    return visible_or_404(request.user, queries.version_for_owner(pk), "catalogue.see_own_version")


@login_required
def share(request):
    """What the catalogue is, the four criteria, what happens next; the start of a draft."""
    if not request.user.has_perm("catalogue.submit"):
        return render(request, "catalogue/submission/verify_email.html")
    form = StartForm(
        request.POST or None,
        initial={"language": (get_language() or "fr").split("-")[0]},
    )
    if request.method == "POST":
        if form.is_bot():
            logger.info(
                "Catalogue draft refused quietly: honeypot filled (account %s)", request.user.pk
            )
            return redirect("catalogue:my_innovations")
        if form.is_valid():
            if not ratelimit.consume(request, "catalogue-draft", **DRAFT_RATES):
                return _too_many(request, request.path)
            version = services.start_draft(request.user, form.cleaned_data["language"])
            return redirect("catalogue:draft_section", pk=version.pk, section="about")
    return render(
        request,
        "catalogue/submission/share.html",
        {"form": form, "criteria": list(Criterion)},
    )


@login_required
def my_innovations(request):
    return render(
        request,
        "catalogue/submission/mine.html",
        {
            "records": queries.records_of(request.user),
            "verified": request.user.has_perm("catalogue.submit"),
        },
    )


# --- Writing a draft -------------------------------------------------------------------------


def _autosave_status(request, invalid: bool, files_pending: bool = False):
    """The status line an autosave answers with (core/_autosave_status.html)."""
    if invalid:
        status = drafts.Status.warning(
            _("Saved. Some answers are not valid yet: use the Save button to see why.")
        )
    elif files_pending:
        saved = drafts.Status.saved(
            timezone.now(),
            _("Saved at %(time)s. Files and pictures are sent when you press Save."),
        )
        status = drafts.Status.warning(saved.text)
    else:
        status = drafts.Status.saved(timezone.now())
    return render(request, "core/_autosave_status.html", {"status": status})


def _section_nav(version, current):
    return [
        {"key": key, "title": SECTIONS[key][0], "current": key == current} for key in SECTION_ORDER
    ]


@login_required
def draft_section(request, pk, section):
    version = _own_version(request, pk)
    if section not in SECTIONS:
        raise Http404
    if not request.user.has_perm("catalogue.edit_version", version):
        messages.info(request, _("This version is not a draft any more: it cannot be changed."))
        return redirect("catalogue:draft_check", pk=version.pk)
    title, form_class = SECTIONS[section]
    kind = ROWS_OF_SECTION.get(section)
    rows = None
    if request.method == "POST":
        autosave = bool(request.headers.get("HX-Request"))
        form = form_class(request.POST, version=version)
        kwargs = form.save_kwargs()
        if any(kwargs.values()) or section == "criteria":
            try:
                services.save_fields(version, request.user, **kwargs)
            except ValidationError as error:
                refusal_into(form, error)
        if kind:
            rows = _rows.save_rows(request, version, kind, autosave)
        invalid = bool(form.errors) or bool(rows and rows.invalid)
        if autosave:
            return _autosave_status(request, invalid, bool(rows and rows.files_pending))
        if not invalid:
            messages.success(request, _("Saved."))
            go = request.POST.get("go")
            position = SECTION_ORDER.index(section)
            if go == "next" and position + 1 < len(SECTION_ORDER):
                return redirect(
                    "catalogue:draft_section", pk=pk, section=SECTION_ORDER[position + 1]
                )
            if go == "check":
                return redirect("catalogue:draft_check", pk=pk)
            return redirect("catalogue:draft_section", pk=pk, section=section)
        messages.warning(
            request, _("Saved. Some answers are not valid yet: see the messages next to them.")
        )
    else:
        form = form_class(version=version)
        if kind:
            rows = _rows.fresh_rows(version, kind)
    position = SECTION_ORDER.index(section)
    return render(
        request,
        "catalogue/submission/section.html",
        {
            "version": version,
            "section": section,
            "section_title": title,
            "sections": _section_nav(version, section),
            "number": position + 1,
            "total": len(SECTION_ORDER),
            "is_last": position + 1 == len(SECTION_ORDER),
            "form": form,
            "rows": rows,
            "changes_message": queries.changes_requested_message(version),
            "criteria": list(Criterion),
        },
    )


@login_required
def draft_translation(request, pk, language):
    version = _own_version(request, pk)
    if language not in language_codes() or language == version.original_language:
        raise Http404
    if not request.user.has_perm("catalogue.edit_version", version):
        messages.info(request, _("This version is not a draft any more: it cannot be changed."))
        return redirect("catalogue:draft_check", pk=version.pk)
    form = TranslationForm(request.POST or None, version=version, language=language)
    if request.method == "POST":
        data = form.valid_data()
        services.save_fields(version, request.user, texts=data, language=language)
        if request.headers.get("HX-Request"):
            return _autosave_status(request, bool(form.errors))
        if not form.errors:
            messages.success(request, _("Saved."))
            if request.POST.get("go") == "check":
                return redirect("catalogue:draft_check", pk=pk)
            return redirect("catalogue:draft_translation", pk=pk, language=language)
        messages.warning(
            request, _("Saved. Some answers are not valid yet: see the messages next to them.")
        )
    originals = {
        name: getattr(version, name).get(version.original_language, "")
        for name in version.TEXT_FIELDS
    }
    return render(
        request,
        "catalogue/submission/translation.html",
        {
            "version": version,
            "language": language,
            "form": form,
            "originals": originals,
        },
    )


@login_required
def draft_check(request, pk):
    version = _own_version(request, pk)
    version = (
        type(version)
        .objects.select_related("innovation", "national_society")
        .prefetch_related(
            "publics", "business_lines", "sdgs", "figures", "resources_list", "images"
        )
        .get(pk=version.pk)
    )
    problems = queries.missing(version)
    by_section = {}
    for problem in problems:
        by_section.setdefault(problem.section, []).append(problem)
    editable = request.user.has_perm("catalogue.edit_version", version)
    return render(
        request,
        "catalogue/submission/check.html",
        {
            "version": version,
            "innovation": version.innovation,
            "problems": problems,
            "problem_sections": [
                {"key": key, "title": SECTIONS[key][0], "problems": by_section[key]}
                for key in SECTION_ORDER
                if key in by_section
            ],
            "sections": _section_nav(version, None),
            "editable": editable,
            "pending": version.state in queries.PENDING_STATES,
            "submit_form": SubmitForm(),
            "to_society": queries.requires_society_validation(version),
            "changes_message": queries.changes_requested_message(version),
            "other_languages": [
                code for code in language_codes() if code != version.original_language
            ],
            "criteria": [(c, (version.attestations or {}).get(c.value, "")) for c in Criterion],
        },
    )


@login_required
@require_POST
def draft_submit(request, pk):
    version = _own_version(request, pk)
    form = SubmitForm(request.POST)
    if form.is_bot():
        logger.info("Catalogue submission refused quietly: honeypot filled (version %s)", pk)
        return redirect("catalogue:my_innovations")
    if not ratelimit.consume(request, "catalogue-submit", **SUBMIT_RATES):
        return _too_many(request, f"{request.path.rsplit('/submit/', 1)[0]}/check/")
    try:
        services.submit(version, request.user)
    except ValidationError as error:
        refusal_into(request, error)
        return redirect("catalogue:draft_check", pk=pk)
    except PermissionDenied as error:
        messages.error(request, str(error) or _("This version cannot be submitted."))
        return redirect("catalogue:draft_check", pk=pk)
    return redirect("catalogue:draft_submitted", pk=pk)


@login_required
def draft_submitted(request, pk):
    version = _own_version(request, pk)
    if version.state in queries.EDITABLE_STATES:
        return redirect("catalogue:draft_check", pk=pk)
    return render(request, "catalogue/submission/submitted.html", {"version": version})


@login_required
def draft_withdraw(request, pk):
    version = _own_version(request, pk)
    if version.state not in queries.PENDING_STATES:
        messages.info(request, _("This version cannot be withdrawn."))
        return redirect("catalogue:my_innovations")
    if request.method == "POST":
        try:
            services.withdraw(version, request.user, reason=request.POST.get("reason", "")[:1000])
        except ValidationError as error:
            refusal_into(request, error)
            return redirect("catalogue:draft_check", pk=pk)
        except PermissionDenied:
            messages.error(request, "")
            return redirect("catalogue:draft_check", pk=pk)
        messages.success(request, _("Withdrawn."))
        return redirect("catalogue:my_innovations")
    return render(request, "catalogue/submission/withdraw.html", {"version": version})


# --- New versions and the laureate's one click -----------------------------------------------


@login_required
def propose_update(request, pk):
    innovation = get_visible_or_404(
        request.user, Innovation.objects.select_related("published"), "catalogue.new_version", pk=pk
    )
    pending = queries.pending_version(innovation)
    if pending is not None:
        return redirect(_continue_url(pending))
    if request.method == "POST":
        version = services.start_new_version(innovation, request.user)
        messages.success(
            request,
            _(
                "A new version is ready for your changes. The published version stays online "
                "until the new one is published."
            ),
        )
        return redirect("catalogue:draft_section", pk=version.pk, section="about")
    return render(request, "catalogue/submission/propose_update.html", {"innovation": innovation})


def _continue_url(version):
    if version.state in queries.EDITABLE_STATES:
        return reverse("catalogue:draft_section", kwargs={"pk": version.pk, "section": "about"})
    return reverse("catalogue:draft_check", kwargs={"pk": version.pk})


@login_required
def from_application(request, pk):
    application = get_visible_or_404(
        request.user,
        Application.objects.select_related("call"),
        "catalogue.start_from_application",
        pk=pk,
    )
    existing = queries.innovation_from_application(application)
    if existing is not None:
        latest = queries.latest_version(existing)
        if latest is not None and request.user.has_perm("catalogue.see_own_version", latest):
            return redirect(_continue_url(latest))
        messages.info(request, _("A member of your team has already started this record."))
        return redirect("catalogue:my_innovations")
    if request.method == "POST":
        version = services.start_from_application(application, request.user)
        messages.success(
            request,
            _("Your record is pre-filled from your application: check and complete each section."),
        )
        return redirect(_continue_url(version))
    return render(
        request,
        "catalogue/submission/from_application.html",
        {"application": application},
    )


# --- Files of a version ----------------------------------------------------------------------


def _may_see_file_of(request, version) -> bool:
    if version.innovation.published_id == version.pk:
        return True
    return request.user.is_authenticated and may_see(request.user, version)


def version_image(request, pk):
    """A picture: public once its version is online; before, for those who may see it."""
    image = get_object_or_404(Image.objects.select_related("version__innovation"), pk=pk)
    if not _may_see_file_of(request, image.version):
        raise Http404
    response = FileResponse(image.file.open("rb"))
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = (
        "public, max-age=86400"
        if image.version.innovation.published_id == image.version_id
        else "private, no-store"
    )
    return response


def resource_file(request, pk):
    resource = get_object_or_404(Resource.objects.select_related("version__innovation"), pk=pk)
    if not resource.file or not _may_see_file_of(request, resource.version):
        raise Http404
    response = FileResponse(
        resource.file.open("rb"),
        as_attachment=True,
        filename=f"{resource.title[:80]}{_extension(resource.file.name)}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _extension(name: str) -> str:
    return "." + name.rsplit(".", 1)[-1] if "." in name.rsplit("/", 1)[-1] else ""

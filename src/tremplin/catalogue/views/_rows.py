"""The rows of a draft's sections (impact figures, resources, pictures) on the submission
pages: their forms, bound or fresh, and saving them through services.submission. Used by
views/submission.py only."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from tremplin.core.views import refusal_into

from ..forms.submission import ROW_KINDS, figure_initial, image_initial, resource_initial
from ..services import submission as services

SESSION_ROWS = "catalogue_new_rows"


@dataclass
class Rows:
    kind: str
    existing: list = field(default_factory=list)  # (item, form)
    new: object = None
    invalid: bool = False
    files_pending: bool = False


def items_of(version, kind):
    if kind == "figure":
        return list(version.figures.all())
    if kind == "resource":
        return list(version.resources_list.all())
    return list(version.images.all())


INITIAL = {"figure": figure_initial, "resource": resource_initial, "image": image_initial}


def fresh_rows(version, kind, bound: dict | None = None, new=None) -> Rows:
    """Row forms for the page: the bound ones that have errors, fresh ones otherwise."""
    form_class = ROW_KINDS[kind]
    bound = bound or {}
    rows = Rows(kind=kind)
    for item in items_of(version, kind):
        form = bound.get(item.pk)
        if form is None or not form.errors:
            form = form_class(
                prefix=f"{kind}-{item.pk}",
                initial=INITIAL[kind](item, version.original_language),
            )
        rows.existing.append((item, form))
    rows.new = new if new is not None else form_class(prefix=f"{kind}-new", is_new=True)
    return rows


def remember_new_row(request, kind, token, pk):
    remembered = dict(request.session.get(SESSION_ROWS, {}))
    remembered[f"{kind}:{token}"] = pk
    request.session[SESSION_ROWS] = dict(list(remembered.items())[-50:])


def save_rows(request, version, kind, autosave: bool) -> Rows:
    """Save the rows of a section; files are sent by the Save button only (an autosave would
    send them again and again). Removals also wait for the Save button."""
    form_class = ROW_KINDS[kind]
    user = request.user
    result = Rows(kind=kind)
    bound = {}
    for item in items_of(version, kind):
        form = form_class(request.POST, request.FILES, prefix=f"{kind}-{item.pk}")
        if form.add_prefix("token") not in request.POST and not form.has_content():
            continue  # the row was not on the page that posted (another tab added it)
        bound[item.pk] = form
        if form.wants_removal():
            if not autosave:
                services.remove_item(version, user, item)
            continue
        if not form.is_valid():
            result.invalid = True
            continue
        data = form.cleaned_data
        try:
            if kind == "figure":
                services.save_figure(version, user, data, figure=item)
            elif kind == "resource":
                services.update_resource(version, user, item, title=data["title"], url=data["url"])
            else:
                services.update_image(
                    version,
                    user,
                    item,
                    alt_text=data["alt_text"],
                    shows_people=data["shows_people"],
                    consent_note=data["consent_note"],
                )
        except ValidationError as error:
            refusal_into(form, error)
            result.invalid = True
    new = form_class(request.POST, request.FILES, prefix=f"{kind}-new", is_new=True)
    new_saved = True
    if new.has_content():
        new_saved = False
        if not new.is_valid():
            result.invalid = True
        else:
            new_saved = save_new_row(request, version, kind, new, autosave, result)
    result_rows = fresh_rows(version, kind, bound, None if new_saved else new)
    result_rows.invalid, result_rows.files_pending = result.invalid, result.files_pending
    return result_rows


def save_new_row(request, version, kind, form, autosave, result) -> bool:
    """Create the new row (or update it when an autosave already created it)."""
    user, data = request.user, form.cleaned_data
    token = data.get("token") or ""
    remembered = request.session.get(SESSION_ROWS, {}).get(f"{kind}:{token}") if token else None
    try:
        if kind == "figure":
            figure = version.figures.filter(pk=remembered).first() if remembered else None
            figure = services.save_figure(version, user, data, figure=figure)
            remember_new_row(request, kind, token, figure.pk)
        elif kind == "resource":
            resource = version.resources_list.filter(pk=remembered).first() if remembered else None
            uploaded = None if autosave else data.get("file")
            if resource is not None:
                services.update_resource(
                    version, user, resource, title=data["title"], url=data["url"]
                )
            elif data["url"] or uploaded is not None:
                resource = services.add_resource(
                    version, user, title=data["title"], url=data["url"], uploaded=uploaded
                )
                remember_new_row(request, kind, token, resource.pk)
            else:
                if autosave:
                    result.files_pending = True
                    return False
                form.add_error("url", _("Give a web address or choose a file."))
                result.invalid = True
                return False
        else:
            if autosave:
                result.files_pending = True
                return False
            if not data.get("file"):
                form.add_error("file", _("Choose a picture to send."))
                result.invalid = True
                return False
            services.add_image(
                version,
                user,
                data["file"],
                alt_text=data["alt_text"],
                shows_people=data["shows_people"],
                consent_note=data["consent_note"],
            )
    except ValidationError as error:
        refusal_into(form, error)
        result.invalid = True
        return False
    return True

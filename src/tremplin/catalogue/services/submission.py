"""Writes of the submission part: start a draft (from scratch, from a selected application, or
as an update of a published record), save it section by section, add figures, resources and
pictures, translations, check what is missing, submit, withdraw.

Every write checks the permission and the state, runs in one transaction and, where it
matters, records the history (core.history)."""

from __future__ import annotations

import mimetypes
import uuid

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import File
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from tremplin.accounts.queries import organisation_for_forms
from tremplin.applications.models import Application
from tremplin.core import history, uploads
from tremplin.core.translated import TranslatedText, as_translated, language_codes
from tremplin.messaging.services import send

from .. import audit, notices, richtext
from .. import images as image_checks
from ..models import (
    MAX_PUBLICS,
    MAX_SDGS,
    MAX_THEMES,
    RESERVED_SLUGS,
    Criterion,
    Image,
    ImpactFigure,
    Innovation,
    InnovationVersion,
    Resource,
)
from ..queries.submission import (
    EDITABLE_STATES,
    PENDING_STATES,
    innovation_from_application,
    missing,
    requires_society_validation,
)
from ..workflow import VERSION_WORKFLOW
from ._prefill import is_web_link, national_society_of, prefill_from_answers

S = InnovationVersion.State

RESOURCE_MAX_MB = uploads.DOCUMENT_MAX_MB


# --- Starting a draft ------------------------------------------------------------------------


def _placeholder_slug() -> str:
    return f"innovation-{uuid.uuid4().hex[:10]}"


def _unique_slug(title: str, innovation: Innovation) -> str:
    base = slugify(title, allow_unicode=False)[:100].strip("-") or "innovation"
    if base in RESERVED_SLUGS:
        base = f"{base}-innovation"
    slug, n = base, 1
    while Innovation.objects.filter(slug=slug).exclude(pk=innovation.pk).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _check_language(language: str) -> str:
    if language not in language_codes():
        raise ValidationError(_("Choose one of the languages offered."))
    return language


def start_draft(actor, language: str) -> InnovationVersion:
    """A new innovation with its first version, a draft in `language`."""
    if not actor.has_perm("catalogue.submit"):
        raise PermissionDenied(_("Verify your e-mail address before sharing an innovation."))
    _check_language(language)
    with transaction.atomic():
        innovation = Innovation.objects.create(slug=_placeholder_slug(), owner=actor)
        version = InnovationVersion.objects.create(
            innovation=innovation,
            number=1,
            author=actor,
            original_language=language,
            contact_name=actor.full_name,
            contact_email=actor.email,
            carrying_organisation=getattr(organisation_for_forms(actor), "name", ""),
        )
        history.record(version, audit.DRAFT_STARTED, actor, language=language)
    return version


def start_new_version(innovation: Innovation, actor) -> InnovationVersion:
    """A new draft version (number + 1) copied from the published one: texts, classification,
    figures, resources and pictures. The published version stays online until the new one is
    published. When a version is already on its way, that one is returned."""
    if not actor.has_perm("catalogue.new_version", innovation):
        raise PermissionDenied(_("You cannot propose an update of this innovation."))
    with transaction.atomic():
        innovation = Innovation.objects.select_for_update().get(pk=innovation.pk)
        pending = innovation.versions.filter(state__in=PENDING_STATES).order_by("-number").first()
        if pending is not None:
            return pending
        source = innovation.published
        if source is None:
            raise ValidationError(_("This innovation is not published."))
        number = (innovation.versions.order_by("-number").values_list("number", flat=True)[0]) + 1
        copy = InnovationVersion.objects.get(pk=source.pk)
        publics = list(source.publics.all())
        themes = list(source.business_lines.all())
        sdgs = list(source.sdgs.all())
        copy.pk = copy.id = None
        copy._state.adding = True
        copy.number = number
        copy.state = S.DRAFT
        copy.author = actor
        copy.submitted_at = copy.decided_at = None
        copy.save()
        copy.publics.set(publics)
        copy.business_lines.set(themes)
        copy.sdgs.set(sdgs)
        for related in ("figures", "resources_list", "images"):
            for item in getattr(source, related).all():
                item.pk = item.id = None
                item._state.adding = True
                item.version = copy
                item.save()
        history.record(copy, audit.NEW_VERSION, actor, copied_from=source.number)
    return copy


def start_from_application(application, actor) -> InnovationVersion:
    """The catalogue record of a selected application, pre-filled from it (name, answers,
    organisation, region -> France, business lines, SDGs, stage, web address). One record per
    application: a second call returns the latest version of the existing one."""
    if not actor.has_perm("catalogue.start_from_application", application):
        raise PermissionDenied(_("Only the team of a selected project can do this."))
    with transaction.atomic():
        Application.objects.select_for_update().filter(pk=application.pk).first()
        existing = innovation_from_application(application)
        if existing is not None:
            return existing.versions.order_by("-number").first()
        language = actor.preferred_language or settings.LANGUAGE_CODE
        innovation = Innovation.objects.create(
            slug=_placeholder_slug(), owner=actor, source_application=application
        )
        version = InnovationVersion(
            innovation=innovation,
            number=1,
            author=actor,
            original_language=language,
            contact_name=actor.full_name,
            contact_email=actor.email,
            carrying_organisation=application.organisation_name[:200],
            country="FR" if application.region_id else "",
        )
        prefill = prefill_from_answers(application, language)
        for name in InnovationVersion.TEXT_FIELDS:
            if prefill["texts"].get(name):
                setattr(version, name, {language: prefill["texts"][name]})
        if application.title:
            version.title = {language: application.title[:200]}
        if prefill["stage"]:
            version.stage = prefill["stage"]
        version.national_society = national_society_of(application)
        version.save()
        version.business_lines.set(prefill["themes"][:MAX_THEMES])
        version.sdgs.set(prefill["sdgs"][:MAX_SDGS])
        for position, (title, url) in enumerate(prefill["links"]):
            Resource.objects.create(version=version, title=title[:200], url=url, position=position)
        _refresh_slug(version)
        history.record(version, audit.DRAFT_FROM_APPLICATION, actor, application=application.pk)
    return version


# --- Saving ----------------------------------------------------------------------------------


def _editable(version: InnovationVersion, actor) -> InnovationVersion:
    """The version locked for writing, after checking that `actor` may edit it now."""
    locked = (
        InnovationVersion.objects.select_for_update()
        .select_related("innovation")
        .get(pk=version.pk)
    )
    if not actor.has_perm("catalogue.edit_version", locked):
        if locked.state not in EDITABLE_STATES:
            raise ValidationError(
                _("This version can no longer be changed (%(state)s).")
                % {"state": locked.get_state_display()}
            )
        raise PermissionDenied(_("You cannot change this innovation."))
    return locked


def _set_text(version, name: str, language: str, text: str) -> None:
    value = TranslatedText(getattr(version, name))
    text = (text or "").strip()
    text = richtext.clean(text) if name in InnovationVersion.LONG_TEXT_FIELDS else text
    if text:
        value[language] = text
    else:
        value.pop(language, None)
    setattr(version, name, value)


def _refresh_slug(version: InnovationVersion) -> None:
    """Until its first publication, an innovation's address follows its title."""
    innovation = version.innovation
    if innovation.first_published_at or innovation.published_id:
        return
    title = as_translated(version.title).get(version.original_language) or str(version.title)
    if not title:
        return
    slug = _unique_slug(title, innovation)
    if slug != innovation.slug:
        innovation.slug = slug
        Innovation.objects.filter(pk=innovation.pk).update(slug=slug)


def check_limits(publics=None, themes=None, sdgs=None) -> None:
    errors = {}
    if publics is not None and len(publics) > MAX_PUBLICS:
        errors["publics"] = _("Choose at most %(count)s target publics.") % {"count": MAX_PUBLICS}
    if themes is not None and len(themes) > MAX_THEMES:
        errors["business_lines"] = _("Choose at most %(count)s themes.") % {"count": MAX_THEMES}
    if sdgs is not None and len(sdgs) > MAX_SDGS:
        errors["sdgs"] = _("Choose at most %(count)s sustainable development goals.") % {
            "count": MAX_SDGS
        }
    if errors:
        raise ValidationError(errors)


def save_fields(
    version: InnovationVersion,
    actor,
    *,
    texts: dict[str, str] | None = None,
    language: str | None = None,
    values: dict | None = None,
    publics=None,
    themes=None,
    sdgs=None,
    attestations: dict[str, str] | None = None,
) -> InnovationVersion:
    """Save some fields of an editable version: `texts` in `language` (the original language
    by default; other languages are translations), plain `values` (stage, country...), the
    classification lists (None: unchanged) and the attestations ({criterion: justification})."""
    check_limits(publics, themes, sdgs)
    allowed_values = {
        "cost_range",
        "duration_months",
        "stage",
        "country",
        "national_society",
        "carrying_organisation",
        "contact_name",
        "contact_email",
    }
    with transaction.atomic():
        locked = _editable(version, actor)
        language = _check_language(language or locked.original_language)
        for name, text in (texts or {}).items():
            if name not in InnovationVersion.TEXT_FIELDS:
                raise ValueError(name)
            _set_text(locked, name, language, text)
        for name, value in (values or {}).items():
            if name not in allowed_values:
                raise ValueError(name)
            if value is None and name not in ("duration_months", "national_society"):
                value = ""
            setattr(locked, name, value)
        if attestations is not None:
            locked.attestations = {
                criterion: text.strip()
                for criterion, text in attestations.items()
                if criterion in Criterion.values and text and text.strip()
            }
        locked.save()
        if publics is not None:
            locked.publics.set(publics)
        if themes is not None:
            locked.business_lines.set(themes)
        if sdgs is not None:
            locked.sdgs.set(sdgs)
        if texts and "title" in texts:
            _refresh_slug(locked)
    for name in ("state", "updated_at", *InnovationVersion.TEXT_FIELDS, *allowed_values):
        setattr(version, name, getattr(locked, name))
    version.attestations = locked.attestations
    return locked


def save_figure(version, actor, data: dict, figure: ImpactFigure | None = None) -> ImpactFigure:
    """Add (figure None) or change an impact figure; its label is in the original language."""
    with transaction.atomic():
        locked = _editable(version, actor)
        if figure is None:
            figure = ImpactFigure(version=locked, position=locked.figures.count())
        elif figure.version_id != locked.pk:
            raise PermissionDenied
        label = TranslatedText(figure.label)
        label[data.get("language") or locked.original_language] = data["label"].strip()
        figure.label = label
        figure.value = data["value"]
        figure.unit = data.get("unit", "")
        figure.source = data["source"]
        figure.measured_on = data["measured_on"]
        figure.save()
        locked.save(update_fields=["updated_at"])
    return figure


def check_link(url: str) -> str:
    url = (url or "").strip()
    if url and not is_web_link(url):
        raise ValidationError(
            _("Enter a full web address starting with http:// or https://."), code="link"
        )
    return url


def add_resource(version, actor, *, title: str, url: str = "", uploaded=None) -> Resource:
    """A link (http/https only) or a file (checked by its content) that helps to replicate."""
    url = check_link(url)
    if not url and uploaded is None:
        raise ValidationError(_("Give a web address or choose a file."))
    if not (title or "").strip():
        raise ValidationError(_("Give the resource a title."))
    checked = None
    if uploaded is not None:
        try:
            checked = uploads.check(uploaded, max_mb=RESOURCE_MAX_MB)
        except uploads.UploadRefused as error:
            raise ValidationError(str(error)) from error
    with transaction.atomic():
        locked = _editable(version, actor)
        resource = Resource(
            version=locked,
            title=title.strip()[:200],
            url=url,
            position=locked.resources_list.count(),
        )
        if checked is not None:
            extension = mimetypes.guess_extension(checked.content_type) or ""
            uploaded.seek(0)
            resource.file.save(f"{uuid.uuid4().hex}{extension}", File(uploaded), save=False)
        resource.save()
        locked.save(update_fields=["updated_at"])
    return resource


def update_resource(version, actor, resource: Resource, *, title: str, url: str) -> Resource:
    url = check_link(url)
    if not url and not resource.file:
        raise ValidationError(_("Give a web address or choose a file."))
    if not (title or "").strip():
        raise ValidationError(_("Give the resource a title."))
    with transaction.atomic():
        locked = _editable(version, actor)
        if resource.version_id != locked.pk:
            raise PermissionDenied
        resource.title, resource.url = title.strip()[:200], url
        resource.save()
    return resource


def _consent(shows_people: bool, consent_note: str) -> tuple[bool, str]:
    note = (consent_note or "").strip()
    if shows_people and not note:
        raise ValidationError(
            {
                "consent_note": _(
                    "This picture shows people: say how they gave their consent (who, how, "
                    "when) before it can be used."
                )
            }
        )
    return shows_people, note if shows_people else ""


def add_image(
    version,
    actor,
    uploaded,
    *,
    alt_text: str = "",
    shows_people: bool = False,
    consent_note: str = "",
):
    """A picture, checked and re-encoded without metadata (images.py); the consent of the
    people shown is required when it shows people."""
    shows_people, note = _consent(shows_people, consent_note)
    try:
        clean = image_checks.clean_image(uploaded)
    except image_checks.ImageRefused as error:
        raise ValidationError({"file": str(error)}) from error
    with transaction.atomic():
        locked = _editable(version, actor)
        image = Image(
            version=locked,
            alt_text={locked.original_language: (alt_text or "").strip()[:300]}
            if (alt_text or "").strip()
            else {},
            shows_people=shows_people,
            consent_recorded=shows_people,
            consent_note=note[:300],
            position=locked.images.count(),
        )
        image.file.save(clean.content.name, clean.content, save=False)
        image.save()
        locked.save(update_fields=["updated_at"])
        history.record(locked, audit.IMAGE_ADDED, actor, people=shows_people)
    return image


def update_image(version, actor, image, *, alt_text: str, shows_people: bool, consent_note: str):
    shows_people, note = _consent(shows_people, consent_note)
    with transaction.atomic():
        locked = _editable(version, actor)
        if image.version_id != locked.pk:
            raise PermissionDenied
        alt = TranslatedText(image.alt_text)
        if (alt_text or "").strip():
            alt[locked.original_language] = alt_text.strip()[:300]
        else:
            alt.pop(locked.original_language, None)
        image.alt_text = alt
        image.shows_people, image.consent_recorded, image.consent_note = (
            shows_people,
            shows_people,
            note[:300],
        )
        image.save()
    return image


def remove_item(version, actor, item) -> None:
    """Remove a figure, a resource or a picture of an editable version. The stored file stays
    (a previous version may still show it)."""
    with transaction.atomic():
        locked = _editable(version, actor)
        if item.version_id != locked.pk:
            raise PermissionDenied
        item.delete()
        locked.save(update_fields=["updated_at"])


# --- Checking and submitting -----------------------------------------------------------------


def submit(version: InnovationVersion, actor) -> InnovationVersion:
    """Send a complete version to moderation: to its national society first when the society
    validates its own innovations, otherwise to the central moderators. The submitter gets a
    confirmation notice in their language."""
    with transaction.atomic():
        locked = _editable(version, actor)
        problems = missing(locked)
        if problems:
            raise ValidationError([p.message for p in problems])
        transition = "submit_to_society" if requires_society_validation(locked) else "submit"
        VERSION_WORKFLOW.fire(locked, transition, actor)
        now = timezone.now()
        InnovationVersion.objects.filter(pk=locked.pk).update(submitted_at=now)
        locked.submitted_at = now
        to_society = transition == "submit_to_society"
        send(notices.RECEIVED if to_society else notices.RECEIVED_BY_MODERATORS, actor, obj=locked)
    version.state, version.submitted_at = locked.state, locked.submitted_at
    return locked


def withdraw(version: InnovationVersion, actor, reason: str = "") -> InnovationVersion:
    """The owner takes back a version not yet published (the published one stays online)."""
    return VERSION_WORKFLOW.fire(version, "withdraw", actor, reason=reason)

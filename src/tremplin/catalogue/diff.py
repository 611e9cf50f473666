"""Comparing two versions of an innovation, field by field and language by language.

Texts are compared word by word (difflib); the result is escaped HTML where removed words are
in <del> and added words in <ins>, each announced by a visually hidden "removed:" / "added:"
so that the difference does not rest on colour or strike-through alone."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .models import Criterion, InnovationVersion

_TOKENS = re.compile(r"\s+|[^\s]+")


def tokens(text: str) -> list[str]:
    return _TOKENS.findall(text or "")


def _marked(tag: str, words: list[str]) -> str:
    text = "".join(words)
    if not text:
        return ""
    label = _("removed:") if tag == "del" else _("added:")
    end = _("end of removal") if tag == "del" else _("end of addition")
    return format_html(
        '<{0}><span class="visually-hidden">[{1}] </span>{2}<span class="visually-hidden">'
        " [{3}]</span></{0}>",
        tag,
        label,
        text,
        end,
    )


def text_diff(old: str, new: str) -> SafeString:
    """The words of `new` with what changed from `old` marked; escaped HTML."""
    a, b = tokens(old), tokens(new)
    out: list[str] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(escape("".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            out.append(_marked("del", a[i1:i2]))
        if op in ("insert", "replace"):
            out.append(_marked("ins", b[j1:j2]))
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped above


@dataclass
class LanguageChange:
    language: str
    language_name: str
    status: str  # "added", "removed", "changed"
    html: SafeString


@dataclass
class FieldChange:
    name: str
    label: str
    languages: list[LanguageChange] = field(default_factory=list)  # translated fields
    old: str = ""  # other fields, as shown to a reader
    new: str = ""
    added: list[str] = field(default_factory=list)  # list fields (publics, themes, SDGs)
    removed: list[str] = field(default_factory=list)


def _language_name(code: str) -> str:
    return str(dict(settings.LANGUAGES).get(code, code))


def translated_change(name: str, label: str, old, new) -> FieldChange | None:
    languages = []
    codes = [c for c, _n in settings.LANGUAGES]
    codes += sorted((set(old.languages) | set(new.languages)) - set(codes))
    for code in codes:
        before, after = old.in_language(code), new.in_language(code)
        if before == after:
            continue
        status = "added" if not before else "removed" if not after else "changed"
        languages.append(
            LanguageChange(code, _language_name(code), status, text_diff(before, after))
        )
    return FieldChange(name, label, languages=languages) if languages else None


def _display(version, name: str) -> str:
    value = getattr(version, name)
    if value in (None, ""):
        return ""
    display = getattr(version, f"get_{name}_display", None)
    if display is not None:
        return str(display())
    if name == "country":
        return str(value.name)
    return str(value)


SCALAR_FIELDS = (
    "stage",
    "country",
    "national_society",
    "carrying_organisation",
    "cost_range",
    "duration_months",
    "contact_name",
    "contact_email",
)
LIST_FIELDS = ("publics", "business_lines", "sdgs")


def _list_labels(version, name: str) -> set[str]:
    items = getattr(version, name).all()
    if name == "sdgs":
        return {f"{g.number}. {g.name}" for g in items}
    return {str(item.name) for item in items}


def compare(old, new) -> list[FieldChange]:
    """What changed from version `old` to version `new`, in the model's field order. Prefetch
    publics, business_lines and sdgs (and select national_society) on both."""
    meta = InnovationVersion._meta
    changes: list[FieldChange] = []
    for name in InnovationVersion.TEXT_FIELDS:
        label = str(meta.get_field(name).verbose_name)
        change = translated_change(name, label, getattr(old, name), getattr(new, name))
        if change:
            changes.append(change)
    if old.original_language != new.original_language:
        changes.append(
            FieldChange(
                "original_language",
                str(meta.get_field("original_language").verbose_name),
                old=_language_name(old.original_language),
                new=_language_name(new.original_language),
            )
        )
    for name in SCALAR_FIELDS:
        before, after = _display(old, name), _display(new, name)
        if before != after:
            changes.append(
                FieldChange(name, str(meta.get_field(name).verbose_name), old=before, new=after)
            )
    for name in LIST_FIELDS:
        before, after = _list_labels(old, name), _list_labels(new, name)
        if before != after:
            changes.append(
                FieldChange(
                    name,
                    str(meta.get_field(name).verbose_name),
                    added=sorted(after - before),
                    removed=sorted(before - after),
                )
            )
    for criterion in sorted(set(old.attestations or {}) | set(new.attestations or {})):
        before = (old.attestations or {}).get(criterion, "")
        after = (new.attestations or {}).get(criterion, "")
        if before != after:
            label = dict(Criterion.choices).get(criterion, criterion)
            changes.append(
                FieldChange(
                    f"attestation-{criterion}",
                    _("Attestation: %(criterion)s") % {"criterion": label},
                    old=str(before),
                    new=str(after),
                )
            )
    return changes

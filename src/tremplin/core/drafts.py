"""Drafts saved as people type (autosave), with a check that nobody changed them elsewhere.

Every autosaved object carries a version (a number raised by each save). The page is loaded with
the version it shows and sends it back with each save; a save from a page whose version is no
longer the stored one would overwrite somebody else's words (another tab, a co-applicant), so the
service refuses it and says what changed there (`Changed`), or raises `VersionConflict`.

The status line beside the form is one partial, `core/_autosave_status.html`, given a `Status`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


@dataclass(frozen=True)
class Changed:
    """A part of a draft that someone changed elsewhere since this page was loaded: the form
    field it is shown in, its label, and what it reads now."""

    field: str
    label: str
    theirs: str


class VersionConflict(ValidationError):
    """A save refused because the draft changed elsewhere since `base` was loaded: `version`
    is the stored version and `changes` what reads differently there."""

    def __init__(self, version: int, changes: list[Changed] | None = None, message=None):
        super().__init__(
            message
            or gettext_lazy(
                "Changed in another window or tab since you opened this page: nothing was saved."
            ),
            code="version_conflict",
        )
        self.version = version
        self.changes = list(changes or [])


def check_version(stored: int, base: int | None, changes: list[Changed] | None = None) -> None:
    """Raise VersionConflict when the page's version `base` is not the `stored` one (a page
    that sends no version is not checked)."""
    if base is not None and int(base) != int(stored):
        raise VersionConflict(stored, changes)


SAVED, WARNING, CONFLICT = "saved", "warning", "conflict"


@dataclass(frozen=True)
class Status:
    """What the autosave status line says: its kind (`saved`, `warning`: saved with something
    to look at, `conflict`: not saved), the text, and the version the page now holds, written
    back into the hidden input `version_input` names (out of band, for htmx)."""

    kind: str
    text: str
    version: int | None = None
    version_input: dict = field(default_factory=dict)  # {"name": ..., "id": ...}

    @classmethod
    def saved(cls, at, text: str | None = None, **kwargs) -> Status:
        """Saved at `at` (a datetime, shown as a local time); `text` may say more, with
        %(time)s where the time goes."""
        if at is not None and timezone.is_aware(at):
            at = timezone.localtime(at)
        time = formats.time_format(at, "TIME_FORMAT") if at is not None else ""
        return cls(SAVED, (text or _("Saved at %(time)s")) % {"time": time}, **kwargs)

    @classmethod
    def warning(cls, text: str, **kwargs) -> Status:
        return cls(WARNING, str(text), **kwargs)

    @classmethod
    def conflict(cls, text: str, **kwargs) -> Status:
        return cls(CONFLICT, str(text), **kwargs)

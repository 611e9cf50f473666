"""What every form of the platform shares: single-line text fields hold one line.

A browser never sends a line break from a one-line input (HTML strips them from its value),
so a line break in a name, a title or a short answer comes from another client or a forged
request, or from a paste a browser let through. Such a value breaks what relies on one line:
an e-mail subject (Django refuses the header, and the message is never sent), a CSV cell, a
log line. Every form of the platform therefore inherits OneLineMixin (a test checks it), which
collapses line breaks and tabs into a space and drops invisible control characters in every
single-line text field (text inputs, e-mail, URL, search and telephone inputs, and each
language of a one-line translated field). The value is corrected rather than refused: the
person cannot see the character in a one-line input, so a refusal would ask them to remove
something they cannot find, and a space is what the browser itself puts in place of a pasted
line break. Text areas keep their lines; passwords and hidden fields are left as sent."""

from __future__ import annotations

from django import forms
from django.forms.widgets import Input

from .text import one_line

_NOT_TEXT = (forms.PasswordInput, forms.HiddenInput, forms.FileInput)


def is_single_line(widget) -> bool:
    return isinstance(widget, Input) and not isinstance(widget, _NOT_TEXT)


def _one_line_value(to_python):
    def wrapped(value):
        value = to_python(value)
        return one_line(value) if isinstance(value, str) else value

    return wrapped


def keep_on_one_line(field: forms.Field, widget=None) -> None:
    """Make `field` (shown with `widget`, its own by default) clean its value to one line when
    the widget is a single-line input. Applied once per field."""
    widget = widget if widget is not None else field.widget
    if getattr(field, "kept_on_one_line", False):
        return
    field.kept_on_one_line = True
    if isinstance(field, forms.MultiValueField) and isinstance(widget, forms.MultiWidget):
        for subfield, subwidget in zip(field.fields, widget.widgets, strict=False):
            keep_on_one_line(subfield, subwidget)
    elif isinstance(field, forms.CharField) and is_single_line(widget):
        # The value is corrected before it is validated, so that a length limit counts what
        # is kept. The field is the form's own copy: the class's fields are not changed.
        field.to_python = _one_line_value(field.to_python)


class OneLineMixin:
    """Single-line text fields of the form hold one line (see the module's docstring). Applied
    when the form is cleaned, so that fields added in __init__ are covered too."""

    def full_clean(self):
        for field in self.fields.values():
            keep_on_one_line(field)
        super().full_clean()

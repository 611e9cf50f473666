"""Helpers for tests that use the Django admin as a person would: the data a change form would
send back as it is shown, which a test then alters (or extends with fields the form does not
show, as a crafted request would)."""

from __future__ import annotations

from django import forms


def _form_data(form, data: dict) -> None:
    for bound in form:
        field = bound.field
        if field.disabled:
            continue
        value = bound.value()
        widget = field.widget
        while hasattr(widget, "widget"):  # the admin wraps related widgets
            widget = widget.widget
        name = bound.html_name
        if isinstance(widget, forms.CheckboxInput):
            if value:
                data[name] = "on"
        elif isinstance(widget, forms.MultiWidget):
            parts = value if isinstance(value, list | tuple) else widget.decompress(value)
            for index, part in enumerate(parts):
                data[f"{name}_{index}"] = "" if part is None else str(part)
        elif getattr(widget, "allow_multiple_selected", False) or isinstance(value, list | tuple):
            if value:
                data[name] = [str(v) for v in value]
        elif value is None:
            data[name] = ""
        else:
            data[name] = str(value)


def change_form_data(response) -> dict:
    """What the admin add or change page in `response` would send back unchanged: the main
    form, each inline's management form and forms."""
    assert response.status_code == 200, response.status_code
    data: dict = {}
    _form_data(response.context["adminform"].form, data)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{name}"] = value
        for form in formset.forms:
            _form_data(form, data)
    data["_save"] = "Save"
    return data


def management_prefix(response, model) -> str:
    """The prefix of the inline formset of `model` on the page in `response`."""
    for inline in response.context["inline_admin_formsets"]:
        if inline.formset.model is model:
            return inline.formset.prefix
    raise AssertionError(f"no inline for {model.__name__} on this page")

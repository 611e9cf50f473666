"""What the services of several parts share: creating or changing one row with its validation
and the names of the fields that changed, reordering, texts in every language."""

from __future__ import annotations

from django.db import transaction
from django.utils import translation

from tremplin.core.translated import language_codes


def created(model, fields: dict):
    """A new row of `model` with `fields`, validated (full_clean) and saved."""
    instance = model(**fields)
    instance.full_clean()
    instance.save()
    return instance


def updated(instance, fields: dict):
    """`instance`'s row, locked, given `fields`, validated and saved; and the sorted names of
    the fields whose value changed. Call it inside a transaction."""
    rows = type(instance).objects
    current = rows.select_for_update().get(pk=instance.pk)
    before = rows.get(pk=instance.pk)
    for name, value in fields.items():
        setattr(current, name, value)
    current.full_clean()
    current.save()
    return current, changed_fields(before, current, fields)


def changed_fields(before, after, names) -> list[str]:
    return sorted(name for name in names if getattr(before, name) != getattr(after, name))


def set_if_changed(related, objects) -> bool:
    """Make the many-to-many `related` hold `objects`; True if it held others."""
    if set(related.values_list("pk", flat=True)) == {obj.pk for obj in objects}:
        return False
    related.set(objects)
    return True


def renumber(items) -> None:
    """Positions 0, 1, 2... in the order of `items` (after a deletion)."""
    for position, item in enumerate(items):
        if item.position != position:
            type(item).objects.filter(pk=item.pk).update(position=position)


def move(item, direction: int, siblings) -> None:
    """Swap `item` with its neighbour in `siblings` (ordered by position); positions are
    renumbered so that they stay distinct."""
    items = list(siblings)
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = index + direction
    if not 0 <= target < len(items):
        return
    items[index], items[target] = items[target], items[index]
    with transaction.atomic():
        for position, other in enumerate(items):
            if other.position != position:
                type(other).objects.filter(pk=other.pk).update(position=position)


def in_every_language(text) -> dict:
    values = {}
    for code in language_codes():
        with translation.override(code):
            values[code] = str(translation.gettext(text))
    return values


def formatted_in_every_language(template: str, values) -> dict:
    """`template` % values(), translated and formatted once per language (the values, e.g.
    region names, are themselves looked up in that language)."""
    result = {}
    for code in language_codes():
        with translation.override(code):
            result[code] = str(translation.gettext(template)) % values()
    return result

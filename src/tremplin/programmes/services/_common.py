"""What the services of several parts share: creating or changing one row with its validation
and the names of the fields that changed; renumbering after a deletion."""

from __future__ import annotations


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

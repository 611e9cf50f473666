"""Reordering a list kept in a position column: move an item up or down among its siblings."""

from __future__ import annotations

from django.db import transaction


def move(queryset, item, offset: int, field: str = "position", *, start: int = 0) -> bool:
    """Swap `item` with its sibling `offset` places away (-1: up one, 1: down one) among the
    rows of `queryset` (the item's siblings, the item included), then renumber them from
    `start` (0, 1, 2...) so that positions stay distinct. The rows are locked while they are
    read and written, and `item` gets its new position. Returns False, changing nothing, when
    `item` is not among them or would leave the list."""
    with transaction.atomic():
        items = list(queryset.select_for_update().order_by(field, "pk"))
        index = next((i for i, other in enumerate(items) if other.pk == item.pk), None)
        if offset == 0 or index is None or not 0 <= index + offset < len(items):
            return False
        items[index], items[index + offset] = items[index + offset], items[index]
        manager = queryset.model._default_manager
        for position, other in enumerate(items, start=start):
            if getattr(other, field) != position:
                manager.filter(pk=other.pk).update(**{field: position})
            if other.pk == item.pk:
                setattr(item, field, position)
    return True

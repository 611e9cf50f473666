"""What the acceleration's services share."""

from tremplin.core import four_eyes


def require(actor, perm: str, obj=None) -> None:
    """Refuse with a reason: not allowed, or (four eyes) a decision on one's own project."""
    four_eyes.require(actor, perm, obj)


def name_of(person) -> str:
    return str(person)[:200] if person is not None else ""

"""What the acceleration's services share."""


def name_of(person) -> str:
    return str(person)[:200] if person is not None else ""

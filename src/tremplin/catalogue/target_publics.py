"""The catalogue's list of target publics, kept in data/target_publics.json and synchronised
into the TargetPublic table by a data migration (and by the demo)."""

import json
from pathlib import Path

from django.apps import apps as installed_apps

DATA = Path(__file__).parent / "data" / "target_publics.json"


def sync_target_publics(apps=None) -> int:
    """Create or update a TargetPublic per entry of the file, in its order. `apps` is a
    migration's app registry; without it, the installed models."""
    TargetPublic = (apps or installed_apps).get_model("catalogue", "TargetPublic")
    rows = json.loads(DATA.read_text(encoding="utf-8"))["target_publics"]
    for position, row in enumerate(rows):
        TargetPublic.objects.update_or_create(
            code=row["code"], defaults={"name": row["name"], "position": position}
        )
    return len(rows)

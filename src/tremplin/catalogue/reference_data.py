"""The catalogue's own reference data (target publics), kept in data/target_publics.json and
synchronised by a data migration."""

import json
from pathlib import Path

DATA = Path(__file__).parent / "data" / "target_publics.json"


def sync_target_publics(apps=None) -> int:
    if apps is None:
        from .models import TargetPublic
    else:
        TargetPublic = apps.get_model("catalogue", "TargetPublic")
    rows = json.loads(DATA.read_text(encoding="utf-8"))["target_publics"]
    for position, row in enumerate(rows):
        TargetPublic.objects.update_or_create(
            code=row["code"], defaults={"name": row["name"], "position": position}
        )
    return len(rows)

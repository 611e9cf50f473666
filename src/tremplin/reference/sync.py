"""Fill the reference tables from pycountry and the data files. Idempotent: run at every
migration and by `tremplin manage sync_reference`."""

import json
from pathlib import Path

import pycountry
from django.apps import apps as global_apps

DATA = Path(__file__).resolve().parent / "data"

# The 18 regions of France: 12 metropolitan regions, Corsica (a collectivity with the
# powers of a region) and the five overseas regions.
METROPOLITAN_TYPES = {"Metropolitan region"}
METROPOLITAN_EXTRA = {"FR-20R"}
OVERSEAS_REGIONS = {"FR-971", "FR-972", "FR-973", "FR-974", "FR-976"}


def french_regions() -> list[dict]:
    regions = []
    for sub in pycountry.subdivisions.get(country_code="FR"):
        if sub.type in METROPOLITAN_TYPES or sub.code in METROPOLITAN_EXTRA:
            regions.append({"code": sub.code, "name": sub.name, "kind": "metropolitan"})
        elif sub.code in OVERSEAS_REGIONS:
            regions.append({"code": sub.code, "name": sub.name, "kind": "overseas"})
    return regions


def french_departments() -> list[dict]:
    """Metropolitan departments with their region (through intermediate collectivities such
    as the European collectivity of Alsace), Paris, and the overseas departments."""
    by_code = {sub.code: sub for sub in pycountry.subdivisions.get(country_code="FR")}
    region_codes = {r["code"] for r in french_regions()}

    def region_of(sub) -> str:
        while sub.code not in region_codes and sub.parent_code:
            sub = by_code[sub.parent_code]
        return sub.code

    departments = []
    for sub in by_code.values():
        if sub.type == "Metropolitan department" or sub.code == "FR-75C":
            code = sub.code.removeprefix("FR-").removesuffix("C")
            departments.append({"code": code, "name": sub.name, "region": region_of(sub)})
        elif sub.code in OVERSEAS_REGIONS:
            departments.append({"code": sub.code[3:], "name": sub.name, "region": sub.code})
    return sorted(departments, key=lambda d: d["code"])


def load_json(name: str) -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def sync_all(apps=None) -> dict[str, int]:
    if apps is None:
        apps = global_apps
    Region = apps.get_model("reference", "Region")
    Department = apps.get_model("reference", "Department")
    BusinessLine = apps.get_model("reference", "BusinessLine")
    Goal = apps.get_model("reference", "SustainableDevelopmentGoal")

    regions = {}
    for row in french_regions():
        regions[row["code"]], _created = Region.objects.update_or_create(
            code=row["code"], defaults={"name": row["name"], "kind": row["kind"]}
        )
    departments = french_departments()
    for row in departments:
        Department.objects.update_or_create(
            code=row["code"], defaults={"name": row["name"], "region": regions[row["region"]]}
        )
    lines = load_json("business_lines.json")["business_lines"]
    for position, row in enumerate(lines):
        BusinessLine.objects.update_or_create(
            code=row["code"], defaults={"name": row["name"], "position": position}
        )
    goals = load_json("sdgs.json")["goals"]
    for row in goals:
        Goal.objects.update_or_create(number=row["number"], defaults={"name": row["name"]})
    return {
        "regions": len(regions),
        "departments": len(departments),
        "business_lines": len(lines),
        "sdgs": len(goals),
    }

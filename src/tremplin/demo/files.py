"""The demo's records live in `demo/data/*.json`, one file per kind of content, so that anyone
can read and edit them: translated texts are {"fr": ..., "en": ..., "es": ..., "ar": ...}, days
are "YYYY-MM-DD", moments "YYYY-MM-DD HH:MM" in Paris time. The modules beside this one load
them through the platform's services."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

DATA = Path(__file__).resolve().parent / "data"
PARIS = ZoneInfo("Europe/Paris")


def read(name: str):
    """The content of `data/<name>.json`."""
    return json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))


def day(text: str) -> date:
    return date.fromisoformat(text)


def moment(text: str) -> datetime:
    """A "YYYY-MM-DD HH:MM" of the data files, in Paris time."""
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=PARIS)

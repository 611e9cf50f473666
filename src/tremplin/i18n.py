"""Compile the .po translation catalogues to .mo with polib, so that a machine with only
Python (no GNU gettext) can run Tremplin."""

from pathlib import Path

import polib

PACKAGE_DIR = Path(__file__).resolve().parent


def catalogues() -> list[Path]:
    return sorted(PACKAGE_DIR.glob("**/locale/*/LC_MESSAGES/*.po"))


def compile_catalogues(force: bool = False) -> list[Path]:
    """Compile every .po whose .mo is missing or older; return the compiled ones."""
    compiled = []
    for po_path in catalogues():
        mo_path = po_path.with_suffix(".mo")
        if force or not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
            compiled.append(po_path)
    return compiled

"""The layering rules of docs/developer/architecture.md that import-linter does not check.

- An import inside a function carries one reason from a short list (ruff PLC0415 finds the
  imports; this test checks the reasons).
- No module is named after an audience or a layer prefix (`staff_*`, `queries_*`, `forms_*`).
- Nothing outside an app imports a private name (`_x`) from it.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import tremplin

SRC = Path(tremplin.__file__).parent
REASONS = {"slow import", "optional dependency", "app ready"}
NOQA = re.compile(r"#\s*noqa:\s*PLC0415\b(?P<rest>.*)$")


def python_files():
    for path in sorted(SRC.rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


def test_every_inline_import_gives_a_reason_from_the_list():
    wrong = []
    for path in python_files():
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            found = NOQA.search(line)
            if not found:
                continue
            reason = found["rest"].strip().strip("()").strip()
            if reason not in REASONS:
                wrong.append(f"{path.relative_to(SRC)}:{number}: {reason or '(no reason)'}")
    assert wrong == [], f"inline imports need one of {sorted(REASONS)}: {wrong}"


def test_no_module_is_named_after_an_audience_or_a_layer_prefix():
    prefixes = ("staff_", "queries_", "forms_", "team_")
    named = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if path.name.startswith(prefixes) and "migrations" not in path.parts
    ]
    assert named == []


def _app_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "tremplin" else None


def test_nothing_imports_a_private_name_from_another_app():
    wrong = []
    for path in python_files():
        here = _app_of("tremplin." + ".".join(path.relative_to(SRC).with_suffix("").parts))
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                there = _app_of(node.module)
                if there and there != here:
                    private = [
                        alias.name
                        for alias in node.names
                        if alias.name.startswith("_") and alias.name != "__all__"
                    ]
                    private += [p for p in node.module.split(".") if p.startswith("_")]
                    if private:
                        wrong.append(f"{path.relative_to(SRC)}: {node.module} {private}")
    assert wrong == []

"""Every history action the code records is declared by its app (<app>/audit.py), and every
transition of a state machine has a label: so that no page shows a raw action name."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.template.loader import render_to_string

from tremplin.core import history
from tremplin.core.models import HistoryEntry
from tremplin.core.workflow import StateMachine

SOURCE = Path(history.__file__).resolve().parent.parent


def recorded_names() -> list[tuple[str, int, str]]:
    """(file, line, name) of each `history.record(target, "<literal>", ...)` in the source, and
    of each literal in a conditional expression passed there ("a" if x else "b")."""
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "record"
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "history"
                and len(node.args) > 1
            ):
                continue
            if isinstance(node.args[1], ast.JoinedStr):
                continue  # core.workflow's f"transition:{name}": see the machines' tests
            for part in ast.walk(node.args[1]):
                if isinstance(part, ast.Constant) and isinstance(part.value, str):
                    found.append((str(path.relative_to(SOURCE)), node.lineno, part.value))
    return found


def test_the_scan_finds_the_record_calls():
    names = {name for _path, _line, name in recorded_names()}
    assert {"acceleration:check_in_changed", "answers_saved"} <= names


def test_every_literal_action_recorded_is_declared():
    declared = history.registered()
    undeclared = [
        f"{path}:{line} {name}"
        for path, line, name in recorded_names()
        if name not in declared and not name.startswith(history.TRANSITION)
    ]
    assert undeclared == []


def test_every_recorded_transition_name_belongs_to_a_declared_machine():
    transitions = {
        name for found in history.machines().values() for m in found for name in m.transitions
    }
    recorded = {
        name[len(history.TRANSITION) :]
        for _path, _line, name in recorded_names()
        if name.startswith(history.TRANSITION)
    }
    assert recorded <= transitions


def state_machines() -> list[tuple[str, StateMachine]]:
    """Every StateMachine held by a module of the platform (imported by the apps' loading)."""
    machines = []
    for name, module in list(sys.modules.items()):
        if not name.startswith("tremplin.") or module is None:
            continue
        for attribute, value in vars(module).items():
            if isinstance(value, StateMachine):
                machines.append((f"{name}.{attribute}", value))
    return machines


def test_every_state_machine_is_declared_for_the_model_it_moves():
    declared = {id(m) for found in history.machines().values() for m in found}
    machines = state_machines()
    assert len(machines) >= 8
    assert [name for name, machine in machines if id(machine) not in declared] == []


def test_every_transition_has_a_label():
    unlabelled = [
        f"{name}:{transition.name}"
        for name, machine in state_machines()
        for transition in machine.transitions.values()
        if not str(transition.label).strip()
    ]
    assert unlabelled == []


def test_every_declared_action_has_a_label():
    assert [a.name for a in history.registered().values() if not str(a.label).strip()] == []


def test_recording_an_undeclared_action_is_refused(db, person):
    with pytest.raises(ValueError, match="not declared"):
        history.record(person, "nobody_declared_this", person)
    with pytest.raises(ValueError, match="not declared"):
        history.record(person, "transition:verify", person)  # no machine moves a Person
    assert not HistoryEntry.objects.exists()


def test_in_production_an_undeclared_action_is_recorded_with_a_warning(
    db, person, settings, caplog
):
    settings.DEBUG = settings.TESTING = False
    entry = history.record(person, "nobody_declared_this", person)
    assert entry.action == "nobody_declared_this"
    assert "not declared" in caplog.text


def test_described_labels_actions_and_transitions(db, person):
    membership_model = apps.get_model("accounts", "Membership")
    machine = history.machines()[membership_model][0]
    label = machine.transitions["verify"].label
    assert history.label_of("transition:verify", membership_model) == label
    assert history.label_of("role_granted") == history.registered()["role_granted"].label
    assert history.label_of("unknown_thing") == "unknown_thing"

    history.record(person, "profile_updated", person)
    history.record(person, history.registered()["email_changed"], person)
    entries = history.described(person)
    assert [entry.action for entry in entries] == ["email_changed", "profile_updated"]
    assert [str(entry.label) for entry in entries] == [
        str(history.registered()["email_changed"].label),
        str(history.registered()["profile_updated"].label),
    ]


def test_the_history_partial(db, person):
    history.record(person, "profile_updated", person)
    html = render_to_string("core/_history.html", {"history": history.described(person)})
    assert str(history.registered()["profile_updated"].label) in html
    assert render_to_string("core/_history.html", {"history": []}).strip() == ""

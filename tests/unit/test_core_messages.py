"""The core's messages to people are translatable, and Spanish has every one of them.

A message the window shows comes from ``say("Context", "template")`` (responder/errors.py):
lupdate extracts it into the catalogue (ui/shell/translations.py passes the core's modules
with ``say`` as an alias of QT_TRANSLATE_NOOP), and the UI's ``core_text`` shows it in the
officer's language. These tests hold the class: no field-facing module raises a plain English
message, every ``say`` is one literal with named places, and the Spanish catalogue has a
finished translation of each with the same places.
"""

from __future__ import annotations

import ast
import pickle
import re
import string
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

import pytest
from civilian_responder.errors import (
    AuthError,
    LockedOutError,
    Said,
    ValidationError,
    said_from_json,
    said_to_json,
    say,
)

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "responder"
TS = ROOT / "resources" / "translations" / "responder_es.ts"
# What the field screens reach: sign-in, sync, calls, reports, photos, shifts, checklists,
# people and co-responders. A message
# raised here must be a say(); the rest of the core (admin commands, the demo, loading of
# packaged data) still speaks English only (see the issue 17 note).
FIELD_FACING = [
    "security/session.py", "security/attempts.py", "security/keystore.py",
    "sync/client.py", "sync/engine.py", "sync/enrollment.py", "sync/photos.py",
    "sync/recovery.py", "sync/transfer.py", "calls.py", "attachments.py",
    "shifts/service.py", "reports.py", "checklists/service.py", "people/service.py",
    "co_responders.py",
]
INTERNAL = {"the database key must be 32 bytes", "unknown format {data.get('format')!r}",
            "unknown field kind {kind}"}  # programming errors, never shown in the window


def _core_files() -> list[Path]:
    return [p for p in CORE.rglob("*.py") if "station" not in p.relative_to(CORE).parts]


def _says(path: Path) -> list[ast.Call]:
    return [n for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "say"]


def _places(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def _catalogue() -> dict[tuple[str, str], tuple[str, bool]]:
    found = {}
    for context in ET.parse(TS).getroot().iter("context"):
        name = context.findtext("name")
        for m in context.iter("message"):
            tr = m.find("translation")
            found[(name, m.findtext("source"))] = (tr.text or "", tr.get("type") is None)
    return found


@pytest.mark.parametrize("module", FIELD_FACING)
def test_field_facing_modules_raise_no_plain_english(module):
    plain = []
    for node in ast.walk(ast.parse((CORE / module).read_text(encoding="utf-8"))):
        call = node.exc if isinstance(node, ast.Raise) else node
        if not isinstance(call, ast.Call):
            continue
        name = getattr(call.func, "id", getattr(call.func, "attr", ""))
        if not name.endswith("Error") or not call.args:
            continue
        message = next((a for a in call.args if not isinstance(a, ast.Attribute)), None)
        if isinstance(message, ast.Constant | ast.JoinedStr):
            text = ast.unparse(message).strip("f'\"")
            if text not in INTERNAL:
                plain.append(f"{module}:{node.lineno} {text[:60]}")
    assert plain == []


def test_every_say_is_one_literal_with_named_places():
    bad = []
    for path in _core_files():
        for call in _says(path):
            where = f"{path.relative_to(ROOT)}:{call.lineno}"
            if len(call.args) != 2 or not all(isinstance(a, ast.Constant)
                                              and isinstance(a.value, str) for a in call.args):
                bad.append(f"{where}: say() needs two string literals")
                continue
            template = call.args[1].value
            if any(not name or not name.isidentifier() for name in _places(template)):
                bad.append(f"{where}: places must be named ({template[:40]})")
    assert bad == []


def test_spanish_has_every_core_message_with_the_same_places():
    catalogue = _catalogue()
    missing = []
    count = 0
    for path in _core_files():
        for call in _says(path):
            context, template = (a.value for a in call.args)
            count += 1
            text, finished = catalogue.get((context, template), ("", False))
            if not finished or not text:
                missing.append(f"{context}: {template}")
            elif _places(text) != _places(template):
                missing.append(f"{context}: {template} -> places {sorted(_places(text))}")
    assert count > 80  # sign-in, sync, calls, reports, photos, shifts
    assert missing == []


def test_a_said_message_is_its_english_and_keeps_its_parts():
    said = say("SignIn", "Wrong passphrase for {name}").format(name="demo")
    assert said == "Wrong passphrase for demo" and isinstance(said, str)
    assert (said.context, said.template, said.values) == (
        "SignIn", "Wrong passphrase for {name}", {"name": "demo"})
    assert str(AuthError(said)) == "Wrong passphrase for demo"
    assert pickle.loads(pickle.dumps(said)).values == {"name": "demo"}
    with pytest.raises(TypeError):
        said.format("positional")
    slip = say("Sync", "The station had a problem ({status})").format(stauts=500)
    assert slip.startswith("The station had a problem ({status})")  # no crash while raising


def test_a_kept_message_reads_back_translatable_even_nested():
    until = datetime(2026, 12, 4, 18, 30, tzinfo=UTC)
    inner = say("SignIn", "Wrong passphrase for {name}").format(name="ana")
    outer = LockedOutError(say("SignIn", "{failure}. Locked until {until:%H:%M}").format(
        failure=inner, until=until), until)
    assert str(outer) == "Wrong passphrase for ana. Locked until 18:30"
    back = said_from_json(said_to_json(say("Sync", "The station had a problem ({status})")
                                       .format(status=503)))
    assert isinstance(back, Said) and back == "The station had a problem (503)"
    nested = said_from_json(said_to_json(outer.args[0]))
    assert isinstance(nested.values["failure"], Said)
    assert said_from_json("not json") == "" and said_from_json('"plain"') == "plain"


def test_validation_errors_keep_their_field_messages_translatable():
    from civilian_responder.security.keystore import check_passphrase  # noqa: PLC0415

    with pytest.raises(ValidationError) as caught:
        check_passphrase("alice", "short")
    problem = caught.value.field_errors["passphrase"]
    assert isinstance(problem, Said) and re.search(r"at least \d+ characters", problem)
    assert isinstance(caught.value.args[0], Said)

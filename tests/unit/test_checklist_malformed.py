"""Hundreds of malformed definitions (mutations of the shipped ones, wrong types, bad
references, garbage bytes) are all rejected with a message naming the file and the item; none
crashes the loader. The shipped definitions all validate, also against the published schema."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from civilian_responder.checklists.loader import load_file, parse_bytes
from civilian_responder.cli import main
from civilian_responder.reference import load_reference
from civilian_responder.resource_files import resource_path
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.checklist_support import SHIPPED, scored_definition

REF = load_reference()
ROOT = Path(__file__).resolve().parents[2]
Mutation = Callable[[dict[str, Any]], str | None]  # mutates in place; returns the item to blame


def _item_mutations(index: int, item: dict[str, Any]) -> Iterator[tuple[str, Mutation]]:
    iid = item["id"]

    def setter(key: str, value: Any) -> Mutation:
        def mutate(d: dict[str, Any]) -> str:
            d["items"][index][key] = value
            return iid
        return mutate

    def deleter(key: str, blame: str) -> Mutation:
        def mutate(d: dict[str, Any]) -> str:
            del d["items"][index][key]
            return blame
        return mutate

    yield f"{iid}: no text", deleter("text", iid)
    yield f"{iid}: no type", deleter("type", iid)
    yield f"{iid}: no id", deleter("id", f"items[{index}]")
    yield f"{iid}: unknown type", setter("type", "slider")
    yield f"{iid}: text is a number", setter("text", 42)
    yield f"{iid}: blank text", setter("text", "   ")
    yield f"{iid}: required is text", setter("required", "yes")
    yield f"{iid}: unknown key", setter("colour", "red")
    yield f"{iid}: help is a list", setter("help", ["x"])
    yield f"{iid}: visible_if not an object", setter("visible_if", "always")
    yield f"{iid}: visible_if unknown item", setter("visible_if", {"item": "ghost", "equals": True})
    yield f"{iid}: visible_if on itself", setter("visible_if", {"item": iid, "answered": True})
    yield f"{iid}: visible_if two ops", setter("visible_if", {"item": iid, "equals": 1, "gte": 2})
    if item["type"] in ("single_choice", "multi_choice"):
        yield f"{iid}: no choices", deleter("choices", iid)
        yield f"{iid}: empty choices", setter("choices", [])
        yield f"{iid}: duplicate choice", setter("choices", item["choices"] + item["choices"][:1])
        yield f"{iid}: choice without label", setter("choices", [{"code": "A"}])
        yield f"{iid}: score as text", setter("choices", [{"code": "A", "label": "A",
                                                          "score": "2"}])
    else:
        yield f"{iid}: choices on a {item['type']}", setter("choices", [{"code": "A",
                                                                        "label": "A"}])
    if item["type"] == "yes_no":
        yield f"{iid}: score not an object", setter("score", 3)
        yield f"{iid}: score with maybe", setter("score", {"maybe": 1})
    if item["type"] == "number":
        yield f"{iid}: min above max", setter("min", 99)
    if item["type"] == "guidance":
        yield f"{iid}: required guidance", setter("required", True)
    if index > 0:
        first = None

        def duplicate(d: dict[str, Any]) -> str:
            d["items"][index]["id"] = d["items"][0]["id"]
            return d["items"][0]["id"]
        yield f"{iid}: duplicate id", duplicate
        del first


def _definition_mutations(d: dict[str, Any]) -> Iterator[tuple[str, Mutation]]:
    for key in ("id", "version", "title", "items"):
        def drop(x: dict[str, Any], key: str = key) -> None:
            del x[key]
        yield f"no {key}", drop
    for key, value in (("id", "has spaces!"), ("version", "1"), ("version", 0),
                       ("version", True), ("title", ""), ("items", []), ("items", {}),
                       ("order", 1.5), ("stop_rules", {}), ("report_mappings", "x"),
                       ("applies_to", []), ("applies_to", {"call_types": ["NOPE"]}),
                       ("applies_to", {"flags": ["NOPE"]}), ("applies_to", {"all_calls": 1}),
                       ("surprise", 1)):
        def put(x: dict[str, Any], key: str = key, value: Any = value) -> None:
            x[key] = value
        yield f"{key}={value!r}", put
    for index, item in enumerate(d["items"]):
        yield from _item_mutations(index, item)
    for i, rule in enumerate(d.get("stop_rules", [])):
        where = f"stop_rules[{rule['id']}]"
        for key, value in (("when", {"item": "ghost", "equals": True}), ("banner", ""),
                           ("actions", []), ("actions", ["arrest"]), ("reason_code", "NOPE"),
                           ("when", {"item": rule["when"].get("item", "x"), "equals": "MAYBE"}),
                           ("when", {"any": []})):
            def rule_put(x: dict[str, Any], i: int = i, key: str = key, value: Any = value,
                         where: str = where) -> str:
                x["stop_rules"][i][key] = value
                return where
            yield f"{where}.{key}={value!r}", rule_put
    for i, _m in enumerate(d.get("report_mappings", [])):
        for key, value in (("field", "narrative"), ("field", "shoe_size"),
                           ("value", "NOT_A_CODE"), ("response", "MAYBE")):
            def map_put(x: dict[str, Any], i: int = i, key: str = key, value: Any = value) -> str:
                x["report_mappings"][i][key] = value
                return "report_mappings"
            yield f"mapping {i} {key}={value!r}", map_put
    if d.get("scoring"):
        levels = d["scoring"]["levels"]

        def overlap(x: dict[str, Any]) -> str:
            x["scoring"]["levels"][1]["min"] = x["scoring"]["levels"][0]["max"]
            return "scoring.levels"

        def gap(x: dict[str, Any]) -> str:
            x["scoring"]["levels"][1]["min"] += 2
            return "scoring.levels"

        def inverted(x: dict[str, Any]) -> str:
            x["scoring"]["levels"][0]["min"] = 50
            return "scoring.levels"

        def short(x: dict[str, Any]) -> str:
            x["scoring"]["levels"][-1]["max"] = levels[-1]["min"]
            return "scoring.levels"

        def bad_override(x: dict[str, Any]) -> str:
            x["scoring"]["overrides"] = [{"when": {"item": "ghost", "equals": True},
                                          "level": "extreme", "reason": "r"}]
            return "scoring.overrides"

        def no_levels(x: dict[str, Any]) -> str:
            del x["scoring"]
            return "scoring"
        for mutation in (overlap, gap, inverted, short, bad_override, no_levels):
            yield f"scoring {mutation.__name__}", mutation


def _cases() -> list[tuple[str, dict[str, Any], Mutation]]:
    bases = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in SHIPPED}
    bases["mini"] = scored_definition()
    cases = []
    for name, base in bases.items():
        for label, mutation in _definition_mutations(base):
            cases.append((f"{name}: {label}", base, mutation))
    return cases


CASES = _cases()


def test_there_are_hundreds_of_generated_cases():
    assert len(CASES) >= 300


@pytest.mark.parametrize("label,base,mutation", CASES, ids=[c[0] for c in CASES])
def test_each_malformed_definition_is_rejected_naming_file_and_item(label, base, mutation):
    data = copy.deepcopy(base)
    blame = mutation(data)
    result = parse_bytes(json.dumps(data).encode(), "agency/bad.json", REF)
    assert result.definition is None, label
    assert result.problems
    for problem in result.problems:
        assert problem.source == "agency/bad.json"
        assert problem.item and problem.problem.strip()
        assert str(problem).startswith("agency/bad.json [")
    if blame:
        assert any(p.item.startswith(blame) for p in result.problems), (
            label, [str(p) for p in result.problems])


def test_a_visibility_cycle_is_named():
    d = scored_definition()
    d["items"][0]["visible_if"] = {"item": "c", "equals": "X"}
    d["items"][2]["visible_if"] = {"item": "b", "equals": True}
    problems = parse_bytes(json.dumps(d).encode(), "cycle.json", REF).problems
    assert any("cycle" in p.problem and "a -> c -> b -> a" in p.problem for p in problems), \
        [str(p) for p in problems]


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_garbage_bytes_never_crash_the_loader(data):
    result = parse_bytes(data, "junk.json", REF)
    assert result.definition is None
    assert result.problems and result.problems[0].source == "junk.json"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["id", "version", "title", "items", "type", "text", "when", "item",
                         "equals", "choices", "scoring", "levels", "min", "max", "all", "not"]),
        inner, max_size=5),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_random_json_is_rejected_or_accepted_without_crashing(value):
    result = parse_bytes(json.dumps(value).encode(), "random.json", REF)
    assert (result.definition is None) == bool(result.problems)


def test_deeply_nested_json_is_rejected_cleanly():
    data = b'{"id": "x", "items": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    result = parse_bytes(data, "deep.json", REF)
    assert result.definition is None and result.problems


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_shipped_definitions_validate_and_match_the_published_schema(path):
    result = load_file(path, REF)
    assert result.problems == ()
    schema = json.loads(resource_path("checklists", "schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(json.loads(path.read_text(encoding="utf-8")), schema)


def test_cli_prints_each_problem_and_exits_non_zero(tmp_path, capsys):
    bad = scored_definition()
    bad["items"][1]["visible_if"] = {"item": "ghost", "equals": True}
    bad["report_mappings"].append({"field": "shoe_size", "from_item": "d"})
    bad_path = tmp_path / "bad.json"
    bad_path.write_text(json.dumps(bad), encoding="utf-8")
    code = main(["checklists", "validate", str(SHIPPED[0]), str(bad_path)])
    out = capsys.readouterr().out
    assert code != 0
    assert f"{SHIPPED[0]}: OK" in out
    assert f"{bad_path}: item b: condition refers to unknown item 'ghost'" in out
    assert f"{bad_path}: item report_mappings[shoe_size]: 'shoe_size' is not a report field" in out


def test_cli_validate_as_a_real_process():
    files = [str(p) for p in SHIPPED]
    ok = subprocess.run([sys.executable, "-m", "civilian_responder",
                         "checklists", "validate", *files],
                        cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert ok.stdout.count(": OK") == len(files)
    missing = subprocess.run([sys.executable, "-m", "civilian_responder", "checklists", "validate",
                              "does-not-exist.json"], cwd=ROOT, capture_output=True, text=True,
                             timeout=60)
    assert missing.returncode == 1
    assert "does-not-exist.json: item (definition): cannot read" in missing.stdout


def test_cli_lists_shipped_and_agency_definitions(tmp_path, capsys):
    folder = tmp_path / "profile" / "checklists"
    folder.mkdir(parents=True)
    (folder / "mini.json").write_text(json.dumps(scored_definition()), encoding="utf-8")
    (folder / "broken.json").write_text("{", encoding="utf-8")
    code = main(["--profile", str(tmp_path / "profile"), "checklists", "list"])
    out = capsys.readouterr().out
    assert code == 1
    assert "safety-screen v1: Pre-arrival scene safety screen [13 items; every call]" in out
    assert "mini v1: Mini screen [8 items; WELCK]" in out
    assert f"INVALID {folder / 'broken.json'}: item (definition): not valid JSON" in out

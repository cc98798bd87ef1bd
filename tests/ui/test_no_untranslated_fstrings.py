"""No window text is put together from an English f-string: what the officer reads goes through
``translate()`` (with ``%1`` for values), or a Spanish window shows English. The walks in
test_translations_window.py see only the screens they reach; this reads every module of ui/."""

from __future__ import annotations

import ast
import re
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "ui"
WORD = re.compile(r"[A-Za-z]{4,}")
# Where an f-string with words is not window text: the terminal, exceptions (logged, or turned
# into a message by their handler), object names, settings and audit keys, file names.
NOT_SHOWN = {"print", "raise", "setObjectName", "named", "get", "str", "load", "record"}
# Said before Qt (and so the translations) can load at all.
BEFORE_QT = {"shell/system_libraries.py"}


def _english_fstrings(path: Path, root: Path = UI) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.JoinedStr):
            continue
        literal = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
        if not WORD.search(re.sub(r"<[^>]*>", " ", literal)):
            continue  # markup, separators, numbers
        where, up = "", node
        while up in parents and not isinstance(up, ast.FunctionDef):
            up = parents[up]
            if isinstance(up, ast.Raise):
                where = "raise"
                break
            if isinstance(up, ast.Call) and not where:
                func = up.func
                where = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if where not in NOT_SHOWN:
            found.append(f"{path.relative_to(root)}:{node.lineno} {literal[:60]!r}")
    return found


def test_window_text_is_never_an_english_fstring():
    found = [hit for path in sorted(UI.rglob("*.py"))
             if path.relative_to(UI).as_posix() not in BEFORE_QT
             for hit in _english_fstrings(path)]
    assert found == []


def test_the_check_sees_an_english_fstring(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('label.setText(f"Open follow-up (due {due})")\n'
                      'log.info(f"{n}")\nraise ValueError(f"bad value {v}")\n', encoding="utf-8")
    assert _english_fstrings(sample, tmp_path) == ["sample.py:1 'Open follow-up (due )'"]

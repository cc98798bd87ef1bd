"""People over time: person suggestions while typing over 20,000 cached people (target <= 30 ms
per keystroke) and the Known-here panel over 5 years of contacts at a busy address (target
<= 50 ms). Each is printed as a ratio to a bare baseline measured in the same run: a keystroke
into the same kind of name field with no suggestions, and the panel's main query run bare on a
plain sqlite3 connection to the same file."""

from __future__ import annotations

import random
import sqlite3
import statistics
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from civilian_responder.app import open_app
from civilian_responder.clock import iso, new_id
from civilian_responder.models import Contact, KnownPerson
from civilian_responder_ui.reports.report_fields import TextLine
from civilian_responder_ui.reports.report_persons import PersonsEditor
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

PEOPLE = 20_000
FIRST = [
    "Ana",
    "Marcus",
    "José",
    "Dee",
    "Sam",
    "Ruth",
    "Lee",
    "Maria",
    "John",
    "Kim",
    "Omar",
    "Tia",
    "Rob",
    "Nguyen",
    "Alex",
    "Jamal",
    "Rosa",
    "Ivan",
    "Mei",
    "Paul",
]
LAST = [
    "Bell",
    "Lopez",
    "Walker",
    "Ortiz",
    "Tate",
    "Nguyen",
    "Smith",
    "Garcia",
    "Kim",
    "Reyes",
    "Lane",
    "Brown",
    "Davis",
    "Moore",
    "Young",
    "King",
    "Wright",
    "Hill",
    "Scott",
    "Green",
]
TYPED = "marcus bel"
NOW = datetime(2026, 11, 21, 14, 0, tzinfo=UTC)


def _ms(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, int(round(0.99 * (len(ordered) - 1))))]
    return statistics.median(ordered) * 1000, p99 * 1000


def _people(n: int) -> list[KnownPerson]:
    rng = random.Random(13)
    out = []
    for i in range(n):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}{'' if i % 3 else ' ' + str(i)}"
        seen = iso(NOW - timedelta(minutes=rng.randrange(0, 5 * 365 * 24 * 60)))
        out.append(
            KnownPerson(
                new_id(),
                name,
                "25_34",
                "tall, green jacket",
                seen,
                False,
                None,
                "station",
                seen,
                seen,
            )
        )
    return out


def _type(widget, text: str) -> list[float]:
    samples = []
    for ch in text:
        t0 = time.perf_counter()
        QTest.keyClicks(widget, ch)
        samples.append(time.perf_counter() - t0)
    return samples


def test_person_suggestions_per_keystroke_over_20000_people(benchmark, qtbot, tmp_path: Path):
    app = open_app(tmp_path / "profile")
    with app.store.atomic("bench people"):
        app.store.people.insert_many_persons(_people(PEOPLE))
    assert app.store.people.count_persons() == PEOPLE
    editor = PersonsEditor(app.reference.person_roles)
    editor.set_suggester(app.people.suggest, app.reference.age_ranges)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    row = editor.rows[0]
    bare_field = TextLine("bare")
    qtbot.addWidget(bare_field)
    bare_field.show()
    typed: list[float] = []
    bare: list[float] = []

    def one_name() -> None:
        row.name.clear()
        bare_field.clear()
        typed.extend(_type(row.name, TYPED))
        bare.extend(_type(bare_field, TYPED))
        assert row.suggestions.count() > 0

    benchmark.pedantic(one_name, rounds=10, iterations=1)
    assert all("marcus" in p.display_name.lower() for p in row.suggestions.people())
    app.close()
    med, p99 = _ms(typed)
    b_med, b_p99 = _ms(bare)
    print(
        f"\nperson suggestions over {PEOPLE} people: median {med:.2f} ms, p99 {p99:.2f} ms "
        f"per keystroke; bare keystroke median {b_med:.2f} ms, p99 {b_p99:.2f} ms; "
        f"ratio (median) {med / b_med:.1f}x"
    )
    assert p99 <= 30.0


def _busy_address_contacts(address: str, years: int = 5, per_day: int = 4) -> list[Contact]:
    rng = random.Random(5)
    people = [new_id() for _ in range(60)]
    out = []
    for day in range(years * 365):
        for k in range(per_day):
            at = iso(NOW - timedelta(days=day, minutes=k * 97))
            out.append(
                Contact(
                    new_id(),
                    at,
                    rng.choice(people),
                    None,
                    None,
                    address,
                    "U1",
                    "call",
                    "RESOLVED_ON_SCENE",
                    "dog on site" if k == 0 else "",
                    "shouting" if k == 1 else "",
                    "quiet voice" if k == 2 else "",
                    rng.random() < 0.02,
                )
            )
    # Elsewhere: the rest of the city over the same years.
    for i in range(60_000):
        at = iso(NOW - timedelta(minutes=rng.randrange(0, years * 365 * 24 * 60)))
        out.append(Contact(new_id(), at, None, None, None, f"{i % 5000} Other St", "U2"))
    return out


def test_known_here_panel_over_five_years_at_a_busy_address(benchmark, qtbot, tmp_path: Path):
    from civilian_responder_ui.people.known_here import KnownHerePanel  # noqa: PLC0415

    app = open_app(tmp_path / "profile")
    call = app.calls.create_self_initiated("WELCK", "1200 Pacific Ave")
    contacts = _busy_address_contacts(call.address)
    with app.store.atomic("bench contacts"):
        app.store.people.insert_many_contacts(contacts)
    person_ids = list({c.person_id for c in contacts if c.person_id})[:3]
    panel = KnownHerePanel(app.reference)
    qtbot.addWidget(panel)
    panel.show()
    shown: list[float] = []

    def one_briefing() -> None:
        t0 = time.perf_counter()
        panel.show_briefing(app.people.known_here(call, person_ids))
        shown.append(time.perf_counter() - t0)

    benchmark.pedantic(one_briefing, rounds=30, iterations=1)
    assert panel.contact_count() > 0
    total = app.store.people.count_contacts_at(call.address)
    db = app.paths.database
    app.close()
    con = sqlite3.connect(db)
    bare = []
    for _ in range(30):
        t0 = time.perf_counter()
        con.execute(
            "SELECT * FROM contacts WHERE address_key = ? ORDER BY at DESC LIMIT 50",
            ["1200 pacific ave"],
        ).fetchall()
        bare.append(time.perf_counter() - t0)
    con.close()
    med, p99 = _ms(shown)
    b_med, b_p99 = _ms(bare)
    print(
        f"\nKnown-here panel, {total} contacts at one address ({len(contacts)} in all): "
        f"median {med:.2f} ms, p99 {p99:.2f} ms; bare query median {b_med:.3f} ms; "
        f"ratio (median) {med / b_med:.1f}x"
    )
    assert p99 <= 50.0

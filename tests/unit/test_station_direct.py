"""storage.direct.run gives what conn.execute gives, on a real SQLite station database.

Each statement runs twice, once through SQLAlchemy and once through ``run``, on two copies
of the same tables; the stored rows and the rows read back must be identical (types
included), and failures must raise SQLAlchemy's own exception classes, which the push path
catches (IntegrityError for a concurrent receipt, DataError / UnicodeError per change).
"""

from __future__ import annotations

from typing import Any

import pytest
from civilian_responder.station.storage import direct
from civilian_responder.station.storage.database import make_engine, write
from civilian_responder.station.storage.tables import calls, counters, metadata, records
from sqlalchemy import Column, Integer, MetaData, String, Table, bindparam, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError


@pytest.fixture()
def engines(tmp_path):
    made = []
    for name in ("through-sqlalchemy", "direct"):
        engine = make_engine(str(tmp_path / f"{name}.db"))
        metadata.create_all(engine)
        made.append(engine)
    yield made
    for engine in made:
        engine.dispose()


CALL = {"id": "c1", "cad_number": "2026-000001", "unit_id": "CSO-1", "type_code": "WELCK",
        "priority": 3, "status": "DISPATCHED", "address": "1 Main St", "source": "unit",
        "received_at": "2026-12-04T10:00:00.000Z", "updated_at": "2026-12-04T10:00:00.000Z",
        "self_initiated": True}


def _both(engines: list[Any], statement: Any, params: Any) -> list[Any]:
    """The statement's rows (or rowcount) through SQLAlchemy and through ``run``."""
    out = []
    for engine, execute in zip(engines, (lambda c, s, p: c.execute(s, p), direct.run),
                               strict=True):
        with write(engine) as conn:
            result = execute(conn, statement, params)
            out.append(result.all() if statement.is_select else result.rowcount)
    return out


def _stored(engines: list[Any], table: Any) -> list[list[tuple[Any, ...]]]:
    out = []
    for engine in engines:
        with engine.connect() as conn:
            out.append([tuple(r) for r in conn.execute(select(table).order_by(*table.primary_key))])
    return out


def test_an_insert_fills_the_column_defaults_and_converts_booleans(engines):
    _both(engines, calls.insert(), CALL)
    plain, fast = _stored(engines, calls)
    assert plain == fast and len(plain) == 1
    row = dict(zip(calls.c.keys(), fast[0], strict=True))
    assert row["type_text"] == "" and row["station_revision"] == 1
    assert row["self_initiated"] is True and row["cancelled"] is False


def test_rows_read_back_answer_by_attribute_index_and_mapping_with_sqlalchemys_types(engines):
    _both(engines, calls.insert(), CALL)
    statement = select(calls).where(calls.c.id == bindparam("id"))
    plain, fast = _both(engines, statement, {"id": "c1"})
    assert [tuple(r) for r in plain] == [tuple(r) for r in fast]
    row = fast[0]
    assert row.self_initiated is True and row[0] == "c1"
    assert row._mapping["cad_number"] == "2026-000001"
    assert dict(row._mapping) == dict(plain[0]._mapping)
    with write(engines[1]) as conn:
        result = direct.run(conn, statement, {"id": "nobody"})
        assert result.first() is None
        assert direct.run(conn, select(calls.c.unit_id).where(calls.c.id == bindparam("id")),
                          {"id": "c1"}).scalar_one_or_none() == "CSO-1"


def test_literal_values_built_into_a_statement_are_sent(engines):
    _both(engines, records.insert(), {"kind": "audit", "entity_id": "a1", "unit_id": "U",
                                      "device_id": "d", "payload": "{}", "received_at": "t"})
    only_audit = select(records.c.entity_id).where(records.c.kind == "audit").where(
        records.c.entity_id == bindparam("id"))
    assert _both(engines, only_audit, {"id": "a1"})[1] == [("a1",)]
    renamed = update(records).where(records.c.entity_id == bindparam("id")).values(kind="shift")
    assert _both(engines, renamed, {"id": "a1"}) == [1, 1]
    plain, fast = _stored(engines, records)
    assert plain == fast and fast[0][0] == "shift"


def test_insert_once_reports_whether_it_wrote_and_many_rows_go_in_one_call(engines):
    once = sqlite_insert(counters).on_conflict_do_nothing(index_elements=["name"])
    assert _both(engines, once, {"name": "cad-2026", "value": 1}) == [1, 1]
    assert _both(engines, once, {"name": "cad-2026", "value": 2}) == [0, 0]
    rows = [{"name": f"n{i}", "value": i} for i in range(5)]
    _both(engines, counters.insert(), rows)
    plain, fast = _stored(engines, counters)
    assert plain == fast and len(fast) == 6


def test_a_duplicate_key_raises_sqlalchemys_integrity_error_and_keeps_the_transaction(engines):
    engine = engines[1]
    with write(engine) as conn:
        direct.run(conn, calls.insert(), CALL)
        with pytest.raises(IntegrityError):
            direct.run(conn, calls.insert(), CALL)
        direct.run(conn, counters.insert(), {"name": "after", "value": 1})
    assert len(_stored([engine], counters)[0]) == 1


def test_text_sqlite_cannot_take_raises_a_unicode_error_the_push_answers_per_change(engines):
    with write(engines[1]) as conn, pytest.raises(UnicodeError):
        direct.run(conn, counters.insert(), {"name": "\ud800", "value": 1})


def test_what_it_cannot_answer_alike_goes_through_sqlalchemy(engines, tmp_path):
    engine = engines[1]
    _both(engines, calls.insert(), CALL)
    with engine.connect() as conn:  # no transaction yet: SQLAlchemy begins one
        assert direct.run(conn, select(calls.c.id)).all() == [("c1",)]
        assert conn.in_transaction()
    expanding = select(calls.c.id).where(calls.c.id.in_(bindparam("ids", expanding=True)))
    with write(engine) as conn:
        assert [r.id for r in direct.run(conn, expanding, {"ids": ["c1", "c2"]})] == ["c1"]
    counted = Table("counted", MetaData(), Column("id", Integer, primary_key=True),
                    Column("label", String(8), default=lambda: "made"))
    counted.create(engine)
    with write(engine) as conn:  # a callable default: computed by SQLAlchemy, not skipped
        direct.run(conn, counted.insert(), {"id": 1})
        assert conn.execute(select(counted.c.label)).scalar() == "made"

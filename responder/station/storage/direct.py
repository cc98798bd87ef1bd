"""Prebuilt statements run straight on the SQLite driver, for the push hot path.

A pushed change costs four to six small statements. Through SQLAlchemy each costs about
50 us of bookkeeping (cache key, execution context, events, result metadata) around 10 us of
SQLite, so on a city's sync most of the station's time was spent there. ``run`` compiles a
statement once per set of parameter names, with SQLAlchemy (so the SQL, defaults and type
conversions are SQLAlchemy's own), and from then on executes the compiled text on the
driver's connection, in the transaction the SQLAlchemy connection has open.

It falls back to ``conn.execute`` whenever it could not give the same answer: on PostgreSQL,
outside a transaction (SQLAlchemy would begin one), for expanding IN lists, and for callable
or SQL column defaults. The rows it returns answer by attribute, by index and through
``_mapping``, with SQLAlchemy's result conversions applied (SQLite booleans come back bool).
tests/unit/test_station_direct.py holds it to SQLAlchemy's answers.
"""

from __future__ import annotations

import sqlite3
from collections import namedtuple
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql import ClauseElement

_Convert = list[tuple[int, Callable[[Any], Any]]]


class _Plan:
    """One statement compiled for one set of parameter names."""

    __slots__ = ("statement", "sql", "names", "fixed", "binds", "row", "results")

    def __init__(self, statement: ClauseElement, sql: str, names: tuple[str, ...],
                 fixed: dict[str, Any], binds: _Convert, row: Any, results: _Convert) -> None:
        self.statement = statement  # held, so the id() it is cached under stays its own
        self.sql = sql
        self.names = names
        self.fixed = fixed
        self.binds = binds
        self.row = row
        self.results = results

    def values(self, params: Mapping[str, Any]) -> list[Any]:
        fixed = self.fixed
        out = [params[n] if n in params else fixed[n] for n in self.names]
        for i, convert in self.binds:
            out[i] = convert(out[i])
        return out


MAX_PLANS = 500
_plans: dict[tuple[int, tuple[str, ...]], _Plan | None] = {}


def _row_class(names: Sequence[str]) -> Any:
    base = namedtuple("Row", names)  # type: ignore[misc]  # noqa: PYI024

    def mapping(self: Any) -> dict[str, Any]:
        return dict(zip(self._fields, self, strict=True))

    return type("Row", (base,), {"__slots__": (), "_mapping": property(mapping)})


def _plan(conn: Connection, statement: ClauseElement, keys: tuple[str, ...]) -> _Plan | None:
    dialect = conn.dialect
    compiled = statement.compile(dialect=dialect, column_keys=list(keys))
    positions = compiled.positiontup or []
    if any(b.expanding for b in compiled.binds.values()):
        return None
    fixed: dict[str, Any] = {}
    for column in (*compiled.insert_prefetch, *compiled.update_prefetch):
        default = column.default if column in compiled.insert_prefetch else column.onupdate
        if default is None or not default.is_scalar:
            return None  # a callable or SQL default: SQLAlchemy computes it per row
        fixed[column.key] = default.arg
    for name, bind in compiled.binds.items():
        if name in positions and name not in keys and name not in fixed:
            if bind.required or bind.callable is not None:
                return None
            fixed[name] = bind.value
    processors = compiled._bind_processors
    binds = [(i, processors[n]) for i, n in enumerate(positions) if n in processors]
    row = None
    results: _Convert = []
    if compiled._result_columns:
        names = [c.keyname for c in compiled._result_columns]
        if len(set(names)) != len(names) or not all(n.isidentifier() and not n.startswith("_")
                                                       for n in names):
            return None
        row = _row_class(names)
        for i, c in enumerate(compiled._result_columns):
            convert = c.type._cached_result_processor(dialect, None)
            if convert is not None:
                results.append((i, convert))
    return _Plan(statement, compiled.string, tuple(positions), fixed, binds, row, results)


class Result:
    """What the push path reads of a result: rowcount, rows, scalars."""

    __slots__ = ("_cursor", "_plan", "rowcount")

    def __init__(self, cursor: Any, plan: _Plan) -> None:
        self._cursor = cursor
        self._plan = plan
        self.rowcount = cursor.rowcount

    def _make(self, raw: Sequence[Any]) -> Any:
        plan = self._plan
        if plan.results:
            raw = list(raw)
            for i, convert in plan.results:
                raw[i] = convert(raw[i])
        return plan.row._make(raw)

    def first(self) -> Any:
        raw = self._cursor.fetchone()
        return None if raw is None else self._make(raw)

    def all(self) -> list[Any]:
        return [self._make(raw) for raw in self._cursor.fetchall()]

    def __iter__(self) -> Iterator[Any]:
        return iter(self.all())

    def scalar(self) -> Any:
        row = self.first()
        return None if row is None else row[0]

    scalar_one_or_none = scalar

    def scalars(self) -> list[Any]:
        return [row[0] for row in self.all()]


def run(conn: Connection, statement: ClauseElement,
        params: Mapping[str, Any] | Sequence[Mapping[str, Any]] | None = None) -> Any:
    """``conn.execute(statement, params)``, on SQLite's driver when that is the same."""
    if conn.dialect.name != "sqlite" or not conn.in_transaction():
        return conn.execute(statement, params)
    many = isinstance(params, list | tuple)
    if many and not params:
        return conn.execute(statement, params)
    first = (params[0] if many else params) or {}  # type: ignore[index]
    keys = tuple(first)
    cache_key = (id(statement), keys)
    plan = _plans.get(cache_key, False)
    if plan is False:
        if len(_plans) > MAX_PLANS:  # statements built per call, not prebuilt: start again
            _plans.clear()
        plan = _plans[cache_key] = _plan(conn, statement, keys)
    if plan is None or (many and any(tuple(p) != keys for p in params)):  # type: ignore[union-attr]
        return conn.execute(statement, params)
    raw = conn.connection.driver_connection
    values = [plan.values(p) for p in params] if many else plan.values(first)  # type: ignore[union-attr]
    try:
        cursor = raw.executemany(plan.sql, values) if many else raw.execute(plan.sql, values)
    except sqlite3.Error as exc:  # as SQLAlchemy raises it (IntegrityError, DataError, ...)
        raise DBAPIError.instance(plan.sql, None, exc, sqlite3.Error, hide_parameters=True,
                                  dialect=conn.dialect) from exc
    return Result(cursor, plan)

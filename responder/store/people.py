"""SQL for people over time: known persons, contacts, follow-ups, consents, retention."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Sequence
from typing import Any

import sqlite_utils
from civilian_responder.models import Consent, Contact, FollowUp, FollowUpAttempt, KnownPerson
from civilian_responder.names import address_key, words

_PERSON = [f.name for f in dataclasses.fields(KnownPerson)]
_CONTACT = [f.name for f in dataclasses.fields(Contact)]
_FOLLOW = [f.name for f in dataclasses.fields(FollowUp) if f.name != "attempts"]
_ATTEMPT = [f.name for f in dataclasses.fields(FollowUpAttempt)]
_CONSENT = [f.name for f in dataclasses.fields(Consent)]
# Outbox kinds whose entity is a row of these tables (what retention checks).
PEOPLE_KINDS = {"person": "persons", "contact": "contacts", "follow_up": "follow_ups"}
MAX_SUGGESTIONS = 8
_CODE_LISTS = ("services_offered", "services_accepted")


def name_tokens(name: str) -> set[str]:
    return set(words(name))


def _person(row: Sequence[Any]) -> KnownPerson:
    values = dict(zip(_PERSON, row, strict=True))
    values["provisional"] = bool(values["provisional"])
    return KnownPerson(**values)


def _contact(row: Sequence[Any]) -> Contact:
    values = dict(zip(_CONTACT, row, strict=True))
    values["violence"] = bool(values["violence"])
    for name in _CODE_LISTS:
        values[name] = tuple(json.loads(values[name] or "[]"))
    return Contact(**values)


def _contact_row(contact: Contact, received_at: str | None) -> dict[str, Any]:
    row = dataclasses.asdict(contact)
    row["violence"] = int(contact.violence)
    row["address_key"] = address_key(contact.address)
    row["received_at"] = received_at
    for name in _CODE_LISTS:
        row[name] = json.dumps(list(row[name]))
    return row


class PeopleRepository:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    # Persons -------------------------------------------------------------------------------

    def put_person(self, person: KnownPerson, received_at: str | None = None) -> None:
        row = dataclasses.asdict(person)
        row["provisional"] = int(person.provisional)
        row["received_at"] = received_at
        self._db.execute(
            f"INSERT INTO persons ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})"
            f" ON CONFLICT(id) DO UPDATE SET "
            + ", ".join(f"{k} = excluded.{k}" for k in row if k != "id"),
            list(row.values()),
        )
        self._db.execute("DELETE FROM person_names WHERE person_id = ?", [person.id])
        tokens = name_tokens(person.display_name) if person.merged_into is None else set()
        for t in tokens:
            self._db.execute(
                "INSERT INTO person_names (token, person_id, last_seen) VALUES (?, ?, ?)",
                [t, person.id, person.last_seen_at or ""],
            )

    def person(self, person_id: str) -> KnownPerson | None:
        row = self._db.execute(
            f"SELECT {', '.join(_PERSON)} FROM persons WHERE id = ?", [person_id]
        ).fetchone()
        return _person(row) if row else None

    def persons(self, ids: Iterable[str]) -> list[KnownPerson]:
        ids = list(ids)
        if not ids:
            return []
        rows = self._db.execute(
            f"SELECT {', '.join(_PERSON)} FROM persons WHERE id IN ({', '.join('?' * len(ids))})",
            ids,
        ).fetchall()
        return [_person(r) for r in rows]

    def suggest(self, typed: str, limit: int = MAX_SUGGESTIONS) -> list[KnownPerson]:
        """Known people whose name has a word starting with each typed word, most recently
        seen first. Merged-away people are not offered (their survivor is)."""
        words = sorted(name_tokens(typed), key=len, reverse=True)
        if not words:
            return []
        # The longest word narrows most; the others filter that short list.
        first, rest = words[0], words[1:]
        # Merged-away people have no name rows, so no join with persons is needed.
        sql = "SELECT n.person_id FROM person_names n WHERE n.token >= ? AND n.token < ?"
        args: list[Any] = [first, first + "\U0010ffff"]
        for w in rest:
            sql += (
                " AND EXISTS (SELECT 1 FROM person_names m WHERE m.person_id = n.person_id"
                " AND m.token >= ? AND m.token < ?)"
            )
            args += [w, w + "\U0010ffff"]
        sql += " GROUP BY n.person_id ORDER BY MAX(n.last_seen) DESC LIMIT ?"
        ids = [r[0] for r in self._db.execute(sql, [*args, limit]).fetchall()]
        found = {p.id: p for p in self.persons(ids)}
        return [found[i] for i in ids if i in found]

    def count_persons(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM persons").fetchone()[0])

    # Contacts ------------------------------------------------------------------------------

    def put_contact(self, contact: Contact, received_at: str | None = None) -> None:
        row = _contact_row(contact, received_at)
        self._db.execute(
            f"INSERT OR REPLACE INTO contacts ({', '.join(row)})"
            f" VALUES ({', '.join('?' * len(row))})",
            list(row.values()),
        )
        if contact.person_id:
            self._db.execute(
                "UPDATE persons SET last_seen_at = ? WHERE id = ?"
                " AND (last_seen_at IS NULL OR last_seen_at < ?)",
                [contact.at, contact.person_id, contact.at],
            )
            self._db.execute(
                "UPDATE person_names SET last_seen = ? WHERE person_id = ? AND last_seen < ?",
                [contact.at, contact.person_id, contact.at],
            )

    def contacts_at(self, address: str, limit: int = 200) -> list[Contact]:
        key = address_key(address)
        if not key:
            return []
        rows = self._db.execute(
            f"SELECT {', '.join(_CONTACT)} FROM contacts WHERE address_key = ?"
            " ORDER BY at DESC LIMIT ?",
            [key, limit],
        ).fetchall()
        return [_contact(r) for r in rows]

    def contacts_with(self, person_ids: Iterable[str], limit: int = 200) -> list[Contact]:
        ids = list(person_ids)
        if not ids:
            return []
        rows = self._db.execute(
            f"SELECT {', '.join(_CONTACT)} FROM contacts"
            f" WHERE person_id IN ({', '.join('?' * len(ids))}) ORDER BY at DESC LIMIT ?",
            [*ids, limit],
        ).fetchall()
        return [_contact(r) for r in rows]

    def count_contacts_at(self, address: str) -> int:
        return int(
            self._db.execute(
                "SELECT COUNT(*) FROM contacts WHERE address_key = ?", [address_key(address)]
            ).fetchone()[0]
        )

    def merge_person(self, gone: str, survivor: str) -> None:
        """Point the merged-away person's rows at the survivor (the station decided)."""
        for table in ("contacts", "follow_ups", "consents"):
            self._db.execute(
                f"UPDATE {table} SET person_id = ? WHERE person_id = ?", [survivor, gone]
            )
        self._db.execute("UPDATE persons SET merged_into = ? WHERE id = ?", [survivor, gone])
        self._db.execute("DELETE FROM person_names WHERE person_id = ?", [gone])

    # Follow-ups ----------------------------------------------------------------------------

    def put_follow_up(self, f: FollowUp, received_at: str | None = None) -> None:
        row = {k: getattr(f, k) for k in _FOLLOW}
        row["received_at"] = received_at
        self._db.execute(
            f"INSERT OR REPLACE INTO follow_ups ({', '.join(row)})"
            f" VALUES ({', '.join('?' * len(row))})",
            list(row.values()),
        )
        for a in f.attempts:
            self.add_attempt(a)

    def add_attempt(self, a: FollowUpAttempt) -> None:
        row = dataclasses.asdict(a)
        self._db.execute(
            f"INSERT OR REPLACE INTO follow_up_attempts ({', '.join(row)})"
            f" VALUES ({', '.join('?' * len(row))})",
            list(row.values()),
        )

    def follow_up(self, follow_up_id: str) -> FollowUp | None:
        found = self._follow_ups("WHERE id = ?", [follow_up_id])
        return found[0] if found else None

    def open_follow_ups(
        self, due_by: str | None = None, person_ids: Iterable[str] = ()
    ) -> list[FollowUp]:
        """Open follow-ups, soonest due first; with ``due_by`` (YYYY-MM-DD) only those due by
        then, with ``person_ids`` only those for these people."""
        where, args = "WHERE state = 'open'", []
        if due_by:
            where += " AND due_date <= ?"
            args.append(due_by)
        ids = list(person_ids)
        if ids:
            where += f" AND person_id IN ({', '.join('?' * len(ids))})"
            args += ids
        return self._follow_ups(where + " ORDER BY due_date, created_at", args)

    def all_follow_ups(self) -> list[FollowUp]:
        return self._follow_ups("ORDER BY due_date, created_at", [])

    def _follow_ups(self, tail: str, args: list[Any]) -> list[FollowUp]:
        rows = self._db.execute(
            f"SELECT {', '.join(_FOLLOW)} FROM follow_ups {tail}", args
        ).fetchall()
        out = []
        for r in rows:
            values = dict(zip(_FOLLOW, r, strict=True))
            attempts = self._db.execute(
                f"SELECT {', '.join(_ATTEMPT)} FROM follow_up_attempts WHERE follow_up_id = ?"
                " ORDER BY at",
                [values["id"]],
            ).fetchall()
            values["attempts"] = tuple(FollowUpAttempt(*a) for a in attempts)
            out.append(FollowUp(**values))
        return out

    def update_follow_up(self, follow_up_id: str, fields: dict[str, Any]) -> None:
        self._db["follow_ups"].update(follow_up_id, fields)

    def link_call(
        self, call_id: str, follows_call_id: str | None, follow_up_id: str | None
    ) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO call_links VALUES (?, ?, ?)",
            [call_id, follows_call_id, follow_up_id],
        )

    def name_for_call(self, call_id: str, person_ids: Iterable[str]) -> None:
        for pid in person_ids:
            self._db.execute("INSERT OR IGNORE INTO call_persons VALUES (?, ?)", [call_id, pid])

    def named_for_call(self, call_id: str) -> list[str]:
        rows = self._db.execute(
            "SELECT c.person_id FROM call_persons c WHERE c.call_id = ?", [call_id]
        ).fetchall()
        return [r[0] for r in rows]

    def call_link(self, call_id: str) -> tuple[str | None, str | None] | None:
        row = self._db.execute(
            "SELECT follows_call_id, follow_up_id FROM call_links WHERE call_id = ?", [call_id]
        ).fetchone()
        return (row[0], row[1]) if row else None

    # Consents ------------------------------------------------------------------------------

    def put_consent(self, c: Consent) -> None:
        row = dataclasses.asdict(c)
        row["given"] = int(c.given)
        self._db.execute(
            "DELETE FROM consents WHERE report_id = ? AND kind = ? AND person_id IS ?",
            [c.report_id, c.kind, c.person_id],
        )
        self._db.execute(
            f"INSERT INTO consents ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
            list(row.values()),
        )

    def consents(self, report_id: str) -> list[Consent]:
        rows = self._db.execute(
            f"SELECT {', '.join(_CONSENT)} FROM consents WHERE report_id = ? ORDER BY kind, at",
            [report_id],
        ).fetchall()
        out = []
        for r in rows:
            values = dict(zip(_CONSENT, r, strict=True))
            values["given"] = bool(values["given"])
            out.append(Consent(**values))
        return out

    # Retention -----------------------------------------------------------------------------

    def purgeable(self, acked_before: str) -> dict[str, list[str]]:
        """Rows the station has had since before ``acked_before``: every outbox entry for the
        row is acknowledged (none pending, quarantined or in conflict) and the last ack is
        older; rows the station sent count as had from when they arrived. Nothing else."""
        out: dict[str, list[str]] = {}
        for kind, table in PEOPLE_KINDS.items():
            rows = self._db.execute(
                f"""SELECT t.id FROM {table} t
                    LEFT JOIN (SELECT entity_id, MAX(acked_at) AS acked,
                                      SUM(state != 'acked') AS open_changes
                               FROM outbox WHERE kind = ? GROUP BY entity_id) o
                      ON o.entity_id = t.id
                    WHERE (o.entity_id IS NOT NULL AND o.open_changes = 0 AND o.acked < ?)
                       OR (o.entity_id IS NULL AND t.origin = 'station'
                           AND t.received_at IS NOT NULL AND t.received_at < ?)""",
                [kind, acked_before, acked_before],
            ).fetchall()
            out[table] = [r[0] for r in rows]
        # A person stays while anything staying on this laptop still names them.
        going = {t: set(ids) for t, ids in out.items()}
        named: set[str] = set()
        for table in ("contacts", "follow_ups"):
            for row_id, person_id in self._db.execute(
                f"SELECT id, person_id FROM {table} WHERE person_id IS NOT NULL"
            ):
                if row_id not in going[table]:
                    named.add(person_id)
        out["persons"] = [pid for pid in out["persons"] if pid not in named]
        return out

    def purge(self, ids: dict[str, list[str]]) -> int:
        """Delete the given rows (from :meth:`purgeable`). Caller owns the transaction."""
        n = 0
        for table, row_ids in ids.items():
            if table not in PEOPLE_KINDS.values():
                raise ValueError(table)
            for chunk in range(0, len(row_ids), 500):
                part = row_ids[chunk : chunk + 500]
                marks = ", ".join("?" * len(part))
                if table == "persons":
                    self._db.execute(f"DELETE FROM person_names WHERE person_id IN ({marks})", part)
                if table == "follow_ups":
                    self._db.execute(
                        f"DELETE FROM follow_up_attempts WHERE follow_up_id IN ({marks})", part
                    )
                n += self._db.execute(f"DELETE FROM {table} WHERE id IN ({marks})", part).rowcount
        return n

    def insert_many_persons(self, persons: Iterable[KnownPerson]) -> None:
        """Bulk load (demo, benchmarks): one statement per table."""
        rows, names = [], []
        for p in persons:
            row = dataclasses.asdict(p)
            row["provisional"] = int(p.provisional)
            row["received_at"] = None
            rows.append(row)
            names += [
                {"token": t, "person_id": p.id, "last_seen": p.last_seen_at or ""}
                for t in name_tokens(p.display_name)
            ]
        self._db["persons"].insert_all(rows, batch_size=1000)
        self._db["person_names"].insert_all(names, batch_size=2000, ignore=True)

    def insert_many_contacts(self, contacts: Iterable[Contact]) -> None:
        rows = [_contact_row(c, None) for c in contacts]
        self._db["contacts"].insert_all(rows, batch_size=1000)

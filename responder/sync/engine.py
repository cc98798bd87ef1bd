"""The sync engine. Each round has three phases (STYLE.md, Threads):

1. ``prepare()`` on the thread that owns the store: pending outbox entries and photo metadata
   are copied into an immutable ``SyncPlan``;
2. ``transfer(plan)`` on a worker (``transfer.py``): the network (push in batches, upload
   photos, pull from the cursor), cancellable, reporting progress. Its only database access is
   reading photo bytes through the plan's ``PhotoSource`` (a read-only connection of its own,
   per batch);
3. ``apply(result)`` back on the owning thread: the acknowledgements and uploaded photos in
   one transaction, then the pulled changes and the new cursor in another (the UI runs the
   two in separate turns of its event loop, so neither adds to the other's GUI stall).

A round that fails half-way still applies what the station already answered, so nothing is
marked synced without the station's word and nothing answered is asked again needlessly.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from civilian_responder.audit import AuditRecorder
from civilian_responder.clock import Clock, CorrectedClock, iso
from civilian_responder.errors import (
    ResponderError,
    SyncError,
    SyncErrorKind,
    said_from_json,
    said_to_json,
    say,
)
from civilian_responder.models import OutboxEntry
from civilian_responder.store import Store
from civilian_responder.sync.client import StationClient
from civilian_responder.sync.enrollment import (
    Enrollment,
    EnrollmentGrant,
    request_enrollment,
    store_enrollment,
)
from civilian_responder.sync.incoming import IncomingCounts, Stored, store_changes
from civilian_responder.sync.photos import Upload
from civilian_responder.sync.recovery import (
    change_check,
    queue_call_copies,
    queue_recovery,
)
from civilian_responder.sync.status import (
    META_CURSOR,
    META_CURSOR_CHECK,
    META_DEVICE,
    META_EPOCH,
    META_ERROR,
    META_ERROR_KIND,
    META_ERROR_SAID,
    META_LAST_ACK,
    META_LAST_OK,
    META_STUCK,
    META_URL,
    SyncStatus,
    token_account,
)
from civilian_responder.sync.token_store import TokenStore
from civilian_responder.sync.transfer import (
    OUTCOME_STATE,
    Follower,
    ProgressCallback,
    RoundResult,
    SyncPlan,
    SyncSettings,
    Transfer,
    round_did_work,
)

log = logging.getLogger(__name__)

MAX_ROUNDS = 100_000
GIVE_UP_AFTER = 5  # syncs failing on one unreadable station change before it is passed over


@dataclass
class SyncSummary:
    rounds: int = 0
    applied: int = 0
    quarantined: int = 0
    conflicts: int = 0
    uploaded: int = 0
    pulled: int = 0
    incoming: IncomingCounts = field(default_factory=IncomingCounts)
    cancelled: bool = False

    def add(self, result: RoundResult, counts: IncomingCounts) -> None:
        self.rounds += 1
        # Audit rows travel with every sync; the user's counts are about their own records.
        audit = {c.change_id for c in result.plan.changes if c.kind == "audit"}
        states = [OUTCOME_STATE.get(status) for cid, status, _ in result.outcomes
                  if cid not in audit]
        self.applied += states.count("acked")
        self.quarantined += states.count("quarantined")
        self.conflicts += states.count("conflict")
        self.uploaded += len(result.uploaded)
        self.pulled += len(result.pulled)
        for name in vars(counts):
            setattr(self.incoming, name, getattr(self.incoming, name) + getattr(counts, name))
        self.cancelled = self.cancelled or result.cancelled

    def text(self) -> str:
        parts = [f"{self.applied} sent", f"{self.uploaded} photos uploaded",
                 f"{self.pulled} received"]
        if self.quarantined:
            parts.append(f"{self.quarantined} refused by the station")
        if self.conflicts:
            parts.append(f"{self.conflicts} in conflict")
        if self.incoming.skipped:
            parts.append(f"{self.incoming.skipped} station changes unreadable")
        if self.incoming.unreadable:
            parts.append("a station change unreadable (asked for again next time)")
        if self.incoming.recovered:
            parts.append(f"the station went back to an older backup: {self.incoming.recovered} "
                         "changes offered again")
        return ", ".join(parts)


class SyncEngine:
    """Sync for one open profile. ``prepare``/``apply`` belong to the store's thread;
    ``transfer`` and ``probe`` touch only the network."""

    def __init__(self, store: Store, checklist_dir: Path, clock: Clock, tokens: TokenStore,
                 statuses: tuple[str, ...], settings: SyncSettings | None = None,
                 audit: AuditRecorder | None = None) -> None:
        self._store = store
        self._checklists = checklist_dir
        self._clock = clock
        self.tokens = tokens
        self._statuses = statuses
        self.settings = settings or SyncSettings()
        # Seconds one change took to apply on this thread, answers and pulled (measured).
        self._cost = {"answers": 0.0, "pulled": 0.0, "prepare": 0.0}
        self.enrolled_listeners: list[Callable[[str], None]] = []
        self.audit = audit
        # Called (on the store's thread) after a round stored new checklist definitions.
        self.definitions_listeners: list[Callable[[], None]] = []
        # Stores pulled people changes (person, person_merge, prior_contacts): (kind, payload).
        self.people: Callable[[str, dict[str, Any]], str | None] | None = None

    # Enrollment -----------------------------------------------------------------------------

    def enroll(self, station_url: str, code: str, device_name: str | None = None) -> Enrollment:
        """Both halves on this thread (CLI). The UI runs ``request_enrollment`` on a worker
        and hands the grant to ``complete_enrollment``."""
        return self.complete_enrollment(
            request_enrollment(station_url, code, device_name, timeout=self.settings.timeout))

    def complete_enrollment(self, grant: EnrollmentGrant) -> Enrollment:
        enrollment = store_enrollment(self._store, self.tokens, grant)
        for listener in self.enrolled_listeners:
            listener(enrollment.unit_id)
        return enrollment

    # Status ---------------------------------------------------------------------------------

    @property
    def station_url(self) -> str:
        return self._store.get_meta(META_URL) or ""

    def status(self) -> SyncStatus:
        url = self.station_url
        kind = self._store.get_meta(META_ERROR_KIND) or ""
        return SyncStatus(
            enrolled=bool(url), station_url=url, unit_id=self._store.get_meta("unit_id") or "",
            waiting=self._store.sync.waiting_counts(),
            last_success_at=self._store.get_meta(META_LAST_OK),
            last_error_kind=SyncErrorKind(kind) if kind else None,
            last_error=self._last_error(),
            problems=len(self._store.sync.problems()),
            token_persistent=self.tokens.persistent,
            token_available=bool(url) and self._token() is not None,
        )

    def _last_error(self) -> str:
        """The last sync error as stored: translatable when its words were kept with it."""
        text = self._store.get_meta(META_ERROR) or ""
        said = said_from_json(self._store.get_meta(META_ERROR_SAID) or "")
        return said if said and said == text else text

    def _remember_error(self, error: SyncError | None) -> None:
        message = "" if error is None else (error.args[0] if error.args else str(error))
        self._store.set_meta(META_ERROR_KIND, "" if error is None else error.kind.value)
        self._store.set_meta(META_ERROR, "" if error is None else str(error))
        self._store.set_meta(META_ERROR_SAID, said_to_json(message) if message else "")

    def problems(self) -> list[OutboxEntry]:
        """Quarantined and conflicting changes, with the station's reason, for the user."""
        return self._store.sync.problems()

    def record_failure(self, error: SyncError) -> None:
        with self._store.atomic("saving the sync error"):
            self._remember_error(error)

    # Phase 1 --------------------------------------------------------------------------------

    def prepare(self) -> SyncPlan:
        url = self.station_url
        if not url:
            raise SyncError(SyncErrorKind.AUTH,
                            say("Sync", "This device is not connected to a station yet"))
        token = self._token()
        if token is None:
            raise SyncError(SyncErrorKind.AUTH, say(
                "Sync", "The station sign-in is not available in the keyring; connect to the "
                "station again") if self.tokens.persistent else say(
                "Sync", "The station sign-in is not available (it was kept in memory only); "
                "connect to the station again"))
        s = self.settings
        started = time.perf_counter()
        # Reading the changes is the GUI-thread cost of a round: as many as fit in one step
        # (``first_round_changes`` until this machine's pace is known).
        limit = self._fits("prepare", s.round_changes, s.first_round_changes)
        changes = self._store.sync.pending_changes(limit, s.round_change_bytes)
        last_round = len(changes) < limit  # this round holds every change waiting
        # Photo metadata waiting only for a report that goes in this round goes too, pushed
        # once the station acknowledged that report.
        reports = {c.entity_id: c.change_id for c in changes if c.kind == "report"}
        taken = {c.change_id for c in changes}
        followers = tuple(
            Follower(meta, after) for meta, after in self._store.sync.metas_following(
                reports, s.round_changes)
            if meta.change_id not in taken)
        photos = self._store.photo_source()
        if photos is None:
            uploads = tuple(
                Upload(att.id, att.sha256, data)
                for att, data in self._store.sync.uploadable_attachments(
                    s.round_upload_bytes, s.prepare_photo_seconds)
            )
        else:
            # The photos of this round's metadata go from the round's start (their reports are
            # finished), then those of earlier rounds' acknowledged metadata, and, when this
            # round holds every change waiting, those of every finished report. A round that
            # is not the last carries no more photo bytes than go with its own changes: its
            # push, not the photos, is what the next round waits for.
            metas = [c.entity_id for c in changes if c.kind == "attachment_meta"]
            metas += [f.change.entity_id for f in followers]
            ours = self._store.sync.not_uploaded(metas, s.round_upload_bytes)
            taken_ids = {a.id for a in ours}
            others = self._store.sync.uploadable(
                s.round_upload_bytes - sum(a.size for a in ours),
                max(1, s.round_photos - len(ours)), finished=last_round)
            uploads = tuple(Upload(a.id, a.sha256, None, a.size)
                            for a in [*ours, *(o for o in others if o.id not in taken_ids)])
        self._measured("prepare", len(changes) + len(followers), time.perf_counter() - started)
        cursor = int(self._store.get_meta(META_CURSOR) or 0)
        epoch = self._store.get_meta(META_EPOCH) or ""
        stuck_seq, attempts = _stuck(self._store.get_meta(META_STUCK))
        return SyncPlan(
            url, token, cursor, tuple(changes), uploads, epoch,
            last_ack=self._store.get_meta(META_LAST_ACK) or "",
            cursor_check=self._store.get_meta(META_CURSOR_CHECK) or "",
            cad_numbers=tuple(self._store.sync.highest_cad_numbers()),
            give_up_seq=stuck_seq if attempts >= GIVE_UP_AFTER else None,
            photos=photos, pull_budget=s.round_pull,
            followers=followers,
        )

    def _fits(self, step: str, most: int, cautious: int = 150) -> int:
        """How many changes one GUI-thread step takes in ``gui_step_seconds``, at this
        machine's measured pace (a cautious number until measured; never fewer than 20)."""
        cost = self._cost[step]
        if cost <= 0:
            return min(most, cautious)
        return max(min(20, most), min(most, int(self.settings.gui_step_seconds / cost)))

    def _measured(self, step: str, count: int, seconds: float) -> None:
        if count >= 10:  # a handful of rows says more about fixed costs than about pace
            pace = seconds / count
            old = self._cost[step]
            # Up at once, down slowly: one quick step on a busy machine proves little.
            self._cost[step] = pace if old <= 0 else max(pace, 0.8 * old + 0.2 * pace)

    # Phase 2 (worker) -----------------------------------------------------------------------

    def transfer(self, plan: SyncPlan, cancel: threading.Event | None = None,
                 progress: ProgressCallback | None = None) -> RoundResult:
        """Network only. Never raises SyncError: it is carried in the result, after whatever
        the station already answered."""
        return Transfer(plan, self.settings, cancel or threading.Event(), progress,
                        getattr(self._clock, "raw", self._clock)).run()

    def probe(self, station_url: str) -> bool:
        """Is the station reachable? Cheap; safe on any thread (no database)."""
        if not station_url:
            return False
        try:
            with StationClient(station_url, timeout=self.settings.probe_timeout) as client:
                return client.health().get("status") == "ok"
        except SyncError:
            return False

    # Phase 3 --------------------------------------------------------------------------------

    def apply(self, result: RoundResult) -> IncomingCounts:
        """Store one round's outcome: the station's answers, then what it sent."""
        recovered = self.apply_answers(result)
        return recovered if recovered is not None else self.apply_pulled(result)

    def apply_answers(self, result: RoundResult) -> IncomingCounts | None:
        """The station's answers (acknowledgements, uploaded photos), all slices at once (see
        ``answer_steps``). A station that went back to an older backup instead has everything
        re-offered: then the counts of that, and the round's pulled changes are not stored
        (None otherwise)."""
        return _run_through(self.answer_steps(result))

    def answer_steps(self, result: RoundResult) -> Generator[None, None, IncomingCounts | None]:
        """The station's answers in slices, one transaction each, sized to
        ``gui_step_seconds`` at this machine's measured pace: the UI runs one slice per turn
        of its event loop (it yields between slices). A slice that never commits only means
        those changes are offered again next time, and the station answers ``duplicate``.
        Returns what ``apply_answers`` returns."""
        new_epoch = bool(result.epoch and result.plan.epoch and result.epoch != result.plan.epoch)
        if new_epoch or result.regressed:
            return self._recover(result.epoch, result.regressed or "new epoch")
        at = iso(self._clock.now())
        marks = [(cid, OUTCOME_STATE[status], reason, at)
                 for cid, status, reason in result.outcomes if status in OUTCOME_STATE]
        receipted = {cid for cid, status, _ in result.outcomes
                     if status in ("applied", "duplicate", "conflict")}
        uploaded = list(result.uploaded)
        first = True
        while first or marks or uploaded:
            size = self._fits("answers", self.settings.push_batch)
            part, marks = marks[:size], marks[size:]
            room = max(0, size - len(part))
            photos, uploaded = uploaded[:room], uploaded[room:]
            head = first and (result.clock is not None or (result.epoch and not result.plan.epoch))
            started = time.perf_counter()
            if part or photos or head:
                with self._store.replayable("saving what the station answered"):
                    if head and result.epoch and not result.plan.epoch:
                        self._store.set_meta(META_EPOCH, result.epoch)
                    if head and result.clock is not None:
                        result.clock.save(self._store)
                        if isinstance(self._clock, CorrectedClock):
                            self._clock.offset_seconds = result.clock.offset_seconds
                    self._store.sync.mark_results(part)
                    last = [m[0] for m in part if m[0] in receipted]
                    if last:
                        self._store.set_meta(META_LAST_ACK, last[-1])
                    self._store.sync.mark_uploaded(photos)
            self._measured("answers", len(part) + len(photos), time.perf_counter() - started)
            first = False
            if marks or uploaded:
                yield
        for attachment_id, reason in result.upload_failures:
            log.warning("Photo %s was not accepted: %s", attachment_id, reason)
        return None

    def apply_pulled(self, result: RoundResult) -> IncomingCounts:
        """The pulled changes and the new cursor, all slices at once (see ``pulled_steps``;
        after ``apply_answers``)."""
        return _run_through(self.pulled_steps(result))

    def pulled_steps(self, result: RoundResult) -> Generator[None, None, IncomingCounts]:
        """The pulled changes in slices sized to ``gui_step_seconds`` at this machine's pace,
        each stored with the cursor moved to its last change in one transaction; the UI runs
        one slice per turn of its event loop (it yields between slices). The cursor moves
        with the changes, never past one that could not be stored: a slice that never ran
        is pulled again next time, exactly as a shorter page would have left it."""
        at = iso(self._clock.now())
        rest = list(result.pulled)
        cursor = result.plan.cursor  # where the stored cursor stands (moved by each slice)
        counts = IncomingCounts()
        first = True
        while first or rest:
            first = False
            size = self._fits("pulled", self.settings.pull_limit)
            part, rest = rest[:size], rest[size:]
            started = time.perf_counter()
            with self._store.replayable("saving what the station sent"):
                stored = store_changes(self._store, self._checklists, part, self._statuses,
                                       result.plan.give_up_seq, people=self.people)
                if stored.stuck is not None:
                    rest = []  # nothing after an unreadable change is stored this round
                moved = self._move_cursor(result, stored, cursor, last=not rest)
                self._copy_clashing(stored)
                if not rest:
                    self._finish_pull(result, stored, at)
            cursor = moved  # only once committed (a replayed block starts from the same)
            self._measured("pulled", len(part), time.perf_counter() - started)
            for name, value in dataclasses.asdict(stored.counts).items():
                setattr(counts, name, getattr(counts, name) + value)
            if rest:
                yield
        if counts.checklists:
            for listener in self.definitions_listeners:
                listener()
        return counts

    def _finish_pull(self, result: RoundResult, stored: Stored, at: str) -> None:
        if result.error is None and stored.stuck is not None:
            result.error = SyncError(
                SyncErrorKind.PROTOCOL, say(
                    "Sync", "The station sent a change this device could not read "
                    "(#{seq}); it is asked for again at the next sync").format(
                        seq=stored.stuck))
            result.more_to_pull = False
        if result.error is not None:
            self._remember_error(result.error)
        elif not result.cancelled:
            self._store.set_meta(META_LAST_OK, at)
            self._remember_error(None)

    def _move_cursor(self, result: RoundResult, stored: Stored, held: int,
                     last: bool = True) -> int:
        """After a slice: to its last change stored; after the round's last slice with
        nothing stuck, to the page's cursor (which may pass changes not for this unit).
        ``held`` is the cursor stored now; returns the one stored after."""
        if stored.stuck is not None:
            seq, attempts = _stuck(self._store.get_meta(META_STUCK))
            attempts = attempts + 1 if seq == stored.stuck else 1
            self._store.set_meta(META_STUCK, f"{stored.stuck}:{attempts}")
            cursor = stored.through if stored.through is not None else held
        elif not last:
            cursor = stored.through if stored.through is not None else held
        else:
            cursor = result.cursor
            if self._store.get_meta(META_STUCK):
                self._store.set_meta(META_STUCK, "")
        if cursor != held:
            self._store.set_meta(META_CURSOR, str(cursor))
            if stored.through_change is not None and stored.through == cursor:
                self._store.set_meta(META_CURSOR_CHECK, change_check(stored.through_change))
            else:  # the cursor moved past changes not for us (an empty page's cursor)
                self._store.set_meta(META_CURSOR_CHECK, "")
        return cursor

    def _copy_clashing(self, stored: Stored) -> None:
        """The station gave one of our calls' numbers to another call: send it our copy, so it
        renumbers the newer one (and re-learns ours)."""
        if stored.clashes:
            queue_call_copies(self._store, set(stored.clashes), iso(self._clock.now()))

    def _recover(self, epoch: str, why: str) -> IncomingCounts:
        """The station went back to an older backup and may have lost what it acknowledged:
        offer everything again (with our copies of the calls it belongs to and of the review
        decisions we hold), and pull from the start (medic/cht-core#8093). Whatever the
        re-pull brings, an older copy never replaces what this unit holds."""
        with self._store.atomic("re-offering changes to a restored station"):
            count = queue_recovery(self._store, iso(self._clock.now()))
            self._store.set_meta(META_CURSOR, "0")
            self._store.set_meta(META_CURSOR_CHECK, "")
            self._store.set_meta(META_LAST_ACK, "")
            self._store.set_meta(META_STUCK, "")
            if epoch:
                self._store.set_meta(META_EPOCH, epoch)
        log.warning("The station went back to an older backup (%s); re-offering %d changes",
                    why, count)
        self._audit("station-restored", why)
        return IncomingCounts(recovered=count)

    # All phases on one thread (CLI, tests) --------------------------------------------------

    def sync(self, cancel: threading.Event | None = None,
             progress: ProgressCallback | None = None) -> SyncSummary:
        """Rounds until nothing is left to send or receive. Raises the round's SyncError after
        applying what that round did get."""
        summary = SyncSummary()
        self.record_started()
        while summary.rounds < MAX_ROUNDS:
            try:
                plan = self.prepare()
            except SyncError as exc:
                self.record_failure(exc)
                self.record_finished(summary, exc)
                raise
            result = self.transfer(plan, cancel, progress)
            summary.add(result, self.apply(result))
            if result.error is not None:
                self.record_finished(summary, result.error)
                raise result.error
            if result.cancelled or not round_did_work(result):
                break
        self.record_finished(summary)
        return summary

    def record_started(self) -> None:
        """Audit a sync run when it starts, so its row travels in this very run; a run that
        fails or is cancelled adds a second row (sent next time)."""
        self._audit("started", "")

    def record_finished(self, summary: SyncSummary | None,
                        error: BaseException | None = None) -> None:
        if error is None and not (summary and summary.cancelled):
            return  # success: the station holds the "started" row and every change it acked
        detail = summary.text() if summary else ""
        if isinstance(error, SyncError):
            detail = f"{detail}; {error.kind.value}".lstrip("; ")
        self._audit("failed" if error else "cancelled", detail)

    def _audit(self, outcome: str, detail: str) -> None:
        if self.audit is None:
            return
        try:
            self.audit("sync", f"station:{self.station_url}", outcome, detail)
        except ResponderError:
            log.warning("Could not record the sync in the audit trail")

    def _token(self) -> str | None:
        device = self._store.get_meta(META_DEVICE) or ""
        return self.tokens.load(token_account(device)) if device else None


def _run_through(steps: Generator[None, None, Any]) -> Any:
    """Every step of a sliced store at once (the CLI and tests; the window runs one step per
    turn of its event loop); returns what the generator returns."""
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return done.value


def _stuck(value: str | None) -> tuple[int | None, int]:
    seq, _, attempts = (value or "").partition(":")
    try:
        return int(seq), int(attempts or 0)
    except ValueError:
        return None, 0

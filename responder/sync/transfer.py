"""Phase 2 of a sync round (see ``engine``): the network conversation, on a worker thread.

What crosses between the phases lives here too: the ``SyncPlan`` the owning thread prepares, the
``RoundResult`` the worker hands back, progress, and the settings that size a round. Nothing in
this module touches the store; photo bytes are read through the plan's ``PhotoSource``.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from civilian_responder.clock import Clock, SystemClock
from civilian_responder.errors import ResponderError, SyncError, SyncErrorKind, say
from civilian_responder.models import PendingChange
from civilian_responder.store.attachments import PhotoSource
from civilian_responder.sync.client import StationClient
from civilian_responder.sync.clock_check import ClockCheck, measure
from civilian_responder.sync.photos import Upload, photo_batches, send_batch, send_resumable
from civilian_responder.sync.recovery import check_page

log = logging.getLogger(__name__)

ProgressCallback = Callable[["SyncProgress"], None]
OUTCOME_STATE = {  # the station's answer -> the outbox state it leaves
   "applied": "acked", "duplicate": "acked", "rejected": "quarantined",
                 "conflict": "conflict"}


@dataclass(frozen=True)
class SyncSettings:
    push_batch: int = 500  # the station's maximum per push
    push_batch_bytes: int = 6 * 1024 * 1024
    # Several push batches per round (each round costs a health, state and pull exchange).
    # The acknowledgements are applied on the GUI thread in slices, one transaction each,
    # sized to ``gui_step_seconds`` from how long the last ones took (a slow or loaded
    # machine gets smaller slices), so no slice stalls the window for long.
    round_changes: int = 4000
    # Until this machine's pace is measured. A shift's work (about 700 changes) fits in one
    # round, so its photos all go up side by side from the start instead of a second round
    # sending the last ones two at a time; 1,000 are read in about 5 ms here.
    first_round_changes: int = 1000
    gui_step_seconds: float = 0.012  # a loaded machine varies 3x from one step to the next
    round_change_bytes: int = 16 * 1024 * 1024
    # Photo bytes per round. The worker reads them itself (``Store.photo_source``); a store
    # without a file has them read by prepare, on the GUI thread, so then also at most as many
    # as it reads in ``prepare_photo_seconds``.
    round_upload_bytes: int = 512 * 1024 * 1024
    round_photos: int = 2000
    prepare_photo_seconds: float = 0.015
    chunk_bytes: int = 4 * 1024 * 1024  # resumable PATCH chunks (the station's maximum)
    parallel_uploads: int = 2
    photo_batch_bytes: int = 16 * 1024 * 1024  # whole photos per batch request (v1.1)
    batch_photos_up_to: int = 4 * 1024 * 1024  # larger photos use resumable PATCH chunks
    overlap_uploads: bool = True  # photos go up while later push batches are answered
    pull_limit: int = 200
    # Pulled per round; stored in slices sized as above (``SyncEngine.pulled_steps``), so a
    # round can bring a city's CAD numbers without a pull-only round per 200 of them.
    round_pull: int = 2000
    timeout: float = 30.0
    probe_timeout: float = 3.0
    round_deadline: float = 300.0  # one round's whole conversation, however the station answers


@dataclass(frozen=True)
class Follower:
    """A change that goes only once the station acknowledged another change of this round
    (a photo's metadata after its report's change)."""

    change: PendingChange
    after: str  # change_id it waits for


@dataclass(frozen=True)
class SyncPlan:
    """Phase 1's snapshot: everything the worker needs, nothing it could use to touch sqlite."""

    station_url: str
    token: str
    cursor: int
    changes: tuple[PendingChange, ...]
    uploads: tuple[Upload, ...]
    epoch: str = ""  # the station epoch this device last synced under ("" = not known yet)
    last_ack: str = ""  # the change the station acknowledged last
    cursor_check: str = ""  # fingerprint of the feed change the cursor stands on
    cad_numbers: tuple[str, ...] = ()  # the highest CAD number held, per year
    give_up_seq: int | None = None  # an unreadable change tried often enough: pass over it
    followers: tuple[Follower, ...] = ()  # pushed after the changes they wait for
    photos: PhotoSource | None = None  # reads the bytes of uploads that carry none
    pull_budget: int | None = None  # changes to pull this round (None: settings.round_pull)


@dataclass(frozen=True)
class SyncProgress:
    phase: str  # push | upload | pull
    done: int
    total: int


@dataclass
class RoundResult:
    """Phase 2's answer, handed from the worker to the owning thread."""

    plan: SyncPlan
    outcomes: list[tuple[str, str, str]] = field(default_factory=list)  # change_id, status, why
    uploaded: list[str] = field(default_factory=list)
    upload_failures: list[tuple[str, str]] = field(default_factory=list)
    pulled: list[Mapping[str, Any]] = field(default_factory=list)
    cursor: int = 0
    more_to_pull: bool = False
    cancelled: bool = False
    error: SyncError | None = None
    epoch: str = ""  # what the station said this round
    clock: ClockCheck | None = None  # this device's clock against the station's
    regressed: str = ""  # why the station looks restored from an older backup ("" = it is not)


def round_did_work(result: RoundResult) -> bool:
    """Another round is worth it only if this one moved something (else we would loop)."""
    new_epoch = bool(result.epoch and result.plan.epoch and result.epoch != result.plan.epoch)
    return bool(result.outcomes or result.uploaded or result.pulled or result.more_to_pull
                or new_epoch or result.regressed)


class Transfer:
    """Phase 2 of one round: the network conversation. Lives on the worker thread."""

    def __init__(self, plan: SyncPlan, settings: SyncSettings, cancel: threading.Event,
                 progress: ProgressCallback | None, clock: Clock | None = None) -> None:
        self.plan = plan
        self._clock = clock or SystemClock()
        self.s = settings
        self.cancel = cancel
        self.progress = progress or (lambda p: None)
        self.result = RoundResult(plan, cursor=plan.cursor)
        self._stop = threading.Event()  # set when one upload failed in a way that ends the round
        self.features: set[str] = set()  # what the station's health answer offers (v1.1)

    def run(self) -> RoundResult:
        if self.plan.photos is not None:
            try:
                self.plan.photos.checkpoint()
            except ResponderError as exc:  # only tidying: the owner's commits checkpoint too
                log.info("Could not checkpoint the database from the sync worker: %s", exc)
        try:
            with StationClient(self.plan.station_url, self.plan.token, timeout=self.s.timeout,
                               deadline=self.s.round_deadline) as client:
                sent = self._clock.now()
                health = client.health()
                self.result.clock = measure(sent, self._clock.now(), health.get("time"))
                self.result.epoch = str(health.get("epoch") or "")
                features = health.get("features")
                self.features = {str(f) for f in features} if isinstance(features, list) else set()
                if self.plan.epoch and self.result.epoch and self.result.epoch != self.plan.epoch:
                    return self.result  # restored station: re-offer everything first
                self.result.regressed = self._went_back(client)
                if self.result.regressed:
                    return self.result
                for step in (self._push_and_upload, self._pull):
                    if self.cancel.is_set():
                        self.result.cancelled = True
                        break
                    step(client)
        except SyncError as exc:
            self.result.error = exc
        return self.result

    def _push_and_upload(self, client: StationClient) -> None:
        """The push batches in order, each follower in the batch after the acknowledgement it
        waited for. The plan's photos go up alongside from the start (after the push, with
        ``overlap_uploads`` off), so the station stores bytes while it applies changes. All
        before the pull."""
        uploads = _Uploads(self, client)
        try:
            if self.s.overlap_uploads:
                uploads.send(self.plan.uploads)
            self._push(client)
            if not self.s.overlap_uploads:
                uploads.send(self.plan.uploads)
        except BaseException:
            self._stop.set()
            uploads.finish(quietly=True)
            raise
        uploads.finish()

    def _went_back(self, client: StationClient) -> str:
        """Ask whether the station still holds what it told us it had: our last acknowledged
        change and the feed change our cursor stands on. Either gone means it was restored from
        an older backup, whether or not anyone ran ``new-epoch``."""
        plan = self.plan
        state = client.sync_state(plan.last_ack, plan.cursor, plan.cursor_check,
                                  plan.cad_numbers)
        if state is None:
            return ""
        if state.get("change_known") is False:
            return "it no longer holds changes it had acknowledged"
        if not state["cursor_ok"]:
            return "its pull feed went back"
        return ""

    def _push(self, client: StationClient) -> None:
        """Push in batches. A follower goes at the head of the batch after the one that
        brought its change's acknowledgement (a photo's metadata early in the round)."""
        waiting: dict[str, list[PendingChange]] = {}
        for follower in self.plan.followers:
            waiting.setdefault(follower.after, []).append(follower.change)
        ready: list[PendingChange] = []
        rest = list(self.plan.changes)
        total = len(rest) + len(self.plan.followers)
        done = 0
        while rest or ready:
            if self.cancel.is_set():
                self.result.cancelled = True
                return
            batch = _next_batch(ready, rest, self.s.push_batch, self.s.push_batch_bytes)
            answers = client.push([_wire(c) for c in batch])
            for answer in answers:
                status = str(answer.get("status"))
                if status not in OUTCOME_STATE:
                    raise SyncError(SyncErrorKind.PROTOCOL,
                                    say("Sync", "The station answered a change with "
                                        "{status}").format(status=repr(status)))
                change_id = str(answer["change_id"])
                self.result.outcomes.append((change_id, status, str(answer.get("reason") or "")))
                if status in ("applied", "duplicate"):
                    ready.extend(waiting.pop(change_id, ()))
            done += len(batch)
            self.progress(SyncProgress("push", done, total))

    def _loaded(self, group: tuple[Upload, ...]) -> tuple[Upload, ...]:
        """The group with its bytes (read here, on the worker, when the plan carries none);
        a photo deleted since prepare is left out (and so never marked uploaded)."""
        missing = [up.attachment_id for up in group if up.data is None]
        if not missing or self.plan.photos is None:
            return group
        try:
            data = self.plan.photos.read(missing)
        except ResponderError as exc:  # left waiting: tried again next sync
            self.result.upload_failures.extend((i, f"could not be read: {exc}") for i in missing)
            data = {}
        return tuple(up if up.data is not None else Upload(up.attachment_id, up.sha256,
                                                           data[up.attachment_id])
                     for up in group if up.data is not None or up.attachment_id in data)

    def _send_batch(self, client: StationClient, batch: tuple[Upload, ...],
                    stopped: Callable[[], bool]) -> list[str]:
        if stopped():
            return []
        return send_batch(client, self._loaded(batch), stopped, self.result.upload_failures)

    def _send_resumable(self, client: StationClient, up: Upload,
                        stopped: Callable[[], bool]) -> bool | list[str]:
        if stopped():
            return False
        loaded = self._loaded((up,))
        if not loaded:
            return []
        return send_resumable(client, loaded[0], self.s.chunk_bytes, stopped)

    def _pull(self, client: StationClient) -> None:
        cursor = self.plan.cursor
        budget = self.plan.pull_budget or self.s.round_pull
        while len(self.result.pulled) < budget:
            if self.cancel.is_set():
                self.result.cancelled = True
                return
            page = client.pull(cursor, min(self.s.pull_limit, budget - len(self.result.pulled)))
            changes = page["changes"]
            new_cursor = page["cursor"] if page["cursor"] is not None else cursor
            if not isinstance(new_cursor, int) or new_cursor < cursor:
                raise SyncError(SyncErrorKind.PROTOCOL,
                                say("Sync", "The station sent a cursor that went back"))
            check_page(cursor, changes, new_cursor)
            self.result.pulled.extend(changes)
            self.result.cursor = cursor = new_cursor
            self.result.more_to_pull = bool(page["more"]) and bool(changes)
            self.progress(SyncProgress("pull", len(self.result.pulled), len(self.result.pulled)))
            if not self.result.more_to_pull:
                return


class _Uploads:
    """Photos sent as they become ready, a few requests at a time (the station hashes and
    stores one while the next arrives). A refused photo is recorded and the others go on; any
    other failure stops the round (raised by ``finish``)."""

    def __init__(self, transfer: Transfer, client: StationClient) -> None:
        self._t = transfer
        self._client = client
        self._pool = ThreadPoolExecutor(max_workers=transfer.s.parallel_uploads)
        self._lock = threading.Lock()
        self._failure: SyncError | None = None
        self._total = 0
        self._done = 0

    def _stopped(self) -> bool:
        return self._t.cancel.is_set() or self._t._stop.is_set()

    def send(self, uploads: tuple[Upload, ...]) -> None:
        if not uploads:
            return
        t = self._t
        batched, single = photo_batches(uploads, "photo_batch" in t.features,
                                        t.s.batch_photos_up_to, t.s.photo_batch_bytes)
        with self._lock:
            self._total += len(uploads)
        for batch in batched:
            self._pool.submit(self._run, batch, t._send_batch, batch)
        for up in single:
            self._pool.submit(self._run, (up,), t._send_resumable, up)

    def _run(self, group: tuple[Upload, ...], send: Callable[..., Any], what: Any) -> None:
        t = self._t
        try:
            accepted = send(self._client, what, self._stopped)
        except SyncError as exc:
            with self._lock:
                if exc.kind is SyncErrorKind.PROTOCOL:
                    t.result.upload_failures.extend((up.attachment_id, str(exc)) for up in group)
                elif self._failure is None:
                    self._failure = exc
                    t._stop.set()
            accepted = []
        with self._lock:
            if accepted is True:
                t.result.uploaded.extend(up.attachment_id for up in group)
            elif accepted:
                t.result.uploaded.extend(accepted)
            self._done += len(group)
            done, total = self._done, self._total
        t.progress(SyncProgress("upload", done, total))

    def finish(self, quietly: bool = False) -> None:
        """Wait for every photo sent; raise the failure that stopped them (unless quietly)."""
        self._pool.shutdown(wait=True)
        if quietly:
            return
        if self._failure is not None:
            raise self._failure
        if self._t.cancel.is_set():
            self._t.result.cancelled = True


def _wire(change: PendingChange) -> dict[str, Any]:
    return {
        "change_id": change.change_id, "kind": change.kind, "entity_id": change.entity_id,
        "call_id": change.call_id, "created_at": change.created_at,
        "payload": json.loads(change.payload),
    }


def _next_batch(ready: list[PendingChange], rest: list[PendingChange], count: int,
                max_bytes: int) -> tuple[PendingChange, ...]:
    """The next push batch, taken (and removed) from ``ready`` first, then ``rest``: at most
    ``count`` changes and about ``max_bytes`` of payload (always at least one)."""
    batch: list[PendingChange] = []
    size = 0
    for source in (ready, rest):
        taken = 0
        for change in source:
            if batch and (len(batch) >= count or size + len(change.payload) > max_bytes):
                break
            batch.append(change)
            size += len(change.payload) + 200
            taken += 1
        del source[:taken]
    return tuple(batch)

"""What the user sees about sync: waiting counts in words, last success, last error kind."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from civilian_responder.errors import SyncErrorKind

META_URL = "sync.station_url"
META_DEVICE = "sync.device_id"
META_STATION = "sync.station_id"
META_CURSOR = "sync.cursor"
META_EPOCH = "sync.station_epoch"
META_LAST_ACK = "sync.last_ack"  # the change the station receipted last: does it still hold it?
META_CURSOR_CHECK = "sync.cursor_check"  # fingerprint of the feed change at the cursor
META_STUCK = "sync.unreadable"  # "<seq>:<syncs that failed on it>"
META_LAST_OK = "sync.last_success_at"
META_ERROR_KIND = "sync.last_error_kind"
META_ERROR = "sync.last_error"
META_ERROR_SAID = "sync.last_error_said"  # the same, translatable (errors.said_to_json)

# kind -> (one, many); attachment metadata is counted with the photo bytes, as "photos".
_KIND_WORDS: dict[str, tuple[str, str]] = {
    "report": ("report", "reports"),
    "status_event": ("status change", "status changes"),
    "call": ("on-view call", "on-view calls"),
    "call_copy": ("call copy for the station", "call copies for the station"),
    "review_copy": ("review copy for the station", "review copies for the station"),
    "checklist_run": ("checklist", "checklists"),
    "photo": ("photo", "photos"),
    "audit": ("audit entry", "audit entries"),
    "shift": ("shift record", "shift records"),
    "co_responder": ("co-responder record", "co-responder records"),
}
_ORDER = ("report", "status_event", "call", "co_responder", "shift", "checklist_run", "photo",
          "audit")

ERROR_WORDS: dict[SyncErrorKind, str] = {
    SyncErrorKind.OFFLINE: "Station unreachable (offline)",
    SyncErrorKind.AUTH: "Station sign-in failed",
    SyncErrorKind.SERVER: "Station error (server)",
    SyncErrorKind.CONFLICT: "Conflict with the station's copy",
    SyncErrorKind.PROTOCOL: "Station answered unexpectedly",
}


def token_account(device_id: str) -> str:
    """The keyring account for this device's token. Not the station address: a station may be
    reached under several addresses (dock network, VPN)."""
    return f"device:{device_id}"


def waiting_counts(waiting: Mapping[str, int]) -> list[tuple[str, int]]:
    """What an officer is told is waiting, as ``(kind, n)`` in the order it is said."""
    kinds = sorted(waiting, key=lambda k: _ORDER.index(k) if k in _ORDER else len(_ORDER))
    # Audit rows ride along with every sync; counting them would never read "Nothing".
    return [(k, waiting[k]) for k in kinds
            if waiting[k] > 0 and k not in ("attachment_meta", "audit")]


def kind_words(kind: str, n: int) -> str:
    """E.g. '3 reports' (English; the window says it in its own language)."""
    one, many = _KIND_WORDS.get(kind, (kind.replace("_", " "), kind.replace("_", " ")))
    return f"{n} {one if n == 1 else many}"


def waiting_text(waiting: Mapping[str, int]) -> str:
    """E.g. '3 reports, 12 status changes waiting'; 'Nothing waiting' when all is sent."""
    parts = [kind_words(kind, n) for kind, n in waiting_counts(waiting)]
    return ", ".join(parts) + " waiting" if parts else "Nothing waiting"


@dataclass(frozen=True)
class SyncStatus:
    enrolled: bool
    station_url: str
    unit_id: str
    waiting: Mapping[str, int] = field(default_factory=dict)
    last_success_at: str | None = None
    last_error_kind: SyncErrorKind | None = None
    last_error: str = ""
    problems: int = 0
    token_persistent: bool = False
    token_available: bool = False

    @property
    def waiting_text(self) -> str:
        return waiting_text(self.waiting)

    @property
    def waiting_total(self) -> int:
        return sum(n for k, n in self.waiting.items() if k != "attachment_meta")

    @property
    def error_text(self) -> str:
        return ERROR_WORDS[self.last_error_kind] if self.last_error_kind else ""

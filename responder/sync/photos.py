"""Photo bytes on the wire (worker thread only, no database): whole small photos in batches
(protocol v1.1 ``photo_batch``: one request and one station commit per batch, each photo
verified by its SHA-256), larger ones, or any photo for a v1 station, as resumable chunks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from civilian_responder.errors import SyncError, SyncErrorKind, say
from civilian_responder.sync.client import StationClient, UploadState

BATCH_ITEM_MAX = 4 * 1024 * 1024  # the station's limit for one photo in a batch


@dataclass(frozen=True)
class Upload:
    attachment_id: str
    sha256: str
    data: bytes | None  # None: the worker reads the bytes from the plan's photo source
    size: int = -1

    @property
    def length(self) -> int:
        return len(self.data) if self.data is not None else self.size


def photo_batches(uploads: tuple[Upload, ...], offered: bool, largest: int,
                  batch_bytes: int) -> tuple[list[tuple[Upload, ...]], list[Upload]]:
    """(batches of whole photos, photos to send resumably)."""
    if not offered:
        return [], list(uploads)
    largest = min(largest, BATCH_ITEM_MAX)
    single = [up for up in uploads if up.length > largest or up.length <= 0]
    batches: list[tuple[Upload, ...]] = []
    batch: list[Upload] = []
    size = 0
    for up in (up for up in uploads if 0 < up.length <= largest):
        if batch and size + up.length > batch_bytes:
            batches.append(tuple(batch))
            batch, size = [], 0
        batch.append(up)
        size += up.length
    if batch:
        batches.append(tuple(batch))
    return batches, single


def send_batch(client: StationClient, batch: tuple[Upload, ...], stopped: Callable[[], bool],
               failures: list[tuple[str, str]]) -> list[str]:
    """The ids of the batch's photos the station verified and stored; a photo it refused (its
    bytes did not match the SHA-256) goes into ``failures`` and is tried again next round."""
    if stopped() or not batch:
        return []
    states = client.upload_batch([(up.sha256, up.data or b"") for up in batch])
    accepted = []
    for up, state in zip(batch, states, strict=True):
        if state.complete:
            accepted.append(up.attachment_id)
        else:
            failures.append((up.attachment_id, "the station did not accept the photo's bytes"))
    return accepted


def send_resumable(client: StationClient, up: Upload, chunk_bytes: int,
                   stopped: Callable[[], bool]) -> bool:
    """Resumable: the first PATCH goes optimistically from 0; if the station already holds
    some of it, its 409 says from where to go on (no HEAD round trip per photo)."""
    data = up.data or b""
    total = len(data)
    state = UploadState(0, False)
    stalls = 0
    while not state.complete:
        if stopped():
            return False
        if state.offset >= total:
            # Everything is there but not verified complete: ask once more, plainly.
            state = client.upload_state(up.sha256)
            if not state.complete:
                raise SyncError(SyncErrorKind.PROTOCOL,
                                say("Sync", "The station holds the whole photo but did not "
                                    "accept it"))
            break
        chunk = data[state.offset:state.offset + chunk_bytes]
        after = client.upload_chunk(up.sha256, state.offset, total, chunk)
        stalls = stalls + 1 if after.offset <= state.offset and not after.complete else 0
        if stalls > 3:
            raise SyncError(SyncErrorKind.PROTOCOL,
                            say("Sync", "The station is not taking the photo"))
        state = after
    return True

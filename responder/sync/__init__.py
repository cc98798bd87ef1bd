"""Sync with the station: enrollment, push/pull in three-phase rounds, resumable photo upload.

Qt-free. ``open_app`` builds one ``SyncEngine`` as ``app.sync``.
"""

from civilian_responder.sync.engine import SyncEngine, SyncSummary
from civilian_responder.sync.enrollment import Enrollment, EnrollmentGrant, request_enrollment
from civilian_responder.sync.status import SyncStatus, waiting_text
from civilian_responder.sync.token_store import TokenStore
from civilian_responder.sync.transfer import RoundResult, SyncPlan, SyncProgress, SyncSettings

__all__ = [
    "Enrollment", "EnrollmentGrant", "RoundResult", "SyncEngine", "SyncPlan", "SyncProgress",
    "SyncSettings", "SyncStatus", "SyncSummary", "TokenStore", "request_enrollment",
    "waiting_text",
]

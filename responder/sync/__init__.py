"""Sync with the station: enrollment, push/pull in three-phase rounds, resumable photo upload.

Qt-free. ``open_app`` builds one ``SyncEngine`` as ``app.sync``.
"""

from responder.sync.engine import (
    RoundResult,
    SyncEngine,
    SyncPlan,
    SyncProgress,
    SyncSettings,
    SyncSummary,
)
from responder.sync.enrollment import Enrollment, EnrollmentGrant, request_enrollment
from responder.sync.status import SyncStatus, waiting_text
from responder.sync.token_store import TokenStore

__all__ = [
    "Enrollment", "EnrollmentGrant", "RoundResult", "SyncEngine", "SyncPlan", "SyncProgress",
    "SyncSettings", "SyncStatus", "SyncSummary", "TokenStore", "request_enrollment",
    "waiting_text",
]

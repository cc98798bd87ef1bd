"""Copies of the database file taken before a risky step (each schema migration)."""

from __future__ import annotations

import shutil
from pathlib import Path


def backup_file(path: Path, suffix: str) -> Path | None:
    """Copy the database (and its WAL) aside before a risky step such as a migration."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    target = path.with_name(f"{path.name}.{suffix}.bak")
    shutil.copy2(path, target)
    wal = path.with_name(path.name + "-wal")
    if wal.exists():
        shutil.copy2(wal, target.with_name(target.name + "-wal"))
    return target

"""Where a profile keeps its files. A profile is one directory: one unit's device."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ProfilePaths:
    root: Path

    @property
    def database(self) -> Path:
        return self.root / "responder.db"

    @property
    def attachments(self) -> Path:
        return self.root / "attachments"

    @property
    def checklists(self) -> Path:
        """Agency checklist definitions dropped in by IT or distributed by the station."""
        return self.root / "checklists"

    @property
    def exports(self) -> Path:
        return self.root / "exports"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def settings(self) -> Path:
        return self.root / "settings.json"

    def ensure(self) -> ProfilePaths:
        for d in (self.root, self.attachments, self.checklists, self.logs):
            d.mkdir(parents=True, exist_ok=True)
        return self


def default_profile_dir() -> Path:
    import platformdirs  # noqa: PLC0415 (only when no --profile is given)

    return Path(platformdirs.user_data_dir("Responder", "Responder")) / "default"


def demo_profile_dir() -> Path:
    import platformdirs  # noqa: PLC0415

    return Path(platformdirs.user_data_dir("Responder", "Responder")) / "demo"

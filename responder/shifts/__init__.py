"""The unit on shift: the crew (from the station's roster, or added by hand and flagged), the
vehicle and its mileage, and what the shift adds up to when it ends."""

from civilian_responder.shifts.service import ShiftRecovery, ShiftService, crew_from_spec

__all__ = ["ShiftRecovery", "ShiftService", "crew_from_spec"]

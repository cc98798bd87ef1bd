"""The unit on shift: crew log-on and log-off, the unit status in the toolbar."""

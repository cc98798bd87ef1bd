"""The checklist panel and runner."""

"""The field report form, its autosaver and its PDF actions."""

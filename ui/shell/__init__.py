"""What every screen shares: the theme, the task runner, error dialogs, the about box and the
PySide6 fixes."""

"""Station connection and sync status."""

"""Sign-in and the lock screen."""

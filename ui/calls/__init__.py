"""The call board, call detail, on-view calls and police backup."""

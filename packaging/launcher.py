"""Entry point frozen by PyInstaller: the same ``responder`` command as the pip install."""

import multiprocessing

from civilian_responder_ui.launch import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    raise SystemExit(main())

"""Start the main window: `python -m kitadesk.ui [--db URL]`."""

import sys

from kitadesk.ui.app import main

if getattr(sys, "frozen", False):  # bundled: the window's import runs in a worker process (ops/import_process.py)
    import multiprocessing

    multiprocessing.freeze_support()
raise SystemExit(main(sys.argv[1:]))

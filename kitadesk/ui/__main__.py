"""Start the main window: `python -m kitadesk.ui [--db URL]`."""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()  # a frozen worker process (ui/process_tasks.py) runs its task here
    from kitadesk.ui.app import main

    raise SystemExit(main(sys.argv[1:]))

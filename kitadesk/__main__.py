import sys

from kitadesk.cli import main

if getattr(sys, "frozen", False):  # bundled: a worker process (window import, letters) starts here
    import multiprocessing

    multiprocessing.freeze_support()
raise SystemExit(main())

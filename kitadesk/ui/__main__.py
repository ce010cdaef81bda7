"""Start the main window: `python -m kitadesk.ui [--db URL]`."""

import sys

from kitadesk.ui.app import main

raise SystemExit(main(sys.argv[1:]))

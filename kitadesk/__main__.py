from kitadesk.cli import main

raise SystemExit(main())

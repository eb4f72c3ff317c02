"""`python -m hearth` starts Hearth, like the `hearth` command."""

from hearth.cli import main

raise SystemExit(main())

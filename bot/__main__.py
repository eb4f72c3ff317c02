"""`python -m bot` starts Hearth, like the `hearth` command."""

from bot.cli import main

raise SystemExit(main())

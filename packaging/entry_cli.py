"""The frozen app's console program: the same as the `kicktimer` command."""

from kicktimer.cli import main

raise SystemExit(main())

"""The frozen app's windowed program: the same as the `kicktimer-gui` command."""

from kicktimer.cli import gui_main

raise SystemExit(gui_main())

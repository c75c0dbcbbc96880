import sys

from kicktimer.cli import main

sys.exit(main())

"""Run the command line: ``python -m skillmatch ...`` (see :mod:`skillmatch.cli`)."""

from skillmatch.cli import main

raise SystemExit(main())

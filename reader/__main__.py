"""`python -m reader` runs the `hamish` command."""

from reader.cli import main

raise SystemExit(main())

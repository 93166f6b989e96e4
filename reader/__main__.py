"""`python -m reader` runs the `hamish` command."""

from reader.cli.main import main

raise SystemExit(main())

"""The command line: `hamish` and its subcommands (no Textual until the reader runs)."""

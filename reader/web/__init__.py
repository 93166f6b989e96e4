"""The browser way in: textual-serve, behind a token check (`hamish serve`)."""

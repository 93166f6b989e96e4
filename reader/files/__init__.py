"""Small file helpers: durable writes, TOML reading, the bundled files (no Textual)."""

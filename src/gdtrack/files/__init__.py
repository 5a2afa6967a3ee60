"""Files in: reading, parsing and writing the data repository's files, and its gdtrack.toml."""

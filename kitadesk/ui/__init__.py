"""PySide6 user interface (German)."""

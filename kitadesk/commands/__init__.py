"""One module per CLI sub-command (interfaces.md §2)."""

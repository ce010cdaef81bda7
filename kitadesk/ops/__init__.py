"""Operations (use cases): one transaction each, permission-checked and audited.
The UI and the CLI call the same functions (architecture.md)."""

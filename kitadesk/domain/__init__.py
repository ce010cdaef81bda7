"""Pure calculation core: no Qt, no SQLAlchemy (architecture.md)."""

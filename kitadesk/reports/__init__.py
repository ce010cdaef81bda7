"""PDF, xlsx, SEPA and CSV from plain data; reports never query the store."""

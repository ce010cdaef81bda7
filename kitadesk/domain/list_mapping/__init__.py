"""The office's own lists (issue 19 item 1): which column of an Excel/CSV list holds which
field of the import workbook (interfaces.md §3), how its values are turned into §3 values,
and the mapping saved as a readable TOML profile. Pure: no files, no database."""

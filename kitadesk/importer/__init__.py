"""Import workbook of interfaces.md §3: reading and checking (`reader`, `checks_*`,
`capacity_check`, `validate`), writing (`write_*`), and the template/export (`template`,
`export`). The operation itself is `kitadesk.ops.import_.import_workbook`."""

"""The Excel workbook export: data sheets finance can audit, charts, ratios as live formulas."""

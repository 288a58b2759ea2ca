"""The import wizard: one spreadsheet walked through file, sheet, columns, preview, import and
summary, each a step of its own, so that nothing is written before the person has seen it."""

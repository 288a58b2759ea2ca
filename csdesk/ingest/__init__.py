"""Spreadsheet import: readers, header detection, column mapping, value parsing, batches."""

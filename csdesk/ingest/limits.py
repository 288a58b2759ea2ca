"""The limits that keep a hostile or broken file from exhausting memory or time.

A workbook is a zip of XML parts: its zip directory is checked before any part is inflated
(total and per-part size, compression ratio), and XML parts carrying a document type
declaration (the vehicle of entity-expansion bombs; Office never writes one) are refused.
A cell may hold at most what Excel itself allows, and a sheet a sane number of columns.
"""

from __future__ import annotations

# Excel's own limit for the text of one cell; calamine cuts longer texts to it, so a cell
# of exactly this length is taken as one that was longer.
MAX_CELL_CHARS = 32_767
# No CS sheet needs more; a wide revenue sheet of 50 years has 600 month columns.
MAX_COLUMNS = 2_000
# Sum of the uncompressed sizes of all parts of a workbook.
MAX_UNCOMPRESSED_BYTES = 2_000_000_000
# Real sheets compress 5-20x; a bomb compresses hundreds or thousands of times.
MAX_COMPRESSION_RATIO = 200
# Parts smaller than this are not judged by their ratio (tiny XML compresses well).
RATIO_CHECK_MIN_BYTES = 10_000_000
# How much of each XML part may come before its root element (declaration, comments, and
# where a document type declaration would sit); Office writes about a hundred bytes.
XML_PROLOGUE_BYTES = 1_000_000
# The box of one sheet (rows by columns, repeats expanded) its reader may hold: calamine keeps
# every cell of the box, 32 bytes or more each, and aborts the process when it cannot. A
# million rows of thirty columns fit.
MAX_SHEET_CELLS = 30_000_000
# A shared-strings table may declare this many entries whatever its size (calamine reserves
# room for them all at once, 24 bytes each): beyond it the count must fit the part's bytes.
MAX_SHARED_STRINGS_DECLARED = 1_000_000
# An OpenDocument sheet's repeat counts may expand it to this many cells whatever its size;
# beyond, it must have at least a byte of XML for every ODS_MAX_CELLS_PER_BYTE cells.
ODS_FREE_CELLS = 1_000_000
ODS_MAX_CELLS_PER_BYTE = 100

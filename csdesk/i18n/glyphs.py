"""Which characters the bundled fonts can draw, and text split into runs per font.

reportlab has no glyph fallback: a character missing from the font prints as an empty box
(an emoji in an account name, a check mark in a note). Text for a PDF is therefore split into
runs: characters CSDesk Sans draws, characters only the bundled symbol font (a subset of
Symbola, see resources/fonts/FONTS.txt) draws, and characters neither has, which become a
visible replacement character (U+FFFD) instead of a blank box. Invisible joiners, emoji
presentation selectors and skin tones are dropped: a monochrome font cannot show them.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path

from csdesk.i18n.fonts import regular_path, symbols_path

REPLACEMENT = "\ufffd"
# Zero-width joiner, variation selectors 15/16 (text / emoji presentation) and the skin-tone
# modifiers, which a monochrome font would draw as a separate swatch after the emoji.
_INVISIBLE = frozenset({"\u200d", "\ufe0e", "\ufe0f", *map(chr, range(0x1F3FB, 0x1F400))})


@cache
def _charmap(path: Path) -> frozenset[int]:
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    with TTFont(str(path), lazy=True) as font:
        return frozenset(font.getBestCmap())


@cache
def _main_charmap() -> frozenset[int]:
    return _charmap(regular_path())


@cache
def _symbol_charmap() -> frozenset[int]:
    return _charmap(symbols_path())


def main_font_has(char: str) -> bool:
    """True when CSDesk Sans has a glyph for ``char`` (controls count as drawable)."""
    code = ord(char)
    return code < 0x80 or code in _main_charmap()


def symbol_font_has(char: str) -> bool:
    return ord(char) in _symbol_charmap()


def font_runs(text: str) -> Iterator[tuple[str, bool]]:
    """``(run, in_symbol_font)`` pieces of ``text`` in order; missing glyphs replaced.

    Text the main font covers entirely (the usual case) comes back as one run without
    looking at the symbol font at all.
    """
    if text.isascii() or _main_charmap().issuperset(map(ord, text)):
        if text:
            yield text, False
        return
    run: list[str] = []
    symbols = False
    for char in text:
        if char in _INVISIBLE:
            continue
        if main_font_has(char):
            wanted = False
        elif symbol_font_has(char):
            wanted = True
        else:
            char, wanted = REPLACEMENT, False
        if run and wanted != symbols:
            yield "".join(run), symbols
            run = []
        symbols = wanted
        run.append(char)
    if run:
        yield "".join(run), symbols

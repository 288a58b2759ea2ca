"""Right-to-left text for renderers that neither shape nor reorder it (reportlab).

Qt lays out Persian, Arabic and Hebrew itself, so the UI passes text through untouched, and so
does matplotlib from 3.11 on (libraqm; ``csdesk.charts.style.chart_text`` decides). reportlab,
and older matplotlib, draw code points left to right, one glyph each: an Arabic-script name
comes out as disconnected letters in reverse order. ``display_text`` gives such renderers what
a reader expects: Arabic letters replaced by their joined presentation forms (arabic-reshaper)
and the whole string put in visual order by the Unicode bidirectional algorithm (python-bidi). Text
with no right-to-left character is returned unchanged, so it is safe to call on everything.

Limits: a paragraph that a renderer wraps over several lines is reordered as one line first, so
call it on short pieces (names, labels, table cells); harakat (short-vowel marks) are dropped by
the reshaper, as presentation forms cannot place them.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Literal

# Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic, Arabic Extended, and the Hebrew and
# Arabic presentation forms.
_RTL_CHARS = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
_ARABIC_CHARS = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")

Direction = Literal["ltr", "rtl"]


def has_rtl(text: str) -> bool:
    """True when ``text`` holds at least one right-to-left character."""
    return bool(_RTL_CHARS.search(text))


def base_direction(text: str) -> Direction:
    """The direction of the first strong character (the rule of the bidi algorithm, P2-P3).

    A report uses it to right-align a cell that starts with Persian or Arabic text.
    """
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return "ltr"


@lru_cache(maxsize=4096)
def display_text(text: str, direction: Direction | None = None) -> str:
    """``text`` shaped and in visual order, ready for a renderer that draws left to right.

    ``direction`` forces the paragraph direction; by default it is that of the first strong
    character, so "Conta شرکت نمونه" stays a left-to-right line with a Persian run inside.
    """
    if not has_rtl(text):
        return text
    from bidi import get_display  # type: ignore[import-untyped]

    shaped = text
    if _ARABIC_CHARS.search(text):
        import arabic_reshaper  # type: ignore[import-untyped]

        shaped = arabic_reshaper.reshape(text)
    base = {"ltr": "L", "rtl": "R", None: None}[direction]
    result: str = get_display(shaped, base_dir=base)
    return result

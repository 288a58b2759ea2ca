"""Right-to-left text is shaped and put in visual order; left-to-right text is untouched."""

from __future__ import annotations

import unicodedata

from csdesk.i18n.bidi import base_direction, display_text, has_rtl

PERSIAN = "شرکت نمونه"  # "sample company"
ARABIC = "شركة المثال"  # "the example company"


def _is_presentation_form(char: str) -> bool:
    return 0xFB50 <= ord(char) <= 0xFDFF or 0xFE70 <= ord(char) <= 0xFEFF


def test_left_to_right_text_is_returned_unchanged() -> None:
    for text in ("ACME & Co", "Receita R$ 1.234,56 — ação", "<b>x</b>", "", "😀 emoji"):
        assert display_text(text) is text or display_text(text) == text
        assert not has_rtl(text)


def test_persian_is_joined_and_reversed_into_visual_order() -> None:
    shown = display_text(PERSIAN)
    letters = [char for char in shown if char != " "]
    assert all(_is_presentation_form(char) for char in letters)
    # Visual order: the first logical word (شرکت) is drawn last, at the right.
    first_word, second_word = shown.split(" ")
    # Drawn left to right: نمونه reversed, so its final heh comes first and its initial noon
    # last; then شرکت reversed, ending with the initial form of sheen.
    assert unicodedata.name(first_word[0]) == "ARABIC LETTER HEH FINAL FORM"
    assert unicodedata.name(first_word[-1]) == "ARABIC LETTER NOON INITIAL FORM"
    assert unicodedata.name(second_word[-1]) == "ARABIC LETTER SHEEN INITIAL FORM"
    # The Persian letters (keheh, peh...) use their own presentation forms, not Arabic kaf.
    assert any(0xFB8E <= ord(char) <= 0xFB91 for char in shown)


def test_arabic_is_shaped_with_the_lam_alef_ligature() -> None:
    shown = display_text(ARABIC)
    assert any(0xFEF5 <= ord(char) <= 0xFEFC for char in shown) or "\ufedf" in shown
    assert all(_is_presentation_form(char) for char in shown.replace(" ", ""))
    assert len(shown.split(" ")) == 2


def test_mixed_text_keeps_the_latin_run_and_its_direction() -> None:
    shown = display_text(f"Conta {PERSIAN} 2025")
    assert shown.startswith("Conta ")
    assert "2025" in shown
    assert base_direction(f"Conta {PERSIAN}") == "ltr"
    assert base_direction(f"{PERSIAN} ACME") == "rtl"
    rtl_first = display_text(f"{PERSIAN} ACME")
    # A right-to-left paragraph puts the later Latin word at the left end.
    assert rtl_first.startswith("ACME ")


def test_forcing_a_direction() -> None:
    forced = display_text(f"ACME {ARABIC}", "rtl")
    assert forced.endswith("ACME")

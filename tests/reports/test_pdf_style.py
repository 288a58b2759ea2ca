"""User text in PDFs: escaped, shaped, wrapped; the bundled font covers Arabic script."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from csdesk.reports import pdf_style as ps
from csdesk.reports.output import check_target


def test_escape_keeps_markup_as_text_and_line_breaks_as_breaks() -> None:
    assert ps.escape("<b>ACME & Co</b>") == "&lt;b&gt;ACME &amp; Co&lt;/b&gt;"
    assert ps.escape("one\r\ntwo\nthree") == "one<br/>two<br/>three"
    assert ps.escape(None) == "—"


def test_escape_puts_persian_in_visual_order_with_joined_forms() -> None:
    shown = ps.escape("شرکت نمونه")
    assert shown != "شرکت نمونه"
    # Presentation forms (joined letters) replace the base letters.
    assert any(0xFB50 <= ord(ch) <= 0xFEFF for ch in shown)


def test_the_bundled_unicode_font_is_used() -> None:
    fonts = ps.fonts()
    assert fonts.unicode
    assert fonts.regular != "Helvetica"


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


@pytest.mark.parametrize(
    "text",
    ["<b>ACME & Co</b>", '=HYPERLINK("x")', "+cmd|' /C calc'!A0", "a&b <i>not italic</i>"],
)
def test_hostile_text_prints_exactly_as_typed(tmp_path: Path, text: str) -> None:
    target = check_target(tmp_path / "t.pdf", (".pdf",))
    story = [
        ps.title_block("Kicker", text, text, [text]),
        ps.body(text),
        ps.data_table(["Name"], [[text]], [ps.CONTENT_WIDTH]),
        ps.kpi_row([ps.Kpi(text, text)]),
    ]
    meta = ps.PageMeta(text, text, text, lambda page, total: f"{page}/{total}")
    ps.build_pdf(target, story, meta)
    extracted = _pdf_text(target)
    assert extracted.count(text) >= 5


def test_a_200_character_word_wraps_inside_its_cell(tmp_path: Path) -> None:
    word = "X" * 200
    target = tmp_path / "long.pdf"
    table = ps.data_table(["Name", "Other"], [[word, "after"]], [60, ps.CONTENT_WIDTH - 60])
    ps.build_pdf(target, [table], ps.PageMeta("a", "b", "c", lambda p, t: f"{p}/{t}"))
    text = _pdf_text(target)
    assert text.replace("\n", "").count("X") >= 200
    assert "after" in text


def test_page_numbers_know_the_total(tmp_path: Path) -> None:
    target = tmp_path / "pages.pdf"
    story = [ps.body(f"paragraph {i} " * 40) for i in range(60)]
    ps.build_pdf(
        target, story, ps.PageMeta("Doc", "Scope", "foot", lambda p, t: f"Page {p} of {t}")
    )
    reader = PdfReader(target)
    total = len(reader.pages)
    assert total > 2
    assert f"Page {total} of {total}" in reader.pages[-1].extract_text()
    assert f"Page 1 of {total}" in reader.pages[0].extract_text()


def _font_names(path: Path) -> set[str]:
    names: set[str] = set()
    for page in PdfReader(path).pages:
        resources = page.get("/Resources")
        fonts = resources.get_object().get("/Font") if resources else None
        for font in (fonts.get_object() if fonts else {}).values():
            names.add(str(font.get_object().get("/BaseFont")))
    return names


def test_an_emoji_name_prints_its_letters_and_draws_the_emoji_in_the_symbol_font(
    tmp_path: Path,
) -> None:
    name = "Café ☕ Ltda 🚀"
    target = tmp_path / "emoji.pdf"
    story = [ps.title_block("Kicker", name, None, []), ps.body(f"Account {name} renews")]
    ps.build_pdf(target, story, ps.PageMeta("Head", name, "Foot", lambda p, t: f"{p}/{t}"))
    text = _pdf_text(target)
    assert "Café" in text and "Ltda" in text
    # U+2615 comes back from the text layer; reportlab writes the ToUnicode entry of a code
    # point above U+FFFF (the rocket) in a form pypdf cannot read, so that one is checked as
    # a glyph of the embedded symbol font instead.
    assert "☕" in text
    assert "\ufffd" not in text
    assert any("CSDeskSymbols" in font for font in _font_names(target))
    from csdesk.i18n.glyphs import main_font_has, symbol_font_has

    assert not main_font_has("🚀") and symbol_font_has("🚀")


def test_emoji_markup_switches_font_only_around_the_emoji() -> None:
    shown = ps.escape("A&B 👍🏽 ok")
    assert shown.startswith("A&amp;B ")
    assert shown.endswith(" ok")
    assert shown.count("<font ") == 1


def test_a_character_no_bundled_font_draws_shows_as_a_replacement_not_a_box() -> None:
    from csdesk.i18n.glyphs import REPLACEMENT, font_runs, main_font_has, symbol_font_has

    missing = "\U000e0100"  # a variation selector supplement code point: in neither font
    assert not main_font_has(missing) and not symbol_font_has(missing)
    assert list(font_runs(f"x{missing}y")) == [(f"x{REPLACEMENT}y", False)]
    # Joiners and emoji presentation selectors draw nothing and are dropped.
    assert list(font_runs("\u2764\ufe0f")) == [("\u2764", True)]
    assert list(font_runs("👍🏽")) == [("👍", True)]
    assert list(font_runs("plain text")) == [("plain text", False)]


def test_a_column_too_narrow_for_its_header_word_takes_room_from_the_widest() -> None:
    style = ps.styles().header_cell
    widths = ps.header_safe_widths(["Objective", "Baseline", "Target"], [100, 20, 60], style)
    assert sum(widths) == pytest.approx(180)
    assert widths[1] > 20 and widths[0] < 100 and widths[2] == 60
    # Headers that fit keep the widths they were given.
    assert ps.header_safe_widths(["A", "B"], [50, 50], style) == [50, 50]


def test_a_kpi_value_too_wide_for_its_tile_is_set_smaller_on_one_line() -> None:
    # Ten million in reais on a four-tile row broke as "R$10,259,50" over "9".
    kpis = [
        ps.Kpi("MRR", "R$10,259,509"),
        ps.Kpi("NRR", "293.2%"),
        ps.Kpi("Risk", "11.6%"),
        ps.Kpi("N", "4"),
    ]
    row = ps.kpi_row(kpis)
    row.wrap(ps.CONTENT_WIDTH, 1000)

    def first(cell: object) -> object:  # a cell's flowables come as a tuple of them
        return cell[0] if isinstance(cell, tuple | list) else cell

    tiles = [first(cell) for cell in row._cellvalues[0] if cell != ""]
    values = [first(tile._cellvalues[0][0]) for tile in tiles]
    for value in values:
        value.wrap(tiles[0]._colWidths[0] - 15, 1000)
        assert len(value.blPara.lines) == 1, value.text
    assert values[0].style.fontSize < values[1].style.fontSize  # only the wide one shrank
    assert values[1].style.fontSize == values[3].style.fontSize


def test_a_table_at_a_page_foot_moves_on_rather_than_leave_a_header_over_a_sliver() -> None:
    text = "Passar a MRR 0 é churn; interrupção é churn; novos que saíram na janela contam. " * 2
    table = ps.data_table(["Figure", "Rule"], [["Logo churn", text]] * 3, [80, 400])
    table.wrap(ps.CONTENT_WIDTH, 10_000)
    header = table._rowHeights[0]
    row = table._rowHeights[1]
    # Room for the header and a line of the first row, not the whole row: nothing here.
    assert table.split(ps.CONTENT_WIDTH, header + row / 2) == []
    # Room for the header and one whole row: that row, and the rest under a repeated header.
    first, rest = table.split(ps.CONTENT_WIDTH, header + row + 1)
    assert len(first._cellvalues) == 2 and len(rest._cellvalues) == 3


def test_a_row_taller_than_a_page_is_still_split_inside() -> None:
    long_cell = [ps.body(f"Line {n} of a very long goal.") for n in range(200)]
    table = ps.data_table(["Goal", "Owner"], [[long_cell, "Ana"]], [400, 80])
    table.wrap(ps.CONTENT_WIDTH, 100_000)
    assert table._rowHeights[1] > ps.FRAME_HEIGHT
    parts = table.split(ps.CONTENT_WIDTH, ps.FRAME_HEIGHT)
    assert len(parts) == 2  # cut inside the row, the header repeated above the rest

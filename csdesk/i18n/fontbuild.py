"""Rebuild the bundled "CSDesk Sans" fonts from the upstream Noto fonts.

reportlab draws each run of text with one font and has no glyph fallback, so a Persian or
Arabic account name set in Noto Sans (Latin, Greek, Cyrillic) prints as empty boxes. csdesk
therefore ships one family whose every face covers Latin *and* Arabic script: Noto Sans merged
with Noto Sans Arabic (both SIL Open Font License 1.1, no reserved font name), subset to the
scripts csdesk needs, hinting dropped, renamed so it is not mistaken for the upstream fonts.

Run it only to refresh the committed files; the app never builds fonts::

    apt-get download fonts-noto-core && dpkg-deb -x fonts-noto-core_*.deb noto
    python -m csdesk.i18n.fontbuild noto/usr/share/fonts/truetype/noto resources/fonts
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

FAMILY = "CSDesk Sans"
FILE_STEM = "CSDeskSans"
WEIGHTS = ("Regular", "Bold")

_LATIN = [
    *range(0x20, 0x7F),
    *range(0xA0, 0x530),  # Latin-1 to Latin Extended-B, IPA, spacing marks, Greek, Cyrillic
    *range(0x1E00, 0x1F00),  # Latin Extended Additional (Vietnamese and more)
    *range(0x2000, 0x2200),  # punctuation, super/subscripts, currency (€, ₹...), letterlike
    *range(0x2200, 0x2300),  # mathematical operators (−, ≤, ≥)
    *range(0x25A0, 0x2600),  # geometric shapes (●, ▲) used as legend markers
    0xFFFD,
]
_ARABIC = [
    *range(0x600, 0x700),  # Arabic (including Persian letters and Extended Arabic-Indic digits)
    *range(0x750, 0x780),  # Arabic Supplement
    *range(0x8A0, 0x900),  # Arabic Extended-A
    *range(0xFB50, 0xFE00),  # Presentation Forms-A: what arabic-reshaper emits for Persian
    *range(0xFE70, 0xFF00),  # Presentation Forms-B: what arabic-reshaper emits for Arabic
    0x200C,  # zero-width non-joiner, common in Persian
    0x200D,
    0x200E,
    0x200F,
    0x061C,
]
_DROPPED_TABLES = ("fpgm", "prep", "cvt ", "hdmx", "DSIG", "gasp", "VDMX", "LTSH")


def _subset(source: Path, unicodes: list[int], target: Path) -> None:
    from fontTools import subset  # type: ignore[import-untyped]

    options = subset.Options()
    options.hinting = False
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    for tag in _DROPPED_TABLES:
        if tag in font:
            del font[tag]
    font.save(str(target))


def _rename(font_path: Path, weight: str) -> None:
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    font = TTFont(str(font_path))
    names = font["name"]
    full = f"{FAMILY} {weight}"
    postscript = f"{FILE_STEM}-{weight}"
    for record in list(names.names):
        if record.nameID in (1, 16):
            names.setName(FAMILY, record.nameID, record.platformID, record.platEncID, record.langID)
        elif record.nameID in (2, 17):
            names.setName(weight, record.nameID, record.platformID, record.platEncID, record.langID)
        elif record.nameID in (3, 4):
            names.setName(full, record.nameID, record.platformID, record.platEncID, record.langID)
        elif record.nameID == 6:
            names.setName(
                postscript, record.nameID, record.platformID, record.platEncID, record.langID
            )
    description = (
        "Noto Sans and Noto Sans Arabic (Google LLC, SIL Open Font License 1.1), merged and "
        "subset for csdesk."
    )
    names.setName(description, 10, 3, 1, 0x409)
    font.save(str(font_path))


def build(source_dir: Path, target_dir: Path) -> list[Path]:
    """Write ``CSDeskSans-Regular.ttf`` and ``CSDeskSans-Bold.ttf`` into ``target_dir``."""
    from fontTools.merge import Merger, Options  # type: ignore[import-untyped]

    target_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        for weight in WEIGHTS:
            latin = work / f"latin-{weight}.ttf"
            arabic = work / f"arabic-{weight}.ttf"
            _subset(source_dir / f"NotoSans-{weight}.ttf", _LATIN, latin)
            _subset(source_dir / f"NotoSansArabic-{weight}.ttf", _ARABIC, arabic)
            merged = Merger(options=Options(drop_tables=["vmtx", "vhea", "MATH"])).merge(
                [str(latin), str(arabic)]
            )
            target = target_dir / f"{FILE_STEM}-{weight}.ttf"
            merged.save(str(target))
            _rename(target, weight)
            written.append(target)
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("source", type=Path, help="folder holding NotoSans-*.ttf files")
    parser.add_argument("target", type=Path, help="folder to write CSDeskSans-*.ttf into")
    args = parser.parse_args(argv)
    for path in build(args.source, args.target):
        print(path)


if __name__ == "__main__":
    main()

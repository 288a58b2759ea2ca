"""Charts' pixels go into a PDF losslessly: the image a reader's PDF viewer decodes is the one
drawn, whether csdesk writes the image itself (opaque pixels) or reportlab does (with an alpha
channel)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image
from pypdf import PdfReader

from csdesk.reports import pdf_style as ps


def _meta() -> ps.PageMeta:
    return ps.PageMeta("Pixels", "test", "footer", lambda page, total: f"{page}/{total}")


def _chart_like(mode: str, seed: int) -> Image.Image:
    rng = np.random.default_rng(seed)
    pixels = np.full((90, 240, len(mode)), 255, dtype=np.uint8)
    pixels[20:70, 30:200, :3] = rng.integers(0, 256, (50, 170, 3), dtype=np.uint8)
    if mode == "RGBA":
        pixels[..., 3] = rng.integers(0, 256, (90, 240), dtype=np.uint8)
    return Image.fromarray(pixels, mode)


def test_pixels_come_back_out_of_the_pdf_unchanged(tmp_path: Path) -> None:
    images = [_chart_like("RGB", 1), _chart_like("RGB", 2), _chart_like("RGBA", 3)]
    story = [ps.Pixels(image, ps.CONTENT_WIDTH, 90 / 240) for image in images]
    target = ps.build_pdf(tmp_path / "pixels.pdf", story, _meta())
    found = {image.name: image.image for page in PdfReader(target).pages for image in page.images}
    ours = ["FormXob.csdeskPixels1.png", "FormXob.csdeskPixels2.png"]
    assert sorted(found)[:2] == ours and len(found) == 3
    for name, drawn in zip(ours, images[:2], strict=True):
        assert (np.asarray(found[name]) == np.asarray(drawn)).all()
    # With an alpha channel reportlab places it, as before (its name is a digest).
    (theirs,) = (found[name] for name in found if name not in ours)
    assert (np.asarray(theirs.convert("RGB")) == np.asarray(images[2])[..., :3]).all()

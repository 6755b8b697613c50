"""The PRISMA 2020 flow diagram as PNG, rasterised from :func:`render_flow_svg` with Pillow.

The PNG is drawn from the SVG the workflow already writes, so both always show the same
boxes, text and arrows. Only the SVG subset that module emits is understood: ``rect``,
``text`` and ``line`` (with an arrowhead marker). A text line wider than its box is drawn
in a smaller font rather than spilling into the next column.
"""

from __future__ import annotations

import io
import math
import xml.etree.ElementTree as ET
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from litcurate.report.prisma_svg import render_flow_svg

SCALE = 2
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_SIZE, MIN_FONT_SIZE = 12, 7
ARROW_LENGTH, ARROW_WIDTH = 10, 7
TEXT_MARGIN = 6
WHITE, BLACK = 255, 0

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


@lru_cache(maxsize=None)
def _font(size: int, bold: bool = False) -> Font:
    path = FONT_DIR / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    try:
        return ImageFont.truetype(str(path), size * SCALE)
    except OSError:
        return ImageFont.load_default(size * SCALE)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _num(element: ET.Element, name: str) -> float:
    return float(element.get(name, "0"))


def _rects(root: ET.Element) -> list[tuple[float, float, float, float]]:
    return [
        (_num(e, "x"), _num(e, "y"), _num(e, "width"), _num(e, "height"))
        for e in root.iter()
        if _local(e.tag) == "rect"
    ]


def _box_right_edge(rects, x: float, y: float) -> float | None:
    """Right edge of the smallest box holding the point; None outside every box."""
    holding = [r for r in rects if r[0] <= x < r[0] + r[2] and r[1] <= y <= r[1] + r[3]]
    if not holding:
        return None
    left, _, width, _ = min(holding, key=lambda r: r[2] * r[3])
    return left + width


def _fitted_font(draw: ImageDraw.ImageDraw, text: str, bold: bool, room: float | None) -> Font:
    size = FONT_SIZE
    while room is not None and size > MIN_FONT_SIZE and draw.textlength(text, font=_font(size, bold)) > room * SCALE:
        size -= 1
    return _font(size, bold)


def _arrowhead(x1: float, y1: float, x2: float, y2: float) -> list[tuple[float, float]]:
    dx, dy = x2 - x1, y2 - y1
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    bx, by = x2 - ux * ARROW_LENGTH, y2 - uy * ARROW_LENGTH
    half = ARROW_WIDTH / 2
    return [(x2, y2), (bx - uy * half, by + ux * half), (bx + uy * half, by - ux * half)]


def _scaled(points) -> list[tuple[float, float]]:
    return [(x * SCALE, y * SCALE) for x, y in points]


def _draw(draw: ImageDraw.ImageDraw, root: ET.Element) -> None:
    rects = _rects(root)
    for element in root.iter():
        kind = _local(element.tag)
        if kind == "rect":
            x, y, w, h = (_num(element, k) for k in ("x", "y", "width", "height"))
            outline = BLACK if element.get("stroke") else None
            draw.rectangle(_scaled([(x, y), (x + w, y + h)]), fill=WHITE, outline=outline, width=SCALE)
        elif kind == "line":
            x1, y1, x2, y2 = (_num(element, k) for k in ("x1", "y1", "x2", "y2"))
            draw.line(_scaled([(x1, y1), (x2, y2)]), fill=BLACK, width=SCALE)
            if element.get("marker-end"):
                draw.polygon(_scaled(_arrowhead(x1, y1, x2, y2)), fill=BLACK)
        elif kind == "text":
            x, y, text = _num(element, "x"), _num(element, "y"), element.text or ""
            right = _box_right_edge(rects, x, y)
            room = None if right is None else right - x - TEXT_MARGIN
            font = _fitted_font(draw, text, element.get("font-weight") == "bold", room)
            draw.text((x * SCALE, y * SCALE), text, fill=BLACK, font=font, anchor="ls")


def svg_to_png(svg: str) -> bytes:
    """Rasterise the flow SVG (the subset :func:`render_flow_svg` emits) to PNG bytes."""
    root = ET.fromstring(svg)
    width, height = int(_num(root, "width")), int(_num(root, "height"))
    image = Image.new("L", (width * SCALE, height * SCALE), WHITE)
    _draw(ImageDraw.Draw(image), root)
    out = io.BytesIO()
    # No text chunks or timestamps: the same diagram gives the same bytes.
    image.save(out, format="PNG", optimize=False, compress_level=9)
    return out.getvalue()


def render_flow_png(flow: dict) -> bytes:
    """The PRISMA 2020 flow diagram as PNG bytes."""
    return svg_to_png(render_flow_svg(flow))

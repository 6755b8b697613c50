"""Render a PRISMA 2020 flow diagram (new review, databases + other methods) as SVG."""

from __future__ import annotations

from xml.sax.saxutils import escape

BOX_W, LINE_H, PAD = 380, 16, 10
COL_MAIN, COL_SIDE, COL_OTHER = 40, 460, 880
FONT = "font-family='Helvetica, Arial, sans-serif' font-size='12'"


def _lines_for(title: str, counts: dict[str, int] | None = None, total: int | None = None) -> list[str]:
    lines = [f"{title} (n = {total})" if total is not None else title]
    for name, n in (counts or {}).items():
        lines.append(f"  {name} (n = {n})")
    return lines


class _Canvas:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.bottom = 0

    def box(self, x: int, y: int, lines: list[str]) -> tuple[int, int, int, int]:
        height = PAD * 2 + LINE_H * len(lines)
        self.parts.append(f"<rect x='{x}' y='{y}' width='{BOX_W}' height='{height}' fill='white' stroke='black'/>")
        for i, line in enumerate(lines):
            indent = 12 if line.startswith("  ") else 0
            self.parts.append(
                f"<text x='{x + PAD + indent}' y='{y + PAD + LINE_H * (i + 1) - 4}' {FONT}>{escape(line.strip())}</text>"
            )
        self.bottom = max(self.bottom, y + height)
        return x, y, BOX_W, height

    def arrow(self, x1: int, y1: int, x2: int, y2: int) -> None:
        self.parts.append(f"<line x1='{x1}' y1='{y1}' x2='{x2}' y2='{y2}' stroke='black' marker-end='url(#arrow)'/>")

    def down(self, upper: tuple, lower: tuple) -> None:
        x, y, w, h = upper
        self.arrow(x + w // 2, y + h, lower[0] + w // 2, lower[1])

    def right(self, left: tuple, target: tuple) -> None:
        x, y, w, h = left
        self.arrow(x + w, y + h // 2, target[0], y + h // 2)


def render_flow_svg(flow: dict) -> str:
    """The PRISMA 2020 flow diagram as SVG text."""
    db, other, inc = flow["databases"], flow["other_methods"], flow["included"]
    c = _Canvas()
    y = 50
    identified = _lines_for(
        "Records identified from databases", db["records_identified"], db["records_identified_total"]
    )
    if "registers_identified" in db:
        identified += _lines_for(
            "Records identified from registers", db["registers_identified"], db["registers_identified_total"]
        )
    ident = c.box(COL_MAIN, y, identified)
    removed = c.box(COL_SIDE, y, [f"Duplicate records removed (n = {db['duplicates_removed']})"])
    other_ident = c.box(
        COL_OTHER,
        y,
        _lines_for(
            "Records identified from other methods", other["records_identified"], other["records_identified_total"]
        ),
    )
    c.right(ident, removed)
    y = c.bottom + 40
    screened = c.box(COL_MAIN, y, [f"Records screened (n = {db['records_screened']})"])
    excluded = c.box(
        COL_SIDE,
        y,
        _lines_for("Records excluded", db["records_excluded_reasons"], db["records_excluded"])
        + [f"Awaiting screening (n = {db['records_awaiting_screening']})"],
    )
    c.down(ident, screened)
    c.right(screened, excluded)
    y = c.bottom + 40
    rows = {}
    for key, col, box in (("db", COL_MAIN, db), ("other", COL_OTHER, other)):
        rows[key] = [c.box(col, y, [f"Reports sought for retrieval (n = {box['reports_sought']})"])]
    y = c.bottom + 40
    for key, col, box in (("db", COL_MAIN, db), ("other", COL_OTHER, other)):
        rows[key].append(c.box(col, y, [f"Reports not retrieved (n = {box['reports_not_retrieved']})"]))
    y = c.bottom + 40
    for key, col, box in (("db", COL_MAIN, db), ("other", COL_OTHER, other)):
        rows[key].append(c.box(col, y, [f"Reports assessed for eligibility (n = {box['reports_assessed']})"]))
    y = c.bottom + 40
    for key, col, box in (("db", COL_MAIN, db), ("other", COL_OTHER, other)):
        rows[key].append(
            c.box(
                col,
                y,
                _lines_for("Reports excluded", box["reports_excluded"], box["reports_excluded_total"])
                + [f"Awaiting decision (n = {box['reports_awaiting_decision']})"],
            )
        )
    c.down(screened, rows["db"][0])
    c.down(other_ident, rows["other"][0])
    for key in rows:
        for upper, lower in zip(rows[key], rows[key][1:]):
            c.down(upper, lower)
    y = c.bottom + 40
    included = c.box(
        COL_MAIN,
        y,
        [f"Studies included in review (n = {inc['studies']})", f"Reports of included studies (n = {inc['reports']})"],
    )
    c.down(rows["db"][-1], included)
    x, yy, w, h = rows["other"][-1]
    c.arrow(x + w // 2, yy + h, COL_MAIN + BOX_W, included[1] + included[3] // 2)
    width, height = COL_OTHER + BOX_W + 40, c.bottom + 40
    header = (
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height}' viewBox='0 0 {width} {height}'>"
        "<defs><marker id='arrow' markerWidth='10' markerHeight='7' refX='10' refY='3.5' orient='auto'>"
        "<polygon points='0 0, 10 3.5, 0 7'/></marker></defs>"
        f"<rect width='{width}' height='{height}' fill='white'/>"
        f"<text x='{COL_MAIN}' y='30' {FONT} font-weight='bold'>PRISMA 2020 flow diagram</text>"
    )
    return "\n".join([header, *c.parts, "</svg>"]) + "\n"

"""Charts for the HTML bulletin, written as plain SVG text.

Why hand-written SVG and no charting library:

- deterministic: the same data gives the same bytes, so pages diff cleanly in git and tests compare strings;
- tiny: a few kilobytes inline in the page, and no dependency to install on a department's Windows laptop;
- crisp in print: vectors stay sharp on A4 at any zoom, and the text stays selectable and searchable;
- no script: the page opens from an e-mail attachment or a shared folder, where JavaScript is often blocked.

Every chart has a viewBox (it scales with the page), ``role="img"``, an ``aria-label`` and ``<title>`` tooltips.
The functions take plain values, not engine objects, so they can be tested and reused on their own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from html import escape

from gdtrack.values import Frozen, frozen
from gdtrack.views.numbers import percent

FONT = ("'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', "
        "'WenQuanYi Micro Hei', sans-serif")

STATUS_COLOUR: dict[str, str] = {
    "done": "#1b5e20", "on_track": "#66bb6a", "behind": "#f9a825", "lagging": "#c62828", "missed": "#4a0d0d",
    "no_report": "#7b1fa2", "no_baseline": "#bdbdbd", "unread": "#455a64",
}
"""Fill of each status, shared by the page's chips and every chart."""

STATUS_INK: dict[str, str] = {
    "done": "#ffffff", "on_track": "#0b2e13", "behind": "#3a2600", "lagging": "#ffffff", "missed": "#ffffff",
    "no_report": "#ffffff", "no_baseline": "#212121", "unread": "#ffffff",
}
"""Text colour that reads on each status fill (contrast ≥ 4.5:1)."""

INK, MUTED, GRID, TRACK, PACE = "#1f2933", "#52606d", "#d9dee3", "#eef1f4", "#1f2933"


def _f(x: float) -> str:
    """A coordinate: one decimal, no trailing zeros, so the output is short and stable."""
    text = f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text


def text_width(text: str, size: float) -> float:
    """Estimated width of a line of text: CJK and full-width characters are one em, others about 0.6."""
    return sum(size if ord(ch) >= 0x2E80 else size * 0.6 for ch in text)


def fit(text: str, width: float, size: float) -> str:
    """The text, cut with … so it fits in `width` at font `size`."""
    if text_width(text, size) <= width:
        return text
    while text and text_width(text + "…", size) > width:
        text = text[:-1]
    return text + "…"


def _svg(width: float, height: float, label: str, body: list[str], *, fixed: bool = False, cls: str = "") -> str:
    size = f'width="{_f(width)}" height="{_f(height)}"' if fixed else 'width="100%"'
    klass = f' class="{cls}"' if cls else ""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_f(width)} {_f(height)}" {size}{klass} '
            f'role="img" aria-label="{escape(label)}" font-family="{FONT}" '
            f'preserveAspectRatio="xMinYMin meet"><title>{escape(label)}</title>' + "".join(body) + "</svg>")


def _text(x: float, y: float, text: str, *, size: float = 13, anchor: str = "start", fill: str = INK,
          weight: str | None = None) -> str:
    extra = f' font-weight="{weight}"' if weight else ""
    return (f'<text x="{_f(x)}" y="{_f(y)}" font-size="{_f(size)}" text-anchor="{anchor}" fill="{fill}"'
            f'{extra}>{escape(text)}</text>')


def _legend(items: Sequence[tuple[str, str, str]], x: float, y: float, right: float,
            size: float = 14) -> tuple[list[str], float]:
    """Swatches in rows from (x, y) up to `right`: (kind, colour, label), kind "box" or "line".
    Returns the parts and the baseline of the last row."""
    parts, left = [], x
    for kind, colour, label in items:
        need = 17 + text_width(label, size)
        if x > left and x + need > right:
            x, y = left, y + size + 8
        if kind == "line":
            parts.append(f'<line x1="{_f(x + 6)}" y1="{_f(y - 12)}" x2="{_f(x + 6)}" y2="{_f(y + 3)}" '
                         f'stroke="{colour}" stroke-width="2.5"/>')
        else:
            parts.append(f'<rect x="{_f(x)}" y="{_f(y - 11)}" width="12" height="12" rx="2" fill="{colour}"/>')
        parts.append(_text(x + 17, y, label, size=size, fill=INK))
        x += need + 18
    return parts, y


# ── (a) completion against pace, one bar per group ─────────────────────────────────────────────


@frozen
class PaceBar(Frozen):
    label: str
    completion: float | None  # 0..1 (capped when drawn)
    expected: float | None  # the group's 序时进度
    tone: str  # a status key: the bar's colour
    tip: str  # tooltip


def pace_bars(rows: Sequence[PaceBar], *, aria_label: str, completion_word: str, expected_word: str,
              legend: Sequence[tuple[str, str]] = (), width: float = 1000) -> str:
    """Horizontal bars of completion on a 0–100% scale, each with a labelled vertical line at its 序时进度.

    `legend` is (status key, label) pairs explaining the bar colours.
    """
    label_w, value_w, row_h, bar_h = 360, 84, 46, 20
    x0, x1 = label_w + 10, width - value_w
    scale = x1 - x0
    items = [("box", STATUS_COLOUR[k], v) for k, v in legend] + [("line", PACE, expected_word)]
    body, last = _legend(items, 0, 18, width)
    top = last + 20
    height = top + row_h * len(rows) + 24
    for tick in (0, 0.25, 0.5, 0.75, 1):
        x = x0 + tick * scale
        body.append(f'<line x1="{_f(x)}" y1="{top - 4}" x2="{_f(x)}" y2="{_f(height - 20)}" stroke="{GRID}" '
                    f'stroke-width="1"/>')
        body.append(_text(x, height - 5, percent(tick, 0), size=13, anchor="middle", fill=MUTED))
    for i, row in enumerate(rows):
        y = top + i * row_h
        bar_y = y + 18
        mid = bar_y + bar_h / 2 + 5.5
        body.append(f"<g><title>{escape(row.tip)}</title>")
        body.append(_text(label_w, mid, fit(row.label, label_w - 4, 15), size=15, anchor="end"))
        body.append(f'<rect x="{_f(x0)}" y="{_f(bar_y)}" width="{_f(scale)}" height="{bar_h}" fill="{TRACK}"/>')
        if row.completion is not None:
            w = min(max(row.completion, 0.0), 1.0) * scale
            body.append(f'<rect x="{_f(x0)}" y="{_f(bar_y)}" width="{_f(w)}" height="{bar_h}" '
                        f'fill="{STATUS_COLOUR[row.tone]}"/>')
        value = percent(row.completion)
        body.append(_text(x1 + 8, mid, f"{completion_word} {value}" if completion_word else value, size=14.5,
                          weight="bold"))
        if row.expected is not None:
            ex = x0 + min(max(row.expected, 0.0), 1.0) * scale
            body.append(f'<line x1="{_f(ex)}" y1="{_f(bar_y - 3)}" x2="{_f(ex)}" y2="{_f(bar_y + bar_h + 3)}" '
                        f'stroke="{PACE}" stroke-width="2.5"/>')
            tag = f"{expected_word} {percent(row.expected)}"
            anchor = "end" if ex + text_width(tag, 12) / 2 > x1 else "middle"
            body.append(_text(ex, bar_y - 5, tag, size=12, anchor=anchor, fill=MUTED))
        body.append("</g>")
    return _svg(width, height, aria_label, body, cls="chart")


# ── (b) the status mix of each group, stacked ──────────────────────────────────────────────────


@frozen
class Mix(Frozen):
    label: str
    counts: Mapping[str, int]  # status key → count, in drawing order
    tip: str


def status_mix(rows: Sequence[Mix], *, labels: Mapping[str, str], aria_label: str, width: float = 1000) -> str:
    """One stacked horizontal bar per group: how many of its goals are in each status (a shared count scale).

    `labels` maps each status key to its label, in the order of the legend and of the segments.
    """
    label_w, row_h, bar_h = 300, 30, 20
    x0, x1 = label_w + 10, width - 40
    biggest = max((sum(r.counts.values()) for r in rows), default=0) or 1
    unit = (x1 - x0) / biggest
    body, last = _legend([("box", STATUS_COLOUR[k], v) for k, v in labels.items()], x0, 18, width)
    top = last + 18
    height = top + row_h * len(rows) + 6
    for i, row in enumerate(rows):
        y = top + i * row_h
        mid = y + bar_h / 2 + 5
        body.append(_text(label_w, mid, fit(row.label, label_w - 4, 15), size=15, anchor="end"))
        x = x0
        for key, label in labels.items():
            n = row.counts.get(key, 0)
            if not n:
                continue
            w = n * unit
            body.append(f'<rect x="{_f(x)}" y="{_f(y)}" width="{_f(w)}" height="{bar_h}" '
                        f'fill="{STATUS_COLOUR[key]}" stroke="#ffffff" stroke-width="1">'
                        f"<title>{escape(f'{row.label} · {label} {n}')}</title></rect>")
            if w >= 18:
                body.append(_text(x + w / 2, mid, str(n), size=13, anchor="middle", fill=STATUS_INK[key],
                                  weight="bold"))
            x += w
        total = sum(row.counts.values())
        body.append(f'<g><title>{escape(row.tip)}</title>'
                    + _text(x + 6, mid, str(total), size=14, fill=MUTED) + "</g>")
    return _svg(width, height, aria_label, body, cls="chart")


# ── (c) a goal's trajectory against the pace line ──────────────────────────────────────────────


@frozen
class SparkPoint(Frozen):
    as_of: dt.date
    completion: float | None
    expected: float
    tip: str


def sparkline(points: Sequence[SparkPoint], *, start: dt.date, end: dt.date, pace_to: tuple[dt.date, float],
              tone: str, aria_label: str, empty: str, width: float = 160, height: float = 36) -> str:
    """A small chart: completion at each report date (dots and line) against the pace line (dashed, from 0 at
    the plan start to the 序时进度 at `pace_to`). Values are drawn capped to 0–100%."""
    pad_x, pad_y = 4, 4
    span = max((end - start).days, 1)

    def px(day: dt.date) -> float:
        return pad_x + (width - 2 * pad_x) * min(max((day - start).days / span, 0.0), 1.0)

    def py(value: float) -> float:
        return height - pad_y - (height - 2 * pad_y) * min(max(value, 0.0), 1.0)

    body = [f'<rect x="0.5" y="0.5" width="{_f(width - 1)}" height="{_f(height - 1)}" rx="3" fill="#fafbfc" '
            f'stroke="{GRID}"/>',
            f'<line x1="{pad_x}" y1="{_f(py(1))}" x2="{_f(width - pad_x)}" y2="{_f(py(1))}" stroke="{GRID}" '
            f'stroke-dasharray="1 2"/>',
            f'<line x1="{_f(px(start))}" y1="{_f(py(0))}" x2="{_f(px(pace_to[0]))}" y2="{_f(py(pace_to[1]))}" '
            f'stroke="{MUTED}" stroke-width="1.2" stroke-dasharray="3 2"/>']
    drawn = [p for p in points if p.completion is not None]
    colour = STATUS_COLOUR.get(tone, INK)
    if len(drawn) > 1:
        path = " ".join(f"{_f(px(p.as_of))},{_f(py(p.completion or 0))}" for p in drawn)
        body.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2" '
                    f'stroke-linejoin="round" stroke-linecap="round"/>')
    for i, p in enumerate(drawn):
        r = 3 if i == len(drawn) - 1 else 2.2
        body.append(f'<circle cx="{_f(px(p.as_of))}" cy="{_f(py(p.completion or 0))}" r="{r}" fill="{colour}" '
                    f'stroke="#ffffff" stroke-width="0.8"><title>{escape(p.tip)}</title></circle>')
    if not drawn:
        # Above the pace line, which rises from the bottom left: the upper left is free.
        body.append(_text(pad_x + 4, pad_y + 10, empty, size=10, fill=MUTED))
    return _svg(width, height, aria_label, body, fixed=True, cls="spark")

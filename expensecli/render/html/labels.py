"""The text pygal draws on a chart, kept legible: no label cut off at an edge, no figures run together.

pygal lays text out by an estimate of its width (it has no fonts to measure with), and centres
each label of the horizontal axis under its point or bar, so a label at either end may stick out
of the drawing, where the browser cuts it off: a line's first and last points sit on the
drawing's edges, so their labels always would. This sets such a label flush with the edge, as
Vega's `labelFlush` does, and gives the estimate the charts' layout uses. The figures printed on
a chart's bars are written short ("1.23 M") when written out they would be wider than a bar's
room and run into their neighbours'; the table beside the chart has them exact.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from expensecli.core.i18n import decimal_sign

EM = Decimal("0.62")  # a character's width in ems, as a generous estimate (digits and capitals of a sans-serif)
EDGE = 2  # the least room between a label and the drawing's edge


def text_width(text: str, size: int) -> Decimal:
    """About how wide `text` is drawn at `size` pixels."""
    return len(text) * size * EM


def _name(element) -> str:
    return element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""


def flush_ends(root, width: int, size: int):
    """pygal's `<svg>` (`width` wide, labels of `size` pixels) with each label of its horizontal axis
    that would stick out of it set flush with its edge; the others stay centred (an XML filter)."""
    plot = next((g for g in root.iter() if _name(g) == "g" and "plot" in g.get("class", "").split()), None)
    shift = re.match(r"translate\(([-\d.]+)", plot.get("transform", "")) if plot is not None else None
    if shift is None:
        return root
    left, right = EDGE - Decimal(shift[1]), width - EDGE - Decimal(shift[1])  # the drawing's edges, in the plot's units
    for axis in plot:
        if _name(axis) != "g" or not {"axis", "x"} <= set(axis.get("class", "").split()):
            continue
        for text in (t for t in axis.iter() if _name(t) == "text" and t.text):
            x, half = Decimal(text.get("x")), text_width(text.text, size) / 2
            if x - half < left:
                text.set("x", str(left))
                text.set("style", "text-anchor: start")
            elif x + half > right:
                text.set("x", str(right))
                text.set("style", "text-anchor: end")
    return root


SHORT = ((Decimal(10) ** 6, "M"), (Decimal(10) ** 3, "k"))


def short_figure(value: int) -> str:
    """A whole figure in a few characters, to three significant digits (half up): 950, 13.3 k,
    120 k, 1.23 M, 12.3 M, 1 230 M; with the decimal sign of the language ("1,23 M" in bokmål)."""
    exact = Decimal(value)
    if abs(exact) < 1000:
        return str(value)
    rounded = exact.quantize(Decimal(1).scaleb(exact.adjusted() - 2), rounding=ROUND_HALF_UP)
    scale, unit = next((scale, unit) for scale, unit in SHORT if abs(rounded) >= scale)
    text = f"{rounded / scale:,f}".replace(",", " ")
    return f"{decimal_sign(text.rstrip('0').rstrip('.') if '.' in text else text)} {unit}"


def crowded(texts: list[str], room: Decimal, size: int) -> bool:
    """Whether any of `texts`, drawn at `size` pixels, is wider than `room` (less a little space
    either side): printed side by side, it would run into its neighbour."""
    return any(text_width(text, size) > room - 2 * EDGE for text in texts)

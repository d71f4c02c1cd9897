"""Draw a `report.charts.Chart` as inline SVG with pygal: no script, no link, no font to fetch.

pygal renders SVG on the server side and keeps to the chart types the report needs (bars,
stacked horizontal bars, lines). By default it links a tooltip script from a CDN; here `js`
is empty, its CSS is inlined (its default), and its small config script is removed from the
SVG, so a chart is plain markup that draws in any browser offline and prints. The chart's id
(pygal uses a random UUID) is the chart's key, so the same input gives the same page, and the
ids of its parts are prefixed with it, so that none repeats in a page of several charts.

Colours come from a chart's tones, not from the order of its series: the palette keeps
alert (darkest), main, caution and quiet (lightest) apart in greyscale, avoids red/green
pairs, and alert segments are also hatched (with darker stripes, so they stay the darkest), so
no reading depends on telling hues apart. Every tone, the lightest too, has a contrast of at
least 3:1 with the white page (WCAG 1.4.11), so a bar of infos or of room left under a limit
is seen as well as the others.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

import pygal
from pygal.style import Style

from expensecli.core.i18n import decimal_sign, tr
from expensecli.core.values import money_display
from expensecli.render.html.labels import crowded, flush_ends, short_figure, text_width
from expensecli.report.charts import Chart, Kind, Tone, Unit

COLOURS = {Tone.alert: "#8e3300", Tone.main: "#49729e", Tone.caution: "#995f00", Tone.quiet: "#8b929b"}
FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", sans-serif'
WIDE, THIRD = 1150, 360  # the chart's width on the page, so that its text is drawn at its size
ROW = 28  # height of one bar in a horizontal chart
AXIS = 70  # of an upright chart's width, about what its value axis's figures and its margins take
HORIZONTAL = (Kind.hbar, Kind.stacked_hbar)

HATCH = ('<pattern id="{id}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
         '<rect width="6" height="6" fill="{colour}"/><rect width="2" height="6" fill="#000000" opacity="0.35"/>'
         '</pattern>')

REFERENCE = re.compile(r"url\(#([^)\s]+)\)")  # an id referred to in an attribute's value: fill="url(#id)"

KINDS = {Kind.bar: pygal.Bar, Kind.hbar: pygal.HorizontalBar, Kind.stacked_hbar: pygal.HorizontalStackedBar,
         Kind.line: pygal.Line}


def number_text(value, unit: Unit | None = None) -> str:
    """A figure as the page shows it: NOK with two decimals, counts whole, thousands spaced (a
    decimal comma in bokmål)."""
    if value is None:
        return "-"
    if unit is Unit.nok:
        return money_display(Decimal(str(value)))
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}".replace(",", " ")
    return decimal_sign(str(value))


def axis_text(value: float) -> str:
    """An axis tick: whole numbers, thousands spaced (the exact figures are in the table)."""
    return f"{round(value):,}".replace(",", " ")


def ticks(chart: Chart) -> list[int]:
    """At most about six whole-number ticks on the value axis, from zero (pygal would put counts
    at 0.2, 0.4, ... and amounts every 10 000 up to 120 000)."""
    stacked = chart.kind is Kind.stacked_hbar
    sums = [sum(s.values[i] or 0 for s in chart.series) if stacked else max((s.values[i] or 0) for s in chart.series)
            for i in range(len(chart.labels))]
    top = int(max(sums, default=0)) or 1
    step = 1
    while top / step > 6:
        step = _next_step(step)
    return list(range(0, (top // step + 1) * step + 1, step))


def _next_step(step: int) -> int:
    """1, 2, 5, 10, 20, 50, ..."""
    return step * 5 // 2 if str(step)[0] == "2" else step * 2


def is_wide(chart: Chart) -> bool:
    """Lines over time, upright bars of more than a few labels (runs over time) or of labels too
    long to stand side by side in a third of the page, and bars with long labels (events, codes
    with titles) take the page's width; the others a third of it (three side by side)."""
    if chart.kind is Kind.line or (chart.kind not in HORIZONTAL and len(chart.labels) > AXIS_LABELS):
        return True
    if chart.kind not in HORIZONTAL:  # each label centred in its bar's room: two neighbours must fit in two
        widths = [text_width(label, 11) for label in chart.labels]
        room = Decimal(THIRD - AXIS) / len(widths)
        return any(a + b > 2 * room for a, b in zip(widths, widths[1:]))
    return max(map(len, chart.labels), default=0) > 20


AXIS_LABELS = 6  # of an upright chart's labels, at most this many are written (evenly spaced); the table has all


def width_of(chart: Chart) -> int:
    return WIDE if is_wide(chart) else THIRD


def _style(chart: Chart) -> Style:
    label = 12 if is_wide(chart) else 11
    return Style(background="transparent", plot_background="transparent", foreground="#1f2933",
                 foreground_strong="#1f2933", foreground_subtle="#e3e8ee", font_family=FONT,
                 colors=tuple(COLOURS[s.tone] for s in chart.series), opacity="1", opacity_hover="0.85",
                 label_font_size=label, major_label_font_size=label, value_font_size=label, legend_font_size=13,
                 title_font_size=14, guide_stroke_color="#d5dbe1", major_guide_stroke_color="#c0c8d0",
                 stroke_width="2", transition="0ms")


def _height(chart: Chart) -> int:
    if chart.kind in HORIZONTAL:
        legend = 0 if len(chart.series) == 1 else 30 if is_wide(chart) else 22 * len(chart.series)
        return 70 + ROW * max(len(chart.labels), 1) + legend
    return 280


def _without_scripts(root):
    """Drop pygal's config script (nothing reads it without its tooltip script) and its comments."""
    for parent in list(root.iter()):
        for child in list(parent):
            if not isinstance(child.tag, str) or child.tag.rsplit("}", 1)[-1] == "script":
                parent.remove(child)
    return root


def _own_ids(root, uid: str):
    """pygal gives some elements the same id in every chart (the legend's `activate-serie-0`, ...):
    in a page of several charts each id is made the chart's own, prefixed with its key, and what
    refers to it (`url(#...)`, `href="#..."`) follows."""
    renamed = {}
    for element in root.iter():
        name = element.get("id") if isinstance(element.tag, str) and element is not root else None
        if name and not name.startswith(f"{uid}-"):
            renamed[name] = f"{uid}-{name}"
            element.set("id", renamed[name])
    if not renamed:
        return root
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for attribute, value in list(element.attrib.items()):
            if attribute.endswith("href") and value.startswith("#") and value[1:] in renamed:
                element.set(attribute, "#" + renamed[value[1:]])
            elif "url(#" in value:
                element.set(attribute, REFERENCE.sub(lambda m: f"url(#{renamed.get(m[1], m[1])})", value))
    return root


def _titled(root, title: str):
    """The drawing's own `<title>` (a browser's tooltip over it) is the chart's title, not pygal's
    name for itself."""
    for child in root:
        if isinstance(child.tag, str) and child.tag.rsplit("}", 1)[-1] == "title":
            child.text = title
    return root


def _whole(value) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP)) if isinstance(value, Decimal) else value


def _point(value, short: bool = False) -> dict | None:
    """A value for pygal: its size (a float, only for the geometry) and its text, made from the
    exact value (so a printed amount is the Decimal's, not a float's). Amounts printed on bars
    are whole kroner, to fit, and `short` ("1.23 M") where even those would run together; the
    table beside the chart has them to the øre."""
    if value is None:
        return None
    text = short_figure(_whole(value)) if short else number_text(_whole(value))
    size = int(value) if isinstance(value, int) else int(value * 100) / 100
    return {"value": size, "formatter": lambda _, text=text: text}


def _short(chart: Chart) -> bool:
    """Whether the figures printed over an upright chart's bars, written out, would be wider than
    a bar's room (a chart's width, less its axis and margins, shared by its labels)."""
    if len(chart.series) != 1 or chart.kind is not Kind.bar:
        return False
    texts = [number_text(_whole(value)) for value in chart.series[0].values if value]
    return crowded(texts, Decimal(width_of(chart) - AXIS) / max(len(chart.labels), 1), _style(chart).value_font_size)


def render_chart(chart: Chart) -> str:
    """The chart as an `<svg>` element (a string to place in an HTML page that holds the chart's
    heading, caption, note and table with the ids `_accessible` names)."""
    uid = chart.key
    hatched = [i for i, s in enumerate(chart.series) if s.tone is Tone.alert and chart.kind is not Kind.line]
    defs = [HATCH.format(id=f"{uid}-hatch-{i}", colour=COLOURS[Tone.alert]) for i in hatched]
    css = "".join(f"#chart-{uid} .serie-{i} rect, #chart-{uid} .legend rect.color-{i} {{ fill: url(#{uid}-hatch-{i}) }} "
                  for i in hatched)
    single = len(chart.series) == 1
    short = _short(chart)  # the figures over the bars, and then the axis's too, written short
    flip = chart.kind in HORIZONTAL  # pygal draws the first label at the bottom; a reader starts at the top
    graph = KINDS[chart.kind](
        js=[], disable_xml_declaration=True, pretty_print=False, style=_style(chart), defs=defs,
        css=["file://style.css", "file://graph.css", f"inline:{css}"],
        width=width_of(chart), height=_height(chart), show_legend=not single, legend_at_bottom=True,
        legend_at_bottom_columns=min(len(chart.series), 3) if is_wide(chart) else 1, print_values=single and chart.kind is not Kind.line,
        print_zeroes=False, print_values_position="top", margin=12, spacing=12, truncate_label=60,
        show_y_guides=not flip, show_x_guides=flip, x_label_rotation=0, y_labels=ticks(chart),
        value_formatter=(lambda value: short_figure(round(value))) if short else axis_text,
        formatter=lambda value: number_text(value, chart.unit), include_x_axis=True,
        allow_interruptions=True, no_data_text=tr("Nothing to show"),
        show_minor_x_labels=flip or len(chart.labels) <= AXIS_LABELS, x_labels_major_count=AXIS_LABELS)
    graph.uuid = uid
    order = slice(None, None, -1) if flip else slice(None)
    graph.x_labels = list(chart.labels)[order]
    for series in chart.series:
        graph.add(series.name, [_point(v, short) for v in series.values][order])
    graph.add_xml_filter(_without_scripts)
    graph.add_xml_filter(lambda root: _own_ids(root, uid))
    graph.add_xml_filter(lambda root: flush_ends(root, width_of(chart), _style(chart).label_font_size))
    graph.add_xml_filter(lambda root: _titled(root, chart.title))
    svg = graph.render(is_unicode=True)
    return svg.replace("<svg ", f"<svg {_accessible(chart)} ", 1)


def _accessible(chart: Chart) -> str:
    """What assistive technology reads for the drawing, on the `<svg>` itself (an image): its name is
    the chart's heading, its description the caption (and the note on what is not drawn), and its
    details the table of its numbers (the page's figure gives these elements the ids)."""
    uid = chart.key
    described = f"{uid}-caption {uid}-note" if chart.note else f"{uid}-caption"
    return (f'role="img" aria-labelledby="{uid}-title" aria-describedby="{described}"'
            f' aria-details="{uid}-numbers" focusable="false"')

"""The manager's report as one self-contained HTML page (`expensecli report`).

Jinja2 builds the page from `templates/report.html.j2` with autoescaping on, so every value
that comes from a claim (ids, names, units, messages) is escaped; the only markup inserted
as is are the SVG charts (pygal escapes the labels it draws), the stylesheet and the script,
which ship with the package. Everything is inline: the page makes no request, and its
Content-Security-Policy forbids any (`default-src 'none'`) and lets only the page's own
script run (by its hash). Imported only by the `report` command.

The page is in the language of the run: the template's sentences go through `tr`/`ntr` (the
template's and the catalog's sentences are markup that ships with the package; the values put
into them are escaped), `<html lang>` follows, figures are written as the language writes them
and dates stay ISO in bokmål. Statuses, kinds of event and severities are shown by their names in
the language (`report.names`); the data attributes and filter values the script compares keep the
codes. The script's two sentences (the count of the filtered table) are put into it in the
language of the run before its hash is taken.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import string
from importlib import resources

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from expensecli import __version__
from expensecli.core import i18n
from expensecli.core.i18n import mark, tr
from expensecli.core.values import money_display
from expensecli.render.html.charts import is_wide, number_text, render_chart
from expensecli.render.html.tables import action_view
from expensecli.report.overview import Overview


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath("templates", name).read_text(encoding="utf-8")


def _markup_tr(message: str, /, **params: object) -> Markup:
    """`tr` for the template: the sentence (the template's or the catalog's, both shipped with the
    package) may hold markup; the values put into it are escaped."""
    return Markup(tr(message, **{name: escape(value) for name, value in params.items()}))


def _markup_ntr(singular: str, plural: str, count: int, /, **params: object) -> Markup:
    return Markup(i18n.ntr(singular, plural, count, **{name: escape(value) for name, value in params.items()}))


def _long_date(day: dt.date) -> str:
    """The date of the page's heading: "1 May 2024" in English; bokmål keeps dates ISO."""
    return day.strftime("%-d %B %Y") if i18n.language() == "en" else day.isoformat()


def _environment() -> Environment:
    env = Environment(loader=PackageLoader(__package__, "templates"), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["money"] = lambda value: "-" if value is None else money_display(value)
    env.filters["number"] = number_text
    env.filters["long_date"] = _long_date
    env.globals["tr"] = _markup_tr
    env.globals["ntr"] = _markup_ntr
    return env


# The sentences the page's script writes (the count of the filtered table), as the script has them
# in English; in another language they are replaced by the translation, written as the same
# JavaScript expression (its hash in the page's policy is taken afterwards).
SCRIPT_TEXTS = ((mark("{shown} of {total} claims"), {"shown": "shown", "total": "rows.length"}),
                (mark("{total} claims"), {"total": "rows.length"}),  # the longer first: it holds the other
                (mark("1 claim"), {}))


def _script_expression(message: str, names: dict[str, str]) -> str:
    """`message` as a JavaScript expression: its text quoted, its placeholders the script's variables."""
    parts = []
    for literal, field, _spec, _conversion in string.Formatter().parse(message):
        if literal:
            parts.append(json.dumps(literal))
        if field is not None:
            parts.append(names[field])
    return " + ".join(parts)


def _script() -> str:
    script = _asset("report.js")
    if i18n.language() != "en":
        for message, names in SCRIPT_TEXTS:
            english = _script_expression(message, names)
            if english not in script:
                raise ValueError(f"report.js no longer writes {english}")
            script = script.replace(english, _script_expression(tr(message), names))
    return script


def render_report(overview: Overview, *, title: str | None = None) -> str:
    """The page as a string: headline figures, charts with their numbers, the action table; in the
    language of the run (`title` defaults to "Expense claims" in it)."""
    script = _script()
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    policy = (f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-{digest}';"
              " form-action 'none'; base-uri 'none'")
    charts = [(chart, Markup(render_chart(chart)), is_wide(chart)) for chart in overview.charts]
    actions = [action_view(row) for row in overview.actions]
    statuses = sorted({(row.status, row.status_name) for row in actions}, key=lambda pair: pair[1])
    template = _environment().get_template("report.html.j2")
    return template.render(overview=overview, headline=overview.headline, charts=charts, actions=actions,
                           statuses=statuses,
                           title=tr("Expense claims") if title is None else title, lang=i18n.language(),
                           version=__version__, csp=policy, style=Markup(_asset("report.css")),
                           script=Markup(script))

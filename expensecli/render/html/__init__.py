"""The manager's report as one self-contained HTML page (`expensecli report`).

Jinja2 builds the page from `templates/report.html.j2` with autoescaping on, so every value
that comes from a claim (ids, names, units, messages) is escaped; the only markup inserted
as is are the SVG charts (pygal escapes the labels it draws), the stylesheet and the script,
which ship with the package. Everything is inline: the page makes no request, and its
Content-Security-Policy forbids any (`default-src 'none'`) and lets only the page's own
script run (by its hash). Imported only by the `report` command.
"""

from __future__ import annotations

import base64
import hashlib
from importlib import resources

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from expensecli import __version__
from expensecli.core.values import money_display
from expensecli.render.html.charts import is_wide, number_text, render_chart
from expensecli.render.html.tables import action_view
from expensecli.report.overview import Overview


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath("templates", name).read_text(encoding="utf-8")


def _environment() -> Environment:
    env = Environment(loader=PackageLoader(__package__, "templates"), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["money"] = lambda value: "-" if value is None else money_display(value)
    env.filters["number"] = number_text
    env.filters["count"] = lambda n, word, plural=None: f"{number_text(n, None)} {word if n == 1 else plural or word + 's'}"
    return env


def render_report(overview: Overview, *, title: str = "Expense claims") -> str:
    """The page as a string: headline figures, charts with their numbers, the action table."""
    script = _asset("report.js")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    policy = (f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-{digest}';"
              " form-action 'none'; base-uri 'none'")
    charts = [(chart, Markup(render_chart(chart)), is_wide(chart)) for chart in overview.charts]
    template = _environment().get_template("report.html.j2")
    return template.render(overview=overview, headline=overview.headline, charts=charts,
                           actions=[action_view(row) for row in overview.actions], title=title,
                           version=__version__, csp=policy, style=Markup(_asset("report.css")),
                           script=Markup(script))

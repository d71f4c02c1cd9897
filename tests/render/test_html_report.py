"""The report page as markup: escaped claim values, nothing fetched, the script allowed by hash only."""

import base64
import datetime as dt
import hashlib
import html
import re
from collections import Counter
from html.parser import HTMLParser

from conftest import CLEAN, EXAMPLES, WARN, run_batch

from expensecli.core import i18n
from expensecli.render.html import render_report
from expensecli.render.html.charts import COLOURS, render_chart
from expensecli.report.charts import Chart, Kind, Series, Tone
from expensecli.report.overview import build_overview

AS_OF = dt.date(2024, 5, 1)
SCRIPT_ID = '<script>alert("id")</script>'
IMG_NAME = '"><img src=x onerror=alert(1)>'
SVG_UNIT = "</svg><script>alert('unit')</script>"


def hostile_claim() -> str:
    """A late external's claim whose id, name and unit are markup (the unit is also a chart label)."""
    return (CLEAN.replace("id: R-2024-0001", f"id: '{SCRIPT_ID}'\nunit: \"{SVG_UNIT}\"")
            .replace("name: Kari Nordmann", f"name: '{IMG_NAME}'")
            .replace("role: employee", "role: external")
            .replace("submitted: 2024-03-05", "submitted: 2024-04-20"))


class RecordedRun:
    """One recorded run of a ledger, as the run history charts read it."""

    def __init__(self, run: int, as_of: dt.date, open: int = 9, new: int = 2, resolved: int = 1):
        self.run, self.as_of, self.open, self.new, self.resolved = run, as_of, open, new, resolved
        self.started = dt.datetime.combine(as_of, dt.time(2), dt.timezone.utc)


def hostile_page() -> str:
    reports = run_batch({"x<b>.yaml": hostile_claim(), "clean.yaml": CLEAN})
    return render_report(build_overview(reports, AS_OF))


def test_every_claim_value_is_escaped():
    page = hostile_page()
    for raw in (SCRIPT_ID, IMG_NAME, SVG_UNIT, "x<b>.yaml"):
        assert raw not in page
    assert "&lt;script&gt;alert(&#34;id&#34;)&lt;/script&gt;" in page
    assert "&lt;/svg&gt;&lt;script&gt;alert(" in page  # in the table and as a chart label
    assert page.count("<script") == 1 and "<img" not in page


def test_nothing_is_fetched_and_only_the_page_script_may_run():
    page = hostile_page()
    urls = set(re.findall(r"(?:https?:)?//[\w.-]+[^\s\"'<>)]*", page))
    assert urls <= {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}  # XML namespace names only
    assert not re.search(r"<(link|img|iframe|object|embed)\b|@import|url\((?!#)|<[^>]*\s(src|href)=", page)
    policy = html.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)[1])
    script = re.search(r"<script>(.*?)</script>", page, re.S)[1]
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert policy.startswith("default-src 'none';") and f"script-src 'sha256-{digest}'" in policy


class Ids(HTMLParser):
    """Every element's id in a page, and the ids its attributes refer to."""

    REFERRING = ("aria-labelledby", "aria-describedby", "aria-details", "for")

    def __init__(self, page: str):
        super().__init__()
        self.ids: Counter[str] = Counter()
        self.references: set[str] = set()
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id":
                self.ids[value] += 1
            elif name in self.REFERRING:
                self.references.update(value.split())
            elif name.endswith("href") and value.startswith("#"):
                self.references.add(value[1:])
            elif value and "url(#" in value:
                self.references.update(re.findall(r"url\(#([^)]+)\)", value))

    handle_startendtag = handle_starttag


def test_every_id_in_the_page_is_its_own_and_every_reference_finds_its_element():
    """Several charts with legends and hatching, and the run history of a ledger, in one page."""
    dinner = (EXAMPLES / "catering" / "external-dinner-over-limit.yaml").read_text(encoding="utf-8")
    reports = run_batch({"x<b>.yaml": hostile_claim(), "warn.yaml": WARN, "dinner.yaml": dinner})
    page = render_report(build_overview(reports, AS_OF, [RecordedRun(n, dt.date(2024, 4, n)) for n in range(1, 4)]))
    found = Ids(page)
    assert [name for name, count in found.ids.items() if count > 1] == []
    assert len(found.ids) > 40
    in_styles = set(re.findall(r"url\(#([^)]+)\)", page))
    assert in_styles and found.references and (found.references | in_styles) <= set(found.ids)


def test_the_same_claims_give_the_same_page():
    assert hostile_page() == hostile_page()


def test_a_line_chart_renders_for_a_history_of_runs():
    """What a ledger adds: open findings per run, drawn like the other charts."""
    history = Chart("history", "Open findings per run", "One point per run.", Kind.line,
                    ("2024-04-01", "2024-04-15", "2024-05-01"), (Series("Open findings", (12, 9, 7), Tone.main),))
    svg = render_chart(history)
    assert svg.startswith("<svg ") and 'aria-labelledby="history-title"' in svg and "<script" not in svg
    assert 'aria-describedby="history-caption" aria-details="history-numbers"' in svg
    assert svg.count('class="dot') >= 3 and "2024-04-15" in svg


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def test_the_tones_stay_apart_in_greyscale():
    """Series drawn together (alert with main and quiet; alert, caution and quiet) differ in
    lightness by a contrast of at least 1.5, so they read apart in greyscale and for colour-blind
    readers; alert is the darkest."""
    light = {tone: _luminance(colour) for tone, colour in COLOURS.items()}

    def contrast(a, b):
        return (max(light[a], light[b]) + 0.05) / (min(light[a], light[b]) + 0.05)

    for pair in ((Tone.alert, Tone.main), (Tone.main, Tone.quiet), (Tone.alert, Tone.caution),
                 (Tone.caution, Tone.quiet)):
        assert contrast(*pair) >= 1.5, pair
    assert min(light, key=light.get) is Tone.alert


def _hex(value: str, variables: dict[str, str]) -> str:
    """A CSS colour of the page as #rrggbb: `#fff`, `#1f2933` or `var(--name)`."""
    value = value.strip()
    value = variables[value[6:-1]] if value.startswith("var(--") else value
    return "#" + "".join(c * 2 for c in value[1:]) if len(value) == 4 else value.lower()


def _contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _over(colour: str, base: str, opacity: float) -> str:
    """`colour` at `opacity` over `base`, as the browser composes them (in sRGB)."""
    mixed = (round(opacity * int(colour[i:i + 2], 16) + (1 - opacity) * int(base[i:i + 2], 16)) for i in (1, 3, 5))
    return "#" + "".join(f"{c:02x}" for c in mixed)


def test_bars_and_badges_stand_out_from_what_they_are_drawn_on():
    """WCAG 1.4.11: every colour the charts fill bars, lines and legend swatches with (the stripes
    of the hatching too) has a contrast of at least 3:1 with the figure's background; the text of
    the severity badges at least 4.5:1 with the badge (1.4.3). The colours are read from the page."""
    mixup = (EXAMPLES / "claims" / "status-mixup.yaml").read_text(encoding="utf-8")  # an info: CO001
    dinner = (EXAMPLES / "catering" / "external-dinner-over-limit.yaml").read_text(encoding="utf-8")
    reports = run_batch({"x<b>.yaml": hostile_claim(), "warn.yaml": WARN, "mixup.yaml": mixup, "dinner.yaml": dinner})
    page = render_report(build_overview(reports, AS_OF, [RecordedRun(1, AS_OF)]))
    style = re.search(r"<style>(.*?)</style>", page, re.S)[1]  # the page's own, before the charts'
    variables = dict(re.findall(r"--([\w-]+): (#[0-9a-fA-F]+)", style))
    background = _hex(re.search(r"\n\.chart \{[^}]*background: ([^;]+);", style)[1], variables)
    assert background == "#ffffff" and "#chart-status-claims .plot &gt; .background{fill:transparent}" in page
    fills = set(re.findall(r"\.color-\d+ a:visited\{stroke:(#\w+);fill:\1\}", page))
    assert fills == set(COLOURS.values())  # every tone is drawn in this page
    for pattern in re.findall(r"<pattern [^>]*>(.*?)</pattern>", page):
        base, *stripes = re.findall(r'<rect [^>]*fill="(#\w+)"(?: opacity="([\d.]+)")?', pattern)
        fills |= {base[0], *(_over(colour, base[0], float(opacity)) for colour, opacity in stripes)}
    assert {colour: round(_contrast(colour, background), 2) for colour in fills
            if _contrast(colour, background) < 3} == {}
    badges = re.findall(r"\.findings (?:\.sev-\w+ )?b \{[^}]*?background: ([^;]+); color: ([^;]+);", style)
    assert len(badges) == 3
    pairs = [(_hex(back, variables), _hex(text, variables)) for back, text in badges]
    assert [pair for pair in pairs if _contrast(*pair) < 4.5] == []


def test_two_events_of_one_claim_on_one_day_have_labels_of_their_own():
    """One claim's lunch and dinner meetings of a day, and the same claim id in a second file: each
    event's label in the chart and its table says which it is."""
    dinner = (EXAMPLES / "catering" / "external-dinner-over-limit.yaml").read_text(encoding="utf-8")
    event = dinner[dinner.index("  - date: 2024-04-18"):]
    two = dinner + event.replace('"6 500.00"', '"3 000.00"').replace('"17:00"', '"11:00"').replace('"20:30"', '"13:00"')
    page = render_report(build_overview(run_batch({"two.yaml": two, "again.yaml": dinner}), AS_OF))
    labels = re.findall(r'<th scope="row">(R-2024-0533 [^<]*)</th>', page)
    assert sorted(labels) == ["R-2024-0533 · 18 Apr meeting · expense 0 · again.yaml",
                              "R-2024-0533 · 18 Apr meeting · expense 0 · two.yaml",
                              "R-2024-0533 · 18 Apr meeting · expense 1"]
    assert all(f">{label}</text>" in page for label in labels)  # drawn beside its bar too


def test_figures_over_bars_are_written_short_where_written_out_they_would_run_together():
    from decimal import Decimal

    from expensecli.render.html.labels import short_figure
    from expensecli.report.charts import Unit

    assert [short_figure(v) for v in (950, 1000, 13_310, 120_394, 999_500, 1_234_567, 12_345_678, 1_234_567_890)] == [
        "950", "1 k", "13.3 k", "120 k", "1 M", "1.23 M", "12.3 M", "1 230 M"]
    statuses = ("draft", "sent", "approved", "returned", "paid")

    def printed(*amounts: str) -> list[str]:
        chart = Chart("status-nok", "NOK by status", "", Kind.bar, statuses,
                      (Series("NOK", tuple(map(Decimal, amounts))),), Unit.nok)
        return re.findall(r'<text [^>]*class="value">([^<]*)</text>', render_chart(chart))

    assert printed("13309.78", "120393.70", "1597.00", "18530.00", "6470.00") == [
        "13 310", "120 394", "1 597", "18 530", "6 470"]  # room enough: whole kroner
    assert printed("2345678.90", "2456789.01", "2500000.00", "1987654.32", "2210987.65") == [
        "2.35 M", "2.46 M", "2.5 M", "1.99 M", "2.21 M"]
    i18n.use("nb")
    assert printed("2345678.90", "2456789.01", "2500000.00", "1987654.32", "900.00")[0::4] == ["2,35 M", "900"]


def test_an_empty_batch_is_a_page_that_says_so():
    page = render_report(build_overview([], AS_OF))
    assert page.count("Nothing to show.") == 5 and "No claim needs action." in page
    assert "<svg" not in page and 'id="actions"' not in page


def bokmal_page() -> str:
    """A late external's claim of 1 622 kr and a clean one, as the page shows them in bokmål."""
    late = (CLEAN.replace("id: R-2024-0001", "id: R-2024-0002").replace("role: employee", "role: external")
            .replace("submitted: 2024-03-05", "submitted: 2024-04-20").replace("amount: 199.00", "amount: 1622.00"))
    i18n.use("nb")
    return render_report(build_overview(run_batch({"late.yaml": late, "clean.yaml": CLEAN}), AS_OF))


def test_the_page_in_bokmal():
    page = bokmal_page()
    lines = page.splitlines()
    for line in ('<html lang="nb">',
                 "<title>Refusjonskrav: rapport per 2024-05-01</title>",
                 "  <h1>Refusjonskrav: rapport per 2024-05-01</h1>",
                 '  <p class="lede">2 kravfiler kontrollert;',
                 "    1 må følges opp.",
                 "    Fristene er vurdert per 2024-05-01.</p>",
                 "      <dd class=\"sub\">1 821,00 NOK krevd</dd>",
                 "        0 med frist innen 7 dager</dd>",
                 '  <h2 id="h-actions">Krav som må følges opp <span class="count">1</span></h2>',
                 '      <th scope="col" data-type="text">Søker</th>',
                 '      <th scope="col" data-type="number">Frist</th>',
                 '<td class="num" data-sort="1622.00">1 622,00</td>',  # the sort key stays a machine figure
                 '<td data-sort="19">2024-04-01<span class="small late">19 dager for sent</span></td>',
                 '<p class="reasons"><span class="reason">3 feil</span><span class="reason">19 dager for sent</span></p>',
                 '<option value="">alle</option><option value="error">feil</option><option value="warning">advarsler, ingen feil</option>'
                 '<option value="info">bare info</option><option value="none">ingen funn</option>'):
        assert line.strip() in {text.strip() for text in lines}, line
    assert '<thead><tr><th scope="col">Status</th><th scope="col" class="num">Krav</th></tr></thead>' in page
    assert "<small>linje 4</small>" in page and "Claims that need action" not in page


def test_statuses_event_types_and_severities_are_shown_in_bokmal_and_stay_codes_for_the_script():
    """A reader of the bokmål page sees bokmål words; the data attributes and filter values that
    the page's script compares keep the codes."""
    dinner = (EXAMPLES / "catering" / "external-dinner-over-limit.yaml").read_text(encoding="utf-8")
    i18n.use("nb")
    page = render_report(build_overview(run_batch({"dinner.yaml": dinner, "warn.yaml": WARN}), AS_OF))
    assert page.count('<th scope="row">sendt inn</th>') == 2  # the tables of claims and NOK by status
    assert page.count('class="major">sendt inn</text>') == 2  # under the two status charts
    assert '<th scope="row">R-2024-0533 · 2024-04-18 møte</th>' in page
    assert '<option value="sent">sendt inn</option>' in page
    assert page.count('<td><span class="status">sendt inn</span></td>') == 2
    assert '<tr data-severity="error" data-status="sent">' in page
    assert '<li class="sev-error"><b>feil</b> <code>CA001</code>' in page
    assert '<li class="sev-warning"><b>advarsel</b> <code>DOC005</code>' in page
    for english in (">sent<", " meeting<", "<b>error</b>", "<b>warning</b>", "(draft)"):
        assert english not in page, english


def test_the_script_of_the_bokmal_page_counts_in_bokmal_and_is_allowed_by_its_hash():
    page = bokmal_page()
    script = re.search(r"<script>(.*?)</script>", page, re.S)[1]
    assert ('count.value = shown === rows.length ? (rows.length === 1 ? "1 krav" : rows.length + " krav")\n'
            '      : shown + " av " + rows.length + " krav";' in script)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src &#39;sha256-{digest}&#39;" in page


def test_the_empty_page_in_bokmal():
    i18n.use("nb")
    page = render_report(build_overview([], AS_OF), title="Fakultet for ingeniørvitenskap")
    assert page.count("Ingenting å vise.") == 5 and "<p class=\"empty\">Ingen krav trenger oppfølging.</p>" in page
    assert "<h1>Fakultet for ingeniørvitenskap: rapport per 2024-05-01</h1>" in page


def test_a_chart_of_many_runs_writes_a_few_labels_under_it_and_takes_the_page_width():
    from expensecli.render.html.charts import AXIS_LABELS, is_wide
    from expensecli.report.overview_charts import run_history

    for chart in run_history([RecordedRun(n, dt.date(2026, 11, n), new=n % 3) for n in range(1, 21)]):
        svg = render_chart(chart)
        assert is_wide(chart) and len(re.findall(r"<text[^>]*>2026-11-\d\d</text>", svg)) == AXIS_LABELS, chart.key


def test_the_run_history_is_labelled_by_as_of_dates_with_the_run_where_runs_share_a_day():
    """A controller counts in as-of days: a nightly run made at 02:10 for yesterday is labelled by
    yesterday; two runs of one day are told apart by their numbers. The table has when each started."""
    from expensecli.render.html.charts import is_wide
    from expensecli.report.overview_charts import run_history

    runs = [RecordedRun(n, day) for n, day in enumerate(
        (dt.date(2024, 4, 30), dt.date(2024, 5, 1), dt.date(2024, 5, 1), dt.date(2024, 5, 2)), start=1)]
    runs[0].started = dt.datetime(2024, 5, 1, 2, 10, tzinfo=dt.timezone.utc)
    for chart in run_history(runs):
        assert chart.labels == ("2024-04-30", "2024-05-01, run 2", "2024-05-01, run 3", "2024-05-02"), chart.key
        assert is_wide(chart)  # four such labels side by side take more than a third of the page
        assert chart.label_name == "As of" and chart.table[1].values[0] == "2024-05-01 02:10 UTC"
        assert all(f">{label}</text>" in render_chart(chart) for label in chart.labels)
    assert not is_wide(run_history(runs[:1] + runs[3:])[1])  # two dates fit in a third
    statuses = ("utkast", "sendt inn", "godkjent", "returnert", "utbetalt")
    assert not is_wide(Chart("status-claims", "", "", Kind.bar, statuses, (Series("Krav", (5, 11, 2, 2, 2)),)))
    i18n.use("nb")
    assert run_history(runs)[0].labels[1:3] == ("2024-05-01, kjøring 2", "2024-05-01, kjøring 3")
    assert run_history(runs)[0].label_name == "Per dato"

"""The report page in a real browser (Debian's headless Chromium over the DevTools protocol).

The page is made from examples/ as a manager would get it, opened from the file, and then
looked at as the browser shows it: no console error, no request beyond the file itself, the
charts drawn with their bars and labels, the table sorted by a mouse click and filtered, the
page complete without its script, an A4 print, and a screenshot whose charts are not blank.
Without a browser these tests skip and say why; in CI (CI=true) they fail instead, because
.ci/run installs Chromium.
"""

import base64
import os
import re
import subprocess
import sys
from collections import Counter

import pytest
from browser.cdp import Browser, BrowserUnavailable
from browser.png import pixels
from conftest import REPO

from expensecli.render.html.charts import COLOURS
from expensecli.report.charts import Tone

STATUSES = ["draft", "sent", "approved", "returned", "paid"]


@pytest.fixture(scope="module")
def page_file(tmp_path_factory):
    target = tmp_path_factory.mktemp("report") / "report.html"
    done = subprocess.run([sys.executable, "-m", "expensecli", "report", "examples/", "--as-of", "2024-05-01",
                           "-o", str(target), "-j1"], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 1, done.stderr  # the examples have errors on purpose
    return target


@pytest.fixture(scope="module")
def browser():
    try:
        with Browser(width=1280, height=900) as started:
            yield started
    except BrowserUnavailable as problem:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser tests: {problem}")
        pytest.skip(f"the browser tests need headless Chromium: {problem}")


@pytest.fixture
def page(browser, page_file):
    tab = browser.page()
    tab.open(page_file.as_uri())
    yield tab
    tab.close()


def test_no_console_error_and_no_request_leaves_the_file(page, page_file):
    problems = [e for e in page.events if e["method"] == "Runtime.exceptionThrown"
                or (e["method"] == "Runtime.consoleAPICalled" and e["params"]["type"] in ("error", "warning", "assert"))
                or (e["method"] == "Log.entryAdded" and e["params"]["entry"]["level"] in ("error", "warning"))]
    assert problems == []
    requested = [e["params"]["request"]["url"] for e in page.events if e["method"] == "Network.requestWillBeSent"]
    assert requested == [page_file.as_uri()]
    assert page.evaluate("performance.getEntriesByType('resource').length") == 0
    assert page.evaluate("document.querySelectorAll('link, img, iframe, object, embed, [src], [href]').length") == 0


def _bars(page, key: str) -> list[dict]:
    """The bars a chart shows: rects of its series with a visible size."""
    return page.evaluate(f"""Array.from(document.querySelectorAll('#{key} svg .series rect')).map(r => {{
        const box = r.getBoundingClientRect(); return {{w: box.width, h: box.height}}; }})
        .filter(b => b.w > 0 && b.h > 0)""")


def _labels(page, key: str) -> list[str]:
    return page.evaluate(f"Array.from(document.querySelectorAll('#{key} svg .axis.x text, #{key} svg .axis.y text'))"
                         ".map(t => t.textContent)")


def test_the_charts_are_drawn_with_their_bars_and_labels(page):
    figures = page.evaluate("Array.from(document.querySelectorAll('figure.chart')).map(f => [f.id, Number(f.dataset.bars)])")
    assert [key for key, _ in figures] == ["status-claims", "status-nok", "deadlines-by-unit",
                                           "catering-per-participant", "findings-by-code"]
    for key, expected in figures:
        assert len(_bars(page, key)) == expected, key
    assert len(_bars(page, "status-claims")) == 5
    assert [label for label in _labels(page, "status-claims") if label in STATUSES] == STATUSES
    assert page.evaluate("Array.from(document.querySelectorAll('#status-claims .text-overlay text'))"
                         ".map(t => t.textContent)") == ["5", "11", "2", "2", "2"]
    assert "R-2024-0533 · 18 Apr meeting" in _labels(page, "catering-per-participant")
    assert "LOAD004 Schema violation" in _labels(page, "findings-by-code")
    widths = page.evaluate("Array.from(document.querySelectorAll('figure.chart svg')).map(s => s.getBoundingClientRect().width)")
    assert all(width > 300 for width in widths)


def _accessible(page, selector: str) -> dict:
    """The role, name, description and details of an element as the browser gives them to assistive technology."""
    root = page.call("DOM.getDocument", depth=0)["root"]["nodeId"]
    node = page.call("DOM.querySelector", nodeId=root, selector=selector)["nodeId"]
    found = page.call("Accessibility.getPartialAXTree", nodeId=node, fetchRelatives=False)["nodes"][0]
    details = [p["value"]["value"] for p in found.get("properties", []) if p["name"] == "details"]
    return {"role": found["role"]["value"], "name": found.get("name", {}).get("value") or None,
            "description": found.get("description", {}).get("value") or None, "details": details}


def test_assistive_technology_reads_each_chart_by_its_heading_caption_and_table(page):
    """The drawing is an image named by the chart's heading and described by its caption and note,
    with its table of numbers as its details; the box around it says nothing of its own."""
    for key in page.evaluate("Array.from(document.querySelectorAll('figure.chart')).map(f => f.id)"):
        texts = page.evaluate(f"['title', 'caption', 'note'].map(part => document.getElementById('{key}-' + part))"
                              ".map(e => e && e.textContent)")
        title, caption, note = texts
        assert _accessible(page, f"#{key} svg") == {
            "role": "image", "name": title, "description": f"{caption} {note}" if note else caption,
            "details": [f"{key}-numbers"]}, key
        assert _accessible(page, f"#{key} .plot")["description"] is None, key


@pytest.fixture(scope="module")
def history_file(tmp_path_factory):
    """The page of the catering examples with a ledger's run history: two runs as of one day, and
    the report's own as of the next."""
    folder = tmp_path_factory.mktemp("history")
    ledger, target = folder / "ledger.sqlite", folder / "history.html"
    for command in (["check", "--as-of", "2024-04-30", "-f", "json", "-o", str(folder / "check.json")],
                    ["check", "--as-of", "2024-04-30", "-f", "json", "-o", str(folder / "check.json")],
                    ["report", "--as-of", "2024-05-01", "-o", str(target)]):
        done = subprocess.run([sys.executable, "-m", "expensecli", *command, "examples/catering", "--ledger",
                               str(ledger), "-j1", "-q", "--fail-on", "never"],
                              cwd=REPO, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
    return target


def test_no_label_under_a_chart_is_cut_off_or_drawn_over_another(browser, page_file, history_file):
    """The labels of the horizontal axis, the run history's too (a line's first and last points
    sit on the drawing's edges), lie within their drawing and apart from each other."""
    tab = browser.page()
    try:
        for target in (page_file, history_file):
            tab.open(target.as_uri())
            charts = tab.evaluate("""Array.from(document.querySelectorAll('figure.chart svg')).map(svg => {
                const edge = svg.getBoundingClientRect();
                const labels = Array.from(svg.querySelectorAll('.axis.x text'));
                return [svg.closest('figure').id, edge.left, edge.right,
                    labels.map(t => { const box = t.getBoundingClientRect(); return [t.textContent, box.left, box.right]; })];
            })""")
            for key, left, right, labels in charts:
                assert labels and [text for text, start, end in labels if start < left or end > right] == [], key
                spans = sorted((start, end) for _text, start, end in labels)
                assert all(end <= start for (_, end), (start, _) in zip(spans, spans[1:])), key
        history = {key: [text for text, *_ in labels] for key, _, _, labels in charts if key.startswith("ledger-")}
        assert history == dict.fromkeys(("ledger-open-findings", "ledger-new-resolved"),
                                        ["2024-04-30, run 1", "2024-04-30, run 2", "2024-05-01"])
    finally:
        tab.close()


def test_figures_in_the_millions_over_bars_do_not_run_together(browser, tmp_path):
    """Totals of millions in a third of the page's width: the figures over the bars (and the axis's)
    are written short, apart from each other; the table under the chart has them exact."""
    from conftest import CLEAN

    (tmp_path / "claims").mkdir()
    amounts = {"draft": "2345678.90", "sent": "2456789.01", "approved": "2500000.00", "returned": "1987654.32",
               "paid": "2210987.65"}
    for n, (status, amount) in enumerate(amounts.items()):
        (tmp_path / "claims" / f"{status}.yaml").write_text(CLEAN.replace("R-2024-0001", f"R-2024-010{n}").replace(
            "status: sent", f"status: {status}").replace("amount: 199.00", f"amount: {amount}"))
    target = tmp_path / "millions.html"
    subprocess.run([sys.executable, "-m", "expensecli", "report", str(tmp_path / "claims"), "--as-of", "2024-05-01",
                    "-o", str(target), "-q"], cwd=REPO, check=False)
    tab = browser.page()
    tab.open(target.as_uri())
    try:
        for texts in (".text-overlay text", ".axis.x text", ".axis.y text"):
            boxes = tab.evaluate(f"Array.from(document.querySelectorAll('#status-nok svg {texts}')).map(t => {{"
                                 " const r = t.getBoundingClientRect();"
                                 " return [t.textContent, r.left, r.right, r.top, r.bottom]; })")
            assert len(boxes) >= 4, texts
            apart = [(a[0], b[0]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                     if a[1] < b[2] and b[1] < a[2] and a[3] < b[4] and b[3] < a[4]]
            assert apart == [], texts
        assert tab.evaluate("Array.from(document.querySelectorAll('#status-nok .text-overlay text'))"
                            ".map(t => t.textContent)") == ["2.35 M", "2.46 M", "2.5 M", "1.99 M", "2.21 M"]
        assert "2 456 789.01" in tab.evaluate("document.querySelector('#status-nok table').innerText")
    finally:
        tab.close()


def _column(page, index: int) -> list[str]:
    return page.evaluate(f"Array.from(document.querySelectorAll('#actions tbody tr:not([hidden])'))"
                         f".map(r => r.cells[{index}].dataset.sort ?? r.cells[{index}].textContent.trim())")


def test_clicking_a_header_sorts_the_table(page):
    before = [float(value) for value in _column(page, 4)]
    page.click("#actions thead th:nth-child(5) button")  # NOK: largest first
    amounts = [float(value) for value in _column(page, 4)]
    assert amounts == sorted(amounts, reverse=True) and amounts != before
    assert page.evaluate("document.querySelector('#actions thead th:nth-child(5)').getAttribute('aria-sort')") == "descending"
    page.click("#actions thead th:nth-child(5) button")
    assert [float(value) for value in _column(page, 4)] == sorted(amounts)
    page.click("#actions thead th:nth-child(1) button")  # claim ids, A to Z
    claims = [text.split("\n")[0] for text in page.evaluate(
        "Array.from(document.querySelectorAll('#actions tbody tr')).map(r => r.cells[0].innerText)")]
    assert claims == sorted(claims, key=str.lower) and claims[0] == "(no id)"


def test_the_filters_narrow_the_table(page):
    total = page.evaluate("document.querySelectorAll('#actions tbody tr').length")
    assert page.evaluate("document.getElementById('filter-count').value") == f"{total} claims"
    page.evaluate("(() => { const f = document.getElementById('filter-text'); f.value = 'DL001';"
                  " f.dispatchEvent(new Event('input')); })()")
    shown = page.evaluate("Array.from(document.querySelectorAll('#actions tbody tr:not([hidden])')).map(r => r.cells[0].innerText.split('\\n')[0])")
    assert sorted(shown) == ["BM-2024-0031", "BM-2024-0117", "BM-2024-0121"]
    assert page.evaluate("document.getElementById('filter-count').value") == f"3 of {total} claims"
    page.evaluate("(() => { const f = document.getElementById('filter-text'); f.value = '';"
                  " f.dispatchEvent(new Event('input'));"
                  " const s = document.getElementById('filter-status'); s.value = 'returned';"
                  " s.dispatchEvent(new Event('input')); })()")
    assert page.evaluate("document.querySelectorAll('#actions tbody tr:not([hidden])').length") == 2


def test_the_page_is_complete_without_its_script(browser, page_file):
    tab = browser.page()
    tab.call("Emulation.setScriptExecutionDisabled", value=True)
    tab.open(page_file.as_uri())
    try:
        assert tab.evaluate("document.querySelectorAll('#actions tbody tr').length") == 17
        assert tab.evaluate("document.getElementById('action-controls').hidden") is True
        assert tab.evaluate("document.querySelectorAll('figure.chart svg').length") == 5
        assert tab.evaluate("document.querySelectorAll('figure.chart table').length") == 5
    finally:
        tab.call("Emulation.setScriptExecutionDisabled", value=False)
        tab.close()


def test_print_is_a4_without_the_controls(page):
    page.call("Emulation.setEmulatedMedia", media="print")
    assert page.evaluate("getComputedStyle(document.getElementById('action-controls')).display") == "none"
    page.call("Emulation.setEmulatedMedia", media="")
    pdf = base64.b64decode(page.call("Page.printToPDF", preferCSSPageSize=True, printBackground=True)["data"])
    assert pdf.startswith(b"%PDF")
    boxes = {tuple(round(float(n)) for n in box.split()) for box in re.findall(rb"/MediaBox \[0 0 ([\d.]+ [\d.]+)\]", pdf)}
    assert boxes == {(595, 842)}  # every page A4: 595 x 842 points


def test_screenshot_of_the_charts_is_not_blank(page):
    width, height, colours = pixels(page.screenshot(".chart-grid", scale=0.5))
    assert width > 400 and height > 400
    counts = Counter(colours)
    white = counts[(255, 255, 255)]
    assert white < 0.9 * len(colours)  # the charts cover more than a tenth of their area
    main = tuple(int(COLOURS[Tone.main][i:i + 2], 16) for i in (1, 3, 5))
    main_blue = sum(n for colour, n in counts.items() if all(abs(a - b) <= 6 for a, b in zip(colour, main)))
    alert = sum(n for colour, n in counts.items() if colour[0] > 120 and colour[1] < 110 and colour[2] < 60)
    assert main_blue > 2000 and alert > 200  # the status bars, and the breaches and excess in the alert colour


def test_markup_in_a_claim_stays_text_in_the_browser(browser, tmp_path):
    """A claim whose id and name are markup: shown as text, and no script of its own runs."""
    from conftest import CLEAN

    claim = (CLEAN.replace("id: R-2024-0001", "id: '<script>alert(1)</script>'")
             .replace("name: Kari Nordmann", "name: '<img src=x onerror=alert(2)>'")
             .replace("role: employee", "role: external").replace("submitted: 2024-03-05", "submitted: 2024-04-20"))
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "hostile.yaml").write_text(claim)
    target = tmp_path / "hostile.html"
    subprocess.run([sys.executable, "-m", "expensecli", "report", str(tmp_path / "claims"), "--as-of", "2024-05-01",
                    "-o", str(target), "-j1"], cwd=REPO, capture_output=True, check=False)
    tab = browser.page()
    tab.open(target.as_uri())
    try:
        assert tab.evaluate("document.scripts.length") == 1 and tab.evaluate("document.images.length") == 0
        assert tab.evaluate("document.querySelector('#actions .claim-id').textContent") == "<script>alert(1)</script>"
        assert not [e for e in tab.events if e["method"] in ("Page.javascriptDialogOpening", "Runtime.exceptionThrown")]
        requested = [e["params"]["request"]["url"] for e in tab.events if e["method"] == "Network.requestWillBeSent"]
        assert requested == [target.as_uri()]
    finally:
        tab.close()


@pytest.mark.parametrize("vision", ["achromatopsia", "deuteranopia", "protanopia"])
def test_the_series_stay_apart_in_greyscale_and_for_colour_blind_readers(page, vision):
    """The legend swatches of the findings chart (errors, warnings, infos) as the browser shows
    them to a reader without colour vision, or with red-green blindness: their mean lightness
    differs clearly, darkest for errors."""
    page.call("Emulation.setEmulatedVisionDeficiency", type=vision)
    try:
        page.evaluate("document.getElementById('findings-by-code').scrollIntoView()")
        boxes = page.evaluate("Array.from(document.querySelectorAll('#findings-by-code .legend rect')).map(r => {"
                              " const b = r.getBoundingClientRect(); return [b.x, b.y, b.width, b.height]; })")
        width, _, colours = pixels(page.screenshot())
        lightness = []
        for x, y, w, h in boxes:
            inside = [colours[int(row) * width + int(column)] for row in range(int(y) + 2, int(y + h) - 1)
                      for column in range(int(x) + 2, int(x + w) - 1)]
            lightness.append(sum(0.2126 * r + 0.7152 * g + 0.0722 * b for r, g, b in inside) / len(inside))
    finally:
        page.call("Emulation.setEmulatedVisionDeficiency", type="none")
    errors, warnings, infos = lightness
    assert errors < warnings - 30 < infos - 60, lightness


def test_each_finding_shows_its_message_and_policy_sentence(page):
    findings = page.evaluate("Array.from(document.querySelectorAll('#actions .findings li')).map(li => ["
                             "li.querySelector('code').textContent, li.querySelector('q').innerText,"
                             " li.querySelector('cite').innerText, li.innerText])")
    assert len(findings) >= 25 and all(code and sentence and page_name for code, sentence, page_name, _ in findings)
    code, sentence, page_name, text = findings[0]
    assert (code, sentence) == ("DL001", "The claim must be submitted within one month.")  # quotes by CSS
    assert page_name == "Betalmeg travel expenses and reimbursements for non-employees"
    assert "62 days late" in text and "line 5" in text


def test_a_large_table_keeps_every_finding_in_the_page(browser, tmp_path):
    """Above 200 rows the findings are laid out only near the viewport (content-visibility);
    their text is still in the page for find, copy and the filters."""
    from conftest import CLEAN

    late = CLEAN.replace("role: employee", "role: external").replace("submitted: 2024-03-05", "submitted: 2024-04-20")
    (tmp_path / "claims").mkdir()
    for n in range(210):
        (tmp_path / "claims" / f"c{n:03d}.yaml").write_text(late.replace("R-2024-0001", f"R-2024-{n:04d}"))
    target = tmp_path / "large.html"
    subprocess.run([sys.executable, "-m", "expensecli", "report", str(tmp_path / "claims"), "--as-of", "2024-05-01",
                    "-o", str(target), "-q"], cwd=REPO, check=False)
    tab = browser.page()
    tab.open(target.as_uri())
    try:
        assert tab.evaluate("document.getElementById('actions').classList.contains('large')") is True
        assert tab.evaluate("document.querySelectorAll('#actions tbody tr').length") == 210
        last = tab.evaluate("document.querySelector('#actions tbody tr:last-child .findings').textContent")
        assert "DL001" in last and "The claim must be submitted within one month." in last
        tab.evaluate("(() => { const f = document.getElementById('filter-text'); f.value = 'R-2024-0209';"
                     " f.dispatchEvent(new Event('input')); })()")
        assert tab.evaluate("document.getElementById('filter-count').value") == "1 of 210 claims"
    finally:
        tab.close()


@pytest.fixture(scope="module")
def bokmal_file(tmp_path_factory):
    target = tmp_path_factory.mktemp("report-nb") / "rapport.html"
    done = subprocess.run([sys.executable, "-m", "expensecli", "report", "examples/", "--as-of", "2024-05-01",
                           "-o", str(target), "-j1", "--lang", "nb"], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 1, done.stderr
    return target


def test_the_page_in_bokmal_as_the_browser_shows_it(browser, bokmal_file):
    tab = browser.page()
    tab.open(bokmal_file.as_uri())
    try:
        assert tab.evaluate("document.documentElement.lang") == "nb"
        assert tab.evaluate("document.querySelector('h1').textContent") == "Refusjonskrav: rapport per 2024-05-01"
        assert tab.evaluate("document.getElementById('h-actions').firstChild.textContent") == "Krav som må følges opp "
        assert tab.evaluate("Array.from(document.querySelectorAll('#actions thead th')).map(th => th.textContent)") == [
            "Krav", "Søker", "Enhet", "Status", "NOK", "Frist", "Hva som må gjøres"]
        assert tab.evaluate("document.querySelector('.card .sub').textContent.split(';')[0]") == "160 300,48+ NOK krevd"
        assert tab.evaluate("document.querySelector('#actions tbody tr').cells[4].textContent") == "848,00"
        assert tab.evaluate("document.getElementById('filter-count').value") == "17 krav"
        tab.evaluate("(() => { const f = document.getElementById('filter-text'); f.value = 'DL001';"
                     " f.dispatchEvent(new Event('input')); })()")
        assert tab.evaluate("document.getElementById('filter-count').value") == "3 av 17 krav"
        assert "Deltakere" in tab.evaluate("document.querySelector('#catering-per-participant table').innerText")
        assert "Over fristen" in tab.evaluate("document.querySelector('#deadlines-by-unit svg .legends').textContent")
        assert not [e for e in tab.events if e["method"] == "Runtime.exceptionThrown"]
    finally:
        tab.close()


def test_one_claim_is_counted_in_the_singular_and_a_long_id_stays_in_its_column(browser, tmp_path):
    (tmp_path / "claims").mkdir()
    text = (REPO / "examples" / "claims" / "late-external.yaml").read_text(encoding="utf-8")
    (tmp_path / "claims" / "a.yaml").write_text(text.replace("BM-2024-0117", "BM-2024-0117-ETTERSENDT-KORRIGERT"),
                                                encoding="utf-8")
    target = tmp_path / "one.html"
    subprocess.run([sys.executable, "-m", "expensecli", "report", str(tmp_path / "claims"), "--as-of", "2024-05-01",
                    "-o", str(target)], cwd=REPO, capture_output=True, text=True, check=False)
    tab = browser.page()
    try:
        tab.open(target.as_uri())
        assert tab.evaluate("document.getElementById('filter-count').value") == "1 claim"
        overflow = tab.evaluate("(() => { const c = document.querySelector('#actions tbody td'); "
                                "return c.scrollWidth - c.clientWidth; })()")
        assert overflow <= 0  # the id wraps in its cell, it does not run over the claimant's
    finally:
        tab.close()

"""`expensecli report --ledger`: the run history charts and their tables (both backends)."""

from __future__ import annotations

from html.parser import HTMLParser

from ledger_support import claim, rows


class Tables(HTMLParser):
    """Every `<table id=...>` of a page as rows of cell texts, and the ids of its figures."""

    def __init__(self, page: str):
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.figures: list[str] = []
        self._table = self._cell = None
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "figure":
            self.figures.append(attrs.get("id"))
        elif tag == "table" and attrs.get("id"):
            self._table = self.tables.setdefault(attrs["id"], [])
        elif tag == "tr" and self._table is not None:
            self._table.append([])
        elif tag in ("td", "th") and self._table is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "table":
            self._table = None
        elif tag in ("td", "th") and self._cell is not None:
            self._table[-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def report(cli, folder, *more: str) -> Tables:
    page = folder.parent / f"{folder.name}-page.html"
    result = cli("report", str(folder), "--as-of", "2024-05-01", "-j1", "-o", str(page), "-q", "--fail-on", "never",
                 *more)
    assert result.exit_code == 0, result.output
    return Tables(page.read_text(encoding="utf-8"))


def test_report_with_a_ledger_charts_open_new_and_resolved_findings_per_run(tmp_path_factory, ledger, check, cli):
    claims = tmp_path_factory.mktemp("claims")
    (claims / "a.yaml").write_text(claim("R-1", work_order=False))
    (claims / "b.yaml").write_text(claim("R-2", amount="10.00", work_order=False))
    check(claims, ledger)  # run 1: CO001 for
    (claims / "a.yaml").write_text(claim("R-1"))
    (claims / "c.yaml").write_text(claim("R-3", amount="20.00", work_order=False))
    check(claims, ledger)  # run 2: R-1 fixed, R-3 new
    (claims / "b.yaml").write_text(claim("R-2", amount="10.00"))
    page = report(cli, claims, "--ledger", ledger)  # run 3, recorded by the report: R-2 fixed
    runs = rows(ledger, "runs")
    assert [r["command"] for r in runs] == ["check", "check", "report"]
    started = [r["started"].strftime("%Y-%m-%d %H:%M UTC") for r in runs]
    assert page.figures[-2:] == ["ledger-open-findings", "ledger-new-resolved"]
    days = [f"2024-05-01, run {n}" for n in (1, 2, 3)]  # every run as of the same day: told apart by number
    assert page.tables["ledger-open-findings-numbers"] == [
        ["As of", "Run", "Run started", "Open findings"],
        [days[0], "1", started[0], "2"], [days[1], "2", started[1], "2"], [days[2], "3", started[2], "1"]]
    assert page.tables["ledger-new-resolved-numbers"] == [
        ["As of", "Run", "Run started", "New findings", "Resolved findings"],
        [days[0], "1", started[0], "2", "0"], [days[1], "2", started[1], "1", "1"],
        [days[2], "3", started[2], "0", "1"]]


def test_report_without_a_ledger_has_no_run_history(tmp_path, cli):
    (tmp_path / "a.yaml").write_text(claim("R-1", work_order=False))
    page = report(cli, tmp_path)
    assert not any(key.startswith("ledger-") for key in page.figures)
    assert not any(key.startswith("ledger-") for key in page.tables)

"""Human formats: `concise` (one line a finding, grep-able) and `table` (rich, for a terminal)."""

from __future__ import annotations

from collections.abc import Sequence

from expensecli.core.findings import Finding
from expensecli.core.text import noun
from expensecli.policy.engine import ClaimResult
from expensecli.render.claims_json import summary
from expensecli.render.console import captured, text_console


def concise_line(finding: Finding) -> str:
    waived = waived_note(finding)
    return (f"{finding.file}:{finding.line}:{finding.column}: {finding.code} [{finding.severity}]"
            f" {finding.message}{waived}")


def waived_note(finding: Finding) -> str:
    if not finding.waived:
        return ""
    return " (waived in the ledger)" if finding.waiver == "ledger" else " (waived)"


def summary_line(reports: Sequence[ClaimResult]) -> str:
    counts = summary(reports)

    def n(count: int, word: str) -> str:
        return f"{count:,}".replace(",", " ") + f" {noun(count, word)}"

    return (f"{n(counts['files'], 'file')}, {n(counts['errors'], 'error')}, {n(counts['warnings'], 'warning')},"
            f" {n(counts['infos'], 'info')}, {counts['waived']} waived")


def render_concise(reports: Sequence[ClaimResult], quiet: bool = False) -> str:
    lines = [concise_line(f) for report in reports for f in report.findings]
    if not quiet:
        lines.append(summary_line(reports))
    return "".join(line + "\n" for line in lines)


_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def render_table(reports: Sequence[ClaimResult], color: bool, width: int = 120, quiet: bool = False) -> str:
    from rich.table import Table
    from rich.text import Text

    console = text_console(color, width)
    for report in reports:
        if not report.findings:
            continue
        title = Text(report.file, style="bold")
        described = " ".join(part for part in (report.id, report.role, report.kind, report.status) if part)
        if described:
            title.append(f"  {described}", style="dim")
        console.print(title)
        table = Table(show_header=False, box=None, pad_edge=False, padding=(0, 1, 0, 2), expand=False)
        table.add_column("where", no_wrap=True, style="dim")
        table.add_column("severity", no_wrap=True)
        table.add_column("code", no_wrap=True)
        table.add_column("message", overflow="fold")
        for f in report.findings:
            severity = Text(f.severity.value, style="dim" if f.waived else _STYLE[f.severity])
            message = f.message + waived_note(f)
            table.add_row(f"{f.line}:{f.column}", severity, f.code, message)
        console.print(table)
        console.print()
    if not quiet:
        console.print(summary_line(reports), style="bold")
    return captured(console)

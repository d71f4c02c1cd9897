"""Human formats: `concise` (one line a finding, grep-able) and `table` (rich, for a terminal)."""

from __future__ import annotations

from collections.abc import Sequence

from expensecli.core.findings import Finding
from expensecli.core.i18n import ntr, tr
from expensecli.policy.engine import ClaimResult
from expensecli.render.claims_json import summary
from expensecli.render.console import RESET, SGR, captured, direct_colour, text_console
from expensecli.render.folding import ONE_CELL, one_cell_breaks


def concise_line(finding: Finding) -> str:
    waived = waived_note(finding)
    return (f"{finding.file}:{finding.line}:{finding.column}: {finding.code} [{finding.severity}]"
            f" {finding.message}{waived}")


def waived_note(finding: Finding) -> str:
    if not finding.waived:
        return ""
    return " " + (tr("(waived in the ledger)") if finding.waiver == "ledger" else tr("(waived)"))


def summary_line(reports: Sequence[ClaimResult]) -> str:
    return counts_line(summary(reports))


def counts_line(counts: dict) -> str:
    """The summary line of the counts `claims_json.summary` makes."""

    def grouped(count: int) -> str:
        return f"{count:,}".replace(",", " ")

    files, errors, warnings, infos = counts["files"], counts["errors"], counts["warnings"], counts["infos"]
    return ", ".join((ntr("{number} file", "{number} files", files, number=grouped(files)),
                      ntr("{number} error", "{number} errors", errors, number=grouped(errors)),
                      ntr("{number} warning", "{number} warnings", warnings, number=grouped(warnings)),
                      ntr("{number} info", "{number} infos", infos, number=grouped(infos)),
                      tr("{count} waived", count=counts["waived"])))


def render_concise(reports: Sequence[ClaimResult], quiet: bool = False) -> str:
    lines = [concise_line(f) for report in reports for f in report.findings]
    if not quiet:
        lines.append(summary_line(reports))
    return "".join(line + "\n" for line in lines)


_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
GAP = 3  # between the columns of a claim's findings (padding 2 on the left, 1 on the right)
CLEAN_LISTED = 20  # clean claims named in the table; the rest are counted


def render_table(reports: Sequence[ClaimResult], color: bool, width: int = 120, quiet: bool = False) -> str:
    """Each claim with findings under a title line, its findings in columns as wide for every
    claim of the report, messages folded at word boundaries to fit `width`; then the claims
    without findings, the summary, and where to read more."""
    console = text_console(color, width)
    found = [f for report in reports for f in report.findings]
    columns = table_columns(found)
    for report in reports:
        claim_block(console, report, columns, width)
    if not quiet:
        table_end(console, [report for report in reports if not report.findings], summary(reports),
                  found[0].code if found else None, width)
    return captured(console)


def table_columns(found) -> tuple[int, int, int]:
    """The widths of the location, severity and code columns, wide enough for all `found`."""
    where = max((len(f"{f.line}:{f.column}") for f in found), default=0)
    level = max((len(f.severity.value) for f in found), default=0)
    code = max((len(f.code) for f in found), default=0)
    return where, level, code


def claim_block(console, report: ClaimResult, columns: tuple[int, int, int], width: int) -> None:
    """A claim's title and its findings, in columns `columns` wide (nothing for a clean claim).
    The rows are written as rich would draw them (`plain_rows`, `plain_title`; with colour, its
    escape codes too), which costs a fraction of drawing a rich table a claim."""
    if not report.findings:
        return
    color = direct_colour(console)
    title = plain_title(report, width, color) if color is not None else None
    if title is None:
        console.print(_title(report, width))
    else:
        console.file.write("".join(line + "\n" for line in title))
    rows = plain_rows(report.findings, columns, width, color) if color is not None else None
    if rows is None:
        console.print(_table(report.findings, columns, width))
    else:
        console.file.write("".join(row + "\n" for row in rows))
    if console.no_color:
        console.file.write("\n")
    else:
        console.print()


def _table(findings: Sequence[Finding], columns: tuple[int, int, int], width: int):
    from rich.table import Table
    from rich.text import Text

    where, level, code = columns
    table = Table(show_header=False, box=None, pad_edge=False, padding=(0, 1, 0, 2), expand=False)
    table.add_column("where", width=where, no_wrap=True, style="dim")
    table.add_column("severity", width=level, no_wrap=True)
    table.add_column("code", width=code, no_wrap=True)
    table.add_column("message", width=_message_width(columns, width), overflow="fold")
    for f in findings:
        severity = Text(f.severity.value, style="dim" if f.waived else _STYLE[f.severity])
        table.add_row(f"{f.line}:{f.column}", severity, f.code, f.message + waived_note(f))
    return table


def _message_width(columns: tuple[int, int, int], width: int) -> int:
    return max(width - sum(columns) - 3 * GAP, 20)


# The table's styles as rich writes them (`_STYLE`, the dim location, the bold title); tests
# hold the rows made with them to rich's.
DIM, BOLD, BOLD_DIM = SGR["dim"], SGR["bold"], SGR["bold dim"]


def plain_rows(findings: Sequence[Finding], columns: tuple[int, int, int], width: int,
               color: bool = False) -> list[str] | None:
    """The lines `_table` draws (ends of lines stripped), made directly: the same columns and
    gaps, each message folded at the same places by rich's own line divider, and with `color`
    the same escape codes (the location dim, its padding too, the severity in its style). None
    when rich would do more than that (columns wider than the line, a line break in a message),
    and the table is drawn by rich."""
    from rich._wrap import divide_line

    where, level, code = columns
    message = _message_width(columns, width)
    if where + level + code + 3 * GAP + message > width:
        return None
    gap = " " * GAP
    if color:
        indent = f"{DIM}{' ' * (where + 1)}{RESET}{' ' * (level + code + 3 * GAP - 1)}"
    else:
        indent = " " * (where + level + code + 3 * GAP)
    rows = []
    for f in findings:
        text = f.message + waived_note(f)
        if "\n" in text or "\t" in text or "\r" in text:
            return None
        breaks = one_cell_breaks(text, message) if ONE_CELL.issuperset(text) else \
            divide_line(text, message, fold=True)
        ends = [0, *breaks, len(text)]
        parts = [text[start:end].rstrip() for start, end in zip(ends, ends[1:])] or [""]
        located, coded = f"{f.line}:{f.column}".ljust(where), f.code.ljust(code)
        severity = f.severity.value.ljust(level)
        if color:
            style = DIM if f.waived else SGR[_STYLE[f.severity.value]]
            lead = f"{DIM}{located}{RESET}{DIM} {RESET}{gap[1:]}{style}{severity}{RESET}{gap}{coded}"
        else:
            lead = gap.join((located, severity, coded))
        rows.append((lead + gap + parts[0]).rstrip())
        rows += [(indent + part).rstrip() for part in parts[1:]]
    return rows


def table_end(console, clean: Sequence[ClaimResult], counts: dict, first_code: str | None, width: int,
              clean_count: int | None = None) -> None:
    """After the claims: the clean ones (`clean`, the first of `clean_count`), the summary and
    where to read more (`first_code`: the code of the first finding shown, if any)."""
    _clean_claims(console, clean, width, clean_count)
    console.print(counts_line(counts), style="bold")
    if first_code:
        console.print(tr("What a code checks: expensecli rules explain CODE (e.g. {code}); -f json adds"
                         " the policy sentence behind each finding", code=first_code), style="dim")


def _title(report: ClaimResult, width: int):
    from rich.text import Text

    name, described = _title_parts(report, width)
    title = Text(name, style="bold")
    if described:
        title.append(described, style="dim")
    return title


def _title_parts(report: ClaimResult, width: int) -> tuple[str, str]:
    """The file's name, and what is said of the claim: beside the name, else on a line of its own."""
    from expensecli.render.fit import shorten_path

    name = shorten_path(report.file, width)
    described = " ".join(part for part in (report.id, report.role, report.kind, report.status) if part)
    if not described:
        return name, ""
    return name, f"  {described}" if len(name) + 2 + len(described) <= width else f"\n  {described}"


def plain_title(report: ClaimResult, width: int, color: bool = False) -> list[str] | None:
    """The lines `_title` prints (ends of lines stripped; with `color`, its escape codes: the
    file's name bold, what is said of the claim bold and dim), made directly; None when rich
    would wrap one of them (wider than the line), a character asks more of it than its width
    (tabs, control characters) or, in colour, a line ends in white space, and the title is
    printed by rich."""
    from rich.cells import cell_len

    name, described = _title_parts(report, width)
    lines = (name + described).split("\n")
    for line in lines:
        if not line.isprintable() or cell_len(line) > width or (color and line != line.rstrip()):
            return None
    if not color:
        return [line.rstrip() for line in lines]
    if "\n" in name:
        return None
    shown = [f"{BOLD}{name}{RESET}" if name else ""]
    if described.startswith("\n"):
        shown.append(f"{BOLD_DIM}{described[1:]}{RESET}")
    elif described:
        shown[0] += f"{BOLD_DIM}{described}{RESET}"
    return shown


def _clean_claims(console, clean: Sequence[ClaimResult], width: int, count: int | None = None) -> None:
    """The claims without findings (`count` of them, of which `clean` holds at least the first
    CLEAN_LISTED), so a person sees they were checked too."""
    count = len(clean) if count is None else count
    if not count:
        return
    console.print(ntr("No findings in {count} claim:", "No findings in {count} claims:", count), style="bold")
    from expensecli.render.fit import shorten_path

    for report in clean[:CLEAN_LISTED]:
        name, claim_id = shorten_path(report.file, width - 2), report.id or ""
        apart = "  " if 2 + len(name) + 2 + len(claim_id) <= width else "\n    "
        console.print(f"  {name}{apart if claim_id else ''}{claim_id}")
    if count > CLEAN_LISTED:
        console.print("  " + tr("and {count} more (-f json lists every claim)", count=count - CLEAN_LISTED))
    console.print()

"""Tables fit the terminal (issue 14): the width COLUMNS or the terminal gives, messages and names
folded at spaces, paths shortened and columns left out (and named) when nothing else fits, the
same column widths for every claim of a report. Exact output at 80 and 160 columns."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from expensecli.cli.main import _register, app
from expensecli.render.fit import Column, fit, shorten_path

_register()
runner = CliRunner()
AS_OF = ("--as-of", "2024-05-01", "-f", "table")
COMMANDS = {
    "check": ["check", "examples/betalmeg", "examples/claims/foreign-receipt.yaml", "examples/catering/board-lunch.yaml"],
    "deadlines": ["deadlines", "examples/betalmeg", "examples/deadlines"],
    "status": ["status", "examples/betalmeg", "examples/deadlines", "examples/claims/foreign-receipt.yaml",
               "--group-by", "unit"],
    "catering": ["catering", "report", "examples/catering"],
}


def table(command: str, width: int, *extra: str) -> str:
    result = runner.invoke(app, [*COMMANDS[command], *AS_OF, *extra], env={"COLUMNS": str(width)})
    assert result.stderr == ""
    return result.stdout


CHECK_80 = """\
examples/betalmeg/contractor-before-contract.yaml
  BM-2024-0088 contractor reimbursement approved
31:11   error     NE004    expense 0 (equipment, 2024-01-28, 349.00 NOK) is
                           dated 4 days before the contract start 2024-02-01;
                           the contractor has Betalmeg access only from that
                           date

examples/betalmeg/contractor-fee-returned.yaml
  BM-2024-0095 contractor travel returned
17:3    warning   NE006    contractor Eirik Halvorsen has a Betalmeg access
                           order (ordered by Torunn Lie); persons with an
                           assignment contract get access from the contract
                           start and should not be ordered access
49:15   error     NE002    expense 1 (fee, 2024-04-16, 12 000.00 NOK) is a fee;
                           Betalmeg is only for expenses to be reimbursed, the
                           fee itself is paid under the contract

examples/betalmeg/external-incomplete-access.yaml
  BM-2024-0142 external travel sent
14:3    error     NE006    the Betalmeg access order for external Lukas
                           Schneider is incomplete: no access.date_of_birth and
                           access.cost_centre (needed: ordered_by, purpose,
                           date_of_birth, unit, cost_centre and the claimant's
                           email)
18:18   warning   NE005    Betalmeg access last used 2023-03-02, 421 days before
                           the claim was submitted on 2024-04-26; access lapses
                           after 365 days without use, so it probably has to be
                           ordered again

examples/betalmeg/late-external-travel.yaml  BM-2024-0121 external travel sent
6:12    error     DL001    submitted 2024-04-15, 36 days after the trip ended on
                           2024-03-10; non-employees must submit within 1 month
                           (deadline 2024-04-10): 5 days late

examples/claims/foreign-receipt.yaml  R-2024-0402 employee travel draft
21:15   error     MX001    expense 0 is 38.50 EUR with no rate; give rate: NOK
                           per 1 EUR
23:35   error     DOC004   attachment 0 of expense 0 is in language 'de' and
                           lacks a description of the payment basis and
                           shows_payment: true
24:5    error     DOC001   expense 1 (public_transport, 2024-04-09) has no basis
                           of payment: bank_statement; a receipt, invoice or
                           order confirmation is needed (a bank statement alone
                           only shows the payment)

No findings in 1 claim:
  examples/catering/board-lunch.yaml  R-2024-0412

6 files, 7 errors, 2 warnings, 0 infos, 0 waived
What a code checks: expensecli rules explain CODE (e.g. NE004); -f json adds the
policy sentence behind each finding
"""


CHECK_160 = """\
examples/betalmeg/contractor-before-contract.yaml  BM-2024-0088 contractor reimbursement approved
31:11   error     NE004    expense 0 (equipment, 2024-01-28, 349.00 NOK) is dated 4 days before the contract start 2024-02-01; the contractor has Betalmeg
                           access only from that date

examples/betalmeg/contractor-fee-returned.yaml  BM-2024-0095 contractor travel returned
17:3    warning   NE006    contractor Eirik Halvorsen has a Betalmeg access order (ordered by Torunn Lie); persons with an assignment contract get access from
                           the contract start and should not be ordered access
49:15   error     NE002    expense 1 (fee, 2024-04-16, 12 000.00 NOK) is a fee; Betalmeg is only for expenses to be reimbursed, the fee itself is paid under the
                           contract

examples/betalmeg/external-incomplete-access.yaml  BM-2024-0142 external travel sent
14:3    error     NE006    the Betalmeg access order for external Lukas Schneider is incomplete: no access.date_of_birth and access.cost_centre (needed:
                           ordered_by, purpose, date_of_birth, unit, cost_centre and the claimant's email)
18:18   warning   NE005    Betalmeg access last used 2023-03-02, 421 days before the claim was submitted on 2024-04-26; access lapses after 365 days without
                           use, so it probably has to be ordered again

examples/betalmeg/late-external-travel.yaml  BM-2024-0121 external travel sent
6:12    error     DL001    submitted 2024-04-15, 36 days after the trip ended on 2024-03-10; non-employees must submit within 1 month (deadline 2024-04-10): 5
                           days late

examples/claims/foreign-receipt.yaml  R-2024-0402 employee travel draft
21:15   error     MX001    expense 0 is 38.50 EUR with no rate; give rate: NOK per 1 EUR
23:35   error     DOC004   attachment 0 of expense 0 is in language 'de' and lacks a description of the payment basis and shows_payment: true
24:5    error     DOC001   expense 1 (public_transport, 2024-04-09) has no basis of payment: bank_statement; a receipt, invoice or order confirmation is needed
                           (a bank statement alone only shows the payment)

No findings in 1 claim:
  examples/catering/board-lunch.yaml  R-2024-0412

6 files, 7 errors, 2 warnings, 0 infos, 0 waived
What a code checks: expensecli rules explain CODE (e.g. NE004); -f json adds the policy sentence behind each finding
"""


DEADLINES_80 = """\
Deadlines as of 2024-05-01
Claim          Claimant           Deadline     Submitted            Days
────────────────────────────────────────────────────────────────────────
BM-2024-0031   Ragnhild Strand    2024-02-29   (draft)      62 days late
R-2024-0207    Marte Haugen       2024-03-29   2024-04-10   12 days late
BM-2024-0121   Astrid Lindqvist   2024-04-10   2024-04-15    5 days late
BM-2024-0160   Per Arne Solheim   2024-05-01   (draft)         due today
R-2024-0311    Sindre Bakken      2024-05-08   (draft)       7 days left
R-2024-0330    Ingrid Solberg     2024-05-25   (draft)      24 days left
BM-2024-0088   Jonas Eriksen      2024-02-28   2024-02-20        on time
R-2024-0254    Kristine Dahl      2024-05-12   2024-04-15        on time
BM-2024-0095   Eirik Halvorsen    2024-05-16   2024-04-18        on time
BM-2024-0142   Lukas Schneider    2024-05-24   2024-04-26        on time
Role, Kind, Base date: left out to fit 80 columns

10 claims with a deadline as of 2024-05-01: 3 late, 2 due soon, 1 pending, 4
submitted on time
"""


DEADLINES_160 = """\
Deadlines as of 2024-05-01
Claim          Claimant           Role         Kind            Base date    Deadline     Submitted            Days
──────────────────────────────────────────────────────────────────────────────────────────────────────────────────
BM-2024-0031   Ragnhild Strand    contractor   reimbursement   2024-01-31   2024-02-29   (draft)      62 days late
R-2024-0207    Marte Haugen       employee     travel          2024-02-29   2024-03-29   2024-04-10   12 days late
BM-2024-0121   Astrid Lindqvist   external     travel          2024-03-10   2024-04-10   2024-04-15    5 days late
BM-2024-0160   Per Arne Solheim   external     travel          2024-04-01   2024-05-01   (draft)         due today
R-2024-0311    Sindre Bakken      employee     travel          2024-04-08   2024-05-08   (draft)       7 days left
R-2024-0330    Ingrid Solberg     employee     travel          2024-04-25   2024-05-25   (draft)      24 days left
BM-2024-0088   Jonas Eriksen      contractor   reimbursement   2024-01-28   2024-02-28   2024-02-20        on time
R-2024-0254    Kristine Dahl      employee     travel          2024-04-12   2024-05-12   2024-04-15        on time
BM-2024-0095   Eirik Halvorsen    contractor   travel          2024-04-16   2024-05-16   2024-04-18        on time
BM-2024-0142   Lukas Schneider    external     travel          2024-04-24   2024-05-24   2024-04-26        on time

10 claims with a deadline as of 2024-05-01: 3 late, 2 due soon, 1 pending, 4 submitted on time
"""


STATUS_80 = """\
Claims by status as of 2024-05-01
Status     Claims    Total NOK
──────────────────────────────
draft           5   13 309.78+
sent            3    16 178.30
approved        1     1 248.00
returned        2    18 530.00
paid            1     6 212.00

all            12   55 478.08+

Returned claims (2)
Claim          Claimant          Total NOK   File
────────────────────────────────────────────────────────────────────────────────
BM-2024-0095   Eirik Halvorsen   12 468.00   …/contractor-fee-returned.yaml
R-2024-0254    Kristine Dahl      6 062.00   …/returned-employee-travel.yaml
files in examples/; Role, Kind: left out to fit 80 columns

Unsubmitted claims past their deadline (1)
Claim          Claimant          Status   Deadline     Days late   Total NOK
────────────────────────────────────────────────────────────────────────────
BM-2024-0031   Ragnhild Strand   draft    2024-02-29          62      848.00
Role: left out to fit 80 columns

Totals and findings by unit
Unit     Claims    Total NOK   Errors   Warnings   Infos
────────────────────────────────────────────────────────
HF-ISL        1     6 062.00        1          0       0
IE-IDI        3     8 227.50        2          1       2
IV-IBM        3    12 970.14        2          0       0
NV-IKJ        3   13 702.43+        4          3       0
SU-IPL        1    12 468.00        1          1       0
ØK-IØT        1     2 048.00        0          0       1

+ incomplete: leaves out amounts in a foreign currency without a rate (MX001)
"""


STATUS_160 = """\
Claims by status as of 2024-05-01
Status     Claims    Total NOK
──────────────────────────────
draft           5   13 309.78+
sent            3    16 178.30
approved        1     1 248.00
returned        2    18 530.00
paid            1     6 212.00

all            12   55 478.08+

Returned claims (2)
Claim          Claimant          Role         Kind     Total NOK   File
───────────────────────────────────────────────────────────────────────────────────────────────────────────────────
BM-2024-0095   Eirik Halvorsen   contractor   travel   12 468.00   examples/betalmeg/contractor-fee-returned.yaml
R-2024-0254    Kristine Dahl     employee     travel    6 062.00   examples/deadlines/returned-employee-travel.yaml

Unsubmitted claims past their deadline (1)
Claim          Claimant          Role         Status   Deadline     Days late   Total NOK
─────────────────────────────────────────────────────────────────────────────────────────
BM-2024-0031   Ragnhild Strand   contractor   draft    2024-02-29          62      848.00

Totals and findings by unit
Unit     Claims    Total NOK   Errors   Warnings   Infos
────────────────────────────────────────────────────────
HF-ISL        1     6 062.00        1          0       0
IE-IDI        3     8 227.50        2          1       2
IV-IBM        3    12 970.14        2          0       0
NV-IKJ        3   13 702.43+        4          3       0
SU-IPL        1    12 468.00        1          1       0
ØK-IØT        1     2 048.00        0          0       1

+ incomplete: leaves out amounts in a foreign currency without a rate (MX001)
"""


CATERING_80 = """\
claim          exp  event                    per participant     limit    excess
-----------  -----  ---------------------  -----------------  --------  --------
R-2024-0533      0  meeting, long,                    812.50    760.50    416.00
                    external
R-2024-0412      0  meeting, short,                   220.00    224.00      0.00
                    internal
R-2024-0322      0  home, meal, internal            1 240.00  1 297.60      0.00
R-2024-0118      0  special, extended,              1 450.00  1 622.00      0.00
                    external
R-2024-0423      0  representation, meal,           2 000.00  2 108.60      0.00
                    external
R-2024-0419      0  special, extended,              1 550.00  1 622.00      0.00
                    external
file, date, participants: left out to fit 80 columns (-f concise has every
  field)

6 catering/representation expenses in 6 claims, 1 over the limit by 416.00 NOK
  in total
"""


CATERING_160 = """\
claim        file                                  exp  date        event                             participants    per participant     limit    excess
-----------  ----------------------------------  -----  ----------  ------------------------------  --------------  -----------------  --------  --------
R-2024-0533  external-dinner-over-limit.yaml         0  2024-04-18  meeting, long, external                      8             812.50    760.50    416.00
R-2024-0412  board-lunch.yaml                        0  2024-03-05  meeting, short, internal                    12             220.00    224.00      0.00
R-2024-0322  home-hospitality.yaml                   0  2024-03-22  home, meal, internal                         5           1 240.00  1 297.60      0.00
R-2024-0118  julebord-past-midnight.yaml             0  2024-01-12  special, extended, external                 24           1 450.00  1 622.00      0.00
R-2024-0423  representation-foreign-guests.yaml      0  2024-04-23  representation, meal, external               6           2 000.00  2 108.60      0.00
R-2024-0419  seminar-dinner-extended.yaml            0  2024-04-12  special, extended, external                 18           1 550.00  1 622.00      0.00
files in examples/catering/

6 catering/representation expenses in 6 claims, 1 over the limit by 416.00 NOK in total
"""


@pytest.mark.parametrize("command, width, expected", [
    ("check", 80, CHECK_80), ("check", 160, CHECK_160), ("deadlines", 80, DEADLINES_80),
    ("deadlines", 160, DEADLINES_160), ("status", 80, STATUS_80), ("status", 160, STATUS_160),
    ("catering", 80, CATERING_80), ("catering", 160, CATERING_160),
])
def test_tables_at_80_and_160_columns(command, width, expected):
    assert table(command, width) == expected


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("width", [60, 80, 100, 120, 160, 200])
def test_no_line_is_wider_than_the_terminal(command, width):
    if command == "catering" and width < 70:
        pytest.skip("the catering report's figures need 70 columns")
    lines = table(command, width).splitlines()
    assert max(len(line) for line in lines) <= width


def test_catering_report_fits_160_columns_with_every_column():
    lines = CATERING_160.splitlines()
    assert max(len(line) for line in lines) <= 160
    assert lines[0].split() == ["claim", "file", "exp", "date", "event", "participants", "per", "participant",
                                "limit", "excess"]


def test_the_columns_of_every_claim_in_check_are_as_wide():
    starts = {line.index(code) for line in CHECK_80.splitlines()
              for code in re.findall(r"^\S+\s+\S+\s+([A-Z]+\d{3})\s", line)}
    messages = {len(line) - len(line.lstrip()) for line in CHECK_80.splitlines() if line.startswith(" " * 20)}
    assert starts == {18} and messages == {27}


def test_without_a_terminal_or_columns_tables_are_120_wide():
    result = runner.invoke(app, [*COMMANDS["catering"], *AS_OF])
    assert max(len(line) for line in result.stdout.splitlines()) <= 120
    assert "file: left out to fit 120 columns" in result.stdout


@pytest.mark.parametrize("path, width, shown", [
    ("examples/catering/board-lunch.yaml", 40, "examples/catering/board-lunch.yaml"),
    ("examples/catering/board-lunch.yaml", 30, "examples/…/board-lunch.yaml"),
    ("examples/catering/board-lunch.yaml", 20, "…/board-lunch.yaml"),
    ("catering/external-dinner-over-limit.yaml", 24, "external-di…r-limit.yaml"),
    ("x.yaml", 2, "…"),
])
def test_paths_are_shortened_in_the_middle(path, width, shown):
    assert shorten_path(path, width) == shown
    assert len(shown) <= max(width, 1)


def test_paths_absolute_and_relative_together_share_no_folder():
    columns = [Column("file", path=True), Column("text", wrap=True)]
    rows = [["a/b/c.yaml", "some words here"], ["/srv/d/e.yaml", "more words"]]
    fitted = fit(columns, rows, 30)
    assert fitted.folder == "" and [row[0] for row in fitted.rows] == ["a/b/c.yaml", "/srv/d/e.yaml"]


def test_fit_wraps_then_drops_the_least_needed_columns_and_says_which():
    columns = [Column("id"), Column("text", wrap=True), Column("extra", drop=1), Column("more", drop=2)]
    rows = [["A-1", "a long text of words", "xxxxxxxxxx", "yyyyyyyyyy"]]
    assert fit(columns, rows, 80).widths == [3, 20, 10, 10]
    narrow = fit(columns, rows, 30)
    assert ([c.header for c in narrow.columns], narrow.widths, narrow.dropped) == (
        ["id", "text", "extra"], [3, 13, 10], ["more"])


@pytest.mark.parametrize("command", ["deadlines", "status"])
@pytest.mark.parametrize("color", ["never", "always"])
def test_the_tables_written_directly_are_the_ones_rich_draws(command, color, many_claims, monkeypatch):
    """`deadlines` and `status` write their tables line by line (`render.plain_tables`): at any
    width, with colour or not, in English and bokmål (names and headers with æ, ø and å), the
    report is the one rich draws from the same fitted tables."""
    from expensecli.render import chasing_tables

    overdue = ["--as-of", "2025-06-30"]  # many claims past their deadline, and some returned
    for width in (60, 80, 160):
        for args in ([*COMMANDS[command], *AS_OF], [command, str(many_claims), "-f", "table", *overdue],
                     [command, str(many_claims), "-f", "table", *overdue, "--lang", "nb"]):
            args = [*args, "--color", color]
            direct = runner.invoke(app, args, env={"COLUMNS": str(width)})
            with monkeypatch.context() as patch:
                patch.setattr(chasing_tables, "direct_colour", lambda console: None)
                drawn = runner.invoke(app, args, env={"COLUMNS": str(width)})
            assert (direct.exit_code, direct.stdout) == (drawn.exit_code, drawn.stdout), (width, args)
            assert ("\x1b[1m" in direct.stdout) == (color == "always")


@pytest.mark.parametrize("command", ["check", "deadlines", "status"])
def test_colour_asked_for_where_term_is_dumb_is_the_table_a_terminal_gets(command):
    """`--color always` and FORCE_COLOR mean colour where TERM=dumb too, as in a CI log: the
    coloured table at the width asked, not rich's 80 columns without colour. In auto, a dumb
    terminal gets no colour."""
    args = [*COMMANDS[command], *AS_OF]
    terminal = {"COLUMNS": "100", "TERM": "xterm-256color", "NO_COLOR": None, "FORCE_COLOR": None}
    coloured = runner.invoke(app, [*args, "--color", "always"], env=terminal)
    assert "\x1b[1m" in coloured.stdout
    assert max(len(re.sub(r"\x1b\[[0-9;]*m", "", line)) for line in coloured.stdout.splitlines()) > 80
    dumb = {**terminal, "TERM": "dumb"}
    for how, env in ((["--color", "always"], dumb), ([], {**dumb, "FORCE_COLOR": "1"})):
        result = runner.invoke(app, [*args, *how], env=env)
        assert (result.exit_code, result.stdout) == (coloured.exit_code, coloured.stdout), how
    plain = runner.invoke(app, [*args, "--color", "never"], env=terminal)
    assert "\x1b" not in plain.stdout
    assert plain.stdout.splitlines() == [re.sub(r"\x1b\[[0-9;]*m", "", line).rstrip()
                                         for line in coloured.stdout.splitlines()]  # the same table


@pytest.mark.parametrize("command", ["deadlines", "status"])
@pytest.mark.parametrize("width", [30, 40, 50])
def test_a_table_too_wide_for_the_line_cuts_no_id_amount_or_date(command, width):
    """Shown in part, `R-2024-02` or `6 062.` could be read as another claim or sum: a table with
    nothing left to drop, shorten or wrap is wider than the line, its values whole."""
    shown = table(command, width)
    for value in ("BM-2024-0031", "R-2024-0254", "2024-02-29"):
        assert value in shown, (value, width)
    if command == "status":
        assert "848.00" in shown and "6 062.00" in shown and "55 478.08+" in shown

"""`expensecli deadlines` and `expensecli status` on the examples: exact tables, JSON, exit codes."""

import json

import pytest
from freezegun import freeze_time
from typer.testing import CliRunner

from expensecli.cli import main

main._register()

AS_OF = ["--as-of", "2024-05-01"]


def invoke(*args: str) -> tuple[int, str, str]:
    """Exit code (the command's return value, or typer.Exit's), stdout and stderr."""
    result = CliRunner().invoke(main.app, list(args), standalone_mode=False)
    if result.exception is not None:
        raise result.exception
    return result.return_value, result.stdout, result.stderr


DEADLINES_TABLE = """\
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


def test_deadlines_table_breaches_first_then_due_soon_then_the_rest():
    code, out, _ = invoke("deadlines", "examples/betalmeg", "examples/deadlines", *AS_OF, "-f", "table")
    assert out == DEADLINES_TABLE
    assert code == 1  # DL001 errors


def row(file, id, claimant, role, kind, status, urgency, base, base_date, deadline, submitted, late, left):
    return {"file": f"examples/deadlines/{file}.yaml", "id": id, "claimant": claimant, "role": role,
            "kind": kind, "status": status, "urgency": urgency, "base": base, "base_date": base_date,
            "months": 1, "deadline": deadline, "submitted": submitted, "days_late": late, "days_left": left}


DEADLINE_ROWS = [
    row("overdue-contractor-draft", "BM-2024-0031", "Ragnhild Strand", "contractor", "reimbursement", "draft",
        "late", "earliest_expense", "2024-01-31", "2024-02-29", None, 62, None),
    row("employee-travel-late", "R-2024-0207", "Marte Haugen", "employee", "travel", "paid",
        "late", "trip_end", "2024-02-29", "2024-03-29", "2024-04-10", 12, None),
    row("draft-due-today-external", "BM-2024-0160", "Per Arne Solheim", "external", "travel", "draft",
        "due_soon", "trip_end", "2024-04-01", "2024-05-01", None, 0, 0),
    row("employee-travel-draft-due-soon", "R-2024-0311", "Sindre Bakken", "employee", "travel", "draft",
        "due_soon", "trip_end", "2024-04-08", "2024-05-08", None, 0, 7),
    row("employee-travel-pending", "R-2024-0330", "Ingrid Solberg", "employee", "travel", "draft",
        "pending", "trip_end", "2024-04-25", "2024-05-25", None, 0, 24),
    row("returned-employee-travel", "R-2024-0254", "Kristine Dahl", "employee", "travel", "returned",
        "on_time", "trip_end", "2024-04-12", "2024-05-12", "2024-04-15", 0, None),
]


def test_deadlines_json():
    _, out, _ = invoke("deadlines", "examples/deadlines", *AS_OF, "-f", "json")
    expected = {"version": 1, "as_of": "2024-05-01", "within": None, "deadlines": DEADLINE_ROWS,
                "summary": {"claims": 6, "late": 2, "due_soon": 2, "pending": 1, "on_time": 1}, "unloaded": []}
    assert out == json.dumps(expected, indent=2, ensure_ascii=False) + "\n"


def test_deadlines_within_keeps_breaches_and_claims_due_within_the_days():
    _, out, _ = invoke("deadlines", "examples/deadlines", *AS_OF, "-f", "json", "--within", "3")
    document = json.loads(out)
    assert [r["id"] for r in document["deadlines"]] == ["BM-2024-0031", "R-2024-0207", "BM-2024-0160"]
    assert document["within"] == 3
    _, out, _ = invoke("deadlines", "examples/deadlines", *AS_OF, "-f", "json", "--within", "7")
    assert [r["id"] for r in json.loads(out)["deadlines"]] == [
        "BM-2024-0031", "R-2024-0207", "BM-2024-0160", "R-2024-0311"]


def test_deadlines_jsonl_and_csv_one_row_a_claim():
    _, out, _ = invoke("deadlines", "examples/deadlines", *AS_OF, "-f", "jsonl")
    assert [json.loads(line) for line in out.splitlines()] == [{"as_of": "2024-05-01", **r} for r in DEADLINE_ROWS]
    _, out, _ = invoke("deadlines", "examples/deadlines", *AS_OF, "-f", "csv")
    lines = out.split("\n")
    assert lines[0] == ("file,id,claimant,role,kind,status,urgency,base,base_date,months,deadline,submitted,"
                        "days_late,days_left")
    assert lines[1] == ("examples/deadlines/overdue-contractor-draft.yaml,BM-2024-0031,Ragnhild Strand,contractor,"
                        "reimbursement,draft,late,earliest_expense,2024-01-31,1,2024-02-29,,62,")
    assert len(lines) == 8 and lines[-1] == ""


def test_deadlines_concise():
    _, out, _ = invoke("deadlines", "examples/betalmeg", *AS_OF, "--within", "0")
    assert out == (
        "examples/betalmeg/late-external-travel.yaml: BM-2024-0121 Astrid Lindqvist (external, travel): deadline"
        " 2024-04-10 (1 month after the trip ended on 2024-03-10); submitted 2024-04-15, 5 days late\n"
        "1 claim with a deadline as of 2024-05-01: 1 late, 0 due soon, 0 pending, 0 submitted on time\n")


def test_deadlines_junit_fails_the_late_claims():
    _, out, _ = invoke("deadlines", "examples/betalmeg", *AS_OF, "-f", "junit")
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n'
                          '<testsuites name="expensecli deadlines" tests="4" failures="1">\n')
    assert ('<testcase classname="examples/betalmeg/late-external-travel.yaml" name="BM-2024-0121">\n'
            '      <failure type="late" message="deadline 2024-04-10: 5 days late">submitted 2024-04-15; the'
            ' deadline is 1 month after the trip ended on 2024-03-10</failure>') in out


@pytest.mark.parametrize("args, expected", [
    (["examples/betalmeg/late-external-travel.yaml"], 1),  # DL001 error
    (["examples/betalmeg/late-external-travel.yaml", "--fail-on", "never"], 0),
    (["examples/betalmeg/late-external-travel.yaml", "--ignore", "DL001"], 0),
    (["examples/betalmeg/contractor-before-contract.yaml"], 0),  # NE004 is not a deadline finding
    (["examples/deadlines/employee-travel-late.yaml"], 0),  # DL002 is a warning
    (["examples/deadlines/employee-travel-late.yaml", "--fail-on", "warning"], 1),
    (["examples/deadlines/draft-due-today-external.yaml"], 0),  # DL003 is info
    (["examples/deadlines/draft-due-today-external.yaml", "--fail-on", "info"], 1),
])
def test_report_exit_codes_follow_fail_on_over_deadline_findings_only(args, expected):
    assert invoke("deadlines", *args, *AS_OF, "-f", "json")[0] == expected
    assert invoke("status", *args, *AS_OF, "-f", "json")[0] == expected


STATUS_TABLE = """\
Claims by status as of 2024-05-01
Status     Claims   Total NOK
─────────────────────────────
draft           4   13 194.14
sent            3   16 178.30
approved        1    1 248.00
returned        2   18 530.00
paid            1    6 212.00

all            11   55 362.44

Returned claims (2)
Claim          Claimant          Role         Kind     Total NOK   File
───────────────────────────────────────────────────────────────────────────────────────────────────────────────────
BM-2024-0095   Eirik Halvorsen   contractor   travel   12 468.00   examples/betalmeg/contractor-fee-returned.yaml
R-2024-0254    Kristine Dahl     employee     travel    6 062.00   examples/deadlines/returned-employee-travel.yaml

Unsubmitted claims past their deadline (1)
Claim          Claimant          Role         Status   Deadline     Days late   Total NOK
─────────────────────────────────────────────────────────────────────────────────────────
BM-2024-0031   Ragnhild Strand   contractor   draft    2024-02-29          62      848.00

Totals and findings by role
Role         Claims   Total NOK   Errors   Warnings   Infos
───────────────────────────────────────────────────────────
contractor        3   14 564.00        3          1       0
employee          5   24 461.64        2          3       2
external          3   16 336.80        2          1       1
"""


def test_status_table():
    code, out, _ = invoke("status", "examples/betalmeg", "examples/deadlines", *AS_OF, "-f", "table",
                          "--group-by", "role")
    assert out == STATUS_TABLE
    assert code == 1


def test_status_json():
    _, out, _ = invoke("status", "examples/deadlines", *AS_OF, "-f", "json", "--group-by", "unit")
    expected = {
        "version": 1, "as_of": "2024-05-01", "currency": "NOK",
        "statuses": [{"status": "draft", "claims": 4, "total": "13194.14", "total_complete": True},
                     {"status": "sent", "claims": 1, "total": "1889.50", "total_complete": True},
                     {"status": "approved", "claims": 0, "total": "0.00", "total_complete": True},
                     {"status": "returned", "claims": 1, "total": "6062.00", "total_complete": True},
                     {"status": "paid", "claims": 1, "total": "6212.00", "total_complete": True}],
        "overall": {"claims": 7, "total": "27357.64", "total_complete": True},
        "returned": [{"file": "examples/deadlines/returned-employee-travel.yaml", "id": "R-2024-0254",
                      "claimant": "Kristine Dahl", "role": "employee", "kind": "travel", "total": "6062.00",
                      "total_complete": True}],
        "overdue": [{"file": "examples/deadlines/overdue-contractor-draft.yaml", "id": "BM-2024-0031",
                     "claimant": "Ragnhild Strand", "role": "contractor", "kind": "reimbursement", "status": "draft",
                     "deadline": "2024-02-29", "days_late": 62, "total": "848.00", "total_complete": True}],
        "group_by": "unit",
        # each unit's findings by severity: which unit's claims need attention
        "groups": [group("HF-ISL", 1, "6062.00", 1, 0, 0), group("IE-IDI", 2, "6979.50", 1, 1, 2),
                   group("IV-IBM", 2, "6056.14", 1, 0, 0), group("NV-IKJ", 1, "6212.00", 0, 2, 0),
                   group("ØK-IØT", 1, "2048.00", 0, 0, 1)],
        "unloaded": [],
    }
    assert out == json.dumps(expected, indent=2, ensure_ascii=False) + "\n"


def group(name: str, claims: int, total: str, errors: int, warnings: int, infos: int) -> dict:
    return {"group": name, "claims": claims, "total": total, "total_complete": True, "errors": errors,
            "warnings": warnings, "infos": infos}


def test_status_groups_without_a_value_come_last():
    _, out, _ = invoke("status", "examples/deadlines", *AS_OF, "-f", "concise", "--group-by", "cost_centre")
    assert out.splitlines()[-4:] == ["cost_centre 63510: 1 claim, 1 889.50 NOK; 1 error, 1 warning, 1 info",
                                     "cost_centre 66200: 1 claim, 6 212.00 NOK; 0 errors, 2 warnings, 0 infos",
                                     "cost_centre 68123: 2 claims, 6 056.14 NOK; 1 error, 0 warnings, 0 infos",
                                     "cost_centre (none): 2 claims, 11 152.00 NOK; 1 error, 0 warnings, 1 info"]


def test_status_concise_and_csv():
    _, out, _ = invoke("status", "examples/betalmeg", *AS_OF)
    assert out == ("draft: 0 claims, 0.00 NOK\nsent: 2 claims, 14 288.80 NOK\napproved: 1 claim, 1 248.00 NOK\n"
                   "returned: 1 claim, 12 468.00 NOK\npaid: 0 claims, 0.00 NOK\nall: 4 claims, 28 004.80 NOK\n"
                   "returned: examples/betalmeg/contractor-fee-returned.yaml: BM-2024-0095 Eirik Halvorsen"
                   " (contractor, travel), 12 468.00 NOK\n")
    _, out, _ = invoke("status", "examples/deadlines/overdue-contractor-draft.yaml", *AS_OF, "-f", "csv")
    assert out == ("file,id,claimant,role,kind,status,unit,cost_centre,work_order,total,total_complete,currency,"
                   "deadline,submitted,days_late,overdue\n"
                   "examples/deadlines/overdue-contractor-draft.yaml,BM-2024-0031,Ragnhild Strand,contractor,"
                   "reimbursement,draft,IV-IBM,68123,81234501,848.00,true,NOK,2024-02-29,,62,true\n")


def test_status_jsonl_has_employee_reimbursements_without_a_deadline():
    _, out, _ = invoke("status", "examples/deadlines/employee-reimbursement-elkom-books.yaml", *AS_OF, "-f", "jsonl")
    assert json.loads(out) == {
        "as_of": "2024-05-01", "file": "examples/deadlines/employee-reimbursement-elkom-books.yaml",
        "id": "R-2024-0190", "claimant": "Henrik Aas", "role": "employee", "kind": "reimbursement",
        "status": "sent", "unit": "IE-IDI", "cost_centre": "63510", "work_order": None, "total": "1889.50",
        "total_complete": True, "currency": "NOK", "deadline": None, "submitted": "2024-04-12", "days_late": None, "overdue": False}
    _, csv_out, _ = invoke("status", "examples/deadlines/employee-reimbursement-elkom-books.yaml", *AS_OF, "-f", "csv")
    header, row = csv_out.splitlines()
    assert dict(zip(header.split(","), row.split(",")))["submitted"] == "2024-04-12"


def test_unloaded_files_are_named_not_counted(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: [unclosed\n")
    _, out, _ = invoke("status", str(broken), "examples/betalmeg/late-external-travel.yaml", *AS_OF, "-f", "json")
    document = json.loads(out)
    assert (document["overall"], document["unloaded"]) == (
        {"claims": 1, "total": "6914.00", "total_complete": True}, [str(broken)])
    _, out, _ = invoke("deadlines", str(broken), *AS_OF)
    assert out == (f"0 claims with a deadline as of 2024-05-01: 0 late, 0 due soon, 0 pending, 0 submitted on time\n"
                   f"not loaded (see expensecli check): {broken}\n")


def test_usage_errors_exit_2():
    code, out, err = invoke("status", "examples/betalmeg", "-f", "junit")
    assert (code, out) == (2, "")
    assert err == "expensecli: error: status has no junit format; use table, concise, json, jsonl, csv or xlsx\n"
    assert invoke("deadlines", "examples/betalmeg", "--as-of", "2024-02-30")[0] == 2


@freeze_time("2024-05-01")
def test_reports_default_to_today():
    assert invoke("deadlines", "examples/betalmeg", "examples/deadlines", "-f", "table")[1] == DEADLINES_TABLE
    _, out, _ = invoke("status", "examples/deadlines", "-f", "json")
    assert json.loads(out)["as_of"] == "2024-05-01"


@freeze_time("2024-05-09")
def test_a_week_later_the_due_soon_draft_is_late():
    _, out, _ = invoke("deadlines", "examples/deadlines/employee-travel-draft-due-soon.yaml", "-f", "json")
    [only] = json.loads(out)["deadlines"]
    assert (only["urgency"], only["days_late"], only["days_left"]) == ("late", 1, None)


# Bokmål: titles, headers, days and summaries follow --lang nb; ids, roles, kinds and statuses are
# the claims' values and stay as written, totals are grouped with a decimal comma.
def in_bokmal(*args: str) -> tuple[int, str, str]:
    from expensecli.core import i18n

    i18n.MISSING.clear()
    done = invoke(*args, "--lang", "nb")
    assert not i18n.MISSING, f"untranslated: {sorted(i18n.MISSING)}"
    return done


DEADLINES_TABLE_NB = """\
Frister per 2024-05-01
Krav           Søker              Rolle        Type            Regnes fra   Frist        Sendt inn                Dager
───────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
BM-2024-0031   Ragnhild Strand    contractor   reimbursement   2024-01-31   2024-02-29   (draft)      62 dager for sent
R-2024-0207    Marte Haugen       employee     travel          2024-02-29   2024-03-29   2024-04-10   12 dager for sent
BM-2024-0121   Astrid Lindqvist   external     travel          2024-03-10   2024-04-10   2024-04-15    5 dager for sent
BM-2024-0160   Per Arne Solheim   external     travel          2024-04-01   2024-05-01   (draft)            frist i dag
R-2024-0311    Sindre Bakken      employee     travel          2024-04-08   2024-05-08   (draft)          7 dager igjen
R-2024-0330    Ingrid Solberg     employee     travel          2024-04-25   2024-05-25   (draft)         24 dager igjen
BM-2024-0088   Jonas Eriksen      contractor   reimbursement   2024-01-28   2024-02-28   2024-02-20              i tide
R-2024-0254    Kristine Dahl      employee     travel          2024-04-12   2024-05-12   2024-04-15              i tide
BM-2024-0095   Eirik Halvorsen    contractor   travel          2024-04-16   2024-05-16   2024-04-18              i tide
BM-2024-0142   Lukas Schneider    external     travel          2024-04-24   2024-05-24   2024-04-26              i tide

10 krav med frist per 2024-05-01: 3 for sent, 2 med frist snart, 1 med god tid, 4 sendt inn i tide
"""


def test_deadlines_table_in_bokmal():
    code, out, _ = in_bokmal("deadlines", "examples/betalmeg", "examples/deadlines", *AS_OF, "-f", "table")
    assert out == DEADLINES_TABLE_NB
    assert code == 1


def test_deadlines_table_in_bokmal_says_which_columns_it_left_out(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    _, out, _ = in_bokmal("deadlines", "examples/betalmeg", "examples/deadlines", *AS_OF, "-f", "table")
    lines = out.splitlines()
    assert lines[1] == "Krav           Søker              Frist        Sendt inn                Dager"
    assert lines[-4:] == ["Rolle, Type, Regnes fra: utelatt for å passe i 80 kolonner", "",
                          "10 krav med frist per 2024-05-01: 3 for sent, 2 med frist snart, 1 med god tid,",
                          "4 sendt inn i tide"]


def test_deadlines_junit_and_unloaded_files_in_bokmal(tmp_path):
    _, out, _ = in_bokmal("deadlines", "examples/betalmeg", *AS_OF, "-f", "junit")
    assert '<testsuites name="expensecli deadlines" tests="4" failures="1">' in out  # names stay: identifiers
    assert '<failure type="late" message="frist 2024-04-10: 5 dager for sent">sendt inn 2024-04-15; fristen er' in out
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: [unclosed\n")
    _, out, _ = in_bokmal("deadlines", str(broken), *AS_OF)
    assert out == ("0 krav med frist per 2024-05-01: 0 for sent, 0 med frist snart, 0 med god tid, 0 sendt inn i tide\n"
                   f"ikke lest inn (se expensecli check): {broken}\n")


STATUS_TABLE_NB = """\
Krav etter status per 2024-05-01
Status     Krav     Sum NOK
───────────────────────────
draft         4   13 194,14
sent          3   16 178,30
approved      1    1 248,00
returned      2   18 530,00
paid          1    6 212,00

alle         11   55 362,44

Returnerte krav (2)
Krav           Søker             Rolle        Type       Sum NOK   Fil
───────────────────────────────────────────────────────────────────────────────────────────────────────────────────
BM-2024-0095   Eirik Halvorsen   contractor   travel   12 468,00   examples/betalmeg/contractor-fee-returned.yaml
R-2024-0254    Kristine Dahl     employee     travel    6 062,00   examples/deadlines/returned-employee-travel.yaml

Krav over fristen som ikke er sendt inn (1)
Krav           Søker             Rolle        Status   Frist        Dager for sent   Sum NOK
────────────────────────────────────────────────────────────────────────────────────────────
BM-2024-0031   Ragnhild Strand   contractor   draft    2024-02-29               62    848,00

Summer og funn per koststed
Koststed   Krav     Sum NOK   Feil   Advarsler   Info
─────────────────────────────────────────────────────
61510         1    2 048,00      0           0      1
63510         2    3 137,50      2           1      1
66200         2   13 586,80      1           3      0
68123         3   12 970,14      2           0      0
69400         1   12 468,00      1           1      0
(ingen)       2   11 152,00      1           0      1
"""


def test_status_table_in_bokmal():
    code, out, _ = in_bokmal("status", "examples/betalmeg", "examples/deadlines", *AS_OF, "-f", "table",
                             "--group-by", "cost_centre")
    assert out == STATUS_TABLE_NB
    assert code == 1


def test_status_concise_in_bokmal():
    _, out, _ = in_bokmal("status", "examples/deadlines", *AS_OF, "--group-by", "cost_centre")
    assert out == (
        "draft: 4 krav, 13 194,14 NOK\nsent: 1 krav, 1 889,50 NOK\napproved: 0 krav, 0,00 NOK\n"
        "returned: 1 krav, 6 062,00 NOK\npaid: 1 krav, 6 212,00 NOK\nalle: 7 krav, 27 357,64 NOK\n"
        "returnert: examples/deadlines/returned-employee-travel.yaml: R-2024-0254 Kristine Dahl (employee, travel),"
        " 6 062,00 NOK\n"
        "over fristen: examples/deadlines/overdue-contractor-draft.yaml: BM-2024-0031 Ragnhild Strand (contractor,"
        " reimbursement, draft): frist 2024-02-29, 62 dager for sent, 848,00 NOK\n"
        "koststed 61510: 1 krav, 2 048,00 NOK; 0 feil, 0 advarsler, 1 info\n"
        "koststed 63510: 1 krav, 1 889,50 NOK; 1 feil, 1 advarsel, 1 info\n"
        "koststed 66200: 1 krav, 6 212,00 NOK; 0 feil, 2 advarsler, 0 info\n"
        "koststed 68123: 2 krav, 6 056,14 NOK; 1 feil, 0 advarsler, 0 info\n"
        "koststed (ingen): 2 krav, 11 152,00 NOK; 1 feil, 0 advarsler, 1 info\n")


def test_status_in_bokmal_marks_an_incomplete_total():
    _, out, _ = in_bokmal("status", "examples/claims/foreign-receipt.yaml", *AS_OF, "-f", "table")
    assert out.splitlines()[-7:] == [
        "alle          1   115,63+", "", "Returnerte krav: ingen", "",
        "Krav over fristen som ikke er sendt inn: ingen", "", "+ ufullstendig: utelater beløp i utenlandsk valuta uten kurs (MX001)"]


def test_status_json_in_bokmal_is_the_english_document():
    english = invoke("status", "examples/deadlines", *AS_OF, "-f", "json", "--group-by", "unit")[1]
    assert in_bokmal("status", "examples/deadlines", *AS_OF, "-f", "json", "--group-by", "unit")[1] == english


def test_summary_lines_of_a_report_written_to_a_file_in_bokmal(tmp_path, monkeypatch):
    from expensecli.cli import output

    monkeypatch.setattr(output, "stderr_is_terminal", lambda: True)
    target = tmp_path / "status.txt"
    _, _, err = in_bokmal("status", "examples/betalmeg", "examples/deadlines", *AS_OF, "-o", str(target))
    assert err == f"{target}: 11 krav, 55 362,44 NOK; 2 returnert, 1 ikke sendt inn og over fristen\n"
    target = tmp_path / "deadlines.txt"
    _, _, err = in_bokmal("deadlines", "examples/betalmeg", *AS_OF, "-o", str(target))
    assert err == (f"{target}: 4 krav med frist per 2024-05-01: 1 for sent, 0 med frist snart, 0 med god tid,"
                   " 3 sendt inn i tide\n")


def test_status_usage_error_in_bokmal():
    code, out, err = invoke("status", "examples/betalmeg", "-f", "junit", "--lang", "nb")
    assert (code, out) == (2, "")
    assert err.endswith("status har ikke formatet junit; bruk table, concise, json, jsonl, csv eller xlsx\n")

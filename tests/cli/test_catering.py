"""`expensecli catering quote` and `catering report`, through the command line, with exact output."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest
from conftest import EXAMPLES, REPO
from freezegun import freeze_time
from typer.testing import CliRunner

from expensecli.cli import main

main._register()
runner = CliRunner()


def quote(*args: str):
    return runner.invoke(main.app, ["catering", "quote", *args])


# The seed page's table: (event, options, internal eating place, external eating place).
SEED_TABLE = [
    ("Mindre enn 3 timar i arbeidstid", ["--hours", "2"], "224.00", "336.00", "short"),
    ("Meir enn 3 timar", ["--hours", "3"], "507.00", "760.50", "long"),
    ("Utover arbeidstid", ["--start", "14:00", "--end", "16:30"], "507.00", "760.50", "long"),
    ("Utover arbeidstid (stated)", ["--hours", "1.5", "--beyond-hours"], "507.00", "760.50", "long"),
    ("Heil dag med behov for 2 serveringar", ["--hours", "7", "--servings", "2"], "740.00", "1 110.00",
     "two_servings"),
]


@pytest.mark.parametrize("event,options,internal,external,tier", SEED_TABLE, ids=[row[0] for row in SEED_TABLE])
def test_quote_reproduces_the_seed_table(event, options, internal, external, tier):
    inside = quote(*options, "--date", "2024-03-14")
    outside = quote(*options, "--date", "2024-03-14", "--external")
    assert (inside.exit_code, outside.exit_code) == (0, 0)
    assert inside.stdout.splitlines()[0] == f"Limit per participant: {internal} NOK (meeting, {tier})"
    assert outside.stdout.splitlines()[0] == (
        f"Limit per participant: {external} NOK (meeting, {tier}, external eating place)")
    data = json.loads(quote(*options, "--date", "2024-03-14", "--external", "-f", "json").stdout)
    assert (data["tier"], data["limit"]) == (tier, external.replace(" ", ""))


@pytest.mark.parametrize("options,limit,tier", [
    (["--type", "special", "--extended", "--hours", "5"], "1622.00", "extended"),
    (["--extended", "--external", "--hours", "5"], "1622.00", "extended"),
    (["--type", "representation"], "1622.00", "meal"),
    (["--type", "representation", "--representation", "simple"], "597.00", "simple"),
    (["--type", "representation", "--foreign-guests"], "2108.60", "meal"),
    (["--type", "representation", "--representation", "simple", "--foreign-guests"], "776.10", "simple"),
    (["--type", "home"], "1297.60", "meal"),
    (["--type", "home", "--representation", "simple"], "477.60", "simple"),
])
def test_quote_derived_limits(options, limit, tier):
    data = json.loads(quote(*options, "--date", "2024-03-14", "-f", "json").stdout)
    assert (data["limit"], data["tier"], data["year"]) == (limit, tier, 2024)


def test_quote_full_text():
    result = quote("--hours", "4", "--external", "--date", "2024-03-14", "--participants", "8")
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout == textwrap.dedent("""\
        Limit per participant: 760.50 NOK (meeting, long, external eating place)
          tier        long: 3 hours or more (4 hours)
          arithmetic  507.00 x 1.5 external eating place = 760.50
          total       6 084.00 NOK for 8 participants
          rate sheet  2024 (valid 2024-01-01 to 2024-12-31)
          policy      NTNU: Satsar for mat ved representasjon og bevertning
                      "For arrangement som varer 3 timer eller meir, eller som strekk seg utover den
                      ordinære arbeidstida, kan det brukast inntil kr. 507,- per deltakar."
                      English: For events lasting 3 hours or more, or reaching beyond ordinary working
                      hours, up to NOK 507 per participant may be used.
                      "Der ein av praktiske grunnar ikkje kan ete måltida i kantine, spiserom, møterom eller
                      liknande, men må nytte eksterne spisestader, kan satsane aukast med inntil 50 %."
                      English: Where for practical reasons the meals cannot be eaten in a canteen, dining
                      room, meeting room or similar, but an external eating place must be used, the rates
                      may be raised by up to 50 %.
          raised by   two servings on a long event raises this to 1 110.00
                      an approved application for the extended rate (external participants at an external
                      eating place) raises this to 1 622.00
        """)


def test_quote_json_keys():
    data = json.loads(quote("--hours", "4", "--external", "--date", "2024-03-14", "--participants", "8",
                            "-f", "json").stdout)
    assert data == {
        "year": 2024, "type": "meeting", "tier": "long", "venue": "external", "limit": "760.50",
        "currency": "NOK", "participants": 8, "total_limit": "6084.00",
        "basis": "507.00 x 1.5 external eating place = 760.50",
        "source": 'NTNU: Satsar for mat ved representasjon og bevertning: "For arrangement som varer 3 timer eller'
                  ' meir, eller som strekk seg utover den ordinære arbeidstida, kan det brukast inntil kr. 507,- per'
                  ' deltakar." "Der ein av praktiske grunnar ikkje kan ete måltida i kantine, spiserom, møterom eller'
                  ' liknande, men må nytte eksterne spisestader, kan satsane aukast med inntil 50 %."'}


@pytest.mark.parametrize("options, cited", [
    (["--hours", "2"], ["For arrangement som varer under 3 timar"]),
    (["--hours", "2", "--beyond-hours"], ["For arrangement som varer 3 timer eller"]),
    (["--hours", "7", "--servings", "2", "--external"], ["For langvarige arrangement der det er",
                                                         "Der ein av praktiske grunnar ikkje kan"]),
    (["--type", "special", "--extended", "--hours", "5"], ["I samband med spesielle arrangement som",
                                                           "For å få utvida sats (maks 1 622,-) må ein"]),
    (["--extended", "--external", "--hours", "5"], ["For møte og arrangement der andre enn NTNUs",
                                                    "For å få utvida sats (maks 1 622,-) må ein"]),
    (["--type", "representation", "--representation", "simple", "--foreign-guests"],
     ["Enklare lunsj/mottaking inntil kr. 597,-", "Ved arrangement der utanlandske gjestar p"]),
    (["--type", "home"], ["Lunsj/middag inntil kr. 1 622,- per person", "I slike tilfelle kan legitimerte utgift"]),
])
def test_quote_json_source_cites_the_sentences_of_the_limit_applied(options, cited):
    data = json.loads(quote(*options, "--date", "2024-03-14", "-f", "json").stdout)
    page = "NTNU: Satsar for mat ved representasjon og bevertning: "
    assert data["source"].startswith(page)
    quotes = data["source"][len(page):].split('" "')
    assert [q.strip('"')[:len(start)] for q, start in zip(quotes, cited)] == cited and len(quotes) == len(cited)
    text = quote(*options, "--date", "2024-03-14").stdout
    assert all(start[:30] in text.replace("\n                      ", " ") for start in cited)


def test_quote_abroad_without_kostsats():
    result = quote("--type", "representation", "--country", "se", "--date", "2024-03-14", "-f", "json")
    data = json.loads(result.stdout)
    assert (data["limit"], data["total_limit"], data["basis"]) == (
        None, None, "the 2024 rate sheet has no kostsats for SE, so the limit abroad is not checked")
    text = quote("--type", "representation", "--country", "se", "--date", "2024-03-14").stdout
    assert text.splitlines()[0] == ("No limit per person to check, as the 2024 rate sheet has no kostsats for SE: check"
                                    " the cost per person against the kostsats for SE by hand")


@freeze_time("2026-03-10")
def test_quote_default_date_uses_the_nearest_sheet_and_says_so():
    result = quote("--hours", "4", "--external")
    assert result.exit_code == 0
    assert result.stderr == ("expensecli: no rate sheet covers 2026-03-10; the 2024 sheet (valid 2024-01-01 to"
                             " 2024-12-31) is used\n")
    assert result.stdout.startswith("Limit per participant: 760.50 NOK (meeting, long, external eating place)\n")


@freeze_time("2024-05-17")
def test_quote_default_date_today_counts_its_public_holiday():
    result = quote("--hours", "2")
    assert result.stderr == ""
    assert result.stdout.splitlines()[:2] == [
        "Limit per participant: 507.00 NOK (meeting, long)",
        "  tier        long: beyond ordinary working hours: 2024-05-17 is a public holiday (Constitution Day)"]


@pytest.mark.parametrize("options,message", [
    (["--start", "10:00"], "give both --start and --end, or neither"),
    ([], "give --hours H, or --start HH:MM and --end HH:MM (or --beyond-hours)"),
    (["--servings", "2"], "give --hours H, or --start HH:MM and --end HH:MM (or --beyond-hours)"),
    (["--hours", "2", "--foreign-guests"],
     "--foreign-guests applies to --type representation or home, not --type meeting"),
    (["--type", "home", "--external"],
     "--external applies to meeting and special events (--type meeting or special), not --type home"),
    (["--hours", "4", "--extended"], "--extended applies to a special event (--type special), or to external"
                                     " participants at an external eating place (--external)"),
    (["--hours", "3", "--start", "10:00", "--end", "12:00"], "--hours 3 disagrees with --start 10:00 --end 12:00"),
    (["--hours", "1e3"], "--hours '1e3' uses an exponent; write the number out in full"),
    (["--type", "home", "--external", "--extended"], "--external, --extended apply to meeting and special events"
                                                     " (--type meeting or special), not --type home"),
    (["--hours", "0"], "--hours must be greater than 0, got 0"),
    (["--start", "12:00", "--end", "12:00"], "--end 12:00 equals --start 12:00; an end earlier than the start is"
                                             " the next day, 24:00 is midnight"),
    (["--start", "24:00", "--end", "02:00"], "--start '24:00' is not a time of day; write \"HH:MM\" from \"00:00\""
                                             " to \"23:59\""),
    (["--start", "22:00", "--end", "24:30"], "--end '24:30' is not a time of day; write \"HH:MM\" from \"00:00\""
                                             " to \"24:00\""),
    (["--hours", "2", "--start", "23:00", "--end", "02:00"], "--hours 2 disagrees with --start 23:00 --end 02:00"),
    (["--type", "representation", "--country", "Sweden"], "--country 'Sweden': give a two-letter country code such as SE"),
    (["--hours", "2", "--date", "2024-02-30"], "--date 2024-02-30 is not a real date: day is out of range for month"),
])
def test_quote_usage_errors_exit_2(options, message):
    result = quote(*options)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"expensecli: error: {message}\n"


@pytest.mark.parametrize("start, end, first, tier", [
    ("22:00", "01:00", "Limit per participant: 507.00 NOK (meeting, long)",
     "  tier        long: 3 hours or more (22:00-01:00 (next day), 3 h 00 min)"),
    ("22:00", "00:30", "Limit per participant: 507.00 NOK (meeting, long)",
     "  tier        long: beyond ordinary working hours: runs past midnight (ends 00:30 the next day),"),
    ("19:00", "24:00", "Limit per participant: 507.00 NOK (meeting, long)",
     "  tier        long: 3 hours or more (19:00-24:00, 5 h 00 min)"),
])
def test_quote_an_event_past_midnight(start, end, first, tier):
    result = quote("--start", start, "--end", end, "--date", "2024-03-14")
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout.splitlines()[:2] == [first, tier]
    data = json.loads(quote("--start", start, "--end", end, "--date", "2024-03-14", "--external", "-f", "json").stdout)
    assert (data["tier"], data["limit"]) == ("long", "760.50")


def test_quote_two_servings_on_a_short_event_stay_short():
    result = quote("--hours", "2", "--servings", "2", "--date", "2024-03-14")
    assert result.stdout.splitlines()[:2] == [
        "Limit per participant: 224.00 NOK (meeting, short)",
        "  tier        short: under 3 hours within ordinary working hours (2 hours); two servings count only"]
    assert "two servings on a long event raises this to 740.00" in result.stdout
    long = json.loads(quote("--hours", "2", "--servings", "2", "--beyond-hours", "--date", "2024-03-14",
                            "-f", "json").stdout)
    assert (long["tier"], long["limit"]) == ("two_servings", "740.00")


@pytest.mark.parametrize("hours, english, bokmal", [("1", "1 hour", "1 time"), ("0.5", "0.5 hours", "0,5 timer"),
                                                    ("2", "2 hours", "2 timer")])
def test_quote_says_one_hour_in_the_singular(hours, english, bokmal):
    assert quote("--hours", hours, "--date", "2024-03-14").stdout.splitlines()[1] == (
        f"  tier        short: under 3 hours within ordinary working hours ({english})")
    assert quote("--hours", hours, "--date", "2024-03-14", "--lang", "nb").stdout.splitlines()[1] == (
        f"  sats        kort: under 3 timer innenfor ordinær arbeidstid ({bokmal})")


def test_quote_works_as_written_from_the_shell():
    done = subprocess.run([sys.executable, "-m", "expensecli", "catering", "quote", "--hours", "4", "--external"],
                          capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0
    assert done.stdout.startswith("Limit per participant: 760.50 NOK (meeting, long, external eating place)\n")


OVER = """\
id: A-1
kind: reimbursement
status: sent
submitted: 2024-04-25
claimant: {name: Anders Nygård, role: employee}
cost_allocation: {work_order: "81330217"}
expenses:
  - date: 2024-04-18
    category: catering
    amount: "6500.00"
    attachments: [{type: receipt}]
    event:
      type: meeting
      date: 2024-04-18
      hours: 3.5
      venue: external
      venue_reason: At the partner's site
      occasion: board
      participants: {internal: 8}
      approval: {by: Kristine Eide, role: head_of_department, date: 2024-04-02}
  - date: 2024-04-19
    category: catering
    amount: "1200.00"
    attachments: [{type: receipt}]
    event:
      type: meeting
      date: 2024-04-19
      hours: 2
      occasion: board
      participants: {internal: 4}
      approval: {by: Kristine Eide, role: head_of_department, date: 2024-04-02}
"""

ABROAD = """\
id: B-2
kind: reimbursement
status: sent
submitted: 2024-06-20
claimant: {name: Solveig Brekke, role: employee}
cost_allocation: {work_order: "81440190"}
expenses:
  - date: 2024-06-11
    category: representation
    amount: "3000.00"
    currency: SEK
    rate: "1.02"
    attachments: [{type: receipt, language: sv}]
    event:
      type: representation
      date: 2024-06-11
      country: SE
      participants: {internal: 1, external: 2}
      approval: {by: Geir Tangen, role: dean, date: 2024-05-27}
  - date: 2024-06-12
    category: representation
    amount: "6488.00"
    attachments: [{type: receipt}]
    event:
      type: representation
      date: 2024-06-12
      participants: {internal: 2, external: 2}
      approval: {by: Geir Tangen, role: dean, date: 2024-05-27}
"""


@pytest.fixture
def claims(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.yaml").write_text(OVER, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(ABROAD, encoding="utf-8")
    (tmp_path / "c.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    return ["a.yaml", "b.yaml", "c.yaml"]


def report(*args: str):
    return runner.invoke(main.app, ["catering", "report", *args, "--as-of", "2024-07-01"])


def test_report_table_puts_over_limit_rows_first(claims):
    result = report(*claims, "-f", "table")
    assert result.exit_code == 1  # two costs over the limit are CA001 errors (--fail-on error)
    assert result.stdout == textwrap.dedent("""\
        claim    file      exp  date        event                       participants    per participant     limit    excess
        -------  ------  -----  ----------  ------------------------  --------------  -----------------  --------  --------
        A-1      a.yaml      0  2024-04-18  meeting, long, external                8             812.50    760.50    416.00
        A-1      a.yaml      1  2024-04-19  meeting, short, internal               4             300.00    224.00    304.00
        B-2      b.yaml      0  2024-06-11  representation, meal,                  3           1 020.00         -         -
                                            internal
        B-2      b.yaml      1  2024-06-12  representation, meal,                  4           1 622.00  1 622.00      0.00
                                            internal

        not checked: b.yaml expense 0: the 2024 rate sheet has no kostsats for SE, so the limit abroad is not checked
        not loaded (see expensecli check): c.yaml
        4 catering/representation expenses in 2 claims, 2 over the limit by 720.00 NOK in total
        """)


@pytest.mark.parametrize("args, code", [((), 1), (("--fail-on", "never"), 0), (("--fail-on", "warning"), 1)])
def test_report_fails_on_catering_findings_only(claims, args, code):
    assert report("a.yaml", "-f", "json", *args).exit_code == code
    # b.yaml's RP004 (no kostsats abroad) is a warning; c.yaml's LOAD002 is not a catering finding
    assert report("b.yaml", "c.yaml", "-f", "json", *args).exit_code == (1 if args[-1:] == ("warning",) else 0)


def test_report_json_and_concise(claims):
    data = json.loads(report(*claims, "-f", "json").stdout)
    assert [(row["file"], row["expense"], row["excess"]) for row in data["rows"]] == [
        ("a.yaml", 0, "416.00"), ("a.yaml", 1, "304.00"), ("b.yaml", 0, None), ("b.yaml", 1, "0.00")]
    assert data["rows"][0] == {
        "file": "a.yaml", "id": "A-1", "date": "2024-04-18", "expense": 0, "type": "meeting", "tier": "long",
        "venue": "external", "participants": 8, "per_participant": "812.50", "limit": "760.50",
        "excess": "416.00", "rate_year": 2024}
    assert (data["summary"], data["unloaded"], data["as_of"]) == (
        {"claims": 2, "rows": 4, "over": 2, "excess": "720.00"}, ["c.yaml"], "2024-07-01")
    concise = report(*claims, "-f", "concise", "-q").stdout
    assert concise.splitlines()[0] == ("a.yaml: A-1 expense 0 2024-04-18 meeting long external: 8 participants,"
                                       " 812.50 each, limit 760.50, excess 416.00")
    assert len(concise.splitlines()) == 4


ALONE = """\
id: C-3
kind: reimbursement
status: sent
submitted: 2024-04-25
claimant: {name: Anders Nygård, role: employee}
cost_allocation: {work_order: "81330217"}
expenses:
  - date: 2024-04-18
    category: catering
    amount: "200.00"
    attachments: [{type: receipt}]
    event:
      type: meeting
      date: 2024-04-18
      hours: 2
      occasion: board
      participants: {internal: 1, external: 1}
      approval: {by: Kristine Eide, role: head_of_department, date: 2024-04-02}
  - date: 2024-04-19
    category: catering
    amount: "210.00"
    attachments: [{type: receipt}]
    event:
      type: meeting
      date: 2024-04-19
      hours: 2
      occasion: board
      participants: {internal: 0, external: 1}
      approval: {by: Kristine Eide, role: head_of_department, date: 2024-04-02}
"""


def test_report_concise_counts_one_participant_in_the_singular(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "c.yaml").write_text(ALONE, encoding="utf-8")
    assert report("c.yaml", "-f", "concise", "-q").stdout == (
        "c.yaml: C-3 expense 0 2024-04-18 meeting short internal: 2 participants, 100.00 each, limit 224.00,"
        " excess 0.00\n"
        "c.yaml: C-3 expense 1 2024-04-19 meeting short internal: 1 participant, 210.00 each, limit 224.00,"
        " excess 0.00\n")
    assert report("c.yaml", "-f", "concise", "-q", "--lang", "nb").stdout == (
        "c.yaml: C-3 utlegg 0 2024-04-18 møte, kort, internt spisested: 2 deltakere, 100,00 hver,"
        " grense 224,00, overskridelse 0,00\n"
        "c.yaml: C-3 utlegg 1 2024-04-19 møte, kort, internt spisested: 1 deltaker, 210,00 hver,"
        " grense 224,00, overskridelse 0,00\n")


def test_report_summary_says_none_over_the_limit(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "c.yaml").write_text(ALONE, encoding="utf-8")
    (tmp_path / "d.yaml").write_text(ALONE.replace("category: catering", "category: equipment")
                                     .split("    event:")[0], encoding="utf-8")
    assert report("c.yaml", "-f", "concise").stdout.splitlines()[-1] == (
        "2 catering/representation expenses in 1 claim, none over the limit")
    assert report("c.yaml", "-f", "concise", "--lang", "nb").stdout.splitlines()[-1] == (
        "2 utlegg til bevertning/representasjon i 1 krav, ingen over grensen")
    assert report("d.yaml", "-f", "concise").stdout == (
        "0 catering/representation expenses in 0 claims, none over the limit\n")


def test_check_json_carries_the_catering_rows(claims):
    result = runner.invoke(main.app, ["check", "a.yaml", "--as-of", "2024-07-01", "-f", "json"])
    [claim] = json.loads(result.stdout)["claims"]
    assert claim["catering"] == [
        {"expense": 0, "type": "meeting", "tier": "long", "venue": "external", "participants": 8,
         "per_participant": "812.50", "limit": "760.50", "excess": "416.00", "rate_year": 2024},
        {"expense": 1, "type": "meeting", "tier": "short", "venue": "internal", "participants": 4,
         "per_participant": "300.00", "limit": "224.00", "excess": "304.00", "rate_year": 2024}]


EXPECTED_EXAMPLE_CODES = {
    "board-lunch.yaml": [],
    "seminar-dinner-extended.yaml": [],
    "external-dinner-over-limit.yaml": ["CA001"],
    "home-hospitality.yaml": [],
    "representation-foreign-guests.yaml": [],
    "julebord-past-midnight.yaml": [],
}


def test_catering_examples_load_and_show_what_they_say():
    result = runner.invoke(main.app, ["check", str(EXAMPLES / "catering"), "--as-of", "2024-12-31", "-f", "json"])
    found = {claim["file"].rsplit("/", 1)[-1]: [f["code"] for f in claim["findings"]]
             for claim in json.loads(result.stdout)["claims"]}
    assert found == EXPECTED_EXAMPLE_CODES


def test_quote_full_text_in_bokmal():
    result = quote("--hours", "4", "--external", "--date", "2024-03-14", "--participants", "8", "--lang", "nb")
    assert result.exit_code == 0 and result.stderr == ""
    # The Nynorsk policy quotes stand as they are, without their English renderings.
    assert result.stdout == textwrap.dedent("""\
        Grense per deltaker: 760,50 NOK (møte, lang, eksternt spisested)
          sats        lang: 3 timer eller mer (4 timer)
          utregning   507,00 x 1,5 eksternt spisested = 760,50
          sum         6 084,00 NOK for 8 deltakere
          satsark     2024 (gyldig 2024-01-01 til 2024-12-31)
          kilde       NTNU: Satsar for mat ved representasjon og bevertning
                      "For arrangement som varer 3 timer eller meir, eller som strekk seg utover den
                      ordinære arbeidstida, kan det brukast inntil kr. 507,- per deltakar."
                      "Der ein av praktiske grunnar ikkje kan ete måltida i kantine, spiserom, møterom eller
                      liknande, men må nytte eksterne spisestader, kan satsane aukast med inntil 50 %."
          økes ved    to serveringer på et langt arrangement hever grensen til 1 110,00
                      en godkjent søknad om utvidet sats (eksterne deltakere på et eksternt spisested) hever
                      grensen til 1 622,00
        """)


def test_quote_in_bokmal_short_on_a_saturday_and_home_hospitality():
    short = quote("--lang", "nb", "--hours", "2", "--date", "2024-03-14").stdout.splitlines()
    assert short[:3] == ["Grense per deltaker: 224,00 NOK (møte, kort)",
                         "  sats        kort: under 3 timer innenfor ordinær arbeidstid (2 timer)",
                         "  utregning   224,00 sats for korte arrangementer, internt spisested"]
    saturday = quote("--lang", "nb", "--start", "15:00", "--end", "17:30", "--date", "2024-03-16").stdout
    assert saturday.splitlines()[1] == "  sats        lang: utover ordinær arbeidstid: 2024-03-16 er en lørdag"
    holiday = quote("--lang", "nb", "--start", "10:00", "--end", "11:00", "--date", "2024-05-17").stdout
    assert holiday.splitlines()[1] == ("  sats        lang: utover ordinær arbeidstid: 2024-05-17 er en helligdag"
                                       " (Grunnlovsdag)")
    home = quote("--lang", "nb", "--type", "home", "--foreign-guests", "--participants", "1",
                 "--date", "2024-03-14").stdout.splitlines()
    assert home[:4] == [
        "Grense per person: 1 686,88 NOK (hjemmebevertning, måltid, utenlandske gjester på høyt nivå)",
        "  sats        måltid: representasjon, lunsj eller middag",
        "  utregning   1 622,00 x 1,3 utenlandske gjester på høyt nivå x 0,8 hjemmebevertning = 1 686,88",
        "  sum         1 686,88 NOK for 1 person"]
    abroad = quote("--lang", "nb", "--type", "representation", "--country", "DK", "--date", "2024-03-14").stdout
    assert abroad.splitlines()[0] == ("Ingen grense per person å kontrollere, for satsarket for 2024 har ingen"
                                      " kostsats for DK: kontroller kostnaden per person mot kostsatsen for DK"
                                      " manuelt")


def test_quote_json_in_bokmal_keeps_keys_values_and_decimal_points():
    data = json.loads(quote("--hours", "4", "--external", "--date", "2024-03-14", "--participants", "8",
                            "-f", "json", "--lang", "nb").stdout)
    assert (data["type"], data["tier"], data["venue"], data["limit"], data["total_limit"]) == (
        "meeting", "long", "external", "760.50", "6084.00")
    assert data["basis"] == "507,00 x 1,5 eksternt spisested = 760,50"  # the arithmetic is a sentence


def test_quote_problems_in_bokmal():
    result = quote("--lang", "nb", "--hours", "0", "--date", "2024-03-14")
    assert result.exit_code == 2
    assert "--hours må være større enn 0, men er 0" in result.stderr
    result = quote("--lang", "nb", "--type", "home", "--external", "--servings", "2", "--date", "2024-03-14")
    assert ("--external, --servings 2 gjelder bare møter og særskilte arrangementer (--type meeting eller special),"
            " ikke --type home") in result.stderr


def test_report_table_in_bokmal(claims):
    result = report(*claims, "-f", "table", "--lang", "nb")
    assert result.exit_code == 1
    # The event is named in the quote's words (møte, lang, eksternt spisested), not by its values.
    assert result.stdout == textwrap.dedent("""\
        krav    fil       utlegg  dato        arrangement                deltakere    per deltaker    grense    overskridelse
        ------  ------  --------  ----------  -----------------------  -----------  --------------  --------  ---------------
        A-1     a.yaml         0  2024-04-18  møte, lang, eksternt               8          812,50    760,50           416,00
                                              spisested
        A-1     a.yaml         1  2024-04-19  møte, kort, internt                4          300,00    224,00           304,00
                                              spisested
        B-2     b.yaml         0  2024-06-11  representasjon, måltid,            3        1 020,00         -                -
                                              internt spisested
        B-2     b.yaml         1  2024-06-12  representasjon, måltid,            4        1 622,00  1 622,00             0,00
                                              internt spisested

        ikke kontrollert: b.yaml utlegg 0: satsarket for 2024 har ingen kostsats for SE, så grensen i utlandet kontrolleres ikke
        ikke lest inn (se expensecli check): c.yaml
        4 utlegg til bevertning/representasjon i 2 krav, 2 over grensen med til sammen 720,00 NOK
        """)
    concise = report(*claims, "-f", "concise", "-q", "--lang", "nb").stdout
    assert concise.splitlines()[0] == ("a.yaml: A-1 utlegg 0 2024-04-18 møte, lang, eksternt spisested: 8 deltakere,"
                                       " 812,50 hver, grense 760,50, overskridelse 416,00")
    data = json.loads(report(*claims, "-f", "json", "--lang", "nb").stdout)
    assert data["rows"][0]["per_participant"] == "812.50" and data["summary"]["excess"] == "720.00"
    # JSON and CSV keep the values, as in English
    first = data["rows"][0]
    assert (first["type"], first["tier"], first["venue"]) == ("meeting", "long", "external")
    csv_rows = report(*claims, "-f", "csv", "--lang", "nb").stdout.splitlines()
    assert csv_rows[1].startswith("a.yaml,A-1,2024-04-18,0,meeting,long,external,8,")


@pytest.mark.parametrize("args, head", [
    (["--type", "special", "--extended", "--hours", "2", "--external"],
     "Limit per participant: 1 622.00 NOK (special, extended)"),
    (["--type", "home", "--representation", "meal", "--foreign-guests", "--hours", "3"],
     "Limit per person: 1 686.88 NOK (home, meal, high-level foreign guests)"),
])
def test_the_quote_says_the_event_type_once(args, head):
    assert quote(*args, "--date", "2024-05-02").stdout.splitlines()[0] == head

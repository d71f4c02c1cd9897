"""CA001-CA010 on inline claims: each code failing and passing, and the catering rows behind them."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from expensecli.ratebook import RateBook

from conftest import codes, only, run_batch, run_check

HEAD = """\
id: {id}
kind: reimbursement
status: sent
submitted: {submitted}
{unit}claimant:
  name: Kari Nordmann
  role: employee
cost_allocation:
  work_order: "81234501"
expenses:
"""

# A board lunch that passes every rule: 9 participants x 224 = 2 016.00, exactly the limit.
MEETING = """\
  - date: 2024-03-14
    category: catering
    description: Lunch for the board meeting
    amount: "2016.00"
    attachments:
      - type: receipt
    event:
      type: meeting
      date: 2024-03-14
      start: "10:00"
      end: "12:30"
      venue: internal
      occasion: board
      participants:
        internal: 7
        external: 2
        names: [Kari Dahl, Ola Hansen, Per Olsen, Nina Berg, Anne Lie, Jon Moe, Siri Vik, Lars Eide, Eva Lund]
      approval: {by: Kari Dahl, role: head_of_department, date: 2024-03-01}
      supplier: Example Catering AS
      order: {purpose: Board meeting, time: "2024-03-14 10:00", place: Room 101, delivery: Room 101, contact: kari.dahl@ntnu.no}
"""

# A Christmas dinner with an approved extended rate: 20 x 1 622 = 32 440.00.
SPECIAL = """\
  - date: 2024-12-06
    category: catering
    amount: "32440.00"
    attachments:
      - type: receipt
    event:
      type: special
      date: 2024-12-06
      start: "18:00"
      end: "23:00"
      venue: external
      venue_reason: No room at NTNU seats twenty for dinner
      participants: {internal: 20, external: 0}
      approval: {by: Kari Dahl, role: head_of_department, date: 2024-11-01}
      extended_rate: {justification: Christmas dinner for the department, approved_by: Kari Dahl, date: 2024-11-01}
      order: {purpose: Christmas dinner, time: "2024-12-06 18:00", place: Restaurant Bula, delivery: Restaurant Bula, contact: kari.dahl@ntnu.no}
"""


def claim(*expenses: str, unit: str | None = None, id: str = "R-2024-0200", submitted: str = "2024-04-02") -> str:
    return HEAD.format(id=id, unit=f"unit: {unit}\n" if unit else "", submitted=submitted) + "".join(expenses)


def christmas(*expenses: str, **more) -> str:
    """A claim submitted after the December events."""
    return claim(*expenses, submitted="2024-12-20", **more)


def swap(text: str, *pairs: tuple[str, str]) -> str:
    for old, new in pairs:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def ca(report) -> list[str]:
    return [code for code in codes(report) if code.startswith(("CA", "RP"))]


def test_clean_meeting_and_special_event_have_no_findings():
    assert codes(run_check(claim(MEETING))) == []
    assert codes(run_check(christmas(SPECIAL), as_of="2024-12-31")) == []


# CA001 -------------------------------------------------------------------------------------------

def test_ca001_message_states_actual_limit_tier_and_excess():
    text = claim(swap(MEETING, ('amount: "2016.00"', 'amount: "6500.00"'), ('end: "12:30"', 'end: "14:00"'),
                      ("venue: internal", "venue: external\n      venue_reason: Canteen closed"),
                      ("internal: 7", "internal: 6")))
    text = swap(text, ("Eide, Eva Lund]", "Eide]"))
    report = run_check(text)
    [finding] = only(report, "CA001")
    assert finding.message == ("expense 0: cost per participant 812.50 is above the limit 760.50 (long, external"
                               " eating place): 52.00 over, 416.00 in total for 8 participants")
    assert (finding.severity, finding.line, finding.path) == ("error", 14, "expenses[0].amount")
    assert report.catering[0].as_json() == {
        "expense": 0, "type": "meeting", "tier": "long", "venue": "external", "participants": 8,
        "per_participant": "812.50", "limit": "760.50", "excess": "416.00", "rate_year": 2024}


def test_ca001_equal_to_the_limit_passes_one_ore_above_fails():
    assert "CA001" not in codes(run_check(claim(MEETING)))
    [finding] = only(run_check(claim(swap(MEETING, ('"2016.00"', '"2016.01"')))), "CA001")
    assert finding.message.endswith("(short): 0.00 over, 0.01 in total for 9 participants")


def test_ca001_at_two_hours_59_the_short_rate_applies():
    long_cost = swap(MEETING, ('"2016.00"', '"4563.00"'))  # 9 x 507
    short = run_check(claim(swap(long_cost, ('end: "12:30"', 'end: "12:59"'))))
    long = run_check(claim(swap(long_cost, ('end: "12:30"', 'end: "13:00"'))))
    assert [f.message for f in only(short, "CA001")] == [
        "expense 0: cost per participant 507.00 is above the limit 224.00 (short): 283.00 over,"
        " 2 547.00 in total for 9 participants"]
    assert "CA001" not in codes(long) and long.catering[0].tier == "long"


def test_ca001_summer_hours_end_earlier():
    afternoon = swap(MEETING, ('"2016.00"', '"4563.00"'), ('start: "10:00"', 'start: "13:00"'),
                     ('end: "12:30"', 'end: "15:30"'))
    winter = run_check(claim(afternoon))
    summer = run_check(claim(swap(afternoon, ("date: 2024-03-14\n    category", "date: 2024-06-14\n    category"),
                                  ("      date: 2024-03-14", "      date: 2024-06-14"))), as_of="2024-07-01")
    assert (winter.catering[0].tier, "CA001" in codes(winter)) == ("short", True)
    assert (summer.catering[0].tier, "CA001" in codes(summer)) == ("long", False)


def test_ca001_weekend_and_public_holiday_are_beyond_working_hours():
    for day in ("2024-03-16", "2024-05-17"):
        text = swap(MEETING, ('"2016.00"', '"4563.00"'), ("date: 2024-03-14\n    category", f"date: {day}\n    category"),
                    ("      date: 2024-03-14", f"      date: {day}"))
        report = run_check(claim(text), as_of="2024-06-01")
        assert (report.catering[0].tier, "CA001" in codes(report)) == ("long", False), day


def test_ca001_only_hours_given_is_inside_working_hours_on_a_weekday():
    text = swap(MEETING, ('start: "10:00"\n      end: "12:30"', "hours: 2.5"), ('"2016.00"', '"2016.50"'))
    report = run_check(claim(text))
    assert report.catering[0].tier == "short" and "CA001" in codes(report)


def test_ca001_cost_leaves_out_tip_and_extras_and_divides_by_everyone():
    abroad = swap(MEETING, ('"2016.00"', '"2516.00"'), ("supplier:", "country: SE\n      supplier:"))
    text = swap(abroad, ('    attachments:', '    tip: "100.00"\n    attachments:'),
                ("venue: internal", 'venue: internal\n      extras: "400.00"'))
    report = run_check(claim(text))
    assert report.catering[0].per_participant == Decimal("224")
    assert ca(report) == []


def test_ca001_converts_a_foreign_currency_with_the_rate_to_whole_ore():
    at_limit = run_check(claim(swap(MEETING, ('amount: "2016.00"', 'amount: "201.60"\n    currency: EUR\n    rate: "10.000001"'))))
    above = run_check(claim(swap(MEETING, ('amount: "2016.00"', 'amount: "201.61"\n    currency: EUR\n    rate: "10"'))))
    assert at_limit.catering[0].net == Decimal("2016.00") and "CA001" not in codes(at_limit)
    [finding] = only(above, "CA001")
    assert finding.message == ("expense 0: cost per participant 224.01 is above the limit 224.00 (short):"
                               " 0.01 over, 0.10 in total for 9 participants")


def test_ca001_skipped_without_exchange_rate():
    text = swap(MEETING, ('amount: "2016.00"', 'amount: "9999.00"\n    currency: EUR'))
    report = run_check(claim(text))
    row = report.catering[0]
    assert "CA001" not in codes(report) and "MX001" in codes(report)
    assert (row.as_json()["per_participant"], row.as_json()["excess"], row.as_json()["limit"]) == (None, None, "224.00")
    assert row.note.startswith("no exchange rate (MX001)")


def test_ca001_event_in_a_year_without_sheet_uses_the_nearest_and_says_so():
    text = swap(MEETING, ("date: 2024-03-14\n    category", "date: 2025-03-14\n    category"),
                ("      date: 2024-03-14", "      date: 2025-03-14"), ("date: 2024-03-01}", "date: 2025-03-01}"))
    report = run_check(swap(claim(text), ("submitted: 2024-04-02", "submitted: 2025-04-02")), as_of="2025-05-01")
    assert report.catering[0].as_json()["rate_year"] == 2024
    [note] = only(report, "RT001")
    assert "2025-03-14" in note.message and "2024 sheet" in note.message


def test_extended_rate_applies_to_a_special_event_and_external_participants_outside():
    assert ca(run_check(christmas(SPECIAL), as_of="2024-12-31")) == []
    [finding] = only(run_check(christmas(swap(SPECIAL, ('"32440.00"', '"32440.20"'))), as_of="2024-12-31"), "CA001")
    assert finding.message == ("expense 0: cost per participant 1 622.01 is above the limit 1 622.00 (extended,"
                               " special event): 0.01 over, 0.20 in total for 20 participants")


# CA002 -------------------------------------------------------------------------------------------

def test_ca002_tip_in_norway_is_an_error_abroad_it_is_not():
    tipped = swap(MEETING, ("    attachments:", '    tip: "50.00"\n    attachments:'), ('"2016.00"', '"2066.00"'))
    [finding] = only(run_check(claim(tipped)), "CA002")
    assert finding.message == ("expense 0 includes a tip of 50.00 NOK for food served in Norway on 2024-03-14:"
                               " tips are not paid on the state's account")
    assert finding.path == "expenses[0].tip"
    assert "CA002" not in codes(run_check(claim(swap(tipped, ("supplier:", "country: DK\n      supplier:")))))
    assert "CA002" not in codes(run_check(claim(MEETING)))


# CA003 -------------------------------------------------------------------------------------------

def test_ca003_approval_missing_late_undated_or_in_time():
    approval = "      approval: {by: Kari Dahl, role: head_of_department, date: 2024-03-01}\n"
    missing = run_check(claim(swap(MEETING, (approval, ""))))
    late = run_check(claim(swap(MEETING, ("date: 2024-03-01}", "date: 2024-03-15}"))))
    undated = run_check(claim(swap(MEETING, (", date: 2024-03-01}", "}"))))
    same_day = run_check(claim(swap(MEETING, ("date: 2024-03-01}", "date: 2024-03-14}"))))
    assert [f.message for f in only(missing, "CA003")] == [
        "expense 0: the meeting on 2024-03-14 has no approval; the leader or budget holder must approve it"
        " before the event (approval: by, role, date)"]
    [finding] = only(late, "CA003")
    assert (finding.message, finding.path) == (
        "expense 0: approval dated 2024-03-15 is 1 day after the event on 2024-03-14; it must be given before"
        " the event", "expenses[0].event.approval.date")
    assert len(only(undated, "CA003")) == 1
    assert "CA003" not in codes(same_day)


# CA004 -------------------------------------------------------------------------------------------

def test_ca004_meeting_without_occasion_or_external_participants_without_any():
    no_occasion = run_check(claim(swap(MEETING, ("      occasion: board\n", ""))))
    no_externals = run_check(claim(swap(MEETING, ("occasion: board", "occasion: external_participants"),
                                        ("internal: 7", "internal: 9"), ("external: 2", "external: 0"))))
    assert len(only(no_occasion, "CA004")) == 1
    [finding] = only(no_externals, "CA004")
    assert finding.message == ("expense 0: occasion external_participants, but participants.external is 0"
                               " (9 internal participants)")
    assert "CA004" not in codes(run_check(claim(swap(MEETING, ("occasion: board", "occasion: external_participants")))))
    assert "CA004" not in codes(run_check(christmas(SPECIAL), as_of="2024-12-31"))


# CA005 -------------------------------------------------------------------------------------------

def test_ca005_no_justification_warns_but_the_rate_applies():
    report = run_check(christmas(swap(SPECIAL, ("justification: Christmas dinner for the department, ", ""))),
                       as_of="2024-12-31")
    [finding] = only(report, "CA005")
    assert finding.severity == "warning"
    assert finding.message == ("expense 0: extended_rate has no justification; the extended rate 1 622.00 still"
                               " applies, but the application must say why it is needed")
    assert "CA001" not in codes(report)


def test_ca005_not_applicable_the_tier_limit_applies():
    meeting = swap(SPECIAL, ("type: special", "type: meeting\n      occasion: board"))
    report = run_check(christmas(meeting), as_of="2024-12-31")
    [finding] = only(report, "CA005")
    assert finding.message == (
        "expense 0: the extended rate needs a special event, or external participants (occasion"
        " external_participants) at an external eating place; here occasion is board, venue external; the limit"
        " 760.50 (long, external eating place) applies instead")
    assert "CA001" in codes(report)


def test_ca005_approved_after_the_event():
    report = run_check(christmas(swap(SPECIAL, ("approved_by: Kari Dahl, date: 2024-11-01", "approved_by: Kari Dahl, date: 2024-12-07"))),
                       as_of="2024-12-31")
    [finding] = only(report, "CA005")
    assert "approved on 2024-12-07, after the event on 2024-12-06" in finding.message
    assert report.catering[0].tier == "long" and "CA001" in codes(report)


def test_ca005_external_participants_at_an_external_venue_qualify():
    text = swap(SPECIAL, ("type: special", "type: meeting\n      occasion: external_participants"),
                ("{internal: 20, external: 0}", "{internal: 12, external: 8}"))
    report = run_check(christmas(text), as_of="2024-12-31")
    assert "CA005" not in codes(report) and report.catering[0].tier == "extended"


# CA006 -------------------------------------------------------------------------------------------

def special_on(day: str) -> str:
    return swap(SPECIAL, ("date: 2024-12-06\n    category", f"date: {day}\n    category"),
                ("      date: 2024-12-06", f"      date: {day}"))


def test_ca006_three_special_events_in_a_semester_across_claims():
    reports = run_batch({
        "a.yaml": christmas(special_on("2024-09-06"), special_on("2024-10-04"), unit="IV-IBM", id="A"),
        "b.yaml": christmas(special_on("2024-12-06"), unit="iv-ibm", id="B"),
        "c.yaml": christmas(special_on("2024-03-01"), unit="IV-IBM", id="C"),
    }, as_of="2024-12-31")
    by_file = {report.file: only(report, "CA006") for report in reports}
    assert len(by_file["a.yaml"]) == 2 and len(by_file["b.yaml"]) == 1 and by_file["c.yaml"] == []
    assert by_file["b.yaml"][0].message == (
        "unit iv-ibm has 3 special events in 2024 July-December (2024-09-06, 2024-10-04, 2024-12-06), more"
        " than the 2 per semester of the rate sheet; the others are in a.yaml (A)")
    assert by_file["a.yaml"][0].message.endswith("the others are in b.yaml (B)")


def test_ca006_two_events_same_date_or_without_unit_do_not_count():
    reports = run_batch({
        "a.yaml": christmas(special_on("2024-09-06"), special_on("2024-10-04"), unit="IV-IBM", id="A"),
        "b.yaml": christmas(special_on("2024-10-04"), unit="IV-IBM", id="B"),
        "c.yaml": christmas(special_on("2024-11-08"), id="C"),
    }, as_of="2024-12-31")
    assert [code for report in reports for code in codes(report) if code == "CA006"] == []


# CA007 -------------------------------------------------------------------------------------------

def test_ca007_order_missing_or_incomplete_and_names_for_external_participants():
    no_order = run_check(claim(swap(MEETING, ("      order: {purpose: Board meeting, time: \"2024-03-14 10:00\","
                                              " place: Room 101, delivery: Room 101, contact: kari.dahl@ntnu.no}\n", ""))))
    partial = run_check(claim(swap(MEETING, (", delivery: Room 101, contact: kari.dahl@ntnu.no", ""))))
    no_names = run_check(claim(swap(MEETING, (
        "        names: [Kari Dahl, Ola Hansen, Per Olsen, Nina Berg, Anne Lie, Jon Moe, Siri Vik, Lars Eide, Eva Lund]\n", ""))))
    assert [f.message for f in only(no_order, "CA007")] == [
        "expense 0: no order; it must state purpose, time, place, delivery and contact"]
    assert [f.message for f in only(partial, "CA007")] == ["expense 0: the order lacks delivery, contact"]
    assert [f.message for f in only(no_names, "CA007")] == [
        "expense 0: no participant names, though 2 external participants took part; the order must name"
        " everyone, external participants included"]
    assert "CA010" not in codes(no_names)


# CA008 -------------------------------------------------------------------------------------------

def test_ca008_only_when_the_sheet_lists_agreement_suppliers(book):
    sheet = replace(book.by_year(2024), agreement_suppliers=["Example Catering AS", "Kafé Edgar"])
    listed = RateBook((sheet,), ("custom.yaml",))
    assert "CA008" not in codes(run_check(claim(MEETING)))
    assert "CA008" not in codes(run_check(claim(swap(MEETING, ("Example Catering AS", "example  catering as"))), book=listed))
    [finding] = only(run_check(claim(swap(MEETING, ("Example Catering AS", "Pizzabakeren"))), book=listed), "CA008")
    assert finding.message == ("expense 0: supplier Pizzabakeren is not one of the agreement suppliers"
                               " (Example Catering AS, Kafé Edgar)")
    assert "CA008" not in codes(run_check(christmas(SPECIAL), book=listed, as_of="2024-12-31"))  # restaurant


# CA009 / CA010 -----------------------------------------------------------------------------------

def test_ca009_external_venue_needs_a_reason():
    report = run_check(christmas(swap(SPECIAL, ("      venue_reason: No room at NTNU seats twenty for dinner\n", ""))),
                       as_of="2024-12-31")
    [finding] = only(report, "CA009")
    assert finding.path == "expenses[0].event.venue"
    assert "CA009" not in codes(run_check(christmas(SPECIAL), as_of="2024-12-31"))


def test_ca010_names_must_match_the_number_of_participants():
    report = run_check(claim(swap(MEETING, (", Eva Lund]", "]"))))
    [finding] = only(report, "CA010")
    assert finding.message == "expense 0: 8 names for 9 participants (7 internal + 2 external)"
    assert finding.path == "expenses[0].event.participants.names"
    assert "CA010" not in codes(run_check(claim(MEETING)))


def test_the_sheet_is_the_one_covering_the_event_date_not_the_expense_date():
    invoiced_in_january = swap(SPECIAL, ("  - date: 2024-12-06", "  - date: 2025-01-10"))
    report = run_check(claim(invoiced_in_january, submitted="2025-01-15"), as_of="2025-01-31")
    assert report.catering[0].as_json()["rate_year"] == 2024
    assert "RT001" not in codes(report) and ca(report) == []


def test_tip_and_extras_are_judged_together_and_no_limit_is_judged_on_a_negative_cost():
    """Each part alone fits in the amount, together they do not (issue 12): MX005, and CA001 is not
    judged on the negative cost per participant that would follow."""
    text = HEAD.format(id="R-2024-0601", submitted="2024-03-20", unit="") + MEETING.replace(
        '    amount: "2016.00"\n', '    amount: "2016.00"\n    tip: "1500.00"\n').replace(
        "      venue: internal\n", "      venue: internal\n      extras: \"1000.00\"\n")
    report = run_batch({"tip.yaml": text, "other.yaml": HEAD.format(id="R-2024-0602", submitted="2024-03-20",
                                                                     unit="") + MEETING})[1]
    assert report.file == "tip.yaml"
    assert [f.message for f in only(report, "MX005")] == [
        "expense 0: tip 1 500.00 and extras 1 000.00 are together 2 500.00, larger than the amount 2 016.00 NOK"]
    assert "CA001" not in codes(report)
    row = report.catering[0]
    assert (row.net, row.per_participant, row.excess, row.checked) == (Decimal("-484.00"), None, None, False)
    assert row.note == "tip and extras are larger than the amount (MX005): no cost to judge, the limit is not checked"
    assert row.as_json()["per_participant"] is None and row.as_json()["excess"] is None

"""CA001-CA010 on inline claims: each code failing and passing, and the catering rows behind them."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from conftest import codes, only, run_batch, run_check

from expensecli.core import i18n
from expensecli.models.ratebook import RateBook

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
      participants:
        internal: 20
        external: 0
        names: [Kari Dahl, Ola Hansen, Per Olsen, Nina Berg, Anne Lie, Jon Moe, Siri Vik, Lars Eide, Eva Lund, Tor Bakke,
                Ida Ruud, Ole Strand, Mia Holm, Are Lien, Kim Sand, Liv Dahle, Rune Aas, Åse Fjeld, Geir Nes, Hege Rø]
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
                               " (9 internal participants); catering at such a meeting needs others than NTNU's"
                               " own employees taking part")
    assert "CA004" not in codes(run_check(claim(swap(MEETING, ("occasion: board", "occasion: external_participants")))))
    assert "CA004" not in codes(run_check(christmas(SPECIAL), as_of="2024-12-31"))


def test_ca004_a_board_meeting_needs_someone_from_outside_ntnu():
    board_alone = run_check(claim(swap(MEETING, ("internal: 7", "internal: 9"), ("external: 2", "external: 0"))))
    [finding] = only(board_alone, "CA004")
    assert (finding.path, finding.line) == ("expenses[0].event.occasion", 23)
    assert finding.message == ("expense 0: occasion board, but participants.external is 0 (9 internal participants);"
                               " catering at such a meeting needs others than NTNU's own employees taking part")
    assert "CA004" not in codes(run_check(claim(MEETING)))  # the board with 2 externals
    conference = swap(MEETING, ("occasion: board", "occasion: conference"), ("internal: 7", "internal: 9"),
                      ("external: 2", "external: 0"))
    assert "CA004" not in codes(run_check(claim(conference)))


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
    meeting = swap(SPECIAL, ("type: special", "type: meeting\n      occasion: conference"))
    report = run_check(christmas(meeting), as_of="2024-12-31")
    [finding] = only(report, "CA005")
    assert finding.message == (
        "expense 0: the extended rate needs a special event, or external participants at an external eating"
        " place; here participants.external is 0, venue external; the limit 760.50 (long, external eating place)"
        " applies instead")
    assert "CA001" in codes(report)


def test_ca005_a_blank_justification_is_a_missing_one_not_a_schema_error():
    blank = swap(SPECIAL, ("justification: Christmas dinner for the department", 'justification: "  "'))
    report = run_check(christmas(blank), as_of="2024-12-31")
    assert codes(report) == ["CA005"]
    assert only(report, "CA005")[0].message.startswith("expense 0: extended_rate has no justification")
    reason = run_check(christmas(swap(SPECIAL, ("venue_reason: No room at NTNU seats twenty for dinner",
                                                'venue_reason: ""'))), as_of="2024-12-31")
    assert codes(reason) == ["CA009"]


def test_ca005_approved_after_the_event():
    report = run_check(christmas(swap(SPECIAL, ("approved_by: Kari Dahl, date: 2024-11-01", "approved_by: Kari Dahl, date: 2024-12-07"))),
                       as_of="2024-12-31")
    [finding] = only(report, "CA005")
    assert "approved on 2024-12-07, after the event on 2024-12-06" in finding.message
    assert report.catering[0].tier == "long" and "CA001" in codes(report)


def externals_at_dinner(occasion: str, external: int = 8) -> str:
    """The Christmas dinner as a meeting with `external` of the twenty from outside NTNU."""
    return swap(SPECIAL, ("type: special", f"type: meeting\n      occasion: {occasion}"),
                ("internal: 20\n        external: 0", f"internal: {20 - external}\n        external: {external}"))


def test_ca005_external_participants_at_an_external_venue_qualify():
    report = run_check(christmas(externals_at_dinner("external_participants")), as_of="2024-12-31")
    assert "CA005" not in codes(report) and report.catering[0].tier == "extended"


def test_the_extended_rate_goes_by_who_attends_not_by_the_occasion_label():
    for occasion in ("board", "conference", "internal_consent"):
        report = run_check(christmas(externals_at_dinner(occasion)), as_of="2024-12-31")
        assert (report.catering[0].tier, str(report.catering[0].limit.amount), ca(report)) == (
            "extended", "1622", []), occasion
    nobody_external = run_check(christmas(externals_at_dinner("external_participants", external=0)),
                                as_of="2024-12-31")
    assert nobody_external.catering[0].tier == "long"
    assert sorted(ca(nobody_external)) == ["CA001", "CA004", "CA005"]


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
    # only the event beyond the two allowed is reported; the two before it were allowed
    assert by_file["a.yaml"] == [] and by_file["c.yaml"] == []
    assert [f.message for f in by_file["b.yaml"]] == [
        "unit iv-ibm's special event on 2024-12-06 is number 3 in 2024 July-December, beyond the 2 per semester"
        " of the rate sheet; the earlier ones: 2024-09-06 in a.yaml (A), 2024-10-04 in a.yaml (A)"]


def test_ca006_flags_each_event_beyond_the_limit_and_names_claims_sharing_a_date():
    reports = run_batch({
        "a.yaml": christmas(special_on("2024-09-06"), special_on("2024-12-06"), unit="IV-IBM", id="A"),
        "b.yaml": christmas(special_on("2024-10-04"), special_on("2024-11-08"), unit="IV-IBM", id="B"),
        "c.yaml": christmas(special_on("2024-10-04"), unit="IV-IBM", id="C"),
    }, as_of="2024-12-31")
    found = [(report.file, f.line, f.message.split(";")[0]) for report in reports for f in only(report, "CA006")]
    assert [(file, message) for file, _, message in found] == [
        ("a.yaml", "unit IV-IBM's special event on 2024-12-06 is number 4 in 2024 July-December, beyond the 2 per"
                   " semester of the rate sheet"),
        ("b.yaml", "unit IV-IBM's special event on 2024-11-08 is number 3 in 2024 July-December, beyond the 2 per"
                   " semester of the rate sheet")]
    assert only(reports[0], "CA006")[0].message.endswith(
        "the earlier ones: 2024-09-06 in a.yaml (A), 2024-10-04 in b.yaml (B) and c.yaml (C),"
        " 2024-11-08 in b.yaml (B)")


def test_ca006_names_three_earlier_dates_and_three_claims_a_date_and_counts_the_rest():
    days = [f"2024-{month:02d}-{day:02d}" for month in (7, 8, 9) for day in (3, 10, 17)]  # nine dates
    files = {f"d{n}.yaml": christmas(special_on(day), unit="IV-IBM", id=f"D{n}") for n, day in enumerate(days)}
    files.update({f"x{n}.yaml": christmas(special_on(days[0]), unit="IV-IBM", id=f"X{n}") for n in range(4)})
    reports = run_batch(files, as_of="2024-12-31")
    last = only(next(r for r in reports if r.file == "d8.yaml"), "CA006")[0].message
    assert last.endswith(
        "is number 9 in 2024 July-December, beyond the 2 per semester of the rate sheet; the earlier ones:"
        " 2024-07-03 in d0.yaml (D0) and x0.yaml (X0) and x1.yaml (X1) and 2 other claims, 2024-07-10 in d1.yaml"
        " (D1), 2024-07-17 in d2.yaml (D2) and 5 earlier dates")
    fourth = only(next(r for r in reports if r.file == "d3.yaml"), "CA006")[0].message
    assert fourth.endswith("the earlier ones: 2024-07-03 in d0.yaml (D0) and x0.yaml (X0) and x1.yaml (X1) and 2"
                           " other claims, 2024-07-10 in d1.yaml (D1), 2024-07-17 in d2.yaml (D2)")


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
        "expense 0: no participant names for 9 participants (7 internal + 2 external); the order must name"
        " everyone who attends, external participants included"]
    assert "CA010" not in codes(no_names)


def test_ca007_no_names_at_all_also_with_only_internal_participants():
    internal_only = swap(MEETING, ("occasion: board", "occasion: internal_consent"), ("internal: 7", "internal: 9"),
                         ("external: 2", "external: 0"), (
        "        names: [Kari Dahl, Ola Hansen, Per Olsen, Nina Berg, Anne Lie, Jon Moe, Siri Vik, Lars Eide, Eva Lund]\n",
        ""))
    [finding] = only(run_check(claim(internal_only)), "CA007")
    assert (finding.path, finding.line) == ("expenses[0].event.participants", 25)
    assert finding.message == ("expense 0: no participant names for 9 participants (9 internal + 0 external); the"
                               " order must name everyone who attends, external participants included")
    empty = run_check(claim(swap(internal_only, ("        external: 0\n", "        external: 0\n        names: []\n"))))
    assert [f.code for f in only(empty, "CA007")] == ["CA007"] and "CA010" not in codes(empty)
    named = swap(MEETING, ("occasion: board", "occasion: internal_consent"), ("internal: 7", "internal: 9"),
                 ("external: 2", "external: 0"))
    assert ca(run_check(claim(named))) == []


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
    assert finding.message == ("expense 0: 8 names for 9 participants (7 internal + 2 external); list one name for"
                               " each participant, or correct internal and external")
    assert finding.path == "expenses[0].event.participants.names"
    assert "CA010" not in codes(run_check(claim(MEETING)))


def test_ca010_counts_one_name_in_the_singular():
    one = swap(MEETING, ("Dahl, Ola Hansen, Per Olsen, Nina Berg, Anne Lie, Jon Moe, Siri Vik, Lars Eide, Eva Lund]",
                         "Dahl]"))
    [finding] = only(run_check(claim(one)), "CA010")
    assert finding.message == ("expense 0: 1 name for 9 participants (7 internal + 2 external); list one name for"
                               " each participant, or correct internal and external")
    i18n.use("nb")
    [finding] = only(run_check(claim(one)), "CA010")
    assert finding.message == ("utlegg 0: 1 navn for 9 deltakere (7 interne + 2 eksterne); oppgi ett navn for hver"
                               " deltaker, eller rett internal og external")


def test_the_sheet_is_the_one_covering_the_event_date_not_the_expense_date():
    invoiced_in_january = swap(SPECIAL, ("  - date: 2024-12-06", "  - date: 2025-01-10"))
    report = run_check(claim(invoiced_in_january, submitted="2025-01-15"), as_of="2025-01-31")
    assert report.catering[0].as_json()["rate_year"] == 2024
    assert "RT001" not in codes(report) and ca(report) == []


# CA011 -------------------------------------------------------------------------------------------

def test_ca011_two_servings_on_a_short_meeting_stay_short():
    two = swap(MEETING, ("      venue: internal\n", "      servings: 2\n      venue: internal\n"))
    report = run_check(claim(two))
    [finding] = only(report, "CA011")
    assert (finding.severity, finding.path, finding.line) == ("warning", "expenses[0].event.servings", 22)
    assert finding.message == ("expense 0: servings 2, but the event is not long (under 3 hours within ordinary"
                               " working hours (10:00-12:30, 2 h 30 min)); the two-servings rate 740.00 is for"
                               " long events, so the short tier applies: 224.00 (short)")
    assert report.catering[0].tier == "short" and codes(report) == ["CA011"]
    over = run_check(claim(swap(two, ('"2016.00"', '"6660.00"'))))  # 9 x 740: the two-servings rate
    assert sorted(codes(over)) == ["CA001", "CA011"]


def test_ca011_not_on_a_long_event():
    long = swap(MEETING, ("      venue: internal\n", "      servings: 2\n      venue: internal\n"),
                ('end: "12:30"', 'end: "16:00"'), ('"2016.00"', '"6660.00"'))
    report = run_check(claim(long))
    assert codes(report) == [] and report.catering[0].tier == "two_servings"
    saturday = swap(MEETING, ("      venue: internal\n", "      servings: 2\n      venue: internal\n"),
                    ("date: 2024-03-14\n    category", "date: 2024-03-16\n    category"),
                    ("      date: 2024-03-14", "      date: 2024-03-16"))
    assert "CA011" not in codes(run_check(claim(saturday)))


# Citations: the sentence of the limit applied ----------------------------------------------------

def test_ca001_cites_the_tier_applied_and_the_external_venue():
    short = only(run_check(claim(swap(MEETING, ('"2016.00"', '"2016.01"')))), "CA001")[0]
    assert short.source == ('NTNU: Satsar for mat ved representasjon og bevertning: "For arrangement som varer'
                            ' under 3 timar innafor den ordinære arbeidstida, inntil kr. 224,- per deltakar."')
    outside = swap(MEETING, ('"2016.00"', '"7000.00"'), ('end: "12:30"', 'end: "14:00"'),
                   ("venue: internal", "venue: external\n      venue_reason: Canteen closed"))
    long = only(run_check(claim(outside)), "CA001")[0]
    assert long.source == (
        'NTNU: Satsar for mat ved representasjon og bevertning: "For arrangement som varer 3 timer eller meir,'
        ' eller som strekk seg utover den ordinære arbeidstida, kan det brukast inntil kr. 507,- per deltakar."'
        ' "Der ein av praktiske grunnar ikkje kan ete måltida i kantine, spiserom, møterom eller liknande, men må'
        ' nytte eksterne spisestader, kan satsane aukast med inntil 50 %."')
    servings = swap(outside, ("      venue: external", "      servings: 2\n      venue: external"),
                    ('"7000.00"', '"10000.00"'))
    assert only(run_check(claim(servings)), "CA001")[0].source.startswith(
        'NTNU: Satsar for mat ved representasjon og bevertning: "For langvarige arrangement der det er nødvendig'
        ' med to serveringar, kan det brukast inntil kr. 740,- per deltakar." "Der ein av praktiske grunnar')


def test_ca001_cites_the_extended_rate_when_it_applies():
    [special] = only(run_check(christmas(swap(SPECIAL, ('"32440.00"', '"32440.20"'))), as_of="2024-12-31"), "CA001")
    assert special.source.startswith('NTNU: Satsar for mat ved representasjon og bevertning: "I samband med'
                                     ' spesielle arrangement')
    assert special.source.endswith('"For å få utvida sats (maks 1 622,-) må ein søke nærmaste leiar."')
    meeting = swap(externals_at_dinner("external_participants"), ('"32440.00"', '"32440.20"'))
    [externals] = only(run_check(christmas(meeting), as_of="2024-12-31"), "CA001")
    assert externals.source.startswith('NTNU: Satsar for mat ved representasjon og bevertning: "For møte og'
                                       ' arrangement der andre enn NTNUs tilsette og studentar deltar')


# Events past midnight ----------------------------------------------------------------------------

def evening(start: str, end: str, amount: str = "4563.00", hours: str | None = None) -> str:
    """The board meeting from `start` to `end` (9 participants; 9 x 507 = 4 563.00)."""
    times = f'start: "{start}"\n      end: "{end}"' + (f"\n      hours: {hours}" if hours else "")
    return claim(swap(MEETING, ('start: "10:00"\n      end: "12:30"', times), ('"2016.00"', f'"{amount}"')))


def test_a_meeting_from_22_to_half_past_midnight_is_long():
    report = run_check(evening("22:00", "00:30"))
    assert codes(report) == []
    assert (report.catering[0].tier, report.catering[0].limit.reason) == (
        "long", "beyond ordinary working hours: runs past midnight (ends 00:30 the next day), after ordinary"
                " working hours 08:00-15:45 (01-01 to 05-14)")
    [over] = only(run_check(evening("22:00", "00:30", amount="4563.09")), "CA001")
    assert over.message.endswith("(long): 0.01 over, 0.09 in total for 9 participants")


def test_an_end_at_24_00_or_past_midnight_with_hours_that_agree():
    assert run_check(evening("19:00", "24:00")).catering[0].tier == "long"
    assert codes(run_check(evening("19:00", "01:00", hours="6"))) == []
    [disagree] = run_check(evening("19:00", "01:00", hours="5")).findings
    assert (disagree.code, disagree.path, disagree.message) == (
        "LOAD004", "expenses[0].event.hours", "event hours 5 disagree with start 19:00 and end 01:00 (6.00 hours)")


def test_an_end_equal_to_the_start_is_a_schema_error_and_24_00_is_only_an_end():
    [same] = run_check(evening("19:00", "19:00")).findings
    assert (same.code, same.line, same.path) == ("LOAD004", 21, "expenses[0].event.end")
    assert same.message == ('event end 19:00 equals start 19:00; an end earlier than the start is the next day,'
                            ' "24:00" is midnight')
    [start] = run_check(evening("24:00", "02:00")).findings
    assert (start.code, start.path) == ("LOAD004", "expenses[0].event.start")
    assert start.message == ("expenses[0].event.start: time '24:00' is not a time of day; write \"HH:MM\" from"
                             " \"00:00\" to \"23:59\"")
    [end] = run_check(evening("22:00", "24:01")).findings
    assert end.message.endswith('write "HH:MM" from "00:00" to "24:00"')


def test_a_julebord_past_midnight_gets_the_extended_rate():
    julebord = swap(SPECIAL, ('start: "18:00"\n      end: "23:00"', 'start: "19:00"\n      end: "01:00"'))
    report = run_check(christmas(julebord), as_of="2024-12-31")
    assert codes(report) == [] and report.catering[0].tier == "extended"
    without_extended = swap(julebord, ("      extended_rate: {justification: Christmas dinner for the department,"
                                       " approved_by: Kari Dahl, date: 2024-11-01}\n", ""), ('"32440.00"', '"15210.00"'))
    tiered = run_check(christmas(without_extended), as_of="2024-12-31")
    assert codes(tiered) == [] and tiered.catering[0].limit.label == "long, external eating place"


def test_a_meeting_without_start_end_or_hours_is_a_schema_error_whatever_the_servings():
    text = claim(swap(MEETING, ('start: "10:00"\n      end: "12:30"', "servings: 2")))
    [finding] = run_check(text).findings
    assert (finding.code, finding.message) == (
        "LOAD004", "event: give start and end, or hours, so the limit's tier can be found")


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

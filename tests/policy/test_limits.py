"""The limit arithmetic (`eventlimits`), the working hours and the quote's "raised by", on the 2024 sheet."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from dataclasses import replace
from decimal import Decimal

import pytest
from conftest import REPO

from expensecli.core.clock import END_OF_DAY
from expensecli.policy.limits import EventFacts, catering_tier, event_limit
from expensecli.policy.quote import quote
from expensecli.policy.sources import ABROAD_JUSTIFIED, FOREIGN_GUESTS, HOME
from expensecli.policy.workinghours import day_off, outside_working_hours

THURSDAY = dt.date(2024, 3, 14)  # winter hours 08:00-15:45
SUMMER_FRIDAY = dt.date(2024, 6, 14)  # summer hours 08:00-15:00
D = Decimal


@pytest.fixture(scope="module")
def sheet(book):
    return book.by_year(2024)


def at(hours=None, start=None, end=None, day=THURSDAY, **more) -> EventFacts:
    return EventFacts(date=day, hours=None if hours is None else D(hours),
                      start=dt.time.fromisoformat(start) if start else None,
                      end=dt.time.fromisoformat(end) if end else None, **more)


# The table of rates-format.md / the seed page, both eating places.
SEED_TABLE = [
    ("under 3 hours in working hours", at("2"), "short", "224.00", "336.00"),
    ("3 hours or more", at("3"), "long", "507.00", "760.50"),
    ("beyond working hours", at("2", beyond_hours=True), "long", "507.00", "760.50"),
    ("full day, 2 servings", at("7", servings=2), "two_servings", "740.00", "1110.00"),
]


@pytest.mark.parametrize("name,facts,tier,internal,external", SEED_TABLE, ids=[row[0] for row in SEED_TABLE])
def test_seed_table(sheet, name, facts, tier, internal, external):
    inside = event_limit(sheet, facts)
    outside = event_limit(sheet, EventFacts(**{**facts.__dict__, "external_venue": True}))
    assert (inside.tier, inside.amount, outside.tier, outside.amount) == (tier, D(internal), tier, D(external))


@pytest.mark.parametrize("facts,amount,basis", [
    (at("4", external_venue=True), "760.50", "507.00 x 1.5 external eating place = 760.50"),
    (at("2"), "224.00", "224.00 short rate, internal eating place"),
    (at("6", servings=2, external_venue=True), "1110.00", "740.00 x 1.5 external eating place = 1 110.00"),
    (at("4", type="special", extended_approved=True, external_venue=True), "1622.00",
     "1 622.00 extended rate on an approved application (no venue factor on top)"),
    (EventFacts(type="representation"), "1622.00", "1 622.00 representation meal rate"),
    (EventFacts(type="representation", representation="simple"), "597.00", "597.00 representation simple rate"),
    (EventFacts(type="representation", foreign_guests=True), "2108.60",
     "1 622.00 x 1.3 high-level foreign guests = 2 108.60"),
    (EventFacts(type="representation", representation="simple", foreign_guests=True), "776.10",
     "597.00 x 1.3 high-level foreign guests = 776.10"),
    (EventFacts(type="home"), "1297.60", "1 622.00 x 0.8 home hospitality = 1 297.60"),
    (EventFacts(type="home", representation="simple"), "477.60", "597.00 x 0.8 home hospitality = 477.60"),
    (EventFacts(type="home", foreign_guests=True), "1686.88",
     "1 622.00 x 1.3 high-level foreign guests x 0.8 home hospitality = 1 686.88"),
    (EventFacts(type="home", representation="simple", foreign_guests=True), "620.88",
     "597.00 x 1.3 high-level foreign guests x 0.8 home hospitality = 620.88"),
])
def test_derived_limits_and_their_arithmetic(sheet, facts, amount, basis):
    limit = event_limit(sheet, facts)
    assert (limit.amount, limit.basis, limit.year) == (D(amount), basis, 2024)


@pytest.mark.parametrize("facts,tier,amount", [
    (at("4", type="special", extended_approved=True), "extended", "1622.00"),
    (at("4", type="meeting", extended_approved=True, external_present=True, external_venue=True), "extended", "1622.00"),
    # not applicable: a meeting at an internal venue, or without external participants
    (at("4", type="meeting", extended_approved=True, external_present=True), "long", "507.00"),
    (at("4", type="meeting", extended_approved=True, external_venue=True), "long", "760.50"),
    # not approved: the tier limit
    (at("2", type="special", external_venue=True), "short", "336.00"),
])
def test_extended_rate_only_when_approved_and_allowed(sheet, facts, tier, amount):
    limit = event_limit(sheet, facts)
    assert (limit.tier, limit.amount) == (tier, D(amount))


@pytest.mark.parametrize("facts,tier", [
    (at("2.99"), "short"),
    (at("3"), "long"),
    (at("3.00"), "long"),
    (at(start="10:00", end="12:59"), "short"),
    (at(start="10:00", end="13:00"), "long"),
    (at("1", servings=2), "short"),  # two servings count only on a long event
    (at("3", servings=2), "two_servings"),
    (at(start="13:00", end="15:46", servings=2), "two_servings"),  # long because it ends after working hours
])
def test_three_hour_boundary(sheet, facts, tier):
    assert catering_tier(sheet, facts)[0] == tier


def test_two_servings_on_a_short_event_keep_the_short_tier_and_say_why(sheet):
    short = event_limit(sheet, at("2", servings=2))
    assert (short.tier, short.amount) == ("short", D("224"))
    assert short.reason == ("under 3 hours within ordinary working hours (2 hours); two servings count only on"
                            " a long event")
    full_day = event_limit(sheet, at(start="09:00", end="15:00", servings=2))
    assert (full_day.tier, full_day.amount, full_day.reason) == (
        "two_servings", D("740"), "two servings on a long event: 3 hours or more (09:00-15:00, 6 h 00 min)")


@pytest.mark.parametrize("start,end,minutes,tier,reason", [
    ("19:00", "01:00", 360, "long", "3 hours or more (19:00-01:00 (next day), 6 h 00 min)"),
    ("22:00", "00:30", 150, "long", "beyond ordinary working hours: runs past midnight (ends 00:30 the next day),"
                                    " after ordinary working hours 08:00-15:45 (01-01 to 05-14)"),
    ("13:30", "24:00", 630, "long", "3 hours or more (13:30-24:00, 10 h 30 min)"),
    ("22:00", "24:00", 120, "long", "beyond ordinary working hours: ends 24:00, after ordinary working hours"
                                    " 08:00-15:45 (01-01 to 05-14)"),
    ("23:30", "00:00", 30, "long", "beyond ordinary working hours: ends 00:00, after ordinary working hours"
                                   " 08:00-15:45 (01-01 to 05-14)"),
    ("00:00", "24:00", 1440, "long", "3 hours or more (00:00-24:00, 24 h 00 min)"),
])
def test_events_past_midnight(sheet, start, end, minutes, tier, reason):
    facts = EventFacts(date=THURSDAY, start=dt.time.fromisoformat(start),
                       end=END_OF_DAY if end == "24:00" else dt.time.fromisoformat(end))
    assert facts.minutes == minutes
    assert catering_tier(sheet, facts) == (tier, reason)


def test_the_limit_cites_the_sentences_it_applied(sheet):
    def cited(facts):
        return [source.quote[:40] for source in event_limit(sheet, facts).sources]

    assert cited(at("2")) == ["For arrangement som varer under 3 timar "]
    assert cited(at("4", external_venue=True)) == ["For arrangement som varer 3 timer eller ",
                                                   "Der ein av praktiske grunnar ikkje kan e"]
    assert cited(at("2", beyond_hours=True)) == ["For arrangement som varer 3 timer eller "]
    assert cited(at("7", servings=2)) == ["For langvarige arrangement der det er nø"]
    assert cited(at("4", type="special", extended_approved=True)) == [
        "I samband med spesielle arrangement som ", "For å få utvida sats (maks 1 622,-) må e"]
    assert cited(at("4", extended_approved=True, external_present=True, external_venue=True)) == [
        "For møte og arrangement der andre enn NT", "For å få utvida sats (maks 1 622,-) må e"]
    assert cited(EventFacts(type="representation", representation="simple", foreign_guests=True)) == [
        "Enklare lunsj/mottaking inntil kr. 597,-", "Ved arrangement der utanlandske gjestar "]
    assert cited(EventFacts(type="home")) == ["Lunsj/middag inntil kr. 1 622,- per pers",
                                              "I slike tilfelle kan legitimerte utgifte"]


@pytest.mark.parametrize("day,start,end,tier", [
    (THURSDAY, "13:00", "15:45", "short"),  # ends exactly at the winter end: inside
    (THURSDAY, "13:00", "15:46", "long"),
    (THURSDAY, "08:00", "10:00", "short"),  # starts exactly at the start: inside
    (THURSDAY, "07:59", "09:00", "long"),
    (SUMMER_FRIDAY, "12:30", "15:00", "short"),  # summer hours end at 15:00
    (SUMMER_FRIDAY, "13:00", "15:45", "long"),
    (dt.date(2024, 5, 14), "13:00", "15:30", "short"),  # last day of winter hours
    (dt.date(2024, 5, 15), "13:00", "15:30", "long"),  # first day of summer hours
    (dt.date(2024, 9, 13), "13:00", "15:30", "long"),  # last weekday of summer hours
    (dt.date(2024, 9, 16), "13:00", "15:30", "short"),  # winter hours again
])
def test_working_hours_by_season(sheet, day, start, end, tier):
    assert catering_tier(sheet, at(start=start, end=end, day=day))[0] == tier


@pytest.mark.parametrize("day,reason", [
    (dt.date(2024, 3, 16), "a Saturday"),
    (dt.date(2024, 3, 17), "a Sunday"),
    (dt.date(2024, 5, 17), "a public holiday (Constitution Day)"),
    (dt.date(2024, 1, 1), "a public holiday"),  # New Year's Day
    (dt.date(2024, 3, 28), "a public holiday"),  # Maundy Thursday
    (dt.date(2024, 3, 29), "a public holiday"),  # Good Friday
    (dt.date(2024, 4, 1), "a public holiday"),  # Easter Monday
    (dt.date(2024, 5, 1), "a public holiday"),  # 1 May
    (dt.date(2024, 5, 9), "a public holiday"),  # Ascension Day
    (dt.date(2024, 5, 20), "a public holiday"),  # Whit Monday
    (dt.date(2024, 12, 25), "a public holiday"),
    (dt.date(2024, 12, 26), "a public holiday"),
    (dt.date(2024, 12, 24), None),  # Christmas Eve, New Year's Eve: working days
    (dt.date(2024, 12, 31), None),
    (dt.date(2024, 5, 16), None),
    (THURSDAY, None),
])
def test_days_off(day, reason):
    found = day_off(day)
    if reason is None or "(" in reason:
        assert found == reason
    else:
        assert found is not None and (found == reason or found.startswith(reason + " ("))


def test_weekend_and_holiday_make_a_short_event_long(sheet):
    saturday = catering_tier(sheet, at("2", day=dt.date(2024, 3, 16)))
    holiday = catering_tier(sheet, at(start="10:00", end="12:00", day=dt.date(2024, 5, 17)))
    weekday = catering_tier(sheet, at("2"))
    assert saturday == ("long", "beyond ordinary working hours: 2024-03-16 is a Saturday")
    assert holiday[0] == "long" and holiday[1].startswith("beyond ordinary working hours: 2024-05-17 is a public holiday")
    assert weekday == ("short", "under 3 hours within ordinary working hours (2 hours)")


def test_reason_names_the_season(sheet):
    assert outside_working_hours(sheet, SUMMER_FRIDAY, dt.time(14), dt.time(15, 30)) == (
        "ends 15:30, after ordinary working hours 08:00-15:00 (05-15 to 09-14)")
    assert outside_working_hours(sheet, THURSDAY, dt.time(7, 30), dt.time(9)) == (
        "starts 07:30, before ordinary working hours 08:00-15:45 (01-01 to 05-14)")


def test_abroad_uses_the_kostsats(sheet):
    with_kostsats = replace(sheet, representation=replace(sheet.representation, abroad={"DE": D("900")}))
    plain = event_limit(with_kostsats, EventFacts(type="representation", country="DE", foreign_guests=True))
    justified = event_limit(with_kostsats, EventFacts(type="representation", country="DE", abroad_justified=True))
    home = event_limit(with_kostsats, EventFacts(type="home", country="DE", abroad_justified=True))
    assert (plain.amount, plain.basis) == (D("900"), "900.00 kostsats for DE")
    assert (justified.amount, justified.basis) == (D("1170.0"), "900.00 x 1.3 abroad with justification = 1 170.00")
    assert home.amount == D("936.00")


def test_abroad_without_kostsats_is_not_checked(sheet):
    limit = event_limit(sheet, EventFacts(type="representation", country="SE"))
    assert limit.amount is None
    assert limit.note == "the 2024 rate sheet has no kostsats for SE, so the limit abroad is not checked"


def test_what_raises_a_short_internal_limit(sheet):
    result = quote(sheet, at("2"), participants=10)
    assert result.total == D("2240")
    assert result.raised_by == (
        "lasting 3 hours or more (or reaching beyond ordinary working hours) raises this to 507.00",
        "two servings on a long event raises this to 740.00",
        "an external eating place (for practical reasons) raises this to 336.00",
        "an approved application for the extended rate (external participants at an external eating place)"
        " raises this to 1 622.00",
    )


def test_nothing_raises_the_extended_rate_or_foreign_guests_at_home(sheet):
    assert quote(sheet, at("4", type="special", extended_approved=True)).raised_by == ()
    assert quote(sheet, EventFacts(type="home", foreign_guests=True)).raised_by == ()
    assert quote(sheet, EventFacts(type="representation", representation="simple")).raised_by == (
        "a lunch or dinner (meal) raises this to 1 622.00",
        "high-level foreign guests raises this to 776.10",
    )


def test_quote_imports_stay_light_and_holidays_load_only_when_a_date_needs_checking(tmp_path):
    script = ("import sys, datetime as dt; from decimal import Decimal as D;"
              " from expensecli.load.ratebook import load_ratebook;"
              " from expensecli.policy.limits import EventFacts, event_limit;"
              " import expensecli.policy.quote, expensecli.render.events;"
              " s = load_ratebook().by_year(2024);"
              " event_limit(s, EventFacts(date=dt.date(2024, 3, 16), hours=D(4)));"
              " print('holidays' in sys.modules, 'expensecli.models.claim' in sys.modules, 'rich' in sys.modules,"
              " 'tabulate' in sys.modules);"
              " event_limit(s, EventFacts(date=dt.date(2024, 3, 14), hours=D(2)));"
              " print('holidays' in sys.modules)")
    without_cache = {**os.environ, "EXPENSECLI_CACHE_DIR": ""}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, check=True,
                          env=without_cache)
    assert done.stdout == "False False False False\nTrue\n"
    cached = {**os.environ, "EXPENSECLI_CACHE_DIR": str(tmp_path / "cache")}
    for _ in range(2):  # the first run validates the sheets and keeps their years' holidays in the cache
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO,
                              check=True, env=cached)
    assert done.stdout == "False False False False\nFalse\n"


@pytest.mark.parametrize("source", [HOME, FOREIGN_GUESTS, ABROAD_JUSTIFIED])
def test_quotes_stand_word_for_word_in_the_catering_page(source):
    pages = sorted((REPO.parent / "shared" / "seeds").glob("002_*.txt"))
    if not pages:
        pytest.skip("the seed pages live beside the repository and are not here")
    assert source.quote in pages[0].read_text(encoding="utf-8")

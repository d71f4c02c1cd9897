"""Exact values read from YAML scalar text: amounts, rates, dates, times and counts.

Claims are money: an amount is built from the characters the user typed, never through a
float, so `0.10 + 0.20` is `0.30` and `1 110,50` is `1110.50`. The same parsers serve the
pydantic models (through `Annotated` validators) and the command-line options.

Accepted amount spellings: `199`, `199.5`, `199.50`, `"199,50"` (decimal comma), and
space-grouped thousands `"1 110,50"` / `"1 110.50"` (plain, no-break or thin spaces, in
groups of three). Rejected: `"1.110,50"` and `"1,110.50"` (a dot or comma as a thousands
separator cannot be told apart from a decimal mark), exponents (`1e3`), NaN and infinity.
An unquoted `1 110,50` is fine too (YAML reads it as text); an unquoted `1,110.50` is refused.

Hostile text stays cheap: digits are counted from the Decimal's exponent (never through a
Python int, whose conversion of a million-digit number takes minutes), and a value echoed
in a message is cut to a few dozen characters, so a megabyte of digits makes a short finding.

The arithmetic context is sized for the largest values the format allows: an amount of 12
digits and 2 decimals times a rate of 12 digits and 6 decimals is exact in 32 digits, and
sums over a claim's expenses and a batch's claims add a few more; MONEY_DIGITS leaves room
for all of them (Python's default of 28 digits does not, and rounding to cents then fails).
"""

from __future__ import annotations

import datetime as dt
import decimal
import re
from decimal import ROUND_HALF_UP, Decimal

from expensecli.core.clock import END_OF_DAY
from expensecli.core.datehints import suggested_date
from expensecli.core.i18n import decimal_sign, language, mark, number, tr

MONEY_DIGITS = 80
decimal.DefaultContext.prec = MONEY_DIGITS  # threads started from now on
decimal.getcontext().prec = MONEY_DIGITS  # this thread (and worker processes forked from it)


class PlainScalar(str):
    """Text of an unquoted YAML scalar; lets validators tell `10:30` from `"10:30"`."""

    __slots__ = ()


class _lazy:
    """A regular expression compiled when first used: most commands use only a few of them. `\\d`
    matches ASCII digits only (re.ASCII): "١٠٠" or "𝟗𝟗𝟗" is not a number here, though Python's
    Decimal and int would read it."""

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern, self.flags, self.compiled = pattern, flags | re.ASCII, None

    def fullmatch(self, text: str):
        if self.compiled is None:
            self.compiled = re.compile(self.pattern, self.flags)
        return self.compiled.fullmatch(text)


_SPACES = "\u0020\u00a0\u202f\u2009"
_PLAIN_NUMBER = _lazy(r"[+-]?\d+(?:[.,]\d+)?")
_GROUPED_NUMBER = _lazy(rf"[+-]?\d{{1,3}}(?:[{_SPACES}]\d{{3}})+(?:[.,]\d+)?")
_NOT_FINITE = _lazy(r"[+-]?\.?(?:nan|inf|infinity)", re.IGNORECASE)
_EXPONENT = _lazy(r"[+-]?\d+(?:\.\d*)?[eE][+-]?\d+")
_DATE = _lazy(r"\d{4}-\d{2}-\d{2}")
_TIME = _lazy(r"(\d{1,2}):(\d{2})")
_INTEGER = _lazy(r"[+-]?\d+")

MAX_INTEGER_DIGITS = 12
CENT = Decimal("0.01")
SHOWN_CHARACTERS = 40  # of a value quoted in a message


class ValueProblem(ValueError):
    """A value that cannot be read; the message is shown to the user as it is."""


def shown(value: object) -> str:
    """The value as a message quotes it: its text, cut short when it is long."""
    if isinstance(value, int) and abs(value) >= 10 ** SHOWN_CHARACTERS:  # str() of a huge int is slow
        return tr("a whole number of {bits} bits", bits=value.bit_length())
    text = value if isinstance(value, str) else str(value)
    if len(text) <= SHOWN_CHARACTERS:
        return text
    return tr("{start}… ({length} characters)", start=text[:SHOWN_CHARACTERS], length=len(text))


# The words a value is named by in a message ("amount 12.345 has more than 2 decimals"); an option's
# name (`--as-of`) is shown as it is. Their message ids say what they are, so that a column header
# "date" and the value named "date" in a sentence may be translated differently.
_WHAT = {"amount": mark("the amount named in a message"), "rate": mark("the rate named in a message"),
         "factor": mark("the factor named in a message"), "hours": mark("the hours named in a message"),
         "date": mark("the date named in a message"), "time": mark("the time named in a message"),
         "count": mark("the count named in a message")}


def _named(what: str) -> str:
    """The name of the value in the language of the run (an option's name as it is)."""
    return tr(_WHAT[what]) if what in _WHAT and language() != "en" else what


def parse_decimal(value: object, *, places: int, what: str = "amount") -> Decimal:
    """Read an exact decimal with at most `places` decimals from YAML text or a number."""
    if isinstance(value, bool) or isinstance(value, float):
        raise ValueProblem(tr("{what} must be written as a decimal number, got {value}", what=_named(what),
                              value=repr(value)))
    if isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, Decimal):
        number = value
        if not number.is_finite():
            raise ValueProblem(tr("{what} must be a finite number, got {value}", what=_named(what), value=value))
    elif isinstance(value, str):
        number = _decimal_from_text(value.strip(), what)
    else:
        raise ValueProblem(tr("{what} must be a number, got {kind}", what=_named(what), kind=type(value).__name__))
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > places:
        raise ValueProblem(tr("{what} {value} has more than {places} decimals", what=_named(what), value=shown(value),
                              places=places))
    integer_digits = number.adjusted() + 1 if number and number.adjusted() >= 0 else 1
    if integer_digits > MAX_INTEGER_DIGITS:
        raise ValueProblem(tr("{what} {value} has more than {digits} digits before the decimal mark",
                              what=_named(what), value=shown(value), digits=MAX_INTEGER_DIGITS))
    return number


def _decimal_from_text(text: str, what: str) -> Decimal:
    if _PLAIN_NUMBER.fullmatch(text):
        return Decimal(text.replace(",", "."))
    if _GROUPED_NUMBER.fullmatch(text):
        return Decimal(re.sub(f"[{_SPACES}]", "", text).replace(",", "."))
    if _NOT_FINITE.fullmatch(text):
        raise ValueProblem(tr("{what} must be a finite number, got {value}", what=_named(what), value=repr(text)))
    if _EXPONENT.fullmatch(text):
        raise ValueProblem(tr("{what} {value} uses an exponent; write the number out in full", what=_named(what),
                              value=repr(shown(text))))
    if re.fullmatch(r"[+-]?\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?", text, re.ASCII):
        raise ValueProblem(tr(
            "{what} {value}: use a space as thousands separator (1 110,50 or 1 110.50);"
            " a dot or comma between thousands is ambiguous", what=_named(what), value=repr(shown(text))))
    raise ValueProblem(tr("{what} {value} is not a number", what=_named(what), value=repr(shown(text))))


def parse_money(value: object, what: str = "amount") -> Decimal:
    return parse_decimal(value, places=2, what=what)


def parse_date(value: object, what: str = "date") -> dt.date:
    """Read `YYYY-MM-DD`; an impossible date such as 2024-02-30 is an error."""
    if isinstance(value, dt.datetime):
        raise ValueProblem(tr("{what} must be a date (YYYY-MM-DD), got a date and time", what=_named(what)))
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not _DATE.fullmatch(value.strip()):
        meant = suggested_date(value)  # 14.03.2024 -> 2024-03-14
        if meant:
            raise ValueProblem(tr("{what} must be a date written YYYY-MM-DD, got {value} (did you mean {meant}?)",
                                  what=_named(what), value=_quoted(value), meant=meant))
        raise ValueProblem(tr("{what} must be a date written YYYY-MM-DD, got {value}", what=_named(what),
                              value=_quoted(value)))
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError as error:
        raise ValueProblem(tr("{what} {value} is not a real date: {reason}", what=_named(what), value=value,
                              reason=_date_reason(error))) from None


def parse_time(value: object, what: str = "time", end_of_day: bool = False) -> dt.time:
    """Read `"HH:MM"`; unquoted times are refused because YAML 1.1 reads `10:30` as 630. With
    `end_of_day` (an event's end), `"24:00"` is midnight at the end of the day (END_OF_DAY)."""
    if isinstance(value, dt.time):
        return value
    if not isinstance(value, str):
        raise ValueProblem(tr('{what} must be a time written "HH:MM" in quotes, got {value}', what=_named(what),
                              value=_quoted(value)))
    match = _TIME.fullmatch(value.strip())
    if isinstance(value, PlainScalar) and match:
        raise ValueProblem(tr('{what} {value} must be quoted ("{value}"): unquoted, YAML 1.1 tools read it as a'
                              ' number', what=_named(what), value=value))
    if match and end_of_day and (int(match[1]), int(match[2])) == (24, 0):
        return END_OF_DAY
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        last = "24:00" if end_of_day else "23:59"
        raise ValueProblem(tr('{what} {value} is not a time of day; write "HH:MM" from "00:00" to "{last}"',
                              what=_named(what), value=repr(shown(value)), last=last))
    return dt.time(int(match[1]), int(match[2]))


def parse_end_time(value: object, what: str = "time") -> dt.time:
    """An event's end: a time of day, or "24:00" for midnight at the end of the day."""
    return parse_time(value, what, end_of_day=True)


def parse_count(value: object, what: str = "count") -> int:
    """Read a whole number >= 0 of at most MAX_INTEGER_DIGITS digits."""
    if isinstance(value, bool):
        raise ValueProblem(tr("{what} must be a whole number, got {value}", what=_named(what), value=repr(value)))
    if isinstance(value, int):
        digits = len(str(abs(value))) if abs(value) < 10 ** MAX_INTEGER_DIGITS else MAX_INTEGER_DIGITS + 1
    elif isinstance(value, str) and _INTEGER.fullmatch(value.strip()):
        digits = len(value.strip().lstrip("+-").lstrip("0"))
    else:
        raise ValueProblem(tr("{what} must be a whole number, got {value}", what=_named(what), value=_quoted(value)))
    if digits > MAX_INTEGER_DIGITS:
        raise ValueProblem(tr("{what} {value} has more than {digits} digits", what=_named(what), value=shown(value),
                              digits=MAX_INTEGER_DIGITS))
    number = value if isinstance(value, int) else int(value.strip())
    if number < 0:
        raise ValueProblem(tr("{what} must not be negative, got {value}", what=_named(what), value=number))
    return number


def blank_as_none(value: object) -> object:
    """An empty or blank text in an optional field is the same as the field being absent, so the
    rule about the missing value reports it (not a schema error that stops every check)."""
    return None if isinstance(value, str) and not value.strip() else value


def code_case(value: object, *, upper: bool) -> object:
    """Country, currency and language codes are read whatever their letter case (`SV` = `sv`)."""
    if not isinstance(value, str):
        return value
    return value.upper() if upper else value.lower()


# What `date.fromisoformat` says of an impossible date, translated for the run's language.
_DATE_REASONS = frozenset((mark("day is out of range for month"), mark("month must be in 1..12"),
                           mark("year 0 is out of range")))


def _date_reason(error: ValueError) -> str:
    text = str(error)
    return tr(text) if text in _DATE_REASONS else text


def _quoted(value: object) -> str:
    """repr() of a short value; a long text is cut (see `shown`)."""
    if isinstance(value, str):
        return repr(shown(value))
    return shown(repr(value))


def pydantic_error(problem: ValueProblem):
    from pydantic_core import PydanticCustomError

    return PydanticCustomError("value", "{reason}", {"reason": str(problem)})


def round_cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def money_text(value: Decimal) -> str:
    """Two decimals, no grouping: the form of amounts in JSON, CSV and messages' figures."""
    return f"{round_cents(value):.2f}"


def money_display(value: Decimal) -> str:
    """Two decimals with a space between thousands, as on the policy page: `2 108.60` (in bokmål
    output `2 108,60`)."""
    return number(round_cents(value), 2)


def money_figure(value: Decimal) -> str:
    """An amount in a message: two decimals, `1622.00` in English (as `money_text`), and as
    Norwegians write it in bokmål output, `1 622,00`."""
    return money_text(value) if language() == "en" else money_display(value)


def number_display(value: Decimal) -> str:
    """A factor or rate without trailing zeros: `1.5`, `0.8`, `1622` (in bokmål output `1,5`)."""
    return decimal_sign(format(value.normalize(), "f"))

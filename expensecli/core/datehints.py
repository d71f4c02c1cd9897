"""The ISO date a date written another way stands for, so a refusal can say "did you mean".

Claims and `--as-of` take `YYYY-MM-DD` only (a day-first `03.04.2024` and a month-first
`04/03/2024` cannot be told apart in general); the common Norwegian spellings are recognised
only to suggest the ISO date in the message, never to accept them.
"""

from __future__ import annotations

import datetime as dt
import re

YEAR_FIRST = r"(\d{4})[-./](\d{1,2})[-./](\d{1,2})"
DAY_FIRST = r"(\d{1,2})[-./](\d{1,2})[-./](\d{4})"  # compiled when first needed: most runs never are


def suggested_date(value: object) -> str | None:
    """The ISO date of `14.03.2024` and `14/03/2024` (day first, as written in Norway), `2024/03/14`,
    `2024.03.14` or `2024-3-14`; None when the text is none of these or no real date."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if match := re.fullmatch(YEAR_FIRST, text, re.ASCII):
        year, month, day = match.groups()
    elif match := re.fullmatch(DAY_FIRST, text, re.ASCII):
        day, month, year = match.groups()
    else:
        return None
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None

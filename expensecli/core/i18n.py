"""The language of the output: English (the messages as written in the code) or Norwegian bokmål.

Every sentence a person reads is written in the code in English and passed through `tr` (or
`ntr` when it counts something), with named placeholders so that a translation may put them in
another order: `tr("expense {index} has no receipt", index=i)`. The bokmål translations live in
a gettext catalog, `expensecli/locale/nb/LC_MESSAGES/expensecli.po`, compiled to the `.mo` beside
it that ships inside the wheel (`make catalogs`; Babel extracts and checks them).

The language is chosen once per run, before anything is read (`use`): `--lang`, else `lang` in the
configuration file, else the locale of the environment when it is Norwegian. English needs no
catalog and costs nothing; the catalog is read only when bokmål is chosen. Worker processes get
the language of the run with their settings. Codes, JSON keys, enum values and the policy quotes
are never translated; figures in text follow the language (`number`), machine formats do not.
"""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

LANGUAGES = ("en", "nb")
DEFAULT = "en"
# Locales whose speakers read bokmål output: bokmål, "Norwegian" and nynorsk (no nynorsk catalog).
_NORWEGIAN = ("nb", "no", "nn")
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "expensecli"

_state: dict = {"lang": DEFAULT, "catalog": None}
MISSING: set[str] = set()  # message ids asked for in bokmål that the catalog lacks (tests look here)


def language() -> str:
    """The language of this run's output: "en" or "nb"."""
    return _state["lang"]


def use(lang: str | None) -> str:
    """Make `lang` the language of the output (None or "en": English) and return it."""
    lang = lang or DEFAULT
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: expected one of {', '.join(LANGUAGES)}")
    if lang != _state["lang"]:
        _state["catalog"] = None if lang == DEFAULT else _catalog(lang)
        _state["lang"] = lang
    return lang


def _catalog(lang: str):
    import gettext  # only when a catalog is read: English output needs none

    with open(LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo", "rb") as compiled:
        return gettext.GNUTranslations(compiled)


def from_environment(environ: dict | None = None) -> str:
    """The language the locale asks for: bokmål when LC_ALL, LC_MESSAGES or LANG (the first one
    set, as the C library reads them) names a Norwegian locale (nb_NO, no_NO, nn_NO), else English."""
    environ = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if value:
            return "nb" if value.split(".")[0].split("_")[0].lower() in _NORWEGIAN else DEFAULT
    return DEFAULT


def tr(message: str, /, **params: object) -> str:
    """`message` in the language of the run, its `{placeholders}` filled from `params`."""
    catalog = _state["catalog"]
    if catalog is not None:
        translated = catalog.gettext(message)
        if translated is message:  # gettext hands back the message itself when it has no translation
            MISSING.add(message)
        message = translated
    return message.format(**params) if params else message


def ntr(singular: str, plural: str, count: int, /, **params: object) -> str:
    """`singular` or `plural` as `count` asks for, in the language of the run, its placeholders
    filled from `params` and `{count}`: ntr("{count} claim", "{count} claims", n)."""
    catalog = _state["catalog"]
    if catalog is None:
        message = singular if count == 1 else plural
    else:
        message = catalog.ngettext(singular, plural, count)
        if message is singular or message is plural:
            MISSING.add(singular)
    return message.format(count=count, **params)


def mark(message: str) -> str:
    """`message` unchanged: marks a sentence declared in a table (a rule's title, a column's
    header) for extraction; it is translated with `tr` where it is shown."""
    return message


def listed(items: list[str]) -> str:
    """"a", "a and b", "a, b and c" in the language of the run ("a, b og c")."""
    if len(items) == 1:
        return items[0]
    return tr("{items} and {last}", items=", ".join(items[:-1]), last=items[-1])


def number(value: Decimal, places: int) -> str:
    """A figure as the language writes it in text: `places` decimals, thousands grouped with a
    space. English keeps the decimal point ("2 108.60"); bokmål writes a decimal comma
    ("2 108,60", "1 622,00", "760,50")."""
    return decimal_sign(f"{value:,.{places}f}".replace(",", " "))


def decimal_sign(figure: str) -> str:
    """A figure written with a decimal point ("2.50"), with the decimal sign of the language
    ("2,50" in bokmål)."""
    return figure.replace(".", ",") if _state["lang"] == "nb" else figure

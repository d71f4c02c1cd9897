"""The bokmål catalog is complete and consistent with the code, and figures follow the language.

The sentences of the code are found the way `make catalogs` finds them (Babel's extractor, with
the keywords tr, ntr and mark, over the Python modules and the report's templates, and the rule
catalogue's titles, docstrings and example descriptions through `report.rule_sentences`).
"""

from __future__ import annotations

import gettext
import string
from collections import defaultdict
from decimal import Decimal

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from conftest import REPO

from expensecli.core import i18n
from expensecli.core.values import money_display, money_figure, number_display

PACKAGE = REPO / "expensecli"
PO = PACKAGE / "locale" / "nb" / "LC_MESSAGES" / "expensecli.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {"tr": None, "ntr": (1, 2), "mark": None}
# As babel.cfg maps them: the first pattern that matches a file wins.
METHODS = [("report/rule_sentences.py", "expensecli.report.rule_sentences:extract"), ("**.py", "python"),
           ("render/html/templates/**.j2", "jinja2")]


def code_messages() -> dict[str, list[str]]:
    """Every message id of the code (for a plural, its singular) -> where it is used."""
    found: dict[str, list[str]] = defaultdict(list)
    for filename, line, message, _comments, _context in extract_from_dir(PACKAGE, METHODS, keywords=KEYWORDS):
        found[message[0] if isinstance(message, tuple) else message].append(f"expensecli/{filename}:{line}")
    return found


def test_babel_cfg_extracts_what_these_tests_check():
    """`make catalogs` (pybabel extract -F babel.cfg ... expensecli) maps the files as METHODS does."""
    from babel.messages.frontend import parse_mapping_cfg

    with (REPO / "babel.cfg").open() as file:
        method_map, _options = parse_mapping_cfg(file)
    assert method_map == METHODS


def catalog():
    with PO.open("rb") as file:
        return read_po(file, locale="nb")


def fields(text: str) -> set[str]:
    """The placeholders of `text`; for a text whose braces are its own (libyaml's "did not find
    expected ',' or '}'", never formatted), a mark that says so."""
    try:
        return {name for _literal, name, _spec, _conversion in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return {"(braces of its own)"}


def entries() -> dict:
    return {message.id if isinstance(message.id, str) else message.id[0]: message for message in catalog()
            if message.id}


def test_every_message_of_the_code_has_a_bokmal_translation():
    known = entries()
    missing = sorted((where[0], text) for text, where in code_messages().items()
                     if text not in known or not _translated(known[text]))
    assert not missing, "untranslated:\n" + "\n".join(f"{where}: {text!r}" for where, text in missing)


def _translated(message) -> bool:
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return all(strings) and not message.fuzzy


def test_every_translation_has_the_placeholders_of_its_message():
    wrong = []
    for message in entries().values():
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text, original in zip(strings, ids):
            if text and fields(text) != fields(original):
                wrong.append(f"{original!r} -> {text!r}")
    assert not wrong, "placeholders differ:\n" + "\n".join(wrong)


def test_the_catalog_holds_no_sentence_the_code_no_longer_uses():
    used = code_messages()
    unused = [text for text in entries() if text not in used]
    assert not unused, f"not used by the code (run make catalogs): {unused}"


def test_the_shipped_mo_is_compiled_from_the_po(tmp_path):
    fresh = tmp_path / "fresh.mo"
    with fresh.open("wb") as file:
        write_mo(file, catalog())
    with MO.open("rb") as shipped, fresh.open("rb") as compiled:
        ours, fresh_ = gettext.GNUTranslations(shipped)._catalog, gettext.GNUTranslations(compiled)._catalog
    ours.pop(""), fresh_.pop("")  # the header, with the time it was compiled
    assert ours == fresh_, "expensecli.mo is out of date: run make catalogs"


@pytest.mark.parametrize(("value", "english", "bokmal"), [
    (Decimal("1622"), "1 622.00", "1 622,00"),
    (Decimal("760.5"), "760.50", "760,50"),
    (Decimal("2108.595"), "2 108.60", "2 108,60"),
    (Decimal("1234567.8"), "1 234 567.80", "1 234 567,80"),
    (Decimal("-45"), "-45.00", "-45,00"),
    (Decimal("0"), "0.00", "0,00"),
])
def test_amounts_in_text_are_written_as_the_language_writes_them(value, english, bokmal):
    assert money_display(value) == english
    i18n.use("nb")
    assert money_display(value) == bokmal


def test_figures_in_messages_keep_their_english_form_and_are_grouped_in_bokmal():
    assert (money_figure(Decimal("1622")), number_display(Decimal("1.50")), number_display(Decimal("7.5"))) == \
        ("1622.00", "1.5", "7.5")
    i18n.use("nb")
    assert (money_figure(Decimal("1622")), number_display(Decimal("1.50")), number_display(Decimal("7.5"))) == \
        ("1 622,00", "1,5", "7,5")


def test_bokmal_figures_agree_with_the_locale_data_of_cldr():
    from babel.numbers import format_decimal

    i18n.use("nb")
    for value in (Decimal("1622"), Decimal("760.5"), Decimal("1234567.891"), Decimal("12")):
        ours = money_display(value)
        cldr = format_decimal(value, format="#,##0.00", locale="nb_NO").replace("\xa0", " ")
        assert ours == cldr.replace("\u2212", "-")


@pytest.mark.parametrize(("environ", "lang"), [
    ({"LANG": "nb_NO.UTF-8"}, "nb"), ({"LANG": "no_NO"}, "nb"), ({"LANG": "nn_NO.UTF-8"}, "nb"),
    ({"LANG": "en_GB.UTF-8"}, "en"), ({"LANG": "C.UTF-8"}, "en"), ({}, "en"),
    ({"LC_ALL": "en_US.UTF-8", "LANG": "nb_NO.UTF-8"}, "en"), ({"LC_MESSAGES": "nb_NO", "LANG": "C"}, "nb"),
    ({"LC_ALL": "", "LANG": "nb_NO.UTF-8"}, "nb"),
])
def test_the_language_from_the_locale(environ, lang):
    assert i18n.from_environment(environ) == lang


def test_translation_fills_named_placeholders_in_the_translations_order():
    assert i18n.listed(["a", "b", "c"]) == "a, b and c"
    i18n.use("nb")
    assert i18n.listed(["a", "b", "c"]) == "a, b og c"
    assert i18n.tr("not a message of the catalog {x}", x=1) == "not a message of the catalog 1"
    assert "not a message of the catalog {x}" in i18n.MISSING


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="unknown language 'de'"):
        i18n.use("de")

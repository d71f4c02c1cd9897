"""`printable`: what a value from a claim looks like in any output."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from expensecli.core.text import _UNSHOWABLE, _escaped, folded, printable, restored, storable

# Every character the escaping is about, and a few that are shown as they are.
SPECIAL = "\x00\x07\x1b\n\r\t\x7f\x85\x9b\xa0\u00ad\u061c\u200b\u200e\u200f\u2028\u2029\u202a\u202e\u2066\u2069" \
          "\udc80\udcff\ud800\ufeff\uffff\u034f\u3164\ufe0f"


def test_controls_separators_and_bidi_controls_are_escaped():
    assert printable("Kari\x1b[2J Nordmann") == "Kari\\x1b[2J Nordmann"
    assert printable("a\nb\rc\u2028d") == "a\\x0ab\\x0dc\\u2028d"
    assert printable("\u202egnp.exe") == "\\u202egnp.exe"
    assert printable("caf\udce9") == "caf\\xe9"  # an undecodable byte of a file name
    assert printable("Ærlig Åse, 12 500,00 kr") == "Ærlig Åse, 12 500,00 kr"


def test_what_shows_as_nothing_is_escaped_so_two_ids_that_look_alike_differ_to_the_eye():
    assert printable("BM-2024-0117\u200b") == "BM-2024-0117\\u200b"
    assert printable("R-1\u2060\ufeff\u00ad") == "R-1\\u2060\\ufeff\\xad"
    assert printable("id\U000e0041\U0001fffe\ufdd0") == "id\\U000e0041\\U0001fffe\\ufdd0"
    assert printable("Kari \u00e5 \u2013 \u00a0x") == "Kari \u00e5 \u2013 \u00a0x"  # letters, dashes, no-break space
    # printable to Python, yet nothing to see; and the six characters that would read as an escape
    assert printable("R-1\u034f\u3164\ufe0f") == "R-1\\u034f\\u3164\\ufe0f"
    assert printable("C:\\temp\\new") == "C:\\temp\\new"  # a backslash stays one


@given(st.text(alphabet=st.one_of(st.sampled_from(SPECIAL), st.characters()), max_size=40))
def test_the_quick_answer_for_printable_text_is_the_searchs_answer(text):
    assert printable(text) == _UNSHOWABLE.sub(_escaped, text)


@given(st.text(alphabet=st.one_of(st.sampled_from(SPECIAL), st.characters()), max_size=40))
def test_made_printable_twice_a_text_is_as_made_once(text):
    assert printable(printable(text)) == printable(text)


@given(st.text(alphabet=st.sampled_from("ab\\xø\udc80\udcf8\udcff"), max_size=20))
def test_a_stored_name_is_restored_to_its_bytes(text):
    if "\\x" not in text:  # a name holding those characters itself is not told apart
        assert restored(storable(text)) == text


def test_folded_compares_names_and_ids_as_a_reader_does():
    assert folded("  Ola \t Nordmann\n") == folded("ola nordmann") == "ola nordmann"
    assert folded("STRASSE") == folded("straße")
    assert folded("TR-2026 01") != folded("TR-202601")

"""Reading a file as text: the quick scan of its bytes for the characters YAML forbids never
passes one that the search of the text would find."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from expensecli.load.textfiles import _UNPRINTABLE, ReadProblem, decode, plainly_printable, unprintable_at


def test_every_forbidden_character_sends_the_bytes_to_the_search():
    for code in range(0x110000):
        if 0xD800 <= code <= 0xDFFF:
            continue  # no UTF-8 text holds a lone surrogate
        character = chr(code)
        if _UNPRINTABLE.match(character):
            assert not plainly_printable(f"a: b{character}c\n".encode()), hex(code)


SOME = "ab \t\n\r:-æøåÆØÅ«»\xa0\x85\x7f\x1b\x00\x9b\ufffe\uffff\ufeff€\U0001f600"


@given(st.text(alphabet=st.one_of(st.sampled_from(SOME), st.characters(exclude_categories=("Cs",))), max_size=30))
def test_a_text_the_quick_scan_passes_holds_nothing_forbidden(text):
    if plainly_printable(text.encode()):
        assert unprintable_at(text) is None


def test_a_control_character_is_still_found_where_it_stands():
    for data, at in ((b"id: R-1\nunit: I\x1bE\n", (2, 8)), ("id: R-1\nunit: \u0085\x9b\n".encode(), (2, 8)),
                     ("a: \ufffe\n".encode(), (1, 4))):
        try:
            decode(data)
        except ReadProblem as problem:
            assert problem.at == at
        else:
            raise AssertionError(data)
    assert decode("unit: «IE» æøå\xa0\n".encode()) == "unit: «IE» æøå\xa0\n"

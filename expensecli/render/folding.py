"""Where rich folds a line of text, for text whose every character is one terminal cell wide.

The human tables (`check`'s findings, the `deadlines` and `status` reports) are written as
rich would draw them rather than through rich a cell at a time. For text of characters that
rich counts one cell each (printable ASCII and the Latin letters up to U+02FF: Norwegian
names and messages included), its line divider is followed step by step with `len` for its
cell widths, in under half its time; any other text goes to rich's own divider. Tests hold
both to rich for any such text and width.
"""

from __future__ import annotations

import re

# The characters rich counts one cell wide whatever the Unicode version (its own set of them in
# `rich.cells`): the printable ASCII ones and U+00A0..U+02FF but the soft hyphen, which it
# measures from the Unicode tables instead.
ONE_CELL = frozenset(map(chr, [*range(0x20, 0x7F), *range(0xA0, 0xAD), *range(0xAE, 0x300)]))

_WORD = re.compile(r"\s*\S+\s*").finditer  # rich's words: one with the white space after it


def one_cell_breaks(text: str, width: int) -> list[int]:
    """Where rich's line divider (`rich._wrap.divide_line`, folding) breaks `text`, every
    character of which is in ONE_CELL: its own steps, with `len` for rich's cell widths and
    slices for its folding (9 µs instead of 20 for a message of 140 characters)."""
    breaks: list[int] = []
    offset = 0
    for word in _WORD(text):
        start, end = word.span()
        length = len(word.group().rstrip())
        if width - offset >= length:  # the word fits on this line
            offset += end - start
        elif length > width:  # longer than a line: folded, `width` characters a line
            for piece in range(start, end, width):
                if piece:
                    breaks.append(piece)
            offset = (end - start) % width or width
        elif offset and start:  # on the next line
            breaks.append(start)
            offset = end - start
    return breaks

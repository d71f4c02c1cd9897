"""Text from a claim or a file name made safe to show: nothing in a claim can forge a line.

Every value quoted in a message passes through `printable` before it reaches any output.
"""

from __future__ import annotations

import re

# C0 and C1 controls (ESC, CSI, NEL ...), DEL, undecodable bytes (surrogate escapes; any lone
# surrogate, which cannot be written as UTF-8), the line and
# paragraph separators, and the bidirectional controls that reorder what a terminal shows (U+202E);
# and what shows as nothing, so that two ids or names that look the same are not different
# unseen: zero-width spaces and joiners, the word joiner and invisible operators, a byte-order
# mark inside a text, the soft hyphen, the Mongolian vowel separator, interlinear annotation
# marks, tag characters, the combining grapheme joiner, Hangul and Khmer fillers, variation
# selectors, and the noncharacters (U+FDD0..U+FDEF and the last two of each plane). A backslash
# is left as it is: texts are made printable at more than one layer, and escaping it would
# escape an escape again.
_NONCHARACTERS = "".join(f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0x10000, 0x110000, 0x10000))
# What Python calls printable yet shows as nothing (marks and fillers), as a character class's insides.
_MARKS_AND_FILLERS = "\u034f\u115f\u1160\u17b4\u17b5\u3164\uffa0\ufe00-\ufe0f\U000e0100-\U000e01ef"
_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\u200e\u200f\u061c"
                         "\u202a-\u202e\u2066-\u2069"
                         "\u00ad\u180e\u200b-\u200d\u2060-\u2064\ufeff\ufff9-\ufffb\ufdd0-\ufdef\ufffe\uffff"
                         f"\U000e0000-\U000e007f{_MARKS_AND_FILLERS}{_NONCHARACTERS}]")


def _escaped(found: re.Match) -> str:
    code = ord(found.group())
    if code <= 0xFF or 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code & 0xFF:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def folded(text: str) -> str:
    """A name or an id as they are compared: runs of white space made one space, trimmed, and
    letter case ignored ("Ola  Nordmann " and "ola nordmann" are one person)."""
    return " ".join(text.split()).casefold()


def printable(text: str) -> str:
    """`text` with control characters and undecodable bytes (surrogate escapes) written as \\xNN,
    and line separators, bidirectional controls and characters that show as nothing as \\uNNNN,
    so a file name or any value from a claim can never forge or reorder a line of the output,
    nor send a terminal an escape sequence, nor pass for another. A text Python calls printable
    holds none of those but a few marks and fillers (`_SHOWS_NOTHING`, looked for when it is not
    ASCII), and is otherwise returned as it is. Made printable twice, a text is as made once."""
    if text.isprintable() and (text.isascii() or not _SHOWS_NOTHING.search(text)):
        return text
    return _UNSHOWABLE.sub(_escaped, text)


# Searched for in a printable text that is not ASCII, which the quick answer above would
# otherwise let through.
_SHOWS_NOTHING = re.compile(f"[{_MARKS_AND_FILLERS}]")


_SURROGATES = re.compile("[\ud800-\udfff]")


def storable(text: str) -> str:
    """`text` with only its lone surrogates escaped, as `printable` escapes them (an undecodable
    byte of a file name as \\xNN): what a database or UTF-8 can hold, for a path or a value typed
    on the command line, which reach the ledger without being made printable first."""
    return _SURROGATES.sub(_escaped, text)


def restored(text: str) -> str:
    """`text` as it was before `storable`: each `\\xNN` of a byte 80 to ff back to the surrogate
    that stands for that byte. A name that held those four characters itself is not told apart."""
    return _STORED_BYTE.sub(lambda found: chr(0xDC00 + int(found[1], 16)), text)


_STORED_BYTE = re.compile(r"\\x([89a-f][0-9a-f])")

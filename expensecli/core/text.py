"""Text from a claim or a file name made safe to show: nothing in a claim can forge a line.

Every value quoted in a message passes through `printable` before it reaches any output.
"""

from __future__ import annotations

import re

_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\udc80-\udcff]")


def printable(text: str) -> str:
    """`text` with control characters and undecodable bytes (surrogate escapes) written as \\xNN,
    so a file name or a value quoted in a message can never forge a line of the output."""
    return _UNSHOWABLE.sub(lambda found: f"\\x{ord(found.group()) & 0xFF:02x}", text)

"""Rich output captured as text: the one place the human tables meet rich."""

from __future__ import annotations

import io


def text_console(color: bool, width: int = 120):
    """A rich console that writes into a string, `width` wide; colour only when asked for, and
    then whatever TERM says. (For TERM=dumb rich would choose no colour and 80 columns, unless the
    colours and both sizes are given: `--color always` and FORCE_COLOR ask for colour where TERM is
    dumb, as in CI logs.) Markup and emoji codes are off: a claim's `[link=...]` or `:smile:` is
    shown as typed, never interpreted."""
    from rich.console import Console

    def console(color_system: str = "auto"):
        return Console(file=io.StringIO(), force_terminal=color, no_color=not color, width=width, height=25,
                       color_system=color_system, highlight=False, soft_wrap=False, markup=False, emoji=False)

    made = console()
    return console("standard") if color and made.color_system is None else made


def captured(console) -> str:
    """What was printed, without the padding rich leaves at the ends of lines."""
    return "".join(line.rstrip() + "\n" for line in console.file.getvalue().splitlines())


# The escape codes rich writes for the styles of the tables that are written as it draws them
# (`render.text`, `render.plain_tables`), in every colour system `direct_colour` lets through.
SGR = {"bold": "\x1b[1m", "dim": "\x1b[2m", "bold dim": "\x1b[1;2m", "bold red": "\x1b[1;31m",
       "red": "\x1b[31m", "yellow": "\x1b[33m", "cyan": "\x1b[36m"}
RESET = "\x1b[0m"


def direct_colour(console) -> bool | None:
    """Whether lines that imitate rich's are written for `console` in colour (True) or without
    (False), or None when only rich knows how they look (a colour system other than a
    terminal's usual ones, whose escape codes for bold, dim, red, yellow and cyan these use)."""
    if console.no_color:
        return False
    return True if console.color_system in ("standard", "256", "truecolor") else None

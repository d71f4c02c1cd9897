"""One style for every error, and the options that belong to the whole program wherever they stand.

Click words a usage error in a block of its own (`Usage: ...`, `Try ...`, `Error: Invalid value`);
the rest of the program says `expensecli: error: ...` in one line. `Group` makes a usage error
one such line too (exit 2), naming the help to read, so a cron log or a terminal gets one kind
of message. `expensecli` with no command still prints the help.

`Command` shows a command's arguments by their metavars in its usage line (`PATH...`).

The program's own options (`--traceback`, `--config PATH`, `--isolated`, `--no-pager`) may be
given after the command as well (`expensecli check x --traceback`), as people do: `hoisted`
moves them in front of it before Click reads the line. Anything after `--` is left alone.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence

import typer
from typer.core import TyperCommand, TyperGroup

GLOBAL_FLAGS = ("--traceback", "--isolated", "--no-pager")
GLOBAL_VALUED = ("--config", "--lang")


def hoisted(args: Sequence[str]) -> list[str]:
    """`args` with the program's own options moved before the command."""
    front: list[str] = []
    rest: list[str] = []
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--":
            rest += args[index:]
            break
        if arg in GLOBAL_FLAGS or arg.startswith(tuple(f"{name}=" for name in GLOBAL_VALUED)):
            front.append(arg)
        elif arg in GLOBAL_VALUED and index + 1 < len(args):
            front += [arg, args[index + 1]]
            index += 1
        else:
            rest.append(arg)
        index += 1
    return front + rest


def fail(message: str) -> typer.Exit:
    """Say what is wrong with the command line or configuration; raise the result (exit code 2)."""
    typer.echo(f"expensecli: error: {message}", err=True)
    return typer.Exit(2)


def usage_line(problem: typer.TyperException) -> str:
    """The one line a usage error is: `expensecli: error: <what> (see <command> --help)`."""
    text = " ".join(problem.format_message().split()).rstrip(".")
    text = re.sub(r" \(Possible options: ([^)]*)\)", r"; did you mean \1?", text)
    text = text.replace(". Did you mean", "; did you mean")
    text = text[:1].lower() + text[1:]
    context = getattr(problem, "ctx", None)
    where = f" (see {context.command_path} --help)" if context is not None else ""
    return f"expensecli: error: {text}{where}"


def show_usage_error(problem: typer.TyperException) -> int:
    """Print a usage error (the help, when no command was given) and return its exit code. (Typer
    brings its own copy of Click, whose errors are `TyperException`s.)"""
    if type(problem).__name__ == "NoArgsIsHelpError":
        problem.show()
    else:
        sys.stderr.write(usage_line(problem) + "\n")
    return getattr(problem, "exit_code", 2)


class Group(TyperGroup):
    """The `expensecli` command group: its own options anywhere, and usage errors in one line."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True, **extra):
        args = hoisted(sys.argv[1:] if args is None else args)
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except typer.TyperException as problem:
            sys.exit(show_usage_error(problem))
        except typer.Abort:
            sys.exit(130)
        sys.exit(code if isinstance(code, int) else 0)


class Command(TyperCommand):
    """A command whose usage line shows its arguments as their metavars (`PATH...`, `CODE`), without
    the braces Typer puts around required ones (`{PATH...}`)."""

    def collect_usage_pieces(self, context) -> list[str]:
        return [piece[1:-1] if piece.startswith("{") and piece.endswith("}") else piece
                for piece in super().collect_usage_pieces(context)]

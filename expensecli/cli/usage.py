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

from expensecli.core import i18n
from expensecli.core.i18n import mark, tr

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
    from expensecli.core.text import printable  # here: only an error needs it

    typer.echo(f"expensecli: error: {printable(message)}", err=True)  # a value given can hold no control
    return typer.Exit(2)


# Click's usage errors (which it words in English), as patterns of the line `usage_line` makes of
# them and the sentence each is said with in the language of the run; anything else stays as Click
# said it.
_CLICK = tuple((pattern, message) for pattern, message in (  # compiled when first used
    (r"no such option: (?P<name>\S+?)", mark("no such option: {name}")),
    (r"no such command (?P<name>'[^']*')", mark("no such command {name}")),
    (r"missing argument (?P<name>'[^']*')", mark("missing argument {name}")),
    (r"missing option (?P<name>'[^']*')", mark("missing option {name}")),
    (r"option (?P<name>'[^']*') requires an argument", mark("option {name} requires an argument")),
    (r"option (?P<name>'[^']*') does not take a value", mark("option {name} does not take a value")),
    (r"got unexpected extra arguments? \((?P<arguments>.*)\)", mark("got unexpected extra argument ({arguments})")),
    (r"invalid value for (?P<option>.+?): (?P<value>.+?) is not one of (?P<choices>.+)",
     mark("invalid value for {option}: {value} is not one of {choices}")),
    (r"invalid value for (?P<option>.+?): (?P<value>.+?) is not in the range (?P<range>\S+)",
     mark("invalid value for {option}: {value} is not in the range {range}")),
    (r"invalid value for (?P<option>.+?): (?P<value>.+?) is not a valid (?:integer|int|int range)",
     mark("invalid value for {option}: {value} is not a valid integer")),
    (r"invalid value for (?P<option>.+?): (?P<reason>.+)", mark("invalid value for {option}: {reason}")),
))


def _translated(text: str) -> str:
    """A usage error's text (as `usage_line` words it) in the language of the run."""
    if i18n.language() == "en":
        return text
    message, near = (text.rsplit("; did you mean ", 1) + [""])[:2] if "; did you mean " in text else (text, "")
    for pattern, sentence in _CLICK:
        if match := re.fullmatch(pattern, message):
            message = tr(sentence, **match.groupdict())
            break
    return tr("{message}; did you mean {choices}?", message=message, choices=near[:-1]) if near.endswith("?") \
        else message


def usage_line(problem: typer.TyperException) -> str:
    """The one line a usage error is: `expensecli: error: <what> (see <command> --help)`."""
    text = " ".join(problem.format_message().split()).rstrip(".")
    text = re.sub(r" \(Possible options: ([^)]*)\)", r"; did you mean \1?", text)
    text = text.replace(". Did you mean", "; did you mean")
    text = _translated(text[:1].lower() + text[1:])
    context = getattr(problem, "ctx", None)
    if context is None:
        return f"expensecli: error: {text}"
    return "expensecli: error: " + tr("{message} (see {command} --help)", message=text, command=context.command_path)


def show_usage_error(problem: typer.TyperException, args: Sequence[str] | None = None) -> int:
    """Print a usage error (the help, when no command was given) and return its exit code. (Typer
    brings its own copy of Click, whose errors are `TyperException`s.) An error in the program's own
    options or the command's name comes before the language is chosen: it is said in the language
    `--lang` asks for, else the locale's."""
    if type(problem).__name__ == "NoArgsIsHelpError":
        problem.show()
        return getattr(problem, "exit_code", 2)
    context = getattr(problem, "ctx", None)
    if context is None or context.parent is None:
        i18n.use(early_language(sys.argv[1:] if args is None else args))
    from expensecli.core.text import printable

    sys.stderr.write(printable(usage_line(problem)) + "\n")
    return getattr(problem, "exit_code", 2)


def early_language(args: Sequence[str]) -> str:
    """The language of the output before the program's callback chooses it: `--lang` when it names
    a language, else the locale's."""
    for index, arg in enumerate(args):
        if arg == "--":
            break
        value = arg.split("=", 1)[1] if arg.startswith("--lang=") else \
            args[index + 1] if arg == "--lang" and index + 1 < len(args) else None
        if value in i18n.LANGUAGES:
            return value
    return i18n.from_environment()


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
            sys.exit(show_usage_error(problem, args))
        except typer.Abort:
            sys.exit(130)
        sys.exit(code if isinstance(code, int) else 0)


class Command(TyperCommand):
    """A command whose usage line shows its arguments as their metavars (`PATH...`, `CODE`), without
    the braces Typer puts around required ones (`{PATH...}`)."""

    def collect_usage_pieces(self, context) -> list[str]:
        return [piece[1:-1] if piece.startswith("{") and piece.endswith("}") else piece
                for piece in super().collect_usage_pieces(context)]

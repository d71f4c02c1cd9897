"""The `expensecli` entry point: the Typer app, its subcommands, and exit-code discipline.

No traceback reaches a user unless `--traceback` is given; Ctrl-C exits 130, SIGTERM 143 and
SIGHUP 129 (they are handled like Ctrl-C: workers stopped, no temp file left; see `lifeline`).
Usage errors are one `expensecli: error:` line like every other error (`usage`). The program's
own options may stand before or after the command; the configuration file they choose gives the
commands their defaults (`configured`).
"""

from __future__ import annotations

import importlib
import os
import sys
from enum import Enum

import typer

from expensecli import __version__
from expensecli.cli.pydantic_plugins import plugins_off
from expensecli.cli.usage import GLOBAL_VALUED, Group, fail, show_usage_error  # noqa: F401 (fail: for the commands)
from expensecli.core import i18n

app = typer.Typer(
    cls=Group,
    name="expensecli",
    help="Check NTNU expense claims (YAML) against the policy and the yearly rate sheets.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


Language = Enum("Language", {code: code for code in i18n.LANGUAGES}, type=str)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"expensecli {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    context: typer.Context,
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
    traceback: bool = typer.Option(False, "--traceback", help="Show the full traceback of an internal error"
                                   " (also after the command)."),
    config: str = typer.Option(None, "--config", metavar="PATH", help="Read the settings from this TOML file"
                               " instead of the expensecli.toml or pyproject.toml found from the current folder up."),
    isolated: bool = typer.Option(False, "--isolated", help="Read no configuration file: the command line and the"
                                  " defaults only."),
    no_pager: bool = typer.Option(False, "--no-pager", help="Never page long output on a terminal (PAGER; less"
                                  " by default)."),
    lang: Language = typer.Option(None, "--lang", help="The language of messages, tables and reports: en or nb"
                                  " (bokmål). Default: lang in the configuration file, else nb when the locale"
                                  " (LC_ALL, LC_MESSAGES, LANG) is Norwegian, else en."),
) -> None:
    """Check NTNU expense claims (YAML) against the policy and the yearly rate sheets.

    The options above may also be given after the command. Settings are read from expensecli.toml
    (or [tool.expensecli] in pyproject.toml) found from the current folder up; the command line wins.
    """
    SETTINGS.update(traceback=traceback, no_pager=no_pager, reads=[])
    from expensecli.cli.configured import apply_configuration

    settings = apply_configuration(context, config, isolated)
    i18n.use(lang.value if lang else settings.lang or i18n.from_environment())


# The program's own options, for the commands; `reads`: the files this command reads, which
# `-o` may not replace (`output.reads`).
SETTINGS = {"traceback": False, "no_pager": False, "reads": []}


COMMAND_MODULES = {
    "check": "check_cmd", "status": "chasing_cmd", "deadlines": "chasing_cmd", "catering": "catering_cmd",
    "rates": "rates_cmd", "rules": "rules_cmd", "schema": "schema_cmd", "new": "new_cmd",
    "report": "report_cmd",
    "config": "config_cmd",
    "ledger": "ledger_cmd", "waive": "ledger_cmd", "waivers": "ledger_cmd",
}


def _register(argv: list[str] | None = None) -> None:
    """Import the command modules: with `argv`, only the one of the command being run, so that
    `catering quote` does not pay for the claim models; all of them for help and completion."""
    words = [arg for n, arg in enumerate(argv or [])
             if not arg.startswith("-") and (n == 0 or argv[n - 1] not in GLOBAL_VALUED)]
    wanted = words[0] if argv is not None and words else None
    if wanted in COMMAND_MODULES and not os.environ.get("_EXPENSECLI_COMPLETE"):
        modules = {COMMAND_MODULES[wanted]}
    elif wanted is None and argv and argv[0] == "--version" and not os.environ.get("_EXPENSECLI_COMPLETE"):
        modules = set()  # the version is printed before any command is looked at
    else:
        modules = set(COMMAND_MODULES.values())
    for module in sorted(modules):
        importlib.import_module(f"{__package__}.{module}")


def _imported(argv: list[str]) -> None:
    """`_register`, without the cyclic garbage collector: importing the command modules builds
    tens of thousands of long-lived objects (classes, functions, schemas) and almost no garbage,
    yet makes the collector run again and again over all of them, a full pass included. They are
    then kept out of later collections (`gc.freeze`), which also spares worker processes from
    copying the memory they share with this one."""
    import gc

    gc.disable()
    try:
        _register(argv)
    finally:
        gc.freeze()
        gc.enable()


def stdout_encoded() -> None:
    """Standard output that cannot encode every character (`LC_ALL=C` with `PYTHONUTF8=0`, a
    `PYTHONIOENCODING` of ascii or latin-1) would fail at the first name with an accent or the
    first table rule. Into a pipe or a file, results are then UTF-8, the same bytes `-o FILE`
    gets; on a terminal, in its own encoding with what it cannot show as "?"."""
    import codecs

    stream = sys.stdout
    try:
        if codecs.lookup(stream.encoding or "ascii").name == "utf-8":
            return
        if stream.isatty():
            stream.reconfigure(errors="replace")
        else:
            stream.reconfigure(encoding="utf-8")
    except (AttributeError, LookupError, ValueError, OSError):  # not a text file of the usual kind, or closed
        pass


def run() -> None:
    """Console-script entry point: every outcome becomes an exit code, never a traceback.

    0/1 as the command says; 2 for usage errors and internal errors (one line naming only the
    exception's type, so no claim data reaches a log; `--traceback` shows it all); 130 on
    Ctrl-C, wherever it lands once this function runs (imports of the commands, reading,
    workers, writing); 143 on SIGTERM and 129 on SIGHUP, handled the same way. When the result
    cannot be written to stdout (a full disk, a reader that went away), one line and exit 2.
    """
    from expensecli.run.lifeline import Terminated, handle_termination

    handle_termination()
    stdout_encoded()
    # No pydantic plugin is looked for (the program validates its own files and uses none):
    # set PYDANTIC_DISABLE_PLUGINS to an empty value to allow them.
    plugins_off()
    try:
        _imported(sys.argv[1:])
        code = app(standalone_mode=False, prog_name="expensecli")
    except typer.Exit as done:
        code = done.exit_code
    except typer.TyperException as problem:  # usage errors: bad option, missing argument
        code = show_usage_error(problem)
    except (KeyboardInterrupt, typer.Abort):
        code = 130
    except Terminated as signalled:
        code = signalled.exit_code
    except Exception as error:
        if "--traceback" in sys.argv:
            raise
        sys.stderr.write(i18n.tr("expensecli: internal error ({error}); run again with --traceback for details and"
                                 " please report it", error=type(error).__name__) + "\n")
        code = 2
    if code == 130:
        sys.stderr.write(i18n.tr("expensecli: interrupted") + "\n")
    elif code in (129, 143):
        sys.stderr.write(i18n.tr("expensecli: terminated by {signal}", signal="SIGTERM" if code == 143 else "SIGHUP")
                         + "\n")
    if code in (129, 130, 143):
        ended_now(code)
    sys.exit(code if isinstance(code, int) else 0)


def ended_now(code: int) -> None:
    """An interrupted run whose worker pool was stopped leaves its pool's manager thread, which
    the interpreter would join on the way out: a worker killed while it sent a result leaves a
    part of a message in the pipe, which that thread then waits on for ever. Everything of the
    run is undone or removed by now (temp files, the ledger's transaction), so the process
    ends here, with the streams flushed, rather than wait for that thread."""
    import threading

    if not any(thread.is_alive() and not thread.daemon for thread in threading.enumerate()
               if thread is not threading.main_thread()):
        return
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)

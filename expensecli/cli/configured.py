"""The configuration file applied to a run: its settings become the commands' defaults.

`apply_configuration` (called by the program's callback, before the command is parsed) reads
the file (`load.config`) and hands its values to Click as the default of every option with the
same name (`default_map`), in every command that has one: the command line wins because it
overrides a default, and an option a command lacks is simply not set there. A value a command
cannot take (`format = "junit"` for `status`) leaves that command its own default, and `format`
is for the commands that read claims only (not `rules list` or `config show`). What is not
an option travels as data: `[severity]` through `Selection` into the engine, `controllers`,
`ledger` and `lang` in `active()` for the commands that use them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from expensecli.cli.usage import fail
from expensecli.core import i18n
from expensecli.load.config import Config, ConfigError, load_config

_ACTIVE: list[Config] = [Config()]
_FROM_FILE: set[str] = set()  # the options of the running command whose value the configuration file gave


def active() -> Config:
    """The configuration of this run (empty when none applies)."""
    return _ACTIVE[0]


def apply_configuration(context, explicit: str | None, isolated: bool) -> Config:
    """Read the configuration file and make its settings the commands' defaults. Its own errors are
    said in the language `--lang` chooses, else in the file's own `lang` when that is good, else
    in the locale's."""
    early = context.params.get("lang")
    i18n.use(getattr(early, "value", early) or i18n.from_environment())
    if explicit and isolated:
        raise fail(i18n.tr("--config and --isolated exclude each other: --isolated reads no configuration file"))
    from expensecli.render import Format

    try:
        here = Path.cwd()
    except OSError:  # the current folder was removed: no file is found from it
        here = None
    try:
        config = (load_config(here, Path(explicit) if explicit else None, isolated, [f.value for f in Format],
                              its_language=not early) if here is not None or explicit or isolated else Config())
    except ConfigError as error:
        raise fail(str(error)) from None
    _ACTIVE[0] = config
    _FROM_FILE.clear()
    if config.settings:
        context.default_map = defaults(context.command, config)
    return config


def from_configuration(context, name: str) -> bool:
    """Whether the value of option `name` came from the configuration file (not the command line)."""
    source = context.get_parameter_source(name)
    return source is not None and source.name == "DEFAULT_MAP"


def noted(context, param, value: Any) -> Any:
    """An option's callback (`--rates`, `--ledger`): notes whether the running command took the
    option's value from the configuration file, for `where_configured`; the value is unchanged."""
    if from_configuration(context, param.name):
        _FROM_FILE.add(param.name)
    return value


def where_configured(name: str) -> str | None:
    """Where the configuration file set option `name` ("expensecli.toml:2"), when the running
    command took its value from there (`noted`); None when it came from the command line, the
    environment or the option's own default."""
    setting = active().settings.get(name)
    return setting.origin if name in _FROM_FILE and setting is not None else None


def rates_problem(error: Exception) -> str:
    """The message of a rate-sheet error. A rates folder or file that is not one, given by the
    configuration file, is said at the file's line and named by its key: "expensecli.toml:2: rates
    /srv/claims/nowhere: rate sheet file or folder does not exist"; from `--rates`, as it is."""
    from expensecli.load.ratebook import RateSourceError

    origin = where_configured("rates") if isinstance(error, RateSourceError) else None
    return f"{origin}: rates {error}" if origin else str(error)


def ledger_problem(message: str) -> str:
    """The message of a ledger error. One about the ledger's path or URL names the option it came
    from ("--ledger PATH: ..."); when the configuration file gave it, it is said at the file's line
    and named by its key instead: "expensecli.toml:5: ledger PATH: ..."."""
    origin = where_configured("ledger") if message.startswith(LEDGER_OPTION) else None
    return f"{origin}: ledger{message.removeprefix(LEDGER_OPTION)}" if origin else message


LEDGER_OPTION = "--ledger"


def check_codes(config: Config, known: set[str]) -> None:
    """Exit 2 when `[severity]` names a code that does not exist (checked when claims are read)."""
    try:
        config.unknown_codes(known)
    except ConfigError as error:
        raise fail(str(error)) from None


def defaults(command, config: Config) -> dict[str, Any]:
    """Click's `default_map` for `command` and its subcommands: option name -> configured value."""
    found: dict[str, Any] = {}
    for name, sub in getattr(command, "commands", {}).items():
        if hasattr(sub, "commands"):  # a group of commands (Typer's groups are not click.Group)
            nested = defaults(sub, config)
        else:
            names = {param.name for param in sub.params}
            nested = {param.name: value for param in sub.params
                      if param.name in config.settings and (param.name != "format" or "paths" in names)
                      and (value := _as_option(param, config.value(param.name))) is not None}
        if nested:
            found[name] = nested
    return found


def _as_option(param, value: Any) -> Any:
    """The configured value as the option (a Click parameter) takes it, or None when it cannot."""
    if isinstance(value, tuple):  # a list of names: the option's comma-separated text
        value = ", ".join(value)
    choices = getattr(param.type, "choices", None)
    if choices is not None and str(value) not in [str(choice) for choice in choices]:
        return None
    return value

"""Fixtures of the ledger tests: `ledger` is the same test on SQLite and on PostgreSQL."""

from __future__ import annotations

import json

import pytest
from ledger_support import BACKENDS, ledger_at
from typer.testing import CliRunner

from expensecli.cli.main import _register, app

_register()
runner = CliRunner()


@pytest.fixture(params=BACKENDS)
def ledger(request, tmp_path_factory):
    """A ledger's path or URL: a SQLite file, or a new database on the PostgreSQL test server."""
    with ledger_at(request.param, tmp_path_factory.mktemp("ledger")) as target:
        yield target


@pytest.fixture
def cli():
    def invoke(*args: str):
        result = runner.invoke(app, list(args))
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        return result

    return invoke


@pytest.fixture
def check(cli):
    """`expensecli check FOLDER --ledger L -f json` as of 2024-05-01: the parsed JSON and the exit code."""
    def run(folder, ledger, *more: str):
        result = cli("check", str(folder), "--ledger", ledger, "--as-of", "2024-05-01", "-f", "json", "-j1", *more)
        assert result.exit_code in (0, 1), result.output
        return json.loads(result.stdout), result.exit_code

    return run

# Two entry points for a fresh machine with Python 3.11+ and make: `make demo` and `make test`.
# Both install exactly what uv.lock names (every package of the tree, pinned, with hashes).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# uv itself, pinned, in a folder of its own inside the project (used when it is not on PATH
# at this version): `uv sync` keeps .venv exactly as the lock says, so uv may not live there.
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON := $(PYTHON)

.PHONY: demo test install clean bench upgrade test-latest test-lowest screenshot catalogs core-schema

$(UV):
	$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed, found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet --disable-pip-version-check 'uv==$(UV_VERSION)'

# --compile-bytecode: every module is compiled once here, as an installer would, so no run pays
# for compiling one (where PYTHONDONTWRITEBYTECODE is set, each run would compile them all again).
$(VENV)/.installed: $(UV) pyproject.toml uv.lock
	$(UV) sync --locked --extra test --quiet --compile-bytecode
	touch $@

install: $(VENV)/.installed

# Exit status 1 only means the examples have findings (several are broken on purpose).
demo: install
	@$(BIN)/expensecli check examples/ --as-of 2024-05-01 --format table; rc=$$?; [ $$rc -le 1 ]

test: install
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python benchmarks/bench_check.py
	$(BIN)/python benchmarks/bench_ledger.py
	$(BIN)/python benchmarks/bench_report.py

# docs/report.png: the report of examples/ in headless Chromium (apt-get install chromium)
screenshot: install
	$(BIN)/python tests/browser/screenshot.py docs/report.png

# The bokmål catalog: new sentences of the code added to the .po (untranslated, for a translator),
# sentences no longer used dropped, and the .mo that ships in the wheel compiled from it.
LOCALE := expensecli/locale
catalogs: install
	$(BIN)/pybabel -q extract -F babel.cfg -k tr -k ntr:1,2 -k mark --no-location --sort-output \
		-o $(LOCALE)/expensecli.pot expensecli
	$(BIN)/pybabel -q update -i $(LOCALE)/expensecli.pot -d $(LOCALE) -D expensecli \
		--no-fuzzy-matching --ignore-obsolete
	$(BIN)/pybabel compile -d $(LOCALE) -D expensecli --statistics
	rm $(LOCALE)/expensecli.pot

# Re-lock to the newest versions pyproject.toml allows; review the diff of uv.lock, then commit.
upgrade: $(UV)
	$(UV) lock --upgrade
	$(UV) sync --locked --extra test --quiet
	touch $(VENV)/.installed

# The tests against the newest versions allowed, without the lock, in a venv of their own.
test-latest: $(UV)
	rm -rf .venv-latest
	$(UV) venv --quiet .venv-latest
	$(UV) pip install --quiet --python .venv-latest/bin/python --upgrade -e '.[test]'
	.venv-latest/bin/python -m pytest -q -p no:cacheprovider

# The tests against the lowest versions pyproject.toml states, so that its ranges stay honest.
test-lowest: $(UV)
	rm -rf .venv-lowest
	$(UV) venv --quiet .venv-lowest
	$(UV) pip install --quiet --python .venv-lowest/bin/python --resolution lowest-direct -e '.[test]'
	.venv-lowest/bin/python -m pytest -q -p no:cacheprovider

clean:
	rm -rf $(VENV) .venv-latest .venv-lowest $(TOOLS) build dist *.egg-info .pytest_cache

# The claim format's core schema, generated from the pydantic models (a run validates claims with
# it, without importing pydantic); tests/models/test_claim_validator.py says when it is stale.
core-schema: install
	$(BIN)/python -m expensecli.models.core_schema_source > expensecli/models/claim_core_schema.py

# Two entry points for a fresh machine with Python 3.11+ and make: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test install clean bench

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed, found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

install: $(VENV)/.installed

# Exit status 1 only means the examples have findings (several are broken on purpose).
demo: install
	@$(BIN)/expensecli check examples/ --as-of 2024-05-01 --format table; rc=$$?; [ $$rc -le 1 ]

test: install
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python benchmarks/bench_check.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache

# Set-up on a fresh machine is two commands: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test lint typecheck validate docs-check fuzz bench clean graphviz

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# Re-install when the project's metadata changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test]'
	@touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/kb show insomnia

# Graphviz renders `kb graph --format dot` in the tests; install it where we can (CI runs as root).
graphviz:
	@command -v dot >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && apt-get install -y -qq graphviz >/dev/null) \
	      || echo "graphviz could not be installed: the DOT rendering test will be skipped"; \
	  else echo "graphviz (dot) not found and cannot be installed here: the DOT rendering test will be skipped"; fi; }

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy

validate: $(VENV)/.installed-test
	$(BIN)/kb validate data --strict

test: $(VENV)/.installed-test graphviz lint typecheck validate
	$(BIN)/python -m pytest -q

fuzz: $(VENV)/.installed-test
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q tests/test_fuzz.py

bench: $(VENV)/.installed-test
	$(BIN)/python -m pip install -q -e '.[test,bench]'
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build dist

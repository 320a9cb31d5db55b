# Set-up on a fresh machine is two commands: `make demo` and `make test`.
# Both install exactly the versions in requirements/*-lock.txt (hash-checked); `make lock`
# regenerates the locks from pyproject.toml's ranges, `make test-latest` tries the newest.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.8
# Sources every code check covers.
CODE := src tests scripts benchmarks

.PHONY: demo test lint typecheck imports validate docs-check fuzz bench bench-incremental mutate lock \
	test-latest clean graphviz biber

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# pip installs the locked files only (--require-hashes, --no-deps), then the project itself
# without build isolation (its build backend is locked too); check_lock.py then proves that
# what is installed is exactly the lock.
define install_locked
	$(BIN)/python -m pip install -q --require-hashes --no-deps -r $(1)
	$(BIN)/python -m pip install -q --no-deps --no-build-isolation -e .
	$(BIN)/python scripts/check_lock.py $(1)
endef

$(VENV)/.installed: requirements/run-lock.txt pyproject.toml | $(BIN)/python
	$(call install_locked,requirements/run-lock.txt)
	@touch $@

$(VENV)/.installed-test: requirements/dev-lock.txt pyproject.toml | $(BIN)/python
	$(call install_locked,requirements/dev-lock.txt)
	@touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/kb show insomnia

# Tools some tests drive, from Debian where we can (CI runs as root); without them those
# tests skip with a message. $(1): the command, $(2): the package, $(3): what is skipped.
define apt_tool
	@command -v $(1) >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && apt-get install -y -qq $(2) >/dev/null) \
	      || echo "$(2) could not be installed: $(3) will be skipped"; \
	  else echo "$(1) not found and cannot be installed here: $(3) will be skipped"; fi; }
endef

# Graphviz renders `kb graph --format dot`; biber checks the BibTeX export's fields.
graphviz:
	$(call apt_tool,dot,graphviz,the DOT rendering tests)

biber:
	$(call apt_tool,biber,biber,the biblatex data-model test)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check $(CODE)
	$(BIN)/ruff format --check $(CODE)

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy

# Stages import only the stages below them (docs/architecture.md); see [tool.importlinter].
imports: $(VENV)/.installed-test
	$(BIN)/lint-imports --no-cache

validate: $(VENV)/.installed-test
	$(BIN)/kb validate data --strict

test: $(VENV)/.installed-test graphviz biber lint typecheck imports validate
	$(BIN)/python -m pytest -q

fuzz: $(VENV)/.installed-test
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q tests/test_fuzz.py

bench: $(VENV)/.installed-test
	$(BIN)/python benchmarks/run.py

# Issue 11's targets: one edited file at 10,000 and 100,000 entities (about 5 minutes).
bench-incremental: $(VENV)/.installed-test
	$(BIN)/python benchmarks/incremental.py

# Mutation testing of the rules, the knowledge base and the YAML loader (not in CI: slow).
# Figures and surviving mutants are explained in docs/mutation.md.
mutate: $(VENV)/.installed-test
	rm -rf mutants
	$(BIN)/mutmut run --max-children 2 || true
	$(BIN)/mutmut results > mutants/results.txt || true
	$(BIN)/python scripts/mutation_score.py mutants/results.txt

# Regenerate the locks from pyproject.toml (and requirements/build.in). run-lock.txt takes the
# versions of dev-lock.txt, so `make demo` and `make test` run the same library versions.
lock:
	test -x .venv-lock/bin/uv || { $(PYTHON) -m venv .venv-lock && .venv-lock/bin/pip install -q uv==$(UV_VERSION); }
	.venv-lock/bin/uv pip compile pyproject.toml requirements/build.in --extra test --extra dev \
	  --extra bench --generate-hashes --universal --python-version 3.11 -q -o requirements/dev-lock.txt
	.venv-lock/bin/uv pip compile pyproject.toml requirements/build.in --generate-hashes --universal \
	  --python-version 3.11 --constraint requirements/dev-lock.txt -q -o requirements/run-lock.txt

# The suite against the newest versions pyproject.toml allows, in a venv of its own: to see
# the next break before it lands. Not part of CI (its result depends on the day).
test-latest:
	rm -rf .venv-latest
	$(PYTHON) -m venv .venv-latest
	.venv-latest/bin/python -m pip install -q --upgrade -e '.[test,dev]'
	.venv-latest/bin/python -m pip list --format=freeze > .venv-latest/versions.txt
	.venv-latest/bin/ruff check $(CODE)
	.venv-latest/bin/mypy
	.venv-latest/bin/lint-imports --no-cache
	.venv-latest/bin/python -m pytest -q

clean:
	rm -rf $(VENV) .venv-latest .venv-lock mutants .pytest_cache .mypy_cache .ruff_cache build dist

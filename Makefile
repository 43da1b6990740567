# Two commands a newcomer needs: `make serve` and `make test`. Everything else is a helper.
# Each target sets up .venv itself; the venv is rebuilt only when a requirements file changes.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Two installs from hashed lock files (pip refuses any file whose hash differs): the runtime set for serve and
# build (and the deploy), the runtime plus test tools for test, lint and the helpers. `make lock` remakes them.
RUNTIME_STAMP := $(VENV)/.installed-runtime
STAMP := $(VENV)/.installed
PIP_INSTALL := $(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes
# axe-core and the Nu HTML Checker for the browser tests, pinned in tests/browser/package-lock.json.
BROWSER_TOOLS := tests/browser/node_modules/.installed
# MkDocs 1.6.1 prints a notice about MkDocs 2.0 on every run; it is not about this project.
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: help serve build test lint checklist bench lock clean

help:
	@echo "make serve    set up, then serve the site on http://127.0.0.1:8000 (reloads on save)"
	@echo "make build    set up, then build the static site into site/ (strict)"
	@echo "make test     set up, then run every test (browser tests need Debian's chromium)"
	@echo "make lint     spelling and Markdown layout of docs/, checklists/ and the READMEs"
	@echo "make checklist id=my-topic   start a new checklist from the template"
	@echo "make bench    build-time and page-weight benchmark (minutes)"
	@echo "make lock     remake requirements.lock and requirements-dev.lock after editing requirements*.txt"
	@echo "make clean    remove site/, caches and .venv"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + "); set PYTHON=python3.x")'
	$(PYTHON) -m venv $(VENV)

$(RUNTIME_STAMP): requirements.lock | $(BIN)/python
	$(PIP_INSTALL) -r requirements.lock
	touch $(RUNTIME_STAMP)

$(STAMP): requirements-dev.lock | $(BIN)/python
	$(PIP_INSTALL) -r requirements-dev.lock
	touch $(STAMP)

serve: $(RUNTIME_STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

# Never add -q to a strict build: MkDocs then ignores warnings (a known bug). Runtime requirements only: this is
# what the deploy runs.
build: $(RUNTIME_STAMP)
	$(BIN)/mkdocs build --strict --site-dir site

# --ignore-scripts: vnu-jar's install script would download a Java runtime; the machine's Java runs it.
# Without npm the tests that need these tools say so when skipped (and fail under CI=true).
$(BROWSER_TOOLS): tests/browser/package.json tests/browser/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  echo "npm ci --prefix tests/browser --ignore-scripts"; \
	  npm ci --prefix tests/browser --ignore-scripts --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: axe-core and vnu-jar not installed, their tests will be skipped"; fi

test: $(STAMP) $(BROWSER_TOOLS)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/codespell docs checklists README.md CONTRIBUTING.md
	$(BIN)/python tests/markdown_lint.py docs README.md CONTRIBUTING.md

checklist: $(STAMP)
	@PYTHONPATH=hooks $(BIN)/python -m nfp.scaffold "$(id)"

# Lighthouse 12.2.3 (the last that runs on Node 20), pinned in bench/package-lock.json; optional for make bench.
BENCH_TOOLS := bench/node_modules/.installed
$(BENCH_TOOLS): bench/package.json bench/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --prefix bench --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the benchmark runs without Lighthouse"; fi

bench: $(STAMP) $(BENCH_TOOLS)
	$(BIN)/python bench/run.py --write-results bench/RESULTS.md

# pip-tools in a throwaway venv; the lock files take exact versions from requirements*.txt and add every
# dependency with the SHA-256 of each file PyPI holds for it. See CONTRIBUTING.md, "Updating dependencies".
LOCK_VENV := .venv-lock
PIP_COMPILE = PIP_CONFIG_FILE=/dev/null $(LOCK_VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe \
  --strip-extras --index-url https://pypi.org/simple --no-emit-index-url --no-emit-find-links
lock:
	test -x $(LOCK_VENV)/bin/pip-compile || { $(PYTHON) -m venv $(LOCK_VENV) && \
	  $(LOCK_VENV)/bin/python -m pip install --quiet --disable-pip-version-check pip-tools==7.6.2; }
	$(PIP_COMPILE) --output-file requirements.lock requirements.txt
	$(PIP_COMPILE) --output-file requirements-dev.lock requirements-dev.txt

clean:
	rm -rf site .pytest_cache .hypothesis $(VENV) $(LOCK_VENV)
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

# Konzeptbibliothek – the two commands of the README are `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
KB := $(VENV)/bin/kb
NPM ?= npm

.PHONY: run edit install install-dev install-lint install-js test test-fast test-js lint format \
        build index serve \
        system-deps bench-quality bench-speed bench-build bench-static bench-faiss bench-page bench-swaps screenshots clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e .
	@touch $@

# Tests also exercise the sentence-transformers backend; its torch must be the CPU build
# (torch==2.13.0 lies on this machine's disk), installed before the extra pulls anything else.
$(VENV)/.installed-dev: $(VENV)/.installed
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e '.[dev,st]'
	@touch $@

# Linters and the type checker need the project, not torch.
$(VENV)/.installed-lint: $(VENV)/.installed
	$(PY) -m pip install -q -e '.[lint]'
	@touch $@

# The editor (Decap CMS, decap-server) and the front-end tools (prettier, eslint), exactly as
# package-lock.json pins them.
node_modules/.installed: package.json package-lock.json
	$(NPM) ci --no-audit --no-fund --loglevel=error
	@touch $@

install: $(VENV)/.installed node_modules/.installed
install-dev: $(VENV)/.installed-dev node_modules/.installed
install-lint: $(VENV)/.installed-lint node_modules/.installed
install-js: node_modules/.installed

## Validate, build the site and the index (both incrementally), serve on http://127.0.0.1:8000
run: install
	$(KB) validate
	$(KB) build
	$(KB) index
	$(KB) serve

## The same with the local editor at http://127.0.0.1:8000/admin/ (saves into concepts/)
edit: install
	$(KB) validate
	$(KB) build
	$(KB) index
	$(KB) serve --editor

build: install
	$(KB) build

index: install
	$(KB) index

serve: install
	$(KB) serve

## System packages: Debian's chromium for the browser tests, Pango and fonts for WeasyPrint
## (the PDF of each concept); needs root. CI runs it too.
system-deps:
	apt-get update -q
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium \
		libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core

## Every test: JS units, then unit, CLI, API, real model, real uvicorn, real browser.
test: install-dev test-js
	$(PY) -m pytest

test-fast: install-dev test-js
	$(PY) -m pytest -m "not slow and not browser"

test-js:
	node --test tests/js/

lint: install-lint
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports
	$(NPM) run --silent lint

format: install-lint
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .
	$(NPM) run --silent format

bench-quality: install
	$(PY) bench/quality.py

bench-speed: install-dev
	$(PY) bench/speed.py
	$(PY) bench/workers.py

## Site and index swapped in 20 times under load: failed requests, time until live
bench-swaps: install-dev
	$(PY) bench/swaps.py

bench-static: install-dev
	$(PY) bench/static_search.py

bench-build: install
	$(PY) bench/build_speed.py

bench-faiss: install
	$(PY) bench/faiss_scale.py

bench-page: install-dev
	$(PY) bench/page_weight.py

screenshots: install-dev
	$(PY) bench/screenshots.py

clean:
	rm -rf site .site-versions .site.lock build .pytest_cache .ruff_cache .mypy_cache

# Konzeptbibliothek – the two commands of the README are `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
KB := $(VENV)/bin/kb
CHROMIUM ?= /usr/bin/chromium

.PHONY: run install install-dev test test-fast lint format build index serve \
        bench-quality bench-speed bench-build screenshots clean

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

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

$(CHROMIUM):
	@echo "Chromium fehlt: installiere Debians Paket 'chromium' (apt-get) …"
	apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium

## Validate, build the site and the index (both incrementally), serve on http://127.0.0.1:8000
run: install
	$(KB) validate
	$(KB) build
	$(KB) index
	$(KB) serve

build: install
	$(KB) build

index: install
	$(KB) index

serve: install
	$(KB) serve

## Every test: unit, CLI, API, real model, real uvicorn, real browser.
test: install-dev $(CHROMIUM)
	$(PY) -m pytest

test-fast: install-dev
	$(PY) -m pytest -m "not slow and not browser"

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench-quality: install
	$(PY) bench/quality.py

bench-speed: install-dev
	$(PY) bench/speed.py

bench-build: install
	$(PY) bench/build_speed.py

screenshots: install-dev $(CHROMIUM)
	$(PY) bench/screenshots.py

clean:
	rm -rf site build .pytest_cache .ruff_cache

# One entry point for people and CI. `make serve` and `make test` work on a fresh machine.
VENV    ?= .venv
PY      := $(VENV)/bin/python
MKDOCS  := $(VENV)/bin/mkdocs
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup system-deps serve build offline test bench check-data

# Python packages, pinned in requirements.txt; reinstalled when that file changes.
setup: $(VENV)/.installed
$(VENV)/.installed: requirements.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

# Debian's chromium drives the browser tests (Playwright never downloads a browser here);
# axe-core from npm checks accessibility.
system-deps:
	@if ! command -v chromium >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update && apt-get install -y chromium; \
	  else sudo apt-get update && sudo apt-get install -y chromium; fi; fi
	@if [ ! -f .cache/node_modules/axe-core/axe.min.js ]; then \
	  mkdir -p .cache && npm install --silent --no-audit --no-fund --prefix .cache axe-core@4.11.0; fi

serve: setup
	$(MKDOCS) serve --dev-addr 127.0.0.1:8000

build: setup
	$(MKDOCS) build --strict

# A copy for intranets and USB sticks: open site-offline/index.html from disk.
offline: setup
	OFFLINE=1 SITE_DIR=site-offline $(MKDOCS) build --strict

check-data: setup
	$(PY) -m hooks.check

test: setup system-deps
	$(PY) -m pytest

bench: setup system-deps
	$(PY) benchmarks/run.py

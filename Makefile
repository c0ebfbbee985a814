# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: demo test lint unit browser golden-update bench chromium clean

$(BIN)/slidegen: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.test-deps: $(BIN)/slidegen
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

## demo: build the sample site into build/ and say where to open it
demo: $(BIN)/slidegen
	$(BIN)/slidegen build

## test: lint, then the whole suite (unit, golden, property, browser)
test: $(VENV)/.test-deps chromium lint
	$(BIN)/python -m pytest -q

lint: $(VENV)/.test-deps
	$(BIN)/ruff check slidegen tests bench
	$(BIN)/ruff format --check slidegen tests bench

## golden-update: regenerate tests/golden/expected after an intended output change
golden-update: $(VENV)/.test-deps
	$(BIN)/python -m tests.golden.regenerate

## bench: build timings and peak memory for the sample site and a generated corpus
bench: $(VENV)/.test-deps
	$(BIN)/python -m bench.run

# Browser tests drive Debian's chromium; install it when we may (CI runs as root).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core; \
	  else \
	    echo "browser tests need Debian's chromium: sudo apt-get install chromium fonts-dejavu-core"; exit 1; \
	  fi; }

clean:
	rm -rf build .pytest_cache .ruff_cache tests/artifacts

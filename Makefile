# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: demo test lint unit browser golden-update bench chromium clean sample-content

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

## bench: slidegen vs Hugo and a bare Jinja loop on a generated 1,000-deck corpus
bench: $(VENV)/.test-deps
	@command -v hugo >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hugo >/dev/null; } || \
	  echo "hugo not installed (apt-get install hugo): ratios to Hugo will be missing"
	$(BIN)/python -m bench.run

## sample-content: regenerate the sample decks made from ../shared/seeds with `slidegen import`
SEEDS ?= ../shared/seeds
IMPORT := $(BIN)/slidegen import --force --logo-title "Баспасөз қызметі" --logo /img/logo.png
sample-content: $(BIN)/slidegen
	$(IMPORT) $(SEEDS)/article-el-umiti.txt --id 1.1
	$(IMPORT) $(SEEDS)/article-it-center.txt --id 1.2 --title "«Нұр Отан» IT-жобалары"
	$(IMPORT) $(SEEDS)/project-charter.txt --id 2.1
	$(IMPORT) $(SEEDS)/letter-deputies.md --id 2.2 --title "Депутаттарға хат"

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

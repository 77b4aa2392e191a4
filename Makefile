# Self-documenting: `make help` lists every target with a `## ` comment.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
INPUT  ?= data/raw
OUTPUT ?= data/processed
GOLD   ?= tests/fixtures/gold

.DEFAULT_GOAL := help
.PHONY: help install extract fetch test lint evaluate bench clean-cache clean

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP) ## Create .venv and install the project into it

extract: $(STAMP) ## Extract every PDF under INPUT (data/raw) into OUTPUT (data/processed)
	$(BIN)/python -m pipeline extract --input $(INPUT) --output $(OUTPUT)

fetch: $(STAMP) ## Fetch PUBLISHER's new notices into data/raw (SINCE=YYYY-MM-DD LIMIT=N BASE_URL=url OUTPUT=dir)
	@test -n "$(PUBLISHER)" || { echo "usage: make fetch PUBLISHER=mopac [SINCE=2024-01-01] [LIMIT=20] [BASE_URL=http://127.0.0.1:8765] [OUTPUT=data/raw]"; $(BIN)/python -m pipeline fetch --list; exit 2; }
	$(BIN)/python -m pipeline fetch $(PUBLISHER) $(if $(SINCE),--since $(SINCE)) $(if $(LIMIT),--limit $(LIMIT)) \
		$(if $(BASE_URL),--base-url $(BASE_URL)) $(if $(filter command line environment,$(origin OUTPUT)),--output $(OUTPUT))

evaluate: $(STAMP) ## Score OUTPUT against the gold files in GOLD
	$(BIN)/python -m pipeline evaluate --gold $(GOLD) --output $(OUTPUT)

test: $(STAMP) ## Run the test suite
	$(BIN)/python -m pytest

lint: $(STAMP) ## ruff over the code and tests
	$(BIN)/ruff check pipeline tests

bench: $(STAMP) ## Benchmark extract against pdftotext on a 1,000-page corpus (needs poppler-utils)
	@command -v pdftotext >/dev/null || { echo "pdftotext is needed: apt-get install poppler-utils (or brew install poppler)"; exit 2; }
	$(BIN)/python benchmarks/bench.py --jobs $(or $(JOBS),2)

clean-cache: ## Remove the per-document result cache in data/interim/cache
	rm -rf data/interim/cache

clean: ## Remove the outputs in data/processed (never data/raw)
	rm -rf $(OUTPUT)/*.csv $(OUTPUT)/*.parquet

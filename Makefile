# Self-documenting: `make help` lists every target with a `## ` comment.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
INPUT  ?= data/raw
OUTPUT ?= data/processed
GOLD   ?= tests/fixtures/gold

.DEFAULT_GOAL := help
.PHONY: help install extract test lint evaluate clean

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

evaluate: $(STAMP) ## Score OUTPUT against the gold files in GOLD
	$(BIN)/python -m pipeline evaluate --gold $(GOLD) --output $(OUTPUT)

test: $(STAMP) ## Run the test suite
	$(BIN)/python -m pytest

lint: $(STAMP) ## ruff over the code and tests
	$(BIN)/ruff check pipeline tests

clean: ## Remove the outputs in data/processed (never data/raw)
	rm -rf $(OUTPUT)/*.csv $(OUTPUT)/*.parquet

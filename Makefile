# Two commands: `make run` builds the seeds into out/, `make test` runs every test.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run test lint eval clean

setup: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/evkg build seeds --out out

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check graph tests

# Extraction scored against the seeds' gold (tests/gold/; fails below its thresholds), and
# date resolution against the TIMEX3 gold of MEANTIME (../shared/corpora).
eval: $(STAMP)
	$(BIN)/python -m graph.evaluate.events --check
	$(BIN)/python -m graph.evaluate.timex

clean:
	rm -rf $(VENV) out

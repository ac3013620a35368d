# Two commands on a fresh machine: `make lab` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup lab test test-unit test-notebooks test-browser notebooks lint bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || { $(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 10))' \
	  || { echo "Python 3.10 or newer is needed: run make PYTHON=python3.x"; exit 1; }; \
	  $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

lab: setup
	$(BIN)/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) notebooks/00_start_here.ipynb

test: setup lint
	$(BIN)/python -m pytest --nbval tests notebooks

test-unit: setup
	$(BIN)/python -m pytest tests --ignore=tests/browser

test-notebooks: setup
	$(BIN)/python -m pytest --nbval notebooks

test-browser: setup
	$(BIN)/python -m pytest tests/browser

lint: setup
	$(BIN)/ruff check w2v_lib tests bench tools

# Re-execute every notebook in a fresh kernel and store its outputs.
notebooks: setup
	$(BIN)/python tools/execute_notebooks.py notebooks/*.ipynb

bench: setup
	for f in bench/*.py; do $(BIN)/python $$f || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build *.egg-info

# Two commands on a fresh machine: `make lab` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
LAB    := $(VENV)/.installed-lab
DEV    := $(VENV)/.installed-dev
# numpy 2.4, scipy 1.17 and matplotlib 3.11 (pinned in pyproject.toml) need Python 3.11.
NEED   := import sys; sys.exit(sys.version_info < (3, 11))

.PHONY: setup setup-lab data lab test test-unit test-notebooks test-browser notebooks lint bench clean

setup: $(DEV)
setup-lab: $(LAB)

# A .venv made by an older Python (left over from a failed try) is rebuilt, not reused.
define venv
	@if [ -x $(BIN)/python ] && ! $(BIN)/python -c '$(NEED)'; then \
	  echo "$(VENV) was made by $$($(BIN)/python -V 2>&1), older than 3.11: rebuilding it"; \
	  rm -rf $(VENV); fi
	@if [ ! -x $(BIN)/python ]; then \
	  $(PYTHON) -c '$(NEED)' 2>/dev/null || { echo "Python 3.11 or newer is needed, \
	  $(PYTHON) is $$($(PYTHON) -V 2>&1): run make PYTHON=python3.11 (or newer)"; exit 1; }; \
	  $(PYTHON) -m venv $(VENV); fi
endef

# make lab installs what the notebooks need; make test adds the test tools.
$(LAB): pyproject.toml constraints.txt
	$(venv)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e .
	touch $(LAB)

$(DEV): pyproject.toml constraints.txt
	$(venv)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(LAB) $(DEV)

# The lesson corpus and WordNet, built into data/ (checked by SHA-256; a second run is a no-op),
# then notebook 10's family portrait: six models trained and scored once (a few minutes).
data: setup-lab
	$(BIN)/python -m w2v_lib.prepare

lab: setup-lab data
	$(BIN)/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) notebooks/00_start_here.ipynb

test: setup lint data
	$(BIN)/python -m pytest --nbval --doctest-modules tests notebooks w2v_lib

test-unit: setup data
	$(BIN)/python -m pytest --doctest-modules tests w2v_lib --ignore=tests/browser

test-notebooks: setup data
	$(BIN)/python -m pytest --nbval notebooks

test-browser: setup data
	$(BIN)/python -m pytest tests/browser

lint: setup
	$(BIN)/ruff check w2v_lib tests bench tools

# Re-execute every notebook in a fresh kernel and store its outputs.
notebooks: setup data
	$(BIN)/python tools/execute_notebooks.py notebooks/*.ipynb

bench: setup
	for f in bench/*.py; do $(BIN)/python $$f || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build *.egg-info

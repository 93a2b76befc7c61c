# Wuye: `make demo` to try it, `make test` to prove it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-dates install bench lint messages serve clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/wuye migrate --no-input
	$(BIN)/wuye demo
	bash scripts/serve-demo.sh

test: $(STAMP)
	$(BIN)/pytest $(PYTEST_ARGS)

# The suite on SQLite at every moment of scripts/clock-dates, the clock moved by faketime.
test-dates: $(STAMP)
	PYTEST=$(BIN)/pytest scripts/test-shifted

bench: $(STAMP)
	$(BIN)/pytest -m benchmark -s -p no:randomly $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	cd src && ../$(BIN)/lint-imports --config ../pyproject.toml

messages: $(STAMP)
	cd src/wuye && ../../$(BIN)/wuye makemessages -l zh_Hans --no-location --no-obsolete
	cd src/wuye && ../../$(BIN)/wuye compilemessages -l zh_Hans

clean:
	rm -rf $(VENV) var

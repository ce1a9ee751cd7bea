# eventwire — two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DB     ?= eventwire.sqlite
SHARED ?= ../shared

.PHONY: install run serve test lint eval bench train clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	# torch first, pinned exactly: a looser resolution pulls the multi-GB CUDA build
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## run: code the bundled example corpus into $(DB) and show the result
run: $(STAMP)
	$(BIN)/eventwire ingest examples --db $(DB)
	$(BIN)/eventwire events --db $(DB)
	$(BIN)/eventwire incidents --db $(DB)
	@echo "Explore it in a browser: make serve  ->  http://127.0.0.1:8000/"

## serve: the web page and REST API over $(DB) (built from examples/ if missing) on http://127.0.0.1:8000/
serve: $(STAMP)
	test -f $(DB) || $(BIN)/eventwire ingest examples --db $(DB) --quiet
	$(BIN)/eventwire serve --db $(DB)

## chromium: Debian's chromium for the browser tests (tests/web/test_browser.py), installed when missing
.PHONY: chromium
chromium:
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; elif command -v sudo >/dev/null; then SUDO=sudo; \
	  else echo "no /usr/bin/chromium, and neither root nor sudo to install it: the browser tests will skip" >&2; exit 0; fi; \
	  $$SUDO apt-get update && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; }

## test: the whole suite (tests that need ../shared skip when it is absent; the browser tests run in chromium)
test: $(STAMP) chromium
	$(BIN)/ruff check src tests bench train
	$(BIN)/mypy src
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests bench train
	$(BIN)/mypy src

## eval: every dev set of ../shared/eval, scoreboard in eval/results/
eval: $(STAMP)
	mkdir -p eval/results
	$(PY) $(SHARED)/eval/evaluate.py --run '$(BIN)/eventwire extract --quiet {input} -o {output}' \
		--out eval/results/dev.json | tee eval/results/dev.md

## train: refit the quote cue model from PolNeAR train (its threshold by 5-fold CV on train), then the event
## classifier's heads (seeded) from ../shared training sets + train/data, 5-fold CV on conflibert. The cue model
## comes first: the heads' features are read off whole extractions, quotes included.
train: $(STAMP)
	$(PY) train/train_cue_model.py --shared $(SHARED) --cv 5 --C 0.08
	$(PY) train/train_event_heads.py --shared $(SHARED) --cv 5

## bench: throughput of `eventwire extract` next to bare spaCy, peak RSS, cost of each stage, REST API over 100k events; in bench/results/
bench: $(STAMP)
	$(PY) bench/throughput.py --corpus $(SHARED)/eval/data/polnear.train.input.jsonl --out bench/results
	$(PY) bench/stages.py --corpus $(SHARED)/eval/data/polnear.train.input.jsonl --limit 200 --out bench/results
	$(PY) bench/api_bench.py --events 100000 --out bench/results

clean:
	rm -rf $(VENV) build *.egg-info $(DB) $(DB)-wal $(DB)-shm

# tingo: read along with podcasts. `make run` serves the sample episode; `make test` runs everything.
SHELL   := bash
GO      ?= go
ADDR    ?= 127.0.0.1:8080
GOROOT  := $(shell $(GO) env GOROOT)
FUZZTIME ?= 60s

.PHONY: install run test vet fmt-check unit engines engines-test wasm fuzz bench bench-large bench-quick bench-browser bench-archive demo-audio screenshots tables dict clean

run: wasm
	$(GO) run ./cmd/tingo serve --addr $(ADDR) --spellings testdata/kejilang-spellings.txt

# install builds the browser app and a tingo that carries it (web.Files embedded, build tag release): one
# file that builds and serves sites from any folder. Developers' go run/test read web/ from the tree.
install: wasm
	$(GO) install -trimpath -tags release -ldflags='-s -w' ./cmd/tingo
	@echo "installed $$($(GO) env GOPATH)/bin/tingo"

# wasm builds the browser app and copies the toolchain's own wasm_exec.js beside it. It builds with the go.mod
# wasm/slim writes: go-app's server files (net/http, crypto/tls, text/template) left out of the browser's
# binary, 370 KB of its brotli.
wasm:
	@mkdir -p web
	$(GO) run ./wasm/slim -go $(GO) -o .cache/wasm
	GOOS=js GOARCH=wasm $(GO) build -modfile .cache/wasm/go.mod -trimpath -ldflags='-s -w' -o web/app.wasm ./wasm
	cp "$(GOROOT)/lib/wasm/wasm_exec.js" web/wasm_exec.js

test: vet fmt-check wasm engines unit release-test engines-test

# release-test checks a release build: the embedded files are the tree's, and the binary alone, copied into
# an empty folder, builds and serves the sample podcast (TestReleaseBinary).
release-test:
	$(GO) vet -tags release ./web ./cmd/tingo
	$(GO) test -count=1 -tags release ./web

vet:
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./wasm ./app/ui ./app/transcript

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

# unit: app/site's browser and build tests take about nine minutes on two cores (app.wasm's brotli at its best
# level, made once per process, and the built binaries' own); go test's default ten-minute limit is too near.
unit:
	$(GO) test -count=1 -timeout 20m -skip '^TestEngines$$' ./...

# engines installs what drives Firefox (puppeteer-core, from npm) and the accessibility checker the browser
# tests run (axe-core) into .cache/engines, never committed. Without npm it does nothing: the tests that need
# them then say they were skipped and why.
PUPPETEER ?= puppeteer-core@24.43.1
AXE ?= axe-core@4.14.1
engines:
	@if [ -d .cache/engines/node_modules/puppeteer-core ] && [ -d .cache/engines/node_modules/axe-core ]; then exit 0; fi; \
	if command -v npm >/dev/null; then \
		echo "installing $(PUPPETEER) $(AXE) into .cache/engines"; \
		mkdir -p .cache/engines && npm install --prefix .cache/engines --no-audit --no-fund --silent $(PUPPETEER) $(AXE); \
	fi

# engines-test runs the read-along checks in every engine installed (Chromium, a Chromium phone,
# Firefox ESR, WebKit) and lists which ran and which were skipped, and why.
engines-test:
	@set -o pipefail; $(GO) test -count=1 -run '^TestEngines$$' -v -timeout 15m ./app/site | \
		grep -E -- '^\s*--- (PASS|FAIL|SKIP)|_test.go:[0-9]+|^(FAIL|ok)\s'

# tables regenerates search's folding and pinyin tables from OpenCC and go-pinyin, and the reader's script
# tables (web/script/, fetched by the browser when a reader switches 繁/简) from OpenCC (all committed).
tables:
	$(GO) generate ./app/search
	$(GO) run ./app/script/internal/gen -o web/script

# dict remakes the browser's word list from gse's dictionaries and the known transcripts (committed).
dict:
	$(GO) run ./app/segment/internal/gendict -o web/dict/zh.txt testdata/kejilang-episode.txt

# fuzz runs every fuzz target for FUZZTIME each.
fuzz:
	@for pkg in ./app/transcript ./app/search ./app/chapters ./app/spell ./app/script ./app/site; do \
		for t in $$($(GO) test -list 'Fuzz.*' $$pkg | grep ^Fuzz); do \
			echo "== $$pkg $$t"; $(GO) test -run XXX -fuzz "^$$t$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
		done; \
	done

# bench measures tingo as a listener feels it, beside the plain-HTML floor, Hyperaudio Lite and Pagefind
# (installed from npm into bench/.cache at run time), and writes bench/results.json and BENCHMARKS.md from
# what it measured (cmd/tingo-bench). About 14 minutes on 2 cores; CI does not run it.
bench: wasm
	@mkdir -p bench/.cache
	@set -o pipefail; { \
		$(GO) test -run XXX -bench 'Parse|Search' -count 5 -benchtime 200ms ./app/transcript ./app/search && \
		$(GO) test -run XXX -bench 'Adversarial' -count 3 -benchtime 3x ./app/transcript ./app/ui ./app/chapters ./app/spell && \
		$(GO) test -run XXX -bench 'Size|BrowserPlayback|BrowserKeystroke|BrowserScript|ServeLoad' -benchtime 5x -timeout 30m ./app/site && \
		$(GO) test -run XXX -bench 'FirstVisit' -benchtime 3x -timeout 30m ./app/site && \
		$(GO) test -run XXX -bench 'Archive1000|ArchiveIncremental|ArchiveVsPagefind' -benchtime 1x -timeout 30m ./app/site; \
	} | tee bench/.cache/raw.txt
	$(GO) run ./cmd/tingo-bench -merge bench/large.json < bench/.cache/raw.txt

# bench-large builds a 10,000-episode archive natively (build time, peak memory, index size, bytes per first
# query; about 10 minutes), keeps the figures in bench/large.json and puts them in BENCHMARKS.md.
bench-large: wasm
	@mkdir -p bench/.cache
	@set -o pipefail; $(GO) test -run XXX -bench 'ArchiveLarge' -benchtime 1x -timeout 60m ./app/site | tee bench/.cache/large.txt
	$(GO) run ./cmd/tingo-bench -json bench/large.json -md /dev/null < bench/.cache/large.txt
	$(GO) run ./cmd/tingo-bench -merge bench/results.json -merge bench/large.json < /dev/null

# bench-quick is a 2-minute subset: one run of each browser measure on the sample, a 100-episode archive,
# Pagefind on 20 episodes, ten queries each. It writes bench/.cache/quick.{json,md}, leaving the committed
# results alone.
bench-quick: wasm
	@mkdir -p bench/.cache
	@set -o pipefail; { \
		$(GO) test -run XXX -bench 'Parse/.*/sample|Search/sample' -count 1 -benchtime 100ms ./app/transcript ./app/search && \
		$(GO) test -run XXX -bench 'BrowserPlayback/sample' -benchtime 1x -timeout 10m ./app/site && \
		TINGO_ARCHIVE_EPISODES=100 $(GO) test -short -run XXX -bench 'Size|Archive1000|ArchiveVsPagefind' -benchtime 1x -timeout 10m ./app/site; \
	} | tee bench/.cache/quick.txt
	$(GO) run ./cmd/tingo-bench -json bench/.cache/quick.json -md bench/.cache/quick.md < bench/.cache/quick.txt

# bench-browser: load and playback in chromium, tingo beside the plain-HTML floor, 5 runs each.
bench-browser: wasm
	$(GO) test -run XXX -bench Browser -benchtime 5x -timeout 30m ./app/site

clean:
	rm -f web/app.wasm web/wasm_exec.js

# bench-archive builds a 1,000-episode archive from the sample and measures build time, index size, bytes
# per query and time to first results in chromium (about 2 minutes).
bench-archive: wasm
	$(GO) test -run XXX -bench Archive1000 -benchtime 1x -timeout 30m ./app/site

# demo-audio remakes the sample episode's committed speech track (needs espeak-ng, sox, lame).
demo-audio:
	bash web/demo/make-audio.sh testdata/kejilang-episode.txt web/demo/kejilang-episode.mp3

# screenshots retakes the README's pictures (desktop and phone, light and dark) in chromium.
screenshots: wasm
	TINGO_SCREENSHOTS=$(CURDIR)/web/screenshots $(GO) test -count=1 -run 'Screenshots|^TestEngines$$' ./app/site

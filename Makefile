# Bản tin: every command a developer, an editor or CI needs.
# `make serve` and `make test` set up whatever is missing first.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
CONTENT ?= content
OUT ?= site
BUNDLER := target/tool/bantin
APP_DIST := target/app
E2E_SITE := target/e2e-site
E2E_SUB_PATH := /portal
E2E_SUB_CONTENT := target/e2e-content-portal
E2E_SUB_SITE := target/e2e-site-portal
DIST := dist/bantin
# Sourced by every recipe that builds WASM: pinned tools on PATH, and the
# wasm32 compiler settings scripts/setup chose for this machine.
TOOLCHAIN := source target/toolchain.env

.PHONY: help setup bundler app site dist serve test test-native lint test-wasm test-e2e test-e2e-sub-path test-dist bench-load bench-search bench-build bench-preview bench-memory bench-wasm-floor clean

help:
	@echo "make serve                     the portal on demo content at http://127.0.0.1:8080"
	@echo "make test                      every test (native, in-browser, end-to-end)"
	@echo "make site CONTENT=dir OUT=dir  a deployable folder from a content folder"
	@echo "make dist                      one bantin carrying the app (dist/bantin), for operators"
	@echo "make bench-load                first-load figures, written to target/bench/load.json"
	@echo "make bench-search              our search beside Pagefind, written to target/bench/search.json"
	@echo "make bench-build               our build beside Hugo's, written to target/bench/build.json"
	@echo "make bench-preview             bantin serve beside hugo server: edit → shown, target/bench/preview.json"
	@echo "make bench-memory              memory over 600 articles read in one visit, target/bench/memory.json"
	@echo "make bench-wasm-floor          the least Leptos app of our shape beside ours: WASM sizes"

setup:
	@bash scripts/setup

bundler:
	cargo build --quiet --profile tool -p bantin-bundler

# The release app (WASM, JS glue, CSS, index.html), without content.
app: setup
	$(TOOLCHAIN) && echo "release WASM panics: $$PANIC_NOTE" && \
	  env $$WASM_ENV $$WASM_RELEASE_ENV trunk build --release --offline --dist $(APP_DIST)

site: app bundler
	$(BUNDLER) build --content $(CONTENT) --out $(OUT) --app $(APP_DIST)
	@bash scripts/wasm-size $(OUT)

# One `bantin` carrying the release app: operators build sites with it
# and nothing else (no Rust, Trunk, Node or wasm tools).
dist: app bundler
	$(BUNDLER) embed --app $(APP_DIST) --out $(DIST)

serve: setup bundler
	$(TOOLCHAIN) && BANTIN_CONTENT=$(CONTENT) BANTIN_BIN=$(BUNDLER) env $$WASM_ENV trunk serve --offline

test: setup
	$(MAKE) --no-print-directory lint test-native test-wasm test-e2e test-dist

lint:
	cargo fmt --all -- --check
	cargo clippy --quiet --workspace --all-targets -- -D warnings

test-native:
	cargo test --workspace

test-wasm:
	$(TOOLCHAIN) && env $$WASM_ENV cargo test --target wasm32-unknown-unknown --features hydrate --test web

test-e2e:
	$(MAKE) --no-print-directory site OUT=$(E2E_SITE)
	cd e2e && SITE_DIR=../$(E2E_SITE) node --test --test-concurrency=1
	$(MAKE) --no-print-directory test-e2e-sub-path

# The reading routes, search, offline reopening, the strict CSP and
# reading without JavaScript, on the demo built under /portal/ and served
# only there: a request outside it fails the test.
test-e2e-sub-path: app bundler
	rm -rf $(E2E_SUB_CONTENT) && cp -r $(CONTENT) $(E2E_SUB_CONTENT)
	sed -i 's|^base_url = "\(.*\)"|base_url = "\1$(E2E_SUB_PATH)/"|' $(E2E_SUB_CONTENT)/site.toml
	$(BUNDLER) build --content $(E2E_SUB_CONTENT) --out $(E2E_SUB_SITE) --app $(APP_DIST)
	cd e2e && SITE_DIR=../$(E2E_SUB_SITE) SITE_PREFIX=$(E2E_SUB_PATH) node --test --test-concurrency=1 \
	  reader.test.mjs search.test.mjs offline.test.mjs security.test.mjs prerender.test.mjs service-worker.test.mjs

# The one binary, run as an operator would (scripts/test-dist); after
# test-e2e, whose site it must equal.
test-dist: dist
	bash scripts/test-dist $(DIST) $(E2E_SITE)

# First-load figures (bytes, LCP/CLS throttled, navigation) of the demo site.
# The Nu HTML Checker and Lighthouse come from npm, installed on first use
# beside the other tools with install scripts off (vnu-jar's would try to
# download a Java runtime; the machine's own Java runs it).
VNU_VERSION := 26.9.27
VNU_DIR := $(HOME)/.cache/bantin/tools/vnu-$(VNU_VERSION)
LIGHTHOUSE_VERSION := 13.5.0
LIGHTHOUSE_DIR := $(HOME)/.cache/bantin/tools/lighthouse-$(LIGHTHOUSE_VERSION)
bench-load:
	$(MAKE) --no-print-directory site OUT=target/bench-site
	test -f $(VNU_DIR)/node_modules/vnu-jar/build/dist/vnu.jar || \
	  (mkdir -p $(VNU_DIR) && timeout 300 npm install --prefix $(VNU_DIR) --ignore-scripts \
	    --no-audit --no-fund --loglevel=error vnu-jar@$(VNU_VERSION))
	test -x $(LIGHTHOUSE_DIR)/node_modules/.bin/lighthouse || \
	  (mkdir -p $(LIGHTHOUSE_DIR) && timeout 600 npm install --prefix $(LIGHTHOUSE_DIR) --ignore-scripts \
	    --no-audit --no-fund --loglevel=error lighthouse@$(LIGHTHOUSE_VERSION))
	cd e2e && SITE_DIR=../target/bench-site \
	  VNU_JAR=$(VNU_DIR)/node_modules/vnu-jar/build/dist/vnu.jar \
	  LIGHTHOUSE=$(LIGHTHOUSE_DIR)/node_modules/.bin/lighthouse node bench-load.mjs

# How much of the WASM floor the framework takes: the least Leptos app of
# our shape (bench/framework-floor), built as the app is, beside the app.
bench-wasm-floor: app
	bash scripts/framework-floor $(APP_DIST)

# Our search beside Pagefind on generated corpora of 10,000 and 100,000
# articles (SIZES=10000 for a quicker run). Pagefind comes from npm, with
# its prebuilt binary package, installed on first use beside the other tools.
PAGEFIND_VERSION := 1.6.0
PAGEFIND_DIR := $(HOME)/.cache/bantin/tools/pagefind-$(PAGEFIND_VERSION)
SIZES ?= 10000,100000
bench-search: app bundler
	test -f $(PAGEFIND_DIR)/node_modules/pagefind/lib/index.js || \
	  (mkdir -p $(PAGEFIND_DIR) && timeout 300 npm install --prefix $(PAGEFIND_DIR) \
	    --no-audit --no-fund --loglevel=error pagefind@$(PAGEFIND_VERSION))
	cd e2e && SIZES=$(SIZES) PAGEFIND_MODULE=$(PAGEFIND_DIR)/node_modules/pagefind/lib/index.js \
	  node bench-search.mjs

# Our whole-site build beside Hugo's on the same generated Markdown, and our
# rebuild after one article changes (SIZES=10000 for a quicker run). Hugo is
# Debian's package, unpacked into ~/.cache/bantin/tools on first use.
# The live preview (bantin serve) beside hugo server: time to the first
# page, peak memory, and save → shown in a headless tab, at SIZES articles.
bench-preview: app bundler
	cd e2e && SIZES=$(SIZES) node bench-preview.mjs

bench-build: app bundler
	SIZES=$(SIZES) python3 scripts/bench-build

# Memory held by one visit that reads 600 generated articles in the app.
bench-memory: app bundler
	cd e2e && node bench-memory.mjs

clean:
	cargo clean
	rm -rf dist site $(APP_DIST) $(E2E_SITE)

# parley: the two commands a newcomer needs are `make run` and `make test`.
# Every target installs what it needs first (scripts/install-deps.sh is
# idempotent and quick when everything is present).

BUILD ?= build
FUZZ_SECONDS ?= 60
# The shared test data folder; by default the one beside this checkout.
SHARED ?= $(abspath ../shared)
JOBS ?= $(shell nproc)
# ccache, when installed, makes rebuilds cheap; nothing needs it.
LAUNCHER := $(if $(shell command -v ccache 2>/dev/null),-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)

.PHONY: deps configure build run test test-slow bench sanitize fuzz clean

deps:
	@scripts/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release -DPARLEY_TESTS=ON -DPARLEY_BENCH=ON \
	  -DPARLEY_SHARED_DIR=$(SHARED) $(LAUNCHER) > /dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

# The main job on the bundled ceasefire example: the recommended package and why.
run: build
	@echo "== parley solve examples/ceasefire.json --svg $(BUILD)/ceasefire-map.svg"
	@$(BUILD)/parley solve examples/ceasefire.json --svg $(BUILD)/ceasefire-map.svg
	@echo "  map drawn to $(BUILD)/ceasefire-map.svg"
	@echo
	@echo "== parley frontier examples/ceasefire.json --limit 12 --svg $(BUILD)/ceasefire-frontier.svg"
	@$(BUILD)/parley frontier examples/ceasefire.json --limit 12 --svg $(BUILD)/ceasefire-frontier.svg

# The fast suite (about a minute once built).
test: build
	@ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

# Property tests with many more random cases (several minutes).
test-slow: build
	@RC_PARAMS="max_success=20000" PARLEY_SLOW_TESTS=1 $(BUILD)/parley_tests --gtest_brief=1

bench: build
	@$(BUILD)/parley_bench

# The test suite under AddressSanitizer and UndefinedBehaviorSanitizer (-O1 -g1:
# the cheapest build that still gives sanitizer reports with line numbers).
# COIN-OR is linked shared here, so that tests/lsan.supp can name its
# libraries (its presolve leaks a few bytes that parley cannot free).
sanitize: deps
	@cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" \
	  -DPARLEY_SANITIZE=ON -DPARLEY_STATIC_COIN=OFF -DPARLEY_TESTS=ON -DPARLEY_BENCH=OFF -DPARLEY_SHARED_DIR=$(SHARED) > /dev/null
	@cmake --build build-asan -j $(JOBS)
	@ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp UBSAN_OPTIONS=print_stacktrace=1 ctest --test-dir build-asan --output-on-failure -j $(JOBS)

# libFuzzer (clang) on each reader of outside files, FUZZ_SECONDS each: the
# scenario reader (seeded with the examples and the bad-input corpus), the
# GeoJSON map reader (fuzz/geojson-seeds) and the Genius/GeniusWeb importers
# (seeded from ../shared's Genius files). Findings
# land in build-fuzz/ as crash-*, timeout-* or oom-* files.
FUZZ_FLAGS = -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
fuzz: deps
	@CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPARLEY_FUZZ=ON \
	  -DPARLEY_TESTS=OFF -DPARLEY_BENCH=OFF > /dev/null
	@cmake --build build-fuzz -j $(JOBS) --target fuzz_scenario_reader fuzz_geojson fuzz_genius_import
	@mkdir -p build-fuzz/corpus build-fuzz/geojson-corpus build-fuzz/genius-corpus
	@scripts/genius-fuzz-seeds.sh $(SHARED) build-fuzz/genius-seeds > /dev/null
	@cd build-fuzz && ./fuzz_scenario_reader $(FUZZ_FLAGS) -dict=../fuzz/json.dict corpus ../examples ../tests/bad
	@cd build-fuzz && ./fuzz_geojson $(FUZZ_FLAGS) geojson-corpus ../fuzz/geojson-seeds
	@cd build-fuzz && ./fuzz_genius_import $(FUZZ_FLAGS) genius-corpus genius-seeds

clean:
	rm -rf $(BUILD) build-asan build-fuzz

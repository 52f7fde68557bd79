# SPDX-License-Identifier: Apache-2.0
# Thin wrapper over CMake: `make demo` and `make test` do all set-up on a
# fresh Debian machine (packages, configure, build).
BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_ARGS ?=

.PHONY: all deps configure build demo test test-fast test-asan test-fuzz bench breadth fuzz clean format

FUZZ_TARGETS := $(addprefix fuzz_,json decode errors sigv4 vector spec adapter_line)

all: build

deps:
	@./tools/install-deps

$(BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_ARGS)

configure: deps $(BUILD)/CMakeCache.txt

build: configure
	cmake --build $(BUILD) -j $(JOBS)
	@./tools/install-adapters

demo: build
	@./tools/demo $(BUILD)

# Every test: the normal build, then the whole suite again under
# AddressSanitizer + UndefinedBehaviorSanitizer.
test: build
	ctest --test-dir $(BUILD) -j $(JOBS) --output-on-failure
	$(MAKE) --no-print-directory test-asan
	$(MAKE) --no-print-directory test-fuzz

# Everything but the tests labelled slow (shell tests, adapter processes,
# every botocore model): under a minute on two cores.
test-fast: build
	ctest --test-dir $(BUILD) -j $(JOBS) --output-on-failure -LE slow

test-asan: deps
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DSDKC_SANITIZE=address,undefined $(CMAKE_ARGS)
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	ASAN_OPTIONS=detect_leaks=1:halt_on_error=1:abort_on_error=0 \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	ctest --test-dir $(ASAN_BUILD) -j $(JOBS) --output-on-failure -LE no-asan

# 20 s of libFuzzer (ASan+UBSan) per fuzz target, two at a time,
# with a fixed seed so the gate is reproducible; exit 77 from
# fuzz/smoke means clang is missing: skipped, said so.
test-fuzz: deps
	@./fuzz/smoke --time 20 --jobs 2 --seed 1; rc=$$?; \
	if [ $$rc -eq 77 ]; then echo "fuzz smoke skipped: clang not found"; \
	elif [ $$rc -ne 0 ]; then exit $$rc; fi

# `sdkconform gen --all` then `replay --impl builtin` for every rest-json
# model botocore ships (newest apiVersion each), then the wire sample (twelve
# services of different shapes, tools/breadth WIRE_SAMPLE) replayed against
# boto3 and js-v2: reports/breadth/latest.{md,json}. SDK findings (replay
# exit 1) do not fail it; a sweep failure or a wire run that could not run does.
# An SDK not installed is listed as skipped. Exit 77 from tools/breadth means
# botocore is not importable: skipped.
breadth: build
	@./tools/breadth --build $(BUILD) --quiet --wire-sample --impl boto3 --impl js-v2; rc=$$?; \
	if [ $$rc -eq 77 ]; then echo "breadth skipped: botocore is not importable"; \
	elif [ $$rc -ne 0 ]; then exit $$rc; fi

# The libFuzzer and AFL++ (plain and CMPLOG) builds of every fuzz target;
# fuzz/run-overnight runs them.
fuzz: deps
	CC=clang cmake -S . -B build-fuzz-libfuzzer -DSDKC_FUZZ=libfuzzer -DSDKC_BUILD_TESTS=OFF $(CMAKE_ARGS)
	cmake --build build-fuzz-libfuzzer -j $(JOBS) --target $(FUZZ_TARGETS)
	CC=afl-clang-fast cmake -S . -B build-fuzz-afl -DSDKC_FUZZ=afl -DSDKC_BUILD_TESTS=OFF $(CMAKE_ARGS)
	cmake --build build-fuzz-afl -j $(JOBS) --target $(FUZZ_TARGETS)
	CC=afl-clang-fast cmake -S . -B build-fuzz-afl-cmplog -DSDKC_FUZZ=afl -DSDKC_FUZZ_AFL_CMPLOG=ON -DSDKC_BUILD_TESTS=OFF $(CMAKE_ARGS)
	cmake --build build-fuzz-afl-cmplog -j $(JOBS) --target $(FUZZ_TARGETS)

bench: build
	@./tools/bench $(BUILD)

# build-fuzz-work/ (the overnight corpus and findings) is kept on purpose.
clean:
	rm -rf $(BUILD) $(ASAN_BUILD) build-fuzz-libfuzzer build-fuzz-afl build-fuzz-afl-cmplog

format:
	@./tools/check-format --fix

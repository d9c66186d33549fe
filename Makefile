# cchc build. GNU Make + pkg-config; variant build directories:
#   build/rel   optimised binary and benchmarks (make, make run, make bench)
#   build/asan  AddressSanitizer + UBSan binary and tests (make check)
#   build/fuzz  libFuzzer targets (make fuzz)
#   build/fuzz-fast  the same, UBSan only and -O2, for long runs
# Sources are found by wildcard: adding src/<layer>/<module>.c or
# tests/unit/test_<name>.c needs no change here.

PKGS     := libmicrohttpd jansson sqlite3 libutf8proc libsodium libpq libzip libxml-2.0 \
            poppler-glib xlsxwriter cairo pangocairo pangoft2 fontconfig libqrencode libcurl
CC       ?= cc
CSTD     := -std=c17 -D_GNU_SOURCE
WARN     := -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wno-format-nonliteral \
            -Wconversion -Wno-sign-conversion -Wstrict-prototypes -Wmissing-prototypes
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm -lpthread
INCS     := -Isrc -Ibuild/gen
DEPFLAGS  = -MMD -MP

REL_FLAGS  := -O2 -g
ASAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

LIB_SRC  := $(filter-out src/cli/main.c,$(wildcard src/base/*.c src/domain/*.c src/store/*.c \
            src/app/*.c src/io/*.c src/http/*.c src/cli/*.c))
GEN_SRC  := build/gen/migrations.c
MIGRATIONS := $(sort $(wildcard src/store/migrations/*.sql))
UNIT_TESTS := $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/test_*.c))
INTEG_TESTS := $(patsubst tests/integration/%.c,%,$(wildcard tests/integration/test_*.c))
TEST_SUPPORT := $(wildcard tests/support/*.c)
BENCHES  := $(patsubst bench/%.c,%,$(wildcard bench/bench_*.c))
FUZZERS  := $(patsubst tests/fuzz/%.c,%,$(wildcard tests/fuzz/fuzz_*.c))

.PHONY: all deps run check test bench lint fuzz clean format web-assets

all: build/rel/cchc

deps:
	@scripts/deps.sh all

# --- code generation -----------------------------------------------------
build/gen/migrations.c: $(MIGRATIONS) scripts/embed_sql.sh
	@mkdir -p $(@D)
	scripts/embed_sql.sh $(MIGRATIONS) > $@.tmp && mv $@.tmp $@

# --- variants ------------------------------------------------------------
define variant
$(1)_OBJ := $$(patsubst %.c,build/$(1)/%.o,$$(LIB_SRC) $$(GEN_SRC))
build/$(1)/%.o: %.c | build/gen/migrations.c
	@mkdir -p $$(@D)
	@echo "  CC  $$@"
	@$$(CC) $$(CSTD) $$(WARN) $(2) $$(INCS) $$(PKG_CFLAGS) $$(DEPFLAGS) -c $$< -o $$@
build/$(1)/build/gen/%.o: build/gen/%.c
	@mkdir -p $$(@D)
	$$(CC) $$(CSTD) $(2) $$(INCS) -c $$< -o $$@
build/$(1)/libcchc.a: $$($(1)_OBJ)
	@rm -f $$@
	@ar rcs $$@ $$^
build/$(1)/cchc: build/$(1)/src/cli/main.o build/$(1)/libcchc.a
	@echo "  LD  $$@"
	@$$(CC) $(2) $$^ $$(PKG_LIBS) -o $$@
endef
$(eval $(call variant,rel,$(REL_FLAGS)))
$(eval $(call variant,asan,$(ASAN_FLAGS)))

TEST_WARN := $(WARN) # tests and benchmarks are held to the code's warnings
build/asan/tests/%: tests/unit/%.c $(TEST_SUPPORT) build/asan/libcchc.a
	@mkdir -p $(@D)
	@echo "  CC  $@"
	@$(CC) $(CSTD) $(TEST_WARN) $(ASAN_FLAGS) $(INCS) -Itests $(PKG_CFLAGS) $(DEPFLAGS) \
	  $< $(TEST_SUPPORT) build/asan/libcchc.a $(PKG_LIBS) $$(pkg-config --libs cmocka) -o $@
build/asan/itests/%: tests/integration/%.c $(TEST_SUPPORT) build/asan/libcchc.a
	@mkdir -p $(@D)
	@echo "  CC  $@"
	@$(CC) $(CSTD) $(TEST_WARN) $(ASAN_FLAGS) $(INCS) -Itests $(PKG_CFLAGS) $(DEPFLAGS) \
	  $< $(TEST_SUPPORT) build/asan/libcchc.a $(PKG_LIBS) $$(pkg-config --libs cmocka) -o $@
# The power-loss test's LD_PRELOAD library (tests/shim/fsync_shim.c), built
# without sanitizers.
build/asan/lib/fsync_shim.so: tests/shim/fsync_shim.c
	@mkdir -p $(@D)
	@echo "  CC  $@"
	@$(CC) $(CSTD) -Wall -Wextra -Werror -O1 -fPIC -shared $(INCS) $< -o $@ -ldl
build/asan/itests/test_power_loss: build/asan/lib/fsync_shim.so
build/rel/bench/%: bench/%.c build/rel/libcchc.a
	@mkdir -p $(@D)
	@echo "  CC  $@"
	@$(CC) $(CSTD) $(TEST_WARN) $(REL_FLAGS) $(INCS) -Ibench $(PKG_CFLAGS) $(DEPFLAGS) \
	  $< build/rel/libcchc.a $(PKG_LIBS) -o $@

# --- fuzzing (clang + libFuzzer) ------------------------------------------
FUZZ_FLAGS := -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
# src/http is in (fuzz_api_body reads bodies with src/http/api_body.c); the
# command line is not.
FUZZ_OBJ := $(patsubst %.c,build/fuzz/%.o,$(filter-out src/cli/%,$(LIB_SRC)) $(GEN_SRC))
build/fuzz/%.o: %.c | build/gen/migrations.c
	@mkdir -p $(@D)
	@echo "  CC  $@"
	@clang $(CSTD) -Wall -Wextra $(FUZZ_FLAGS) $(INCS) $(PKG_CFLAGS) -c $< -o $@
build/fuzz/libcchc.a: $(FUZZ_OBJ)
	@rm -f $@
	@ar rcs $@ $^
build/fuzz/bin/%: tests/fuzz/%.c build/fuzz/libcchc.a
	@mkdir -p $(@D)
	@echo "  LD  $@"
	@clang $(CSTD) -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined $(INCS) $(PKG_CFLAGS) $^ $(PKG_LIBS) -o $@
# Throughput builds for long runs (docs/internals/fuzzing.md): UBSan only,
# -O2; what they find is replayed under the ASan build above.
FUZZ_FAST_OBJ := $(patsubst build/fuzz/%,build/fuzz-fast/%,$(FUZZ_OBJ))
build/fuzz-fast/%.o: %.c | build/gen/migrations.c
	@mkdir -p $(@D)
	@echo "  CC  $@"
	@clang $(CSTD) -Wall -Wextra -O2 -g -fsanitize=fuzzer-no-link,undefined -fno-sanitize-recover=undefined $(INCS) $(PKG_CFLAGS) -c $< -o $@
build/fuzz-fast/libcchc.a: $(FUZZ_FAST_OBJ)
	@rm -f $@
	@ar rcs $@ $^
build/fuzz-fast/bin/%: tests/fuzz/%.c build/fuzz-fast/libcchc.a
	@mkdir -p $(@D)
	@echo "  LD  $@"
	@clang $(CSTD) -O2 -g -fsanitize=fuzzer,undefined -fno-sanitize-recover=undefined $(INCS) $(PKG_CFLAGS) $^ $(PKG_LIBS) -o $@

# --- user-facing targets ----------------------------------------------------
# npm packages (installed by make deps from package-lock.json) -> web/vendor/,
# served by cchc serve; a warning only when node_modules is missing.
web-assets:
	@scripts/web_assets.sh --if-present

run: deps
	@$(MAKE) --no-print-directory build/rel/cchc web-assets
	@scripts/run.sh

# The test summary ("N passed, N failed") is the last line: fuzz corpora are
# replayed before the tests.
check: deps
	@scripts/web_assets.sh --if-present
	@$(MAKE) --no-print-directory -j2 build/asan/cchc $(addprefix build/asan/tests/,$(UNIT_TESTS)) \
	  $(addprefix build/asan/itests/,$(INTEG_TESTS))
	@if command -v clang >/dev/null; then $(MAKE) --no-print-directory -j2 fuzz-replay; fi
	@scripts/pg_check.sh build/asan

test: check

bench: deps
	@$(MAKE) --no-print-directory -j2 build/rel/cchc $(addprefix build/rel/bench/,$(BENCHES))
	@for b in $(BENCHES); do echo "== $$b"; \
	  case $$b in bench_pg*) scripts/pg_cluster.sh run build/rel/bench/$$b || exit 1 ;; \
	  *) build/rel/bench/$$b || exit 1 ;; esac; done

fuzz: deps
	@$(MAKE) --no-print-directory $(addprefix build/fuzz/bin/,$(FUZZERS))
	@for f in $(FUZZERS); do echo "== $$f (60 s)"; mkdir -p build/fuzz/corpus/$$f; \
	  build/fuzz/bin/$$f -max_total_time=60 build/fuzz/corpus/$$f tests/fuzz/corpus/$$f || exit 1; done

# Replays the committed seed corpora (part of make check when clang is present).
fuzz-replay:
	@$(MAKE) --no-print-directory $(addprefix build/fuzz/bin/,$(FUZZERS))
	@for f in $(FUZZERS); do build/fuzz/bin/$$f -runs=0 tests/fuzz/corpus/$$f >/dev/null 2>&1 \
	  && echo "fuzz-replay $$f: ok" || { echo "fuzz-replay $$f: FAILED"; exit 1; }; done

C_FILES = $(shell git ls-files '*.c' '*.h' 2>/dev/null)
# The style and the project's own rules: clang-format, cppcheck,
# scripts/checksrc.pl (see its header), ESLint and Prettier on web/.
lint: deps build/gen/migrations.c
	@echo "lint: clang-format"; clang-format --dry-run --Werror $(C_FILES)
	@echo "lint: checksrc"; perl scripts/checksrc.pl
	cppcheck --quiet --error-exitcode=1 --enable=warning,performance,portability \
	  --suppress=missingIncludeSystem --inline-suppr -Isrc -Ibuild/gen src
	node_modules/.bin/eslint --max-warnings 0 && node_modules/.bin/prettier --check 'web/**/*.js' 'tests/browser/**/*.mjs' '*.config.js'

format:
	clang-format -i $(C_FILES)
	node_modules/.bin/prettier --write 'web/**/*.js' 'tests/browser/**/*.mjs' '*.config.js'

clean:
	rm -rf build

-include $(shell find build -name '*.d' 2>/dev/null)

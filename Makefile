# Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later
# dvk: plain GNU make.  `make` builds build/dvk; `make test` runs every
# suite; `make asan` runs them again under AddressSanitizer and
# UndefinedBehaviorSanitizer; `make run` opens dvk.  V=1 shows commands.
# `make deps` installs the Debian packages the build and the tests need
# (as root; `make run` and `make test` call it); plain `make` only checks
# them and says what to install.

PREFIX ?= /usr/local
DESTDIR ?=
BUILD ?= build
CC ?= cc
PKG_CONFIG ?= pkg-config
# The build-time generator (tools/gendirective) runs on the machine that
# builds, so it is compiled for it: never the target compiler's output.
CC_FOR_BUILD ?= cc
PKG_CONFIG_FOR_BUILD ?= pkg-config
CFLAGS_FOR_BUILD ?= -O2
CPPFLAGS_FOR_BUILD ?=
LDFLAGS_FOR_BUILD ?=

VERSION := 0.1.0
PKGS := ncursesw yaml-0.1

# CFLAGS, CPPFLAGS and LDFLAGS are the user's or the packager's
# (optimisation, hardening); the flags dvk needs live in DVK_CFLAGS and
# DVK_CPPFLAGS, so that `make CPPFLAGS=... CFLAGS=... LDFLAGS=...` adds to
# them and cannot drop them.
CFLAGS ?= -O2 -g
DVK_WARN := -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
ifeq ($(WERROR),1)
DVK_WARN += -Werror
endif
DVK_CFLAGS := $(DVK_WARN)
# The catalogue is found relative to the binary (../share/locale), so
# `make install PREFIX=...` needs no rebuild; this is only the last resort.
DVK_CPPFLAGS = -D_GNU_SOURCE -I. -I$(BUILD) -DDVK_VERSION='"$(VERSION)"' \
	-DDVK_LOCALEDIR='"$(PREFIX)/share/locale"' -MMD -MP
# libzip and libxlsxwriter are opened at run time (report/dl.c says why):
# their headers are needed, not their libraries.
DL_PKGS := libzip xlsxwriter
PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS) $(DL_PKGS) 2>/dev/null)
# libunistring is linked statically when its archive is there: as a shared
# library (built with BIND_NOW) it binds ~500 symbols at every start, a
# sixth of dvk's start-up, for the ~20 functions dvk calls.
UNISTRING_A := $(shell $(CC) -print-file-name=libunistring.a 2>/dev/null)
PKG_LIBS = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null) \
	$(if $(filter /%,$(UNISTRING_A)),$(UNISTRING_A),-lunistring)
TEST_CFLAGS = $(shell $(PKG_CONFIG) --cflags criterion vterm 2>/dev/null)
TEST_LIBS = $(shell $(PKG_CONFIG) --libs criterion vterm 2>/dev/null) -lutil

ifeq ($(SAN),1)
DVK_CFLAGS += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
DVK_LDFLAGS := -fsanitize=address,undefined
endif

ifeq ($(V),1)
Q :=
else
Q := @
endif

# The engine and everything under it: no curses here (see lint-deps).
LIB_DIRS := base i18n text yamlio content import checklist store catalog roster report config
LIB_SRCS := $(sort $(foreach d,$(LIB_DIRS),$(wildcard $(d)/*.c)))
CLI_SRCS := $(sort $(wildcard cli/*.c))
TUI_SRCS := $(sort $(wildcard tui/*.c))
TEST_SRCS := $(sort $(wildcard tests/test_*.c))

GEN_SRC := $(BUILD)/gen/builtin_directive.c
LIB_OBJS := $(LIB_SRCS:%.c=$(BUILD)/%.o) $(BUILD)/gen/builtin_directive.o
# EMBED_MO=1 (make static): the Vietnamese catalogue goes into the binary.
ifeq ($(EMBED_MO),1)
LIB_OBJS += $(BUILD)/gen/catalog_mo.o
DVK_CPPFLAGS += -DDVK_EMBED_MO
endif
CLI_OBJS := $(CLI_SRCS:%.c=$(BUILD)/%.o)
TUI_OBJS := $(TUI_SRCS:%.c=$(BUILD)/%.o)
MAIN_OBJ := $(BUILD)/cli/main.o
TEST_BINS := $(TEST_SRCS:tests/%.c=$(BUILD)/tests/%)
TEST_HELPER_OBJS := $(patsubst %.c,$(BUILD)/%.o,$(wildcard tests/helpers/*.c))

PO_FILES := $(wildcard po/*.po)
MO_FILES := $(PO_FILES:po/%.po=$(BUILD)/locale/%/LC_MESSAGES/dvk.mo)

all: $(BUILD)/dvk $(MO_FILES)

# Plain `make` never installs anything: it checks and says what is missing.
$(BUILD)/.deps-build:
	$(Q)CC=$(CC) tools/deps.sh --check build
	$(Q)mkdir -p $(@D) && touch $@

$(BUILD)/.deps-test: $(BUILD)/.deps-build
	$(Q)CC=$(CC) tools/deps.sh --check test
	$(Q)touch $@

deps:
	$(Q)CC=$(CC) tools/deps.sh test

$(BUILD)/dvk: $(LIB_OBJS) $(CLI_OBJS) $(TUI_OBJS)
	@echo "  LD      $@"
	$(Q)$(CC) $(DVK_LDFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

# The built-in directive is compiled: tools/gendirective runs the loader on
# the YAML at build time and prints it as C data, so start-up parses no YAML
# and a broken directive fails the build.
# It is built with CC_FOR_BUILD in $(BUILD)/host, from the same sources.
HOST := $(BUILD)/host
GEN_OBJS := $(foreach d,base text yamlio,$(patsubst %.c,$(HOST)/%.o,$(wildcard $(d)/*.c))) \
	$(HOST)/content/directive.o $(HOST)/content/advice.o $(HOST)/content/id.o
HOST_CFLAGS = $(shell $(PKG_CONFIG_FOR_BUILD) --cflags yaml-0.1 2>/dev/null)
HOST_LIBS = $(shell $(PKG_CONFIG_FOR_BUILD) --libs yaml-0.1 2>/dev/null) -lunistring

$(HOST)/%.o: %.c | $(BUILD)/.deps-build
	@echo "  HOSTCC  $<"
	$(Q)mkdir -p $(@D)
	$(Q)$(CC_FOR_BUILD) $(DVK_CPPFLAGS) $(CPPFLAGS_FOR_BUILD) $(HOST_CFLAGS) $(DVK_WARN) $(CFLAGS_FOR_BUILD) -c -o $@ $<

$(HOST)/tools/gendirective: $(HOST)/tools/gendirective.o $(GEN_OBJS)
	@echo "  HOSTLD  $@"
	$(Q)$(CC_FOR_BUILD) $(LDFLAGS_FOR_BUILD) -o $@ $^ $(HOST_LIBS)

$(GEN_SRC): content/thanh-hoa-dvk-2023.yaml $(HOST)/tools/gendirective
	$(Q)mkdir -p $(@D)
	$(Q)$(HOST)/tools/gendirective $< > $@.tmp && mv $@.tmp $@

$(BUILD)/%.o: %.c | $(BUILD)/.deps-build
	@echo "  CC      $<"
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(DVK_CPPFLAGS) $(CPPFLAGS) $(PKG_CFLAGS) $(DVK_CFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/gen/%.o: $(BUILD)/gen/%.c
	@echo "  CC      $<"
	$(Q)$(CC) $(DVK_CPPFLAGS) $(CPPFLAGS) $(DVK_CFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/tests/%.o: tests/%.c | $(BUILD)/.deps-test
	@echo "  CC      $<"
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(DVK_CPPFLAGS) $(CPPFLAGS) $(PKG_CFLAGS) $(TEST_CFLAGS) $(DVK_CFLAGS) $(CFLAGS) -c -o $@ $<

# Every suite links the whole program except main(), so tests call any
# module directly; screen tests also run build/dvk in a pseudo-terminal.
$(BUILD)/tests/%: $(BUILD)/tests/%.o $(TEST_HELPER_OBJS) $(LIB_OBJS) \
		$(filter-out $(MAIN_OBJ),$(CLI_OBJS)) $(TUI_OBJS)
	@echo "  LD      $@"
	$(Q)$(CC) $(DVK_LDFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) $(TEST_LIBS)

$(BUILD)/locale/%/LC_MESSAGES/dvk.mo: po/%.po
	$(Q)mkdir -p $(@D)
	$(Q)msgfmt --check -o $@ $<

$(BUILD)/gen/catalog_mo.c: $(BUILD)/locale/vi/LC_MESSAGES/dvk.mo
	$(Q)mkdir -p $(@D)
	$(Q){ echo '#include <stddef.h>'; echo 'const unsigned char dvk_mo[] = {'; \
	  od -An -v -tx1 $< | sed 's/\([0-9a-f][0-9a-f]\)/0x\1,/g'; echo '};'; \
	  echo "const size_t dvk_mo_len = $$(wc -c < $<);"; } > $@.tmp && mv $@.tmp $@

# ---- translations: po/dvk.pot is made from the sources, never by hand;
# `make update-po` refreshes it and merges it into po/*.po (then translate
# what is new); `make check-po` fails when that would change anything or
# a message is untranslated or fuzzy.
PO_SRCS := $(sort $(LIB_SRCS) $(CLI_SRCS) $(TUI_SRCS) \
	$(wildcard $(LIB_DIRS:%=%/*.h) cli/*.h tui/*.h))

update-po:
	$(Q)tools/update-po.sh $(VERSION) $(PO_SRCS)

check-po:
	$(Q)tools/update-po.sh --check $(VERSION) $(PO_SRCS)

# `make test` and `make run` set up a fresh machine first (make deps), then
# build in a second make so that nothing compiles before the packages are
# there.
test: deps
	$(Q)$(MAKE) --no-print-directory test-run

test-run: $(BUILD)/.deps-test all $(TEST_BINS)
	$(Q)tools/run-tests.sh $(BUILD)
	$(Q)$(MAKE) --no-print-directory fuzz-regress

asan:
	$(Q)$(MAKE) --no-print-directory BUILD=build-asan SAN=1 CFLAGS="-O1 -g" test

run: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)$(BUILD)/dvk

lint-deps:
	$(Q)! grep -nE '#include [<"](n?cursesw?|curses)\.h' $(LIB_SRCS) $(wildcard $(LIB_DIRS:%=%/*.h)) $(CLI_SRCS) || \
		{ echo "lint-deps: only tui/ may include curses"; exit 1; }
	$(Q)! grep -nE '#include [<"]yaml\.h' $(wildcard base/*.[ch] text/*.[ch] checklist/*.[ch] tui/*.[ch]) || \
		{ echo "lint-deps: yaml.h only in yamlio/ and the loaders"; exit 1; }
	@echo "lint-deps: ok"

# ---- install: the binary, the catalogues, the man pages (English and
# Vietnamese: man -L vi), bash completion and the README.  The binary finds
# its catalogue relative to itself (../share/locale), so PREFIX may differ
# from the build's without a rebuild.
BINDIR ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share
LOCALEDIR ?= $(DATADIR)/locale
MANDIR ?= $(DATADIR)/man
DOCDIR ?= $(DATADIR)/doc/dvk
BASHCOMPDIR ?= $(DATADIR)/bash-completion/completions
MAN_PAGES := man/dvk.1 man/dvk-state.5
MAN_LANGS := vi

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(DOCDIR)
	install -m 755 $(BUILD)/dvk $(DESTDIR)$(BINDIR)/dvk
	for mo in $(MO_FILES); do \
		l=$${mo#$(BUILD)/locale/}; l=$${l%%/*}; \
		install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES; \
		install -m 644 $$mo $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/dvk.mo; \
	done
	for p in $(MAN_PAGES); do \
		s=$${p##*.}; n=$${p#man/}; \
		install -d $(DESTDIR)$(MANDIR)/man$$s; \
		install -m 644 $$p $(DESTDIR)$(MANDIR)/man$$s/$$n; \
		for l in $(MAN_LANGS); do \
			install -d $(DESTDIR)$(MANDIR)/$$l/man$$s; \
			install -m 644 man/$$l/$$n $(DESTDIR)$(MANDIR)/$$l/man$$s/$$n; \
		done; \
	done
	install -m 644 completion/dvk $(DESTDIR)$(BASHCOMPDIR)/dvk
	install -m 644 README.md $(DESTDIR)$(DOCDIR)/README.md

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/dvk $(DESTDIR)$(LOCALEDIR)/*/LC_MESSAGES/dvk.mo \
		$(DESTDIR)$(BASHCOMPDIR)/dvk $(DESTDIR)$(DOCDIR)/README.md
	for p in $(MAN_PAGES); do \
		s=$${p##*.}; n=$${p#man/}; \
		rm -f $(DESTDIR)$(MANDIR)/man$$s/$$n $(DESTDIR)$(MANDIR)/*/man$$s/$$n; \
	done
	-rmdir $(DESTDIR)$(DOCDIR)

# ---- the Debian package: tools/deb.sh builds it with dpkg-deb (no
# network); deb-test installs it into a minimal Debian (debootstrap, cached
# in DEB_BUILD) and checks --version, man dvk, man -L vi dvk and completion.
DEB_BUILD ?= build-deb

deb:
	$(Q)tools/deps.sh package
	$(Q)tools/deb.sh $(DEB_BUILD)
	$(Q)lintian --fail-on error,warning $(DEB_BUILD)/dvk_$(VERSION)_*.deb && \
		echo "lintian: no errors, no warnings"

deb-test: deb all
	$(Q)PLAIN_BUILD=$(BUILD) tools/deb-test.sh $(DEB_BUILD)

clean:
	rm -rf build build-asan build-static build-deb

# ---- the portable binary: one statically linked x86-64 file (musl,
# ncursesw with built-in terminal descriptions, the catalogue inside);
# tools/static.sh fetches Debian's sources of the libraries at build time.
STATIC_BUILD ?= build-static

static:
	$(Q)tools/deps.sh package
	$(Q)tools/static.sh $(STATIC_BUILD)

# It runs alone in an empty chroot (tests/test_static.c; needs root).
static-test: static $(BUILD)/.deps-test $(BUILD)/dvk $(BUILD)/tests/test_static
	$(Q)DVK_STATIC=$$PWD/$(STATIC_BUILD)/dvk tools/run-tests.sh $(BUILD) test_static

# ---- fuzzing (fuzz/): libFuzzer targets built with clang in their own
# folder.  `make fuzz` runs each for FUZZ_SECONDS into a scratch corpus;
# `make fuzz-merge` minimises that into the committed fuzz/corpus/<t>;
# `make fuzz-regress` (part of `make test`) replays the committed corpus,
# with the libFuzzer binaries when clang is here, else with a plain driver.
FUZZ_TARGETS := directive state roundtrip import
FUZZ_SECONDS ?= 60
FUZZ_BUILD ?= build-fuzz
FUZZ_CC ?= clang
FUZZ_FLAGS ?= -timeout=10 -rss_limit_mb=2048 -max_len=65536
FUZZ_SAN := -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined \
	-fno-omit-frame-pointer

$(BUILD)/fuzz/fuzz_%: $(BUILD)/fuzz/fuzz_%.o $(LIB_OBJS)
	@echo "  LD      $@"
	$(Q)$(CC) -fsanitize=fuzzer,address,undefined $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/fuzz/replay_%: $(BUILD)/fuzz/fuzz_%.o $(BUILD)/fuzz/replay.o $(LIB_OBJS)
	@echo "  LD      $@"
	$(Q)$(CC) $(DVK_LDFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

fuzz-build:
	$(Q)$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=$(FUZZ_CC) \
		CFLAGS="-O1 -g $(FUZZ_SAN)" DVK_LDFLAGS="-fsanitize=address,undefined" \
		$(FUZZ_TARGETS:%=$(FUZZ_BUILD)/fuzz/fuzz_%)

fuzz: fuzz-build
	$(Q)for t in $(FUZZ_TARGETS); do \
		mkdir -p $(FUZZ_BUILD)/corpus/$$t && \
		echo "fuzz: $$t for $(FUZZ_SECONDS) s" && \
		$(FUZZ_BUILD)/fuzz/fuzz_$$t $(FUZZ_FLAGS) -max_total_time=$(FUZZ_SECONDS) \
			-dict=$$(test -f fuzz/$$t.dict && echo fuzz/$$t.dict || echo fuzz/dvk.dict) \
			-artifact_prefix=$(FUZZ_BUILD)/crash-$$t- \
			$(FUZZ_BUILD)/corpus/$$t fuzz/corpus/$$t || exit 1; \
	done

fuzz-merge: fuzz-build
	$(Q)for t in $(FUZZ_TARGETS); do \
		mkdir -p fuzz/corpus/$$t $(FUZZ_BUILD)/corpus/$$t && \
		mv fuzz/corpus/$$t $(FUZZ_BUILD)/old-$$t && mkdir fuzz/corpus/$$t && \
		$(FUZZ_BUILD)/fuzz/fuzz_$$t -merge=1 -max_len=65536 fuzz/corpus/$$t \
			$(FUZZ_BUILD)/old-$$t $(FUZZ_BUILD)/corpus/$$t && \
		rm -rf $(FUZZ_BUILD)/old-$$t || exit 1; \
	done

fuzz-regress:
	$(Q)if command -v $(FUZZ_CC) >/dev/null 2>&1; then \
		$(MAKE) --no-print-directory fuzz-build >/dev/null && \
		for t in $(FUZZ_TARGETS); do \
			$(FUZZ_BUILD)/fuzz/fuzz_$$t -runs=0 fuzz/corpus/$$t $$(ls -d fuzz/regress/$$t 2>/dev/null) \
				>$(FUZZ_BUILD)/regress-$$t.log 2>&1 || \
			{ tail -40 $(FUZZ_BUILD)/regress-$$t.log; echo "fuzz-regress: $$t FAILED"; exit 1; }; \
		done; \
	else \
		$(MAKE) --no-print-directory $(FUZZ_TARGETS:%=$(BUILD)/fuzz/replay_%) && \
		for t in $(FUZZ_TARGETS); do \
			$(BUILD)/fuzz/replay_$$t fuzz/corpus/$$t $$(ls -d fuzz/regress/$$t 2>/dev/null) >/dev/null || \
			{ echo "fuzz-regress: $$t FAILED"; exit 1; }; \
		done; \
	fi
	@echo "fuzz-regress: $(words $(FUZZ_TARGETS)) targets replayed their corpus"

# ---- torture: the full crash and fault run (tests/test_torture.c); `make
# test` runs the same suite shortened.
# It also runs the Syncthing race (tests/syncthing.sh race) for the ten
# rounds issue 10 asks for; `make test` runs two.
torture: $(BUILD)/.deps-test all $(BUILD)/tests/test_torture $(BUILD)/tests/test_sync
	$(Q)home=$$(mktemp -d) && \
	export DVK_TORTURE=1 DVK_SYNC_ROUNDS=10 DVK_BIN="$$PWD/$(BUILD)/dvk" DVK_SRC="$$PWD" \
	TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8 \
	TERM=xterm-256color HOME=$$home XDG_CONFIG_HOME=$$home/.config XDG_DATA_HOME=$$home/.local/share \
	XDG_STATE_HOME=$$home/.local/state XDG_CACHE_HOME=$$home/.cache && \
	$(BUILD)/tests/test_torture --jobs 1 --short-filename --verbose; \
	st=$$?; \
	$(BUILD)/tests/test_sync --jobs 1 --short-filename --verbose \
		--filter 'syncthing/forty_concurrent_saves_a_side_lose_no_acknowledged_edit' || st=1; \
	rm -rf $$home; exit $$st

# ---- bench: dvk against less and calcurse in a pseudo-terminal, and the
# file verbs against a bare libyaml parse (bench/bench.sh prints the table).
BENCH_TOOLS := $(BUILD)/bench/ptybench $(BUILD)/bench/genstate $(BUILD)/bench/yamlfloor

$(BUILD)/bench/ptybench: bench/ptybench.c | $(BUILD)/.deps-test
	@echo "  CCLD    $@"
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(DVK_CPPFLAGS) $(CPPFLAGS) $(TEST_CFLAGS) $(DVK_CFLAGS) $(CFLAGS) -o $@ $< \
		$(shell $(PKG_CONFIG) --libs vterm 2>/dev/null) -lutil

$(BUILD)/bench/genstate: $(BUILD)/bench/genstate.o $(LIB_OBJS)
	@echo "  LD      $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/bench/yamlfloor: $(BUILD)/bench/yamlfloor.o
	@echo "  LD      $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

bench: $(BUILD)/.deps-test all $(BENCH_TOOLS)
	$(Q)sh bench/bench.sh $(BUILD)

.PHONY: fuzz fuzz-build fuzz-merge fuzz-regress torture bench
.PHONY: all deps test test-run asan run lint-deps install uninstall clean update-po check-po
.PHONY: static static-test deb deb-test
.SECONDARY:

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

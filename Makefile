# dvk: plain GNU make.  `make` builds build/dvk; `make test` runs every
# suite; `make asan` runs them again under AddressSanitizer and
# UndefinedBehaviorSanitizer; `make run` opens dvk.  V=1 shows commands.

PREFIX ?= /usr/local
DESTDIR ?=
BUILD ?= build
CC ?= cc
PKG_CONFIG ?= pkg-config

VERSION := 0.1.0
PKGS := ncursesw yaml-0.1

# CFLAGS is the user's (optimisation, debug info); the flags dvk needs
# live in DVK_CFLAGS so that `make CFLAGS=...` cannot drop them.
CFLAGS ?= -O2 -g
DVK_CFLAGS := -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
ifeq ($(WERROR),1)
DVK_CFLAGS += -Werror
endif
CPPFLAGS += -D_GNU_SOURCE -I. -I$(BUILD) -DDVK_VERSION='"$(VERSION)"' \
	-DDVK_LOCALEDIR='"$(PREFIX)/share/locale"' -MMD -MP
PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null) -lunistring
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
LIB_DIRS := base text yamlio content checklist store report config
LIB_SRCS := $(sort $(foreach d,$(LIB_DIRS),$(wildcard $(d)/*.c)))
CLI_SRCS := $(sort $(wildcard cli/*.c))
TUI_SRCS := $(sort $(wildcard tui/*.c))
TEST_SRCS := $(sort $(wildcard tests/test_*.c))

GEN_SRC := $(BUILD)/gen/builtin_directive.c
LIB_OBJS := $(LIB_SRCS:%.c=$(BUILD)/%.o) $(BUILD)/gen/builtin_directive.o
CLI_OBJS := $(CLI_SRCS:%.c=$(BUILD)/%.o)
TUI_OBJS := $(TUI_SRCS:%.c=$(BUILD)/%.o)
MAIN_OBJ := $(BUILD)/cli/main.o
TEST_BINS := $(TEST_SRCS:tests/%.c=$(BUILD)/tests/%)
TEST_HELPER_OBJS := $(patsubst %.c,$(BUILD)/%.o,$(wildcard tests/helpers/*.c))

PO_FILES := $(wildcard po/*.po)
MO_FILES := $(PO_FILES:po/%.po=$(BUILD)/locale/%/LC_MESSAGES/dvk.mo)

all: $(BUILD)/dvk $(MO_FILES)

$(BUILD)/.deps-build:
	$(Q)CC=$(CC) tools/deps.sh build
	$(Q)mkdir -p $(@D) && touch $@

$(BUILD)/.deps-test: $(BUILD)/.deps-build
	$(Q)CC=$(CC) tools/deps.sh test
	$(Q)touch $@

$(BUILD)/dvk: $(LIB_OBJS) $(CLI_OBJS) $(TUI_OBJS)
	@echo "  LD      $@"
	$(Q)$(CC) $(DVK_LDFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

# The built-in directive is compiled: tools/gendirective runs the loader on
# the YAML at build time and prints it as C data, so start-up parses no YAML
# and a broken directive fails the build.
GEN_OBJS := $(foreach d,base text yamlio,$(patsubst %.c,$(BUILD)/%.o,$(wildcard $(d)/*.c))) \
	$(BUILD)/content/directive.o

$(BUILD)/tools/gendirective: $(BUILD)/tools/gendirective.o $(GEN_OBJS)
	@echo "  LD      $@"
	$(Q)$(CC) $(DVK_LDFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(GEN_SRC): content/thanh-hoa-dvk-2023.yaml $(BUILD)/tools/gendirective
	$(Q)mkdir -p $(@D)
	$(Q)$(BUILD)/tools/gendirective $< > $@.tmp && mv $@.tmp $@

$(BUILD)/%.o: %.c | $(BUILD)/.deps-build
	@echo "  CC      $<"
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(DVK_CFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/gen/%.o: $(BUILD)/gen/%.c
	@echo "  CC      $<"
	$(Q)$(CC) $(CPPFLAGS) $(DVK_CFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/tests/%.o: tests/%.c | $(BUILD)/.deps-test
	@echo "  CC      $<"
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(TEST_CFLAGS) $(DVK_CFLAGS) $(CFLAGS) -c -o $@ $<

# Every suite links the whole program except main(), so tests call any
# module directly; screen tests also run build/dvk in a pseudo-terminal.
$(BUILD)/tests/%: $(BUILD)/tests/%.o $(TEST_HELPER_OBJS) $(LIB_OBJS) \
		$(filter-out $(MAIN_OBJ),$(CLI_OBJS)) $(TUI_OBJS)
	@echo "  LD      $@"
	$(Q)$(CC) $(DVK_LDFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) $(TEST_LIBS)

$(BUILD)/locale/%/LC_MESSAGES/dvk.mo: po/%.po
	$(Q)mkdir -p $(@D)
	$(Q)msgfmt --check -o $@ $<

test: $(BUILD)/.deps-test all $(TEST_BINS)
	$(Q)tools/run-tests.sh $(BUILD)

asan:
	$(Q)$(MAKE) --no-print-directory BUILD=build-asan SAN=1 CFLAGS="-O1 -g" test

run: all
	$(Q)$(BUILD)/dvk

lint-deps:
	$(Q)! grep -nE '#include [<"](n?cursesw?|curses)\.h' $(LIB_SRCS) $(wildcard $(LIB_DIRS:%=%/*.h)) $(CLI_SRCS) || \
		{ echo "lint-deps: only tui/ may include curses"; exit 1; }
	$(Q)! grep -nE '#include [<"]yaml\.h' $(wildcard base/*.[ch] text/*.[ch] checklist/*.[ch] tui/*.[ch]) || \
		{ echo "lint-deps: yaml.h only in yamlio/ and the loaders"; exit 1; }
	@echo "lint-deps: ok"

install: all
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 $(BUILD)/dvk $(DESTDIR)$(PREFIX)/bin/dvk
	for mo in $(MO_FILES); do \
		l=$${mo#$(BUILD)/locale/}; l=$${l%%/*}; \
		install -d $(DESTDIR)$(PREFIX)/share/locale/$$l/LC_MESSAGES; \
		install -m 644 $$mo $(DESTDIR)$(PREFIX)/share/locale/$$l/LC_MESSAGES/dvk.mo; \
	done

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/dvk $(DESTDIR)$(PREFIX)/share/locale/*/LC_MESSAGES/dvk.mo

clean:
	rm -rf build build-asan

.PHONY: all test asan run lint-deps install uninstall clean
.SECONDARY:

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * tuirun.h: what the screen suites share: a fresh folder per test, the
 * sealed environment dvk runs in (data, config and state under that
 * folder, UTC, a UTF-8 locale, xterm), build/dvk started in a
 * pseudo-terminal (vt.h) or run as a CLI verb.
 *
 * The environment: XDG_* and DVK_DATA under root, DVK_UNIT=xa-thu and
 * DVK_USER="Người Thử" unless extra says otherwise ("K=V" sets, "K"
 * alone unsets; extra is applied last).
 */
#ifndef TESTS_HELPERS_TUIRUN_H
#define TESTS_HELPERS_TUIRUN_H

#include <stdbool.h>

#include "tests/helpers/vt.h"

/* build/dvk, or $DVK_BIN. */
const char *tr_bin(void);
/* A fresh folder under $HOME (caller frees); NULL on failure. */
char *tr_root(void);
/* Start dvk ARGS... (args NULL-terminated, may be NULL) in a rows x cols
 * pty.  NULL on failure. */
struct vt *tr_start(const char *root, int rows, int cols, const char *const extra[],
		    char *const args[]);
/* Run dvk ARGS... to the end, with DVK_LANG=en unless extra says
 * otherwise (suites compare the verbs' English output); returns its exit
 * status, and its standard output in *out (may be NULL; caller frees). */
int tr_cli(const char *root, const char *const extra[], char *const args[], char **out);
/* The whole file (caller frees), NULL if unreadable. */
char *tr_slurp(const char *path);
/* Write bytes to path; false on failure. */
bool tr_write(const char *path, const char *bytes, size_t n);
/* Wait until the row holding text is the selected one (starts with ">"). */
bool tr_selected(struct vt *v, const char *text);
/* Press q and expect dvk to exit 0 within TR_WAIT_MS (a Criterion expect). */
void tr_quit(struct vt *v);

/* How long a screen suite waits for anything, and its two assertions,
 * which print the screen when they fail. */
#define TR_WAIT_MS 5000
#define WAIT_MS TR_WAIT_MS

#define EXPECT(v, text)                                                       \
	do {                                                                  \
		if (!vt_wait((v), (text), WAIT_MS)) {                          \
			char *scr_ = vt_screen(v);                            \
			cr_assert_fail("screen never showed \"%s\":\n%s", (text), scr_); \
		}                                                             \
	} while (0)

#define EXPECT_SELECTED(v, text)                                              \
	do {                                                                  \
		if (!tr_selected((v), (text))) {                              \
			char *scr_ = vt_screen(v);                            \
			cr_assert_fail("\"%s\" never selected:\n%s", (text), scr_); \
		}                                                             \
	} while (0)

#endif

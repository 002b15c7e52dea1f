/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sim.h: helpers for engine and store tests: a seeded PRNG, edit contexts
 * for simulated laptops, temp folders, running build/dvk.
 */
#ifndef TESTS_HELPERS_SIM_H
#define TESTS_HELPERS_SIM_H

#include <stddef.h>
#include <stdint.h>

#include "checklist/checklist.h"
#include "store/store.h"

/* SplitMix64: small, fast, and a failing seed reproduces exactly. */
uint64_t sim_next(uint64_t *s);
/* A number in [0, n). */
unsigned sim_below(uint64_t *s, unsigned n);
/* ctx->random for tests: random_arg points at a uint64_t state. */
void sim_random(unsigned char *buf, size_t n, void *arg);

/* Give st's unit a name or parent (field UNIT_NAME or UNIT_PARENT): an
 * event of UNIT_ITEM replacing the field's heads, added as it is (no
 * check, so tests can give names dvk would refuse to type), by "sim".
 * Its id comes from (unit, field, value, heads), so two states given the
 * same value the same way get the same event. */
void sim_set_unit(struct state *st, const char *field, const char *value);

/* The built-in directive, loaded once per process (never freed). */
const struct directive *sim_directive(void);

/* A fresh temporary folder (caller frees the string; the folder is left
 * for the test runner's temporary HOME to take away). */
char *sim_tmpdir(void);

/* Write / read a whole file. */
void sim_write(const char *path, const char *bytes, size_t len);
char *sim_read(const char *path, size_t *len);

/* Run a shell command with build/dvk as $DVK ($DVK_BIN is the binary
 * itself) and DVK_LANG=en exported (suites compare English output);
 * returns the exit status and, if out is non-NULL, standard output
 * (caller frees).  $DVK given --data DIR runs as a laptop of its own:
 * XDG_STATE_HOME=DIR.laptop (its journal, replica id and clock), so two
 * folders play two laptops. */
int sim_run(char **out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif

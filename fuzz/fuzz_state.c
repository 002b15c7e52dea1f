/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_state.c: libFuzzer target for the state loader (store_parse with
 * the built-in directive).
 *
 * Any bytes must give a state or an error with a message and a file name,
 * never a crash, a leak, undefined behaviour or a hang.  A state that
 * loads must emit bytes that load again ("never write what you cannot
 * read"), and read in full (no directive, so no summary compared as text:
 * store.c, parse_without_summary) it must give the same events and hand
 * edits.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct directive *builtin(void)
{
	static struct directive *d;
	struct dvk_error err;

	if (!d && !(d = directive_builtin(&err))) {
		fprintf(stderr, "built-in directive: %s\n", err.message);
		abort();
	}
	return d;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct directive *d = builtin();
	struct dvk_error err;
	struct state *st, *back, *full;
	const struct hand_edit *h1, *h2;
	char *bytes;
	size_t len;

	dvk_error_clear(&err);
	st = store_parse((const char *)data, size, "fuzz.yaml", d, &err);
	if (!st) {
		if (!err.message[0] || strcmp(err.path, "fuzz.yaml") != 0) {
			fprintf(stderr, "refused without a message or file name\n");
			abort();
		}
		return 0;
	}
	/* Read in full (no directive: no summary compared as text), the
	 * same file gives the same events and the same hand edits. */
	full = store_parse((const char *)data, size, "fuzz.yaml", NULL, &err);
	if (!full || checklist_count(full->cl) != checklist_count(st->cl) ||
	    !checklist_subset(full->cl, st->cl) ||
	    state_hand_edits(full, &h1) != state_hand_edits(st, &h2)) {
		fprintf(stderr, "a full reading differs: %s\n", full ? "other events" : err.message);
		abort();
	}
	state_free(full);
	bytes = store_emit(st, d, &len);
	back = store_parse(bytes, len, "emitted.yaml", d, &err);
	if (!back) {
		fprintf(stderr, "emitted bytes do not load: %d:%d: %s\n--\n%s\n", err.line, err.col,
			err.message, bytes);
		abort();
	}
	state_free(back);
	free(bytes);
	state_free(st);
	return 0;
}

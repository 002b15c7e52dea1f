/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_state.c: libFuzzer target for the state loader (store_parse with
 * the built-in directive).
 *
 * Any bytes must give a state or an error with a message and a file name,
 * never a crash, a leak, undefined behaviour or a hang.  A state that
 * loads must emit bytes that load again ("never write what you cannot
 * read").
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
	struct state *st, *back;
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

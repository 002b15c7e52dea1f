/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_directive.c: libFuzzer target for the directive loader.
 *
 * Any bytes must give a directive or an error with a message, never a
 * crash, a leak, undefined behaviour or a hang.  A directive that loads
 * must be self-consistent: every item is found by its own id and lies in
 * its section's range.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content/directive.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dvk_error err;
	struct directive *d;

	dvk_error_clear(&err);
	d = directive_load_buffer((const char *)data, size, "fuzz.yaml", &err);
	if (!d) {
		if (!err.message[0]) {
			fprintf(stderr, "refused with no message\n");
			abort();
		}
		return 0;
	}
	for (size_t i = 0; i < d->nitems; i++) {
		const struct item *it = &d->items[i];

		if (directive_item_index(d, it->id) != (long)i || it->section >= d->nsections) {
			fprintf(stderr, "item %zu (%s) is not found by its id\n", i, it->id);
			abort();
		}
		const struct section *s = &d->sections[it->section];

		if (i < s->first_item || i >= s->first_item + s->nitems) {
			fprintf(stderr, "item %zu is outside its section's range\n", i);
			abort();
		}
	}
	directive_free(d);
	return 0;
}

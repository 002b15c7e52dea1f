/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_roundtrip.c: libFuzzer target for load -> join -> emit -> load.
 *
 * The input is one state file, or two separated by a NUL byte (A NUL B).
 * For every state that loads:
 *   emit(load(emit(x))) == emit(x)          (canonical bytes are a fixpoint)
 *   emit(x joined with itself) == emit(x)   (join is idempotent)
 * and for two states A, B of the same unit:
 *   emit(A join B) == emit(B join A)        (commutative)
 *   emit((A join B) join B) == emit(A join B)
 *   A and B are subsets of A join B.
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

static void fail(const char *what, const char *a, const char *b)
{
	fprintf(stderr, "round trip broken: %s\n--- first\n%s\n--- second\n%s\n", what, a, b ? b : "");
	abort();
}

static struct state *load(const char *buf, size_t len)
{
	struct dvk_error err;

	dvk_error_clear(&err);
	return store_parse(buf, len, "fuzz.yaml", builtin(), &err);
}

static char *emit(const struct state *st, size_t *len)
{
	return store_emit(st, builtin(), len);
}

static struct state *copy(const struct state *st)
{
	struct state *c = state_new(st->directive, st->unit);
	struct dvk_error err;

	if (!state_join(c, st, &err))
		fail("join into an empty copy", err.message, NULL);
	return c;
}

/* Checks on one state; returns its canonical bytes (caller frees). */
static char *one(const struct state *x, size_t *len)
{
	struct dvk_error err;
	size_t len2, len3;
	char *e1 = emit(x, len), *e2, *e3;
	struct state *back = load(e1, *len), *self;

	if (!back)
		fail("emitted bytes do not load", e1, NULL);
	e2 = emit(back, &len2);
	if (len2 != *len || memcmp(e1, e2, *len) != 0)
		fail("emit(load(emit(x))) != emit(x)", e1, e2);
	self = copy(x);
	if (!state_join(self, x, &err) || checklist_count(self->cl) != checklist_count(x->cl))
		fail("join with itself added events", e1, NULL);
	e3 = emit(self, &len3);
	if (len3 != *len || memcmp(e1, e3, *len) != 0)
		fail("emit(x join x) != emit(x)", e1, e3);
	free(e2);
	free(e3);
	state_free(back);
	state_free(self);
	return e1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data;
	const char *nul = memchr(buf, '\0', size);
	size_t alen = nul ? (size_t)(nul - buf) : size;
	struct state *a = load(buf, alen), *b = nul ? load(nul + 1, size - alen - 1) : NULL;
	size_t la, lb;
	char *ea = NULL, *eb = NULL;

	if (a)
		ea = one(a, &la);
	if (b)
		eb = one(b, &lb);
	if (a && b && strcmp(a->unit, b->unit) == 0) {
		struct state *ab = copy(a), *ba = copy(b);
		struct dvk_error err;
		size_t l1, l2, l3;
		char *e1, *e2, *e3;

		if (!state_join(ab, b, &err) || !state_join(ba, a, &err))
			fail("join of the same unit refused", err.message, NULL);
		e1 = emit(ab, &l1);
		e2 = emit(ba, &l2);
		if (l1 != l2 || memcmp(e1, e2, l1) != 0)
			fail("A join B != B join A", e1, e2);
		if (!checklist_subset(a->cl, ab->cl) || !checklist_subset(b->cl, ab->cl))
			fail("a side is not a subset of the join", ea, eb);
		if (!state_join(ab, b, &err))
			fail("second join refused", err.message, NULL);
		e3 = emit(ab, &l3);
		if (l3 != l1 || memcmp(e1, e3, l1) != 0)
			fail("(A join B) join B != A join B", e1, e3);
		free(e1);
		free(e2);
		free(e3);
		state_free(ab);
		state_free(ba);
	}
	free(ea);
	free(eb);
	state_free(a);
	state_free(b);
	return 0;
}

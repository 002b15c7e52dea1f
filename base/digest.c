/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/* digest.c: 128-bit digests of bytes (see base.h), with xxHash's XXH3
 * used header-only, so nothing extra is linked. */
#include "base/base.h"

#include <stdlib.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

struct dvk_hasher {
	XXH3_state_t *st;
};

struct dvk_hasher *dvk_hasher_new(void)
{
	struct dvk_hasher *h = xmalloc(sizeof *h);

	h->st = XXH3_createState();
	if (!h->st)
		abort(); /* out of memory, like xmalloc */
	XXH3_128bits_reset(h->st);
	return h;
}

void dvk_hasher_add(struct dvk_hasher *h, const void *p, size_t n)
{
	if (n)
		XXH3_128bits_update(h->st, p, n);
}

struct dvk_digest dvk_hasher_end(struct dvk_hasher *h)
{
	XXH128_hash_t v = XXH3_128bits_digest(h->st);
	struct dvk_digest d = { v.low64, v.high64 };

	XXH3_freeState(h->st);
	free(h);
	return d;
}

struct dvk_digest dvk_digest_of(const void *p, size_t n)
{
	XXH128_hash_t v = XXH3_128bits(p, n);
	struct dvk_digest d = { v.low64, v.high64 };

	return d;
}

bool dvk_digest_eq(struct dvk_digest a, struct dvk_digest b)
{
	return a.lo == b.lo && a.hi == b.hi;
}

/*
 * logcache.c: an open-addressing table from event pointer to bytes (see
 * logcache.h).  Linear probing, at most half full, never shrinks: entries
 * go only when the whole cache does, like the events they stand for.
 */
#include "store/logcache.h"

#include <stdint.h>
#include <stdlib.h>

#include "base/base.h"

struct slot {
	const struct event *e; /* NULL: empty */
	char *bytes;
	size_t len;
	enum logcache_end end;
};

struct logcache {
	struct slot *slots;
	size_t cap, n; /* cap is 0 or a power of two */
};

struct logcache *logcache_new(void)
{
	return xcalloc(1, sizeof(struct logcache));
}

void logcache_free(struct logcache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->cap; i++)
		free(c->slots[i].bytes);
	free(c->slots);
	free(c);
}

/* Events come from malloc, so the low bits of their addresses say little:
 * mix the whole pointer (a 64-bit finaliser). */
static size_t hash(const struct event *e)
{
	uint64_t h = (uint64_t)(uintptr_t)e;

	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return (size_t)h;
}

static struct slot *find(const struct logcache *c, const struct event *e)
{
	size_t mask = c->cap - 1, i = hash(e) & mask;

	while (c->slots[i].e && c->slots[i].e != e)
		i = (i + 1) & mask;
	return &c->slots[i];
}

static void grow(struct logcache *c)
{
	struct slot *old = c->slots;
	size_t oldcap = c->cap;

	c->cap = oldcap ? oldcap * 2 : 256;
	c->slots = xcalloc(c->cap, sizeof *c->slots);
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].e)
			*find(c, old[i].e) = old[i];
	free(old);
}

const char *logcache_get(const struct logcache *c, const struct event *e, size_t *len,
			 enum logcache_end *end)
{
	const struct slot *s;

	if (!c || !c->cap)
		return NULL;
	s = find(c, e);
	if (!s->e)
		return NULL;
	*len = s->len;
	if (end)
		*end = s->end;
	return s->bytes;
}

void logcache_set_end(struct logcache *c, const struct event *e, enum logcache_end end)
{
	struct slot *s = c && c->cap ? find(c, e) : NULL;

	if (s && s->e)
		s->end = end;
}

void logcache_put(struct logcache *c, const struct event *e, char *bytes, size_t len,
		  enum logcache_end end)
{
	struct slot *s;

	if ((c->n + 1) * 2 > c->cap)
		grow(c);
	s = find(c, e);
	if (s->e) {
		free(s->bytes);
	} else {
		s->e = e;
		c->n++;
	}
	s->bytes = bytes;
	s->len = len;
	s->end = end;
}

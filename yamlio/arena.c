/* arena.c: a bump allocator (see arena.h). */
#include "yamlio/arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"

/* Most documents fit in one chunk; bigger ones grow chunk by chunk. */
#define CHUNK_SIZE ((size_t)64 * 1024)
#define ALIGN (alignof(max_align_t))

struct chunk {
	struct chunk *next;
	size_t cap;  /* usable bytes in data */
	size_t used;
	alignas(max_align_t) unsigned char data[];
};

struct arena {
	struct chunk *head; /* the chunk small allocations come from */
	size_t used;
};

static struct chunk *chunk_new(size_t cap)
{
	struct chunk *c;

	if (cap > SIZE_MAX - sizeof *c)
		abort(); /* unreachable: callers bound cap by real buffers */
	c = xcalloc(1, sizeof *c + cap);
	c->cap = cap;
	return c;
}

struct arena *arena_new(void)
{
	return xcalloc(1, sizeof(struct arena));
}

void arena_free(struct arena *a)
{
	struct chunk *c, *next;

	if (!a)
		return;
	for (c = a->head; c; c = next) {
		next = c->next;
		free(c);
	}
	free(a);
}

void *arena_alloc(struct arena *a, size_t n)
{
	struct chunk *c = a->head;
	size_t need;
	void *p;

	if (n > SIZE_MAX - ALIGN)
		abort();
	need = (n + ALIGN - 1) & ~(ALIGN - 1);
	if (need == 0)
		need = ALIGN;
	a->used += need;
	/*
	 * A large block gets a chunk of its own, linked behind the current
	 * one, so the space left in the current chunk is not wasted.
	 */
	if (need > CHUNK_SIZE / 4) {
		struct chunk *big = chunk_new(need);

		if (c) {
			big->next = c->next;
			c->next = big;
		} else {
			a->head = big;
		}
		big->used = need;
		return big->data;
	}
	if (!c || c->cap - c->used < need) {
		c = chunk_new(CHUNK_SIZE);
		c->next = a->head;
		a->head = c;
	}
	p = c->data + c->used;
	c->used += need;
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p;

	if (n == SIZE_MAX)
		abort();
	p = arena_alloc(a, n + 1); /* zeroed, so already NUL-terminated */
	if (n)
		memcpy(p, s, n);
	return p;
}

size_t arena_used(const struct arena *a)
{
	return a->used;
}

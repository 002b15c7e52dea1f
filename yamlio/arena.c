/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/* arena.c: a bump allocator (see arena.h). */
#include "yamlio/arena.h"

#include <pthread.h>
#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"

/* Most documents fit in one chunk; bigger ones grow chunk by chunk. */
#define CHUNK_SIZE ((size_t)64 * 1024)
#define ALIGN (alignof(max_align_t))

/*
 * Chunks of freed arenas kept for the next arena, at most this many (4 MiB).
 * A report or `dvk status` parses hundreds of files one after another (on
 * several threads for a report), each a fresh arena of a few chunks.
 * Handing the chunks back to malloc let it return the memory to the
 * kernel, so every file paid again for zeroing its chunks and for the page
 * faults of touching them: a report of 100 files took 6,800 faults, and
 * page-fault time and zeroing were most of what dvk spent beyond libyaml.
 */
#define MAX_SPARE 64

/* AddressSanitizer finds a use of a freed document only if its memory
 * really is freed, so sanitized builds (tests, fuzzers) recycle nothing. */
#if defined(__SANITIZE_ADDRESS__)
#define RECYCLE 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define RECYCLE 0
#endif
#endif
#ifndef RECYCLE
#define RECYCLE 1
#endif

struct chunk {
	struct chunk *next;
	size_t cap;  /* usable bytes in data */
	size_t used;
	size_t seq;  /* order of making within its arena */
	alignas(max_align_t) unsigned char data[];
};

struct arena {
	struct chunk *head; /* the chunk small allocations come from */
	size_t used;
	size_t seq;         /* chunks made so far */
};

/* Spare CHUNK_SIZE chunks, shared by every thread (report parses files
 * on several). */
static pthread_mutex_t spare_lock = PTHREAD_MUTEX_INITIALIZER;
static struct chunk *spare;
static size_t nspare;

/* A chunk with cap usable bytes, not zeroed: arena_alloc zeroes what it
 * hands out, which is cheaper than zeroing whole chunks that are then
 * partly used. */
static struct chunk *chunk_new(size_t cap)
{
	struct chunk *c = NULL;

	if (cap > SIZE_MAX - sizeof *c)
		abort(); /* unreachable: callers bound cap by real buffers */
	if (RECYCLE && cap == CHUNK_SIZE) {
		pthread_mutex_lock(&spare_lock);
		if ((c = spare)) {
			spare = c->next;
			nspare--;
		}
		pthread_mutex_unlock(&spare_lock);
	}
	if (!c)
		c = xmalloc(sizeof *c + cap);
	c->next = NULL;
	c->cap = cap;
	c->used = 0;
	return c;
}

static void chunk_free(struct chunk *c)
{
	if (RECYCLE && c->cap == CHUNK_SIZE) {
		pthread_mutex_lock(&spare_lock);
		if (nspare < MAX_SPARE) {
			c->next = spare;
			spare = c;
			nspare++;
			c = NULL;
		}
		pthread_mutex_unlock(&spare_lock);
	}
	free(c);
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
		chunk_free(c);
	}
	free(a);
}

void *arena_alloc_uninit(struct arena *a, size_t n)
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

		big->seq = ++a->seq;
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
		c->seq = ++a->seq;
		c->next = a->head;
		a->head = c;
	}
	p = c->data + c->used;
	c->used += need;
	return p;
}

void *arena_alloc(struct arena *a, size_t n)
{
	void *p = arena_alloc_uninit(a, n);

	memset(p, 0, n);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p;

	if (n == SIZE_MAX)
		abort();
	p = arena_alloc_uninit(a, n + 1);
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

struct arena_mark arena_mark(const struct arena *a)
{
	struct arena_mark m = { a->head, a->head ? a->head->used : 0, a->used, a->seq };

	return m;
}

void arena_release(struct arena *a, struct arena_mark m)
{
	struct chunk **pp = &a->head;

	/* Chunks made after the mark: new heads, and big blocks linked
	 * behind a head; what is left has the marked chunk at its head. */
	while (*pp) {
		struct chunk *c = *pp;

		if (c->seq > m.seq) {
			*pp = c->next;
			chunk_free(c);
		} else {
			pp = &c->next;
		}
	}
	if (a->head && a->head == m.chunk)
		a->head->used = m.used;
	a->used = m.total;
}

size_t arena_used(const struct arena *a)
{
	return a->used;
}

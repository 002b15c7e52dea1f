/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * arena.h: a bump allocator for data that lives and dies together.
 *
 * A parsed YAML document is thousands of small nodes and strings that are
 * all freed at once, so one arena per document replaces thousands of
 * malloc/free pairs and makes freeing a half-built tree after an error a
 * single call.  Memory comes from base's xmalloc, so running out of memory
 * aborts; chunks of freed arenas are kept for the next one (see arena.c).
 */
#ifndef YAMLIO_ARENA_H
#define YAMLIO_ARENA_H

#include <stddef.h>

struct arena;

struct arena *arena_new(void);

/* Free the arena and everything allocated from it (a may be NULL). */
void arena_free(struct arena *a);

/* n zeroed bytes aligned for any type, owned by the arena. */
void *arena_alloc(struct arena *a, size_t n);

/* n bytes aligned for any type, owned by the arena, not zeroed: for memory
 * the caller fills at once (the reader's nodes and child arrays, which are
 * most of a document). */
void *arena_alloc_uninit(struct arena *a, size_t n);

/* A NUL-terminated copy of s[0..n) (s may hold NULs), owned by the arena. */
char *arena_strndup(struct arena *a, const char *s, size_t n);

/* A point in an arena's life: arena_release frees everything allocated
 * after it, so a reader can drop a finished part of a document and reuse
 * the memory for the next. */
struct arena_mark {
	const void *chunk;
	size_t used, total, seq;
};

struct arena_mark arena_mark(const struct arena *a);
void arena_release(struct arena *a, struct arena_mark m);

/* Bytes handed out so far (for tests and statistics). */
size_t arena_used(const struct arena *a);

#endif

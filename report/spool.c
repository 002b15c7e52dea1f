/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * spool.c: what each unit wrote, kept out of the way until it is printed
 * (see internal.h).
 *
 * A report over thousands of units must not hold every note, reason and
 * evidence record at once, yet the writers print them unit by unit at the
 * end.  So each unit's details are serialised once, when its file has been
 * read, into one append-only spool: in memory up to SPOOL_MEM bytes (1 MiB), then
 * in an unlinked temporary file.  The writers read a unit's bytes back
 * when they get to it.  If no temporary file can be made (a read-only
 * TMPDIR), everything stays in memory: slower to run out of, never wrong.
 */
#include "report/internal.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SPOOL_MEM (1u << 20)

struct rpt_spool {
	pthread_mutex_t lock;
	struct buf mem;   /* bytes from `base` on */
	FILE *file;       /* bytes before `base` */
	uint64_t base;
	bool no_file;     /* tmpfile failed once: keep all in memory */
};

struct rpt_spool *rpt_spool_new(void)
{
	struct rpt_spool *s = xcalloc(1, sizeof *s);

	pthread_mutex_init(&s->lock, NULL);
	return s;
}

void rpt_spool_free(struct rpt_spool *s)
{
	if (!s)
		return;
	if (s->file)
		fclose(s->file);
	buf_free(&s->mem);
	pthread_mutex_destroy(&s->lock);
	free(s);
}

/* Write n bytes to the file, or give up on the file (the lock is held). */
static bool to_file(struct rpt_spool *s, const void *bytes, size_t n)
{
	if (!s->file && !s->no_file && !(s->file = tmpfile()))
		s->no_file = true;
	if (!s->file || s->no_file)
		return false;
	if (fwrite(bytes, 1, n, s->file) != n) {
		/* A full disk: keep the rest in memory from here on.  What
		 * was written before stays readable. */
		if (fflush(s->file) != 0 || ftruncate(fileno(s->file), (off_t)s->base) != 0 ||
		    fseeko(s->file, (off_t)s->base, SEEK_SET) != 0)
			abort();
		s->no_file = true;
		return false;
	}
	s->base += n;
	return true;
}

uint64_t rpt_spool_put(struct rpt_spool *s, const void *bytes, size_t n)
{
	uint64_t off;

	pthread_mutex_lock(&s->lock);
	/* The buffer is kept, not freed, when its bytes go to the file:
	 * growing a fresh one again and again left the heap full of holes
	 * (138 MB for 5,000 units' 70 MB of details, most of it gaps). */
	if (s->mem.len + n > SPOOL_MEM && s->mem.len && to_file(s, s->mem.data, s->mem.len))
		s->mem.len = 0;
	off = s->base + s->mem.len;
	if (n > SPOOL_MEM && !s->mem.len && to_file(s, bytes, n)) {
		pthread_mutex_unlock(&s->lock);
		return off;
	}
	buf_add(&s->mem, bytes, n);
	pthread_mutex_unlock(&s->lock);
	return off;
}

char *rpt_spool_get(struct rpt_spool *s, uint64_t off, size_t n)
{
	char *out = xmalloc(n + 1);

	pthread_mutex_lock(&s->lock);
	if (off >= s->base) {
		memcpy(out, s->mem.data + (off - s->base), n);
	} else {
		size_t got = 0;

		if (fflush(s->file) != 0)
			abort();
		while (got < n) {
			ssize_t k = pread(fileno(s->file), out + got, n - got, (off_t)(off + got));

			if (k < 0 && errno == EINTR)
				continue;
			/* The spool is our own unlinked file: a short read is
			 * a broken disk, and printing half a unit would be a
			 * wrong report. */
			if (k <= 0)
				abort();
			got += (size_t)k;
		}
	}
	pthread_mutex_unlock(&s->lock);
	out[n] = '\0';
	return out;
}

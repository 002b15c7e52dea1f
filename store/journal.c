/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * journal.c: this laptop's journal of a unit's events (see store.h).
 *
 * Sync tools, cp, editors and restores from a stick can put an older copy
 * over a unit's file at any moment, and nothing in the file then says
 * that anything is missing.  So every laptop keeps, outside the data
 * folder and never synced, the events it made or saw for each unit it
 * edits, in state files of the same format read by the same strict
 * reader, and joins them back in whenever it reads the unit's file.
 * Since a join is a set union, joining again is always safe.
 *
 *   $XDG_STATE_HOME/dvk/journal/<directive>/<unit>.dvk.yaml         the journal
 *   $XDG_STATE_HOME/dvk/journal/<directive>/<unit>.dvk.yaml.d/<time>-<random>.dvk.yaml   segments
 *
 * A save must cost what changed, so it does not rewrite the journal: it
 * writes the events the journal lacks as a small complete state file, a
 * segment (atomically, fsync'd), before the unit's file is touched.
 * Compaction joins the journal and its segments into one file, under the
 * journal's lock, and only then deletes the segments it read: at start
 * (the TUI), at quit, when a state arrives with events the journal lacks
 * (the first save after opening a file others wrote to), or once a state
 * has written SEGMENTS_MAX segments.  Segments have names of their own, so
 * two sessions on one laptop never write the same one, and a compaction
 * leaves alone a segment written after it listed the folder.
 *
 * A journal or segment that does not parse is never deleted or
 * overwritten: it is renamed aside (".unreadable-<time>") and reported.
 */
#include "store/store.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "yamlio/yamlio.h"

/* Past this many segments written by one state, its next save compacts. */
#define SEGMENTS_MAX 32
/* Stale temp files of killed segment writers are this old at least. */
#define STALE_TEMP_SECONDS 600

char *store_journal_path(const char *state_dir, const char *directive, const char *unit)
{
	return xasprintf("%s/journal/%s/%s%s", state_dir, directive, unit, STATE_SUFFIX);
}

static char *segment_dir(const char *journal)
{
	return xasprintf("%s.d", journal);
}

static char *parent_dir(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
}

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static bool has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* Rename a file that does not parse out of the way, keeping it; why is
 * the reader's error, passed on in warn. */
static void set_aside(const char *path, const struct dvk_error *why, struct dvk_error *warn)
{
	char *aside = xasprintf("%s.unreadable-%lld", path, (long long)now_ms());

	if (rename(path, aside) == 0)
		dvk_error_setc(warn, why->code, why->path, why->line, why->col,
			       _("this laptop's journal has a file that does not read (%s); "
				 "it was kept as %s and left out"), why->message, aside);
	else
		*warn = *why;
	free(aside);
}

/* The segments of journal: their paths, sorted (caller frees). */
static size_t list_segments(const char *journal, char ***out)
{
	char *dir = segment_dir(journal);
	DIR *dh = opendir(dir);
	struct dirent *e;
	char **v = NULL;
	size_t n = 0, cap = 0;

	*out = NULL;
	while (dh && (e = readdir(dh))) {
		if (e->d_name[0] == '.' || !has_suffix(e->d_name, STATE_SUFFIX))
			continue;
		GROW(v, n + 1, cap);
		v[n++] = xasprintf("%s/%s", dir, e->d_name);
	}
	if (dh)
		closedir(dh);
	free(dir);
	for (size_t i = 1; i < n; i++) /* few: insertion sort */
		for (size_t k = i; k > 0 && strcmp(v[k - 1], v[k]) > 0; k--) {
			char *t = v[k];

			v[k] = v[k - 1];
			v[k - 1] = t;
		}
	*out = v;
	return n;
}

static void free_list(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Join the journal file at path into st.  Returns 1 when it was joined
 * or absent; 0 when it did not read or was another unit's (then set
 * aside, with warn saying so). */
static int join_file(struct state *st, const char *path, const struct directive *d,
		     struct dvk_error *warn)
{
	struct dvk_error err;
	struct state *j;

	if (!store_exists(path))
		return 1;
	dvk_error_clear(&err);
	j = store_load(path, d, &err);
	if (j && state_join(st, j, &err)) {
		state_free(j);
		return 1;
	}
	if (!err.path[0])
		snprintf(err.path, sizeof err.path, "%s", path);
	state_free(j);
	set_aside(path, &err, warn);
	return 0;
}

/* How many events of j the unit's file at path lacks, read afresh under
 * its lock: a save in flight elsewhere on this laptop writes the journal
 * first and the file second, under that lock, so its events are not
 * counted as lost.  What the fresh file holds is joined into st. */
static size_t missing_from_file(struct state *st, const struct state *j, const char *path,
				const struct directive *d, size_t guess)
{
	struct dvk_error err;
	struct state *fresh, *both;
	int lock = store_lock(path, &err);
	size_t n = guess;

	fresh = store_load(path, d, &err);
	store_unlock(lock);
	if (!fresh)
		return guess;
	both = state_new(fresh->directive, fresh->unit);
	if (state_join(both, fresh, NULL) && state_join(both, j, NULL)) {
		n = checklist_count(both->cl) - checklist_count(fresh->cl);
		state_join(st, fresh, NULL);
	}
	state_free(both);
	state_free(fresh);
	return n;
}

int store_journal_attach(struct state *st, const char *journal, const char *path,
			 const struct directive *d, size_t *restored, struct dvk_error *warn)
{
	size_t before = checklist_count(st->cl), nseg, back;
	struct state *j = state_new(st->directive, st->unit);
	char **segs;
	/* At the end of a session the journal is compacted into the very
	 * bytes of the unit's file (the same events give the same bytes), so
	 * at the next start it is most often that file again: reading it
	 * would hold every event twice for nothing (a 15 MB file's events
	 * are tens of MB).  Then only the segments are read. */
	bool same = before == st->disk_n && store_file_is_known(st, journal);

	dvk_error_clear(warn);
	if (!same)
		join_file(j, journal, d, warn);
	nseg = list_segments(journal, &segs);
	for (size_t i = 0; i < nseg; i++)
		join_file(j, segs[i], d, warn);
	free_list(segs, nseg);
	state_join(st, j, NULL); /* same directive and unit: cannot fail */
	back = checklist_count(st->cl) - before;
	if (back && path && store_exists(path))
		back = missing_from_file(st, j, path, d, back);
	if (restored)
		*restored = back;
	free(st->journal);
	st->journal = xstrdup(journal);
	st->jsegs = (unsigned)nseg;
	/* Everything in st is in the journal unless the file held events the
	 * journal lacks; then the first save compacts (journaled 0). */
	st->journaled = same || checklist_count(st->cl) == checklist_count(j->cl) ? checklist_count(st->cl) : 0;
	state_free(j);
	return 1;
}

/* Temp files of segment writers killed long ago (a live writer's temp
 * file is young: leave it). */
static void remove_stale_segment_temps(const char *journal)
{
	char *dir = segment_dir(journal);
	DIR *dh = opendir(dir);
	struct dirent *e;
	time_t now = time(NULL);

	while (dh && (e = readdir(dh))) {
		struct stat sb;
		char *p;

		if (e->d_name[0] != '.' || !strstr(e->d_name, ".tmp-"))
			continue;
		p = xasprintf("%s/%s", dir, e->d_name);
		if (lstat(p, &sb) == 0 && now - sb.st_mtime > STALE_TEMP_SECONDS)
			unlink(p);
		free(p);
	}
	if (dh)
		closedir(dh);
	free(dir);
}

static void fsync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

int store_journal_compact(struct state *st, const struct directive *d, struct dvk_error *err)
{
	char *dir, *bytes = NULL, **segs = NULL;
	size_t nseg = 0, len;
	struct dvk_error warn;
	int lock, ok = 0;
	bool *read_ok = NULL;

	if (!st->journal)
		return 1;
	dir = parent_dir(st->journal);
	dvk_error_clear(&warn);
	if (!dvk_mkdirs(dir, err) || (lock = store_lock(st->journal, err)) < 0) {
		free(dir);
		return 0;
	}
	/* Under the lock nobody else compacts: whatever the journal and the
	 * segments listed now hold goes into the new journal file, and only
	 * those segments are deleted after it is durable. */
	join_file(st, st->journal, d, &warn);
	nseg = list_segments(st->journal, &segs);
	read_ok = xcalloc(nseg ? nseg : 1, sizeof *read_ok);
	for (size_t i = 0; i < nseg; i++)
		read_ok[i] = join_file(st, segs[i], d, &warn);
	bytes = store_emit_checked(st, d, st->journal, &len, err);
	if (!bytes || !store_write_atomic(st->journal, bytes, len, err))
		goto out;
	for (size_t i = 0; i < nseg; i++)
		if (read_ok[i])
			unlink(segs[i]);
	if (nseg) {
		char *sd = segment_dir(st->journal);

		fsync_dir(sd);
		free(sd);
	}
	remove_stale_segment_temps(st->journal);
	st->journaled = checklist_count(st->cl);
	st->jsegs = 0;
	ok = 1;
out:
	store_unlock(lock);
	free(read_ok);
	free_list(segs, nseg);
	free(bytes);
	free(dir);
	return ok;
}

/* Write the events of st the journal lacks as one segment. */
static int write_segment(struct state *st, const struct directive *d, struct dvk_error *err)
{
	size_t n = checklist_count(st->cl), len;
	struct state *seg = state_new(st->directive, st->unit);
	char *dir = segment_dir(st->journal), *path, *bytes = NULL;
	unsigned char rnd[4];
	int ok;

	for (size_t i = st->journaled; i < n; i++)
		checklist_add(seg->cl, checklist_arrival(st->cl, i));
	seg->revision = st->revision;
	dvk_random(rnd, sizeof rnd);
	path = xasprintf("%s/%013lld-%02x%02x%02x%02x%s", dir, (long long)now_ms(), rnd[0], rnd[1],
			 rnd[2], rnd[3], STATE_SUFFIX);
	ok = dvk_mkdirs(dir, err) && (bytes = store_emit_checked(seg, d, path, &len, err)) &&
	     store_write_atomic(path, bytes, len, err);
	if (ok) {
		st->journaled = n;
		st->jsegs++;
	}
	free(bytes);
	state_free(seg);
	free(path);
	free(dir);
	return ok;
}

int store_journal_record(struct state *st, const struct directive *d, struct dvk_error *err)
{
	size_t n;

	if (!st->journal)
		return 1;
	n = checklist_count(st->cl);
	if (st->journaled == n)
		return 1; /* nothing new since the journal last took st */
	if (st->journaled == 0 || st->jsegs >= SEGMENTS_MAX)
		return store_journal_compact(st, d, err);
	return write_segment(st, d, err);
}

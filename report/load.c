/*
 * load.c: finding, reading and joining the state files of a report (see
 * report.h).
 *
 * Reading is split in two: parsing, which is nearly all the time and
 * touches nothing shared, runs on a few threads, one file at a time into
 * its own slot; joining units and recording diagnostics then runs on one
 * thread in path order, so the result never depends on timing.
 */
#include "report/report.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "text/text.h"
#include "yamlio/yamlio.h"

#define MAX_THREADS 8
#define FILES_PER_THREAD 8 /* fewer files than this per thread: not worth one */
#define MAX_DEPTH 32       /* folder nesting followed when searching */

/* One file to read. */
struct slot {
	char *path;
	dev_t dev;
	ino_t ino;
	struct state *st;     /* parsed, or NULL */
	struct dvk_error err; /* why not */
	bool other;           /* a state file of another directive */
};

struct slots {
	struct slot *v;
	size_t n, cap;
};

struct report *report_new(const struct directive *d)
{
	struct report *r = xcalloc(1, sizeof *r);

	r->d = d;
	return r;
}

static void diag_add(struct report *r, bool error, const struct dvk_error *err)
{
	r->diags = xrealloc(r->diags, (r->ndiags + 1) * sizeof *r->diags);
	r->diags[r->ndiags].error = error;
	r->diags[r->ndiags].err = *err;
	r->ndiags++;
	r->nerrors += error;
}

static void diag_path(struct report *r, bool error, const char *path, const char *fmt,
		      const char *arg)
{
	struct dvk_error err;

	dvk_error_clear(&err);
	dvk_error_set(&err, path, 0, 0, fmt, arg);
	diag_add(r, error, &err);
}

/* ------------------------------------------------------------------ */
/* Finding files                                                       */
/* ------------------------------------------------------------------ */

static void slot_push(struct slots *s, char *path, const struct stat *sb)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->v = xrealloc(s->v, s->cap * sizeof *s->v);
	}
	memset(&s->v[s->n], 0, sizeof *s->v);
	s->v[s->n].path = path;
	s->v[s->n].dev = sb->st_dev;
	s->v[s->n].ino = sb->st_ino;
	s->n++;
}

/* A state file or a sync tool's copy of one: "x.dvk.yaml",
 * "x.dvk.sync-conflict-20230314-101500-ABCDEFG.yaml",
 * "x.sync-conflict-….dvk.yaml", "x.dvk (Lan's conflicted copy).yaml".
 * Which unit it holds is read from its header, not from its name. */
static bool state_file_name(const char *name)
{
	size_t n = strlen(name);

	return name[0] != '.' && n > 5 && strcmp(name + n - 5, ".yaml") == 0 &&
	       strstr(name, ".dvk") != NULL;
}

static void search(struct report *r, const char *dir, int depth, struct slots *out)
{
	DIR *dp;
	struct dirent *de;

	if (depth > MAX_DEPTH) {
		diag_path(r, false, dir, "%s", "folders nested too deep: not searched further");
		return;
	}
	if (!(dp = opendir(dir))) {
		diag_path(r, true, dir, "cannot open folder: %s", strerror(errno));
		return;
	}
	while ((de = readdir(dp))) {
		struct stat sb;
		char *path;

		/* Hidden entries are dvk's own temp, lock and backup files
		 * (.dvk-backups), and the sync tools' (.stversions, .git). */
		if (de->d_name[0] == '.')
			continue;
		path = xasprintf("%s/%s", dir, de->d_name);
		if (lstat(path, &sb) != 0) {
			free(path);
			continue;
		}
		if (S_ISDIR(sb.st_mode)) {
			search(r, path, depth + 1, out);
			free(path);
			continue;
		}
		/* A link to a file is followed; a link to a folder is not,
		 * so a loop of links cannot make the search endless. */
		if (S_ISLNK(sb.st_mode) && stat(path, &sb) != 0) {
			free(path);
			continue;
		}
		if (S_ISREG(sb.st_mode) && state_file_name(de->d_name))
			slot_push(out, path, &sb);
		else
			free(path);
	}
	closedir(dp);
}

static int slot_by_path(const void *pa, const void *pb)
{
	return strcmp(((const struct slot *)pa)->path, ((const struct slot *)pb)->path);
}

static int slot_by_file(const void *pa, const void *pb)
{
	const struct slot *a = pa, *b = pb;

	if (a->dev != b->dev)
		return a->dev < b->dev ? -1 : 1;
	if (a->ino != b->ino)
		return a->ino < b->ino ? -1 : 1;
	return strcmp(a->path, b->path);
}

/* ------------------------------------------------------------------ */
/* Parsing, on a few threads                                           */
/* ------------------------------------------------------------------ */

struct pool {
	struct slots *s;
	const struct directive *d;
	atomic_size_t next;
};

static void parse_slot(struct slot *sl, const struct directive *d)
{
	char *buf;
	size_t len;

	dvk_error_clear(&sl->err);
	if (!yamlio_read_file(sl->path, yamlio_default_limits().max_file, &buf, &len, &sl->err))
		return;
	sl->st = store_parse(buf, len, sl->path, d, &sl->err);
	if (!sl->st) {
		/* Is it a good file of another directive?  Then it is only
		 * skipped (a reviewer's folder may hold several); the first
		 * error stands for anything else. */
		struct dvk_error other;
		struct state *st = store_parse(buf, len, sl->path, NULL, &other);

		if (st && strcmp(st->directive, d->id) != 0) {
			sl->other = true;
			dvk_error_set(&sl->err, sl->path, 0, 0,
				      "skipped: a file of directive \"%s\", not \"%s\"", st->directive,
				      d->id);
		}
		state_free(st);
	}
	free(buf);
}

static void *worker(void *arg)
{
	struct pool *p = arg;
	size_t i;

	while ((i = atomic_fetch_add(&p->next, 1)) < p->s->n)
		parse_slot(&p->s->v[i], p->d);
	return NULL;
}

static unsigned thread_count(size_t nfiles)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	size_t n = nfiles / FILES_PER_THREAD;

	if (cpus < 1)
		cpus = 1;
	if (n > (size_t)cpus)
		n = (size_t)cpus;
	if (n > MAX_THREADS)
		n = MAX_THREADS;
	return n ? (unsigned)n : 1;
}

static void parse_all(struct slots *s, const struct directive *d)
{
	struct pool p = { s, d, 0 };
	pthread_t th[MAX_THREADS];
	unsigned want = thread_count(s->n), started = 0;

	/* This thread is one of the workers; the others are extra.  If a
	 * thread cannot be started, the remaining ones do its share. */
	for (unsigned i = 1; i < want; i++) {
		if (pthread_create(&th[started], NULL, worker, &p) != 0)
			break;
		started++;
	}
	worker(&p);
	for (unsigned i = 0; i < started; i++)
		pthread_join(th[i], NULL);
}

/* ------------------------------------------------------------------ */
/* Units                                                               */
/* ------------------------------------------------------------------ */

/* Position of unit in r->by_id (sorted by id); *found if present. */
static size_t id_pos(const struct report *r, const char *unit, bool *found)
{
	size_t lo = 0, hi = r->nunits;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(r->units[r->by_id[mid]].unit, unit) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = lo < r->nunits && strcmp(r->units[r->by_id[lo]].unit, unit) == 0;
	return lo;
}

struct report_unit *report_find_unit(const struct report *r, const char *unit)
{
	bool found;
	size_t at = id_pos(r, unit, &found);

	return found ? &r->units[r->by_id[at]] : NULL;
}

static void unit_add_path(struct report_unit *u, const char *path)
{
	if (!path)
		return;
	u->paths = xrealloc(u->paths, (u->npaths + 1) * sizeof *u->paths);
	u->paths[u->npaths++] = xstrdup(path);
}

int report_add_state(struct report *r, struct state *st, const char *path,
		     struct dvk_error *err)
{
	struct report_unit *u;
	bool found;
	size_t at;

	if (strcmp(st->directive, r->d->id) != 0) {
		dvk_error_set(err, path, 0, 0, "skipped: a file of directive \"%s\", not \"%s\"",
			      st->directive, r->d->id);
		state_free(st);
		return 0;
	}
	at = id_pos(r, st->unit, &found);
	if (found) {
		u = &r->units[r->by_id[at]];
		if (!state_join(u->st, st, err)) {
			state_free(st);
			return 0;
		}
		state_free(st);
		unit_add_path(u, path);
		return 1;
	}
	r->units = xrealloc(r->units, (r->nunits + 1) * sizeof *r->units);
	r->by_id = xrealloc(r->by_id, (r->nunits + 1) * sizeof *r->by_id);
	u = &r->units[r->nunits];
	memset(u, 0, sizeof *u);
	u->unit = xstrdup(st->unit);
	u->st = st;
	unit_add_path(u, path);
	memmove(r->by_id + at + 1, r->by_id + at, (r->nunits - at) * sizeof *r->by_id);
	r->by_id[at] = r->nunits;
	r->nunits++;
	return 1;
}

/* A sync tool's copy: Syncthing ".sync-conflict-", Dropbox and Nextcloud
 * "conflicted copy" in the file's own name. */
static int is_copy(const char *path)
{
	const char *base = strrchr(path, '/');

	return strstr(base ? base + 1 : path, "conflict") != NULL;
}

/* Main files first, so a unit's name and parent come from its main file
 * when its copies disagree (state_join keeps what the first one says). */
static int slot_by_unit(const void *pa, const void *pb)
{
	const struct slot *a = pa, *b = pb;
	int c = strcmp(a->st->unit, b->st->unit);

	if (c)
		return c;
	c = is_copy(a->path) - is_copy(b->path);
	return c ? c : strcmp(a->path, b->path);
}

void report_add_paths(struct report *r, const char *const *paths, size_t n)
{
	struct slots s = {0};
	size_t kept = 0, nstates = 0;
	struct slot *states;

	for (size_t i = 0; i < n; i++) {
		struct stat sb;

		if (stat(paths[i], &sb) != 0)
			diag_path(r, true, paths[i], "cannot read: %s", strerror(errno));
		else if (S_ISDIR(sb.st_mode))
			search(r, paths[i], 0, &s);
		else
			slot_push(&s, xstrdup(paths[i]), &sb);
	}
	/* The same file reached twice (named and inside a folder, or by a
	 * link) is read once, under its first name; then path order makes
	 * the output repeatable. */
	qsort(s.v, s.n, sizeof *s.v, slot_by_file);
	for (size_t i = 0; i < s.n; i++) {
		if (kept && s.v[kept - 1].dev == s.v[i].dev && s.v[kept - 1].ino == s.v[i].ino)
			free(s.v[i].path);
		else
			s.v[kept++] = s.v[i];
	}
	s.n = kept;
	qsort(s.v, s.n, sizeof *s.v, slot_by_path);
	parse_all(&s, r->d);
	states = xcalloc(s.n ? s.n : 1, sizeof *states);
	for (size_t i = 0; i < s.n; i++) {
		if (s.v[i].st)
			states[nstates++] = s.v[i];
		else
			diag_add(r, !s.v[i].other, &s.v[i].err);
	}
	qsort(states, nstates, sizeof *states, slot_by_unit);
	for (size_t i = 0; i < nstates; i++) {
		struct dvk_error err;

		dvk_error_clear(&err);
		/* Written with a newer revision than this report's: the unit is
		 * still reported, what this revision lacks shown apart. */
		if (states[i].st->revision > r->d->revision) {
			dvk_error_setc(&err, DVK_E_MISMATCH, states[i].path, 0, 0,
				       _("written against revision %u of the directive; this report uses revision %u: "
					 "what it does not know is shown apart"),
				       states[i].st->revision, r->d->revision);
			diag_add(r, false, &err);
			dvk_error_clear(&err);
		}
		if (report_add_state(r, states[i].st, states[i].path, &err))
			r->nfiles++;
		else
			diag_add(r, true, &err);
	}
	for (size_t i = 0; i < s.n; i++)
		free(s.v[i].path);
	free(states);
	free(s.v);
}

struct report *report_load(const struct directive *d, const char *const *paths, size_t n)
{
	struct report *r = report_new(d);

	report_add_paths(r, paths, n);
	report_compute(r);
	return r;
}

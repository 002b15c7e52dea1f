/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * load.c: finding, reading and joining the state files of a report (see
 * report.h).
 *
 * A unit's files (its main file, sync-conflict copies, files from several
 * senders) must be joined before the unit can be reduced, and which unit
 * a file holds is what its header says, not its name.  So loading runs in
 * two parallel steps: each file's header is peeked at (its first few KB)
 * for the unit id, files are grouped by it, and then each group is read,
 * joined, reduced and freed by one worker.  A peek can be fooled (a file
 * edited by hand so that `unit:` is not where dvk writes it); the full
 * parse then names the real unit, and if any file landed in the wrong
 * group everything is read once more, grouped by what the files said.
 *
 * Joining units and recording diagnostics runs on one thread in path
 * order, so the result never depends on timing.
 */
#include "report/internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
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
#define PEEK_BYTES 4096    /* a header is in the first few lines */

/* One file to read. */
struct slot {
	char *path;
	dev_t dev;
	ino_t ino;
	char *key;            /* the unit its header names, as peeked; NULL if unsure */
	char *unit;           /* the unit it holds, once parsed */
	struct dvk_error *err; /* why it was left out (an error is big: only then) */
	struct dvk_error *warn; /* a remark on a file that was read */
	bool failed;          /* could not be used (err) */
	bool other;           /* a state file of another directive (err is a warning) */
	bool joined;          /* read into its unit */
};

struct slots {
	struct slot *v;
	size_t n, cap;
};

/* The files of one unit: slot indices, main files first. */
struct group {
	size_t *slots;
	size_t n;
	const char *key;
};

/* What a worker made of one group. */
struct result {
	struct report_unit u;
	bool used;
};

struct report *report_new_opts(const struct directive *d, const struct report_opts_load *o)
{
	struct report *r = xcalloc(1, sizeof *r);

	r->d = d;
	if (o)
		r->opts = *o;
	rpt_map_fields(r);
	return r;
}

struct report *report_new(const struct directive *d)
{
	struct report_opts_load o = { .keep_states = true, .details = true };

	return report_new_opts(d, &o);
}

static void diag_add(struct report *r, bool error, const struct dvk_error *err)
{
	GROW(r->diags, r->ndiags + 1, r->diags_cap);
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
	dvk_error_setc(&err, error ? DVK_E_IO : DVK_E_LIMIT, path, 0, 0, fmt, arg);
	diag_add(r, error, &err);
}

/* ------------------------------------------------------------------ */
/* Finding files                                                       */
/* ------------------------------------------------------------------ */

static void slot_push(struct slots *s, char *path, const struct stat *sb)
{
	GROW(s->v, s->n + 1, s->cap);
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
		diag_path(r, false, dir, "%s", _("folders nested too deep: not searched further"));
		return;
	}
	if (!(dp = opendir(dir))) {
		diag_path(r, true, dir, _("cannot open folder: %s"), strerror(errno));
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
/* A few threads                                                       */
/* ------------------------------------------------------------------ */

struct pool {
	struct report *r;
	struct slots *s;
	struct group *g;
	size_t ng;
	struct result *res;
	atomic_size_t next;
	size_t njobs;
	void (*job)(struct pool *p, size_t i);
	const struct store_known *known; /* r->d's summaries, shared */
};

static void *worker(void *arg)
{
	struct pool *p = arg;
	size_t i;

	while ((i = atomic_fetch_add(&p->next, 1)) < p->njobs)
		p->job(p, i);
	return NULL;
}

static unsigned thread_count(size_t njobs)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	size_t n = njobs / FILES_PER_THREAD;

	if (cpus < 1)
		cpus = 1;
	if (n > (size_t)cpus)
		n = (size_t)cpus;
	if (n > MAX_THREADS)
		n = MAX_THREADS;
	return n ? (unsigned)n : 1;
}

/* Run job over 0..njobs-1 on a few threads. */
static void run_pool(struct pool *p, size_t njobs)
{
	pthread_t th[MAX_THREADS];
	unsigned want = thread_count(njobs), started = 0;

	p->njobs = njobs;
	atomic_store(&p->next, 0);
	/* This thread is one of the workers; the others are extra.  If a
	 * thread cannot be started, the remaining ones do its share. */
	for (unsigned i = 1; i < want; i++) {
		if (pthread_create(&th[started], NULL, worker, p) != 0)
			break;
		started++;
	}
	worker(p);
	for (unsigned i = 0; i < started; i++)
		pthread_join(th[i], NULL);
}

/* ------------------------------------------------------------------ */
/* Peeking at headers                                                  */
/* ------------------------------------------------------------------ */

/* The unit id in the header dvk writes ("unit: xa-quang-hoa" or quoted,
 * at the start of a line, before items: and log:), or NULL if the first
 * bytes do not say it plainly. */
static char *peek_unit(const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len;

	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));

		if (!eol)
			return NULL; /* a line cut by the peek: not sure */
		if (!strncmp(p, "items:", 6) || !strncmp(p, "log:", 4))
			return NULL;
		if (!strncmp(p, "unit:", 5)) {
			const char *v = p + 5, *e = eol;
			char *id;

			while (v < e && *v == ' ')
				v++;
			while (e > v && (e[-1] == ' ' || e[-1] == '\r'))
				e--;
			if (e - v >= 2 && (*v == '"' || *v == '\'') && e[-1] == *v)
				v++, e--;
			id = xstrndup(v, (size_t)(e - v));
			if (!unit_id_valid(id)) {
				free(id);
				return NULL;
			}
			return id;
		}
		p = eol + 1;
	}
	return NULL;
}

static void peek_job(struct pool *p, size_t i)
{
	struct slot *sl = &p->s->v[i];
	char buf[PEEK_BYTES];
	ssize_t n;
	int fd = open(sl->path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return; /* the full read says why */
	n = read(fd, buf, sizeof buf);
	close(fd);
	if (n > 0)
		sl->key = peek_unit(buf, (size_t)n);
}

/* ------------------------------------------------------------------ */
/* Reading one unit                                                    */
/* ------------------------------------------------------------------ */

/* Keep err as the reason sl was left out. */
static void slot_fail(struct slot *sl, const struct dvk_error *err)
{
	if (!sl->err)
		sl->err = xmalloc(sizeof *sl->err);
	*sl->err = *err;
	sl->failed = true;
}

static struct state *parse_slot(struct slot *sl, const struct directive *d,
				const struct store_known *known)
{
	struct dvk_error err;
	struct state *st;
	char *buf;
	size_t len;

	dvk_error_clear(&err);
	if (!yamlio_read_file(sl->path, yamlio_default_limits().max_file, &buf, &len, &err)) {
		slot_fail(sl, &err);
		return NULL;
	}
	st = store_parse_known(buf, len, sl->path, d, known, &err);
	if (!st) {
		/* Is it a good file of another directive?  Then it is only
		 * skipped (a reviewer's folder may hold several); the first
		 * error stands for anything else. */
		struct dvk_error other;
		struct state *o = store_parse(buf, len, sl->path, NULL, &other);

		if (o && strcmp(o->directive, d->id) != 0) {
			sl->other = true;
			dvk_error_setc(&err, DVK_E_MISMATCH, sl->path, 0, 0,
				       _("skipped: a file of directive \"%s\", not \"%s\""), o->directive,
				       d->id);
		}
		slot_fail(sl, &err);
		state_free(o);
	}
	free(buf);
	return st;
}

/* The slot's one remark, cleared for the caller to set; NULL when it has
 * one already (the first stands). */
static struct dvk_error *slot_warn(struct slot *sl)
{
	if (sl->warn)
		return NULL;
	sl->warn = xmalloc(sizeof *sl->warn);
	dvk_error_clear(sl->warn);
	return sl->warn;
}

/* A sync tool's copy of one unit's file that holds another unit: read as
 * what its header says (nothing in it is lost), but never quietly, since
 * a unit's own save never folds it (store_fold_copies keeps it). */
static void copy_warning(struct slot *sl, const struct state *st)
{
	char *named = store_copy_of(sl->path);

	if (named && strcmp(named, st->unit) != 0 && slot_warn(sl))
		dvk_error_setc(sl->warn, DVK_E_MISMATCH, sl->path, 0, 0,
			       _("a conflict copy of %s%s by its name, but it holds unit \"%s\": counted "
				 "for %s, and never folded into %s%s (look at it, then `dvk merge` it "
				 "where it belongs, or delete it)"),
			       named, STATE_SUFFIX, st->unit, st->unit, named, STATE_SUFFIX);
	free(named);
}

static void group_job(struct pool *p, size_t gi)
{
	struct report *r = p->r;
	struct group *g = &p->g[gi];
	struct result *res = &p->res[gi];
	struct state *joined = NULL;

	for (size_t k = 0; k < g->n; k++) {
		struct slot *sl = &p->s->v[g->slots[k]];
		struct state *st;

		if (sl->failed && !sl->unit)
			continue; /* failed in an earlier pass: its error stands */
		st = parse_slot(sl, r->d, p->known);
		if (!st)
			continue;
		free(sl->unit);
		sl->unit = xstrdup(st->unit);
		copy_warning(sl, st);
		/* Written with a newer revision than this report's: the unit is
		 * still reported, what this revision lacks shown apart. */
		if (st->revision > r->d->revision && slot_warn(sl))
			dvk_error_setc(sl->warn, DVK_E_MISMATCH, sl->path, 0, 0,
				       _("written against revision %u of the directive; this report uses revision %u: "
					 "what it does not know is shown apart"),
				       st->revision, r->d->revision);
		if (g->key && strcmp(st->unit, g->key) != 0) {
			/* Peeked wrong: load.c reads everything again. */
			state_free(st);
			continue;
		}
		if (!joined) {
			joined = st;
		} else {
			struct dvk_error err;

			dvk_error_clear(&err);
			if (!state_join(joined, st, &err))
				slot_fail(sl, &err);
			state_free(st);
			if (sl->failed)
				continue;
		}
		sl->joined = true;
		res->u.paths = xrealloc(res->u.paths, (res->u.npaths + 1) * sizeof *res->u.paths);
		res->u.paths[res->u.npaths++] = xstrdup(sl->path);
	}
	if (!joined)
		return;
	res->used = true;
	res->u.unit = xstrdup(joined->unit);
	if (r->opts.keep_states) {
		res->u.st = joined; /* reduced by report_compute */
		return;
	}
	/* The group's index stands for the unit in r->acts until
	 * take_results knows where the unit goes. */
	rpt_reduce(r, &res->u, joined, (uint32_t)gi);
	state_free(joined);
}

/* ------------------------------------------------------------------ */
/* Grouping                                                            */
/* ------------------------------------------------------------------ */

/* A sync tool's copy: Syncthing ".sync-conflict-", Dropbox and Nextcloud
 * "conflicted copy" in the file's own name. */
static int is_copy(const char *path)
{
	const char *base = strrchr(path, '/');

	return strstr(base ? base + 1 : path, "conflict") != NULL;
}

struct ref {
	const struct slot *s;
	size_t i;
};

/* By unit (NULL keys last, each alone), main files first, so a unit's
 * name and parent come from its main file when its copies disagree
 * (state_join keeps what the first one says); then by path. */
static int ref_cmp(const void *pa, const void *pb)
{
	const struct ref *a = pa, *b = pb;
	int c;

	if ((a->s->key != NULL) != (b->s->key != NULL))
		return a->s->key ? -1 : 1;
	if (a->s->key && (c = strcmp(a->s->key, b->s->key)))
		return c;
	if (!a->s->key)
		return a->i < b->i ? -1 : 1;
	c = is_copy(a->s->path) - is_copy(b->s->path);
	return c ? c : strcmp(a->s->path, b->s->path);
}

static size_t make_groups(struct slots *s, struct group **out)
{
	struct ref *refs = xcalloc(s->n ? s->n : 1, sizeof *refs);
	struct group *g = NULL;
	size_t ng = 0, cap = 0;

	for (size_t i = 0; i < s->n; i++)
		refs[i] = (struct ref){ &s->v[i], i };
	qsort(refs, s->n, sizeof *refs, ref_cmp);
	for (size_t i = 0; i < s->n; i++) {
		const char *key = refs[i].s->key;
		size_t run = 1;

		if (i && key && refs[i - 1].s->key && strcmp(key, refs[i - 1].s->key) == 0)
			continue; /* taken with the first file of its unit */
		while (key && i + run < s->n && refs[i + run].s->key &&
		       strcmp(key, refs[i + run].s->key) == 0)
			run++;
		GROW(g, ng + 1, cap);
		g[ng] = (struct group){ xcalloc(run, sizeof(size_t)), run, key };
		for (size_t k = 0; k < run; k++)
			g[ng].slots[k] = refs[i + k].i;
		ng++;
	}
	free(refs);
	*out = g;
	return ng;
}

static void groups_free(struct group *g, size_t ng)
{
	for (size_t i = 0; i < ng; i++)
		free(g[i].slots);
	free(g);
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* True if every file read landed in the group of the unit it holds, and
 * no unit came out of two groups. */
static bool grouping_held(const struct slots *s, const struct group *g, size_t ng,
			  const struct result *res)
{
	const char **units = xcalloc(ng ? ng : 1, sizeof *units);
	size_t n = 0;
	bool ok = true;

	for (size_t i = 0; ok && i < ng; i++) {
		for (size_t k = 0; k < g[i].n; k++) {
			const struct slot *sl = &s->v[g[i].slots[k]];

			if (sl->unit && !sl->joined && !sl->failed)
				ok = false; /* parsed, but of another unit than peeked */
		}
		if (res[i].used)
			units[n++] = res[i].u.unit;
	}
	qsort(units, n, sizeof *units, str_cmp);
	for (size_t i = 1; ok && i < n; i++)
		ok = strcmp(units[i - 1], units[i]) != 0;
	free(units);
	return ok;
}

static void results_free(struct report *r, struct result *res, size_t n)
{
	(void)r;
	for (size_t i = 0; i < n; i++) {
		struct report_unit *u = &res[i].u;

		rpt_unit_clear(u);
		free(u->unit);
		for (size_t k = 0; k < u->npaths; k++)
			free(u->paths[k]);
		free(u->paths);
		state_free(u->st);
	}
	free(res);
}

/* ------------------------------------------------------------------ */
/* Units                                                               */
/* ------------------------------------------------------------------ */

static int id_ref_cmp(const void *pa, const void *pb, void *arg)
{
	const struct report *r = arg;

	return strcmp(r->units[*(const size_t *)pa].unit, r->units[*(const size_t *)pb].unit);
}

void rpt_index_ids(struct report *r)
{
	free(r->by_id);
	r->by_id = xcalloc(r->nunits ? r->nunits : 1, sizeof *r->by_id);
	for (size_t i = 0; i < r->nunits; i++)
		r->by_id[i] = i;
	qsort_r(r->by_id, r->nunits, sizeof *r->by_id, id_ref_cmp, r);
}

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
	size_t at;

	if (!r->by_id)
		return NULL;
	at = id_pos(r, unit, &found);
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
		dvk_error_setc(err, DVK_E_MISMATCH, path, 0, 0,
			       _("skipped: a file of directive \"%s\", not \"%s\""), st->directive,
			       r->d->id);
		state_free(st);
		return 0;
	}
	if (!r->by_id)
		rpt_index_ids(r);
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

/* Put the units the workers made into r, in group order.  With kept
 * states a unit already in r (an earlier report_add_paths) is joined. */
static void take_results(struct report *r, struct result *res, size_t ng, size_t first_act)
{
	size_t add = 0;
	uint32_t *where = xcalloc(ng ? ng : 1, sizeof *where);

	for (size_t i = 0; i < ng; i++)
		add += res[i].used;
	r->units = xrealloc(r->units, (r->nunits + add ? r->nunits + add : 1) * sizeof *r->units);
	for (size_t i = 0; i < ng; i++) {
		struct report_unit *old;

		if (!res[i].used)
			continue;
		if (r->opts.keep_states && (old = report_find_unit(r, res[i].u.unit))) {
			struct dvk_error err;

			dvk_error_clear(&err);
			if (!state_join(old->st, res[i].u.st, &err))
				diag_add(r, true, &err);
			for (size_t k = 0; k < res[i].u.npaths; k++)
				unit_add_path(old, res[i].u.paths[k]);
			continue;
		}
		where[i] = (uint32_t)r->nunits;
		r->units[r->nunits++] = res[i].u;
		memset(&res[i].u, 0, sizeof res[i].u);
		/* Only kept states look units up while adding; streamed
		 * groups are of distinct units by construction. */
		if (r->opts.keep_states)
			rpt_index_ids(r);
	}
	for (size_t k = first_act; k < r->nacts; k++)
		r->acts[k].unit = where[r->acts[k].unit];
	free(where);
	rpt_index_ids(r);
}

void report_add_paths(struct report *r, const char *const *paths, size_t n)
{
	struct slots s = { 0 };
	struct pool p = { .r = r, .s = &s };
	struct store_known *known;
	struct group *g = NULL;
	struct result *res = NULL;
	size_t ng = 0, kept = 0, first_act = r->nacts;

	for (size_t i = 0; i < n; i++) {
		struct stat sb;

		if (stat(paths[i], &sb) != 0)
			diag_path(r, true, paths[i], _("cannot read: %s"), strerror(errno));
		else if (S_ISDIR(sb.st_mode))
			search(r, paths[i], 0, &s);
		else
			slot_push(&s, xstrdup(paths[i]), &sb);
	}
	/* The same file reached twice (named and inside a folder, or by a
	 * link) is read once, under its first name; then path order makes
	 * the output repeatable. */
	if (s.n > 1) /* qsort of no array: UBSan says NULL */
		qsort(s.v, s.n, sizeof *s.v, slot_by_file);
	for (size_t i = 0; i < s.n; i++) {
		if (kept && s.v[kept - 1].dev == s.v[i].dev && s.v[kept - 1].ino == s.v[i].ino)
			free(s.v[i].path);
		else
			s.v[kept++] = s.v[i];
	}
	s.n = kept;
	if (s.n > 1)
		qsort(s.v, s.n, sizeof *s.v, slot_by_path);
	p.job = peek_job;
	run_pool(&p, s.n);
	p.known = known = store_known_new(r->d);
	for (int pass = 0; pass < 2; pass++) {
		ng = make_groups(&s, &g);
		res = xcalloc(ng ? ng : 1, sizeof *res);
		p.g = g;
		p.ng = ng;
		p.res = res;
		p.job = group_job;
		run_pool(&p, ng);
		if (pass == 1 || grouping_held(&s, g, ng, res))
			break;
		/* Group again by what the files said, and read them again
		 * (rare: only hand-edited headers fool the peek). */
		results_free(r, res, ng);
		groups_free(g, ng);
		rpt_clear_figures(r);
		for (size_t i = 0; i < s.n; i++) {
			free(s.v[i].key);
			s.v[i].key = s.v[i].unit ? xstrdup(s.v[i].unit) : NULL;
			s.v[i].joined = false;
			if (s.v[i].unit) {
				s.v[i].failed = false;
				free(s.v[i].err);
				s.v[i].err = NULL;
			}
		}
	}
	for (size_t i = 0; i < s.n; i++) {
		if (s.v[i].warn && s.v[i].joined)
			diag_add(r, false, s.v[i].warn);
		if (s.v[i].joined)
			r->nfiles++;
		else if (s.v[i].failed)
			diag_add(r, !s.v[i].other, s.v[i].err);
	}
	take_results(r, res, ng, first_act);
	results_free(r, res, ng);
	groups_free(g, ng);
	store_known_free(known);
	for (size_t i = 0; i < s.n; i++) {
		free(s.v[i].path);
		free(s.v[i].key);
		free(s.v[i].unit);
		free(s.v[i].err);
		free(s.v[i].warn);
	}
	free(s.v);
}

struct report *report_load_opts(const struct directive *d, const char *const *paths, size_t n,
				const struct report_opts_load *o)
{
	struct report *r = report_new_opts(d, o);

	report_add_paths(r, paths, n);
	report_compute(r);
	return r;
}

struct report *report_load(const struct directive *d, const char *const *paths, size_t n)
{
	struct report *r = report_new(d);

	report_add_paths(r, paths, n);
	report_compute(r);
	return r;
}

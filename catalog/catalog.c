/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * catalog.c: the directives a data folder holds (see catalog.h).
 */
#include "catalog/catalog.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/store.h"
#include "yamlio/yamlio.h"

struct catalog {
	struct catalog_entry *v;
	size_t n, cap;
	struct dvk_error *probs;
	size_t nprobs, pcap;
};

const char *catalog_origin_name(enum catalog_origin o)
{
	switch (o) {
	case CATALOG_BUILTIN: return _("built into dvk");
	case CATALOG_DATA: return _("in the data folder");
	default: return _("the file given");
	}
}

void catalog_entry_free(struct catalog_entry *e)
{
	if (!e)
		return;
	directive_free(e->d);
	free(e->path);
	free(e->bytes);
	memset(e, 0, sizeof *e);
}

void catalog_free(struct catalog *cat)
{
	if (!cat)
		return;
	for (size_t i = 0; i < cat->n; i++)
		catalog_entry_free(&cat->v[i]);
	free(cat->v);
	free(cat->probs);
	free(cat);
}

size_t catalog_count(const struct catalog *cat)
{
	return cat->n;
}

const struct catalog_entry *catalog_entry(const struct catalog *cat, size_t i)
{
	return i < cat->n ? &cat->v[i] : NULL;
}

const struct catalog_entry *catalog_find(const struct catalog *cat, const char *id)
{
	for (size_t i = 0; id && i < cat->n; i++)
		if (cat->v[i].d && strcmp(cat->v[i].d->id, id) == 0)
			return &cat->v[i];
	return NULL;
}

static void push(struct catalog *cat, struct catalog_entry *e);

const struct catalog_entry *catalog_lookup(struct catalog *cat, const char *id)
{
	const struct catalog_entry *e = catalog_find(cat, id);
	struct catalog_entry b;

	if (e || !id)
		return e;
	catalog_builtin(&b);
	if (strcmp(b.d->id, id) != 0) {
		catalog_entry_free(&b);
		return NULL;
	}
	push(cat, &b);
	return &cat->v[cat->n - 1];
}

size_t catalog_problems(const struct catalog *cat)
{
	return cat->nprobs;
}

const struct dvk_error *catalog_problem(const struct catalog *cat, size_t i)
{
	return i < cat->nprobs ? &cat->probs[i] : NULL;
}

void catalog_take(struct catalog *cat, size_t i, struct catalog_entry *out)
{
	*out = cat->v[i];
	memset(&cat->v[i], 0, sizeof cat->v[i]);
}

char *catalog_path(const char *data_dir, const char *id)
{
	return xasprintf("%s/%s/%s", data_dir, id, CATALOG_FILENAME);
}

bool catalog_spec_is_file(const char *spec)
{
	size_t n = strlen(spec);

	return strchr(spec, '/') || (n > 5 && strcmp(spec + n - 5, ".yaml") == 0) ||
	       (n > 4 && strcmp(spec + n - 4, ".yml") == 0) || !directive_name_valid(spec);
}

/* ---- reading one directive file ---- */

void catalog_builtin(struct catalog_entry *e)
{
	struct dvk_error err;
	size_t len;
	const char *bytes = directive_builtin_bytes(&len);

	memset(e, 0, sizeof *e);
	e->d = directive_builtin(&err);
	e->origin = CATALOG_BUILTIN;
	e->bytes = xstrndup(bytes, len);
	e->len = len;
}

/* Load the directive held in bytes (taken).  A file that is the built-in
 * directive byte for byte gets the compiled structure: dvk then parses no
 * YAML at start-up even when the folder carries that file. */
static int entry_from_bytes(struct catalog_entry *e, char *bytes, size_t len, const char *path,
			    enum catalog_origin origin, struct dvk_error *err)
{
	size_t blen;
	const char *builtin = directive_builtin_bytes(&blen);

	memset(e, 0, sizeof *e);
	if (len == blen && memcmp(bytes, builtin, len) == 0)
		e->d = directive_builtin(err);
	else
		e->d = directive_load_buffer(bytes, len, path, err);
	if (!e->d) {
		free(bytes);
		return 0;
	}
	e->origin = origin;
	e->path = xstrdup(path);
	e->bytes = bytes;
	e->len = len;
	return 1;
}

static int entry_from_file(struct catalog_entry *e, const char *path, enum catalog_origin origin,
			   struct dvk_error *err)
{
	char *bytes;
	size_t len;

	memset(e, 0, sizeof *e);
	if (!yamlio_read_file(path, yamlio_default_limits().max_file, &bytes, &len, err))
		return 0;
	return entry_from_bytes(e, bytes, len, path, origin, err);
}

/* ---- the folder ---- */

static void add_problem(struct catalog *cat, const struct dvk_error *err)
{
	GROW(cat->probs, cat->nprobs + 1, cat->pcap);
	cat->probs[cat->nprobs++] = *err;
}

static void push(struct catalog *cat, struct catalog_entry *e)
{
	GROW(cat->v, cat->n + 1, cat->cap);
	cat->v[cat->n++] = *e;
}

/* A Syncthing (or Dropbox, Nextcloud) conflict copy of directive.yaml. */
static bool directive_copy_name(const char *name)
{
	size_t stem = 0, k = strlen(CATALOG_FILENAME) - strlen(".yaml");

	return store_conflict_name(name, &stem) && stem == k && strncmp(name, CATALOG_FILENAME, k) == 0;
}

/* Keep the better of *best and e (a higher revision; on a tie the main
 * file, which is what travels), freeing the other. */
static void keep_newer(struct catalog_entry *best, bool *have, struct catalog_entry *e, bool is_main)
{
	if (!*have || e->d->revision > best->d->revision ||
	    (e->d->revision == best->d->revision && is_main)) {
		if (*have)
			catalog_entry_free(best);
		*best = *e;
		*have = true;
	} else {
		catalog_entry_free(e);
	}
}

/* The directive of folder DATA/name, if it holds one. */
static void scan_folder(struct catalog *cat, const char *data_dir, const char *name)
{
	char *folder = xasprintf("%s/%s", data_dir, name);
	DIR *dh = opendir(folder);
	struct dirent *de;
	struct catalog_entry best = {0};
	bool have = false;

	while (dh && (de = readdir(dh))) {
		bool is_main = strcmp(de->d_name, CATALOG_FILENAME) == 0;
		struct catalog_entry e;
		struct dvk_error err;
		char *path;

		if (!is_main && !directive_copy_name(de->d_name))
			continue;
		path = xasprintf("%s/%s", folder, de->d_name);
		dvk_error_clear(&err);
		if (!entry_from_file(&e, path, CATALOG_DATA, &err)) {
			add_problem(cat, &err);
		} else if (strcmp(e.d->id, name) != 0) {
			dvk_error_setc(&err, DVK_E_MISMATCH, path, 0, 0,
				       _("this is directive \"%s\", but it is in the folder of \"%s\"; "
					 "add it with dvk directive add"),
				       e.d->id, name);
			add_problem(cat, &err);
			catalog_entry_free(&e);
		} else {
			keep_newer(&best, &have, &e, is_main);
		}
		free(path);
	}
	if (dh)
		closedir(dh);
	if (have)
		push(cat, &best);
	free(folder);
}

static bool is_dir(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

static int entry_cmp(const void *a, const void *b)
{
	return strcmp(((const struct catalog_entry *)a)->d->id, ((const struct catalog_entry *)b)->d->id);
}

/* The built-in directive meets the folder's copy of its id (if any): the
 * higher revision stays, noting the other. */
static void meet_builtin(struct catalog *cat, const char *data_dir)
{
	struct catalog_entry b;
	struct catalog_entry *e;
	char *folder;

	catalog_builtin(&b);
	for (size_t i = 0; i < cat->n; i++) {
		e = &cat->v[i];
		if (strcmp(e->d->id, b.d->id) != 0)
			continue;
		if (b.d->revision > e->d->revision) {
			b.other_revision = e->d->revision;
			b.other_origin = CATALOG_DATA;
			catalog_entry_free(e);
			*e = b;
			return;
		}
		if (b.d->revision < e->d->revision) {
			e->other_revision = b.d->revision;
			e->other_origin = CATALOG_BUILTIN;
		}
		catalog_entry_free(&b);
		return;
	}
	/* Not in the folder: listed when nothing else is, or when units
	 * already keep their files for it there. */
	folder = xasprintf("%s/%s", data_dir, b.d->id);
	if (cat->n == 0 || is_dir(folder))
		push(cat, &b);
	else
		catalog_entry_free(&b);
	free(folder);
}

struct catalog *catalog_load(const char *data_dir)
{
	struct catalog *cat = xcalloc(1, sizeof *cat);
	DIR *dh = opendir(data_dir);
	struct dirent *de;

	while (dh && (de = readdir(dh))) {
		char *folder;

		if (de->d_name[0] == '.' || !directive_name_valid(de->d_name))
			continue;
		folder = xasprintf("%s/%s", data_dir, de->d_name);
		if (is_dir(folder))
			scan_folder(cat, data_dir, de->d_name);
		free(folder);
	}
	if (dh)
		closedir(dh);
	meet_builtin(cat, data_dir);
	qsort(cat->v, cat->n, sizeof *cat->v, entry_cmp);
	return cat;
}

/* ---- choosing one ---- */

static int open_file(const char *data_dir, const char *spec, struct catalog_entry *out,
		     struct dvk_error *err)
{
	struct catalog *cat;
	const struct catalog_entry *there;
	struct catalog_entry f, b;

	if (!entry_from_file(&f, spec, CATALOG_FILE, err))
		return 0;
	cat = catalog_load(data_dir);
	there = catalog_find(cat, f.d->id);
	catalog_builtin(&b);
	if (!there && strcmp(f.d->id, b.d->id) == 0) {
		/* the built-in is not listed in a folder of other directives */
		push(cat, &b);
		there = &cat->v[cat->n - 1];
	} else {
		catalog_entry_free(&b);
	}
	if (there && there->d->revision > f.d->revision) {
		catalog_take(cat, (size_t)(there - cat->v), out);
		out->other_revision = f.d->revision;
		out->other_origin = CATALOG_FILE;
		catalog_entry_free(&f);
	} else {
		if (there && there->d->revision != f.d->revision) {
			f.other_revision = there->d->revision;
			f.other_origin = there->origin;
		}
		*out = f;
	}
	catalog_free(cat);
	return 1;
}

int catalog_open(const char *data_dir, const char *spec, struct catalog_entry *out,
		 struct dvk_error *err)
{
	struct catalog *cat;
	const struct catalog_entry *e;
	int ok = 1;

	memset(out, 0, sizeof *out);
	if (spec && catalog_spec_is_file(spec))
		return open_file(data_dir, spec, out, err);
	cat = catalog_load(data_dir);
	/* A directive file of the folder that does not load is never passed
	 * over in silence for another directive: its error is the answer
	 * when it is the one asked for, or when none was asked for. */
	for (size_t i = 0; i < cat->nprobs; i++) {
		char *folder = spec ? xasprintf("%s/%s/", data_dir, spec) : NULL;
		bool mine = !spec || strncmp(cat->probs[i].path, folder, strlen(folder)) == 0;

		free(folder);
		if (mine) {
			*err = cat->probs[i];
			catalog_free(cat);
			return 0;
		}
	}
	if (spec) {
		struct catalog_entry b;

		if ((e = catalog_find(cat, spec))) {
			catalog_take(cat, (size_t)(e - cat->v), out);
		} else {
			catalog_builtin(&b);
			if (strcmp(b.d->id, spec) == 0) {
				*out = b;
			} else {
				catalog_entry_free(&b);
				ok = dvk_error_setc(err, DVK_E_INVALID, NULL, 0, 0,
						    _("no directive \"%s\" in %s (see dvk directive list)"),
						    spec, data_dir);
			}
		}
	} else if (cat->n == 1) {
		catalog_take(cat, 0, out);
	} else {
		struct buf ids = {0};

		for (size_t i = 0; i < cat->n; i++)
			buf_printf(&ids, "%s%s", i ? ", " : "", cat->v[i].d->id);
		ok = dvk_error_setc(err, DVK_E_MISMATCH, NULL, 0, 0,
				    _("%s holds several directives (%s): choose one with --directive ID "
				      "or \"directive: ID\" in the config"),
				    data_dir, ids.data ? ids.data : "");
		buf_free(&ids);
	}
	catalog_free(cat);
	return ok;
}

/* ---- publishing ---- */

/* Equal as directives: the same canonical bytes (comments, quoting and
 * line ends do not count). */
static bool same_content(const struct directive *a, const struct directive *b)
{
	struct dvk_error err;
	size_t la, lb;
	char *x = directive_write(a, "a", &la, &err), *y = directive_write(b, "b", &lb, &err);
	bool same = x && y && la == lb && memcmp(x, y, la) == 0;

	free(x);
	free(y);
	return same;
}

/* Decide what adding d means against what is there (old, may be NULL;
 * builtin_rev: the built-in's revision of the same id, 0 if another). */
static enum catalog_added judge(const struct directive *d, const struct directive *old,
				unsigned builtin_rev, unsigned *old_revision)
{
	*old_revision = old ? old->revision : 0;
	if (builtin_rev > d->revision && (!old || old->revision <= builtin_rev)) {
		*old_revision = builtin_rev;
		return CATALOG_OLDER;
	}
	if (!old)
		return CATALOG_ADDED;
	if (d->revision > old->revision)
		return CATALOG_UPDATED;
	if (d->revision < old->revision)
		return CATALOG_OLDER;
	return same_content(d, old) ? CATALOG_SAME : CATALOG_DIFFERS;
}

int catalog_add(const char *data_dir, const char *bytes, size_t len, const char *path,
		enum catalog_added *res, unsigned *old_revision, struct dvk_error *err)
{
	struct catalog_entry e = {0}, old = {0};
	struct directive *b = directive_builtin(err);
	char *target = NULL, *folder = NULL;
	unsigned oldrev = 0, builtin_rev = 0;
	int lock = -1, ok = 0;

	if (!entry_from_bytes(&e, xstrndup(bytes, len), len, path, CATALOG_FILE, err))
		goto out;
	if (strcmp(b->id, e.d->id) == 0)
		builtin_rev = b->revision;
	folder = xasprintf("%s/%s", data_dir, e.d->id);
	target = catalog_path(data_dir, e.d->id);
	if (!dvk_mkdirs(folder, err) || (lock = store_lock(target, err)) < 0)
		goto out;
	if (store_exists(target) && !entry_from_file(&old, target, CATALOG_DATA, err)) {
		char why[DVK_ERR_MSG + DVK_ERR_PATH + 64];

		dvk_error_format(err, why, sizeof why);
		dvk_error_setc(err, DVK_E_SCHEMA, target, 0, 0,
			       _("the directive file already there does not load, so it is left alone; "
				 "fix or remove it first (%s)"),
			       why);
		goto out;
	}
	*res = judge(e.d, old.d, builtin_rev, &oldrev);
	if (*res == CATALOG_ADDED || *res == CATALOG_UPDATED) {
		if (!store_write_atomic(target, bytes, len, err))
			goto out;
	}
	if (old_revision)
		*old_revision = oldrev;
	ok = 1;
out:
	store_unlock(lock);
	catalog_entry_free(&e);
	catalog_entry_free(&old);
	directive_free(b);
	free(target);
	free(folder);
	return ok;
}

int catalog_ensure(const char *data_dir, const struct catalog_entry *e, enum catalog_added *res,
		   unsigned *old_revision, struct dvk_error *err)
{
	char *target;

	*res = CATALOG_SAME;
	if (old_revision)
		*old_revision = 0;
	if (!e || !e->d || !e->bytes)
		return 1;
	target = catalog_path(data_dir, e->d->id);
	/* Already published by this very file: nothing to do, no lock. */
	if (e->origin == CATALOG_DATA && e->path && strcmp(e->path, target) == 0) {
		free(target);
		return 1;
	}
	free(target);
	return catalog_add(data_dir, e->bytes, e->len, e->path ? e->path : catalog_origin_name(e->origin),
			   res, old_revision, err);
}

int catalog_unit_progress(const char *data_dir, const struct catalog_entry *e, const char *unit,
			  struct progress *p)
{
	struct dvk_error err;
	struct state *st = NULL;
	char *path;
	int found;

	memset(p, 0, sizeof *p);
	p->total = p->todo = (unsigned)e->d->nitems;
	if (!unit)
		return 0;
	path = store_path(data_dir, e->d->id, unit);
	if (store_exists(path) && (st = store_load(path, NULL, &err)))
		checklist_progress(st->cl, e->d, (size_t)-1, p);
	found = st != NULL;
	state_free(st);
	free(path);
	return found;
}

size_t catalog_unit_files(const char *data_dir, const char *id)
{
	char *folder = xasprintf("%s/%s", data_dir, id);
	DIR *dh = opendir(folder);
	struct dirent *de;
	size_t n = 0, k = strlen(STATE_SUFFIX);

	while (dh && (de = readdir(dh))) {
		size_t len = strlen(de->d_name);

		if (de->d_name[0] != '.' && len > k && strcmp(de->d_name + len - k, STATE_SUFFIX) == 0)
			n++;
	}
	if (dh)
		closedir(dh);
	free(folder);
	return n;
}

void catalog_copies_free(struct catalog_copy *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].path);
	free(v);
}

/* Fold one copy (see catalog_fold) into the folder's file. */
static void fold_copy(const char *data_dir, struct catalog_copy *cp)
{
	struct catalog_entry e = {0}, main = {0};
	char *target = NULL;
	enum catalog_added res;

	if (!entry_from_file(&e, cp->path, CATALOG_DATA, &cp->err))
		return;
	cp->revision = e.d->revision;
	if (!catalog_add(data_dir, e.bytes, e.len, cp->path, &res, NULL, &cp->err))
		goto out;
	target = catalog_path(data_dir, e.d->id);
	if (!entry_from_file(&main, target, CATALOG_DATA, &cp->err))
		goto out;
	if (main.d->revision > e.d->revision ||
	    (main.d->revision == e.d->revision && same_content(main.d, e.d))) {
		if (unlink(cp->path) == 0)
			cp->folded = true;
		else
			dvk_error_setc(&cp->err, DVK_E_IO, cp->path, 0, 0, "unlink: %s", strerror(errno));
	} else {
		dvk_error_setc(&cp->err, DVK_E_MISMATCH, cp->path, 0, 0,
			       _("revision %u of directive %s with other content than %s: kept; a correction "
				 "must raise the revision"),
			       e.d->revision, e.d->id, target);
	}
out:
	catalog_entry_free(&e);
	catalog_entry_free(&main);
	free(target);
}

size_t catalog_fold(const char *data_dir, const char *id, struct catalog_copy **out)
{
	char *folder = xasprintf("%s/%s", data_dir, id);
	DIR *dh = opendir(folder);
	struct dirent *de;
	struct catalog_copy *v = NULL;
	size_t n = 0, cap = 0;

	while (dh && (de = readdir(dh))) {
		if (!directive_copy_name(de->d_name))
			continue;
		GROW(v, n + 1, cap);
		memset(&v[n], 0, sizeof v[n]);
		v[n].path = xasprintf("%s/%s", folder, de->d_name);
		dvk_error_clear(&v[n].err);
		n++;
	}
	if (dh)
		closedir(dh);
	/* In any order: a higher revision replaces the file as it comes, and
	 * a copy is deleted only when the file then holds it or newer. */
	for (size_t i = 0; i < n; i++)
		fold_copy(data_dir, &v[i]);
	free(folder);
	*out = v;
	return n;
}

bool catalog_is_directive_file(const char *path)
{
	struct dvk_error err;
	struct ydoc *doc;
	char *buf;
	size_t len;
	const struct ynode *f;
	bool yes;

	if (!yamlio_read_file(path, yamlio_default_limits().max_file, &buf, &len, &err))
		return false;
	doc = yamlio_parse(buf, len, path, NULL, &err);
	f = doc && doc->root && doc->root->kind == YNODE_MAP ? ynode_get(doc->root, "format") : NULL;
	yes = f && f->kind == YNODE_SCALAR && strcmp(f->str, DIRECTIVE_FORMAT) == 0;
	ydoc_free(doc);
	free(buf);
	return yes;
}

static int path_cmp(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

size_t catalog_folder_files(const char *dir, char ***out)
{
	char **v = NULL;
	size_t n = 0, cap = 0;
	DIR *dh = opendir(dir);
	struct dirent *de;

	while (dh && (de = readdir(dh))) {
		size_t len = strlen(de->d_name);
		struct stat sb;
		char *full;

		if (de->d_name[0] == '.' || len < 5 || strcmp(de->d_name + len - 5, ".yaml") != 0 ||
		    (!strstr(de->d_name, ".dvk") && !strstr(de->d_name, CATALOG_STICK_SUFFIX)))
			continue;
		full = xasprintf("%s/%s", dir, de->d_name);
		if (stat(full, &sb) != 0 || S_ISDIR(sb.st_mode)) {
			free(full);
			continue;
		}
		GROW(v, n + 1, cap);
		v[n++] = full;
	}
	if (dh)
		closedir(dh);
	if (n > 1)
		qsort(v, n, sizeof *v, path_cmp);
	*out = v;
	return n;
}

char *catalog_beside(const char *path, const char *id)
{
	const char *slash = strrchr(path, '/');
	char *p = slash ? xasprintf("%.*s/%s%s", (int)(slash - path), path, id, CATALOG_STICK_SUFFIX)
			: xasprintf("%s%s", id, CATALOG_STICK_SUFFIX);

	if (store_exists(p) && catalog_is_directive_file(p))
		return p;
	free(p);
	return NULL;
}

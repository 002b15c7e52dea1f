/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fold.c: folding sync tools' conflict copies back into the main files
 * (see store.h).
 *
 * Syncthing, Dropbox and Nextcloud settle a conflict by keeping one side
 * under the real name and the other as a copy beside it; Syncthing even
 * picks the side by modification time, so with clocks days off the older
 * work may hold the real name.  Since the join keeps everything, the fix
 * is the same whichever side won: join the copy in, check that nothing of
 * it is missing from the main file, and only then delete it.  The
 * deletion then travels through the sync tool while the content already
 * travels inside the main file.
 *
 * A copy is recognised by its header (directive and unit), not only by
 * its name: an email attachment saved as "xa-quang-hoa (1).yaml" folds the
 * same way.  Names matter only for copies that do not parse: those are
 * kept and reported when their name says they are conflict copies or
 * their first lines say they are dvk state files, and silently left alone
 * otherwise (a folder may hold other YAML files).
 */
#include "store/store.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "yamlio/yamlio.h"

#define SNIFF_BYTES 4096

void fold_report_free(struct fold_report *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n; i++) {
		free(r->items[i].path);
		free(r->items[i].main);
		free(r->items[i].unit);
	}
	free(r->items);
	r->items = NULL;
	r->n = 0;
}

static bool all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}

/* The length of the unit id a copy's stem names: "<unit>.dvk" or
 * "<unit>", 0 if the stem is no unit id. */
static size_t stem_unit(const char *stem, size_t n)
{
	char *u;
	bool ok;

	if (n > 4 && memcmp(stem + n - 4, ".dvk", 4) == 0)
		n -= 4;
	u = xstrndup(stem, n);
	ok = unit_id_valid(u);
	free(u);
	return ok ? n : 0;
}

/* Syncthing: "<stem>.sync-conflict-YYYYMMDD-HHMMSS[-XXXXXXX]<ext>", the
 * marker before the last extension; older versions had no device id. */
static bool syncthing_name(const char *name, size_t *stem_len)
{
	static const char marker[] = ".sync-conflict-";
	const char *m = strstr(name, marker), *p;

	if (!m || m == name)
		return false;
	p = m + sizeof marker - 1;
	if (!all_digits(p, 8) || p[8] != '-' || !all_digits(p + 9, 6))
		return false;
	p += 15;
	if (p[0] == '-') {
		size_t k = 0;

		while (k < 7 && (isdigit((unsigned char)p[1 + k]) || isupper((unsigned char)p[1 + k])))
			k++;
		if (k != 7)
			return false;
		p += 8;
	}
	/* what is left is the extension: empty or ".yaml" (no more dots
	 * would mean the marker was not before the last extension) */
	if (*p && (*p != '.' || strchr(p + 1, '.')))
		return false;
	*stem_len = (size_t)(m - name);
	return true;
}

/* Dropbox "<stem> (Minh's conflicted copy 2023-11-14)<ext>", Nextcloud
 * "<stem> (conflicted copy 2023-11-14 101010)<ext>". */
static bool dropbox_name(const char *name, size_t *stem_len)
{
	const char *open = strstr(name, " ("), *close;

	if (!open || open == name)
		return false;
	close = strchr(open, ')');
	if (!close)
		return false;
	for (const char *p = open + 2; p + 15 <= close; p++)
		if (strncasecmp(p, "conflicted copy", 15) == 0 ||
		    strncasecmp(p, "conflict copy", 13) == 0) {
			*stem_len = (size_t)(open - name);
			return true;
		}
	return false;
}

bool store_conflict_name(const char *name, size_t *unit_len)
{
	size_t stem;

	if (unit_len)
		*unit_len = 0;
	if (!syncthing_name(name, &stem) && !dropbox_name(name, &stem))
		return false;
	if (unit_len)
		*unit_len = stem_unit(name, stem);
	return true;
}

/* The value of a top-level "key: value" line in the first bytes of a
 * file, without quotes (caller frees), or NULL.  Only a hint, to pass
 * over main files and other units' files without parsing them. */
static char *sniff(const char *buf, size_t len, const char *key)
{
	size_t k = strlen(key);

	if (len > SNIFF_BYTES)
		len = SNIFF_BYTES;
	for (size_t i = 0; i < len;) {
		const char *line = buf + i, *end = memchr(line, '\n', len - i);
		size_t n = end ? (size_t)(end - line) : len - i;

		i += n + 1;
		if (n > k && memcmp(line, key, k) == 0 && line[k] == ':') {
			const char *v = line + k + 1, *e = line + n;

			while (v < e && *v == ' ')
				v++;
			while (e > v && (e[-1] == ' ' || e[-1] == '\r'))
				e--;
			if (e - v >= 2 && (*v == '"' || *v == '\'') && e[-1] == *v)
				v++, e--;
			return xstrndup(v, (size_t)(e - v));
		}
		if ((n >= 4 && memcmp(line, "log:", 4) == 0) ||
		    (n >= 6 && memcmp(line, "items:", 6) == 0))
			break;
	}
	return NULL;
}

static bool has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcmp(s + n - k, suffix) == 0;
}

static bool same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_size == b->st_size &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

static struct fold_item *add_item(struct fold_report *r, const char *path)
{
	struct fold_item *it;

	r->items = xrealloc(r->items, (r->n + 1) * sizeof *r->items);
	it = &r->items[r->n++];
	memset(it, 0, sizeof *it);
	it->path = xstrdup(path);
	dvk_error_clear(&it->err);
	return it;
}

/* Join the parsed copy st (read from path, whose stat was sb) into its
 * main file, verify, delete. */
static void fold_one(const char *data_dir, const struct directive *d, const char *path,
		     const struct stat *sb, const struct state *st, struct fold_item *it)
{
	struct state *after;
	struct stat now;

	it->main = store_path(data_dir, d->id, st->unit);
	if (!store_merge_into(it->main, st, d, &it->added, &it->err))
		return;
	after = store_load(it->main, d, &it->err);
	if (!after)
		return;
	it->conflicts = checklist_conflict_count(after->cl);
	if (!checklist_subset(st->cl, after->cl)) {
		dvk_error_set(&it->err, path, 0, 0,
			      "kept: after folding, some of its entries are still missing from %s",
			      it->main);
	} else if (stat(path, &now) != 0 || !same_file(sb, &now)) {
		/* The sync tool replaced the copy while we read it: what is
		 * there now has not been checked.  The next run folds it. */
		dvk_error_set(&it->err, path, 0, 0, "kept: the copy changed while it was folded");
	} else if (unlink(path) != 0) {
		dvk_error_set(&it->err, path, 0, 0, "folded, but cannot delete the copy: %s",
			      strerror(errno));
	} else {
		it->folded = true;
	}
	state_free(after);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The non-hidden entries of dir, sorted (so reports come in a stable
 * order).  Returns their number or (size_t)-1 with errno set. */
static size_t list_names(const char *dir, char ***out)
{
	DIR *dh = opendir(dir);
	struct dirent *e;
	char **v = NULL;
	size_t n = 0;

	*out = NULL;
	if (!dh)
		return (size_t)-1;
	while ((e = readdir(dh))) {
		if (e->d_name[0] == '.')
			continue;
		v = xrealloc(v, (n + 1) * sizeof *v);
		v[n++] = xstrdup(e->d_name);
	}
	closedir(dh);
	if (n)
		qsort(v, n, sizeof *v, cmp_str);
	*out = v;
	return n;
}

/* A file whose name says it belongs to one unit's file and whose header
 * says another unit or directive: kept and reported, never joined into
 * another file (nor made into a new unit's file). */
static void mismatch(struct fold_report *out, const char *path, const char *name_unit,
		     const char *directive, const char *unit, const struct directive *d)
{
	struct fold_item *it = add_item(out, path);

	it->unit = xstrdup(name_unit);
	dvk_error_setc(&it->err, DVK_E_MISMATCH, path, 0, 0,
		       _("kept: its name says it belongs to %s%s, but its header says unit "
			 "\"%s\" of directive \"%s\"; dvk never folds it into another file (look at "
			 "it, then `dvk merge` it by hand where it belongs, or delete it)"),
		       name_unit, STATE_SUFFIX, unit ? unit : "?", directive ? directive : d->id);
}

/* Syncthing's marker elsewhere than before the last extension
 * ("xa-a.sync-conflict-….dvk.yaml", by another tool or by hand) still
 * says whose copy a file is: that unit (caller frees), or NULL. */
static char *loose_copy_unit(const char *name)
{
	const char *m = strstr(name, ".sync-conflict-");
	size_t n;

	if (!m || m == name || !(n = stem_unit(name, (size_t)(m - name))))
		return NULL;
	return xstrndup(name, n);
}

char *store_copy_of(const char *path)
{
	const char *base = strrchr(path, '/');
	size_t n;

	base = base ? base + 1 : path;
	if (store_conflict_name(base, &n))
		return n ? xstrndup(base, n) : NULL;
	return loose_copy_unit(base);
}

/* The first SNIFF_BYTES of the file at path (all of it when it is that
 * short: *whole).  Returns 1, or 0 with err as yamlio_read_file says. */
static int read_head(const char *path, char **buf, size_t *len, bool *whole,
		     struct dvk_error *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t n = 0;
	char *b;

	if (fd < 0)
		return dvk_error_setc(err, DVK_E_IO, path, 0, 0, "cannot open: %s", strerror(errno));
	b = xmalloc(SNIFF_BYTES + 2);
	while (n < SNIFF_BYTES + 1) {
		ssize_t got = read(fd, b + n, SNIFF_BYTES + 1 - n);

		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			int e = errno;

			close(fd);
			free(b);
			return dvk_error_setc(err, DVK_E_IO, path, 0, 0, "cannot read: %s", strerror(e));
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	close(fd);
	*whole = n <= SNIFF_BYTES;
	b[n] = '\0';
	*buf = b;
	*len = n;
	return 1;
}

/* The rest of the file whose head *buf holds, when it was not all read:
 * the whole file replaces it.  1, or 0 with err. */
static int read_whole(const char *path, char **buf, size_t *len, bool *whole,
		      struct dvk_error *err)
{
	if (*whole)
		return 1;
	free(*buf);
	*buf = NULL;
	if (!yamlio_read_file(path, yamlio_default_limits().max_file, buf, len, err))
		return 0;
	*whole = true;
	return 1;
}

static void consider(const char *data_dir, const struct directive *d, const char *unit,
		     const char *folder, const char *name, struct fold_report *out)
{
	char *path = xasprintf("%s/%s", folder, name), *buf = NULL;
	char *s_dir = NULL, *s_unit = NULL, *s_fmt = NULL, *name_unit = NULL;
	size_t len, ulen = 0, k = strlen(STATE_SUFFIX);
	bool named = store_conflict_name(name, &ulen), ours, main_name = false, whole = false;
	struct dvk_error err;
	struct state *st = NULL;
	struct stat sb;
	struct fold_item *it;

	dvk_error_clear(&err);
	if (!has_suffix(name, ".yaml") && !has_suffix(name, ".yml") && !named)
		goto out;
	if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
		goto out;
	if ((name_unit = store_copy_of(name)) != NULL) {
		/* a sync tool's copy belongs to the file it is a copy of */
		named = true;
		ulen = strlen(name_unit);
	} else if (!named && has_suffix(name, STATE_SUFFIX) && strlen(name) > k) {
		/* "<unit>.dvk.yaml" is a main file; a header naming another
		 * unit there (a copy saved under a unit's name by hand) is
		 * reported */
		char *u = xstrndup(name, strlen(name) - k);

		main_name = unit_id_valid(u);
		if (main_name)
			name_unit = u;
		else
			free(u);
	}
	if (unit && name_unit && strcmp(name_unit, unit) != 0)
		goto out; /* another unit's (copy of its) file */
	/* The header says what the file is: read only its first bytes, so
	 * that the unit's own main file (15 MB at 70,000 events) is not read
	 * whole at every start and save just to be recognised. */
	if (!read_head(path, &buf, &len, &whole, &err)) {
		if (named && (!unit || (ulen == strlen(unit) && strncmp(name, unit, ulen) == 0))) {
			it = add_item(out, path);
			it->err = err;
			if (ulen)
				it->unit = xstrndup(name, ulen);
		}
		goto out;
	}
	s_fmt = sniff(buf, len, "format");
	/* a directive file (or a sync copy of one) is the catalog's to fold */
	if (s_fmt && strcmp(s_fmt, DIRECTIVE_FORMAT) == 0)
		goto out;
	s_dir = sniff(buf, len, "directive");
	s_unit = sniff(buf, len, "unit");
	ours = named || (s_fmt && (strcmp(s_fmt, STATE_FORMAT) == 0 ||
				   strcmp(s_fmt, STATE_FORMAT_V1) == 0));
	if (name_unit && ((s_dir && strcmp(s_dir, d->id) != 0) ||
			  (s_unit && strcmp(s_unit, name_unit) != 0))) {
		/* reported with what its header really says (a copy cut
		 * inside "unit: xa-sync" is incomplete, not unit "xa-s") */
		if (!ours)
			goto out;
		st = read_whole(path, &buf, &len, &whole, &err) ? store_parse(buf, len, path, NULL, &err)
								: NULL;
		if (st) {
			mismatch(out, path, name_unit, st->directive, st->unit, d);
		} else {
			it = add_item(out, path);
			it->err = err;
			it->unit = xstrdup(name_unit);
		}
		goto out;
	}
	/* Files of another directive, or that say they belong to another
	 * unit than the one asked for, are not ours to touch. */
	if (s_dir && strcmp(s_dir, d->id) != 0)
		goto out;
	if (unit && s_unit && strcmp(s_unit, unit) != 0)
		goto out;
	if (unit && !s_unit && !(named && ulen == strlen(unit) && strncmp(name, unit, ulen) == 0))
		goto out;
	/* A main file: its name is its unit's. */
	if (main_name && s_unit && strlen(name) == strlen(s_unit) + k &&
	    strncmp(name, s_unit, strlen(s_unit)) == 0)
		goto out;
	st = read_whole(path, &buf, &len, &whole, &err) ? store_parse(buf, len, path, d, &err) : NULL;
	if (!st) {
		/* a main file that does not parse is not a copy: loading it
		 * reports it */
		if (ours && !main_name) {
			it = add_item(out, path);
			it->err = err;
			if (s_unit && unit_id_valid(s_unit))
				it->unit = xstrdup(s_unit);
			else if (ulen)
				it->unit = xstrndup(name, ulen);
		}
		goto out;
	}
	if (name_unit && (strcmp(st->unit, name_unit) != 0 || strcmp(st->directive, d->id) != 0)) {
		mismatch(out, path, name_unit, st->directive, st->unit, d);
		goto out;
	}
	if (strcmp(st->directive, d->id) != 0 || (unit && strcmp(st->unit, unit) != 0))
		goto out;
	if (main_name)
		goto out; /* the main file after all */
	it = add_item(out, path);
	it->unit = xstrdup(st->unit);
	fold_one(data_dir, d, path, &sb, st, it);
out:
	state_free(st);
	free(name_unit);
	free(s_fmt);
	free(s_dir);
	free(s_unit);
	free(buf);
	free(path);
}

int store_fold_copies(const char *data_dir, const struct directive *d, const char *unit,
		      struct fold_report *out, struct dvk_error *err)
{
	char *folder = xasprintf("%s/%s", data_dir, d->id), **names;
	size_t n = list_names(folder, &names);
	bool any = false;

	out->items = NULL;
	out->n = 0;
	if (n == (size_t)-1) {
		int e = errno, ok = e == ENOENT; /* no folder: nothing to fold */

		if (!ok)
			dvk_error_set(err, folder, 0, 0, "cannot read the folder: %s", strerror(e));
		free(folder);
		return ok;
	}
	for (size_t i = 0; i < n; i++) {
		size_t before = out->n;

		consider(data_dir, d, unit, folder, names[i], out);
		any |= out->n > before && out->items[out->n - 1].folded;
		free(names[i]);
	}
	free(names);
	/* Make the deletions durable, so a crash cannot bring a copy back
	 * (harmless, since folding again changes nothing, but noisy). */
	if (any) {
		int dfd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

		if (dfd >= 0) {
			fsync(dfd);
			close(dfd);
		}
	}
	free(folder);
	return 1;
}

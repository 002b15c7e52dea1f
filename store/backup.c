/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * backup.c: the copies of state files kept in DATA/.dvk-backups/ (see
 * store.h).
 *
 * A backup is the file as it was just before a save replaced it: the
 * save gives the old file a second name before its rename (to undo a
 * failed folder fsync), and once the new file is in place and durable
 * that name is moved here.  So a backup costs no copying, is made only
 * by a save that succeeded, and never shares an inode with the live file
 * (a hard link made before the write did, and a `cp` over the live file
 * then destroyed both).  Filesystems without hard links (FAT sticks,
 * some network shares) get a copy instead.  Backups never travel: the
 * folder is in .gitignore and .stignore, so every laptop keeps its own;
 * a `.dvk-backups` that is a symbolic link is never written through.
 *
 * Restoring is a merge (the join cannot lose newer events), so a backup
 * is never more than a source of events: nothing here needs fsync, and
 * nothing here may stop a save.
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

/* ".YYYYMMDD-HHMMSS-mmm" */
#define STAMP_LEN 20

static bool has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcmp(s + n - k, suffix) == 0;
}

static char *dir_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

char *store_backup_dir(const char *path, const char *directive)
{
	char *folder = dir_name(path), *out;
	const char *base = strrchr(folder, '/');

	base = base ? base + 1 : folder;
	if (directive && strcmp(base, directive) == 0) {
		char *data = dir_name(folder);

		out = xasprintf("%s/" BACKUP_DIR "/%s", data, directive);
		free(data);
	} else {
		out = xasprintf("%s/" BACKUP_DIR, folder);
	}
	free(folder);
	return out;
}

/* Where ".dvk-backups" ends in dir (dir itself, or its parent). */
static char *backup_root(const char *dir)
{
	const char *at = strstr(dir, "/" BACKUP_DIR);

	if (!at)
		return xstrdup(dir);
	return xstrndup(dir, (size_t)(at - dir) + 1 + strlen(BACKUP_DIR));
}

char *store_backup_dir_link(const char *dir)
{
	char *root = backup_root(dir);
	struct stat sb;

	if (lstat(root, &sb) == 0 && S_ISLNK(sb.st_mode))
		return root;
	free(root);
	if (lstat(dir, &sb) == 0 && S_ISLNK(sb.st_mode))
		return xstrdup(dir);
	return NULL;
}

static bool linked(const char *dir)
{
	char *link = store_backup_dir_link(dir);

	free(link);
	return link != NULL;
}

static int digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
 * algorithm): timegm is not C11 and mktime reads the time zone. */
static int64_t days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int yoe = (int)(y - era * 400);
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

/* Parse "<unit>.YYYYMMDD-HHMMSS-mmm.dvk.yaml".  Returns 1 and fills *unit
 * (caller frees) and *when, or 0 for any other name. */
static int parse_name(const char *name, char **unit, int64_t *when)
{
	size_t n = strlen(name), k = strlen(STATE_SUFFIX);
	const char *s;
	int y, mo, d, h, mi, se, ms;

	if (n <= k + STAMP_LEN || !has_suffix(name, STATE_SUFFIX))
		return 0;
	s = name + n - k - STAMP_LEN;
	if (s[0] != '.' || s[9] != '-' || s[16] != '-')
		return 0;
	y = digits(s + 1, 4), mo = digits(s + 5, 2), d = digits(s + 7, 2);
	h = digits(s + 10, 2), mi = digits(s + 12, 2), se = digits(s + 14, 2);
	ms = digits(s + 17, 3);
	if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 ||
	    mi > 59 || se < 0 || se > 60 || ms < 0)
		return 0;
	*unit = xstrndup(name, (size_t)(s - name));
	if (!unit_id_valid(*unit)) {
		free(*unit);
		*unit = NULL;
		return 0;
	}
	*when = ((days_from_civil(y, mo, d) * 24 + h) * 60 + mi) * 60000LL + se * 1000LL + ms;
	return 1;
}

static char *backup_name(const char *dir, const char *unit, int64_t when)
{
	time_t t = (time_t)(when / 1000);
	struct tm tm;

	gmtime_r(&t, &tm);
	return xasprintf("%s/%s.%04d%02d%02d-%02d%02d%02d-%03d" STATE_SUFFIX, dir, unit,
			 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
			 tm.tm_sec, (int)(when % 1000));
}

static int cmp_newest_first(const void *a, const void *b)
{
	const struct backup *x = a, *y = b;

	if (x->when != y->when)
		return x->when < y->when ? 1 : -1;
	return strcmp(y->path, x->path);
}

/* The backups of unit (NULL: all) in dir, newest first. */
static size_t list_dir(const char *dir, const char *unit, struct backup **out)
{
	/* never through a link (store_backup_dir_link): pruning deletes */
	DIR *dh = linked(dir) ? NULL : opendir(dir);
	struct dirent *e;
	struct backup *b = NULL;
	size_t n = 0, cap = 0;

	*out = NULL;
	if (!dh)
		return 0;
	while ((e = readdir(dh))) {
		char *u;
		int64_t when;

		if (e->d_name[0] == '.' || !parse_name(e->d_name, &u, &when))
			continue;
		if (unit && strcmp(u, unit) != 0) {
			free(u);
			continue;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			b = xrealloc(b, cap * sizeof *b);
		}
		b[n].path = xasprintf("%s/%s", dir, e->d_name);
		b[n].unit = u;
		b[n].when = when;
		n++;
	}
	closedir(dh);
	if (n)
		qsort(b, n, sizeof *b, cmp_newest_first);
	*out = b;
	return n;
}

size_t store_backups(const char *data_dir, const char *directive, const char *unit,
		     struct backup **out)
{
	char *dir = xasprintf("%s/" BACKUP_DIR "/%s", data_dir, directive);
	size_t n = list_dir(dir, unit, out);

	free(dir);
	return n;
}

void store_backups_free(struct backup *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(b[i].path);
		free(b[i].unit);
	}
	free(b);
}

/* Days since the epoch of a time in ms (floor, also before 1970). */
static int64_t day_of(int64_t ms)
{
	return ms >= 0 ? ms / 86400000 : (ms + 1) / 86400000 - 1;
}

/* Year * 12 + month (UTC) of a day since the epoch. */
static int64_t month_of(int64_t day)
{
	time_t t = (time_t)(day * 86400);
	struct tm tm;

	if (!gmtime_r(&t, &tm))
		return day / 31;
	return (int64_t)tm.tm_year * 12 + tm.tm_mon;
}

size_t store_backup_prune(const char *dir, const char *unit, size_t keep_last)
{
	struct backup *b;
	size_t n = list_dir(dir, unit, &b), gone = 0;
	int64_t last_bucket = INT64_MIN, newest = n ? day_of(b[0].when) : 0;

	/* Newest first, so the first backup met of each day (or month) is
	 * its newest: the state at the end of that day.  Every file holds all
	 * the events of older ones unless a hand edit took some out, so old
	 * backups matter less and less; without thinning, one a day of a
	 * 2 MB file would be 700 MB a year. */
	for (size_t i = 0; i < n; i++) {
		int64_t day = day_of(b[i].when);
		/* months and days are told apart by sign */
		int64_t bucket = newest - day < BACKUP_DAILY_DAYS ? day : -1 - month_of(day);

		if (i < keep_last || bucket != last_bucket) {
			last_bucket = bucket;
			continue;
		}
		if (unlink(b[i].path) == 0)
			gone++;
	}
	store_backups_free(b, n);
	return gone;
}

/* A data folder put under git without `dvk git-setup` would otherwise
 * commit every backup with `git add -A`: the folder ignores itself. */
static void ignore_in_git(const char *dir)
{
	char *f = xasprintf("%s/.gitignore", dir);
	int fd = open(f, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);

	if (fd >= 0) {
		dvk_share_file(fd, dir); /* in a shared folder: the group's too */
		if (write(fd, "*\n", 2) != 2)
			unlink(f);
		close(fd);
	}
	free(f);
}

/* Make the backup folder (.dvk-backups and, in a data folder, its
 * directive's folder below it), refusing a symbolic link at either: a
 * link put there would send backups, and the pruning that deletes old
 * ones, to another place. */
static int make_backup_dir(const char *dir, struct dvk_error *err)
{
	char *root = backup_root(dir);
	int ok = dvk_mkdir_here(root, err) && (strcmp(root, dir) == 0 || dvk_mkdir_here(dir, err));

	free(root);
	return ok;
}

int store_backup_copy(const char *from, const char *to)
{
	char *bytes;
	size_t len;
	struct dvk_error ignore;
	int fd, ok = -1;

	if (!yamlio_read_file(from, yamlio_default_limits().max_file, &bytes, &len, &ignore))
		return -1;
	fd = open(to, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
	if (fd >= 0) {
		const char *p = bytes;

		dvk_share_file(fd, to);
		size_t n = len;

		ok = 0;
		while (n > 0) {
			ssize_t k = write(fd, p, n);

			if (k < 0 && errno == EINTR)
				continue;
			if (k <= 0) {
				ok = -1;
				break;
			}
			p += k;
			n -= (size_t)k;
		}
		if (close(fd) != 0)
			ok = -1;
		if (ok != 0)
			unlink(to);
	}
	free(bytes);
	return ok;
}

bool store_backup_due(const char *path, const char *directive, const char *unit, int64_t now)
{
	char *dir = store_backup_dir(path, directive);
	struct backup *b;
	size_t n = list_dir(dir, unit, &b);
	/* a clock set back (newest in the future) must not stop backups */
	bool due = !linked(dir) &&
		   (n == 0 || now - b[0].when >= BACKUP_EVERY_MS || now < b[0].when);

	store_backups_free(b, n);
	free(dir);
	return due;
}

int store_backup_keep(const char *path, const char *old, const char *directive, const char *unit,
		      int64_t now, struct dvk_error *err)
{
	char *dir = store_backup_dir(path, directive), *name = NULL;
	int ok = 0, e;

	dvk_error_clear(err);
	if (!make_backup_dir(dir, err))
		goto out;
	ignore_in_git(dir);
	/* Two saves in one millisecond (or a clock set back) meet a name
	 * already taken: move on to the next millisecond. */
	for (int tries = 0; tries < 1000; tries++, now++) {
		struct stat sb;

		free(name);
		name = backup_name(dir, unit, now);
		if (lstat(name, &sb) == 0)
			continue;
		/* the old file itself, under its backup name: no copying,
		 * and it shares nothing with the file that replaced it */
		if (rename(old, name) == 0) {
			ok = 1;
			break;
		}
		/* another file system, or no renames there: a copy */
		e = errno;
		if (store_backup_copy(old, name) == 0) {
			ok = 1;
			break;
		}
		dvk_error_setc(err, DVK_E_IO, name, 0, 0, _("cannot keep a backup: rename: %s"),
			       strerror(e));
		break;
	}
	if (!ok && err && !err->message[0])
		dvk_error_setc(err, DVK_E_IO, dir, 0, 0, "%s",
			       _("cannot keep a backup: every name is taken"));
	if (ok)
		store_backup_prune(dir, unit, BACKUP_KEEP_LAST);
out:
	unlink(old); /* when it was renamed, nothing is there */
	free(name);
	free(dir);
	return ok;
}

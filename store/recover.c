/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * recover.c: putting a backup back in place of a state file that does
 * not parse.
 *
 * Such a file is never overwritten: it is renamed aside first, in its own
 * folder, so a person can still open it and copy out what they typed by
 * hand, and only then is the backup written where it was.  Both happen
 * under the file's lock, so a dvk saving meanwhile waits.
 */
#include "store/store.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* The whole file at path (caller frees), or NULL with errno set. */
static char *recover_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct buf b = {0};
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		buf_free(&b);
		errno = EIO;
		return NULL;
	}
	if (!b.data)
		buf_adds(&b, "");
	*len = b.len;
	return buf_steal(&b);
}

int store_restore_over_broken(const char *path, const char *backup, int64_t now,
			      char **aside, struct dvk_error *err)
{
	*aside = NULL;
	size_t len = 0;
	char *bytes = recover_slurp(backup, &len);
	if (!bytes)
		return dvk_error_setc(err, DVK_E_IO, backup, 0, 0, _("cannot read the backup: %s"),
				      strerror(errno));
	int fd = store_lock(path, err);
	if (fd < 0) {
		free(bytes);
		return 0;
	}
	int ok = 0;
	time_t t = (time_t)(now / 1000);
	struct tm tm;
	char stamp[32];
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", gmtime_r(&t, &tm));
	char *name = NULL;
	struct stat sb;
	for (int i = 0; i < 100; i++) {
		free(name);
		name = i ? xasprintf("%s.broken-%s-%d", path, stamp, i)
			 : xasprintf("%s.broken-%s", path, stamp);
		if (lstat(name, &sb) != 0 && errno == ENOENT)
			break;
	}
	if (rename(path, name) != 0) {
		dvk_error_setc(err, DVK_E_IO, path, 0, 0, _("rename: %s"), strerror(errno));
		goto out;
	}
	if (!store_write_atomic(path, bytes, len, err)) {
		/* the broken file goes back: the person is where they were */
		if (rename(name, path) != 0)
			dvk_error_setc(err, DVK_E_IO, name, 0, 0,
				       _("the file was set aside here and could not be put back: %s"),
				       strerror(errno));
		goto out;
	}
	*aside = name;
	name = NULL;
	ok = 1;
out:
	store_unlock(fd);
	free(name);
	free(bytes);
	return ok;
}

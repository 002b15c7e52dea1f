/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/* base.c: errors, allocation and the growable buffer (see base.h). */
#include "base.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

void dvk_error_clear(struct dvk_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
}

static void error_vset(struct dvk_error *err, enum dvk_errcode code, const char *path,
		       int line, int col, const char *fmt, va_list ap)
{
	err->code = code;
	snprintf(err->path, sizeof err->path, "%s", path ? path : "");
	err->line = line;
	err->col = col;
	err->msgid = fmt;
	/* A literal format is a msgid (xgettext's keyword); one already
	 * translated by the caller's _() is not, and comes back as it is. */
	vsnprintf(err->message, sizeof err->message, fmt[0] ? gettext(fmt) : fmt, ap);
}

int dvk_error_set(struct dvk_error *err, const char *path, int line, int col,
		  const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return 0;
	va_start(ap, fmt);
	error_vset(err, DVK_E_FAIL, path, line, col, fmt, ap);
	va_end(ap);
	return 0;
}

int dvk_error_setc(struct dvk_error *err, enum dvk_errcode code, const char *path,
		   int line, int col, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return 0;
	va_start(ap, fmt);
	error_vset(err, code, path, line, col, fmt, ap);
	va_end(ap);
	return 0;
}

char *dvk_error_format(const struct dvk_error *err, char *buf, size_t n)
{
	struct buf b = {0};

	if (err->path[0])
		buf_printf(&b, "%s:", err->path);
	if (err->line > 0) {
		buf_printf(&b, "%d:", err->line);
		if (err->col > 0)
			buf_printf(&b, "%d:", err->col);
	}
	buf_printf(&b, "%s%s", b.len ? " " : "", err->message);
	snprintf(buf, n, "%s", b.data);
	buf_free(&b);
	return buf;
}

static void oom(void)
{
	fputs("dvk: out of memory\n", stderr);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		oom();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		oom();
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	struct buf b = {0};
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	return buf_steal(&b);
}

static void buf_grow(struct buf *b, size_t extra)
{
	size_t want = b->len + extra + 1;

	if (want <= b->cap)
		return;
	b->cap = b->cap ? b->cap : 64;
	while (b->cap < want)
		b->cap *= 2;
	b->data = xrealloc(b->data, b->cap);
}

void buf_add(struct buf *b, const char *s, size_t n)
{
	buf_grow(b, n);
	if (n)
		memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void buf_addc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return;
	buf_grow(b, (size_t)n);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

char *buf_steal(struct buf *b)
{
	char *p = b->data ? b->data : xstrdup("");

	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

void buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

void dvk_random(unsigned char *buf, size_t n)
{
	size_t got = 0;

	while (got < n) {
		ssize_t k = getrandom(buf + got, n - got, 0);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		got += (size_t)k;
	}
	if (got < n) {
		/* No entropy source at all: still make ids unlikely to
		 * collide, mixing time, pid and a counter. */
		static unsigned long long counter;
		struct timespec ts;
		unsigned long long x;

		clock_gettime(CLOCK_REALTIME, &ts);
		x = (unsigned long long)ts.tv_nsec ^ ((unsigned long long)ts.tv_sec << 30) ^
		    ((unsigned long long)getpid() << 16) ^ ++counter;
		for (; got < n; got++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			buf[got] = (unsigned char)x;
		}
	}
}

mode_t dvk_shared_bits(const char *dir)
{
	struct stat sb;

	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode) || !(sb.st_mode & S_ISGID))
		return 0;
	return sb.st_mode & S_IRWXG;
}

int dvk_share_file(int fd, const char *path_or_dir)
{
	struct stat sb;
	char *dir = NULL, *slash;
	mode_t bits;

	if (stat(path_or_dir, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		bits = dvk_shared_bits(path_or_dir);
	} else {
		dir = xstrdup(path_or_dir);
		slash = strrchr(dir, '/');
		if (slash == dir)
			slash[1] = '\0';
		else if (slash)
			*slash = '\0';
		bits = dvk_shared_bits(slash ? dir : ".");
		free(dir);
	}
	bits &= S_IRGRP | S_IWGRP;
	if (!bits || fstat(fd, &sb) != 0 || (sb.st_mode & bits) == bits)
		return 0;
	return fchmod(fd, (sb.st_mode & 07777) | bits);
}

/* A folder just made in a group's shared folder (see dvk_shared_bits):
 * as open to the group as its parent, whatever the umask. */
static void share_new_folder(const char *path)
{
	char *parent = xstrdup(path), *slash = strrchr(parent, '/');
	mode_t bits;
	struct stat sb;

	if (slash && slash != parent) {
		*slash = '\0';
		bits = dvk_shared_bits(parent);
		/* the mode is read back from the folder itself: it has the
		 * setgid bit from its parent, which chmod must keep */
		if (bits && stat(path, &sb) == 0 && (sb.st_mode & bits) != bits)
			chmod(path, (sb.st_mode & 07777) | bits);
	}
	free(parent);
}

int dvk_mkdirs(const char *path, struct dvk_error *err)
{
	char *p = xstrdup(path);
	int ok = 1;

	for (char *s = p + 1; ok; s++) {
		char c = *s;
		struct stat sb;

		if (c != '/' && c != '\0')
			continue;
		*s = '\0';
		/* 0777 less the umask, as mkdir(1) does: in a shared group
		 * folder (setgid, umask 002) every member can write the
		 * folders dvk makes, which keep the folder's group */
		if (mkdir(p, 0777) == 0)
			share_new_folder(p);
		else if (errno != EEXIST)
			ok = dvk_error_setc(err, DVK_E_IO, p, 0, 0, _("cannot create folder: mkdir: %s"),
					    strerror(errno));
		else if (stat(p, &sb) == 0 && !S_ISDIR(sb.st_mode))
			ok = dvk_error_setc(err, DVK_E_IO, p, 0, 0, _("cannot create folder: mkdir: %s"),
					    strerror(ENOTDIR));
		*s = c;
		if (c == '\0')
			break;
	}
	free(p);
	return ok;
}

int dvk_mkdir_here(const char *path, struct dvk_error *err)
{
	struct stat sb;
	int fd;

	if (mkdir(path, 0777) == 0)
		share_new_folder(path);
	else if (errno != EEXIST)
		return dvk_error_setc(err, DVK_E_IO, path, 0, 0, _("cannot create folder: mkdir: %s"),
				      strerror(errno));
	/* opened without following a symbolic link: a link put where
	 * dvk keeps its own folder (by another member of a shared folder,
	 * say) would send dvk's writes and deletions elsewhere */
	fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		int e = errno;

		if (lstat(path, &sb) == 0 && S_ISLNK(sb.st_mode))
			return dvk_error_setc(err, DVK_E_IO, path, 0, 0,
					      _("refusing to use %s: it is a symbolic link, not a "
						"folder (remove the link; dvk makes the folder)"), path);
		return dvk_error_setc(err, DVK_E_IO, path, 0, 0, _("cannot open folder: open: %s"),
				      strerror(e));
	}
	close(fd);
	return 1;
}

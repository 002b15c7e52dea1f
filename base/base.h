/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * base.h: the few things every dvk module shares.
 *
 * struct dvk_error is how library folders report failure: they never print
 * and never exit; they fill an error the caller owns, and the front end
 * (cli/ or tui/) decides what to show.  Positions are 1-based; 0 means
 * "no position" (a whole-file problem such as "file too large").
 *
 * xmalloc and friends abort on out-of-memory: for an interactive tool that
 * saves every change at once, dying loudly beats limping on.
 */
#ifndef BASE_BASE_H
#define BASE_BASE_H

#include <libintl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Every string a user can see goes through gettext, in every module: the
 * language is chosen once at start-up (--lang, DVK_LANG, the config, the
 * locale), before any message is made, so a message worded where the
 * problem is found is already in the user's language.  N_ marks a string
 * for xgettext that is translated later; ngettext gives plural forms. */
#define _(s) gettext(s)
#define N_(s) (s)

#define DVK_ERR_MSG 512
#define DVK_ERR_PATH 256

/* What kind of failure an error is, for front ends that act on it (the
 * TUI's recovery screen for a file that does not parse, fold keeping an
 * incomplete copy); the message says the rest. */
enum dvk_errcode {
	DVK_E_NONE = 0,
	DVK_E_FAIL,       /* anything not named below */
	DVK_E_SYNTAX,     /* not YAML, or YAML dvk refuses (aliases, tags...) */
	DVK_E_SCHEMA,     /* YAML, but not a valid file of its kind */
	DVK_E_INCOMPLETE, /* a file cut short (no end marker, log cut) */
	DVK_E_LIMIT,      /* over a size, depth or count limit */
	DVK_E_MISMATCH,   /* another unit's or directive's file */
	DVK_E_IO,         /* a system call failed (errno in the message) */
	DVK_E_INVALID,    /* a value given by the user does not fit */
};

struct dvk_error {
	enum dvk_errcode code;   /* DVK_E_NONE when cleared */
	char path[DVK_ERR_PATH]; /* file the problem is in, "" if none */
	int line;                /* 1-based, 0 if unknown */
	int col;                 /* 1-based, 0 if unknown */
	char message[DVK_ERR_MSG];
	/* The English format the message was made from (a string literal,
	 * never freed), for code that must tell errors apart whatever the
	 * language: match on it, never on message. */
	const char *msgid;
};

/* Clear an error so it reads as "no error". */
void dvk_error_clear(struct dvk_error *err);

/* Fill err (may be NULL: then nothing happens) with a position and a
 * printf-style message, code DVK_E_FAIL.  The format is translated here
 * (xgettext knows it as a keyword), so _("...") is optional; the
 * arguments are not.  Always returns 0 so callers can write
 * `return dvk_error_set(...)` in functions that return 1/0. */
int dvk_error_set(struct dvk_error *err, const char *path, int line, int col,
		  const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* The same with a code. */
int dvk_error_setc(struct dvk_error *err, enum dvk_errcode code, const char *path,
		   int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* Format err as "FILE:LINE:COL: message" (parts that are unknown are left
 * out) into buf of size n.  Returns buf. */
char *dvk_error_format(const struct dvk_error *err, char *buf, size_t n);

/* Allocation that aborts on out-of-memory.  The caller owns the result. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A growable byte buffer, always NUL-terminated.  Zero-initialise it
 * (struct buf b = {0}); buf_free releases it; buf_steal hands the bytes to
 * the caller (who frees them) and leaves the buffer empty. */
struct buf {
	char *data;
	size_t len;
	size_t cap;
};

void buf_add(struct buf *b, const char *s, size_t n);
void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
char *buf_steal(struct buf *b);
void buf_free(struct buf *b);

/* Fill buf with n random bytes from getrandom(2); where that fails (a
 * kernel older than 3.17, a seccomp filter) the rest is mixed from the
 * time, the pid and a counter: ids must be unique, not secret. */
void dvk_random(unsigned char *buf, size_t n);

/* The permission bits for the group that what dvk makes in the folder
 * dir gets whatever the umask: in a folder with the setgid bit (a
 * group's shared folder, where the group's members share the files) the
 * folder's own group bits, so that one member whose umask is the usual
 * 022 cannot lock the others out of a lock file or a folder; elsewhere
 * 0 (the umask alone decides). */
mode_t dvk_shared_bits(const char *dir);

/* Give the file fd, just made in the folder dir (its path, or the path
 * of the file in it), the folder's shared group bits (dvk_shared_bits).
 * Returns 0, or -1 with errno when fchmod failed. */
int dvk_share_file(int fd, const char *path_or_dir);

/* mkdir -p path, each new folder 0777 less the umask (plus
 * dvk_shared_bits of its parent).  Returns 1, or 0 with err set (the
 * call that failed named). */
int dvk_mkdirs(const char *path, struct dvk_error *err);

/* Make the one folder path (its parent exists) for dvk's own use, or
 * check the one there: a symbolic link there is refused, never
 * followed.  Returns 1, or 0 with err set. */
int dvk_mkdir_here(const char *path, struct dvk_error *err);

/* A 128-bit digest of bytes (xxHash's XXH3): how a store tells that a
 * file is still the one it read or wrote without keeping its bytes.  Not
 * cryptographic: it guards against accidents, not against an attacker. */
struct dvk_digest {
	uint64_t lo, hi;
};

struct dvk_hasher;

/* A digest made piece by piece: dvk_hasher_end returns it and frees h. */
struct dvk_hasher *dvk_hasher_new(void);
void dvk_hasher_add(struct dvk_hasher *h, const void *p, size_t n);
struct dvk_digest dvk_hasher_end(struct dvk_hasher *h);

/* The digest of p[0..n) at once; equality of two digests. */
struct dvk_digest dvk_digest_of(const void *p, size_t n);
bool dvk_digest_eq(struct dvk_digest a, struct dvk_digest b);

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* The one growth helper (git's ALLOC_GROW): make room in array a, which
 * holds n elements in cap, for at least need; capacity grows by half
 * again, so appending is amortised O(1).  Use as
 *     GROW(v->items, v->n + 1, v->cap);
 *     v->items[v->n++] = x; */
#define GROW(a, need, cap)                                                 \
	do {                                                               \
		if ((need) > (cap)) {                                      \
			size_t grow_new_ = (cap) + (cap) / 2 + 8;           \
			if (grow_new_ < (size_t)(need))                     \
				grow_new_ = (need);                         \
			(a) = xrealloc((a), grow_new_ * sizeof *(a));       \
			(cap) = grow_new_;                                  \
		}                                                          \
	} while (0)

#endif

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

#include <stdarg.h>
#include <stddef.h>

#define DVK_ERR_MSG 512
#define DVK_ERR_PATH 256

struct dvk_error {
	char path[DVK_ERR_PATH]; /* file the problem is in, "" if none */
	int line;                /* 1-based, 0 if unknown */
	int col;                 /* 1-based, 0 if unknown */
	char message[DVK_ERR_MSG];
};

/* Clear an error so it reads as "no error". */
void dvk_error_clear(struct dvk_error *err);

/* Fill err (may be NULL: then nothing happens) with a position and a
 * printf-style message.  Always returns 0 so callers can write
 * `return dvk_error_set(...)` in functions that return 1/0. */
int dvk_error_set(struct dvk_error *err, const char *path, int line, int col,
		  const char *fmt, ...) __attribute__((format(printf, 5, 6)));

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

/* Fill buf with n random bytes from getrandom(2) (falls back to
 * /dev/urandom, then to time and pid: ids must be unique, not secret). */
void dvk_random(unsigned char *buf, size_t n);

/* mkdir -p path (mode 0755).  Returns 1, or 0 with err set. */
int dvk_mkdirs(const char *path, struct dvk_error *err);

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#endif

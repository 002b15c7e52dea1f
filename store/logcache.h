/*
 * logcache.h: the bytes of each log entry as last written, kept per state.
 *
 * A save rewrites the whole file, and most of it is the log: at 1,000
 * events, serialising every entry with libyaml and parsing it back to
 * check it cost about 120 M instructions per key press.  Events never
 * change once made, so each entry is rendered and checked once, kept here,
 * and copied into every later file.
 *
 * Keys are event pointers.  That is sound because a cache belongs to one
 * state and only ever holds events owned by that state's checklist, which
 * frees no event before the checklist itself is freed (the event set only
 * grows).  Ownership: logcache_put takes the bytes; logcache_free frees
 * them.  Nothing here fails except by running out of memory (abort).
 */
#ifndef STORE_LOGCACHE_H
#define STORE_LOGCACHE_H

#include <stddef.h>

#include "checklist/checklist.h"

struct logcache;

struct logcache *logcache_new(void);
void logcache_free(struct logcache *c);

/* Whether libyaml ends a document with "..." after the entry (when it is
 * the last), as far as known. */
enum logcache_end { LOGCACHE_END_UNKNOWN = -1, LOGCACHE_END_PLAIN, LOGCACHE_END_DOTS };

/* The bytes kept for e, or NULL; *len gets their length and *end (may be
 * NULL) what follows them at the end of a document. */
const char *logcache_get(const struct logcache *c, const struct event *e, size_t *len,
			 enum logcache_end *end);

/* Keep bytes[0..len) for e (taking bytes; replaces what was kept). */
void logcache_put(struct logcache *c, const struct event *e, char *bytes, size_t len,
		  enum logcache_end end);

/* Record what follows e's kept bytes at the end of a document. */
void logcache_set_end(struct logcache *c, const struct event *e, enum logcache_end end);

#endif

/*
 * store.h: state files on disk (format dvk-state/1).
 *
 * One file per directive and unit: DATA/<directive-id>/<unit-id>.dvk.yaml.
 * It holds a header (format, directive, unit, and the unit's display name
 * and parent when known), an `items:` summary derived from the log for
 * people who read the file by hand, and the canonical `log:` of events,
 * the source of truth.  The same set of events always gives the same
 * bytes.
 *
 * Loading is strict (yamlio's limits, plus the schema: every event checked
 * against the directive, the summary recomputed and never trusted).
 * Saving is: lock a side file, re-read the file on disk and join it,
 * serialise, check the bytes parse back, write a temp file in the same
 * folder, fsync, rename, fsync the folder, unlock.  A file on disk that
 * does not parse is never overwritten.
 *
 * Errors fill struct dvk_error; nothing here prints.
 */
#ifndef STORE_STORE_H
#define STORE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "base/base.h"
#include "checklist/checklist.h"
#include "content/directive.h"

#define STATE_FORMAT "dvk-state/1"
#define STATE_SUFFIX ".dvk.yaml"

struct state {
	char *directive;  /* directive id */
	char *unit;       /* unit id: [a-z0-9][a-z0-9._-]* */
	char *unit_name;  /* display name, may be NULL */
	char *parent;     /* parent unit id, may be NULL */
	struct checklist *cl;
};

/* A fresh empty state for (directive, unit).  Free with state_free. */
struct state *state_new(const char *directive, const char *unit);
void state_free(struct state *st);

/* True if s is a valid unit id. */
bool unit_id_valid(const char *s);

/* DATA/<directive>/<unit>.dvk.yaml (caller frees). */
char *store_path(const char *data_dir, const char *directive, const char *unit);

/* Parse a state file held in memory.  d checks every event (NULL skips the
 * schema check against a directive, used by low-level tools).  Returns a
 * state (caller frees) or NULL with err at FILE:LINE:COL. */
struct state *store_parse(const char *buf, size_t len, const char *path,
			  const struct directive *d, struct dvk_error *err);

/* Read and parse a state file.  A missing file is an error too; callers
 * that accept "no file yet" check store_exists first. */
struct state *store_load(const char *path, const struct directive *d,
			 struct dvk_error *err);

/* True if path exists (any kind of file). */
bool store_exists(const char *path);

/* The canonical bytes of st (caller frees; *len set).  d gives item titles
 * and order for the summary. */
char *store_emit(const struct state *st, const struct directive *d, size_t *len);

/* Join src into dst (same directive and unit required: else 0 and err).
 * Header fields missing in dst are taken from src. */
int state_join(struct state *dst, const struct state *src, struct dvk_error *err);

/* Save st to path: lock, re-read what is on disk and join it into st (so
 * st holds the union afterwards), write atomically.  Creates the folder.
 * Returns 1, or 0 with err set and the file on disk unchanged.  *added
 * (may be NULL) gets how many events came from disk. */
int store_save(const char *path, struct state *st, const struct directive *d,
	       size_t *added, struct dvk_error *err);

/* Write bytes to path atomically: temp file in the same folder, fsync,
 * rename, fsync the folder.  On failure the old file is untouched and no
 * temp file is left. */
int store_write_atomic(const char *path, const char *bytes, size_t len,
		       struct dvk_error *err);

/* ---- locking ---- */

/* Take an exclusive lock on the side file ".<name>.lock" beside path,
 * waiting for it.  Returns a descriptor to pass to store_unlock, or -1
 * with err set. */
int store_lock(const char *path, struct dvk_error *err);
void store_unlock(int fd);

/* ---- fault injection (tests only) ---- */

/* The system calls a save makes, replaceable so tests can make each fail
 * in turn.  store_sys_reset restores the real ones. */
struct store_sys {
	int (*open)(const char *path, int flags, mode_t mode);
	ssize_t (*write)(int fd, const void *buf, size_t n);
	int (*fsync)(int fd);
	int (*rename)(const char *from, const char *to);
	int (*close)(int fd);
};

extern struct store_sys store_sys;
void store_sys_reset(void);

#endif

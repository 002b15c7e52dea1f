/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store.h: state files on disk (format dvk-state/2; /1 is still read).
 *
 * One file per directive and unit: DATA/<directive-id>/<unit-id>.dvk.yaml.
 * It holds a header (format, directive, the revision of the directive its
 * writers used, unit, and the unit's display name and parent when known),
 * an `items:` summary derived from the log for
 * people who read the file by hand, and the canonical `log:` of events,
 * the source of truth.  The same set of events always gives the same
 * bytes.
 *
 * Loading is strict (yamlio's limits, plus the schema: every event's
 * shape checked, the summary recomputed and never trusted), but never
 * refuses an event because the directive changed: events for items or
 * fields the loaded revision lacks are kept and carried (checklist.h).
 * Saving is: lock a side file, re-read the file on disk and join it,
 * serialise, check the bytes parse back, write a temp file in the same
 * folder, fsync, rename, fsync the folder, unlock.  A file on disk that
 * does not parse is never overwritten.  A save costs what changed: the
 * state knows where each log entry and each item's summary is in the file
 * it last read or wrote (layout.h), and that file's digest; a save whose
 * file still has that digest copies those bytes from it and writes, and
 * checks (they must read back as exactly their events), only the new
 * entries, the summaries of items that changed and the header.  A file
 * someone else wrote meanwhile is joined first (read entry by entry).
 *
 * Before a save replaces a file, the old one is kept in
 * DATA/.dvk-backups/ (backup.c); copies made by sync tools are folded back
 * into the main files (fold.c).
 *
 * Errors fill struct dvk_error; nothing here prints.
 */
#ifndef STORE_STORE_H
#define STORE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "base/base.h"
#include "checklist/checklist.h"
#include "content/directive.h"

/* Writers write /2: the same as /1 plus a last key `events: N`, the
 * number of log entries, so that a file cut short anywhere (by a copy or
 * a sync that stopped half way) is told from a complete one.  /1 files
 * (no such key) are still read; `dvk check` warns about them. */
#define STATE_FORMAT "dvk-state/2"
#define STATE_FORMAT_V1 "dvk-state/1"
#define STATE_SUFFIX ".dvk.yaml"

struct layout;

struct state {
	char *directive;  /* directive id */
	/* The newest revision of the directive any writer of this file
	 * used (0: not recorded, an older file).  A save raises it to the
	 * revision it writes with; a join keeps the greater. */
	unsigned revision;
	char *unit;       /* unit id: [a-z0-9][a-z0-9._-]* */
	/* The unit's display name and parent are events of UNIT_ITEM in cl
	 * (state_unit_name, state_unit_parent). */
	struct checklist *cl;
	int format;       /* 1 or 2: the format of the file it was read from
			   * (2 for a new state); 1 means no end marker */
	/* Private to the store: the digest and size of the file this state
	 * was last read from or written to, and its number of events.  A save
	 * whose file still has this digest need not parse it again: every
	 * event in it is already in cl, which only grows. */
	bool disk_known;
	struct dvk_digest disk_digest;
	size_t disklen, disk_n;
	/* Private too: where each part of that file is (layout.h). */
	struct layout *layout;
	/* Private: this laptop's journal of the unit (journal.c), NULL when
	 * none is attached; the events that arrived in st before index
	 * `journaled` (checklist_arrival order) are in it; jsegs counts the
	 * segments written since the last compaction. */
	char *journal;
	size_t journaled;
	unsigned jsegs;
	/* Private: hand edits found when this state was parsed. */
	struct hand_edit *hand;
	size_t nhand, handcap;
};

/* What a file's summary shows for a field whose heads disagree. */
#define STATE_CONFLICT "CONFLICT"

/* The unit's display name / parent id: the agreed value of its UNIT_ITEM
 * field (borrowed from st->cl), or NULL when it was never set, was set
 * empty, or copies disagree (then *conflict, if non-NULL, is set and
 * checklist_heads(st->cl, UNIT_ITEM, UNIT_NAME, ...) gives the values). */
const char *state_unit_name(const struct state *st, bool *conflict);
const char *state_unit_parent(const struct state *st, bool *conflict);

/* For people: the agreed value of the unit's field (UNIT_NAME or
 * UNIT_PARENT), or, while copies disagree, each value they give joined
 * with " | " (canonical order), in NFC; NULL when none.  Caller frees. */
char *state_unit_shown(const struct state *st, const char *field);

/* One edit somebody made by hand in the file st was parsed from (its
 * `items:` summary, or its header's unit_name / parent), which the
 * parser turned into an event (see handedit.h; event_is_hand_edit). */
struct hand_edit {
	const struct event *ev; /* borrowed from st->cl */
	int line, col;          /* where the edited value stands in the file */
};

/* The hand edits found when st was parsed, in the order of the file
 * (*out borrowed from st).  Returns their number.  The unit's name and
 * parent an older (/1) file kept only in its header become events too,
 * but are not listed: nobody edited them. */
size_t state_hand_edits(const struct state *st, const struct hand_edit **out);

/* Refuse st's hand edits that directive d does not allow (an item or an
 * evidence field it lacks, a value that does not fit its type), as a
 * parse with d would have: for a file first parsed without a directive
 * (to learn which one it is for), without reading it again.  Returns 1,
 * or 0 with err at path:line:col (st must then be dropped). */
int state_check_hand_edits(const struct state *st, const struct directive *d, const char *path,
			   struct dvk_error *err);

/* A fresh empty state for (directive, unit).  Free with state_free. */
struct state *state_new(const char *directive, const char *unit);
void state_free(struct state *st);

/* The revision a file of st written with directive d (may be NULL)
 * records: the greater of st's and d's. */
unsigned state_revision(const struct state *st, const struct directive *d);


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

/* What dvk writes in every unit file of directive d (borrowed: it must
 * outlive k), made once for reading many files: a file dvk wrote holds
 * the summary dvk would write for its log, and comparing it as text is
 * faster than reading it (the state is the same either way).  Read-only
 * once made, so threads may share it. */
struct store_known;
struct store_known *store_known_new(const struct directive *d);
void store_known_free(struct store_known *k);

/* store_load(path, NULL, err), faster for a file of k's directive (k may
 * be NULL): nothing is checked against that directive. */
struct state *store_load_known(const char *path, const struct store_known *k,
			       struct dvk_error *err);

/* store_parse, faster for a file of k's directive (k may be NULL). */
struct state *store_parse_known(const char *buf, size_t len, const char *path,
				const struct directive *d, const struct store_known *k,
				struct dvk_error *err);

/* How many files this process read without parsing their summary (for
 * tests: that the faster way is taken). */
unsigned long store_summaries_skipped(void);

/* True if path exists (any kind of file). */
bool store_exists(const char *path);

/* True if the file at path holds exactly the bytes st was last read from
 * or written to (the same size, then the same digest): reading it would
 * bring st nothing.  False when it cannot be read. */
bool store_file_is_known(const struct state *st, const char *path);

/* The canonical bytes of st (caller frees; *len set).  d gives item titles
 * and order for the summary. */
char *store_emit(const struct state *st, const struct directive *d, size_t *len);

/* The canonical bytes of st as a writer must write them: the header and
 * every log entry not checked before are read back (each entry once per
 * event, kept with st), and the whole is held to the reader's limits
 * (yamlio_default_limits), so a file dvk writes is always one it can
 * read.  Returns the bytes (caller frees; *len set) or NULL with err
 * (DVK_E_LIMIT: "file would be 17.1 MB; the limit is 32 MiB"). */
char *store_emit_checked(struct state *st, const struct directive *d, const char *path,
			 size_t *len, struct dvk_error *err);

/* Join src into dst (same directive and unit required: else 0 and err).
 * Header fields missing in dst are taken from src. */
int state_join(struct state *dst, const struct state *src, struct dvk_error *err);

/* Save st to path: lock, re-read what is on disk and join it into st (so
 * st holds the union afterwards), write atomically.  Creates the folder.
 * Returns 1, or 0 with err set and the file on disk unchanged.  *added
 * (may be NULL) gets how many events came from disk. */
int store_save(const char *path, struct state *st, const struct directive *d,
	       size_t *added, struct dvk_error *err);

/* Join src into the file at path (creating it) the way store_save does,
 * without changing src: for folding copies, receiving files and
 * restoring backups.  *gained (may be NULL) gets how many events the
 * file gained (0 when it already held everything and was left alone). */
int store_merge_into(const char *path, const struct state *src,
		     const struct directive *d, size_t *gained,
		     struct dvk_error *err);

/* Write bytes to path atomically: temp file in the same folder, fsync,
 * rename, fsync the folder.  On failure the old file is untouched and no
 * temp file is left. */
int store_write_atomic(const char *path, const char *bytes, size_t len,
		       struct dvk_error *err);

/* The same, saying in warn (code DVK_E_NONE when all went well) what did
 * not stop the write: a file system that cannot keep a replaced file's
 * permissions (FAT on a stick through FUSE: fchmod gives ENOSYS).  A new
 * file gets 0666 less the umask; a replaced one keeps its permissions. */
int store_write_atomic_warn(const char *path, const char *bytes, size_t len,
			    struct dvk_error *warn, struct dvk_error *err);

/* ---- this laptop's journal (journal.c) ---- */

/* Any tool may put an older copy over a unit's file (a sync tool
 * replacing a newer file, cp, rsync --inplace, an editor, a restore from
 * a stick).  So this laptop keeps the events it made or saw for each unit
 * it edits in a journal outside the data folder, never synced: plain
 * state files, read by the same reader and held to the same limits.
 * Joined in whenever the unit's file is read, it brings lost edits back;
 * the next save puts them back into the file.
 *
 * A state with a journal attached writes it on every store_save, before
 * the unit's file: the events the journal lacks as one small segment
 * (fsync'd), so a save costs what changed; a save that fails later (the
 * file does not parse, a shared folder refuses us) still leaves the edit
 * in the journal.  If the journal cannot be written, the save fails and
 * the unit's file is not touched. */

/* $state_dir/journal/<directive>/<unit>.dvk.yaml (caller frees); its
 * segments are in the folder beside it named "<that>.d". */
char *store_journal_path(const char *state_dir, const char *directive, const char *unit);

/* Join the journal (and its segments) into st and attach it, so later
 * saves of st write it.  path (may be NULL) is the unit's file st was
 * read from.  *restored (may be NULL) gets how many events the journal
 * held that the file lacks: edits that an older copy put over the file
 * took away (a save in flight on this laptop is not counted: the file
 * is read again under its lock when the count is not 0).  A journal file that does not read is set
 * aside (renamed, never deleted) and named in warn, whose code is
 * DVK_E_NONE when all went well.  Returns 1. */
int store_journal_attach(struct state *st, const char *journal, const char *path,
			 const struct directive *d, size_t *restored, struct dvk_error *warn);

/* Make the events of st durable in its journal now (a segment, or a
 * compaction when due); store_save calls it first.  A no-op without a
 * journal.  Returns 1, or 0 with err set. */
int store_journal_record(struct state *st, const struct directive *d, struct dvk_error *err);

/* Rewrite the journal as one file holding st, the journal and all its
 * segments (joined into st too), then delete the segments it read:
 * under the journal's lock, atomically.  Front ends call it at start and
 * quit.  Returns 1, or 0 with err set. */
int store_journal_compact(struct state *st, const struct directive *d, struct dvk_error *err);

/* ---- a file that does not parse ---- */

/* Put the backup at path where the file does not parse, which is never
 * overwritten: under the file's lock, it is renamed aside in its folder
 * ("<path>.broken-YYYYMMDD-HHMMSS", UTC from now, ms) and the backup's
 * bytes are written at path atomically.  *aside (caller frees) gets the
 * name it was kept under.  Returns 1, or 0 with err set and the broken
 * file back at path. */
int store_restore_over_broken(const char *path, const char *backup, int64_t now,
			      char **aside, struct dvk_error *err);

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
	/* NULL (as tests that set only the five above leave it): fchmod */
	int (*fchmod)(int fd, mode_t mode);
};

extern struct store_sys store_sys;
void store_sys_reset(void);

/* ---- conflict copies (fold.c) ---- */

/* What happened to one conflict copy. */
struct fold_item {
	char *path;       /* the copy */
	char *main;       /* the main file it belongs to (NULL when unknown) */
	char *unit;       /* its unit (from the header, else from the name) */
	size_t added;     /* events the copy brought into the main file */
	size_t conflicts; /* conflicting fields in the main file afterwards */
	bool folded;      /* true: joined, verified and deleted; false: kept */
	struct dvk_error err; /* why it was kept (line is the TUI's "dòng N") */
};

struct fold_report {
	struct fold_item *items;
	size_t n;
};

void fold_report_free(struct fold_report *r);

/* True if name (a base name) is a sync tool's conflict copy of a state
 * file: Syncthing "<stem>.sync-conflict-YYYYMMDD-HHMMSS[-DEVICE]<ext>",
 * Dropbox "<stem> (... conflicted copy ...)<ext>", Nextcloud
 * "<stem> (conflicted copy ...)<ext>".  *unit_len (may be NULL) gets the
 * length of the unit id the name starts with (0 if none). */
bool store_conflict_name(const char *name, size_t *unit_len);

/* The unit whose file path is a sync tool's conflict copy of, by its name
 * alone (also Syncthing's marker elsewhere in the name, as
 * "xa-a.sync-conflict-….dvk.yaml"); caller frees.  NULL when the name is
 * no copy's or names no unit.  A copy whose header holds another unit is
 * never folded (store_fold_copies); readers that take files by header
 * (reports, dvk check) warn with it. */
char *store_copy_of(const char *path);

/* Fold conflict copies in DATA/<d->id>/ into their main files: every
 * non-hidden *.yaml file there that is named like a conflict copy, or
 * whose header names d's directive and a unit but which is not that
 * unit's main file (a renamed email attachment, a copy by hand).  unit
 * limits the work to one unit's copies (NULL: every unit).  Each copy is
 * parsed, joined into the main file through store_save (lock, re-read,
 * join, atomic write), the main file is re-read to check that every
 * event of the copy is in it, and only then is the copy deleted.  A copy
 * that does not parse, or whose join fails, is kept and reported.
 * Called at start-up, before each save and by `dvk fold`.
 * Returns 1 (out lists every copy met, folded or kept; free it with
 * fold_report_free), or 0 with err set when the folder cannot be read.
 * A missing folder is not an error. */
int store_fold_copies(const char *data_dir, const struct directive *d,
		      const char *unit, struct fold_report *out,
		      struct dvk_error *err);

/* ---- backups (backup.c) ---- */

#define BACKUP_DIR ".dvk-backups"
#define BACKUP_KEEP_LAST 20 /* plus the newest backup of every older day, */
#define BACKUP_DAILY_DAYS 90 /* for this many days; then of every month */
/* At most one backup of a file in this time: a session saves at every
 * key, and twenty backups of its last twenty keys would say less than
 * twenty spread over an afternoon (and, where a backup has to be a copy,
 * cost a copy of the whole file each). */
#define BACKUP_EVERY_MS (5 * 60 * 1000)

/* One backup: DATA/.dvk-backups/<directive>/<unit>.YYYYMMDD-HHMMSS-mmm.dvk.yaml
 * (the time is UTC, from this laptop's clock, when the backup was made). */
struct backup {
	char *path;
	char *unit;
	int64_t when; /* ms since the epoch */
};

/* The backup folder for the state file at path: DATA/.dvk-backups/<directive>
 * when path is DATA/<directive>/<unit>.dvk.yaml, else <folder>/.dvk-backups
 * (caller frees). */
char *store_backup_dir(const char *path, const char *directive);

/* Keep old, the second name a save gave the file at path just before
 * replacing it, as that file's newest backup: renamed into the backup
 * folder (copied where it cannot be), then the folder is pruned
 * (store_backup_prune, BACKUP_KEEP_LAST).  old is gone afterwards either
 * way.  The folder is made 0777 less the umask; a symbolic link at
 * .dvk-backups (or the directive's folder in it) is refused.  now is ms
 * since the epoch.  store_save calls it after a save succeeded and
 * ignores failure: a backup must never stop a save.  Returns 1, or 0
 * with err set. */
int store_backup_keep(const char *path, const char *old, const char *directive,
		      const char *unit, int64_t now, struct dvk_error *err);

/* True when a save of the file at path at now (ms) should keep the file
 * it replaces: no backup of unit is younger than BACKUP_EVERY_MS, and
 * the backup folder is not a symbolic link. */
bool store_backup_due(const char *path, const char *directive, const char *unit, int64_t now);

/* Copy the file at from to a new file to (0666 less the umask; never
 * through a symbolic link; to must not exist).  Returns 0, or -1 with
 * errno set (to is then removed). */
int store_backup_copy(const char *from, const char *to);

/* The backup folder dir, or the .dvk-backups above it, when it is a
 * symbolic link (caller frees), else NULL: through a link dvk neither
 * writes, lists nor prunes. */
char *store_backup_dir_link(const char *dir);

/* Delete the backups of unit in dir beyond the last keep_last, keeping
 * among the older ones the newest of every day (UTC) for
 * BACKUP_DAILY_DAYS days before the newest backup, and the newest of
 * every month before that.  Returns how many were deleted. */
size_t store_backup_prune(const char *dir, const char *unit, size_t keep_last);

/* The backups of unit (NULL: every unit) of directive in data_dir,
 * newest first.  Returns their number; *out (caller frees with
 * store_backups_free) gets them. */
size_t store_backups(const char *data_dir, const char *directive, const char *unit,
		     struct backup **out);
void store_backups_free(struct backup *b, size_t n);

/* ---- clock sanity ---- */

#define CLOCK_BEHIND_MS (60 * 60 * 1000)

/* True when this laptop's clock (now, ms) looks more than an hour behind
 * the newest stamp it has read in a file (newest_at, ms; 0 = none): its
 * own edits would then sort before work already done elsewhere.  The
 * TUI and `dvk status`/`dvk receive` show a warning ("this laptop's date
 * looks wrong: the file has entries up to 15/03, laptop says 12/03"). */
bool store_clock_behind(int64_t newest_at, int64_t now);

#endif

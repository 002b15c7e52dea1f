/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * catalog.h: the directives a data folder holds.
 *
 * A directive travels with the units' files, so the reviewer and every
 * unit read the same text: DATA/<id>/directive.yaml, beside
 * DATA/<id>/<unit>.dvk.yaml, carried by git, Syncthing, `dvk export` and
 * `dvk receive` like the rest of the folder.  On a USB stick it is
 * <id>.directive.yaml beside the exported unit files.
 *
 * One id, one directive: when copies of an id meet (the data folder's
 * file, the one built into dvk, a file named on the command line, one
 * arriving by stick or sync), the higher revision is used and an older one
 * never replaces a newer (catalog_add).  A copy with the same revision but
 * other content is refused: a correction must raise the revision.
 *
 * The catalog of a folder lists each directive id once, at its newest
 * revision: every DATA/<id>/directive.yaml that loads (Syncthing's conflict
 * copies of it included), and the built-in directive when the folder has
 * no other or already holds its id's folder.
 *
 * Ownership: a catalog owns its entries and their directives; entries are
 * borrowed views valid until catalog_free.  Errors fill struct dvk_error;
 * nothing here prints.
 */
#ifndef CATALOG_CATALOG_H
#define CATALOG_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "base/base.h"
#include "checklist/checklist.h"
#include "content/directive.h"

#define CATALOG_FILENAME "directive.yaml"      /* DATA/<id>/directive.yaml */
#define CATALOG_STICK_SUFFIX ".directive.yaml" /* <id>.directive.yaml elsewhere */

/* Where a directive was read from. */
enum catalog_origin {
	CATALOG_BUILTIN, /* compiled into dvk */
	CATALOG_DATA,    /* DATA/<id>/directive.yaml (or a sync copy of it) */
	CATALOG_FILE,    /* a file named by the user */
};

struct catalog_entry {
	struct directive *d;
	enum catalog_origin origin;
	char *path;      /* the file it came from; NULL for the built-in */
	char *bytes;     /* the file as published (comments and all) */
	size_t len;
	/* Another copy of the same id that lost to this one (0: none): its
	 * revision and origin, so a front end can say which was used. */
	unsigned other_revision;
	enum catalog_origin other_origin;
};

struct catalog;

/* "built into dvk", "in the data folder", "the file given", in the
 * user's language. */
const char *catalog_origin_name(enum catalog_origin o);

/* The directives of data_dir (see above).  Never fails as a whole: a
 * directive file that does not load is a problem (catalog_problem) and
 * left out.  Free with catalog_free. */
struct catalog *catalog_load(const char *data_dir);
void catalog_free(struct catalog *cat);

size_t catalog_count(const struct catalog *cat);
/* Entry i, in the order of the directives' ids.  Borrowed. */
const struct catalog_entry *catalog_entry(const struct catalog *cat, size_t i);
/* The entry of directive id, or NULL.  Borrowed. */
const struct catalog_entry *catalog_find(const struct catalog *cat, const char *id);

/* The entry of directive id, or NULL; unlike catalog_find, the built-in
 * directive is found even where the folder does not list it (it is then
 * added to cat).  Borrowed. */
const struct catalog_entry *catalog_lookup(struct catalog *cat, const char *id);

/* Directive files that did not load (FILE:LINE:COL: message). */
size_t catalog_problems(const struct catalog *cat);
const struct dvk_error *catalog_problem(const struct catalog *cat, size_t i);

/* The built-in directive as an entry (caller frees with
 * catalog_entry_free). */
void catalog_builtin(struct catalog_entry *out);

/* Take entry i out of the catalog: *out gets it (the caller frees it with
 * catalog_entry_free); the catalog keeps an empty slot. */
void catalog_take(struct catalog *cat, size_t i, struct catalog_entry *out);
void catalog_entry_free(struct catalog_entry *e);

/* DATA/<id>/directive.yaml (caller frees). */
char *catalog_path(const char *data_dir, const char *id);

/* True when spec names a file rather than a directive id: it holds a
 * '/', ends in .yaml or .yml, or is not an id at all. */
bool catalog_spec_is_file(const char *spec);

/* The directive a user asked for, or the only one there is:
 *   spec a file:  that file, unless the data folder (or the built-in)
 *                 has the same id at a higher revision, which is used;
 *   spec an id:   the catalog's entry of that id;
 *   spec NULL:    the catalog's only entry (the built-in in an empty
 *                 folder).
 * Returns 1 with *out filled (caller frees with catalog_entry_free), or 0
 * with err set: a file that does not load, an id the folder does not
 * hold, or (spec NULL) several directives to choose from
 * (DVK_E_MISMATCH; the message lists their ids). */
int catalog_open(const char *data_dir, const char *spec, struct catalog_entry *out,
		 struct dvk_error *err);

/* What catalog_add did. */
enum catalog_added {
	CATALOG_ADDED,    /* the folder had no file of this id */
	CATALOG_UPDATED,  /* it had an older revision (*old_revision) */
	CATALOG_SAME,     /* it had this revision with the same content */
	CATALOG_OLDER,    /* not taken: it (or dvk) has a newer revision */
	CATALOG_DIFFERS,  /* not taken: the same revision with other content */
};

/* Publish a directive file into data_dir (bytes[0..len), read from path,
 * which names it in errors): checked like `dvk check`, then written
 * atomically as DATA/<id>/directive.yaml, under a lock, when it is new or
 * newer than what is there.  *res says what happened and *old_revision
 * (may be NULL) the revision found before (0: none).  Returns 1 (also
 * for CATALOG_OLDER and CATALOG_DIFFERS, which leave the folder alone),
 * or 0 with err set: an invalid directive, a folder file that does not
 * load (never overwritten), or a failed write. */
int catalog_add(const char *data_dir, const char *bytes, size_t len, const char *path,
		enum catalog_added *res, unsigned *old_revision, struct dvk_error *err);

/* Make sure the data folder carries e's directive (at least at e's
 * revision): catalog_add of e's bytes, where CATALOG_OLDER and
 * CATALOG_DIFFERS only mean the folder keeps what it has.  Writers of a
 * unit's file call it so the text travels with the data.  *res and
 * *old_revision as for catalog_add (*res is CATALOG_SAME when e is the
 * folder's own file).  Returns 1, or 0 with err set. */
int catalog_ensure(const char *data_dir, const struct catalog_entry *e, enum catalog_added *res,
		   unsigned *old_revision, struct dvk_error *err);

/* One sync conflict copy of DATA/<id>/directive.yaml met by catalog_fold. */
struct catalog_copy {
	char *path;
	bool folded;          /* deleted: the folder's file holds it or newer */
	unsigned revision;    /* the copy's revision (0 if it does not load) */
	struct dvk_error err; /* why it was kept */
};

/* Fold Syncthing's (Dropbox's, Nextcloud's) conflict copies of
 * DATA/<id>/directive.yaml: a copy of a higher revision replaces the file
 * (catalog_add); then each copy of the same content or an older revision
 * is deleted.  A copy that does not load, or has the file's revision with
 * other content, is kept and reported.  Returns how many copies were
 * met; *out (caller frees with catalog_copies_free) lists them. */
size_t catalog_fold(const char *data_dir, const char *id, struct catalog_copy **out);
void catalog_copies_free(struct catalog_copy *v, size_t n);

/* True if path holds a directive file (its format key says so). */
bool catalog_is_directive_file(const char *path);

/* The files of folder dir a receive takes: state files (*.dvk*.yaml,
 * conflict copies included) and directive files (*.directive.yaml),
 * directly in it, hidden ones left out, as paths sorted by name.
 * Returns how many; *out is NULL when none (caller frees each and the
 * array). */
size_t catalog_folder_files(const char *dir, char ***out);

/* The directive file exported beside the unit file at path for
 * directive id (<dir>/<id>.directive.yaml), if it exists (caller frees),
 * else NULL. */
char *catalog_beside(const char *path, const char *id);

/* Progress of unit's own file of directive e->d in data_dir (all zero
 * but total when the unit has no file yet).  Returns 1 if the file
 * exists and loads, 0 otherwise (no file, or one that does not load). */
int catalog_unit_progress(const char *data_dir, const struct catalog_entry *e, const char *unit,
			  struct progress *p);

/* How many unit files (*.dvk.yaml) DATA/<id>/ holds. */
size_t catalog_unit_files(const char *data_dir, const char *id);

#endif

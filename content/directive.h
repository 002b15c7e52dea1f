/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * directive.h: a directive as data (format dvk-directive/1).
 *
 * A directive is read-only after loading: sections in order, each with its
 * verbatim paragraph and its actionable items; each item with a stable id
 * ("1.1"), its Vietnamese text and the typed evidence fields an activity
 * record of that item holds.  All text is stored in NFC.
 *
 * The built-in directive (content/thanh-hoa-dvk-2023.yaml) is compiled into
 * the binary, so dvk runs with no files at all.
 *
 * Errors are reported as FILE:LINE:COL through struct dvk_error; loaders
 * never print.
 */
#ifndef CONTENT_DIRECTIVE_H
#define CONTENT_DIRECTIVE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/base.h"

#define DIRECTIVE_FORMAT "dvk-directive/1"

enum evidence_type { EVIDENCE_DATE, EVIDENCE_COUNT, EVIDENCE_TEXT };

struct evidence_field {
	char *key;   /* [a-z][a-z0-9_]*, e.g. "participants" */
	char *label; /* Vietnamese label, e.g. "Số người tham dự" */
	enum evidence_type type;
};

struct item {
	char *id;    /* "1.1" */
	char *text;  /* the task, Vietnamese */
	/* The agencies the text names as responsible for it, verbatim
	 * ("Sở Nội vụ"); none when the text names none. */
	char **responsible;
	size_t nresponsible;
	/* The deadline exactly as the text states it ("trước ngày
	 * 30/6/2023"), or NULL: dvk never guesses one. */
	char *deadline;
	struct evidence_field *evidence;
	size_t nevidence;
	size_t section; /* index of the owning section */
};

struct section {
	char *id;    /* "1" */
	char *title; /* short Vietnamese title */
	char *text;  /* the paragraph, verbatim */
	size_t first_item, nitems; /* range in directive.items */
};

struct directive {
	char *id;        /* "thanh-hoa-dvk-2023" */
	/* Corrections keep the id and raise the revision (1 when the file
	 * gives none); revision_date is the day it took effect (YYYY-MM-DD,
	 * NULL when not given).  A state file names the revision its
	 * writers used. */
	unsigned revision;
	char *revision_date;
	char *title;
	char *issuer;    /* NULL when the text does not name it */
	char *scope;     /* "2023 và những năm tiếp theo" */
	char *number;    /* document number, NULL when unknown */
	char *date;      /* NULL when unknown */
	char *signer;    /* NULL when unknown */
	char *source;    /* where the text came from, may be NULL */
	char **recipients;
	size_t nrecipients;
	char *preamble;
	struct section *sections;
	size_t nsections;
	struct item *items; /* all items, in order, across sections */
	size_t nitems;
	/* The built-in directive: this structure is the caller's, but its
	 * strings and arrays are the program's static data (compiled at
	 * build time), which directive_free leaves alone. */
	bool shared;
};

/* Load a directive from buf[0..len); path names it in errors.  Returns a
 * directive the caller frees with directive_free, or NULL with err
 * filled (the first problem found, as FILE:LINE:COL). */
struct directive *directive_load_buffer(const char *buf, size_t len,
					const char *path, struct dvk_error *err);

/* Load a directive file.  Same ownership and errors as above. */
struct directive *directive_load_file(const char *path, struct dvk_error *err);

/* The built-in directive: the structure the build compiled from
 * content/thanh-hoa-dvk-2023.yaml (tools/gendirective ran the loader on it
 * at build time, so a broken file fails the build, and start-up parses no
 * YAML).  Caller frees with directive_free (the text stays static: it is
 * read-only like any directive's); err is unused. */
struct directive *directive_builtin(struct dvk_error *err);

/* The id of the built-in directive (borrowed, static). */
const char *directive_builtin_id(void);

/* The raw bytes of the built-in directive (borrowed, static). */
const char *directive_builtin_bytes(size_t *len);

void directive_free(struct directive *d);

/* d as canonical dvk-directive/1 bytes (caller frees; *len set): block
 * style, ids quoted, unknown document facts as null, evidence fields one
 * per line.  The bytes are loaded back before they are returned, so what
 * this gives always loads; otherwise NULL with err set (path names the
 * file in that message). */
char *directive_write(const struct directive *d, const char *path, size_t *len,
		      struct dvk_error *err);

/* A deep copy of d (caller frees with directive_free). */
struct directive *directive_dup(const struct directive *d);

/* True if s is a well-formed directive id (the directive's own, such as
 * "thanh-hoa-dvk-2023"): up to 64 lower-case letters, digits and '-',
 * starting with a letter or digit, so it is a safe folder name. */
bool directive_name_valid(const char *s);

/* The item with this id, or NULL.  Borrowed. */
const struct item *directive_item(const struct directive *d, const char *id);

/* Index of the item with this id, or -1. */
long directive_item_index(const struct directive *d, const char *id);

/* The evidence field of item with this key, or NULL.  Borrowed. */
const struct evidence_field *item_evidence(const struct item *it, const char *key);

/* ---- ids (id.c) ----
 *
 * Item and section ids are written as the document numbers its parts:
 * segments joined by dots, each an Arabic number ("10"), an upper-case
 * Roman numeral ("IV") or a group of letters ("a", "đ"): "II.3.a", "I.2",
 * "3.b", "10".  A lone L, C, D or M is a letter, not a numeral.  Ids
 * starting with '_' are reserved for dvk itself (the unit's own fields).
 */

/* True if id is a well-formed item or section id (at most 32 bytes). */
bool item_id_valid(const char *id);

/* Order ids as a reader expects: I < II < IV < IX, 9 < 10, a < b < d < đ
 * < e, "II" < "II.1" < "II.1.a" < "II.2".  Segments of different kinds
 * order Roman numerals, numbers, letters, then anything else.  A total
 * order over all strings (only equal strings compare equal), so it can
 * also sort ids that no directive has; for numeric ids it is the order
 * of text_natcmp.  strcmp-like. */
int directive_id_cmp(const char *a, const char *b);

/* ---- what changed between two revisions (diff.c) ---- */

enum directive_change_kind {
	DCHANGE_SECTION_ADDED,   /* new: the section */
	DCHANGE_SECTION_REMOVED, /* old: the section */
	DCHANGE_SECTION_TITLE,   /* old, new: the section */
	DCHANGE_SECTION_TEXT,    /* old, new: the section */
	DCHANGE_ITEM_ADDED,      /* new: the item */
	DCHANGE_ITEM_REMOVED,    /* old: the item */
	DCHANGE_ITEM_TEXT,       /* old, new: the item */
	DCHANGE_ITEM_MOVED,      /* old, new: the item, now in another section */
	DCHANGE_ITEM_DEADLINE,   /* old, new: the item, its deadline differs */
	DCHANGE_ITEM_RESPONSIBLE,/* old, new: the item, its agencies differ */
	DCHANGE_EVIDENCE_ADDED,  /* new: the field; item_old, item_new */
	DCHANGE_EVIDENCE_REMOVED,/* old: the field; item_old, item_new */
	DCHANGE_EVIDENCE_TYPE,   /* old, new: the field; item_old, item_new */
	DCHANGE_EVIDENCE_LABEL,  /* old, new: the field; item_old, item_new */
};

/* One change; pointers are borrowed from the two directives. */
struct directive_change {
	enum directive_change_kind kind;
	const char *id;             /* the section's or item's id */
	const void *old, *new;      /* see the kinds above */
	const struct item *item_old, *item_new; /* evidence changes */
};

struct directive_diff {
	struct directive_change *changes; /* sections, then items in a's order
					     (added ones last, in b's order) */
	size_t n, cap;
};

/* The changes from a to b, matching sections and items by id and
 * evidence fields by key.  Free with directive_diff_free; a and b must
 * outlive it. */
void directive_diff(const struct directive *a, const struct directive *b,
		    struct directive_diff *df);
void directive_diff_free(struct directive_diff *df);

/* Name of an evidence type: "date", "count", "text". */
const char *evidence_type_name(enum evidence_type t);

/* Check value against type: a date is YYYY-MM-DD and a real calendar day;
 * a count is a non-negative decimal integer without sign or leading zeros
 * (up to 10 digits); text is any non-empty text.  Returns 1, or 0 with
 * err->message set (no position). */
int evidence_check_value(enum evidence_type t, const char *value,
			 struct dvk_error *err);

/* A value as a person types it (TUI, `dvk set`), in the form stored:
 * trimmed; a date as YYYY-MM-DD from "14/3/2023", "14/03/2023" (day
 * first) or "2023-03-14"; a count from "45", " 45", "045" or "1.000"
 * (dots or spaces between groups of three, as Vietnamese write
 * thousands).  Returns the stored form (caller frees), or NULL with err
 * (DVK_E_INVALID) saying why in the user's language ("month 2/2023 has
 * only 28 days"), without the field's name. */
char *evidence_from_input(enum evidence_type t, const char *typed, struct dvk_error *err);

#endif

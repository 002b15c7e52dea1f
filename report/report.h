/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * report.h: reviewing many units at once (roll-up, what each unit wrote,
 * the báo cáo, reviews, diff of two files).
 *
 * A reviewer at a district or the province receives dozens to thousands
 * of state files.  A report reads them one unit at a time: a unit's files
 * (its main file and any sync-conflict copies, joined with state_join so
 * it counts once) are parsed, reduced to what the report prints, and
 * freed, so memory grows with the number of units, not with their
 * history.  What is kept per unit is small (statuses, progress, evidence
 * sums, its text evidence for the listings); what it wrote item by item
 * (notes, reasons, evidence records, conflicts, reviews) is kept in a
 * spool that may live in a temporary file, and read back one unit at a
 * time with report_detail_load.
 *
 * The roster (roster/roster.h), when given, says which units are
 * expected: units on it without a file are "missing" (r->missing), units
 * with a file but not on it have on_roster false, and a unit's name comes
 * from the roster when its file gives none.
 *
 * A period: with opts.until, every unit is read as it stood at that
 * moment (events stamped later are left out); with opts.since as well,
 * the report also counts what was done in the period: items that became
 * done, and the activities whose date (or, undated, whose first entry)
 * falls in it.
 *
 * Ownership: the report owns its units, strings and arrays; it borrows
 * the directive and the roster, which must outlive it.  Errors: loading
 * never fails as a whole: a file that cannot be read or parsed, or that
 * belongs to another directive, becomes a diagnostic in r->diags (error or
 * warning, FILE:LINE:COL) and is left out.  Nothing here prints except the
 * writers, to the FILE * they are given, and nothing exits.
 *
 * Speed: files are parsed on a few threads; each worker reduces the units
 * it parsed; the results are put in order on one thread, so the output
 * never depends on timing, and a streamed report is byte for byte the one
 * a report that keeps every state prints.
 *
 * For the TUI reviewer view (`dvk --review DIR`): report_load keeps every
 * unit's joined state (.st, to open and review); after a review changes
 * a state, report_compute derives every figure again.
 */
#ifndef REPORT_REPORT_H
#define REPORT_REPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "base/base.h"
#include "checklist/checklist.h"
#include "content/directive.h"
#include "roster/roster.h"
#include "store/store.h"

/* Where one unit stands in one section. */
enum report_state {
	REPORT_NOT_STARTED, /* nothing done or under way */
	REPORT_IN_PROGRESS, /* some done or under way (or in conflict) */
	REPORT_DONE,        /* every applicable item done */
	REPORT_NA,          /* every item not applicable */
	REPORT_NO_ITEMS,    /* the section has no items at all */
	REPORT__NSTATES
};

/* A file that was left out, or a remark about one that was read. */
struct report_diag {
	bool error;           /* true: the file could not be used */
	struct dvk_error err; /* FILE:LINE:COL: message */
};

/* The total of one evidence key over some set of activities. */
struct report_total {
	const char *key;   /* borrowed from the directive */
	const char *label;
	enum evidence_type type;
	unsigned long long sum; /* EVIDENCE_COUNT: the sum */
	size_t nvalues;         /* activities that give an agreed value */
	char first[11], last[11]; /* EVIDENCE_DATE: YYYY-MM-DD, "" if none */
};

/* One activity record with text evidence (a document number, a place),
 * for the listings; records without text count only in the totals.  Its
 * texts wait in the spool: report_act_texts reads them. */
struct report_activity {
	uint32_t unit;  /* index into r->units */
	uint32_t item;  /* index into d->items */
	uint32_t day;   /* its first date-typed value as YYYYMMDD, 0 if none */
	uint32_t seq;   /* internal: its order within its unit */
	uint32_t len;   /* internal: where its texts are in the spool */
	uint64_t off;
	int64_t at;     /* when it was first recorded */
};

struct report_item {
	unsigned units[STATUS__COUNT]; /* units per status of this item */
	struct report_total *fields;   /* one per evidence field of the item */
	size_t nacts;                  /* activities counted */
	unsigned approved, needs_work; /* reviews in force */
	unsigned done_in_period;       /* units that finished it in the period */
};

struct report_section {
	struct progress items;             /* item statuses summed over units */
	unsigned units[REPORT__NSTATES];   /* units per report_state */
	struct report_total *fields;       /* its items' keys, merged by key */
	size_t nfields;
	size_t nacts;
	unsigned done_in_period;
};

struct report_unit {
	char *unit;         /* id */
	char *name;         /* from its file, else the roster, else the id */
	char **names;       /* NULL, or the names in conflict, NULL-terminated */
	char *parent;       /* parent unit id, NULL if not given */
	bool on_roster;     /* false: a file from a unit the roster lacks */
	const char *contact; /* from the roster, NULL if none (borrowed) */
	char **paths;       /* files joined into this unit, sorted */
	size_t npaths;
	struct state *st;   /* the join of those files: only with keep_states */
	unsigned char *status; /* per directive item: an enum status */
	unsigned char *review; /* per item: 0 none, 1 approved, 2 needs work */
	unsigned char *before; /* per item, the status when the period began;
				  NULL without a period */
	struct progress *sec; /* per section */
	struct progress all;
	unsigned long long *sums; /* per r->totals entry (count keys only) */
	int64_t last_at;      /* newest event, 0 if none */
	char last_activity[11]; /* newest activity date given, "" if none */
	size_t nevents;       /* events read (up to the period's end) */
	size_t nconflicts;    /* fields in conflict */
	size_t nopen;         /* items neither done nor not applicable */
	size_t nacts;         /* activities counted */
	size_t norphans;      /* items with events that the directive lacks */
	unsigned approved, needs_work;
	unsigned done_in_period;
	uint64_t detail_off;  /* internal: its details in the spool */
	size_t detail_len;
	char *sort_key;       /* internal: folded name */
	void *block;          /* internal: owns status, review, before, sec, sums */
};

/* A unit on the roster that sent no file. */
struct report_missing {
	const struct roster_unit *ru; /* borrowed from the roster */
	const char *name;             /* its name, else its id */
};

/* Units rolled up by parent. */
struct report_group {
	char *parent;       /* NULL: units that name no parent */
	char *name;         /* the parent's name (roster, else its file), else its id */
	size_t *units;      /* indices into r->units, in their order */
	size_t nunits;
	size_t nmissing;    /* units of this parent on the roster without a file */
	struct progress *sec; /* per section, summed */
	struct progress all;
	unsigned long long *sums;
	size_t nconflicts;
};

struct rpt_spool;

struct report_opts_load {
	bool keep_states;   /* keep each unit's joined state in .st (TUI) */
	bool details;       /* keep what each unit wrote (report_detail_load) */
	const struct roster *roster; /* expected units; NULL: none (borrowed) */
	int64_t until;      /* ms: leave out events stamped at or after; 0: none */
	int64_t since;      /* ms: the period starts here; 0: no period */
};

struct report {
	const struct directive *d;     /* borrowed */
	struct report_opts_load opts;
	struct report_unit *units;     /* sorted by name (report_compute) */
	size_t nunits;
	struct report_missing *missing; /* in the roster's order */
	size_t nmissing;
	size_t nextra;                 /* units not on the roster */
	struct report_section *sections; /* per d->sections */
	struct report_item *items;       /* per d->items */
	struct progress all;             /* every item of every unit */
	unsigned units_all[REPORT__NSTATES]; /* units per state, whole directive */
	struct report_total *totals;     /* every evidence key of the directive */
	size_t ntotals;
	size_t nactivities;              /* activities counted, all units */
	struct report_activity *acts;    /* with text: by item, date, unit */
	size_t nacts;
	struct report_group *groups;     /* by parent name; no parent last */
	size_t ngroups;
	unsigned done_in_period;
	struct report_diag *diags;
	size_t ndiags, nerrors;
	size_t nfiles;                   /* files read into units */
	int64_t last_at;                 /* newest event of all */
	/* internal */
	size_t *by_id;                   /* unit indices by id */
	struct rpt_spool *spool;         /* what units wrote (details) */
	struct rpt_acc *acc;             /* how totals are summed while reading */
	size_t diags_cap, acts_cap;
};

/* ---- building ---- */

/* An empty report for directive d (borrowed) that keeps every state
 * (report_load's way); with o, as o says (o is copied; its roster is
 * borrowed). */
struct report *report_new(const struct directive *d);
struct report *report_new_opts(const struct directive *d, const struct report_opts_load *o);
void report_free(struct report *r);

/* Read state files into r: each path is a file, read whatever its name,
 * or a folder, searched recursively for files named *.yaml with ".dvk"
 * in the name (main files and sync-conflict copies alike; hidden files
 * and folders such as .dvk-backups are skipped).  A file reached twice
 * is read once.  Problems become diagnostics. */
void report_add_paths(struct report *r, const char *const *paths, size_t n);

/* Add one parsed state (ownership taken; r must keep states); path (may
 * be NULL) is recorded.  A state of a unit already present is joined
 * into it.  Returns 1, or 0 with err set (another directive) and st
 * freed. */
int report_add_state(struct report *r, struct state *st, const char *path,
		     struct dvk_error *err);

/* Derive every figure.  With kept states, every unit is derived again
 * from its state (call it after changing one); otherwise the figures read
 * while loading are put together. */
void report_compute(struct report *r);

/* report_new + report_add_paths + report_compute: every state kept. */
struct report *report_load(const struct directive *d, const char *const *paths, size_t n);

/* The same as o says: streamed unless o->keep_states. */
struct report *report_load_opts(const struct directive *d, const char *const *paths, size_t n,
				const struct report_opts_load *o);

/* The unit with this id, or NULL. */
struct report_unit *report_find_unit(const struct report *r, const char *unit);

/* Where unit u stands in section s (s == (size_t)-1: whole directive). */
enum report_state report_unit_state(const struct report *r, size_t u, size_t s);
enum report_state report_state_of(const struct progress *p);

/* done / applicable in whole percent, rounded half up (2/3 → 67); 0 when
 * nothing applies.  Every writer uses it, so the figures agree. */
unsigned report_pct(const struct progress *p);

/* The percentage cell of p: "67%", "–" when every item is not applicable,
 * "" when there are no items (buf >= 8). */
const char *report_percent(const struct progress *p, char *buf, size_t n);

/* The text values of activity a, per evidence field of its item in its
 * order: the agreed text, NULL for other types, unset or in conflict.
 * One allocation: the caller frees the array. */
const char **report_act_texts(const struct report *r, const struct report_activity *a);

/* "YYYY-MM-DD" of a day kept as YYYYMMDD, "" for 0 (buf >= 11). */
const char *report_day(uint32_t day, char *buf);

/* ---- what a unit wrote ---- */

/* One value of a field in conflict: who set it, when. */
struct report_head {
	const char *value, *by;
	int64_t at;
};

struct report_conflict {
	const char *field;          /* "status", "note", "activity.<rid>.<key>", ... */
	struct report_head *heads;
	size_t nheads;
};

/* One activity record (records deleted are left out). */
struct report_act_detail {
	const char *rid;
	const char **keys, **values; /* agreed values by key, in the item's evidence
					order, then any other key; a value in
					conflict is NULL */
	size_t n;
	int64_t at;                  /* first entry */
	bool in_period;              /* counted in the period (true without one) */
};

/* One item of one unit: what the unit (and its reviewer) wrote. */
struct report_item_detail {
	size_t item;            /* index into d->items; (size_t)-1: an item the
				   directive lacks (shown apart, not counted) */
	const char *id;
	enum status status;
	const char *note, *reason;   /* agreed values, NULL if unset or in conflict */
	const char *review, *review_comment, *review_by; /* the verdict in force */
	int64_t review_at;
	struct report_act_detail *acts;
	size_t nacts;
	struct report_conflict *conflicts;
	size_t nconflicts;
	int64_t last_at;        /* newest entry */
	const char *last_by;
	size_t nevents;
};

/* An evidence value of an item the directive has, that its item no
 * longer takes (a field dropped or retyped by a revision): kept in the
 * file, listed apart, not summed. */
struct report_misfit {
	const char *item, *field, *key, *value;
	bool no_field;          /* the field is gone (else: the value no longer fits) */
};

/* Every item of one unit that has an entry, in the directive's order,
 * then the items the directive lacks; then the misfit values. */
struct report_detail {
	struct report_item_detail *items;
	size_t n;
	struct report_misfit *misfits;
	size_t nmisfits;
	char *blob;             /* internal: owns the strings */
};

/* Load what unit u wrote (the report must have been loaded with
 * details).  Returns 1, or 0 when the report keeps none.  Free with
 * report_detail_free. */
int report_detail_load(const struct report *r, size_t u, struct report_detail *out);
void report_detail_free(struct report_detail *dt);

/* ---- writing ---- */

enum report_format { REPORT_TEXT, REPORT_MD, REPORT_CSV, REPORT_JSON, REPORT_XLSX, REPORT_DOCX };

/* The office that files the báo cáo (from the config, else the roster). */
struct report_office {
	const char *name, *superior, *place, *symbol, *authority, *signer_title, *signer_name;
	const char *const *recipients;
	size_t nrecipients;
};

struct report_opts {
	enum report_format format;
	bool by_parent; /* text, md, csv, xlsx: the matrix by parent instead of unit */
	bool excel;     /* csv: start with a UTF-8 BOM; defuse =, +, -, @ */
	bool detail;    /* text, md, csv: what each unit wrote, item by item */
	char sep;       /* csv: the separator (',' when 0) */
	bool draft;     /* md, docx: the báo cáo */
	struct report_office office;
	int64_t now;    /* ms: the draft's year; 0: the clock */
};

/* Write the report (text, md, csv or json).  Text and Markdown show no
 * control character or escape sequence from any file (they are made
 * visible, "^["); CSV is RFC 4180 (CRLF, quotes doubled), JSON escapes
 * them. */
void report_write(const struct report *r, const struct report_opts *o, FILE *out);

/* Write the .xlsx workbook to path (atomically).  Returns 1, or 0 with
 * err set (libxlsxwriter missing or failing, the folder not writable). */
int report_write_xlsx(const struct report *r, const struct report_opts *o, const char *path,
		      struct dvk_error *err);

/* Write the báo cáo: Markdown to out, or (report_write_docx) a Word
 * document to path, atomically.  Unknown metadata and what the files do
 * not hold is a visible "[...]", never made up. */
void report_write_draft(const struct report *r, const struct report_opts *o, FILE *out);
int report_write_docx(const struct report *r, const struct report_opts *o, const char *path,
		      struct dvk_error *err);

/* A name beside path for a file a library writes before it is put in
 * place (caller frees), and putting it there: fsync, rename over path,
 * fsync the folder.  Returns 1, or 0 with err. */
char *report_temp_beside(const char *path);
int report_move_into_place(const char *tmp, const char *path, struct dvk_error *err);

/* ---- reviews ---- */

/* Record a reviewer's verdict ("approved" or "needs-work") on item of
 * st, with comment (NULL or "" for none), as ordinary events signed by
 * ctx->by.  A verdict without comment clears an older comment, so a
 * comment always belongs to the verdict in force.  Returns the number of
 * events added (0: nothing changed), or -1 with err set and st
 * unchanged.  The caller saves st (store_save). */
int report_review(struct state *st, const struct directive *d, const char *item,
		  const char *verdict, const char *comment, struct edit_ctx *ctx,
		  struct dvk_error *err);

/* Print s as one RFC 4180 CSV cell, sanitised; with excel, a cell that
 * would start a formula (= + - @) gets a leading apostrophe, inside the
 * quotes when the cell is quoted. */
void report_csv_field(FILE *f, const char *s, bool excel);
/* The same with separator sep (',' when 0). */
void report_csv_cell(FILE *f, const char *s, bool excel, char sep);

/* ---- diff ---- */

/* The events of b that a does not hold, oldest first, with an index of
 * a ∪ b by id to show what each one replaced. */
struct report_diff {
	const struct event **added; /* borrowed from b */
	size_t n;
	const struct event **ids;   /* internal: a ∪ b sorted by id */
	size_t nids;
};

void report_diff_make(const struct checklist *a, const struct checklist *b,
		      struct report_diff *out);
void report_diff_free(struct report_diff *df);

/* One readable line for df->added[i], without newline, sanitised:
 * "2023-03-12 14:21  Trần Văn Minh  1.2  status: in-progress → done".
 * The old value is that of the events it replaced (pred), looked up in
 * a ∪ b; "?" when not found, nothing when it replaced nothing. */
void report_diff_line(const struct report_diff *df, size_t i, struct buf *out);

#endif

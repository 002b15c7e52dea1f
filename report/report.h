/*
 * report.h: reviewing many units at once (roll-up, report draft, reviews,
 * diff of two files).
 *
 * A reviewer at a district or the province receives dozens or hundreds of
 * state files.  struct report holds them, one entry per unit (a unit's
 * main file and its sync-conflict copies are joined into one state with
 * state_join, so a unit counts once however many copies arrived), and
 * the figures derived from them: per unit and section the progress, per
 * section and item how many units are where, the evidence totals (counts
 * summed, dates first and last, texts such as document numbers listed),
 * and a roll-up by parent unit.  Writers print it as text, Markdown, CSV
 * or JSON, or as the Markdown draft of the Vietnamese progress report;
 * every figure of the draft comes from the same struct, so the draft and
 * the report cannot disagree.
 *
 * Ownership: the report owns its states, strings and arrays; it borrows
 * the directive, which must outlive it.  Figures point into the states'
 * events, so after changing a unit's state (a review written from the
 * TUI) call report_compute again before reading them.
 *
 * Errors: loading never fails as a whole.  A file that cannot be read or
 * parsed, or that belongs to another directive, becomes a diagnostic in
 * r->diags (error or warning, FILE:LINE:COL) and is left out; the caller
 * decides what to print and which exit status that means.  Nothing here
 * prints except the writers, to the FILE * they are given, and nothing
 * exits.
 *
 * Speed: files are read and parsed on a few threads (parsing is most of
 * the time; everything it calls is free of shared state), units are
 * matched by sorting, and each unit is derived in one pass over its items.
 * tools/bench-report.sh measures 1,000 files of 200 events.
 *
 * For the TUI reviewer view (`dvk --review DIR`): report_load, then
 * r->units (sorted by name: progress r->units[i].all, conflicts
 * .nconflicts, the state .st to open read-only); a review is
 * report_review on .st, then store_save to .paths[0]'s unit file, then
 * report_compute.
 */
#ifndef REPORT_REPORT_H
#define REPORT_REPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "base/base.h"
#include "checklist/checklist.h"
#include "content/directive.h"
#include "store/store.h"

/* Where one unit stands in one section. */
enum report_state {
	REPORT_NOT_STARTED, /* nothing done or under way */
	REPORT_IN_PROGRESS, /* some done or under way (or in conflict) */
	REPORT_DONE,        /* every applicable item done */
	REPORT_NA,          /* every item not applicable */
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

/* One activity record of one unit (deleted records are left out). */
struct report_activity {
	size_t unit;          /* index into r->units */
	size_t item;          /* index into d->items */
	const char **values;  /* per evidence field of the item, in its order:
				 the agreed value (borrowed from the state),
				 NULL when unset or in conflict */
	const char *date;     /* the first date-typed value, or NULL */
	int64_t at;           /* when it was first recorded */
};

struct report_item {
	unsigned units[STATUS__COUNT]; /* units per status of this item */
	struct report_total *fields;   /* one per evidence field of the item */
	size_t nacts;
	unsigned approved, needs_work; /* reviews in force */
};

struct report_section {
	struct progress items;             /* item statuses summed over units */
	unsigned units[REPORT__NSTATES];   /* units per report_state */
	struct report_total *fields;       /* its items' keys, merged by key */
	size_t nfields;
	size_t nacts;
};

struct report_unit {
	char *unit;         /* id */
	char *name;         /* unit_name from the header, else the id */
	char *parent;       /* parent unit id, NULL if not given */
	char **paths;       /* files joined into this unit, sorted */
	size_t npaths;
	struct state *st;   /* the join of those files */
	enum status *status;  /* per directive item */
	struct progress *sec; /* per section */
	struct progress all;
	unsigned long long *sums; /* per r->totals entry (count keys only) */
	int64_t last_at;      /* newest event, 0 if none */
	char last_activity[11]; /* newest activity date given, "" if none */
	size_t nconflicts;    /* fields in conflict */
	size_t nopen;         /* items neither done nor not applicable */
	unsigned approved, needs_work;
	char *sort_key;       /* internal: folded name */
};

/* Units rolled up by parent. */
struct report_group {
	char *parent;       /* NULL: units that name no parent */
	char *name;         /* the parent's unit_name if it is loaded, else its id */
	size_t *units;      /* indices into r->units, in their order */
	size_t nunits;
	struct progress *sec; /* per section, summed */
	struct progress all;
	unsigned long long *sums;
	size_t nconflicts;
};

struct report {
	const struct directive *d;     /* borrowed */
	struct report_unit *units;     /* sorted by name (report_compute) */
	size_t nunits;
	struct report_section *sections; /* per d->sections */
	struct report_item *items;       /* per d->items */
	struct progress all;             /* every item of every unit */
	unsigned units_all[REPORT__NSTATES]; /* units per state, whole directive */
	struct report_total *totals;     /* every evidence key of the directive */
	size_t ntotals;
	struct report_activity *acts;    /* by item, date, unit */
	size_t nacts;
	struct report_group *groups;     /* by parent name; no parent last */
	size_t ngroups;
	struct report_diag *diags;
	size_t ndiags, nerrors;
	size_t nfiles;                   /* files read into units */
	int64_t last_at;                 /* newest event of all */
	size_t *by_id;                   /* internal: unit indices by id */
};

/* ---- building ---- */

/* An empty report for directive d (borrowed). */
struct report *report_new(const struct directive *d);
void report_free(struct report *r);

/* Read state files into r: each path is a file, read whatever its name,
 * or a folder, searched recursively for files named *.yaml with ".dvk"
 * in the name (main files and sync-conflict copies alike; hidden files
 * and folders such as .dvk-backups are skipped).  A file reached twice
 * is read once.  Problems become diagnostics. */
void report_add_paths(struct report *r, const char *const *paths, size_t n);

/* Add one parsed state (ownership taken); path (may be NULL) is
 * recorded.  A state of a unit already present is joined into it.
 * Returns 1, or 0 with err set (another directive) and st freed. */
int report_add_state(struct report *r, struct state *st, const char *path,
		     struct dvk_error *err);

/* Derive every figure from the states.  Call after adding states or
 * changing one. */
void report_compute(struct report *r);

/* report_new + report_add_paths + report_compute. */
struct report *report_load(const struct directive *d, const char *const *paths, size_t n);

/* The unit with this id, or NULL. */
struct report_unit *report_find_unit(const struct report *r, const char *unit);

/* Where unit u stands in section s (s == (size_t)-1: whole directive). */
enum report_state report_unit_state(const struct report *r, size_t u, size_t s);
enum report_state report_state_of(const struct progress *p);

/* ---- writing ---- */

enum report_format { REPORT_TEXT, REPORT_MD, REPORT_CSV, REPORT_JSON };

struct report_opts {
	enum report_format format;
	bool by_parent; /* text, md, csv: the matrix by parent instead of unit */
	bool excel;     /* csv: start with a UTF-8 BOM; defuse =, +, -, @ */
	const char *reporter; /* draft: the reporting body's name, NULL unknown */
};

/* Write the report.  Text and Markdown show no control character or
 * escape sequence from any file (they are made visible, "^["); CSV is
 * RFC 4180 (CRLF, quotes doubled), JSON escapes them. */
void report_write(const struct report *r, const struct report_opts *o, FILE *out);

/* Write the Markdown draft "Báo cáo kết quả thực hiện …": I. Kết quả đạt
 * được, II. Tồn tại, hạn chế, III. Phương hướng, nhiệm vụ thời gian tới,
 * and the data annex.  Unknown metadata of the directive is said to be
 * unknown, never made up. */
void report_write_draft(const struct report *r, const struct report_opts *o, FILE *out);

/* The percentage cell of p: "100%", "0%", or "–" when nothing applies
 * (buf >= 8).  Shared by every writer so the figures agree. */
const char *report_percent(const struct progress *p, char *buf, size_t n);

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
 * would start a formula (= + - @) gets a leading apostrophe. */
void report_csv_field(FILE *f, const char *s, bool excel);

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

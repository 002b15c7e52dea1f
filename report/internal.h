/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * internal.h: what the files of report/ share.  Private to report/: other
 * modules use report.h.
 *
 * Loading (load.c) finds and groups the files, parses them on a few
 * threads and hands each unit's joined state to rpt_reduce (reduce.c),
 * which keeps what the report prints and spools what the unit wrote
 * (detail.c, spool.c); compute.c puts the units together.  The writers
 * (format.c, csv.c, json.c, xlsx.c, draft.c, docx.c) read only the
 * reduced figures, so a report that keeps every state and one that
 * streams print the same bytes.
 *
 * Everything read from a file goes through rpt_clean before it is
 * written as text or Markdown: control characters and escape sequences
 * become visible ("^["), line breaks become spaces, and in Markdown the
 * characters that would change the layout are escaped.
 */
#ifndef REPORT_INTERNAL_H
#define REPORT_INTERNAL_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "base/base.h"
#include "report/report.h"

/* ---- loading and reducing ---- */

/* Where each item's evidence fields land: flat index first[item] + k,
 * and for each flat field its slot in r->totals and in its section's
 * fields.  Made once per report (rpt_map_fields). */
struct rpt_acc {
	size_t *first, *tot, *sec;
	pthread_mutex_t lock; /* the totals below are summed by the workers */
	char since_day[11], until_day[11]; /* the period as dates, "" if open */
};

/* Make r->items, r->sections, r->totals (empty) and r->acc. */
void rpt_map_fields(struct report *r);
/* Clear every figure made while loading (before reading again). */
void rpt_clear_figures(struct report *r);
/* Sort r->by_id (unit indices by id) again. */
void rpt_index_ids(struct report *r);

/* Reduce unit u's joined state st into u (its figures; its details and
 * the texts of its activities spooled), adding its activities to the
 * totals and to r->acts (with unit index `tag`) under r->acc->lock.
 * u->unit and u->paths are set by the caller.  Thread-safe for distinct
 * units. */
void rpt_reduce(struct report *r, struct report_unit *u, const struct state *st, uint32_t tag);

/* True if activity a (of item it, NULL if the directive lacks it) counts
 * in the report's period: its first date-typed value, or when it has none
 * the time of its first entry, falls in it.  Always true without a
 * period. */
bool rpt_act_in_period(const struct report *r, const struct activity_view *a,
		       const struct item *it);

/* Free what rpt_reduce put in u (not u->unit, u->paths, u->st). */
void rpt_unit_clear(struct report_unit *u);

/* ---- the spool of details (spool.c, detail.c) ---- */

struct rpt_spool *rpt_spool_new(void);
void rpt_spool_free(struct rpt_spool *s);
/* Append n bytes; returns their offset.  Thread-safe. */
uint64_t rpt_spool_put(struct rpt_spool *s, const void *bytes, size_t n);
/* The n bytes at off (caller frees; NUL-terminated). */
char *rpt_spool_get(struct rpt_spool *s, uint64_t off, size_t n);

/* The serialised details of one unit: item by item as report_detail
 * gives them.  rpt_detail_item appends one item's view. */
void rpt_detail_item(struct buf *b, size_t item, const char *id, const struct item_view *v,
		     const struct report *r, const struct checklist *cl, size_t nevents);
void rpt_detail_count(struct buf *b, size_t n); /* the number of items, written first */
/* The values that no longer fit the directive, written after the items. */
void rpt_detail_misfits(struct buf *b, const struct misfit *mf, size_t n);

/* ---- words every writer shares (words.c) ---- */

/* A message in a context (xgettext keyword NC_:1c,2), so the same
 * English word as a column header and in a sentence can be translated
 * apart. */
#define NC_(ctx, s) rpt_pgettext(ctx "\004" s)
const char *rpt_pgettext(const char *ctx_and_id);

/* "đã xong", "in progress": a status, a review verdict, in words. */
const char *rpt_status_word(enum status s);
const char *rpt_verdict_word(const char *verdict);
/* 12345 → "12.345" (Vietnamese) or "12,345" (English).  buf >= 32. */
const char *rpt_num(unsigned long long v, char *buf, size_t n);
/* "2023-03-14" → "14/3/2023" (Vietnamese) or as it is; "–" if none. */
const char *rpt_date(const char *iso, char *buf, size_t n);
/* The name of parent unit id: the roster's, its own file's, or the id. */
const char *rpt_parent_name(const struct report *r, const char *parent);
/* The report's period in words ("6 tháng đầu năm 2023", "from 1/1/2023
 * to 15/5/2023", "as of 30/6/2023"); nothing without one. */
void rpt_period(const struct report *r, struct buf *b);
/* An activity record: "Ngày tổ chức: 14/3/2023; Số người tham dự: 45";
 * all of an item's, joined by sep. */
void rpt_act_text(struct buf *b, const struct directive *d, size_t item,
		  const struct report_act_detail *a);
void rpt_acts_text(struct buf *b, const struct directive *d, const struct report_item_detail *it,
		   const char *sep);
/* A field in conflict: "trạng thái: đang làm (Minh, 2023-03-12) / đã
 * xong (Hạnh, 2023-03-15)"; all of an item's, joined by "; ". */
void rpt_conflict_text(struct buf *b, const struct directive *d, const struct report_item_detail *it,
		       const struct report_conflict *c);
void rpt_conflicts_text(struct buf *b, const struct directive *d, const struct report_item_detail *it);

/* One thing a reviewer has to act on ("Danh sách việc còn tồn"). */
struct rpt_todo {
	const char *unit, *name, *contact;
	const char *item;   /* "" for the unit as a whole */
	const char *kind;   /* missing, name-conflict, conflict, needs-work,
			       no-evidence, not-applicable, not-in-directive,
			       misfit, open */
	const char *what;   /* the kind in words */
	const char *detail; /* the comment, reason, values, items */
};

/* Call fn for each, units that sent nothing first, then unit by unit. */
void rpt_todo_each(const struct report *r, void (*fn)(void *arg, const struct rpt_todo *t),
		   void *arg);

/* ---- writing ---- */

void rpt_write_csv(const struct report *r, const struct report_opts *o, FILE *f);
void rpt_write_json(const struct report *r, FILE *f);

/* Write document d as a Word file at path (docx.c).  title is the
 * document's title in its properties. */
struct rdoc;
int rpt_docx_write(const struct rdoc *d, const char *title, const char *path, struct dvk_error *err);

/* Append s to b as one clean line (see above). */
void rpt_clean(struct buf *b, const char *s, bool md);

/* "YYYY-MM-DD" of ms since the epoch (UTC), or "–" for 0.  buf >= 16. */
const char *rpt_day(int64_t ms, char *buf, size_t n);

/* A table: cells row by row.  Text: columns padded by display width
 * (Vietnamese in NFC or NFD lines up), every row the same width.
 * Markdown (md): a pipe table whose first row is the header.  Cells are
 * kept as they will be shown, beyond a fixed amount of memory in a
 * temporary file, so a table of any length costs the same memory. */
struct rtable;

struct rtable *rtable_new(size_t ncols, bool md);
/* Column col: right-aligned or not; at most maxw columns wide in text
 * (longer cells are cut with "…"; 0: no limit).  Set before any cell. */
void rtable_align(struct rtable *t, size_t col, bool right, int maxw);
/* A cell of text from a file (cleaned when written). */
void rtable_add(struct rtable *t, const char *s);
/* A cell made by dvk (trusted: may hold Markdown such as **bold**). */
void rtable_addf(struct rtable *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Write every row to f; once. */
void rtable_write(struct rtable *t, FILE *f);
void rtable_free(struct rtable *t);

/* The completion matrix (units × sections, or parents × sections with
 * by_parent) with its total row, as a table. */
struct rtable *rpt_matrix(const struct report *r, bool by_parent, bool md);

#endif

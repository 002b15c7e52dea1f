/*
 * internal.h: helpers shared by the writers of report/ (format.c,
 * draft.c).  Private to report/: other modules use report.h.
 *
 * Everything read from a file goes through rpt_clean before it is
 * written as text or Markdown: control characters and escape sequences
 * become visible ("^["), line breaks become spaces, and in Markdown the
 * characters that would change the layout are escaped.
 */
#ifndef REPORT_INTERNAL_H
#define REPORT_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "base/base.h"
#include "report/report.h"

/* Append s to b as one clean line (see above). */
void rpt_clean(struct buf *b, const char *s, bool md);

/* "YYYY-MM-DD" of ms since the epoch (UTC), or "–" for 0.  buf >= 16. */
const char *rpt_day(int64_t ms, char *buf, size_t n);

/* A table: cells row by row.  Text: columns padded by display width
 * (Vietnamese in NFC or NFD lines up), every row the same width.
 * Markdown: a pipe table whose first row is the header. */
struct rtable;

struct rtable *rtable_new(size_t ncols);
/* Column col: right-aligned or not; at most maxw columns wide in text
 * (longer cells are cut with "…"; 0: no limit). */
void rtable_align(struct rtable *t, size_t col, bool right, int maxw);
/* A cell of text from a file (cleaned when written). */
void rtable_add(struct rtable *t, const char *s);
/* A cell made by dvk (trusted: may hold Markdown such as **bold**). */
void rtable_addf(struct rtable *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void rtable_write(const struct rtable *t, FILE *f, bool md);
void rtable_free(struct rtable *t);

/* The completion matrix (units × sections, or parents × sections with
 * by_parent) with its total row, as a table. */
struct rtable *rpt_matrix(const struct report *r, bool by_parent, bool md);

/* The unknown-metadata sentence used by every writer. */
#define RPT_UNKNOWN "chưa rõ (nguồn không ghi)"

#endif

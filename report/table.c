/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * table.c: what the text and Markdown writers share: clean text, days,
 * tables aligned by display width, and the completion matrix (see
 * internal.h).
 */
#include "report/internal.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "text/text.h"

#define NAME_COLS 32 /* the unit column of the text matrix */

/* ------------------------------------------------------------------ */
/* Clean text                                                          */
/* ------------------------------------------------------------------ */

void rpt_clean(struct buf *b, const char *s, bool md)
{
	/* CommonMark lets any ASCII punctuation be escaped; these are the
	 * ones that could start emphasis, code, links, HTML, entities or
	 * break a table cell.  Runs of other bytes are copied whole: a
	 * report cleans every name and value it prints, and adding them a
	 * byte at a time was a tenth of writing one. */
	const char *special = md ? "\n\\`*_[]<>|&~#" : "\n";
	char *c = text_sanitize(s ? s : "", true);

	buf_add(b, "", 0);
	for (const char *p = c; *p; p++) {
		size_t run = strcspn(p, special);

		buf_add(b, p, run);
		p += run;
		if (!*p)
			break;
		if (*p == '\n') {
			buf_addc(b, ' ');
			continue;
		}
		buf_addc(b, '\\');
		buf_addc(b, *p);
	}
	free(c);
}

const char *rpt_day(int64_t ms, char *buf, size_t n)
{
	char full[32];

	if (ms <= 0) {
		snprintf(buf, n, "–");
		return buf;
	}
	time_format(ms, full, sizeof full);
	snprintf(buf, n, "%.10s", full);
	return buf;
}

/* ------------------------------------------------------------------ */
/* Tables                                                              */
/* ------------------------------------------------------------------ */

/*
 * A table is written only once every row is known (the columns are as
 * wide as their widest cell), but the open-work table of a province has
 * a row per unit and open item: hundreds of thousands of cells.  So a
 * cell is turned into the text it is shown as when it is added, its
 * width counted into its column, and the text appended to one buffer;
 * past SPILL_MEM bytes the buffer goes to an unlinked temporary file and
 * starts again.  rtable_write reads the cells back in order, so a table
 * costs SPILL_MEM of memory however long it is.  Without a temporary file
 * (a read-only TMPDIR) it all stays in memory: slower to run out of,
 * never wrong.
 */
#define SPILL_MEM (256u << 10)

struct rtable {
	size_t ncols, n;
	bool md;
	bool *right;
	int *maxw;  /* the limit set by rtable_align */
	int *w;     /* the widest shown cell so far */
	struct buf mem; /* shown cells after what went to the file, each ends in NUL */
	FILE *file;
	off_t flen;  /* bytes in the file */
	bool no_file;
};

struct rtable *rtable_new(size_t ncols, bool md)
{
	struct rtable *t = xcalloc(1, sizeof *t);

	t->ncols = ncols;
	t->md = md;
	t->right = xcalloc(ncols, sizeof *t->right);
	t->maxw = xcalloc(ncols, sizeof *t->maxw);
	t->w = xcalloc(ncols, sizeof *t->w);
	return t;
}

void rtable_align(struct rtable *t, size_t col, bool right, int maxw)
{
	t->right[col] = right;
	t->maxw[col] = maxw;
}

/* Move the buffer to the file, or give up on the file for good.  The
 * file is written with write(2) and read with stdio only at the end, so
 * a failed write leaves nothing half buffered. */
static void spill(struct rtable *t)
{
	size_t done = 0;

	if (t->no_file)
		return;
	if (!t->file && !(t->file = tmpfile())) {
		t->no_file = true;
		return;
	}
	while (done < t->mem.len) {
		ssize_t k = write(fileno(t->file), t->mem.data + done, t->mem.len - done);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			/* A full disk: the file keeps the whole cells it had;
			 * these and all later ones stay in memory. */
			if (ftruncate(fileno(t->file), t->flen) != 0 ||
			    lseek(fileno(t->file), t->flen, SEEK_SET) < 0)
				abort();
			t->no_file = true;
			return;
		}
		done += (size_t)k;
	}
	t->flen += (off_t)t->mem.len;
	t->mem.len = 0;
}

/* The cell as it is shown: cleaned unless trusted, and in text cut to
 * the column's limit. */
static void cell_push(struct rtable *t, const char *s, bool trusted)
{
	size_t col = t->n % t->ncols, at;
	int maxw = t->maxw[col], w;

	if (t->mem.len > SPILL_MEM)
		spill(t);
	at = t->mem.len;
	if (trusted)
		buf_adds(&t->mem, s);
	else
		rpt_clean(&t->mem, s, t->md);
	buf_add(&t->mem, "", 1);
	w = text_width(t->mem.data + at);
	if (!t->md && maxw > 1 && w > maxw) {
		int used;
		size_t keep = text_fit(t->mem.data + at, maxw - 1, &used);

		t->mem.len = at + keep;
		buf_adds(&t->mem, "…");
		buf_add(&t->mem, "", 1);
		w = text_width(t->mem.data + at);
	}
	if (w > t->w[col])
		t->w[col] = w;
	t->n++;
}

void rtable_add(struct rtable *t, const char *s)
{
	cell_push(t, s ? s : "", false);
}

void rtable_addf(struct rtable *t, const char *fmt, ...)
{
	struct buf b = {0};
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	buf_add(&b, "", 0);
	cell_push(t, b.data, true);
	buf_free(&b);
}

void rtable_free(struct rtable *t)
{
	if (!t)
		return;
	if (t->file)
		fclose(t->file);
	buf_free(&t->mem);
	free(t->right);
	free(t->maxw);
	free(t->w);
	free(t);
}

struct cells {
	const struct rtable *t;
	bool from_file;
	size_t at;   /* in t->mem */
	char *line;  /* the last cell read from the file */
	size_t cap;
};

static const char *next_cell(struct cells *c)
{
	const char *s;

	if (c->from_file) {
		if (getdelim(&c->line, &c->cap, '\0', c->t->file) > 0)
			return c->line;
		/* Our own unlinked file ended early: a broken disk, and a
		 * table with cells missing would be a wrong report. */
		if (ferror(c->t->file))
			abort();
		c->from_file = false;
	}
	s = c->t->mem.data + c->at;
	c->at += strlen(s) + 1;
	return s;
}

void rtable_write(struct rtable *t, FILE *f)
{
	size_t nrows = t->n / t->ncols;
	struct cells c = { t, false, 0, NULL, 0 };

	if (t->file) {
		if (fseeko(t->file, 0, SEEK_SET) != 0)
			abort();
		c.from_file = true;
	}
	for (size_t r = 0; r < nrows; r++) {
		for (size_t col = 0; col < t->ncols; col++) {
			const char *s = next_cell(&c);
			int pad = t->w[col] - text_width(s);

			if (t->md) {
				fprintf(f, "| %s ", s);
				continue;
			}
			if (col > 0)
				fputc(' ', f);
			for (int k = 0; t->right[col] && k < pad; k++)
				fputc(' ', f);
			fputs(s, f);
			/* No trailing blanks after the last column. */
			for (int k = 0; !t->right[col] && col + 1 < t->ncols && k < pad; k++)
				fputc(' ', f);
		}
		fputs(t->md ? "|\n" : "\n", f);
		if (t->md && r == 0) {
			for (size_t col = 0; col < t->ncols; col++)
				fputs(t->right[col] ? "|---:" : "|---", f);
			fputs("|\n", f);
		}
	}
	free(c.line);
}

/* ------------------------------------------------------------------ */
/* The matrix                                                          */
/* ------------------------------------------------------------------ */

static void percent_cells(struct rtable *t, const struct directive *d,
			  const struct progress *sec, const struct progress *all)
{
	char pct[16];

	for (size_t s = 0; s < d->nsections; s++)
		rtable_addf(t, "%s", report_percent(&sec[s], pct, sizeof pct));
	rtable_addf(t, "%s", report_percent(all, pct, sizeof pct));
}

struct rtable *rpt_matrix(const struct report *r, bool by_parent, bool md)
{
	const struct directive *d = r->d;
	size_t ncols = 1 + d->nsections + 3, conflicts = 0;
	struct rtable *t = rtable_new(ncols, md);
	char day[16];

	rtable_align(t, 0, false, NAME_COLS);
	for (size_t c = 1; c < ncols; c++)
		rtable_align(t, c, true, 0);
	if (by_parent)
		rtable_addf(t, "%s", NC_("column", "parent_name"));
	else
		rtable_addf(t, "%s", NC_("column", "unit_name"));
	for (size_t s = 0; s < d->nsections; s++)
		rtable_add(t, d->sections[s].id);
	rtable_addf(t, "%s", NC_("column", "overall"));
	rtable_addf(t, "%s", NC_("column", "conflict"));
	rtable_addf(t, "%s", by_parent ? NC_("column", "units") : NC_("column", "last_edit"));
	if (by_parent) {
		for (size_t g = 0; g < r->ngroups; g++) {
			const struct report_group *gr = &r->groups[g];

			rtable_add(t, gr->name);
			percent_cells(t, d, gr->sec, &gr->all);
			rtable_addf(t, "%zu", gr->nconflicts);
			rtable_addf(t, "%zu", gr->nunits);
		}
	} else {
		for (size_t u = 0; u < r->nunits; u++) {
			const struct report_unit *ru = &r->units[u];

			if (r->opts.roster && !ru->on_roster) {
				/* Marked: a file from a unit the roster lacks. */
				char *marked = xasprintf("%s *", ru->name);

				rtable_add(t, marked);
				free(marked);
			} else {
				rtable_add(t, ru->name);
			}
			percent_cells(t, d, ru->sec, &ru->all);
			rtable_addf(t, "%zu", ru->nconflicts);
			rtable_addf(t, "%s", rpt_day(ru->last_at, day, sizeof day));
		}
	}
	for (size_t u = 0; u < r->nunits; u++)
		conflicts += r->units[u].nconflicts;
	if (md)
		rtable_addf(t, "**%s**", _("Total"));
	else
		rtable_addf(t, "%s", _("Total"));
	for (size_t s = 0; s < d->nsections; s++) {
		char pct[16];

		rtable_addf(t, "%s", report_percent(&r->sections[s].items, pct, sizeof pct));
	}
	{
		char pct[16];

		rtable_addf(t, "%s", report_percent(&r->all, pct, sizeof pct));
	}
	rtable_addf(t, "%zu", conflicts);
	if (by_parent)
		rtable_addf(t, "%zu", r->nunits);
	else
		rtable_addf(t, "%s", rpt_day(r->last_at, day, sizeof day));
	return t;
}


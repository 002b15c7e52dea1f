/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rdoc.c: building a document of blocks, and writing it as Markdown
 * (see rdoc.h).
 */
#include "report/rdoc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "report/internal.h"

struct rdoc *rdoc_new(void)
{
	return xcalloc(1, sizeof(struct rdoc));
}

static void para_free(struct rd_para *p)
{
	for (size_t i = 0; i < p->nruns; i++)
		free(p->runs[i].text);
	free(p->runs);
}

/* Free the cells of t (its rows), keeping the array for more rows. */
static void cells_clear(struct rd_table *t)
{
	for (size_t c = 0; c < t->nrows * t->ncols; c++) {
		for (size_t k = 0; k < t->cells[c].n; k++)
			para_free(&t->cells[c].paras[k]);
		free(t->cells[c].paras);
	}
	t->nrows = 0;
}

void rdoc_free(struct rdoc *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n; i++) {
		struct rd_block *b = &d->b[i];

		para_free(&b->p);
		cells_clear(&b->t);
		free(b->t.cells);
		free(b->t.widths);
		if (b->t.more_free)
			b->t.more_free(b->t.more_arg);
	}
	free(d->b);
	free(d);
}

void rdoc_table_more(struct rd_table *t, bool (*more)(void *arg, struct rd_table *row), void *arg,
		     void (*free_arg)(void *arg))
{
	t->more = more;
	t->more_arg = arg;
	t->more_free = free_arg;
}

const struct rd_cell *rd_rows_next(struct rd_rows *it)
{
	const struct rd_table *t = it->t;

	if (it->r < t->nrows)
		return &t->cells[it->r++ * t->ncols];
	if (it->done || !t->more)
		return NULL;
	/* One row at a time: the previous one is freed first. */
	it->row.ncols = t->ncols;
	cells_clear(&it->row);
	if (!t->more(t->more_arg, &it->row) || !it->row.nrows) {
		it->done = true;
		return NULL;
	}
	return it->row.cells;
}

void rd_rows_end(struct rd_rows *it)
{
	cells_clear(&it->row);
	free(it->row.cells);
	memset(&it->row, 0, sizeof it->row);
}

static struct rd_block *block_new(struct rdoc *d, enum rd_kind kind)
{
	struct rd_block *b;

	GROW(d->b, d->n + 1, d->cap);
	b = &d->b[d->n++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	return b;
}

struct rd_para *rdoc_para(struct rdoc *d, enum rd_align align)
{
	struct rd_block *b = block_new(d, RD_PARA);

	b->p.align = align;
	return &b->p;
}

struct rd_para *rdoc_heading(struct rdoc *d, int level, const char *text)
{
	struct rd_para *p = rdoc_para(d, RD_LEFT);

	p->heading = level;
	rd_add(p, RD_BOLD, text);
	return p;
}

void rd_add(struct rd_para *p, unsigned flags, const char *text)
{
	if (!text || !*text)
		return;
	/* Runs of the same style join, so Markdown gets one **…** each. */
	if (p->nruns && p->runs[p->nruns - 1].flags == flags) {
		struct rd_run *r = &p->runs[p->nruns - 1];
		char *joined = xasprintf("%s%s", r->text, text);

		free(r->text);
		r->text = joined;
		return;
	}
	GROW(p->runs, p->nruns + 1, p->cap);
	p->runs[p->nruns].text = xstrdup(text);
	p->runs[p->nruns].flags = flags;
	p->nruns++;
}

void rd_addf(struct rd_para *p, unsigned flags, const char *fmt, ...)
{
	struct buf b = { 0 };
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	rd_add(p, flags, b.data);
	buf_free(&b);
}

struct rd_table *rdoc_table(struct rdoc *d, size_t ncols, const unsigned *widths, bool borders,
			    bool header)
{
	struct rd_block *b = block_new(d, RD_TABLE);

	b->t.ncols = ncols;
	b->t.widths = xcalloc(ncols, sizeof *b->t.widths);
	for (size_t c = 0; c < ncols; c++)
		b->t.widths[c] = widths ? widths[c] : 0;
	b->t.borders = borders;
	b->t.header = header;
	return &b->t;
}

struct rd_para *rd_cell_para(struct rd_table *t, size_t row, size_t col, enum rd_align align)
{
	struct rd_cell *c;
	struct rd_para *p;

	if (row >= t->nrows) {
		size_t want = (row + 1) * t->ncols, have = t->nrows * t->ncols;

		GROW(t->cells, want, t->cap);
		memset(t->cells + have, 0, (want - have) * sizeof *t->cells);
		t->nrows = row + 1;
	}
	c = &t->cells[row * t->ncols + col];
	GROW(c->paras, c->n + 1, c->cap);
	p = &c->paras[c->n++];
	memset(p, 0, sizeof *p);
	p->align = align;
	return p;
}

/* ------------------------------------------------------------------ */
/* Markdown                                                            */
/* ------------------------------------------------------------------ */

/* The placeholder "[...]" reads as it is: escaped brackets are needed
 * only where they could open a link, which "[...]" followed by anything
 * but "(" or "[" cannot. */
static void unescape_blanks(struct buf *t)
{
	static const char esc[] = "\\[...\\]";
	char *p = t->data;

	while (p && (p = strstr(p, esc))) {
		char next = p[sizeof esc - 1];

		if (next == '(' || next == '[') {
			p += sizeof esc - 1;
			continue;
		}
		memmove(p, p + 1, strlen(p + 1) + 1);          /* drop the \ before [ */
		memmove(p + 4, p + 5, strlen(p + 5) + 1);      /* and the one before ] */
		t->len -= 2;
		p += 5;
	}
}

/* One run: escaped, and emphasis around the words only (CommonMark does
 * not take "** x**"). */
static void md_run(struct buf *b, const struct rd_run *r)
{
	const char *mark = (r->flags & RD_BOLD) && (r->flags & RD_ITALIC) ? "***"
			   : (r->flags & RD_BOLD)                          ? "**"
			   : (r->flags & RD_ITALIC)                        ? "*"
									   : "";
	struct buf t = { 0 };
	size_t lead = 0, end;

	if (r->flags & RD_RAW)
		buf_adds(&t, r->text);
	else
		rpt_clean(&t, r->text, true);
	unescape_blanks(&t);
	end = t.len;
	while (lead < end && t.data[lead] == ' ')
		lead++;
	while (end > lead && t.data[end - 1] == ' ')
		end--;
	if (lead == end) {
		buf_add(b, t.data, t.len);
		buf_free(&t);
		return;
	}
	buf_add(b, t.data, lead);
	buf_adds(b, mark);
	buf_add(b, t.data + lead, end - lead);
	buf_adds(b, mark);
	buf_add(b, t.data + end, t.len - end);
	buf_free(&t);
}

/* A heading is bold already: its runs are written without emphasis. */
static void md_runs(struct buf *b, const struct rd_para *p)
{
	for (size_t i = 0; i < p->nruns; i++) {
		struct rd_run r = p->runs[i];

		if (p->heading)
			r.flags &= ~(unsigned)(RD_BOLD | RD_ITALIC);
		md_run(b, &r);
	}
}

static void md_para(FILE *f, const struct rd_para *p)
{
	struct buf b = { 0 };

	if (p->page_break)
		fputs("\n---\n\n", f);
	if (p->heading)
		for (int i = 0; i < p->heading; i++)
			buf_addc(&b, '#');
	if (p->heading)
		buf_addc(&b, ' ');
	if (p->bullet)
		buf_adds(&b, "- ");
	md_runs(&b, p);
	buf_add(&b, "", 0);
	fputs(b.data, f);
	/* List lines run together; everything else is a paragraph. */
	fputs(p->bullet ? "\n" : "\n\n", f);
	buf_free(&b);
}

static void md_table(FILE *f, const struct rd_table *t)
{
	struct rd_rows it = { .t = t };
	const struct rd_cell *row;

	for (size_t r = 0; (row = rd_rows_next(&it)); r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			const struct rd_cell *cell = &row[c];
			struct buf b = { 0 };

			for (size_t k = 0; k < cell->n; k++) {
				if (k)
					buf_adds(&b, "<br>");
				md_runs(&b, &cell->paras[k]);
			}
			buf_add(&b, "", 0);
			fprintf(f, "| %s ", b.data);
			buf_free(&b);
		}
		fputs("|\n", f);
		if (r == 0) {
			for (size_t c = 0; c < t->ncols; c++) {
				const struct rd_cell *cell = &row[c];
				enum rd_align a = cell->n ? cell->paras[0].align : RD_LEFT;

				fputs(a == RD_CENTER ? "|:---:" : a == RD_RIGHT ? "|---:" : "|---", f);
			}
			fputs("|\n", f);
		}
	}
	rd_rows_end(&it);
	fputc('\n', f);
}

void rdoc_write_md(const struct rdoc *d, FILE *f)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct rd_block *b = &d->b[i];

		if (b->kind == RD_TABLE) {
			md_table(f, &b->t);
			continue;
		}
		/* A list ends before the paragraph after it. */
		if (i && d->b[i - 1].kind == RD_PARA && d->b[i - 1].p.bullet && !b->p.bullet)
			fputc('\n', f);
		md_para(f, &b->p);
	}
}

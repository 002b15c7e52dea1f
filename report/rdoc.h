/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rdoc.h: a written document as blocks (paragraphs of styled runs,
 * tables, page breaks), so that the báo cáo is composed once (draft.c)
 * and written as Markdown (rdoc.c) or as a Word document (docx.c) with
 * the same words.  Private to report/.
 *
 * Text in runs is kept as given, from files or made by dvk alike; each
 * writer makes it safe for its format (Markdown escapes, XML entities,
 * control characters made visible), so composing never escapes.
 *
 * Ownership: the document owns every block, run and string; pointers to
 * paragraphs and cells are valid until the next block is added.
 */
#ifndef REPORT_RDOC_H
#define REPORT_RDOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* RD_RAW: text made by dvk that a writer prints as it is (the "[...]"
 * placeholder, which Markdown would otherwise escape into "\[...\]"). */
enum { RD_BOLD = 1, RD_ITALIC = 2, RD_RAW = 4 };

enum rd_align { RD_LEFT, RD_CENTER, RD_JUSTIFY, RD_RIGHT };

struct rd_run {
	char *text;
	unsigned flags; /* RD_BOLD | RD_ITALIC */
};

struct rd_para {
	struct rd_run *runs;
	size_t nruns, cap;
	enum rd_align align;
	int heading;     /* 1..3 for a heading, 0 for body text */
	bool indent;     /* first line indented (body paragraphs of the decree) */
	bool bullet;     /* a "- " line of a list */
	int size;        /* font size in points, 0 for the document's */
	unsigned rule;   /* a short line under it, this long (twentieths of a
			    point; 0: none): office name, tiêu ngữ, trích yếu */
	bool page_break; /* a new page before it (the annex) */
};

struct rd_cell {
	struct rd_para *paras;
	size_t n, cap;
};

struct rd_table {
	size_t ncols, nrows, cap;
	struct rd_cell *cells;  /* row by row */
	unsigned *widths;       /* per column, in twentieths of a point */
	bool borders;           /* a grid (the annex), or none (header, signature) */
	bool header;            /* the first row is a header (repeated, bold) */
	/* Rows after the stored ones, made one at a time while the table is
	 * written (see rdoc_table_more); NULL: none. */
	bool (*more)(void *arg, struct rd_table *row);
	void *more_arg;
	void (*more_free)(void *arg);
};

enum rd_kind { RD_PARA, RD_TABLE };

struct rd_block {
	enum rd_kind kind;
	struct rd_para p;
	struct rd_table t;
};

struct rdoc {
	struct rd_block *b;
	size_t n, cap;
};

struct rdoc *rdoc_new(void);
void rdoc_free(struct rdoc *d);

/* A new paragraph at the end of the document. */
struct rd_para *rdoc_para(struct rdoc *d, enum rd_align align);
/* A new heading of level 1..3. */
struct rd_para *rdoc_heading(struct rdoc *d, int level, const char *text);
/* Append a run (text copied; NULL is nothing). */
void rd_add(struct rd_para *p, unsigned flags, const char *text);
void rd_addf(struct rd_para *p, unsigned flags, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* A new table of ncols columns with widths (copied; twentieths of a
 * point; NULL for equal widths). */
struct rd_table *rdoc_table(struct rdoc *d, size_t ncols, const unsigned *widths, bool borders,
			    bool header);
/* A new paragraph in cell (row, col), rows added as needed. */
struct rd_para *rd_cell_para(struct rd_table *t, size_t row, size_t col, enum rd_align align);

/* Rows of t after the ones it holds, made while it is written, so that a
 * table of a province's activities is never whole in memory: more(arg,
 * row) fills row 0 of row (an empty table of t's columns, rd_cell_para)
 * and returns true, or returns false after the last.  t owns arg and
 * frees it with free_arg (may be NULL).  A document with such a table
 * is written once. */
void rdoc_table_more(struct rd_table *t, bool (*more)(void *arg, struct rd_table *row), void *arg,
		     void (*free_arg)(void *arg));

/* The rows of a table in order, for the writers: the stored ones, then
 * those more makes.  rd_rows_next returns the next row's ncols cells,
 * valid until the next call, or NULL after the last; rd_rows_end frees
 * what the walk holds. */
struct rd_rows {
	const struct rd_table *t;
	size_t r;
	bool done;
	struct rd_table row;
};
const struct rd_cell *rd_rows_next(struct rd_rows *it);
void rd_rows_end(struct rd_rows *it);

/* Write d as Markdown (CommonMark with pipe tables; <br> inside cells). */
void rdoc_write_md(const struct rdoc *d, FILE *f);

#endif

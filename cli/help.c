/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * help.c: help texts laid out for the terminal they are read on.
 *
 * Help is written in English with line breaks for 80 columns, and a
 * translation is longer (Vietnamese by a fifth or more), so keeping the
 * source's breaks would wrap lines mid-word on a cadre's 80x24 PuTTY.
 * The breaks are therefore only hints of structure, read like this:
 *   - a line at the left margin starts or continues a paragraph, which is
 *     filled to the width;
 *   - an indented line starts a row of a table ("  TERM  DESCRIPTION",
 *     the description after the first gap of two spaces), and a line
 *     indented deeper than the row continues its description; the
 *     descriptions of one table share a column and are filled beside it
 *     with a hanging indent;
 *   - an indented line without a gap (an example command) is a row with
 *     a term only;
 *   - a blank line is kept.
 * Widths are display columns; lines break only at spaces, unless one word
 * is wider than the room left.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "base/base.h"
#include "cli/cli.h"
#include "text/text.h"

enum {
	HELP_MAX = 80,  /* wider lines are hard to read, whatever the terminal */
	HELP_MIN = 20,  /* below this nothing can be laid out */
	ROW_GAP = 2,    /* spaces between a table's term and its description */
	EXAMPLE_HANG = 4, /* a wrapped term continues this much deeper */
};

int cli_help_width(int fd)
{
	struct winsize ws;
	int w = HELP_MAX;

	if (isatty(fd) && ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0 && ws.ws_col < w)
		w = ws.ws_col;
	return w < HELP_MIN ? HELP_MIN : w;
}

struct line {
	int indent;       /* leading spaces */
	const char *text; /* after them */
	size_t len;       /* of text, trailing spaces dropped */
};

/* Split s into lines (caller frees). */
static struct line *split_lines(const char *s, size_t *count)
{
	struct line *v = NULL;
	size_t n = 0, cap = 0;

	while (*s) {
		const char *end = strchr(s, '\n');
		size_t len = end ? (size_t)(end - s) : strlen(s);
		struct line l = { 0 };

		while ((size_t)l.indent < len && s[l.indent] == ' ')
			l.indent++;
		l.text = s + l.indent;
		l.len = len - (size_t)l.indent;
		while (l.len && l.text[l.len - 1] == ' ')
			l.len--;
		GROW(v, n + 1, cap);
		v[n++] = l;
		s += len + (end != NULL);
	}
	*count = n;
	return v;
}

static int width_of(const char *s, size_t n)
{
	char *t = xstrndup(s, n);
	int w = text_width(t);

	free(t);
	return w;
}

static void pad(struct buf *b, int n)
{
	while (n-- > 0)
		buf_addc(b, ' ');
}

/* Append line l's text to the running text t of a paragraph or a
 * description: the break between the two becomes a space, two after the
 * end of a sentence when the text itself puts two there. */
static void join(struct buf *t, const char *s, size_t n)
{
	if (t->len) {
		char last = t->data[t->len - 1];

		buf_addc(t, ' ');
		if (strchr(".?!", last) && strstr(t->data, ".  "))
			buf_addc(t, ' ');
	}
	buf_add(t, s, n);
}

/* The length of the word at p: up to a space, but an option in brackets
 * ("[--roster FILE]") stays whole when its brackets close. */
static size_t word_len(const char *p)
{
	size_t i;
	int depth = 0;

	for (i = 0; p[i] && (depth > 0 || p[i] != ' '); i++)
		if (p[i] == '[')
			depth++;
		else if (p[i] == ']')
			depth--;
	return depth > 0 ? strcspn(p, " ") : i;
}

/* Fill text into b: the cursor is at column col, lines hold width
 * columns, and each new line starts with hang spaces.  Runs of spaces
 * inside a line are kept; at a break they vanish.  Ends the last line. */
static void fill(struct buf *b, const char *text, int col, int hang, int width)
{
	const char *p = text;
	bool first = true;

	while (*p == ' ')
		p++;
	while (*p) {
		size_t wl = word_len(p);
		int ww = width_of(p, wl), gap = 0;

		if (wl > strcspn(p, " ") && ww > width - hang) {
			/* an option in brackets wider than a line breaks at its spaces */
			wl = strcspn(p, " ");
			ww = width_of(p, wl);
		}

		/* the gap before this word, as written */
		for (const char *g = p; !first && g > text && g[-1] == ' '; g--)
			gap++;
		if (!first && col + gap + ww > width) {
			buf_addc(b, '\n');
			pad(b, hang);
			col = hang;
		} else {
			pad(b, gap);
			col += gap;
		}
		/* a word wider than a whole line: cut it where it must be */
		while (col + ww > width && col == hang && width > hang) {
			char *w = xstrndup(p, wl);
			int used;
			size_t fit = text_fit(w, width - col, &used);

			free(w);
			if (fit == 0)
				break;
			buf_add(b, p, fit);
			buf_addc(b, '\n');
			pad(b, hang);
			p += fit, wl -= fit;
			ww = width_of(p, wl);
		}
		buf_add(b, p, wl);
		col += ww;
		first = false;
		p += wl;
		while (*p == ' ')
			p++;
	}
	buf_addc(b, '\n');
}

/* Where the term of row l ends and its description starts (at the first
 * run of two or more spaces); *desc is NULL when the row has no gap. */
static size_t term_len(const struct line *l, const char **desc)
{
	const char *gap = NULL;

	for (size_t i = 0; i + 1 < l->len; i++)
		if (l->text[i] == ' ' && l->text[i + 1] == ' ') {
			gap = l->text + i;
			break;
		}
	*desc = NULL;
	if (!gap)
		return l->len;
	*desc = gap;
	while (**desc == ' ')
		(*desc)++;
	return (size_t)(gap - l->text);
}

/* A table: lines [0, n) all indented.  Rows start at the first line's
 * indent or less; deeper lines continue the row's description. */
static void table(struct buf *b, const struct line *l, size_t n, int width)
{
	int base = l[0].indent, col = 0, cap = width / 2;

	/* the shared column: past the longest term that leaves half the
	 * width to the descriptions */
	for (size_t i = 0; i < n; i++) {
		const char *desc;
		size_t tl = term_len(&l[i], &desc);
		int need = l[i].indent + width_of(l[i].text, tl) + ROW_GAP;

		if (l[i].indent <= base && desc && need <= cap && need > col)
			col = need;
	}
	if (col == 0)
		col = base + EXAMPLE_HANG;

	for (size_t i = 0; i < n;) {
		const struct line *row = &l[i];
		const char *desc;
		size_t tl = term_len(row, &desc);
		struct buf d = { 0 };
		int tw = width_of(row->text, tl);
		char *term = xstrndup(row->text, tl);

		if (desc)
			buf_add(&d, desc, row->len - (size_t)(desc - row->text));
		for (i++; i < n && l[i].indent > base; i++)
			join(&d, l[i].text, l[i].len);

		pad(b, row->indent);
		if (!d.len) {
			fill(b, term, row->indent, row->indent + EXAMPLE_HANG, width);
		} else if (row->indent + tw + ROW_GAP <= col) {
			buf_adds(b, term);
			pad(b, col - row->indent - tw);
			fill(b, d.data, col, col, width);
		} else {
			/* a term too long for the column: the description under it */
			fill(b, term, row->indent, row->indent + EXAMPLE_HANG, width);
			pad(b, col);
			fill(b, d.data, col, col, width);
		}
		free(term);
		buf_free(&d);
	}
}

void cli_put_help(FILE *f, const char *text, int width)
{
	size_t n;
	struct line *l = split_lines(text, &n);
	struct buf b = { 0 };

	if (width < HELP_MIN)
		width = HELP_MIN;
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;

		if (l[i].len == 0) {
			buf_addc(&b, '\n');
			i++;
			continue;
		}
		if (l[i].indent > 0) {
			while (j < n && l[j].len && l[j].indent > 0)
				j++;
			table(&b, l + i, j - i, width);
		} else {
			struct buf t = { 0 };

			buf_add(&t, l[i].text, l[i].len);
			while (j < n && l[j].len && l[j].indent == 0)
				join(&t, l[j].text, l[j].len), j++;
			fill(&b, t.data, 0, 0, width);
			buf_free(&t);
		}
		i = j;
	}
	if (b.len)
		fwrite(b.data, 1, b.len, f);
	buf_free(&b);
	free(l);
}

void cli_put_usage(FILE *f, const char *verb, const char *usage, int width)
{
	struct buf b = { 0 }, line = { 0 };
	const char *at;
	int hang;

	buf_printf(&line, _("usage: dvk %s %s\n"), verb, usage);
	if (line.len && line.data[line.len - 1] == '\n')
		line.data[--line.len] = '\0';
	/* the operands wrap under the first of them (they end the line) */
	at = line.data + line.len - strlen(usage);
	hang = at >= line.data && strcmp(at, usage) == 0 ? width_of(line.data, (size_t)(at - line.data))
							   : EXAMPLE_HANG;
	if (hang > width / 2)
		hang = EXAMPLE_HANG;
	fill(&b, line.data, 0, hang, width);
	fwrite(b.data, 1, b.len, f);
	buf_free(&b);
	buf_free(&line);
}

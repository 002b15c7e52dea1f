/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * draw.c: width-correct drawing for every screen.
 *
 * Everything from a data file reaches the terminal through draw_disp:
 * control characters and escape sequences become visible caret text, and
 * on a terminal that cannot show UTF-8 the text is transliterated to
 * ASCII.  Cropping and wrapping count display columns (text_fit), never
 * bytes, so a letter is never cut from its marks.
 */
#include "tui/app.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "text/text.h"

/* ---- colours ---- */

static const struct {
	short fg, bg;
	int cattr, mattr;
} elements[] = {
#define X(name, fg, bg, cattr, mattr) {fg, bg, cattr, mattr},
	ELEMENTS(X)
#undef X
};

static bool colors_on;

void draw_init_colors(bool use_color)
{
	colors_on = false;
	if (!use_color || !has_colors() || start_color() == ERR)
		return;
	use_default_colors();
	for (int i = 1; i < EL__COUNT; i++)
		init_pair((short)i, elements[i].fg, elements[i].bg);
	colors_on = true;
}

static int draw_attr(const struct app *a, enum element el)
{
	(void)a;
	if (!colors_on)
		return elements[el].mattr;
	if (el == EL_NORMAL)
		return A_NORMAL;
	return (int)COLOR_PAIR(el) | elements[el].cattr;
}

/* ---- text ---- */

char *draw_disp(const struct app *a, const char *s, bool keep_newlines)
{
	if (!s)
		s = "";
	if (!a->ascii)
		return text_sanitize(s, keep_newlines);
	return text_ascii(s, keep_newlines);
}

/* Decode n bytes of UTF-8 into wide characters (U+FFFD for a bad
 * sequence, which display text never has: draw_disp repaired it).
 * Returns how many went to out, which holds at least n.  wchar_t is UCS-4
 * here (glibc). */
static size_t utf8_to_wide(const char *s, size_t n, wchar_t *out)
{
	const uint8_t *u = (const uint8_t *)s;
	size_t i = 0, k = 0;

	while (i < n) {
		ucs4_t c;

		if (u[i] < 0x80) {
			out[k++] = (wchar_t)u[i++];
			continue;
		}
		i += (size_t)u8_mbtouc(&c, u + i, n - i);
		out[k++] = (wchar_t)c;
	}
	return k;
}

/* Put n bytes of already display-safe text.  ncurses gets wide
 * characters: waddnstr decodes UTF-8 one byte at a time through the C
 * library's multibyte state (mbrtowc, wctob per byte), which was the
 * largest single cost of drawing a screen; the cells come out the same
 * (combining marks still join the cell before them). */
static void put(WINDOW *w, int y, int x, const char *s, size_t n, int attr)
{
	wchar_t stack[256], *ws = stack;

	if (n == 0)
		return;
	if (n > ARRAY_LEN(stack))
		ws = xmalloc(n * sizeof *ws);
	size_t k = utf8_to_wide(s, n, ws);
	wattr_set(w, (attr_t)(attr & ~A_COLOR), (short)PAIR_NUMBER(attr), NULL);
	mvwaddnwstr(w, y, x, ws, (int)k);
	wattr_set(w, A_NORMAL, 0, NULL);
	if (ws != stack)
		free(ws);
}

int draw_text(WINDOW *w, const struct app *a, int y, int x, int cols,
	      const char *s, enum element el)
{
	if (cols <= 0)
		return 0;
	char *d = draw_disp(a, s, false);
	int used = 0;
	size_t n = text_fit(d, cols, &used);
	put(w, y, x, d, n, draw_attr(a, el));
	free(d);
	return used;
}

int draw_text_ellipsis(WINDOW *w, const struct app *a, int y, int x, int cols,
		       const char *s, enum element el)
{
	if (cols <= 0)
		return 0;
	char *d = draw_disp(a, s, false);
	int used = 0;
	if (text_width(d) <= cols) {
		size_t n = text_fit(d, cols, &used);
		put(w, y, x, d, n, draw_attr(a, el));
	} else {
		const char *ell = a->ascii ? "..." : "…";
		int ew = a->ascii ? 3 : 1;
		if (cols <= ew) {
			size_t n = text_fit(d, cols, &used);
			put(w, y, x, d, n, draw_attr(a, el));
		} else {
			size_t n = text_fit(d, cols - ew, &used);
			while (n > 0 && d[n - 1] == ' ')
				n--, used--;
			put(w, y, x, d, n, draw_attr(a, el));
			put(w, y, x + used, ell, strlen(ell), draw_attr(a, el));
			used += ew;
		}
	}
	free(d);
	return used;
}

void draw_fill(WINDOW *w, const struct app *a, int y, int x, int cols, enum element el)
{
	if (cols <= 0)
		return;
	wattr_set(w, (attr_t)(draw_attr(a, el) & ~A_COLOR),
		  (short)PAIR_NUMBER(draw_attr(a, el)), NULL);
	mvwhline(w, y, x, ' ', cols);
	wattr_set(w, A_NORMAL, 0, NULL);
}

/* Length in bytes of the character at s (plus the combining marks after
 * it), at least 1. */
static size_t char_len(const char *s)
{
	int used;
	size_t n = text_fit(s, 1, &used);
	if (n == 0) {
		/* wider than one column: take one UTF-8 sequence */
		n = 1;
		while ((s[n] & 0xc0) == 0x80)
			n++;
	}
	return n;
}

/* Our own wrapper (not text_wrap) because the editor needs to know
 * exactly where each row starts to place the cursor, and display text is
 * already transformed: break at the last space that fits, never at NBSP,
 * mid-word only for a word longer than the row. */
size_t draw_wrap(const char *s, int cols, size_t **starts, size_t **lens)
{
	size_t n = 0, cap = 8;
	size_t *st = xmalloc(cap * sizeof *st), *ln = xmalloc(cap * sizeof *ln);
	if (cols < 1)
		cols = 1;
	size_t off = 0, total = strlen(s);
	for (;;) {
		size_t eol = off + strcspn(s + off, "\n");
		char *line = xstrndup(s + off, eol - off);
		size_t m = eol - off, q = 0;
		bool first = true;
		while (first || q < m) {
			size_t brk;
			if (text_width(line + q) <= cols) {
				brk = m - q;
			} else {
				size_t fit = text_fit(line + q, cols, NULL);
				if (fit == 0)
					fit = char_len(line + q);
				brk = fit;
				if (line[q + fit] != ' ') {
					for (size_t k = fit; k > 0; k--)
						if (line[q + k - 1] == ' ') {
							brk = k;
							break;
						}
				}
			}
			size_t len = brk;
			while (len > 0 && line[q + len - 1] == ' ')
				len--;
			if (n == cap) {
				cap *= 2;
				st = xrealloc(st, cap * sizeof *st);
				ln = xrealloc(ln, cap * sizeof *ln);
			}
			st[n] = off + q;
			ln[n] = len;
			n++;
			q += brk;
			while (q < m && line[q] == ' ')
				q++;
			first = false;
		}
		free(line);
		if (eol >= total)
			break;
		off = eol + 1;
	}
	*starts = st;
	*lens = ln;
	return n;
}

void draw_header(WINDOW *w, const struct app *a, const char *left)
{
	int cols = getmaxx(w);
	draw_fill(w, a, 0, 0, cols, EL_HEADER);
	const char *unit = app_unit_label(a);
	int uw = 0;
	if (unit) {
		char *d = draw_disp(a, unit, false);
		uw = text_width(d);
		free(d);
		if (uw > cols / 3)
			uw = cols / 3;
		draw_text_ellipsis(w, a, 0, cols - uw - 1, uw, unit, EL_HEADER);
	}
	draw_text_ellipsis(w, a, 0, 1, cols - uw - 3, left, EL_HEADER);
}

/* ---- rows ---- */

void rows_free(struct rows *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].text);
		free(r->v[i].prefix);
	}
	free(r->v);
	r->v = NULL;
	r->n = r->cap = 0;
}

static struct row *rows_push(struct rows *r)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 32;
		r->v = xrealloc(r->v, r->cap * sizeof *r->v);
	}
	struct row *row = &r->v[r->n++];
	memset(row, 0, sizeof *row);
	row->target = -1;
	row->hl_now = -1;
	return row;
}

void rows_blank(struct rows *r)
{
	struct row *row = rows_push(r);
	row->text = xstrdup("");
}

/* Offset in the display text of byte off of the source text: display
 * transforms map character by character, so the display of a prefix is a
 * prefix of the display. */
static size_t disp_offset(const struct app *a, const char *s, size_t off)
{
	char *pre = xstrndup(s, off);
	char *d = draw_disp(a, pre, true);
	size_t n = strlen(d);
	free(d);
	free(pre);
	return n;
}

void rows_add(struct rows *r, const struct app *a, const char *s, int cols,
	      const struct row_opts *o)
{
	static const struct row_opts plain = {0};
	if (!o)
		o = &plain;
	const char *query = o->query;
	if (!s)
		s = "";
	char *d = draw_disp(a, s, true);
	size_t hits[64][2];
	int nhits = 0, now = -1;
	if (query && *query) {
		size_t from = 0, hs, hl;
		while (nhits < 64 && text_search(s, query, from, &hs, &hl)) {
			if (s == a->hit_src && hs == a->hit_at)
				now = nhits;
			hits[nhits][0] = disp_offset(a, s, hs);
			hits[nhits][1] = disp_offset(a, s, hs + hl);
			nhits++;
			from = hs + (hl ? hl : 1);
		}
	}
	/* prefixes are labels and markers: display-safe too */
	char *dp1 = o->prefix ? draw_disp(a, o->prefix, false) : NULL;
	char *dp2 = o->indent ? draw_disp(a, o->indent, false) : NULL;
	int pw = 0;
	if (dp1)
		pw = text_width(dp1);
	if (dp2 && text_width(dp2) > pw)
		pw = text_width(dp2);
	int w = cols - pw;
	if (w < 8)
		w = cols > 8 ? 8 : (cols > 0 ? cols : 1);
	size_t *st, *ln;
	size_t nl = draw_wrap(d, w, &st, &ln);
	for (size_t i = 0; i < nl; i++) {
		struct row *row = rows_push(r);
		row->text = xstrndup(d + st[i], ln[i]);
		const char *p = i == 0 ? dp1 : dp2;
		row->prefix = p ? xstrdup(p) : NULL;
		row->el = o->el;
		row->prefix_el = o->prefix_el;
		row->target = o->selectable ? o->target : ROW_NONE;
		row->tag = o->tag;
		row->hl_now = -1;
		for (int h = 0; h < nhits && row->nhl < ROW_MAX_HL; h++) {
			size_t a0 = hits[h][0], a1 = hits[h][1];
			size_t b0 = st[i], b1 = st[i] + ln[i];
			if (a1 <= b0 || a0 >= b1)
				continue;
			if (h == now)
				row->hl_now = row->nhl;
			row->hl[row->nhl][0] = (a0 > b0 ? a0 : b0) - b0;
			row->hl[row->nhl][1] = (a1 < b1 ? a1 : b1) - b0;
			row->nhl++;
		}
	}
	free(st);
	free(ln);
	free(d);
	free(dp1);
	free(dp2);
}

/* Draw n bytes of s at *x, within *left columns. */
static void seg(WINDOW *w, const struct app *a, int y, int *x, int *left,
		const char *s, size_t n, enum element el)
{
	if (n == 0 || *left <= 0)
		return;
	char *tmp = xstrndup(s, n);
	int used;
	size_t k = text_fit(tmp, *left, &used);
	put(w, y, *x, tmp, k, draw_attr(a, el));
	free(tmp);
	*x += used;
	*left -= used;
}

void rows_draw(WINDOW *w, const struct app *a, const struct rows *r, int top,
	       int y0, int h, int cols, int sel)
{
	/* a target's marker goes on its first row only */
	int prev_target = top > 0 && (size_t)top <= r->n ? r->v[top - 1].target : ROW_NONE;
	for (int i = 0; i < h && (size_t)(top + i) < r->n; i++) {
		const struct row *row = &r->v[top + i];
		int y = y0 + i, x = 0;
		bool first = row->target != ROW_NONE && row->target != prev_target;
		prev_target = row->target;
		if (row->prefix) {
			bool selected = sel >= 0 && row->target == sel && first;
			size_t n = text_fit(row->prefix, cols, &x);
			put(w, y, 0, row->prefix, n,
			    draw_attr(a, selected ? EL_SELECTED : row->prefix_el));
			if (selected)
				put(w, y, 0, ">", 1, draw_attr(a, EL_SELECTED));
		}
		/* text with its highlighted ranges */
		size_t len = strlen(row->text), pos = 0;
		int left = cols - x;
		for (int hn = 0; hn <= row->nhl; hn++) {
			size_t hs = hn < row->nhl ? row->hl[hn][0] : len;
			size_t he = hn < row->nhl ? row->hl[hn][1] : len;
			if (hs < pos)
				hs = pos;
			seg(w, a, y, &x, &left, row->text + pos, hs - pos, row->el);
			if (he > hs)
				seg(w, a, y, &x, &left, row->text + hs, he - hs,
				    hn == row->hl_now ? EL_MATCH_NOW : EL_MATCH);
			if (he > pos)
				pos = he;
		}
	}
}

/* First and last row index of target t; false if absent. */
static bool rows_span(const struct rows *r, int t, int *first, int *last)
{
	bool found = false;
	for (size_t i = 0; i < r->n; i++)
		if (r->v[i].target == t) {
			if (!found)
				*first = (int)i;
			*last = (int)i;
			found = true;
		}
	return found;
}

int rows_targets(const struct rows *r)
{
	int n = 0;
	for (size_t i = 0; i < r->n; i++)
		if (r->v[i].target >= n)
			n = r->v[i].target + 1;
	return n;
}

int rows_clamp_top(const struct rows *r, int top, int h)
{
	int max = (int)r->n > h ? (int)r->n - h : 0;
	if (top > max)
		top = max;
	if (top < 0)
		top = 0;
	return top;
}

int rows_scroll_to(const struct rows *r, int t, int top, int h)
{
	int first = 0, last = 0;
	if (!rows_span(r, t, &first, &last))
		return rows_clamp_top(r, top, h);
	if (last >= top + h)
		top = last - h + 1;
	if (first < top)
		top = first;
	return rows_clamp_top(r, top, h);
}

bool rows_visible(const struct rows *r, int t, int top, int h)
{
	int first = 0, last = 0;
	if (!rows_span(r, t, &first, &last))
		return false;
	return first >= top && first < top + h;
}

int rows_nav(const struct rows *r, int action, int ntargets, int *sel, int *top, int h)
{
	int first = 0, last = 0;
	*top = rows_clamp_top(r, *top, h);
	if (ntargets <= 0) {
		*sel = -1;
	} else {
		if (*sel < 0)
			*sel = 0;
		if (*sel >= ntargets)
			*sel = ntargets - 1;
	}
	bool vis = ntargets > 0 && rows_visible(r, *sel, *top, h);
	switch (action) {
	case ACT_UP:
		if (ntargets > 0 && *sel > 0 && vis) {
			(*sel)--;
			*top = rows_scroll_to(r, *sel, *top, h);
			/* show the heading above the first target too */
			if (*sel == 0 && rows_span(r, 0, &first, &last) && first < h)
				*top = 0;
		} else {
			*top = rows_clamp_top(r, *top - 1, h);
		}
		break;
	case ACT_DOWN:
		if (ntargets > 0 && !vis && rows_span(r, *sel, &first, &last) && first >= *top)
			*top = rows_scroll_to(r, *sel, *top, h);
		else if (ntargets > 0 && *sel < ntargets - 1 && vis) {
			(*sel)++;
			*top = rows_scroll_to(r, *sel, *top, h);
		} else
			*top = rows_clamp_top(r, *top + 1, h);
		break;
	case ACT_PGDN: {
		int old = *top;
		*top = rows_clamp_top(r, *top + (h > 1 ? h - 1 : 1), h);
		if (ntargets > 0) {
			if (*top == old) {
				*sel = ntargets - 1;
			} else if (!rows_visible(r, *sel, *top, h)) {
				int t;
				for (t = 0; t < ntargets - 1; t++)
					if (rows_span(r, t, &first, &last) && first >= *top)
						break;
				*sel = t;
			}
			*top = rows_scroll_to(r, *sel, *top, h);
		}
		break;
	}
	case ACT_PGUP: {
		int old = *top;
		*top = rows_clamp_top(r, *top - (h > 1 ? h - 1 : 1), h);
		if (ntargets > 0) {
			if (*top == old) {
				*sel = 0;
			} else {
				/* up a page: the topmost line now in view, so
				 * the selection moves even where the scroll was
				 * shorter than a page (PgUp from a section's
				 * last item) */
				int t;
				for (t = 0; t < *sel; t++)
					if (rows_span(r, t, &first, &last) && first >= *top)
						break;
				*sel = t;
			}
			if (*sel > 0)
				*top = rows_scroll_to(r, *sel, *top, h);
		}
		break;
	}
	case ACT_HOME:
		*top = 0;
		if (ntargets > 0)
			*sel = 0;
		break;
	case ACT_END:
		*top = rows_clamp_top(r, (int)r->n, h);
		if (ntargets > 0)
			*sel = ntargets - 1;
		break;
	case ACT_REVEAL:
		/* after a resize: rows moved, keep the selection in view */
		if (ntargets > 0)
			*top = rows_scroll_to(r, *sel, *top, h);
		break;
	default:
		return R_NONE;
	}
	return R_REDRAW;
}

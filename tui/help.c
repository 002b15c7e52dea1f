/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * help.c: the key list, generated from the key table in keys.h, so the
 * help can never promise a key the program does not bind.
 */
#include "tui/app.h"

#include <stdlib.h>
#include <string.h>

#include "text/text.h"

/* "Up k" → "↑, k" padded to a column. */
static char *help_keys(const struct app *a, const char *keys, int width)
{
	struct buf b = {0};
	buf_adds(&b, "  ");
	for (const char *p = keys; *p;) {
		size_t n = strcspn(p, " ");
		const char *arrow = keys_arrow(p, n, a->ascii);
		if (arrow)
			buf_adds(&b, arrow);
		else
			buf_add(&b, p, n);
		p += n;
		p += strspn(p, " ");
		if (*p)
			buf_adds(&b, ", ");
	}
	int w = text_width(b.data);
	for (; w < width; w++)
		buf_addc(&b, ' ');
	buf_addc(&b, ' ');
	return buf_steal(&b);
}

/* One key of the table with its help text. */
static void help_key_row(const struct app *a, struct rows *r, int cols, int kw, size_t i)
{
	char *p1 = help_keys(a, keys_help[i].keys, kw);
	int pw = text_width(p1);
	char *p2 = xmalloc((size_t)pw + 1);
	memset(p2, ' ', (size_t)pw);
	p2[pw] = '\0';
	rows_add(r, a, _(keys_help[i].help), cols,
		 &(struct row_opts){.prefix = p1, .indent = p2, .prefix_el = EL_LABEL});
	free(p1);
	free(p2);
}

/* The screen help was opened from: its own keys come first. */
static const struct screen *help_below(const struct app *a, const struct screen *s)
{
	for (const struct screen *b = s; b > a->stack;) {
		b--;
		if (!(b->ops->flags & SCREEN_OVERLAY))
			return b;
	}
	return NULL;
}

static void help_rows(const struct app *a, const struct screen *s, struct rows *r, int cols)
{
	int kw = cols >= 60 ? 18 : 12;
	const struct screen *below = help_below(a, s);
	if (below && below->ops->keys && below->ops->keys[0].act != ACT_NONE) {
		rows_add(r, a, _("Keys on this screen"), cols, &(struct row_opts){.el = EL_TITLE});
		for (const struct screen_key *k = below->ops->keys; k->act != ACT_NONE; k++) {
			if (below->ops->offers && !below->ops->offers(a, below, k))
				continue;
			bool dup = false;
			for (const struct screen_key *j = below->ops->keys; j < k; j++)
				dup |= j->act == k->act;
			if (!dup)
				help_key_row(a, r, cols, kw, (size_t)k->act - 1);
		}
		rows_blank(r);
	}
	rows_add(r, a, _("Keys"), cols, &(struct row_opts){.el = EL_TITLE});
	for (size_t i = 0; i < keys_help_count; i++)
		help_key_row(a, r, cols, kw, i);
	rows_blank(r);
	static const struct row_opts para = {.prefix = "  ", .indent = "  "};
	rows_add(r, a, _("Markers: [ ] to do, [~] in progress, [x] done, [-] not applicable, "
			 "[!] or ! conflict: two people changed the same thing."),
		 cols, &para);
	rows_add(r, a, _("* on a section or item: the reviewer asked for more work there; "
			 "the item shows the comment, who and when."),
		 cols, &para);
	rows_add(r, a, _("Every change is saved at once. Notes being typed are kept as a "
			 "draft and offered back if the connection drops."),
		 cols, &para);
}

static char *help_title(const struct app *a, const struct screen *s)
{
	(void)a;
	(void)s;
	return xstrdup(_("Help"));
}

static void help_open(struct app *a, struct screen *s, const struct screen_arg *arg)
{
	(void)a;
	(void)arg;
	s->sel = -1;
}

const struct screen_ops help_screen = {
	.name = "help",
	.open = help_open,
	.title = help_title,
	.rows = help_rows,
};

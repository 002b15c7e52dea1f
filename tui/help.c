/*
 * help.c: the key list, generated from the key table in keys.h, so the
 * help can never promise a key the program does not bind.
 */
#include "tui/app.h"

#include <stdlib.h>
#include <string.h>

#include "text/text.h"

/* "Up k" → "Up, k" padded to a column. */
static char *help_keys(const char *keys, int width)
{
	struct buf b = {0};
	buf_adds(&b, "  ");
	for (const char *p = keys; *p;) {
		size_t n = strcspn(p, " ");
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

static void help_rows(const struct app *a, struct rows *r, int cols)
{
	rows_add(r, a, _("Keys"), cols, NULL, NULL, EL_TITLE, EL_NORMAL, -2, NULL);
	int kw = cols >= 60 ? 18 : 12;
	for (size_t i = 0; i < keys_help_count; i++) {
		char *p1 = help_keys(keys_help[i].keys, kw);
		int pw = text_width(p1);
		char *p2 = xmalloc((size_t)pw + 1);
		memset(p2, ' ', (size_t)pw);
		p2[pw] = '\0';
		rows_add(r, a, _(keys_help[i].help), cols, p1, p2, EL_NORMAL, EL_LABEL, -2, NULL);
		free(p1);
		free(p2);
	}
	rows_blank(r);
	rows_add(r, a, _("Markers: [ ] to do, [~] in progress, [x] done, [-] not applicable, "
			 "[!] or ! conflict: two people changed the same thing."),
		 cols, "  ", "  ", EL_NORMAL, EL_NORMAL, -2, NULL);
	rows_add(r, a, _("* on a section or item: the reviewer asked for more work there; "
			 "the item shows the comment, who and when."),
		 cols, "  ", "  ", EL_NORMAL, EL_NORMAL, -2, NULL);
	rows_add(r, a, _("Every change is saved at once. Notes being typed are kept as a "
			 "draft and offered back if the connection drops."),
		 cols, "  ", "  ", EL_NORMAL, EL_NORMAL, -2, NULL);
}

void help_draw(WINDOW *w, const struct app *a)
{
	draw_header(w, a, _("Help"));
	struct rows r = {0};
	help_rows(a, &r, COLS);
	int hgt = body_height();
	rows_draw(w, a, &r, rows_clamp_top(&r, a->top[SCREEN_HELP], hgt), 1, hgt, COLS, -1);
	rows_free(&r);
	draw_statusline(w, a, _("Esc back · Up/Down scroll"));
}

int help_key(struct app *a, int key)
{
	enum action act = keys_action(key, true);
	if (act == ACT_BACK || act == ACT_QUIT || act == ACT_HELP || act == ACT_OPEN) {
		a->screen = a->help_from;
		return R_REDRAW;
	}
	struct rows r = {0};
	help_rows(a, &r, COLS);
	int sel = -1;
	int flags = rows_nav(&r, act, 0, &sel, &a->top[SCREEN_HELP], body_height());
	rows_free(&r);
	return flags;
}

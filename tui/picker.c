/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * picker.c: the status menu, an overlay the section and item screens
 * open with s.  A digit or Enter chooses; không áp dụng asks for the
 * reason first and sets both in one edit.
 */
#include "tui/app.h"

#include <stdlib.h>

struct picker_priv {
	size_t item; /* index into d->items */
};

static const enum status picker_order[] = {STATUS_TODO, STATUS_IN_PROGRESS, STATUS_DONE,
					   STATUS_NA};
#define PICKER_N ((int)ARRAY_LEN(picker_order))

static void picker_screen_open(struct app *a, struct screen *s, const struct screen_arg *arg)
{
	struct picker_priv *p = s->priv;
	p->item = arg->item;
	enum status cur = checklist_status(a->st->cl, a->d->items[p->item].id);
	s->sel = 0;
	for (int i = 0; i < PICKER_N; i++)
		if (picker_order[i] == cur)
			s->sel = i;
}

void picker_open(struct app *a, size_t i)
{
	screen_push(a, SCR_PICKER, &(struct screen_arg){.item = i});
}

static void picker_draw(WINDOW *w, const struct app *a, const struct screen *s)
{
	const struct picker_priv *p = s->priv;
	int width = 34, h = PICKER_N + 2;
	if (width > COLS - 2)
		width = COLS - 2;
	int y0 = (LINES - h) / 2, x0 = (COLS - width) / 2;
	for (int y = 0; y < h; y++)
		draw_fill(w, a, y0 + y, x0, width, EL_STATUSLINE);
	char *t = xasprintf(_("Status of item %s"), a->d->items[p->item].id);
	draw_text_ellipsis(w, a, y0, x0 + 1, width - 2, t, EL_STATUSLINE);
	free(t);
	for (int i = 0; i < PICKER_N; i++) {
		char *line = xasprintf("%c %d %s %s", i == s->sel ? '>' : ' ', i + 1,
				       status_marker(picker_order[i]), status_label(picker_order[i]));
		enum element el = i == s->sel ? EL_NORMAL : EL_STATUSLINE;
		draw_fill(w, a, y0 + 1 + i, x0 + 1, width - 2, el);
		draw_text_ellipsis(w, a, y0 + 1 + i, x0 + 1, width - 2, line, el);
		free(line);
	}
}

static int picker_choose(struct app *a, size_t i, enum status st)
{
	const char *id = a->d->items[i].id;
	if (st == STATUS_NA) {
		/* not applicable needs a reason: ask for it, then set both
		 * in one edit */
		struct editor *e = editor_open_field(a, i, "reason", _("Why is this not applicable?"));
		e->purpose = EDIT_REASON_NA;
		return R_REDRAW;
	}
	struct assignment as = {"status", status_name(st)};
	char *err = NULL;
	if (!app_apply(a, id, &as, 1, &err)) {
		app_msg(a, true, "%s", err);
		free(err);
		return R_REDRAW;
	}
	return R_SAVE | R_REDRAW;
}

static int picker_key(struct app *a, struct screen *s, int act, int key)
{
	struct picker_priv *p = s->priv;
	if (key >= '1' && key <= '0' + PICKER_N) {
		s->sel = key - '1';
		act = ACT_OPEN;
	}
	switch (act) {
	case ACT_UP:
		if (s->sel > 0)
			s->sel--;
		return R_REDRAW;
	case ACT_DOWN:
		if (s->sel < PICKER_N - 1)
			s->sel++;
		return R_REDRAW;
	case ACT_HOME:
		s->sel = 0;
		return R_REDRAW;
	case ACT_END:
		s->sel = PICKER_N - 1;
		return R_REDRAW;
	case ACT_BACK:
	case ACT_QUIT:
		screen_pop(a);
		return R_REDRAW;
	case ACT_OPEN:
	case ACT_TOGGLE: {
		size_t item = p->item;
		enum status st = picker_order[s->sel];
		screen_pop(a); /* s and p are gone from here on */
		return picker_choose(a, item, st);
	}
	default:
		return R_NONE;
	}
}

static const struct screen_key picker_keys[] = {
	{ACT_OPEN, NC_("key bar", "choose")},
	{ACT_BACK, NC_("key bar", "cancel")},
	{ACT_NONE, NULL},
};

const struct screen_ops picker_screen = {
	.name = "picker",
	.priv_size = sizeof(struct picker_priv),
	.flags = SCREEN_OVERLAY | SCREEN_RAW,
	.keys = picker_keys,
	.open = picker_screen_open,
	.draw = picker_draw,
	.key = picker_key,
};

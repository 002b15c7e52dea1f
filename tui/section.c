/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * section.c: one section: its paragraph, wrapped by display width, then
 * its items with their status markers.  Search matches are highlighted.
 */
#include "tui/app.h"

#include <stdlib.h>
#include <string.h>

#include "text/text.h"

/* Tags of the rows that select nothing, so search can find its hits in
 * them (search.c). */
enum { SECTION_TITLE_ROW = 1, SECTION_TEXT_ROW = 2 };

struct section_priv {
	size_t sec; /* index into d->sections */
};

const char *status_marker(enum status s)
{
	switch (s) {
	case STATUS_TODO: return "[ ]";
	case STATUS_IN_PROGRESS: return "[~]";
	case STATUS_DONE: return "[x]";
	case STATUS_NA: return "[-]";
	default: return "[!]";
	}
}

enum element status_element(enum status s)
{
	switch (s) {
	case STATUS_DONE: return EL_DONE;
	case STATUS_IN_PROGRESS: return EL_PROGRESS;
	case STATUS_NA: return EL_NA;
	case STATUS_CONFLICT: return EL_CONFLICT;
	default: return EL_NORMAL;
	}
}

static const struct section *section_of(const struct app *a, const struct screen *s)
{
	const struct section_priv *p = s->priv;
	return &a->d->sections[p->sec];
}

static void section_rows(const struct app *a, const struct screen *scr, struct rows *r, int cols)
{
	const struct section *s = section_of(a, scr);
	char *t = xasprintf("%s. %s", s->id, s->title);
	rows_add(r, a, t, cols, &(struct row_opts){.el = EL_TITLE, .tag = SECTION_TITLE_ROW,
						   .query = a->query});
	free(t);
	rows_add(r, a, s->text, cols, &(struct row_opts){.tag = SECTION_TEXT_ROW, .query = a->query});
	rows_blank(r);
	if (s->nitems == 0)
		rows_add(r, a, _("(this section has no items to tick off)"), cols,
			 &(struct row_opts){.prefix = "  ", .indent = "  ", .el = EL_HINT});
	if (a->loading)
		rows_add(r, a, app_loading_text(a), cols,
			 &(struct row_opts){.prefix = "… ", .indent = "  ", .el = EL_PROGRESS,
					    .prefix_el = EL_PROGRESS});
	for (size_t k = 0; k < s->nitems; k++) {
		const struct item *it = &a->d->items[s->first_item + k];
		if (a->loading) {
			/* no marks until the file is read: none would be true */
			char *p1 = xasprintf("      %s ", it->id);
			int pw = text_width(p1);
			char *p2 = xmalloc((size_t)pw + 1);
			memset(p2, ' ', (size_t)pw);
			p2[pw] = '\0';
			rows_add(r, a, it->text, cols,
				 &(struct row_opts){.prefix = p1, .indent = p2, .selectable = true,
						    .target = (int)k});
			free(p1);
			free(p2);
			continue;
		}
		/* what the list shows, kept by the engine as events arrive:
		 * a whole item view per line cost a key its items' history */
		struct item_stats st;
		checklist_item_stats(a->st->cl, it->id, &st);
		enum status status = checklist_status(a->st->cl, it->id);
		const char *review = checklist_value(a->st->cl, it->id, "review", NULL);
		/* "!" two people disagree; "*" the reviewer asked for more */
		bool nw = review && !strcmp(review, "needs-work");
		char *p1 = xasprintf("  %s %s%s%s ", status_marker(status), it->id,
				     st.nconflicts ? " !" : "", nw ? " *" : "");
		int pw = text_width(p1);
		char *p2 = xmalloc((size_t)pw + 1);
		memset(p2, ' ', (size_t)pw);
		p2[pw] = '\0';
		enum element el = st.nconflicts ? EL_CONFLICT : status_element(status);
		rows_add(r, a, it->text, cols,
			 &(struct row_opts){.prefix = p1, .indent = p2,
					    .el = el == EL_CONFLICT ? EL_NORMAL : el, .prefix_el = el,
					    .selectable = true, .target = (int)k, .query = a->query});
		free(p1);
		free(p2);
	}
}

static char *section_title(const struct app *a, const struct screen *scr)
{
	const struct section_priv *p = scr->priv;
	const struct section *s = &a->d->sections[p->sec];
	struct progress pr = counts_of(a, p->sec)->p;
	if (a->loading) /* no figure before the file is read */
		return xasprintf("%s %s", _("Section"), s->id);
	return xasprintf("%s %s · [%u/%u]", _("Section"), s->id, pr.done, pr.total - pr.na);
}

static int section_set_status(struct app *a, size_t i, const char *status)
{
	const struct item *it = &a->d->items[i];
	struct assignment as = {"status", status};
	char *err = NULL;
	if (!app_apply(a, it->id, &as, 1, &err)) {
		app_msg(a, true, "%s", err);
		free(err);
		return R_REDRAW;
	}
	return R_SAVE | R_REDRAW;
}

static int section_na_answer(struct app *a, int k, void *arg)
{
	size_t i = *(size_t *)arg;
	return k == 0 ? section_set_status(a, i, "done") : R_REDRAW;
}

int section_toggle(struct app *a, size_t i)
{
	const struct item *it = &a->d->items[i];
	enum status s = checklist_status(a->st->cl, it->id);
	if (s == STATUS_NA) {
		/* not applicable was a decision with a reason: never replace
		 * it with one stray key */
		const char *why = checklist_value(a->st->cl, it->id, "reason", NULL);
		char *msg = xasprintf(_("Item %s is marked not applicable (reason: %s). Mark it done instead?"),
				      it->id, why && *why ? why : "-");
		size_t *arg = xmalloc(sizeof *arg);
		*arg = i;
		const struct choice ch[] = {{"cyCY", _("yes")}, {"knKN\r\n", _("no")}};
		confirm_open(a, msg, ch, ARRAY_LEN(ch), section_na_answer, arg, free);
		free(msg);
		return R_REDRAW;
	}
	return section_set_status(a, i, s == STATUS_DONE ? "todo" : "done");
}

/* The open section's selected item, as an index into d->items. */
static size_t section_item(const struct app *a, const struct screen *scr)
{
	const struct section *s = section_of(a, scr);
	return s->first_item + (size_t)(scr->sel < 0 ? 0 : scr->sel);
}

size_t section_selected_item(const struct app *a, const struct screen *s)
{
	return section_item(a, s);
}

static bool section_offers(const struct app *a, const struct screen *scr, const struct screen_key *k)
{
	const struct section *s = section_of(a, scr);
	if (s->nitems == 0)
		return false; /* every key of this screen is about an item */
	switch (k->act) {
	case ACT_REVIEW:
		return a->review_dir != NULL;
	case ACT_TOGGLE:
	case ACT_STATUS:
	case ACT_EDIT:
		return a->review_dir == NULL;
	case ACT_ADD:
		return a->review_dir == NULL && a->d->items[section_item(a, scr)].nevidence > 0;
	default:
		return true;
	}
}

static int section_key(struct app *a, struct screen *scr, int act, int key)
{
	(void)key;
	struct rows r = {0};
	section_rows(a, scr, &r, COLS);
	int hgt = body_height(a);
	bool vis = rows_visible(&r, scr->sel, scr->top, hgt);
	if (!vis) {
		/* never change what cannot be seen: show it first */
		scr->top = rows_scroll_to(&r, scr->sel, scr->top, hgt);
		rows_free(&r);
		return R_REDRAW;
	}
	rows_free(&r);
	size_t idx = section_item(a, scr);
	switch (act) {
	case ACT_REVIEW:
		return review_open(a, idx);
	case ACT_OPEN:
		item_open(a, idx);
		return R_REDRAW;
	case ACT_TOGGLE:
		return section_toggle(a, idx);
	case ACT_STATUS:
		picker_open(a, idx);
		return R_REDRAW;
	case ACT_EDIT:
		editor_open_field(a, idx, "note", NULL);
		return R_REDRAW;
	case ACT_ADD:
		editor_open_activity(a, idx);
		return R_REDRAW;
	default:
		return R_PASS;
	}
}

static void section_open(struct app *a, struct screen *scr, const struct screen_arg *arg)
{
	struct section_priv *p = scr->priv;
	p->sec = arg->sec;
	scr->sel = arg->sel;
	struct rows r = {0};
	section_rows(a, scr, &r, COLS);
	/* from the section's start, unless that hides the selected item */
	int h = body_height(a);
	scr->top = rows_visible(&r, scr->sel, 0, h) ? 0 : rows_scroll_to(&r, scr->sel, 0, h);
	rows_free(&r);
}

void section_show(struct app *a, size_t sec, int k)
{
	screen_pop_to(a, SCR_OVERVIEW);
	struct screen *o = screen_top(a);
	if (o)
		o->sel = (int)sec;
	screen_push(a, SCR_SECTION, &(struct screen_arg){.sec = sec, .sel = k});
}

void section_show_hit(struct app *a, size_t sec, bool title, size_t m)
{
	section_show(a, sec, 0);
	struct screen *scr = screen_top(a);
	struct rows r = {0};
	section_rows(a, scr, &r, COLS);
	int tag = title ? SECTION_TITLE_ROW : SECTION_TEXT_ROW, row = 0;
	for (size_t i = 0; i < r.n; i++) {
		if (r.v[i].tag != tag)
			continue;
		if ((size_t)r.v[i].nhl > m) {
			row = (int)i;
			break;
		}
		m -= (size_t)r.v[i].nhl;
	}
	int hgt = body_height(a);
	if (row < scr->top || row >= scr->top + hgt)
		scr->top = rows_clamp_top(&r, row - hgt / 3, hgt);
	rows_free(&r);
}

static const struct screen_key section_keys[] = {
	{ACT_TOGGLE, NULL},
	{ACT_OPEN, NULL},
	{ACT_STATUS, NULL},
	{ACT_EDIT, NULL},
	{ACT_ADD, NULL},
	{ACT_REVIEW, NULL},
	{ACT_NONE, NULL},
};

const struct screen_ops section_screen = {
	.name = "section",
	.priv_size = sizeof(struct section_priv),
	.keys = section_keys,
	.open = section_open,
	.title = section_title,
	.rows = section_rows,
	.offers = section_offers,
	.key = section_key,
};

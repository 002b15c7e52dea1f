/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * review.c: the reviewer view (`dvk --review DIR`).
 *
 * The list of units whose state files are under DIR, as `dvk report`
 * reads them (report_load: folders searched, a unit's copies joined, so
 * it counts once), sorted like the report, with progress, conflicts and
 * the reviews in force.  Enter opens a unit's overview with the usual
 * screens, read-only apart from reviews: a verdict (approved or
 * needs-work) and an optional comment, recorded with report_review and
 * saved into that unit's file under DIR, signed by the reviewer, so the
 * file carries it back to the unit.
 */
#include "tui/app.h"

#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "text/text.h"

static const char *const verdicts[] = {"approved", "needs-work"};

const char *verdict_label(const char *verdict)
{
	if (!strcmp(verdict, "approved"))
		return _("approved");
	if (!strcmp(verdict, "needs-work"))
		return _("needs more work");
	return verdict;
}

/* ---- loading ---- */

/* The file a review of unit u is written into: its main file under DIR
 * ("<unit>.dvk.yaml"), else the first file it was read from. */
static char *review_unit_path(const struct report_unit *u)
{
	char *want = xasprintf("%s%s", u->unit, STATE_SUFFIX);
	const char *pick = u->npaths ? u->paths[0] : NULL;
	for (size_t i = 0; i < u->npaths; i++) {
		const char *base = strrchr(u->paths[i], '/');
		base = base ? base + 1 : u->paths[i];
		if (!strcmp(base, want)) {
			pick = u->paths[i];
			break;
		}
	}
	free(want);
	return pick ? xstrdup(pick) : NULL;
}

/* Open unit index i of the report: a->st is borrowed from it. */
static void review_open_unit(struct app *a, size_t i)
{
	struct report_unit *u = &a->rv->units[i];
	struct screen *us = screen_find(a, SCR_UNITS);
	if (us)
		us->sel = (int)i;
	a->st = u->st;
	free(a->path);
	a->path = review_unit_path(u);
	/* reviews are edits this laptop makes: its journal keeps them */
	if (!a->st->journal)
		app_attach_journal(a);
	hlc_observe(&a->clock, checklist_max_at(a->st->cl), 0, config_now());
}

void review_close_unit(struct app *a)
{
	a->st = NULL;
	free(a->path);
	a->path = NULL;
	screen_pop_to(a, SCR_UNITS);
}

int review_load(struct app *a, char **errmsg)
{
	struct dvk_error err;
	dvk_error_clear(&err);
	if (!store_exists(a->review_dir)) {
		*errmsg = xasprintf(_("%s: no such file or folder"), a->review_dir);
		return 0;
	}
	const char *paths[1] = {a->review_dir};
	a->rv = report_load(a->d, paths, 1);
	a->replica = config_replica(a->cfg, &err);
	if (!a->replica) {
		a->replica = xstrdup("unknown");
		app_msg(a, true, "%s", err.message);
	}
	if (!config_clock_load(a->cfg, &a->clock, &err)) {
		memset(&a->clock, 0, sizeof a->clock);
		app_msg(a, true, "%s", err.message);
	}
	hlc_observe(&a->clock, a->rv->last_at, 0, config_now());
	return 1;
}

void review_refresh(struct app *a)
{
	report_compute(a->rv);
	/* compute sorts the units again: follow the open one */
	struct screen *us = screen_find(a, SCR_UNITS);
	for (size_t i = 0; us && a->st && i < a->rv->nunits; i++)
		if (a->rv->units[i].st == a->st)
			us->sel = (int)i;
}

void review_reload(struct app *a)
{
	char *open_unit = a->st ? xstrdup(a->st->unit) : NULL;
	const char *paths[1] = {a->review_dir};
	struct report *fresh = report_load(a->d, paths, 1);
	a->st = NULL;
	report_free(a->rv);
	a->rv = fresh;
	struct screen *us = screen_find(a, SCR_UNITS);
	if (us && us->sel >= (int)a->rv->nunits)
		us->sel = a->rv->nunits ? (int)a->rv->nunits - 1 : 0;
	if (open_unit) {
		bool found = false;
		for (size_t i = 0; i < a->rv->nunits; i++)
			if (!strcmp(a->rv->units[i].unit, open_unit)) {
				review_open_unit(a, i);
				found = true;
			}
		if (!found) {
			review_close_unit(a);
			app_msg(a, true, _("The file of %s is gone."), open_unit);
			free(open_unit);
			return;
		}
		free(open_unit);
	}
	app_msg(a, false, _("Reloaded: %zu units."), a->rv->nunits);
}

/* ---- the list of units ---- */

/* "[#####.....]" of width w for p. */
static void review_bar(struct buf *b, const struct progress *p, int w)
{
	unsigned applicable = p->total - p->na;
	int full = applicable ? (int)(p->done * (unsigned)(w - 2) / applicable) : 0;
	buf_addc(b, '[');
	for (int k = 0; k < w - 2; k++)
		buf_addc(b, k < full ? '#' : '.');
	buf_addc(b, ']');
}

/* One unit's line: name on the left; conflicts, items needing work,
 * bar, done/applicable and percent on the right. */
static char *units_line(const struct app *a, const struct report_unit *u, int cols)
{
	int barw = cols >= 70 ? 14 : cols >= 50 ? 8 : 0;
	struct buf right = {0};
	char pc[16];
	if (u->nconflicts)
		buf_printf(&right, "!%-3zu ", u->nconflicts);
	else
		buf_adds(&right, "     ");
	if (u->needs_work)
		buf_printf(&right, "*%-3u ", u->needs_work);
	else
		buf_adds(&right, "     ");
	if (barw) {
		review_bar(&right, &u->all, barw);
		buf_addc(&right, ' ');
	}
	buf_printf(&right, "%3u/%-3u %4s", u->all.done, u->all.total - u->all.na,
		   report_percent(&u->all, pc, sizeof pc));
	char *name = draw_disp(a, u->name, false);
	int rw = text_width(right.data);
	int tw = cols - rw - 1;
	struct buf line = {0};
	if (tw > 0) {
		int used = 0;
		if (text_width(name) <= tw) {
			buf_adds(&line, name);
			used = text_width(name);
		} else {
			int ew = a->ascii ? 3 : 1;
			size_t n = text_fit(name, tw - ew, &used);
			buf_add(&line, name, n);
			buf_adds(&line, a->ascii ? "..." : "…");
			used += ew;
		}
		for (; used < tw + 1; used++)
			buf_addc(&line, ' ');
	}
	buf_adds(&line, right.data);
	free(name);
	buf_free(&right);
	return buf_steal(&line);
}

static void units_rows(const struct app *a, const struct screen *s, struct rows *r, int cols)
{
	(void)s;
	const struct report *rv = a->rv;
	char *t = xasprintf(_("%zu units in %s"), rv->nunits, a->review_dir);
	rows_add(r, a, t, cols, &(struct row_opts){.el = EL_TITLE});
	free(t);
	char pc[16];
	char *all = xasprintf(_("All units: %u/%u done (%s)"), rv->all.done,
			      rv->all.total - rv->all.na, report_percent(&rv->all, pc, sizeof pc));
	rows_add(r, a, all, cols, NULL);
	free(all);
	rows_add(r, a, _("! fields in conflict · * items needing more work · done/applicable"),
		 cols, &(struct row_opts){.el = EL_HINT});
	/* files left out: say which and why, at file:line:col */
	for (size_t i = 0; i < rv->ndiags; i++) {
		char buf[DVK_ERR_MSG + DVK_ERR_PATH + 32];
		const struct report_diag *dg = &rv->diags[i];
		enum element el = dg->error ? EL_ERROR : EL_HINT;
		rows_add(r, a, dvk_error_format(&dg->err, buf, sizeof buf), cols,
			 &(struct row_opts){.prefix = "! ", .indent = "  ", .el = el, .prefix_el = el});
	}
	rows_blank(r);
	if (rv->nunits == 0)
		rows_add(r, a, _("(no state files found here)"), cols,
			 &(struct row_opts){.prefix = "  ", .indent = "  ", .el = EL_HINT});
	for (size_t i = 0; i < rv->nunits; i++) {
		const struct report_unit *u = &rv->units[i];
		char *line = units_line(a, u, cols - 2);
		enum element el = u->nconflicts ? EL_CONFLICT
				 : u->all.total && u->all.done + u->all.na == u->all.total ? EL_DONE
				 : EL_NORMAL;
		rows_add(r, a, line, cols, &(struct row_opts){.prefix = "  ", .indent = "  ", .el = el,
							       .selectable = true, .target = (int)i});
		free(line);
	}
}

static char *units_title(const struct app *a, const struct screen *s)
{
	(void)a;
	(void)s;
	return xasprintf("dvk · %s", _("Review"));
}

static int units_key(struct app *a, struct screen *s, int act, int key)
{
	(void)key;
	if (act == ACT_OFFICE) {
		screen_push(a, SCR_OFFICE, NULL);
		return R_REDRAW;
	}
	if (act != ACT_OPEN || a->rv->nunits == 0)
		return R_PASS;
	struct rows r = {0};
	units_rows(a, s, &r, COLS);
	int hgt = body_height(a);
	bool vis = rows_visible(&r, s->sel, s->top, hgt);
	if (!vis)
		s->top = rows_scroll_to(&r, s->sel, s->top, hgt);
	rows_free(&r);
	if (!vis)
		return R_REDRAW;
	review_open_unit(a, (size_t)s->sel);
	screen_push(a, SCR_OVERVIEW, NULL);
	return R_REDRAW;
}

static const struct screen_key units_keys[] = {
	{ACT_OPEN, NC_("key bar", "open the unit")},
	{ACT_RELOAD, NULL},
	{ACT_OFFICE, NULL},
	{ACT_NONE, NULL},
};

const struct screen_ops units_screen = {
	.name = "units",
	.keys = units_keys,
	.title = units_title,
	.rows = units_rows,
	.key = units_key,
};

/* ---- the verdict menu ---- */

struct verdict_priv {
	size_t item; /* index into d->items */
};

int review_open(struct app *a, size_t i)
{
	if (!a->review_dir) {
		app_msg(a, true, _("Reviews are written by the reviewer (dvk --review DIR)."));
		return R_REDRAW;
	}
	screen_push(a, SCR_VERDICT, &(struct screen_arg){.item = i});
	return R_REDRAW;
}

static void verdict_open(struct app *a, struct screen *s, const struct screen_arg *arg)
{
	struct verdict_priv *p = s->priv;
	p->item = arg->item;
	const char *cur = checklist_value(a->st->cl, a->d->items[p->item].id, "review", NULL);
	s->sel = cur && !strcmp(cur, "needs-work") ? 1 : 0;
}

static void verdict_draw(WINDOW *w, const struct app *a, const struct screen *s)
{
	const struct verdict_priv *p = s->priv;
	int n = (int)ARRAY_LEN(verdicts);
	int width = 40, h = n + 2;
	if (width > COLS - 2)
		width = COLS - 2;
	int y0 = (LINES - h) / 2, x0 = (COLS - width) / 2;
	for (int y = 0; y < h; y++)
		draw_fill(w, a, y0 + y, x0, width, EL_STATUSLINE);
	char *t = xasprintf(_("Review of item %s"), a->d->items[p->item].id);
	draw_text_ellipsis(w, a, y0, x0 + 1, width - 2, t, EL_STATUSLINE);
	free(t);
	for (int i = 0; i < n; i++) {
		char *line = xasprintf("%c %d %s", i == s->sel ? '>' : ' ', i + 1,
				       verdict_label(verdicts[i]));
		enum element el = i == s->sel ? EL_NORMAL : EL_STATUSLINE;
		draw_fill(w, a, y0 + 1 + i, x0 + 1, width - 2, el);
		draw_text_ellipsis(w, a, y0 + 1 + i, x0 + 1, width - 2, line, el);
		free(line);
	}
}

static void comment_editor(struct app *a, const char *item, const char *verdict,
			   const char *text)
{
	char *label = xasprintf(_("%s, item %s: a comment for the unit (may be empty)"),
				verdict_label(verdict), item);
	struct editor *e = editor_open(a, &(struct editor_spec){.purpose = EDIT_REVIEW, .label = label, .item = item,
					     .field = verdict, .init = text});
	e->base = draft_base(a, item, "review_comment");
	free(label);
}

const struct state *review_state(const struct app *a, const char *unit)
{
	for (size_t i = 0; a->rv && i < a->rv->nunits; i++)
		if (!strcmp(a->rv->units[i].unit, unit))
			return a->rv->units[i].st;
	return NULL;
}

bool review_resume(struct app *a, const char *unit, const char *item,
		   const char *verdict, const char *text)
{
	long it = directive_item_index(a->d, item);
	bool known = false;
	for (size_t k = 0; k < ARRAY_LEN(verdicts); k++)
		known |= !strcmp(verdicts[k], verdict);
	for (size_t i = 0; known && it >= 0 && i < a->rv->nunits; i++) {
		if (strcmp(a->rv->units[i].unit, unit))
			continue;
		review_open_unit(a, i);
		screen_pop_to(a, SCR_UNITS);
		screen_push(a, SCR_OVERVIEW, NULL);
		item_show(a, (size_t)it);
		comment_editor(a, item, verdict, text);
		return true;
	}
	return false;
}

static int verdict_key(struct app *a, struct screen *s, int act, int key)
{
	struct verdict_priv *p = s->priv;
	int n = (int)ARRAY_LEN(verdicts);
	if (key >= '1' && key <= '0' + n) {
		s->sel = key - '1';
		act = ACT_OPEN;
	}
	switch (act) {
	case ACT_UP:
	case ACT_HOME:
		s->sel = 0;
		return R_REDRAW;
	case ACT_DOWN:
	case ACT_END:
		s->sel = n - 1;
		return R_REDRAW;
	case ACT_BACK:
	case ACT_QUIT:
		screen_pop(a);
		return R_REDRAW;
	case ACT_OPEN:
	case ACT_TOGGLE: {
		const struct item *it = &a->d->items[p->item];
		const char *verdict = verdicts[s->sel];
		screen_pop(a); /* s and p are gone from here on */
		/* a comment belongs to the verdict: offer the one in force only
		 * when the verdict stays the same */
		const char *cur = checklist_value(a->st->cl, it->id, "review", NULL);
		const char *com = checklist_value(a->st->cl, it->id, "review_comment", NULL);
		comment_editor(a, it->id, verdict, cur && com && !strcmp(cur, verdict) ? com : "");
		return R_REDRAW;
	}
	default:
		return R_NONE;
	}
}

static const struct screen_key verdict_keys[] = {
	{ACT_OPEN, NC_("key bar", "choose")},
	{ACT_BACK, NC_("key bar", "cancel")},
	{ACT_NONE, NULL},
};

const struct screen_ops verdict_screen = {
	.name = "verdict",
	.priv_size = sizeof(struct verdict_priv),
	.flags = SCREEN_OVERLAY | SCREEN_RAW,
	.keys = verdict_keys,
	.open = verdict_open,
	.draw = verdict_draw,
	.key = verdict_key,
};

int review_submit(struct app *a, const char *verdict, const char *item,
		  const char *comment, char **errmsg)
{
	struct dvk_error err;
	dvk_error_clear(&err);
	struct edit_ctx ctx = {
		.by = a->cfg->user,
		.replica = a->replica,
		.clock = &a->clock,
		.now = config_now(),
		.random = config_random,
		.random_arg = NULL,
	};
	int added = report_review(a->st, a->d, item, verdict, comment, &ctx, &err);
	if (added < 0) {
		*errmsg = xstrdup(err.message);
		return 0;
	}
	if (added == 0) {
		app_msg(a, false, _("Nothing changed."));
		return R_REDRAW;
	}
	app_msg(a, false, _("Review recorded in %s."), a->path ? a->path : "?");
	return R_SAVE | R_REDRAW;
}

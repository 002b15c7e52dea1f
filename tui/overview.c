/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * overview.c: the first screen.  The directive's title and issuer, the
 * unit, the overall progress, warnings (conflicts, a wrong-looking clock),
 * and one line per section with its count and bar.
 */
#include "tui/app.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "text/text.h"

/* 2023-01-01T00:00:00Z: a laptop whose clock says earlier is wrong. */
#define OVERVIEW_SANE_MS 1672531200000LL

/* One section's line: "title …  [d/t] [####....]  40%", fitted to cols;
 * t leaves out the items that do not apply. */
static char *overview_section_line(const struct app *a, size_t i, int cols)
{
	const struct counts *c = counts_of(a, i);
	struct progress p = c->p;
	unsigned pct = progress_percent(&p);
	int barw = cols >= 64 ? 12 : cols >= 46 ? 7 : 0;
	struct buf right = {0};
	if (p.conflict)
		buf_adds(&right, "! ");
	if (c->needs_work)
		buf_adds(&right, "* ");
	/* done of the applicable items, as `dvk status` counts them */
	unsigned applicable = p.total - p.na;
	buf_printf(&right, "[%u/%u] ", p.done, applicable);
	if (barw) {
		int full = applicable ? (int)(p.done * (unsigned)(barw - 2) / applicable) : 0;
		buf_addc(&right, '[');
		for (int k = 0; k < barw - 2; k++)
			buf_addc(&right, k < full ? '#' : '.');
		buf_adds(&right, "] ");
	}
	buf_printf(&right, "%3u%%", pct);
	int rw = text_width(right.data);
	int tw = cols - rw - 1;
	char *title = draw_disp(a, a->d->sections[i].title, false);
	struct buf line = {0};
	if (tw > 0) {
		int used = 0;
		if (text_width(title) <= tw) {
			used = text_width(title);
			buf_adds(&line, title);
		} else {
			const char *ell = a->ascii ? "..." : "…";
			int ew = a->ascii ? 3 : 1;
			size_t n = text_fit(title, tw - ew, &used);
			buf_add(&line, title, n);
			buf_adds(&line, ell);
			used += ew;
		}
		for (int k = used; k < tw + 1; k++)
			buf_addc(&line, ' ');
	}
	buf_adds(&line, right.data);
	free(title);
	buf_free(&right);
	return buf_steal(&line);
}

/* Reviews that came back in the file: how many items are approved and
 * how many need more work. */
static void overview_reviews(const struct app *a, struct rows *r, int cols)
{
	const struct counts *c = counts_of(a, (size_t)-1);
	size_t approved = c->approved, nw = c->needs_work;
	if (nw) {
		char *m = xasprintf(_("Reviewer: %zu items need more work (marked *; open them for the comment); %zu approved."),
				    nw, approved);
		rows_add(r, a, m, cols, &(struct row_opts){.prefix = "* ", .indent = "  ", .el = EL_CONFLICT, .prefix_el = EL_CONFLICT});
		free(m);
	} else if (approved) {
		char *m = xasprintf(_("Reviewer: %zu items approved."), approved);
		rows_add(r, a, m, cols, &(struct row_opts){.prefix = "  ", .indent = "  ", .el = EL_DONE});
		free(m);
	}
}

static const struct row_opts warn_error = {
	.prefix = "! ", .indent = "  ", .el = EL_ERROR, .prefix_el = EL_ERROR};
static const struct row_opts warn_conflict = {
	.prefix = "! ", .indent = "  ", .el = EL_CONFLICT, .prefix_el = EL_CONFLICT};

static void overview_rows(const struct app *a, const struct screen *s, struct rows *r, int cols)
{
	(void)s;
	const struct directive *d = a->d;
	rows_add(r, a, d->title, cols, &(struct row_opts){.el = EL_TITLE});
	struct buf b = {0};
	buf_adds(&b, d->issuer ? d->issuer : "");
	if (d->scope)
		buf_printf(&b, " · %s", d->scope);
	if (d->revision > 1 || d->revision_date) {
		buf_adds(&b, " · ");
		buf_printf(&b, _("revision %u"), d->revision);
		if (d->revision_date)
			buf_printf(&b, " (%s)", d->revision_date);
	}
	rows_add(r, a, b.data, cols, NULL);
	buf_free(&b);

	const char *unit = app_unit_label(a);
	char *l1 = xasprintf("%s ", _("Unit:"));
	char *who = a->review_dir
		? xasprintf(_("%s · reviewed by %s (read only)"), unit ? unit : "",
			    a->cfg->user ? a->cfg->user : "")
		: xasprintf("%s · %s", unit ? unit : "", a->cfg->user ? a->cfg->user : "");
	rows_add(r, a, who, cols, &(struct row_opts){.prefix = l1, .prefix_el = EL_LABEL});
	free(l1);
	free(who);

	if (a->loading) {
		/* the directive now, the unit's figures when its file is read */
		rows_add(r, a, app_loading_text(a), cols,
			 &(struct row_opts){.prefix = "… ", .indent = "  ", .el = EL_PROGRESS,
					    .prefix_el = EL_PROGRESS});
		rows_blank(r);
		for (size_t i = 0; i < d->nsections; i++) {
			char *pre = xasprintf("  %s. ", d->sections[i].id);
			rows_add(r, a, d->sections[i].title, cols,
				 &(struct row_opts){.prefix = pre, .selectable = true, .target = (int)i});
			free(pre);
		}
		return;
	}
	struct progress p = counts_of(a, (size_t)-1)->p;
	unsigned applicable = p.total - p.na;
	int barw = cols >= 60 ? 22 : 12;
	struct buf bar = {0};
	buf_printf(&bar, "%s [", _("Progress:"));
	int full = applicable ? (int)(p.done * (unsigned)(barw - 2) / applicable) : 0;
	for (int k = 0; k < barw - 2; k++)
		buf_addc(&bar, k < full ? '#' : '.');
	buf_adds(&bar, "] ");
	char *txt = xasprintf(_("%u/%u done (%u%%)"), p.done, applicable, progress_percent(&p));
	rows_add(r, a, txt, cols, &(struct row_opts){.prefix = bar.data, .prefix_el = EL_LABEL});
	free(txt);
	buf_free(&bar);

	size_t nconf = checklist_conflict_count(a->st->cl);
	if (nconf) {
		char *m = xasprintf(_("%zu conflicts: two people changed the same thing; open the items marked ! to settle them."), nconf);
		rows_add(r, a, m, cols, &warn_conflict);
		free(m);
	}
	overview_reviews(a, r, cols);
	if (!a->review_dir) {
		size_t nnew = changes_count(a);
		if (nnew) {
			char *m = xasprintf(_("%zu changes by others since you last looked: c shows them."), nnew);
			rows_add(r, a, m, cols, &(struct row_opts){.prefix = "! ", .indent = "  ", .el = EL_PROGRESS, .prefix_el = EL_PROGRESS});
			free(m);
		}
	}
	for (size_t i = 0; i < a->nkept; i++)
		rows_add(r, a, a->kept[i], cols, &warn_error);
	if (a->st->revision > d->revision) {
		char *m = xasprintf(_("This file was written against revision %u of the directive; this "
				      "laptop has revision %u. What it does not know is shown apart: receive "
				      "the new revision (R) to see it."), a->st->revision, d->revision);
		rows_add(r, a, m, cols, &warn_conflict);
		free(m);
	}
	int64_t now = config_now(), newest = checklist_max_at(a->st->cl);
	if (now < OVERVIEW_SANE_MS) {
		rows_add(r, a, _("This computer's date looks wrong (before 2023). Please correct it."),
			 cols, &warn_error);
	} else if (store_clock_behind(newest, now)) {
		char f[16], l[16];
		time_t tf = (time_t)(newest / 1000), tl = (time_t)(now / 1000);
		struct tm tm;
		strftime(f, sizeof f, "%d/%m/%Y", localtime_r(&tf, &tm));
		strftime(l, sizeof l, "%d/%m/%Y", localtime_r(&tl, &tm));
		char *m = xasprintf(_("This computer's date looks wrong: the file has entries up to %s, "
				      "this computer says %s. Please correct it."), f, l);
		rows_add(r, a, m, cols, &warn_error);
		free(m);
	} else if (newest > now + CLOCK_MAX_AHEAD_MS)
		rows_add(r, a, _("Some changes are dated in the future: a computer's clock is wrong. Check the date."),
			 cols, &warn_error);
	rows_blank(r);
	for (size_t i = 0; i < d->nsections; i++) {
		char *pre = xasprintf("  %s. ", d->sections[i].id);
		char *line = overview_section_line(a, i, cols - text_width(pre));
		struct progress sp = counts_of(a, i)->p;
		enum element el = sp.conflict ? EL_CONFLICT
				 : (sp.total && sp.done + sp.na == sp.total) ? EL_DONE : EL_NORMAL;
		rows_add(r, a, line, cols, &(struct row_opts){.prefix = pre, .el = el, .selectable = true, .target = (int)i});
		free(line);
		free(pre);
	}
	/* what the revision in use lacks: apart from the sections and their
	 * progress, one line that opens the list */
	size_t nmf, norph = orphans_count(a, &nmf);
	if (norph || nmf) {
		char *m = xasprintf(_("Items no longer in the directive: %zu items, %zu values (not counted)"),
				    norph, nmf);
		rows_blank(r);
		rows_add(r, a, m, cols, &(struct row_opts){.prefix = "  ~ ", .indent = "    ", .el = EL_NA,
							    .selectable = true, .target = (int)d->nsections});
		free(m);
	}
}

static char *overview_title(const struct app *a, const struct screen *s)
{
	(void)s;
	return xasprintf("dvk · %s", a->d->title);
}

static int overview_key(struct app *a, struct screen *s, int act, int key)
{
	(void)key;
	switch (act) {
	case ACT_OPEN: {
		if (a->d->nsections == 0)
			return R_NONE;
		/* never open what cannot be seen: show it first */
		struct rows r = {0};
		overview_rows(a, s, &r, COLS);
		int h = body_height(a);
		bool vis = rows_visible(&r, s->sel, s->top, h);
		if (!vis)
			s->top = rows_scroll_to(&r, s->sel, s->top, h);
		rows_free(&r);
		if (vis && (size_t)s->sel == a->d->nsections)
			screen_push(a, SCR_ORPHANS, NULL);
		else if (vis)
			section_show(a, (size_t)s->sel, 0);
		return R_REDRAW;
	}
	case ACT_BACK:
		if (screen_find(a, SCR_CHOOSER))
			return app_unchoose(a);
		/* back to the reviewer's list of units, but never with a
		 * review that is not on disk yet */
		if (a->save_pending)
			app_save(a);
		if (a->save_pending) {
			app_msg(a, true, _("The review is not saved yet (see above); r retries."));
			return R_REDRAW;
		}
		review_close_unit(a);
		return R_REDRAW;
	default:
		return R_PASS;
	}
}

static bool overview_offers(const struct app *a, const struct screen *s, const struct screen_key *k)
{
	(void)s;
	/* Esc leaves a reviewed unit for the list; q, everywhere but on
	 * the first screen, is Esc */
	if (k->act == ACT_BACK)
		return a->review_dir != NULL || screen_find(a, SCR_CHOOSER) != NULL;
	return true;
}

static void overview_open(struct app *a, struct screen *s, const struct screen_arg *arg)
{
	(void)a;
	s->sel = arg ? (int)arg->sec : 0;
}

static const struct screen_key overview_keys[] = {
	{ACT_OPEN, NULL},
	{ACT_SEARCH, NULL},
	{ACT_BACK, NULL},
	{ACT_NONE, NULL},
};

const struct screen_ops overview_screen = {
	.name = "overview",
	.keys = overview_keys,
	.open = overview_open,
	.title = overview_title,
	.rows = overview_rows,
	.offers = overview_offers,
	.key = overview_key,
};

/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * xlsx.c: the report as an Excel workbook, written with libxlsxwriter
 * (see report.h, report_write_xlsx).
 *
 * Sheets: the summary (one row per unit, the roster's missing units
 * included, percentages as numbers in a percent format), the roll-up by
 * parent unit, the detail (one row per unit and item: status, note,
 * reason, evidence, review, conflicts), the roster with who reported, and
 * the list of open work.  Headers are in the report's language, the
 * header row is frozen and filtered, and columns are wide enough for
 * Vietnamese names.  Rows are written in order in libxlsxwriter's
 * constant-memory mode, so a province's workbook does not hold every
 * cell in memory.
 */
#include "report/internal.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/dl.h"
#include "text/text.h"

struct xw {
	const struct rpt_xlsx *x;
	const struct report *r;
	const struct report_opts *o;
	lxw_workbook *wb;
	lxw_format *head, *pct, *wrap, *num, *bold, *bold_pct, *missing;
	lxw_worksheet *ws;
	lxw_row_t row;
	lxw_col_t col;
};

/* ---- cells ---- */

static void cell_str(struct xw *w, const char *s, lxw_format *f)
{
	char *clean;

	if (!s || !*s) {
		w->col++;
		return;
	}
	/* Control characters cannot be in the sheet's XML; they show as
	 * they do in every other format ("^["). */
	clean = text_sanitize(s, true);
	w->x->worksheet_write_string(w->ws, w->row, w->col++, clean, f);
	free(clean);
}

static void cell_num(struct xw *w, double v, lxw_format *f)
{
	w->x->worksheet_write_number(w->ws, w->row, w->col++, v, f);
}

/* done / applicable as a fraction shown "67%"; empty when nothing applies. */
static void cell_pct(struct xw *w, const struct progress *p, lxw_format *f)
{
	unsigned app = p->total - p->na;

	if (!app) {
		cell_str(w, p->total ? "–" : "", NULL);
		return;
	}
	cell_num(w, (double)p->done / app, f);
}

static void next_row(struct xw *w)
{
	w->row++;
	w->col = 0;
}

/* A sheet with a header row: frozen (and the first `freeze_cols`
 * columns), filtered, wrapped; widths per column. */
static void sheet(struct xw *w, const char *name, const char *const *heads, const double *widths,
		  size_t n, unsigned freeze_cols)
{
	w->ws = w->x->workbook_add_worksheet(w->wb, name);
	w->row = 0;
	w->col = 0;
	for (size_t c = 0; c < n; c++)
		w->x->worksheet_set_column(w->ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL);
	w->x->worksheet_freeze_panes(w->ws, 1, (lxw_col_t)freeze_cols);
	w->x->worksheet_set_row(w->ws, 0, 48, NULL);
	for (size_t c = 0; c < n; c++)
		cell_str(w, heads[c], w->head);
	next_row(w);
}

static void filter(struct xw *w, size_t ncols)
{
	if (w->row > 1)
		w->x->worksheet_autofilter(w->ws, 0, 0, w->row - 1, (lxw_col_t)(ncols - 1));
}

/* ---- the summary ---- */

static void counts(struct xw *w, const struct progress *all)
{
	cell_num(w, all->done, w->num);
	cell_num(w, all->in_progress, w->num);
	cell_num(w, all->todo, w->num);
	cell_num(w, all->na, w->num);
	cell_num(w, all->conflict, w->num);
	cell_num(w, all->total - all->na, w->num);
}

static void summary(struct xw *w)
{
	const struct report *r = w->r;
	const struct directive *d = r->d;
	size_t n = 0, ncount = 0;
	const char **heads;
	double *widths;
	char **titles;

	for (size_t t = 0; t < r->ntotals; t++)
		ncount += r->totals[t].type == EVIDENCE_COUNT;
	n = 5 + d->nsections + 1 + 6 + 5 + ncount;
	heads = xcalloc(n, sizeof *heads);
	widths = xcalloc(n, sizeof *widths);
	titles = xcalloc(d->nsections + 1, sizeof *titles);
	{
		size_t c = 0;

		heads[c] = NC_("column", "unit"), widths[c++] = 22;
		heads[c] = NC_("column", "unit_name"), widths[c++] = 34;
		heads[c] = NC_("column", "parent_name"), widths[c++] = 24;
		heads[c] = NC_("column", "on_roster"), widths[c++] = 11;
		heads[c] = NC_("column", "reported"), widths[c++] = 11;
		for (size_t s = 0; s < d->nsections; s++) {
			titles[s] = xasprintf("%s. %s", d->sections[s].id, d->sections[s].title);
			heads[c] = titles[s], widths[c++] = 14;
		}
		heads[c] = NC_("column", "overall"), widths[c++] = 10;
		heads[c] = NC_("column", "done"), widths[c++] = 9;
		heads[c] = NC_("column", "in_progress"), widths[c++] = 9;
		heads[c] = NC_("column", "todo"), widths[c++] = 9;
		heads[c] = NC_("column", "not_applicable"), widths[c++] = 11;
		heads[c] = NC_("column", "conflict"), widths[c++] = 9;
		heads[c] = NC_("column", "applicable"), widths[c++] = 9;
		heads[c] = NC_("column", "last_edit"), widths[c++] = 12;
		heads[c] = NC_("column", "last_activity"), widths[c++] = 12;
		heads[c] = NC_("column", "files"), widths[c++] = 7;
		heads[c] = NC_("column", "approved"), widths[c++] = 9;
		heads[c] = NC_("column", "needs_work"), widths[c++] = 10;
		for (size_t t = 0; t < r->ntotals; t++)
			if (r->totals[t].type == EVIDENCE_COUNT)
				heads[c] = r->totals[t].label, widths[c++] = 14;
	}
	sheet(w, NC_("sheet", "Summary"), heads, widths, n, 2);
	for (size_t u = 0; u < r->nunits; u++) {
		const struct report_unit *ru = &r->units[u];
		char day[16];

		cell_str(w, ru->unit, NULL);
		cell_str(w, ru->name, NULL);
		cell_str(w, ru->parent ? rpt_parent_name(r, ru->parent) : "", NULL);
		cell_str(w, !r->opts.roster ? "" : ru->on_roster ? _("yes") : _("no"), NULL);
		cell_str(w, _("yes"), NULL);
		for (size_t s = 0; s < d->nsections; s++)
			cell_pct(w, &ru->sec[s], w->pct);
		cell_pct(w, &ru->all, w->pct);
		counts(w, &ru->all);
		cell_str(w, ru->last_at ? rpt_day(ru->last_at, day, sizeof day) : "", NULL);
		cell_str(w, ru->last_activity, NULL);
		cell_num(w, (double)ru->npaths, w->num);
		cell_num(w, ru->approved, w->num);
		cell_num(w, ru->needs_work, w->num);
		for (size_t t = 0; t < r->ntotals; t++)
			if (r->totals[t].type == EVIDENCE_COUNT)
				cell_num(w, (double)ru->sums[t], w->num);
		next_row(w);
	}
	for (size_t m = 0; m < r->nmissing; m++) {
		const struct roster_unit *ru = r->missing[m].ru;

		cell_str(w, ru->id, w->missing);
		cell_str(w, r->missing[m].name, w->missing);
		cell_str(w, ru->parent ? rpt_parent_name(r, ru->parent) : "", w->missing);
		cell_str(w, _("yes"), w->missing);
		cell_str(w, _("no"), w->missing);
		next_row(w);
	}
	/* The total row: figures of every item of every unit that reported. */
	cell_str(w, "", w->bold);
	cell_str(w, _("Total"), w->bold);
	w->col += 3;
	for (size_t s = 0; s < d->nsections; s++)
		cell_pct(w, &r->sections[s].items, w->bold_pct);
	cell_pct(w, &r->all, w->bold_pct);
	counts(w, &r->all);
	filter(w, n);
	for (size_t s = 0; s < d->nsections; s++)
		free(titles[s]);
	free(titles);
	free(heads);
	free(widths);
}

static void by_parent(struct xw *w)
{
	const struct report *r = w->r;
	const struct directive *d = r->d;
	size_t n = 4 + d->nsections + 1 + 6;
	const char **heads = xcalloc(n, sizeof *heads);
	double *widths = xcalloc(n, sizeof *widths);
	char **titles = xcalloc(d->nsections + 1, sizeof *titles);
	size_t c = 0;

	heads[c] = NC_("column", "parent"), widths[c++] = 22;
	heads[c] = NC_("column", "parent_name"), widths[c++] = 34;
	heads[c] = NC_("column", "units"), widths[c++] = 11;
	heads[c] = NC_("column", "units_not_reported"), widths[c++] = 11;
	for (size_t s = 0; s < d->nsections; s++) {
		titles[s] = xasprintf("%s. %s", d->sections[s].id, d->sections[s].title);
		heads[c] = titles[s], widths[c++] = 14;
	}
	heads[c] = NC_("column", "overall"), widths[c++] = 10;
	heads[c] = NC_("column", "done"), widths[c++] = 9;
	heads[c] = NC_("column", "in_progress"), widths[c++] = 9;
	heads[c] = NC_("column", "todo"), widths[c++] = 9;
	heads[c] = NC_("column", "not_applicable"), widths[c++] = 11;
	heads[c] = NC_("column", "conflict"), widths[c++] = 9;
	heads[c] = NC_("column", "applicable"), widths[c++] = 9;
	sheet(w, NC_("sheet", "By parent"), heads, widths, n, 2);
	for (size_t g = 0; g < r->ngroups; g++) {
		const struct report_group *gr = &r->groups[g];

		cell_str(w, gr->parent ? gr->parent : "", NULL);
		cell_str(w, gr->name, NULL);
		cell_num(w, (double)gr->nunits, w->num);
		cell_num(w, (double)gr->nmissing, w->num);
		for (size_t s = 0; s < d->nsections; s++)
			cell_pct(w, &gr->sec[s], w->pct);
		cell_pct(w, &gr->all, w->pct);
		counts(w, &gr->all);
		next_row(w);
	}
	filter(w, n);
	for (size_t s = 0; s < d->nsections; s++)
		free(titles[s]);
	free(titles);
	free(heads);
	free(widths);
}

/* ---- the detail ---- */

static void detail_row(struct xw *w, const struct report_unit *ru, const char *id,
		       const char *text, const struct report_item_detail *it, enum status st)
{
	struct buf b = { 0 };
	char day[16];

	cell_str(w, ru->unit, NULL);
	cell_str(w, ru->name, NULL);
	cell_str(w, id, NULL);
	cell_str(w, text, w->wrap);
	cell_str(w, rpt_status_word(st), NULL);
	cell_str(w, it ? it->note : NULL, w->wrap);
	cell_str(w, it ? it->reason : NULL, w->wrap);
	if (it)
		rpt_acts_text(&b, w->r->d, it, " | ");
	cell_str(w, b.data, w->wrap);
	cell_num(w, it ? (double)it->nacts : 0, w->num);
	cell_str(w, it && it->review ? rpt_verdict_word(it->review) : NULL, NULL);
	cell_str(w, it ? it->review_comment : NULL, w->wrap);
	b.len = 0;
	if (it)
		rpt_conflicts_text(&b, w->r->d, it);
	cell_str(w, b.len ? b.data : NULL, w->wrap);
	cell_str(w, it && it->last_at ? rpt_day(it->last_at, day, sizeof day) : NULL, NULL);
	buf_free(&b);
	next_row(w);
}

static void detail(struct xw *w)
{
	static const double widths[] = { 22, 34, 8, 50, 14, 40, 30, 50, 10, 14, 30, 30, 12 };
	const char *heads[] = {
		NC_("column", "unit"),       NC_("column", "unit_name"),  NC_("column", "item"),
		NC_("column", "task"),       NC_("column", "status"),     NC_("column", "note"),
		NC_("column", "reason"),     NC_("column", "evidence"),   NC_("column", "activities"),
		NC_("column", "review"),     NC_("column", "review_comment"), NC_("column", "conflicts"),
		NC_("column", "last_edit"),
	};
	const struct report *r = w->r;
	const struct directive *d = r->d;

	sheet(w, NC_("sheet", "Detail"), heads, widths, ARRAY_LEN(heads), 3);
	for (size_t u = 0; u < r->nunits; u++) {
		const struct report_unit *ru = &r->units[u];
		struct report_detail dt;
		size_t k = 0;

		report_detail_load(r, u, &dt);
		for (size_t i = 0; i < d->nitems; i++) {
			const struct report_item_detail *it = NULL;

			while (k < dt.n && dt.items[k].item != (size_t)-1 && dt.items[k].item < i)
				k++;
			if (k < dt.n && dt.items[k].item == i)
				it = &dt.items[k];
			detail_row(w, ru, d->items[i].id, d->items[i].text, it, ru->status[i]);
		}
		for (size_t j = 0; j < dt.n; j++)
			if (dt.items[j].item == (size_t)-1)
				detail_row(w, ru, dt.items[j].id, _("(not in this revision of the directive)"),
					   &dt.items[j], dt.items[j].status);
		report_detail_free(&dt);
	}
	filter(w, ARRAY_LEN(heads));
}

/* ---- the roster and the open work ---- */

static void roster_sheet(struct xw *w)
{
	static const double widths[] = { 22, 34, 24, 30, 11, 11, 7, 60 };
	const char *heads[] = {
		NC_("column", "unit"),     NC_("column", "unit_name"), NC_("column", "parent"),
		NC_("column", "contact"),  NC_("column", "on_roster"), NC_("column", "reported"),
		NC_("column", "files"),    NC_("column", "file_names"),
	};
	const struct report *r = w->r;
	const struct roster *ro = r->opts.roster;

	sheet(w, NC_("sheet", "Roster"), heads, widths, ARRAY_LEN(heads), 2);
	for (size_t i = 0; i < roster_count(ro); i++) {
		const struct roster_unit *ru = roster_unit_at(ro, i);
		const struct report_unit *u = report_find_unit(r, ru->id);
		struct buf b = { 0 };

		cell_str(w, ru->id, u ? NULL : w->missing);
		cell_str(w, ru->name ? ru->name : u ? u->name : ru->id, u ? NULL : w->missing);
		cell_str(w, ru->parent ? rpt_parent_name(r, ru->parent) : "", u ? NULL : w->missing);
		cell_str(w, ru->contact, u ? NULL : w->missing);
		cell_str(w, _("yes"), u ? NULL : w->missing);
		cell_str(w, u ? _("yes") : _("no"), u ? NULL : w->missing);
		cell_num(w, u ? (double)u->npaths : 0, w->num);
		for (size_t k = 0; u && k < u->npaths; k++) {
			buf_adds(&b, k ? "; " : "");
			buf_adds(&b, u->paths[k]);
		}
		cell_str(w, b.data, NULL);
		buf_free(&b);
		next_row(w);
	}
	for (size_t k = 0; k < r->nunits; k++) {
		const struct report_unit *u = &r->units[k];
		struct buf b = { 0 };

		if (ro && u->on_roster)
			continue;
		cell_str(w, u->unit, NULL);
		cell_str(w, u->name, NULL);
		cell_str(w, u->parent ? rpt_parent_name(r, u->parent) : "", NULL);
		cell_str(w, NULL, NULL);
		cell_str(w, ro ? _("no") : "", NULL);
		cell_str(w, _("yes"), NULL);
		cell_num(w, (double)u->npaths, w->num);
		for (size_t j = 0; j < u->npaths; j++) {
			buf_adds(&b, j ? "; " : "");
			buf_adds(&b, u->paths[j]);
		}
		cell_str(w, b.data, NULL);
		buf_free(&b);
		next_row(w);
	}
	filter(w, ARRAY_LEN(heads));
}

static void todo_row(void *arg, const struct rpt_todo *t)
{
	struct xw *w = arg;

	cell_str(w, t->unit, NULL);
	cell_str(w, t->name, NULL);
	cell_str(w, t->item, NULL);
	cell_str(w, t->what, NULL);
	cell_str(w, t->detail, w->wrap);
	cell_str(w, t->contact, NULL);
	next_row(w);
}

static void todo_sheet(struct xw *w)
{
	static const double widths[] = { 22, 34, 8, 30, 60, 30 };
	const char *heads[] = {
		NC_("column", "unit"),  NC_("column", "unit_name"), NC_("column", "item"),
		NC_("column", "to_do"), NC_("column", "details"),   NC_("column", "contact"),
	};

	sheet(w, NC_("sheet", "Open work"), heads, widths, ARRAY_LEN(heads), 2);
	rpt_todo_each(w->r, todo_row, w);
	filter(w, ARRAY_LEN(heads));
}

/* ---- the workbook ---- */

static lxw_format *fmt(struct xw *w, bool bold, const char *num, bool wrap)
{
	lxw_format *f = w->x->workbook_add_format(w->wb);

	w->x->format_set_font_name(f, "Times New Roman");
	w->x->format_set_font_size(f, 12);
	if (bold)
		w->x->format_set_bold(f);
	if (num)
		w->x->format_set_num_format(f, num);
	if (wrap) {
		w->x->format_set_text_wrap(f);
		w->x->format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	}
	return f;
}

int report_write_xlsx(const struct report *r, const struct report_opts *o, const char *path,
		      struct dvk_error *err)
{
	const struct rpt_xlsx *x = rpt_xlsx_api(err);
	lxw_workbook_options wo = { .constant_memory = LXW_TRUE };
	lxw_doc_properties props = { 0 };
	struct xw w = { .x = x, .r = r, .o = o };
	char *tmp;
	lxw_error e;
	int ok;

	if (!x)
		return 0;
	tmp = report_temp_beside(path);
	w.wb = x->workbook_new_opt(tmp, &wo);
	if (!w.wb) {
		dvk_error_setc(err, DVK_E_IO, path, 0, 0, "%s", _("cannot make the workbook"));
		free(tmp);
		return 0;
	}
	props.title = r->d->title;
	props.author = "dvk";
	x->workbook_set_properties(w.wb, &props);
	w.head = fmt(&w, true, NULL, true);
	x->format_set_bg_color(w.head, 0xDDEBF7);
	x->format_set_border(w.head, LXW_BORDER_THIN);
	w.pct = fmt(&w, false, "0%", false);
	w.bold_pct = fmt(&w, true, "0%", false);
	w.num = fmt(&w, false, "#,##0", false);
	w.wrap = fmt(&w, false, NULL, true);
	w.bold = fmt(&w, true, NULL, false);
	w.missing = fmt(&w, false, NULL, false);
	x->format_set_italic(w.missing);
	summary(&w);
	by_parent(&w);
	detail(&w);
	roster_sheet(&w);
	todo_sheet(&w);
	e = x->workbook_close(w.wb);
	if (e != LXW_NO_ERROR) {
		dvk_error_setc(err, DVK_E_IO, path, 0, 0, "libxlsxwriter: %s", x->lxw_strerror(e));
		unlink(tmp);
		free(tmp);
		return 0;
	}
	ok = report_move_into_place(tmp, path, err);
	unlink(tmp);
	free(tmp);
	return ok;
}

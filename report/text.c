/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * text.c: the report as aligned text or Markdown (see report.h): the
 * completion matrix, who has not reported and who is not on the roster,
 * each task group and item, each unit, the open work a reviewer acts on,
 * and with --detail what each unit wrote, item by item.
 */
#include "report/internal.h"

#include <stdlib.h>
#include <string.h>

#include "text/text.h"

struct doc {
	FILE *f;
	bool md;
	const struct report *r;
};

/* One line at an indent, as a list entry in Markdown. */
static void doc_line(const struct doc *dc, int indent, const struct buf *b)
{
	for (int i = 0; i < indent; i++)
		fputs("  ", dc->f);
	if (dc->md)
		fputs("- ", dc->f);
	fputs(b->data ? b->data : "", dc->f);
	fputc('\n', dc->f);
}

/* A paragraph made by dvk (trusted) of text and numbers. */
static void doc_para(const struct doc *dc, const struct buf *b)
{
	fprintf(dc->f, "%s%s\n", dc->md ? "\n" : "", b->data ? b->data : "");
}

static void doc_heading(const struct doc *dc, int level, const char *trusted, const char *from_file)
{
	struct buf b = {0};

	buf_adds(&b, trusted);
	if (from_file)
		rpt_clean(&b, from_file, dc->md);
	fputc('\n', dc->f);
	if (dc->md) {
		for (int i = 0; i < level; i++)
			fputc('#', dc->f);
		fprintf(dc->f, " %s\n\n", b.data);
	} else {
		fprintf(dc->f, "%s\n", b.data);
		if (level <= 2) {
			for (int i = text_width(b.data); i > 0; i--)
				fputc(level == 1 ? '=' : '-', dc->f);
			fputc('\n', dc->f);
		}
	}
	buf_free(&b);
}

static void add_clean(const struct doc *dc, struct buf *b, const char *s)
{
	rpt_clean(b, s, dc->md);
}

static void add_bold(const struct doc *dc, struct buf *b, const char *s)
{
	if (dc->md)
		buf_adds(b, "**");
	rpt_clean(b, s, dc->md);
	if (dc->md)
		buf_adds(b, "**");
}

static void add_progress(struct buf *b, const struct progress *p)
{
	char pct[16];

	buf_printf(b, _("%u done, %u in progress, %u not started, %u not applicable"), p->done,
		   p->in_progress, p->todo, p->na);
	if (p->conflict)
		buf_printf(b, _(", %u in conflict"), p->conflict);
	if (p->total)
		buf_printf(b, " (%s)", report_percent(p, pct, sizeof pct));
}

static void add_units(struct buf *b, const unsigned units[REPORT__NSTATES])
{
	buf_printf(b, _("%u completed, %u in progress, %u not started, %u not applicable"),
		   units[REPORT_DONE], units[REPORT_IN_PROGRESS], units[REPORT_NOT_STARTED],
		   units[REPORT_NA]);
}

/* "label: value" of a total; section-wide dates merge several labels,
 * so they are called by what they are, the time span. */
static bool add_total(const struct doc *dc, struct buf *b, const struct report_total *t, bool merged)
{
	char d1[16], d2[16];

	if (!t->nvalues)
		return false;
	if (t->type == EVIDENCE_DATE && merged)
		buf_adds(b, _("Time"));
	else
		add_clean(dc, b, t->label);
	switch (t->type) {
	case EVIDENCE_COUNT:
		buf_printf(b, ": %llu", t->sum);
		break;
	case EVIDENCE_DATE:
		if (strcmp(t->first, t->last) == 0)
			buf_printf(b, ": %s", rpt_date(t->first, d1, sizeof d1));
		else
			buf_printf(b, ": %s – %s", rpt_date(t->first, d1, sizeof d1),
				   rpt_date(t->last, d2, sizeof d2));
		break;
	case EVIDENCE_TEXT:
		buf_adds(b, ": ");
		buf_printf(b, ngettext("%zu entry", "%zu entries", t->nvalues), t->nvalues);
		break;
	}
	return true;
}

static void add_totals(const struct doc *dc, struct buf *b, const struct report_total *t, size_t n,
		       bool merged)
{
	bool any = false;

	for (size_t i = 0; i < n; i++) {
		size_t before = b->len;

		if (any)
			buf_adds(b, "; ");
		if (add_total(dc, b, &t[i], merged))
			any = true;
		else
			b->len = before, b->data[before] = '\0';
	}
	if (!any)
		buf_adds(b, _("none yet"));
}

/* ------------------------------------------------------------------ */
/* Task groups and items                                               */
/* ------------------------------------------------------------------ */

/* Index of the first activity of each item (acts are sorted by item). */
static size_t *act_starts(const struct report *r)
{
	size_t *start = xcalloc(r->d->nitems + 1, sizeof *start), a = 0;

	for (size_t i = 0; i <= r->d->nitems; i++) {
		while (a < r->nacts && r->acts[a].item < i)
			a++;
		start[i] = a;
	}
	return start;
}

static void doc_item(const struct doc *dc, size_t i, const size_t *start)
{
	const struct report *r = dc->r;
	const struct item *it = &r->d->items[i];
	const struct report_item *ri = &r->items[i];
	struct buf b = {0};
	const char ***tx = xcalloc(start[i + 1] - start[i] + 1, sizeof *tx);
	char iso[11], day[16];

	for (size_t a = start[i]; a < start[i + 1]; a++)
		tx[a - start[i]] = report_act_texts(r, &r->acts[a]);
	buf_printf(&b, dc->md ? "**%s** " : "%s  ", it->id);
	add_clean(dc, &b, it->text);
	doc_line(dc, 1, &b);
	b.len = 0;
	buf_printf(&b, _("Units: %u done, %u in progress, %u not started, %u not applicable"),
		   ri->units[STATUS_DONE], ri->units[STATUS_IN_PROGRESS], ri->units[STATUS_TODO],
		   ri->units[STATUS_NA]);
	if (ri->units[STATUS_CONFLICT])
		buf_printf(&b, _(", %u in conflict"), ri->units[STATUS_CONFLICT]);
	if (r->opts.since)
		buf_printf(&b, _("; %u finished in the period"), ri->done_in_period);
	buf_adds(&b, "; ");
	buf_printf(&b, ngettext("%zu activity", "%zu activities", ri->nacts), ri->nacts);
	if (ri->approved || ri->needs_work)
		buf_printf(&b, _("; reviews: %u approved, %u need more work"), ri->approved, ri->needs_work);
	doc_line(dc, 2, &b);
	for (size_t k = 0; k < it->nevidence; k++) {
		const struct report_total *t = &ri->fields[k];

		b.len = 0;
		if (!add_total(dc, &b, t, false))
			continue;
		doc_line(dc, 2, &b);
		if (t->type != EVIDENCE_TEXT)
			continue;
		for (size_t a = start[i]; a < start[i + 1]; a++) {
			const struct report_activity *ra = &r->acts[a];
			const char *v = tx[a - start[i]][k];

			if (!v)
				continue;
			b.len = 0;
			add_clean(dc, &b, v);
			buf_adds(&b, " — ");
			add_clean(dc, &b, r->units[ra->unit].name);
			if (ra->day)
				buf_printf(&b, ", %s", rpt_date(report_day(ra->day, iso), day, sizeof day));
			doc_line(dc, 3, &b);
		}
	}
	for (size_t a = start[i]; a < start[i + 1]; a++)
		free(tx[a - start[i]]);
	free(tx);
	buf_free(&b);
}

static void doc_sections(const struct doc *dc)
{
	const struct report *r = dc->r;
	const struct directive *d = r->d;
	size_t *start = act_starts(r);
	struct buf b = {0};

	doc_heading(dc, 2, _("By task group"), NULL);
	for (size_t s = 0; s < d->nsections; s++) {
		const struct report_section *rs = &r->sections[s];
		struct buf h = {0};

		add_clean(dc, &h, d->sections[s].id);
		buf_adds(&h, ". ");
		doc_heading(dc, 3, h.data, d->sections[s].title);
		buf_free(&h);
		b.len = 0;
		if (!d->sections[s].nitems) {
			/* Said so, not "not applicable": nothing was asked. */
			buf_adds(&b, _("This task group has no items."));
			doc_line(dc, 0, &b);
			continue;
		}
		buf_adds(&b, _("Units: "));
		add_units(&b, rs->units);
		doc_line(dc, 0, &b);
		b.len = 0;
		buf_adds(&b, _("Tasks of all units: "));
		add_progress(&b, &rs->items);
		if (r->opts.since)
			buf_printf(&b, _("; %u finished in the period"), rs->done_in_period);
		doc_line(dc, 0, &b);
		b.len = 0;
		buf_printf(&b, ngettext("Figures (%zu activity): ", "Figures (%zu activities): ", rs->nacts),
			   rs->nacts);
		add_totals(dc, &b, rs->fields, rs->nfields, true);
		doc_line(dc, 0, &b);
		for (size_t i = d->sections[s].first_item;
		     i < d->sections[s].first_item + d->sections[s].nitems; i++)
			doc_item(dc, i, start);
	}
	buf_free(&b);
	free(start);
}

/* ------------------------------------------------------------------ */
/* Units                                                               */
/* ------------------------------------------------------------------ */

static void add_open_items(const struct doc *dc, struct buf *b, const struct report_unit *u)
{
	bool first = true;

	for (size_t i = 0; i < dc->r->d->nitems; i++) {
		if (u->status[i] == STATUS_DONE || u->status[i] == STATUS_NA)
			continue;
		buf_adds(b, first ? "" : ", ");
		add_clean(dc, b, dc->r->d->items[i].id);
		if (u->status[i] == STATUS_CONFLICT)
			buf_printf(b, " (%s)", rpt_status_word(STATUS_CONFLICT));
		first = false;
	}
}

static void add_reviews(const struct doc *dc, struct buf *b, size_t u, const struct report_detail *dt)
{
	const struct report_unit *ru = &dc->r->units[u];

	buf_printf(b, _("Reviews: %u approved, %u need more work"), ru->approved, ru->needs_work);
	for (size_t i = 0; i < dt->n && ru->needs_work; i++) {
		const struct report_item_detail *it = &dt->items[i];

		if (it->item == (size_t)-1 || !it->review || strcmp(it->review, "needs-work") != 0)
			continue;
		buf_adds(b, "; ");
		add_clean(dc, b, it->id);
		if (it->review_comment && *it->review_comment) {
			buf_adds(b, ": ");
			add_clean(dc, b, it->review_comment);
		}
	}
}

/* What the unit's file holds that this revision of the directive lacks,
 * apart from its progress: items no longer in the directive, and values
 * of evidence fields dropped or retyped. */
static void doc_orphans(const struct doc *dc, const struct report_detail *dt, struct buf *b)
{
	bool any = false;

	b->len = 0;
	for (size_t i = 0; i < dt->n; i++) {
		if (dt->items[i].item != (size_t)-1)
			continue;
		if (!any)
			buf_printf(b, _("Items no longer in the directive (revision %u; not counted): "),
				   dc->r->d->revision);
		buf_adds(b, any ? ", " : "");
		add_clean(dc, b, dt->items[i].id);
		buf_printf(b, " (%s)", rpt_status_word(dt->items[i].status));
		any = true;
	}
	if (any)
		doc_line(dc, 1, b);
	if (!dt->nmisfits)
		return;
	b->len = 0;
	buf_adds(b, _("Values that no longer fit the directive (kept, not summed): "));
	for (size_t i = 0; i < dt->nmisfits; i++) {
		const struct report_misfit *m = &dt->misfits[i];

		buf_adds(b, i ? "; " : "");
		add_clean(dc, b, m->item);
		buf_adds(b, " ");
		add_clean(dc, b, m->key);
		buf_adds(b, " = ");
		add_clean(dc, b, m->value);
		buf_printf(b, " (%s)", m->no_field ? _("field dropped") : _("does not fit the new type"));
	}
	doc_line(dc, 1, b);
}

static void doc_units(const struct doc *dc)
{
	const struct report *r = dc->r;
	struct buf b = {0};
	char day[16], pct[16];

	doc_heading(dc, 2, _("By unit"), NULL);
	for (size_t u = 0; u < r->nunits; u++) {
		const struct report_unit *ru = &r->units[u];
		struct report_detail dt;

		b.len = 0;
		add_bold(dc, &b, ru->name);
		if (strcmp(ru->name, ru->unit) != 0) {
			buf_adds(&b, " (");
			add_clean(dc, &b, ru->unit);
			buf_adds(&b, ")");
		}
		if (ru->parent) {
			buf_adds(&b, _("; parent: "));
			add_clean(dc, &b, rpt_parent_name(r, ru->parent));
		}
		if (r->opts.roster && !ru->on_roster)
			buf_printf(&b, "; %s", _("not on the roster"));
		doc_line(dc, 0, &b);
		if (ru->names) {
			b.len = 0;
			buf_adds(&b, _("Names in conflict: "));
			for (size_t i = 0; ru->names[i]; i++) {
				buf_adds(&b, i ? " / " : "");
				add_clean(dc, &b, ru->names[i]);
			}
			doc_line(dc, 1, &b);
		}
		b.len = 0;
		buf_printf(&b, _("Done %s (%u/%u tasks that apply); last update %s"),
			   report_percent(&ru->all, pct, sizeof pct), ru->all.done,
			   ru->all.total - ru->all.na, rpt_day(ru->last_at, day, sizeof day));
		buf_printf(&b, _("; last activity %s; conflicts: %zu; files: %zu"),
			   *ru->last_activity ? rpt_date(ru->last_activity, day, sizeof day) : "–",
			   ru->nconflicts, ru->npaths);
		if (r->opts.since)
			buf_printf(&b, _("; finished in the period: %u"), ru->done_in_period);
		doc_line(dc, 1, &b);
		b.len = 0;
		buf_printf(&b, _("Open (%zu): "), ru->nopen);
		if (ru->nopen)
			add_open_items(dc, &b, ru);
		else
			buf_adds(&b, _("none"));
		doc_line(dc, 1, &b);
		report_detail_load(r, u, &dt);
		if (ru->approved || ru->needs_work) {
			b.len = 0;
			add_reviews(dc, &b, u, &dt);
			doc_line(dc, 1, &b);
		}
		doc_orphans(dc, &dt, &b);
		report_detail_free(&dt);
	}
	buf_free(&b);
}

/* ------------------------------------------------------------------ */
/* The roster: who has not reported, who is not on it                  */
/* ------------------------------------------------------------------ */

static void doc_roster(const struct doc *dc)
{
	const struct report *r = dc->r;
	struct rtable *t;
	char h[128];

	if (!r->opts.roster)
		return;
	snprintf(h, sizeof h, _("Not reported (%zu)"), r->nmissing);
	doc_heading(dc, 2, h, NULL);
	if (!r->nmissing) {
		struct buf b = {0};

		buf_adds(&b, _("Every unit on the roster has reported."));
		doc_para(dc, &b);
		buf_free(&b);
	} else {
		t = rtable_new(4, dc->md);
		rtable_align(t, 1, false, 32);
		rtable_addf(t, "%s", NC_("column", "unit"));
		rtable_addf(t, "%s", NC_("column", "unit_name"));
		rtable_addf(t, "%s", NC_("column", "parent_name"));
		rtable_addf(t, "%s", NC_("column", "contact"));
		for (size_t m = 0; m < r->nmissing; m++) {
			const struct roster_unit *ru = r->missing[m].ru;

			rtable_add(t, ru->id);
			rtable_add(t, r->missing[m].name);
			rtable_add(t, ru->parent ? rpt_parent_name(r, ru->parent) : "");
			rtable_add(t, ru->contact ? ru->contact : "");
		}
		rtable_write(t, dc->f);
		rtable_free(t);
	}
	if (!r->nextra)
		return;
	snprintf(h, sizeof h, _("Not on the roster (%zu)"), r->nextra);
	doc_heading(dc, 2, h, NULL);
	t = rtable_new(3, dc->md);
	rtable_align(t, 1, false, 32);
	rtable_addf(t, "%s", NC_("column", "unit"));
	rtable_addf(t, "%s", NC_("column", "unit_name"));
	rtable_addf(t, "%s", NC_("column", "files"));
	for (size_t u = 0; u < r->nunits; u++) {
		const struct report_unit *ru = &r->units[u];
		struct buf b = {0};

		if (ru->on_roster)
			continue;
		for (size_t k = 0; k < ru->npaths; k++) {
			buf_adds(&b, k ? "; " : "");
			buf_adds(&b, ru->paths[k]);
		}
		rtable_add(t, ru->unit);
		rtable_add(t, ru->name);
		rtable_add(t, b.data);
		buf_free(&b);
	}
	rtable_write(t, dc->f);
	rtable_free(t);
}

/* ------------------------------------------------------------------ */
/* Open work                                                           */
/* ------------------------------------------------------------------ */

struct todo_table {
	struct rtable *t;
	size_t n;
};

static void todo_row(void *arg, const struct rpt_todo *td)
{
	struct todo_table *tt = arg;

	rtable_add(tt->t, td->name);
	rtable_add(tt->t, td->item);
	rtable_add(tt->t, td->what);
	if (td->kind && !strcmp(td->kind, "missing") && td->contact)
		rtable_add(tt->t, td->contact);
	else
		rtable_add(tt->t, td->detail);
	tt->n++;
}

static void doc_todo(const struct doc *dc)
{
	struct todo_table tt = { rtable_new(4, dc->md), 0 };

	doc_heading(dc, 2, _("Open work"), NULL);
	rtable_align(tt.t, 0, false, 32);
	rtable_align(tt.t, 3, false, 60);
	rtable_addf(tt.t, "%s", NC_("column", "unit_name"));
	rtable_addf(tt.t, "%s", NC_("column", "item"));
	rtable_addf(tt.t, "%s", NC_("column", "to_do"));
	rtable_addf(tt.t, "%s", NC_("column", "details"));
	rpt_todo_each(dc->r, todo_row, &tt);
	if (tt.n) {
		rtable_write(tt.t, dc->f);
	} else {
		struct buf b = {0};

		buf_adds(&b, _("Nothing is waiting."));
		doc_para(dc, &b);
		buf_free(&b);
	}
	rtable_free(tt.t);
}

/* ------------------------------------------------------------------ */
/* What each unit wrote                                                */
/* ------------------------------------------------------------------ */

static void detail_item(const struct doc *dc, const struct report_item_detail *it)
{
	const struct directive *d = dc->r->d;
	struct buf b = {0}, t = {0};
	char day[16];

	buf_printf(&b, dc->md ? "**%s** " : "%s  ", it->id);
	buf_adds(&b, rpt_status_word(it->status));
	if (it->item == (size_t)-1)
		buf_printf(&b, " (%s)", _("not in this revision of the directive"));
	if (it->last_at) {
		buf_printf(&b, _("; updated %s"), rpt_day(it->last_at, day, sizeof day));
		if (it->last_by) {
			buf_adds(&b, _(" by "));
			add_clean(dc, &b, it->last_by);
		}
	}
	doc_line(dc, 1, &b);
	if (it->reason) {
		b.len = 0;
		buf_adds(&b, _("Reason: "));
		add_clean(dc, &b, it->reason);
		doc_line(dc, 2, &b);
	}
	if (it->note) {
		b.len = 0;
		buf_adds(&b, _("Note: "));
		add_clean(dc, &b, it->note);
		doc_line(dc, 2, &b);
	}
	for (size_t a = 0; a < it->nacts; a++) {
		b.len = 0;
		t.len = 0;
		rpt_act_text(&t, d, it->item, &it->acts[a]);
		buf_adds(&b, _("Activity: "));
		add_clean(dc, &b, t.data);
		if (!it->acts[a].in_period)
			buf_printf(&b, " (%s)", _("outside the period"));
		doc_line(dc, 2, &b);
	}
	if (it->review) {
		b.len = 0;
		buf_printf(&b, _("Review: %s"), rpt_verdict_word(it->review));
		if (it->review_comment && *it->review_comment) {
			buf_adds(&b, " — ");
			add_clean(dc, &b, it->review_comment);
		}
		if (it->review_by) {
			buf_adds(&b, " (");
			add_clean(dc, &b, it->review_by);
			buf_printf(&b, ", %s)", rpt_day(it->review_at, day, sizeof day));
		}
		doc_line(dc, 2, &b);
	}
	for (size_t c = 0; c < it->nconflicts; c++) {
		b.len = 0;
		t.len = 0;
		rpt_conflict_text(&t, d, it, &it->conflicts[c]);
		buf_adds(&b, _("In conflict: "));
		add_clean(dc, &b, t.data);
		doc_line(dc, 2, &b);
	}
	buf_free(&t);
	buf_free(&b);
}

static void doc_detail(const struct doc *dc)
{
	const struct report *r = dc->r;

	doc_heading(dc, 2, _("What each unit wrote"), NULL);
	for (size_t u = 0; u < r->nunits; u++) {
		struct report_detail dt;
		struct buf h = {0};

		rpt_clean(&h, r->units[u].name, dc->md);
		buf_adds(&h, " (");
		rpt_clean(&h, r->units[u].unit, dc->md);
		buf_adds(&h, ")");
		doc_heading(dc, 3, h.data, NULL);
		buf_free(&h);
		report_detail_load(r, u, &dt);
		if (!dt.n) {
			struct buf b = {0};

			buf_adds(&b, _("Nothing written yet."));
			doc_line(dc, 0, &b);
			buf_free(&b);
		}
		for (size_t i = 0; i < dt.n; i++)
			detail_item(dc, &dt.items[i]);
		report_detail_free(&dt);
	}
}

/* ------------------------------------------------------------------ */
/* The whole                                                           */
/* ------------------------------------------------------------------ */

static void doc_header(const struct doc *dc)
{
	const struct report *r = dc->r;
	const struct directive *d = r->d;
	struct buf b = {0};
	char day[16];

	if (dc->md)
		fprintf(dc->f, "# %s\n\n", _("Progress report"));
	else
		fprintf(dc->f, "%s\n", _("PROGRESS REPORT"));
	rpt_clean(&b, d->title, dc->md);
	fprintf(dc->f, dc->md ? "**%s**\n" : "%s\n", b.data);
	b.len = 0;
	buf_adds(&b, _("Issued by: "));
	add_clean(dc, &b, d->issuer ? d->issuer : _("unknown (the source does not say)"));
	buf_adds(&b, _(". Document number and date: "));
	if (d->number || d->date) {
		add_clean(dc, &b, d->number ? d->number : _("unknown (the source does not say)"));
		buf_adds(&b, ", ");
		add_clean(dc, &b, d->date ? d->date : _("unknown (the source does not say)"));
	} else {
		buf_adds(&b, _("unknown (the source does not say)"));
	}
	buf_adds(&b, ".");
	doc_para(dc, &b);
	if (d->revision > 1 || d->revision_date) {
		b.len = 0;
		buf_printf(&b, _("Revision %u"), d->revision);
		if (d->revision_date)
			buf_printf(&b, _(", in force from %s"), d->revision_date);
		buf_adds(&b, ".");
		doc_para(dc, &b);
	}
	b.len = 0;
	rpt_period(r, &b);
	if (b.len) {
		struct buf p = {0};

		buf_printf(&p, _("Period: %s."), b.data);
		doc_para(dc, &p);
		buf_free(&p);
	}
	b.len = 0;
	buf_printf(&b, _("Figures: %zu units (%zu files); last update: %s."), r->nunits, r->nfiles,
		   rpt_day(r->last_at, day, sizeof day));
	doc_para(dc, &b);
	if (r->opts.roster) {
		size_t expected = roster_count(r->opts.roster);

		b.len = 0;
		buf_printf(&b, _("Roster: %zu units expected, %zu reported, %zu not reported; %zu units not on the roster."),
			   expected, expected - r->nmissing, r->nmissing, r->nextra);
		doc_para(dc, &b);
	}
	buf_free(&b);
}

static void write_doc(const struct report *r, const struct report_opts *o, FILE *f)
{
	struct doc dc = { f, o->format == REPORT_MD, r };
	struct rtable *t = rpt_matrix(r, o->by_parent, dc.md);
	struct buf b = {0};

	doc_header(&dc);
	doc_heading(&dc, 2, o->by_parent ? _("Share of tasks done by parent unit (done / applicable)")
					 : _("Share of tasks done by unit (done / applicable)"),
		    NULL);
	rtable_write(t, f);
	rtable_free(t);
	buf_printf(&b, _("Columns 1–%zu: task groups (below); –: not applicable; empty: the group has no items."),
		   r->d->nsections);
	if (r->opts.roster && r->nextra && !o->by_parent)
		buf_printf(&b, " %s", _("*: not on the roster."));
	doc_para(&dc, &b);
	b.len = 0;
	buf_adds(&b, _("Units by overall progress: "));
	add_units(&b, r->units_all);
	buf_adds(&b, ".");
	doc_para(&dc, &b);
	b.len = 0;
	buf_printf(&b, ngettext("Evidence totals (%zu activity): ", "Evidence totals (%zu activities): ",
				r->nactivities),
		   r->nactivities);
	add_totals(&dc, &b, r->totals, r->ntotals, true);
	buf_adds(&b, ".");
	doc_para(&dc, &b);
	doc_roster(&dc);
	doc_sections(&dc);
	doc_units(&dc);
	doc_todo(&dc);
	if (o->detail)
		doc_detail(&dc);
	buf_free(&b);
}

void report_write(const struct report *r, const struct report_opts *o, FILE *out)
{
	switch (o->format) {
	case REPORT_CSV:
		rpt_write_csv(r, o, out);
		break;
	case REPORT_JSON:
		rpt_write_json(r, out);
		break;
	default:
		write_doc(r, o, out);
		break;
	}
}

/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * csv.c: the report as CSV (see report.h): one row per unit, the roster's
 * missing units included, or per parent unit, or with --detail one row
 * per unit and item.
 *
 * RFC 4180 with any separator: a Vietnamese Excel splits on ';' (its
 * list separator), an English one on ','.  Headers are in the report's
 * language (English: the column keys scripts use).  With --excel the file
 * starts with a byte-order mark and a cell that Excel would take for a
 * formula gets an apostrophe inside its quotes, so columns never shift.
 */
#include "report/internal.h"

#include <stdlib.h>
#include <string.h>

#include "text/text.h"

void report_csv_cell(FILE *f, const char *s, bool excel, char sep)
{
	char *clean = text_sanitize(s ? s : "", true);
	char special[] = { sep ? sep : ',', '"', '\r', '\n', '\0' };
	/* A cell starting with = + - @ is a formula to Excel: a file could
	 * smuggle one in through a unit name.  A leading apostrophe makes
	 * Excel show it as text; it goes inside the quotes, where it is part
	 * of the cell, not before them, where it would start a new one. */
	bool defuse = excel && clean[0] && strchr("=+-@", clean[0]);
	bool quote = strpbrk(clean, special) != NULL || (defuse && excel);

	if (quote)
		fputc('"', f);
	if (defuse)
		fputc('\'', f);
	for (const char *p = clean; *p; p++) {
		if (*p == '"' && quote)
			fputc('"', f);
		fputc(*p, f);
	}
	if (quote)
		fputc('"', f);
	free(clean);
}

void report_csv_field(FILE *f, const char *s, bool excel)
{
	report_csv_cell(f, s, excel, ',');
}

struct csv {
	FILE *f;
	char sep;
	bool excel;
	bool first; /* no separator before the row's first cell */
};

static void c_str(struct csv *c, const char *s)
{
	if (!c->first)
		fputc(c->sep, c->f);
	c->first = false;
	report_csv_cell(c->f, s, c->excel, c->sep);
}

static void c_fmt(struct csv *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void c_fmt(struct csv *c, const char *fmt, ...)
{
	struct buf b = {0};
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	c_str(c, b.data ? b.data : "");
	buf_free(&b);
}

static void c_end(struct csv *c)
{
	fputs("\r\n", c->f);
	c->first = true;
}

/* done / applicable in whole percent, empty when nothing applies. */
static void c_pct(struct csv *c, const struct progress *p)
{
	if (p->total == p->na)
		c_str(c, "");
	else
		c_fmt(c, "%u", report_pct(p));
}

static void c_counts(struct csv *c, const struct progress *p)
{
	c_fmt(c, "%u", p->done);
	c_fmt(c, "%u", p->in_progress);
	c_fmt(c, "%u", p->todo);
	c_fmt(c, "%u", p->na);
	c_fmt(c, "%u", p->conflict);
	c_fmt(c, "%u", p->total - p->na);
	c_fmt(c, "%u", p->total);
}

static void c_blanks(struct csv *c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		c_str(c, "");
}

static size_t count_keys(const struct report *r)
{
	size_t n = 0;

	for (size_t t = 0; t < r->ntotals; t++)
		n += r->totals[t].type == EVIDENCE_COUNT;
	return n;
}

static void head_sections(struct csv *c, const struct directive *d)
{
	for (size_t s = 0; s < d->nsections; s++)
		c_fmt(c, NC_("column", "percent_%s"), d->sections[s].id);
	c_str(c, NC_("column", "percent_all"));
	c_str(c, NC_("column", "done"));
	c_str(c, NC_("column", "in_progress"));
	c_str(c, NC_("column", "todo"));
	c_str(c, NC_("column", "not_applicable"));
	c_str(c, NC_("column", "conflict"));
	c_str(c, NC_("column", "applicable"));
	c_str(c, NC_("column", "total"));
}

static void head_keys(struct csv *c, const struct report *r)
{
	/* English: the evidence key scripts know; else its label. */
	bool en = strcmp(NC_("column", "unit"), "unit") == 0;

	for (size_t t = 0; t < r->ntotals; t++)
		if (r->totals[t].type == EVIDENCE_COUNT)
			c_str(c, en ? r->totals[t].key : r->totals[t].label);
}

static void by_unit(struct csv *c, const struct report *r)
{
	const struct directive *d = r->d;
	size_t nkeys = count_keys(r);

	c_str(c, NC_("column", "unit"));
	c_str(c, NC_("column", "unit_name"));
	c_str(c, NC_("column", "parent"));
	c_str(c, NC_("column", "parent_name"));
	c_str(c, NC_("column", "on_roster"));
	c_str(c, NC_("column", "reported"));
	head_sections(c, d);
	c_str(c, NC_("column", "open_items"));
	c_str(c, NC_("column", "open_conflicts"));
	c_str(c, NC_("column", "last_edit"));
	c_str(c, NC_("column", "last_activity"));
	c_str(c, NC_("column", "files"));
	c_str(c, NC_("column", "approved"));
	c_str(c, NC_("column", "needs_work"));
	if (r->opts.since)
		c_str(c, NC_("column", "done_in_period"));
	head_keys(c, r);
	c_end(c);
	for (size_t u = 0; u < r->nunits; u++) {
		const struct report_unit *ru = &r->units[u];
		char day[16];

		c_str(c, ru->unit);
		c_str(c, ru->name);
		c_str(c, ru->parent ? ru->parent : "");
		c_str(c, ru->parent ? rpt_parent_name(r, ru->parent) : "");
		c_str(c, !r->opts.roster ? "" : ru->on_roster ? _("yes") : _("no"));
		c_str(c, _("yes"));
		for (size_t s = 0; s < d->nsections; s++)
			c_pct(c, &ru->sec[s]);
		c_pct(c, &ru->all);
		c_counts(c, &ru->all);
		c_fmt(c, "%zu", ru->nopen);
		c_fmt(c, "%zu", ru->nconflicts);
		c_str(c, ru->last_at ? rpt_day(ru->last_at, day, sizeof day) : "");
		c_str(c, ru->last_activity);
		c_fmt(c, "%zu", ru->npaths);
		c_fmt(c, "%u", ru->approved);
		c_fmt(c, "%u", ru->needs_work);
		if (r->opts.since)
			c_fmt(c, "%u", ru->done_in_period);
		for (size_t t = 0; t < r->ntotals; t++)
			if (r->totals[t].type == EVIDENCE_COUNT)
				c_fmt(c, "%llu", ru->sums[t]);
		c_end(c);
	}
	for (size_t m = 0; m < r->nmissing; m++) {
		const struct roster_unit *ru = r->missing[m].ru;

		c_str(c, ru->id);
		c_str(c, r->missing[m].name);
		c_str(c, ru->parent ? ru->parent : "");
		c_str(c, ru->parent ? rpt_parent_name(r, ru->parent) : "");
		c_str(c, _("yes"));
		c_str(c, _("no"));
		c_blanks(c, d->nsections + 8 + 7 + (r->opts.since ? 1 : 0) + nkeys);
		c_end(c);
	}
}

static void by_parent(struct csv *c, const struct report *r)
{
	const struct directive *d = r->d;

	c_str(c, NC_("column", "parent"));
	c_str(c, NC_("column", "parent_name"));
	c_str(c, NC_("column", "units"));
	c_str(c, NC_("column", "units_not_reported"));
	head_sections(c, d);
	c_str(c, NC_("column", "open_items"));
	c_str(c, NC_("column", "open_conflicts"));
	head_keys(c, r);
	c_end(c);
	for (size_t g = 0; g < r->ngroups; g++) {
		const struct report_group *gr = &r->groups[g];
		size_t open = 0;

		for (size_t k = 0; k < gr->nunits; k++)
			open += r->units[gr->units[k]].nopen;
		c_str(c, gr->parent ? gr->parent : "");
		c_str(c, gr->name);
		c_fmt(c, "%zu", gr->nunits);
		c_fmt(c, "%zu", gr->nmissing);
		for (size_t s = 0; s < d->nsections; s++)
			c_pct(c, &gr->sec[s]);
		c_pct(c, &gr->all);
		c_counts(c, &gr->all);
		c_fmt(c, "%zu", open);
		c_fmt(c, "%zu", gr->nconflicts);
		for (size_t t = 0; t < r->ntotals; t++)
			if (r->totals[t].type == EVIDENCE_COUNT)
				c_fmt(c, "%llu", gr->sums[t]);
		c_end(c);
	}
}

static void detail_row(struct csv *c, const struct report *r, const struct report_unit *ru,
		       const char *id, const char *task, enum status st,
		       const struct report_item_detail *it)
{
	struct buf b = {0};
	char day[16];

	c_str(c, ru->unit);
	c_str(c, ru->name);
	c_str(c, id);
	c_str(c, task);
	c_str(c, rpt_status_word(st));
	c_str(c, it ? it->note : "");
	c_str(c, it ? it->reason : "");
	if (it)
		rpt_acts_text(&b, r->d, it, " | ");
	c_str(c, b.data ? b.data : "");
	c_fmt(c, "%zu", it ? it->nacts : 0);
	c_str(c, it && it->review ? rpt_verdict_word(it->review) : "");
	c_str(c, it ? it->review_comment : "");
	b.len = 0;
	if (it)
		rpt_conflicts_text(&b, r->d, it);
	c_str(c, b.data ? b.data : "");
	c_str(c, it && it->last_at ? rpt_day(it->last_at, day, sizeof day) : "");
	c_end(c);
	buf_free(&b);
}

static void detail(struct csv *c, const struct report *r)
{
	const struct directive *d = r->d;
	const char *const heads[] = {
		NC_("column", "unit"),   NC_("column", "unit_name"), NC_("column", "item"),
		NC_("column", "task"),   NC_("column", "status"),    NC_("column", "note"),
		NC_("column", "reason"), NC_("column", "evidence"),  NC_("column", "activities"),
		NC_("column", "review"), NC_("column", "review_comment"), NC_("column", "conflicts"),
		NC_("column", "last_edit"),
	};

	for (size_t h = 0; h < ARRAY_LEN(heads); h++)
		c_str(c, heads[h]);
	c_end(c);
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
			detail_row(c, r, ru, d->items[i].id, d->items[i].text, ru->status[i], it);
		}
		for (size_t j = 0; j < dt.n; j++)
			if (dt.items[j].item == (size_t)-1)
				detail_row(c, r, ru, dt.items[j].id, _("(not in this revision of the directive)"),
					   dt.items[j].status, &dt.items[j]);
		report_detail_free(&dt);
	}
	for (size_t m = 0; m < r->nmissing; m++) {
		c_str(c, r->missing[m].ru->id);
		c_str(c, r->missing[m].name);
		c_str(c, "");
		c_str(c, "");
		c_str(c, _("not reported"));
		c_blanks(c, ARRAY_LEN(heads) - 5);
		c_end(c);
	}
}

void rpt_write_csv(const struct report *r, const struct report_opts *o, FILE *f)
{
	struct csv c = { f, o->sep ? o->sep : ',', o->excel, true };

	if (o->excel)
		fputs("\xEF\xBB\xBF", f);
	if (o->detail)
		detail(&c, r);
	else if (o->by_parent)
		by_parent(&c, r);
	else
		by_unit(&c, r);
}

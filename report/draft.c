/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * draft.c: the báo cáo, composed once as blocks (rdoc.h) and written as
 * Markdown or as a Word document (see report.h).
 *
 * The layout is that of an administrative document under Nghị định
 * 30/2020/NĐ-CP: the issuing office (under its superior body) beside the
 * quốc hiệu and tiêu ngữ, the number and symbol ("Số: …/BC-UBND") beside
 * the place and date, the document type ("BÁO CÁO") and its subject
 * (trích yếu), the body in four parts (I. Kết quả thực hiện, II. Tồn
 * tại, hạn chế và nguyên nhân, III. Phương hướng, nhiệm vụ thời gian
 * tới, IV. Kiến nghị, đề xuất), then the recipients (nơi nhận) beside
 * the signature block, and the figures in an annex.
 *
 * The draft says only what the files hold: every figure is one of the
 * report's, and what the files cannot say (the directive's number and
 * date when the source gives none, the causes, the proposals, who signs)
 * is a visible "[...]" for a person to fill in, never made up.  The
 * number is left for the clerk ("…"), as a draft's is.
 */
#include "report/internal.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicase.h>
#include <unistr.h>

#include "report/rdoc.h"
#include "text/text.h"

#define INLINE_ACTS 5  /* documents named under an item in part I */
#define BEHIND_MAX 50  /* behind: under the overall rate, and under this */
#define FOCUS_ITEMS 5  /* items named in part III */
#define BLANK "[...]"  /* what the files do not hold */

/* Twentieths of a point: the header and signature columns. */
static const unsigned head_cols[] = { 3600, 5755 };
static const unsigned sign_cols[] = { 4400, 4955 };

struct draft {
	const struct report *r;
	const struct report_opts *o;
	struct rdoc *doc;
	struct buf period;  /* "6 tháng đầu năm 2023", "" without a period */
};

/* ------------------------------------------------------------------ */
/* Words                                                               */
/* ------------------------------------------------------------------ */

static const char *N(unsigned long long v)
{
	static _Thread_local char ring[16][32];
	static _Thread_local unsigned next;

	next = (next + 1) % 16;
	return rpt_num(v, ring[next], sizeof ring[next]);
}

static char *upper(const char *s)
{
	size_t len = 0;
	uint8_t *u = u8_toupper((const uint8_t *)s, strlen(s), NULL, NULL, NULL, &len);
	char *out = u ? xstrndup((const char *)u, len) : xstrdup(s);

	free(u);
	return out;
}

/* s with its first letter in lower case ("Triển khai" → "triển khai"),
 * to run on after other words. */
static char *lower_first(const char *s)
{
	ucs4_t c;
	int n = u8_mbtouc(&c, (const uint8_t *)s, strlen(s));
	uint8_t enc[8];
	int m;
	char *out;

	if (n <= 0)
		return xstrdup(s);
	m = u8_uctomb(enc, uc_tolower(c), sizeof enc);
	if (m <= 0)
		return xstrdup(s);
	out = xmalloc(strlen(s) - (size_t)n + (size_t)m + 1);
	memcpy(out, enc, (size_t)m);
	strcpy(out + m, s + n);
	return out;
}

/* A paragraph of the body: justified, first line indented. */
static struct rd_para *body(struct draft *dr)
{
	struct rd_para *p = rdoc_para(dr->doc, RD_JUSTIFY);

	p->indent = true;
	return p;
}

static struct rd_para *bullet(struct draft *dr)
{
	struct rd_para *p = rdoc_para(dr->doc, RD_JUSTIFY);

	p->bullet = true;
	return p;
}

/* A heading of the body: bold, as the decree's parts are. */
static void part(struct draft *dr, const char *text)
{
	struct rd_para *p = rdoc_heading(dr->doc, 2, text);

	p->align = RD_JUSTIFY;
	p->indent = true;
}

static void subpart(struct draft *dr, const char *text)
{
	struct rd_para *p = rdoc_heading(dr->doc, 3, text);

	p->align = RD_JUSTIFY;
	p->indent = true;
}

/* Figures of totals: "số người tham dự: 1.234; thời gian: từ ngày 2/1/2023
 * đến ngày 30/6/2023".  Text evidence is named, not counted, elsewhere. */
static bool figures(struct buf *b, const struct report_total *t, size_t n, bool merged)
{
	bool any = false;
	char d1[16], d2[16];

	for (size_t i = 0; i < n; i++) {
		char *label;

		if (!t[i].nvalues || t[i].type == EVIDENCE_TEXT)
			continue;
		buf_adds(b, any ? "; " : "");
		if (t[i].type == EVIDENCE_DATE && merged)
			label = xstrdup(_("time"));
		else
			label = lower_first(t[i].label);
		if (t[i].type == EVIDENCE_COUNT) {
			buf_printf(b, _("%s: %s"), label, N(t[i].sum));
		} else if (strcmp(t[i].first, t[i].last) == 0) {
			buf_printf(b, _("%s: %s"), label, rpt_date(t[i].first, d1, sizeof d1));
		} else {
			rpt_date(t[i].first, d1, sizeof d1);
			rpt_date(t[i].last, d2, sizeof d2);
			buf_printf(b, _("%s: from %s to %s"), label, d1, d2);
		}
		free(label);
		any = true;
	}
	return any;
}

/* The unit's name with its file's conflicting names left out: a báo cáo
 * names each unit once. */
static const char *name_of(const struct report *r, size_t u)
{
	return r->units[u].name;
}

/* ------------------------------------------------------------------ */
/* The header                                                          */
/* ------------------------------------------------------------------ */

static void header(struct draft *dr)
{
	const struct report_office *of = &dr->o->office;
	struct rd_table *t = rdoc_table(dr->doc, 2, head_cols, false, false);
	struct rd_para *p;
	char *s;
	time_t now = (time_t)((dr->o->now ? dr->o->now : (int64_t)time(NULL) * 1000) / 1000);
	struct tm tm;

	localtime_r(&now, &tm);
	if (of->superior && *of->superior) {
		p = rd_cell_para(t, 0, 0, RD_CENTER);
		p->size = 13;
		s = upper(of->superior);
		rd_add(p, 0, s);
		free(s);
	}
	p = rd_cell_para(t, 0, 0, RD_CENTER);
	p->size = 13;
	p->rule = 1200;
	s = of->name && *of->name ? upper(of->name) : xstrdup(BLANK);
	rd_add(p, RD_BOLD | (of->name && *of->name ? 0 : RD_RAW), s);
	free(s);
	p = rd_cell_para(t, 0, 0, RD_CENTER);
	p->size = 13;
	rd_addf(p, 0, _("No.: …/BC-%s"), of->symbol && *of->symbol ? of->symbol : BLANK);

	p = rd_cell_para(t, 0, 1, RD_CENTER);
	p->size = 13;
	rd_add(p, RD_BOLD, _("SOCIALIST REPUBLIC OF VIET NAM"));
	p = rd_cell_para(t, 0, 1, RD_CENTER);
	p->size = 14;
	p->rule = 3900;
	rd_add(p, RD_BOLD, _("Independence - Freedom - Happiness"));
	p = rd_cell_para(t, 0, 1, RD_CENTER);
	p->size = 14;
	rd_addf(p, RD_ITALIC, _("%s, date … month … year %d"), of->place && *of->place ? of->place : BLANK,
		tm.tm_year + 1900);
}

/* "Kết quả triển khai thực hiện chủ đề … 6 tháng đầu năm 2023". */
static char *subject(const struct draft *dr)
{
	char *t = lower_first(dr->r->d->title ? dr->r->d->title : BLANK), *s;

	if (dr->period.len)
		s = xasprintf(_("Results: %s (%s)"), t, dr->period.data);
	else
		s = xasprintf(_("Results: %s"), t);
	free(t);
	return s;
}

static void title(struct draft *dr)
{
	struct rd_para *p = rdoc_para(dr->doc, RD_CENTER);
	char *s = subject(dr);

	p->size = 14;
	rd_add(p, RD_BOLD, _("REPORT"));
	p = rdoc_para(dr->doc, RD_CENTER);
	p->size = 14;
	p->rule = 1700;
	rd_add(p, RD_BOLD, s);
	free(s);
}

/* "Thực hiện Văn bản số … ngày … của UBND tỉnh … về việc …, UBND huyện …
 * báo cáo kết quả thực hiện … như sau:" */
static void opening(struct draft *dr)
{
	const struct directive *d = dr->r->d;
	const struct report_office *of = &dr->o->office;
	struct rd_para *p = body(dr);
	char *t = lower_first(d->title ? d->title : BLANK);
	char date[16];
	const char *office = of->name && *of->name ? of->name : BLANK;

	rd_addf(p, 0, _("Pursuant to document No. %s dated %s of %s on %s, "), d->number ? d->number : BLANK,
		d->date ? rpt_date(d->date, date, sizeof date) : BLANK, d->issuer ? d->issuer : BLANK, t);
	if (dr->period.len)
		rd_addf(p, 0, _("%s reports the results (%s) as follows:"), office, dr->period.data);
	else
		rd_addf(p, 0, _("%s reports the results as follows:"), office);
	free(t);
}

/* ------------------------------------------------------------------ */
/* I. Kết quả thực hiện                                                */
/* ------------------------------------------------------------------ */

static void overall(struct draft *dr)
{
	const struct report *r = dr->r;
	struct rd_para *p;
	struct buf b = { 0 };
	char day[16], iso[16], pct[16];

	subpart(dr, _("1. Overall"));
	p = body(dr);
	if (r->opts.roster) {
		size_t expected = roster_count(r->opts.roster), reported = expected - r->nmissing;

		rd_addf(p, 0, _("Units expected to report: %s; reports received from %s"), N(expected),
			N(reported));
		if (expected)
			rd_addf(p, 0, " (%u%%)", (unsigned)((200ULL * reported + expected) / (2ULL * expected)));
		rd_addf(p, 0, _("; not yet reported: %s"), N(r->nmissing));
		if (r->nextra) {
			size_t k = 0;

			rd_addf(p, 0, _("; also received from %s units not on the list: "), N(r->nextra));
			for (size_t u = 0; u < r->nunits; u++)
				if (!r->units[u].on_roster)
					rd_addf(p, 0, "%s%s", k++ ? ", " : "", r->units[u].name);
		}
		rd_add(p, 0, ".");
	} else {
		rd_addf(p, 0, _("Reports received from %s units."), N(r->nunits));
	}
	rpt_day(r->last_at, iso, sizeof iso);
	rd_addf(p, 0, _(" Compiled from %s files; figures as recorded up to %s."), N(r->nfiles),
		r->last_at ? rpt_date(iso, day, sizeof day) : "–");
	p = body(dr);
	rd_addf(p, 0,
		_("Of %s tasks that apply to the units, %s are done (%s), %s are under way and %s not yet started; %s do not apply."),
		N(r->all.total - r->all.na), N(r->all.done), report_percent(&r->all, pct, sizeof pct),
		N(r->all.in_progress), N(r->all.todo), N(r->all.na));
	if (r->all.conflict)
		rd_addf(p, 0, _(" The figures of %s tasks are still in conflict between copies."),
			N(r->all.conflict));
	if (r->opts.since)
		rd_addf(p, 0, _(" In the period, %s tasks were completed."), N(r->done_in_period));
	p = body(dr);
	rd_addf(p, 0, _("Units that completed every task that applies: %s; under way: %s; not yet started: %s."),
		N(r->units_all[REPORT_DONE]), N(r->units_all[REPORT_IN_PROGRESS]),
		N(r->units_all[REPORT_NOT_STARTED]));
	p = body(dr);
	rd_addf(p, 0, _("Activities recorded: %s"), N(r->nactivities));
	if (figures(&b, r->totals, r->ntotals, true)) {
		rd_add(p, 0, "; ");
		rd_add(p, 0, b.data);
	}
	rd_add(p, 0, ".");
	buf_free(&b);
}

/* The documents and results named under an item, up to INLINE_ACTS. */
static void item_texts(struct draft *dr, struct rd_para *p, size_t from, size_t to)
{
	const struct report *r = dr->r;
	const struct item *it = from < to ? &r->d->items[r->acts[from].item] : NULL;
	size_t shown = 0, rest = 0;

	for (size_t a = from; a < to; a++) {
		const struct report_activity *ra = &r->acts[a];
		const char **v = report_act_texts(r, ra);
		struct buf t = { 0 };
		char iso[11], day[16];

		for (size_t k = 0; k < it->nevidence; k++)
			if (it->evidence[k].type == EVIDENCE_TEXT && v[k]) {
				buf_adds(&t, t.len ? "; " : "");
				buf_adds(&t, v[k]);
			}
		free(v);
		if (!t.len) {
			buf_free(&t);
			continue;
		}
		if (shown == INLINE_ACTS) {
			rest++;
			buf_free(&t);
			continue;
		}
		rd_add(p, 0, shown ? "; " : _(" Documents and results: "));
		rd_add(p, 0, t.data);
		rd_addf(p, 0, " (%s", name_of(r, ra->unit));
		if (ra->day)
			rd_addf(p, 0, ", %s", rpt_date(report_day(ra->day, iso), day, sizeof day));
		rd_add(p, 0, ")");
		shown++;
		buf_free(&t);
	}
	if (rest)
		rd_addf(p, 0, _(" and %s more (Annex 3)"), N(rest));
	if (shown)
		rd_add(p, 0, ".");
}

static void item_result(struct draft *dr, size_t i, size_t from, size_t to)
{
	const struct report *r = dr->r;
	const struct item *it = &r->d->items[i];
	const struct report_item *ri = &r->items[i];
	struct rd_para *p = bullet(dr);
	struct buf b = { 0 };
	char *text = xstrdup(it->text);
	size_t len = strlen(text);

	/* The task's own full stop would end the sentence too early. */
	if (len && text[len - 1] == '.')
		text[len - 1] = '\0';
	rd_addf(p, 0, _("%s (item %s): "), text, it->id);
	free(text);
	rd_addf(p, 0, _("%s units done, %s under way"), N(ri->units[STATUS_DONE]),
		N(ri->units[STATUS_IN_PROGRESS]));
	if (r->opts.since)
		rd_addf(p, 0, _(" (%s finished in the period)"), N(ri->done_in_period));
	rd_addf(p, 0, _("; %s activities"), N(ri->nacts));
	if (figures(&b, ri->fields, it->nevidence, false)) {
		rd_add(p, 0, "; ");
		rd_add(p, 0, b.data);
	}
	rd_add(p, 0, ".");
	buf_free(&b);
	item_texts(dr, p, from, to);
}

static void sections(struct draft *dr)
{
	const struct report *r = dr->r;
	const struct directive *d = r->d;
	size_t a = 0;

	subpart(dr, _("2. Results by task group"));
	for (size_t s = 0; s < d->nsections; s++) {
		const struct section *sec = &d->sections[s];
		const struct report_section *rs = &r->sections[s];
		struct rd_para *p;
		struct buf b = { 0 }, none = { 0 };
		char *h = xasprintf("2.%zu. %s", s + 1, sec->title);
		char pct[16];

		subpart(dr, h);
		free(h);
		p = body(dr);
		if (!sec->nitems) {
			rd_add(p, 0, _("This task group has no items."));
			continue;
		}
		rd_addf(p, 0, _("%s of %s units completed every task of the group, %s are under way, %s have not started"),
			N(rs->units[REPORT_DONE]), N(r->nunits), N(rs->units[REPORT_IN_PROGRESS]),
			N(rs->units[REPORT_NOT_STARTED]));
		if (rs->units[REPORT_NA])
			rd_addf(p, 0, _(", to %s it does not apply"), N(rs->units[REPORT_NA]));
		rd_addf(p, 0, _("; tasks done: %s of %s (%s)."), N(rs->items.done),
			N(rs->items.total - rs->items.na), report_percent(&rs->items, pct, sizeof pct));
		rd_addf(p, 0, _(" Activities recorded: %s"), N(rs->nacts));
		if (figures(&b, rs->fields, rs->nfields, true)) {
			rd_add(p, 0, "; ");
			rd_add(p, 0, b.data);
		}
		rd_add(p, 0, ".");
		buf_free(&b);
		for (size_t i = sec->first_item; i < sec->first_item + sec->nitems; i++) {
			const struct report_item *ri = &r->items[i];
			size_t from = a;

			while (a < r->nacts && r->acts[a].item == i)
				a++;
			if (ri->units[STATUS_DONE] || ri->units[STATUS_IN_PROGRESS] || ri->nacts) {
				item_result(dr, i, from, a);
			} else {
				buf_adds(&none, none.len ? ", " : "");
				buf_adds(&none, d->items[i].id);
			}
		}
		if (none.len) {
			p = bullet(dr);
			rd_addf(p, 0, _("Not yet carried out by any unit: items %s."), none.data);
		}
		buf_free(&none);
	}
}

/* ------------------------------------------------------------------ */
/* II. Tồn tại, hạn chế và nguyên nhân                                 */
/* ------------------------------------------------------------------ */

static bool nobody_did(const struct report_item *ri)
{
	return ri->units[STATUS_TODO] && !ri->units[STATUS_DONE] && !ri->units[STATUS_IN_PROGRESS] &&
	       !ri->units[STATUS_CONFLICT];
}

static unsigned applicable_units(const struct report_item *ri)
{
	return ri->units[STATUS_TODO] + ri->units[STATUS_IN_PROGRESS] + ri->units[STATUS_DONE] +
	       ri->units[STATUS_CONFLICT];
}

/* Behind: under the overall rate of all units (so early in the year not
 * everyone is listed) and under BEHIND_MAX. */
static unsigned behind_limit(const struct report *r)
{
	unsigned all = report_pct(&r->all);

	return all < BEHIND_MAX ? all : BEHIND_MAX;
}

static bool unit_behind(const struct report *r, const struct report_unit *u)
{
	return u->all.total > u->all.na && report_pct(&u->all) < behind_limit(r);
}

static int by_percent(const void *pa, const void *pb, void *arg)
{
	const struct report *r = arg;
	size_t ia = *(const size_t *)pa, ib = *(const size_t *)pb;
	unsigned x = report_pct(&r->units[ia].all), y = report_pct(&r->units[ib].all);

	if (x != y)
		return x < y ? -1 : 1;
	return ia < ib ? -1 : 1;
}

/* The needs-work reviews, "UBND xã A, mục 1.1: thiếu biên bản". */
static size_t reviews_asked(const struct report *r, struct buf *b)
{
	size_t n = 0;

	for (size_t u = 0; u < r->nunits; u++) {
		struct report_detail dt;

		if (!r->units[u].needs_work || !report_detail_load(r, u, &dt))
			continue;
		for (size_t i = 0; i < dt.n; i++) {
			const struct report_item_detail *it = &dt.items[i];

			if (it->item == (size_t)-1 || !it->review || strcmp(it->review, "needs-work"))
				continue;
			buf_adds(b, n ? "; " : "");
			buf_printf(b, _("%s, item %s"), name_of(r, u), it->id);
			if (it->review_comment && *it->review_comment)
				buf_printf(b, ": %s", it->review_comment);
			n++;
		}
		report_detail_free(&dt);
	}
	return n;
}

static void problems(struct draft *dr)
{
	const struct report *r = dr->r;
	const struct directive *d = r->d;
	struct buf b = { 0 };
	struct rd_para *p;
	size_t n = 0, *behind = xcalloc(r->nunits ? r->nunits : 1, sizeof *behind), nbehind = 0;
	size_t any = 0;

	part(dr, _("II. SHORTCOMINGS, LIMITATIONS AND THEIR CAUSES"));
	subpart(dr, _("1. Shortcomings and limitations"));
	if (r->nmissing) {
		p = bullet(dr);
		rd_addf(p, 0, _("%s units have not yet sent their report: "), N(r->nmissing));
		for (size_t m = 0; m < r->nmissing; m++)
			rd_addf(p, 0, "%s%s", m ? ", " : "", r->missing[m].name);
		rd_add(p, 0, ".");
		any++;
	}
	for (size_t i = 0; i < d->nitems; i++) {
		if (!nobody_did(&r->items[i]))
			continue;
		buf_adds(&b, n++ ? "; " : "");
		buf_printf(&b, _("item %s"), d->items[i].id);
	}
	if (n) {
		p = bullet(dr);
		rd_addf(p, 0, _("Tasks no unit has started yet: %s."), b.data);
		any++;
	}
	b.len = 0;
	n = 0;
	for (size_t i = 0; i < d->nitems; i++) {
		const struct report_item *ri = &r->items[i];
		unsigned app = applicable_units(ri);

		if (nobody_did(ri) || !app || ri->units[STATUS_TODO] * 2 < app)
			continue;
		buf_adds(&b, n++ ? "; " : "");
		buf_printf(&b, _("item %s (%s of %s units not started)"), d->items[i].id,
			   N(ri->units[STATUS_TODO]), N(app));
	}
	if (n) {
		p = bullet(dr);
		rd_addf(p, 0, _("Tasks that half or more of the units have not started: %s."), b.data);
		any++;
	}
	for (size_t u = 0; u < r->nunits; u++)
		if (unit_behind(r, &r->units[u]))
			behind[nbehind++] = u;
	qsort_r(behind, nbehind, sizeof *behind, by_percent, (void *)r);
	if (nbehind) {
		p = bullet(dr);
		rd_addf(p, 0, _("%s units are behind (under %u%% of the tasks that apply to them done): "),
			N(nbehind), behind_limit(r));
		for (size_t k = 0; k < nbehind; k++) {
			const struct report_unit *u = &r->units[behind[k]];
			char pct[16];

			rd_addf(p, 0, "%s%s (%s)", k ? ", " : "", u->name, report_percent(&u->all, pct, sizeof pct));
		}
		rd_add(p, 0, ".");
		any++;
	}
	b.len = 0;
	n = 0;
	for (size_t u = 0; u < r->nunits; u++) {
		if (!r->units[u].nconflicts)
			continue;
		buf_adds(&b, n++ ? ", " : "");
		buf_adds(&b, r->units[u].name);
	}
	if (n) {
		p = bullet(dr);
		rd_addf(p, 0, _("The figures of %s units differ between copies of their file and must be settled: %s."),
			N(n), b.data);
		any++;
	}
	b.len = 0;
	if ((n = reviews_asked(r, &b))) {
		p = bullet(dr);
		rd_addf(p, 0, _("Points the reviewer asked to complete (%s): %s."), N(n), b.data);
		any++;
	}
	if (!any) {
		p = body(dr);
		rd_add(p, 0, _("The figures compiled show no shortcoming."));
	}
	p = body(dr);
	rd_add(p, RD_RAW, BLANK);
	subpart(dr, _("2. Causes"));
	p = body(dr);
	rd_add(p, RD_RAW, BLANK);
	buf_free(&b);
	free(behind);
}

/* ------------------------------------------------------------------ */
/* III, IV and the end                                                 */
/* ------------------------------------------------------------------ */

static int by_open(const void *pa, const void *pb, void *arg)
{
	const struct report *r = arg;
	size_t ia = *(const size_t *)pa, ib = *(const size_t *)pb;
	unsigned oa = applicable_units(&r->items[ia]) - r->items[ia].units[STATUS_DONE];
	unsigned ob = applicable_units(&r->items[ib]) - r->items[ib].units[STATUS_DONE];

	if (oa != ob)
		return oa > ob ? -1 : 1;
	return ia < ib ? -1 : 1;
}

static void next_tasks(struct draft *dr)
{
	const struct report *r = dr->r;
	const struct directive *d = r->d;
	size_t *open = xcalloc(d->nitems ? d->nitems : 1, sizeof *open), nopen = 0;
	size_t nconf = 0, nreview = 0, nbehind = 0;
	struct rd_para *p;

	part(dr, _("III. DIRECTIONS AND TASKS FOR THE COMING PERIOD"));
	for (size_t i = 0; i < d->nitems; i++)
		if (applicable_units(&r->items[i]) > r->items[i].units[STATUS_DONE])
			open[nopen++] = i;
	qsort_r(open, nopen, sizeof *open, by_open, (void *)r);
	p = bullet(dr);
	if (nopen) {
		rd_add(p, 0, _("Continue to direct and urge the units to complete the remaining tasks, first of all "));
		for (size_t k = 0; k < nopen && k < FOCUS_ITEMS; k++) {
			const struct report_item *ri = &r->items[open[k]];

			rd_addf(p, 0, _("%sitem %s (%s of %s units not done)"), k ? "; " : "", d->items[open[k]].id,
				N(applicable_units(ri) - ri->units[STATUS_DONE]), N(applicable_units(ri)));
		}
		rd_add(p, 0, ".");
	} else {
		rd_add(p, 0, _("Keep up the results: every task that applies is done."));
	}
	for (size_t u = 0; u < r->nunits; u++) {
		nconf += r->units[u].nconflicts > 0;
		nreview += r->units[u].needs_work;
		nbehind += unit_behind(r, &r->units[u]);
	}
	if (r->nmissing || nbehind) {
		p = bullet(dr);
		rd_addf(p, 0, _("Urge the %s units that have not reported and the %s units that are behind."),
			N(r->nmissing), N(nbehind));
	}
	if (nconf || nreview) {
		p = bullet(dr);
		rd_addf(p, 0, _("Settle the figures in conflict (%s units) and complete the points the reviewer asked for (%s)."),
			N(nconf), N(nreview));
	}
	p = bullet(dr);
	rd_add(p, RD_RAW, BLANK);
	part(dr, _("IV. RECOMMENDATIONS AND PROPOSALS"));
	p = body(dr);
	rd_add(p, RD_RAW, BLANK);
	free(open);
}

static void ending(struct draft *dr)
{
	const struct report_office *of = &dr->o->office;
	const struct directive *d = dr->r->d;
	struct rd_para *p = body(dr);
	struct rd_table *t;
	char *s = subject(dr), *l = lower_first(s);

	rd_addf(p, 0, _("The above is the report of %s on %s./."), of->name && *of->name ? of->name : BLANK, l);
	free(l);
	free(s);
	t = rdoc_table(dr->doc, 2, sign_cols, false, false);
	p = rd_cell_para(t, 0, 0, RD_LEFT);
	p->size = 12;
	rd_add(p, RD_BOLD | RD_ITALIC, _("Recipients:"));
	if (d->issuer) {
		p = rd_cell_para(t, 0, 0, RD_LEFT);
		p->size = 11;
		rd_addf(p, 0, _("- %s (to report);"), d->issuer);
	}
	for (size_t i = 0; i < of->nrecipients; i++) {
		p = rd_cell_para(t, 0, 0, RD_LEFT);
		p->size = 11;
		rd_addf(p, 0, "- %s;", of->recipients[i]);
	}
	if (!of->nrecipients) {
		p = rd_cell_para(t, 0, 0, RD_LEFT);
		p->size = 11;
		rd_addf(p, 0, "- %s;", BLANK);
	}
	p = rd_cell_para(t, 0, 0, RD_LEFT);
	p->size = 11;
	rd_add(p, 0, _("- Archived: Records office."));

	if (of->authority && *of->authority) {
		p = rd_cell_para(t, 0, 1, RD_CENTER);
		p->size = 14;
		s = upper(of->authority);
		rd_add(p, RD_BOLD, s);
		free(s);
	}
	p = rd_cell_para(t, 0, 1, RD_CENTER);
	p->size = 14;
	s = of->signer_title && *of->signer_title ? upper(of->signer_title) : xstrdup(BLANK);
	rd_add(p, RD_BOLD | (of->signer_title && *of->signer_title ? 0 : RD_RAW), s);
	free(s);
	p = rd_cell_para(t, 0, 1, RD_CENTER);
	p->size = 14;
	rd_add(p, RD_ITALIC, _("(signature, full name, seal)"));
	for (int k = 0; k < 3; k++)
		rd_cell_para(t, 0, 1, RD_CENTER);
	p = rd_cell_para(t, 0, 1, RD_CENTER);
	p->size = 14;
	if (of->signer_name && *of->signer_name)
		rd_add(p, RD_BOLD, of->signer_name);
	else
		rd_add(p, RD_BOLD | RD_RAW, BLANK);
}

/* ------------------------------------------------------------------ */
/* Annex                                                               */
/* ------------------------------------------------------------------ */

static void cell(struct rd_table *t, size_t row, size_t col, enum rd_align a, unsigned flags,
		 const char *text)
{
	struct rd_para *p = rd_cell_para(t, row, col, a);

	p->size = 11;
	rd_add(p, flags, text);
}

/*
 * The annex tables have a row per unit and per activity recorded: for a
 * province, hundreds of thousands.  Their rows are made while the table
 * is written (rdoc_table_more), one at a time, from these walks.
 */
struct unit_rows {
	const struct report *r;
	size_t next;   /* units, then the missing ones, then the total */
	size_t row;    /* the number in the first column */
};

static bool unit_row(void *arg, struct rd_table *t)
{
	struct unit_rows *w = arg;
	const struct report *r = w->r;
	const struct directive *d = r->d;
	size_t ncols = t->ncols, k = w->next++;
	char pct[16], buf[32];

	if (k < r->nunits) {
		const struct report_unit *ru = &r->units[k];

		snprintf(buf, sizeof buf, "%zu", ++w->row);
		cell(t, 0, 0, RD_CENTER, 0, buf);
		cell(t, 0, 1, RD_LEFT, 0, ru->name);
		for (size_t s = 0; s < d->nsections; s++)
			cell(t, 0, 2 + s, RD_CENTER, 0, report_percent(&ru->sec[s], pct, sizeof pct));
		cell(t, 0, ncols - 1, RD_CENTER, 0, report_percent(&ru->all, pct, sizeof pct));
		return true;
	}
	if ((k -= r->nunits) < r->nmissing) {
		snprintf(buf, sizeof buf, "%zu", ++w->row);
		cell(t, 0, 0, RD_CENTER, 0, buf);
		cell(t, 0, 1, RD_LEFT, 0, r->missing[k].name);
		cell(t, 0, 2, RD_LEFT, RD_ITALIC, _("not reported"));
		return true;
	}
	if (k > r->nmissing)
		return false;
	cell(t, 0, 1, RD_LEFT, RD_BOLD, _("Total"));
	for (size_t s = 0; s < d->nsections; s++)
		cell(t, 0, 2 + s, RD_CENTER, RD_BOLD, report_percent(&r->sections[s].items, pct, sizeof pct));
	cell(t, 0, ncols - 1, RD_CENTER, RD_BOLD, report_percent(&r->all, pct, sizeof pct));
	return true;
}

struct act_rows {
	const struct report *r;
	size_t next; /* into r->acts */
};

/* The next activity with text evidence (the others count in the figures
 * only). */
static bool act_row(void *arg, struct rd_table *t)
{
	struct act_rows *w = arg;
	const struct report *r = w->r;
	const struct directive *d = r->d;

	while (w->next < r->nacts) {
		const struct report_activity *ra = &r->acts[w->next++];
		const struct item *it = &d->items[ra->item];
		const char **v = report_act_texts(r, ra);
		struct buf b = { 0 };
		char iso[11], day[16];

		for (size_t k = 0; k < it->nevidence; k++)
			if (it->evidence[k].type == EVIDENCE_TEXT && v[k]) {
				buf_adds(&b, b.len ? "; " : "");
				buf_adds(&b, v[k]);
			}
		free(v);
		if (b.len) {
			cell(t, 0, 0, RD_CENTER, 0, it->id);
			cell(t, 0, 1, RD_CENTER, 0,
			     ra->day ? rpt_date(report_day(ra->day, iso), day, sizeof day) : "–");
			cell(t, 0, 2, RD_LEFT, 0, name_of(r, ra->unit));
			cell(t, 0, 3, RD_LEFT, 0, b.data);
			buf_free(&b);
			return true;
		}
		buf_free(&b);
	}
	return false;
}

static void annex(struct draft *dr)
{
	const struct report *r = dr->r;
	const struct directive *d = r->d;
	struct rd_para *p = rdoc_para(dr->doc, RD_CENTER);
	struct rd_table *t;
	size_t ncols = 3 + d->nsections;
	unsigned *w = xcalloc(ncols, sizeof *w);
	struct unit_rows *ur = xcalloc(1, sizeof *ur);
	struct act_rows *ar = xcalloc(1, sizeof *ar);

	p->page_break = true;
	p->size = 14;
	rd_add(p, RD_BOLD, _("ANNEX"));
	p = rdoc_para(dr->doc, RD_CENTER);
	rd_add(p, RD_ITALIC, _("(Attached to the report; figures compiled by dvk from the units' files)"));

	/* 1: the units, the roster's missing ones included. */
	subpart(dr, _("Annex 1. Share of the tasks that apply done, by unit"));
	w[0] = 600;
	w[1] = 2800;
	for (size_t c = 2; c < ncols; c++)
		w[c] = (9355 - 3400) / (unsigned)(ncols - 2);
	t = rdoc_table(dr->doc, ncols, w, true, true);
	cell(t, 0, 0, RD_CENTER, RD_BOLD, _("No."));
	cell(t, 0, 1, RD_CENTER, RD_BOLD, _("Unit"));
	for (size_t s = 0; s < d->nsections; s++)
		cell(t, 0, 2 + s, RD_CENTER, RD_BOLD, d->sections[s].id);
	cell(t, 0, ncols - 1, RD_CENTER, RD_BOLD, _("Overall"));
	ur->r = r;
	rdoc_table_more(t, unit_row, ur, free);
	p = rdoc_para(dr->doc, RD_LEFT);
	p->size = 11;
	rd_add(p, RD_ITALIC, _("Columns: task groups. –: not applicable; empty: the group has no items."));
	free(w);

	/* 2: the items. */
	subpart(dr, _("Annex 2. Figures by task"));
	{
		static const unsigned w2[] = { 700, 900, 900, 900, 900, 900, 4155 };

		t = rdoc_table(dr->doc, 7, w2, true, true);
	}
	cell(t, 0, 0, RD_CENTER, RD_BOLD, _("Item"));
	cell(t, 0, 1, RD_CENTER, RD_BOLD, NC_("column", "done"));
	cell(t, 0, 2, RD_CENTER, RD_BOLD, NC_("column", "in_progress"));
	cell(t, 0, 3, RD_CENTER, RD_BOLD, NC_("column", "todo"));
	cell(t, 0, 4, RD_CENTER, RD_BOLD, NC_("column", "not_applicable"));
	cell(t, 0, 5, RD_CENTER, RD_BOLD, NC_("column", "activities"));
	cell(t, 0, 6, RD_CENTER, RD_BOLD, _("Figures"));
	for (size_t i = 0; i < d->nitems; i++) {
		const struct report_item *ri = &r->items[i];
		struct buf b = { 0 };

		cell(t, i + 1, 0, RD_CENTER, 0, d->items[i].id);
		cell(t, i + 1, 1, RD_CENTER, 0, N(ri->units[STATUS_DONE]));
		cell(t, i + 1, 2, RD_CENTER, 0, N(ri->units[STATUS_IN_PROGRESS]));
		cell(t, i + 1, 3, RD_CENTER, 0, N(ri->units[STATUS_TODO]));
		cell(t, i + 1, 4, RD_CENTER, 0, N(ri->units[STATUS_NA]));
		cell(t, i + 1, 5, RD_CENTER, 0, N(ri->nacts));
		if (!figures(&b, ri->fields, d->items[i].nevidence, false))
			buf_adds(&b, "–");
		cell(t, i + 1, 6, RD_LEFT, 0, b.data);
		buf_free(&b);
	}

	/* 3: the documents and results named. */
	subpart(dr, _("Annex 3. Documents and results recorded"));
	{
		static const unsigned w3[] = { 700, 1300, 2800, 4555 };

		t = rdoc_table(dr->doc, 4, w3, true, true);
	}
	cell(t, 0, 0, RD_CENTER, RD_BOLD, _("Item"));
	cell(t, 0, 1, RD_CENTER, RD_BOLD, _("Date"));
	cell(t, 0, 2, RD_CENTER, RD_BOLD, _("Unit"));
	cell(t, 0, 3, RD_CENTER, RD_BOLD, _("Document, form, place, result"));
	ar->r = r;
	rdoc_table_more(t, act_row, ar, free);
}

/* ------------------------------------------------------------------ */
/* The document                                                        */
/* ------------------------------------------------------------------ */

static struct rdoc *compose(const struct report *r, const struct report_opts *o)
{
	struct draft dr = { r, o, rdoc_new(), { 0 } };

	rpt_period(r, &dr.period);
	header(&dr);
	title(&dr);
	opening(&dr);
	part(&dr, _("I. RESULTS"));
	overall(&dr);
	sections(&dr);
	problems(&dr);
	next_tasks(&dr);
	ending(&dr);
	annex(&dr);
	buf_free(&dr.period);
	return dr.doc;
}

void report_write_draft(const struct report *r, const struct report_opts *o, FILE *out)
{
	struct rdoc *doc = compose(r, o);

	rdoc_write_md(doc, out);
	rdoc_free(doc);
}

int report_write_docx(const struct report *r, const struct report_opts *o, const char *path,
		      struct dvk_error *err)
{
	struct rdoc *doc = compose(r, o);
	int ok = rpt_docx_write(doc, r->d->title, path, err);

	rdoc_free(doc);
	return ok;
}

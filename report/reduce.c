/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * reduce.c: one unit's joined state made into what the report keeps of
 * it (see internal.h).
 *
 * This is the only place that reads a unit's events.  Per item it keeps
 * the status (and, for a period, the status when the period began), the
 * review in force, and the activities: their counts and dates go into
 * the report's totals at once, their text values (document numbers,
 * places) into the listing; what the unit wrote goes to the spool.  The
 * state can then be freed, so a report holds one unit's history at a
 * time per thread.
 */
#include "report/internal.h"

#include <stdlib.h>
#include <string.h>

#include "text/text.h"

/* ------------------------------------------------------------------ */
/* Periods                                                             */
/* ------------------------------------------------------------------ */

/* The events of cl stamped before `before` (ms), as a new set. */
static struct checklist *events_before(const struct checklist *cl, int64_t before)
{
	struct checklist *out = checklist_new();
	const struct event *const *ev = checklist_events(cl);
	size_t n = checklist_count(cl);

	for (size_t i = 0; i < n; i++)
		if (ev[i]->at < before)
			checklist_add(out, ev[i]);
	return out;
}

static const char *act_key(const char *field)
{
	const char *dot = strchr(field + 9, '.');

	return dot ? dot + 1 : field;
}

/* The agreed value of evidence field ef in activity a, or NULL.  A value
 * from a revision where the field had another type ("khoảng 500" when it
 * was text) is kept in the file and listed apart, never summed as 0. */
static const char *act_value(const struct activity_view *a, const struct evidence_field *ef)
{
	for (size_t k = 0; k < a->nvalues; k++)
		if (strcmp(act_key(a->values[k].field), ef->key) == 0) {
			const char *v = a->values[k].value;

			return v && evidence_check_value(ef->type, v, NULL) ? v : NULL;
		}
	return NULL;
}

/* The first date-typed value of a in the item's evidence order. */
static const char *act_date(const struct activity_view *a, const struct item *it)
{
	for (size_t e = 0; it && e < it->nevidence; e++) {
		const char *v;

		if (it->evidence[e].type == EVIDENCE_DATE && (v = act_value(a, &it->evidence[e])))
			return v;
	}
	return NULL;
}

static int64_t act_first_at(const struct activity_view *a)
{
	int64_t first = 0;

	for (size_t k = 0; k < a->nvalues; k++)
		for (size_t h = 0; h < a->values[k].nheads; h++)
			if (!first || a->values[k].heads[h]->at < first)
				first = a->values[k].heads[h]->at;
	return first;
}

bool rpt_act_in_period(const struct report *r, const struct activity_view *a,
		       const struct item *it)
{
	const char *date;
	int64_t at;

	if (!r->opts.since)
		return true;
	date = act_date(a, it);
	if (date)
		return strcmp(date, r->acc->since_day) >= 0 &&
		       (!*r->acc->until_day || strcmp(date, r->acc->until_day) <= 0);
	at = act_first_at(a);
	return at >= r->opts.since && (!r->opts.until || at < r->opts.until);
}

/* ------------------------------------------------------------------ */
/* Names                                                               */
/* ------------------------------------------------------------------ */

/* The values of a field of the reserved item `_unit` (decision 4): its
 * agreed value, or NULL and *names (NULL-terminated, caller frees the
 * array) when its heads disagree. */
static const char *unit_field(const struct checklist *cl, const char *field, char ***names)
{
	const struct event **heads;
	size_t n = checklist_heads(cl, "_unit", field, &heads), k = 0;
	const char *agreed = n ? heads[0]->value : NULL;

	*names = NULL;
	for (size_t i = 1; i < n; i++)
		if (strcmp(heads[i]->value, agreed) != 0)
			agreed = NULL;
	if (n > 1 && !agreed) {
		*names = xcalloc(n + 1, sizeof **names);
		for (size_t i = 0; i < n; i++) {
			bool seen = false;

			for (size_t j = 0; j < k; j++)
				seen |= strcmp((*names)[j], heads[i]->value) == 0;
			if (!seen)
				(*names)[k++] = xstrdup(heads[i]->value);
		}
	}
	free(heads);
	return agreed;
}

static void unit_names(const struct report *r, struct report_unit *u, const struct state *st)
{
	const struct roster_unit *ru = r->opts.roster ? roster_find(r->opts.roster, u->unit) : NULL;
	char **parents = NULL;
	const char *name = unit_field(st->cl, "name", &u->names);
	const char *parent = unit_field(st->cl, "parent", &parents);

	struct buf both = {0};

	/* copies that disagree: the unit is named by every name, so the
	 * conflict shows where its name does (never one name silently) */
	for (size_t i = 0; u->names && u->names[i]; i++)
		buf_printf(&both, "%s%s", i ? " | " : "", u->names[i]);
	if (!name && both.len)
		name = both.data;
	if ((!name || !*name) && ru)
		name = ru->name;
	u->name = text_nfc(name && *name ? name : u->unit); /* a hand-written name may be NFD */
	buf_free(&both);
	/* parents that disagree: rolled up under neither (the conflict is in
	 * the open work) until someone sets it again; the roster, the
	 * office's own list, still places it */
	if ((!parent || !*parent) && ru)
		parent = ru->parent;
	u->parent = parent && *parent ? xstrdup(parent) : NULL;
	for (size_t i = 0; parents && parents[i]; i++)
		free(parents[i]);
	free(parents);
	u->on_roster = ru != NULL;
	u->contact = ru ? ru->contact : NULL;
}

/* ------------------------------------------------------------------ */
/* Activities                                                          */
/* ------------------------------------------------------------------ */

/* One evidence value to add to the totals. */
struct pending_value {
	size_t flat;
	const char *value;
};

/* What one unit adds to the report, gathered so the lock is taken once. */
struct unit_work {
	struct pending_value *vals;
	size_t nvals, cap;
	size_t *item_acts;             /* per item: activities counted */
	struct report_activity *acts;  /* with text; off is into texts */
	size_t nacts, acap;
	struct buf texts;              /* their texts, to spool in one piece */
};

static void total_add(struct report_total *t, const char *v)
{
	t->nvalues++;
	if (t->type == EVIDENCE_COUNT) {
		t->sum += strtoull(v, NULL, 10);
	} else if (t->type == EVIDENCE_DATE && strlen(v) == 10) {
		if (!*t->first || strcmp(v, t->first) < 0)
			memcpy(t->first, v, 11);
		if (!*t->last || strcmp(v, t->last) > 0)
			memcpy(t->last, v, 11);
	}
}

/* Add what the unit's activities give to the report, under the lock:
 * one lock per unit, not per value. */
static void flush_totals(struct report *r, struct unit_work *w, uint32_t tag)
{
	const struct directive *d = r->d;
	struct rpt_acc *m = r->acc;
	size_t item = 0;
	uint64_t base = w->texts.len ? rpt_spool_put(r->spool, w->texts.data, w->texts.len) : 0;

	pthread_mutex_lock(&m->lock);
	for (size_t i = 0; i < d->nitems; i++) {
		r->items[i].nacts += w->item_acts[i];
		r->sections[d->items[i].section].nacts += w->item_acts[i];
		r->nactivities += w->item_acts[i];
	}
	for (size_t k = 0; k < w->nvals; k++) {
		size_t f = w->vals[k].flat;

		while (item + 1 < d->nitems && m->first[item + 1] <= f)
			item++;
		total_add(&r->items[item].fields[f - m->first[item]], w->vals[k].value);
		total_add(&r->sections[d->items[item].section].fields[m->sec[f]], w->vals[k].value);
		total_add(&r->totals[m->tot[f]], w->vals[k].value);
	}
	GROW(r->acts, r->nacts + w->nacts, r->acts_cap);
	for (size_t k = 0; k < w->nacts; k++) {
		r->acts[r->nacts] = w->acts[k];
		r->acts[r->nacts].unit = tag;
		r->acts[r->nacts++].off += base;
	}
	pthread_mutex_unlock(&m->lock);
}

/* "2023-03-14" → 20230314. */
static uint32_t day_of(const char *v)
{
	uint32_t d = 0;

	if (!v || strlen(v) != 10)
		return 0;
	for (const char *p = v; *p; p++)
		if (*p != '-')
			d = d * 10 + (uint32_t)(*p - '0');
	return d;
}

static void put_text(struct buf *b, const char *s)
{
	uint32_t n = s ? (uint32_t)strlen(s) : 0xFFFFFFFFu;

	buf_add(b, (const char *)&n, sizeof n);
	if (s)
		buf_add(b, s, strlen(s) + 1);
}

static void count_activity(struct report *r, struct report_unit *u, size_t item,
			   const struct activity_view *a, struct unit_work *w)
{
	const struct item *it = &r->d->items[item];
	const char *date = act_date(a, it);
	size_t start = w->texts.len;
	bool any_text = false;

	w->item_acts[item]++;
	u->nacts++;
	for (size_t k = 0; k < it->nevidence; k++) {
		const struct evidence_field *ef = &it->evidence[k];
		const char *v = act_value(a, ef);

		put_text(&w->texts, ef->type == EVIDENCE_TEXT ? v : NULL);
		if (!v)
			continue;
		any_text |= ef->type == EVIDENCE_TEXT;
		GROW(w->vals, w->nvals + 1, w->cap);
		w->vals[w->nvals++] = (struct pending_value){ r->acc->first[item] + k, v };
		if (ef->type == EVIDENCE_DATE && strlen(v) == 10 && strcmp(v, u->last_activity) > 0)
			memcpy(u->last_activity, v, 11);
		if (ef->type == EVIDENCE_COUNT)
			u->sums[r->acc->tot[r->acc->first[item] + k]] += strtoull(v, NULL, 10);
	}
	if (!any_text) {
		w->texts.len = start;
		return;
	}
	GROW(w->acts, w->nacts + 1, w->acap);
	w->acts[w->nacts] = (struct report_activity){
		.item = (uint32_t)item, .day = day_of(date), .seq = (uint32_t)w->nacts,
		.len = (uint32_t)(w->texts.len - start), .off = start, .at = act_first_at(a),
	};
	w->nacts++;
}

const char **report_act_texts(const struct report *r, const struct report_activity *a)
{
	size_t n = r->d->items[a->item].nevidence;
	char *bytes = rpt_spool_get(r->spool, a->off, a->len), *p = bytes;
	const char **v = xmalloc(n * sizeof *v + a->len + 1);
	char *copy = (char *)(v + n);

	/* One block: the pointers, then the bytes they point into. */
	memcpy(copy, bytes, a->len);
	free(bytes);
	p = copy;
	for (size_t k = 0; k < n; k++) {
		uint32_t len;

		memcpy(&len, p, sizeof len);
		p += sizeof len;
		if (len == 0xFFFFFFFFu) {
			v[k] = NULL;
			continue;
		}
		v[k] = p;
		p += len + 1;
	}
	return v;
}

const char *report_day(uint32_t day, char *buf)
{
	if (!day)
		buf[0] = '\0';
	else
		snprintf(buf, 11, "%04u-%02u-%02u", day / 10000 % 10000, day / 100 % 100, day % 100);
	return buf;
}

/* ------------------------------------------------------------------ */
/* One unit                                                            */
/* ------------------------------------------------------------------ */

/* The unit's arrays in one block (one allocation per unit, not five:
 * a province's report keeps thousands). */
static void unit_alloc(const struct report *r, struct report_unit *u)
{
	const struct directive *d = r->d;
	size_t ni = d->nitems, ns = d->nsections, nt = r->ntotals;
	size_t off_sums = 0, off_sec = off_sums + nt * sizeof *u->sums;
	size_t off_bytes = off_sec + ns * sizeof *u->sec;
	size_t size = off_bytes + ni * (r->opts.since ? 3 : 2);
	char *block = xcalloc(1, size ? size : 1);

	u->block = block;
	u->sums = (unsigned long long *)(block + off_sums);
	u->sec = (struct progress *)(block + off_sec);
	u->status = (unsigned char *)(block + off_bytes);
	u->review = u->status + ni;
	u->before = r->opts.since ? u->review + ni : NULL;
}

void rpt_unit_clear(struct report_unit *u)
{
	free(u->name);
	for (size_t i = 0; u->names && u->names[i]; i++)
		free(u->names[i]);
	free(u->names);
	free(u->parent);
	free(u->block);
	free(u->sort_key);
	u->name = u->parent = u->sort_key = NULL;
	u->names = NULL;
	u->block = NULL;
	u->status = u->before = NULL;
	u->review = NULL;
	u->sec = NULL;
	u->sums = NULL;
	memset(&u->all, 0, sizeof u->all);
	u->last_at = 0;
	u->last_activity[0] = '\0';
	u->nevents = u->nconflicts = u->nopen = u->nacts = u->norphans = 0;
	u->approved = u->needs_work = u->done_in_period = 0;
	u->detail_off = 0;
	u->detail_len = 0;
}

static void reduce_item(struct report *r, struct report_unit *u, size_t i,
			const struct checklist *cl, const struct checklist *before,
			struct unit_work *w, struct buf *det, size_t *ndet)
{
	const struct item *it = &r->d->items[i];
	struct item_view v;

	checklist_item_view(cl, it->id, &v);
	u->status[i] = v.status;
	progress_add(&u->sec[it->section], v.status);
	progress_add(&u->all, v.status);
	if (v.status != STATUS_DONE && v.status != STATUS_NA)
		u->nopen++;
	if (v.review_f.value && strcmp(v.review_f.value, "approved") == 0) {
		u->review[i] = 1;
		u->approved++;
	} else if (v.review_f.value && strcmp(v.review_f.value, "needs-work") == 0) {
		u->review[i] = 2;
		u->needs_work++;
	}
	if (before) {
		u->before[i] = checklist_status(before, it->id);
		u->done_in_period += v.status == STATUS_DONE && u->before[i] != STATUS_DONE;
	}
	for (size_t a = 0; a < v.nacts; a++)
		if (!v.acts[a].deleted && rpt_act_in_period(r, &v.acts[a], it))
			count_activity(r, u, i, &v.acts[a], w);
	if (det && v.nevents) {
		rpt_detail_item(det, i, it->id, &v, r, cl, v.nevents);
		(*ndet)++;
	}
	item_view_free(&v);
}

void rpt_reduce(struct report *r, struct report_unit *u, const struct state *st, uint32_t tag)
{
	const struct directive *d = r->d;
	struct checklist *cut = r->opts.until ? events_before(st->cl, r->opts.until) : NULL;
	struct checklist *before = r->opts.since ? events_before(st->cl, r->opts.since) : NULL;
	const struct checklist *cl = cut ? cut : st->cl;
	struct unit_work w = { 0 };
	struct buf det = { 0 }, *dp = r->opts.details ? &det : NULL;
	const char **orphans = NULL;
	size_t ndet = 0, norph;

	unit_alloc(r, u);
	unit_names(r, u, st);
	w.item_acts = xcalloc(d->nitems ? d->nitems : 1, sizeof *w.item_acts);
	u->nevents = checklist_count(cl);
	for (size_t i = 0; i < d->nitems; i++)
		reduce_item(r, u, i, cl, before, &w, dp, &ndet);
	norph = checklist_orphan_items(cl, d, &orphans);
	u->norphans = norph;
	for (size_t k = 0; dp && k < norph; k++) {
		struct item_view v;

		checklist_item_view(cl, orphans[k], &v);
		rpt_detail_item(dp, (size_t)-1, orphans[k], &v, r, cl, v.nevents);
		ndet++;
		item_view_free(&v);
	}
	free(orphans);
	if (dp) {
		struct misfit *mf;
		size_t nmf = checklist_misfit_values(cl, d, &mf);

		rpt_detail_misfits(dp, mf, nmf);
		free(mf);
	}
	u->last_at = checklist_max_at(cl);
	u->nconflicts = checklist_conflict_count(cl);
	flush_totals(r, &w, tag);
	if (dp) {
		struct buf all = { 0 };

		rpt_detail_count(&all, ndet);
		buf_add(&all, det.data ? det.data : "", det.len);
		u->detail_len = all.len;
		u->detail_off = rpt_spool_put(r->spool, all.data, all.len);
		buf_free(&all);
	}
	buf_free(&det);
	free(w.vals);
	free(w.item_acts);
	free(w.acts);
	buf_free(&w.texts);
	checklist_free(cut);
	checklist_free(before);
}

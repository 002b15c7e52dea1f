/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * detail.c: what a unit wrote, item by item, serialised into the spool
 * when the unit is read and read back when a writer prints it (see
 * report.h, report_detail_load).
 *
 * The bytes are private to one run of dvk: a count, then per item its
 * index, id, status, agreed texts, the review in force, its activity
 * records as key/value lists, and the fields in conflict with each
 * value, who set it and when.  Strings are stored with their length and
 * a terminating NUL, so the decoded structure points into the bytes.
 */
#include "report/internal.h"

#include <stdlib.h>
#include <string.h>

#include "text/text.h"

#define NO_STR 0xFFFFFFFFu
#define NO_ITEM 0xFFFFFFFFu

/* ------------------------------------------------------------------ */
/* Writing                                                             */
/* ------------------------------------------------------------------ */

static void put_u32(struct buf *b, uint32_t v)
{
	buf_add(b, (const char *)&v, sizeof v);
}

static void put_i64(struct buf *b, int64_t v)
{
	buf_add(b, (const char *)&v, sizeof v);
}

static void put_str(struct buf *b, const char *s)
{
	if (!s) {
		put_u32(b, NO_STR);
		return;
	}
	put_u32(b, (uint32_t)strlen(s));
	buf_add(b, s, strlen(s) + 1);
}

void rpt_detail_count(struct buf *b, size_t n)
{
	put_u32(b, (uint32_t)n);
}

void rpt_detail_misfits(struct buf *b, const struct misfit *mf, size_t n)
{
	put_u32(b, (uint32_t)n);
	for (size_t i = 0; i < n; i++) {
		put_str(b, mf[i].item);
		put_str(b, mf[i].field);
		put_str(b, mf[i].key);
		put_str(b, mf[i].value);
		put_u32(b, mf[i].fit == FIT_NO_FIELD);
	}
}

/* The key of an activity field "activity.<rid>.<key>". */
static const char *act_key(const char *field)
{
	const char *dot = strchr(field + 9, '.');

	return dot ? dot + 1 : field;
}

/* Keys of an activity in the item's evidence order, then the others in
 * the order the view gives them (sorted). */
static void put_act(struct buf *b, const struct activity_view *a, const struct item *it,
		    bool in_period)
{
	size_t n = 0;
	int64_t first = 0;
	bool *done = xcalloc(a->nvalues ? a->nvalues : 1, sizeof *done);

	for (size_t k = 0; k < a->nvalues; k++)
		for (size_t h = 0; h < a->values[k].nheads; h++)
			if (!first || a->values[k].heads[h]->at < first)
				first = a->values[k].heads[h]->at;
	put_str(b, a->rid);
	put_i64(b, first);
	put_u32(b, in_period);
	for (size_t k = 0; k < a->nvalues; k++)
		n += strcmp(act_key(a->values[k].field), "deleted") != 0;
	put_u32(b, (uint32_t)n);
	for (size_t e = 0; it && e < it->nevidence; e++)
		for (size_t k = 0; k < a->nvalues; k++)
			if (!done[k] && strcmp(act_key(a->values[k].field), it->evidence[e].key) == 0) {
				put_str(b, it->evidence[e].key);
				put_str(b, a->values[k].value);
				done[k] = true;
			}
	for (size_t k = 0; k < a->nvalues; k++) {
		const char *key = act_key(a->values[k].field);

		if (done[k] || strcmp(key, "deleted") == 0)
			continue;
		put_str(b, key);
		put_str(b, a->values[k].value);
	}
	free(done);
}

static void put_conflict(struct buf *b, const struct field_view *f)
{
	put_str(b, f->field);
	put_u32(b, (uint32_t)f->nheads);
	for (size_t h = 0; h < f->nheads; h++) {
		put_str(b, f->heads[h]->value);
		put_str(b, f->heads[h]->by);
		put_i64(b, f->heads[h]->at);
	}
}

/* Every field of the view that is in conflict, in a fixed order (caller
 * frees the array). */
static size_t conflicts_of(const struct item_view *v, const struct field_view ***out)
{
	const struct field_view *fixed[] = { &v->status_f, &v->reason_f, &v->note_f, &v->review_f,
					     &v->review_comment_f };
	const struct field_view **list = NULL;
	size_t n = 0, cap = 0;

	for (size_t i = 0; i < ARRAY_LEN(fixed); i++)
		if (fixed[i]->conflict) {
			GROW(list, n + 1, cap);
			list[n++] = fixed[i];
		}
	for (size_t a = 0; a < v->nacts; a++)
		for (size_t k = 0; k < v->acts[a].nvalues; k++)
			if (v->acts[a].values[k].conflict) {
				GROW(list, n + 1, cap);
				list[n++] = &v->acts[a].values[k];
			}
	*out = list;
	return n;
}

/* Who made the newest entry of the item, among the fields' heads. */
static const char *last_by(const struct item_view *v)
{
	const struct field_view *fixed[] = { &v->status_f, &v->reason_f, &v->note_f, &v->review_f,
					     &v->review_comment_f };
	const struct event *best = NULL;

	for (size_t i = 0; i < ARRAY_LEN(fixed); i++)
		for (size_t h = 0; h < fixed[i]->nheads; h++)
			if (!best || fixed[i]->heads[h]->at > best->at)
				best = fixed[i]->heads[h];
	for (size_t a = 0; a < v->nacts; a++)
		for (size_t k = 0; k < v->acts[a].nvalues; k++)
			for (size_t h = 0; h < v->acts[a].values[k].nheads; h++)
				if (!best || v->acts[a].values[k].heads[h]->at > best->at)
					best = v->acts[a].values[k].heads[h];
	return best ? best->by : NULL;
}

void rpt_detail_item(struct buf *b, size_t item, const char *id, const struct item_view *v,
		     const struct report *r, const struct checklist *cl, size_t nevents)
{
	const struct item *it = item == (size_t)-1 ? NULL : &r->d->items[item];
	const struct field_view **conf;
	size_t nconf = conflicts_of(v, &conf), nacts = 0;

	(void)cl;
	put_u32(b, item == (size_t)-1 ? NO_ITEM : (uint32_t)item);
	put_str(b, id);
	put_u32(b, (uint32_t)v->status);
	put_str(b, v->note_f.value);
	put_str(b, v->reason_f.value);
	put_str(b, v->review_f.value);
	put_str(b, v->review_f.value ? v->review_comment_f.value : NULL);
	put_str(b, v->review_f.nheads ? v->review_f.heads[0]->by : NULL);
	put_i64(b, v->review_f.nheads ? v->review_f.heads[0]->at : 0);
	for (size_t a = 0; a < v->nacts; a++)
		nacts += !v->acts[a].deleted;
	put_u32(b, (uint32_t)nacts);
	for (size_t a = 0; a < v->nacts; a++)
		if (!v->acts[a].deleted)
			put_act(b, &v->acts[a], it, rpt_act_in_period(r, &v->acts[a], it));
	put_u32(b, (uint32_t)nconf);
	for (size_t c = 0; c < nconf; c++)
		put_conflict(b, conf[c]);
	free(conf);
	put_i64(b, v->last_at);
	put_str(b, last_by(v));
	put_u32(b, (uint32_t)nevents);
}

/* ------------------------------------------------------------------ */
/* Reading                                                             */
/* ------------------------------------------------------------------ */

struct rd {
	char *p, *end;
};

static uint32_t get_u32(struct rd *d)
{
	uint32_t v;

	memcpy(&v, d->p, sizeof v);
	d->p += sizeof v;
	return v;
}

static int64_t get_i64(struct rd *d)
{
	int64_t v;

	memcpy(&v, d->p, sizeof v);
	d->p += sizeof v;
	return v;
}

static const char *get_str(struct rd *d)
{
	uint32_t n = get_u32(d);
	const char *s;

	if (n == NO_STR)
		return NULL;
	s = d->p;
	d->p += n + 1;
	return s;
}

static void get_item(struct rd *d, struct report_item_detail *it)
{
	uint32_t idx = get_u32(d);

	it->item = idx == NO_ITEM ? (size_t)-1 : idx;
	it->id = get_str(d);
	it->status = (enum status)get_u32(d);
	it->note = get_str(d);
	it->reason = get_str(d);
	it->review = get_str(d);
	it->review_comment = get_str(d);
	it->review_by = get_str(d);
	it->review_at = get_i64(d);
	it->nacts = get_u32(d);
	it->acts = xcalloc(it->nacts ? it->nacts : 1, sizeof *it->acts);
	for (size_t a = 0; a < it->nacts; a++) {
		struct report_act_detail *ad = &it->acts[a];

		ad->rid = get_str(d);
		ad->at = get_i64(d);
		ad->in_period = get_u32(d) != 0;
		ad->n = get_u32(d);
		ad->keys = xcalloc(ad->n ? ad->n : 1, sizeof *ad->keys);
		ad->values = xcalloc(ad->n ? ad->n : 1, sizeof *ad->values);
		for (size_t k = 0; k < ad->n; k++) {
			ad->keys[k] = get_str(d);
			ad->values[k] = get_str(d);
		}
	}
	it->nconflicts = get_u32(d);
	it->conflicts = xcalloc(it->nconflicts ? it->nconflicts : 1, sizeof *it->conflicts);
	for (size_t c = 0; c < it->nconflicts; c++) {
		struct report_conflict *rc = &it->conflicts[c];

		rc->field = get_str(d);
		rc->nheads = get_u32(d);
		rc->heads = xcalloc(rc->nheads ? rc->nheads : 1, sizeof *rc->heads);
		for (size_t h = 0; h < rc->nheads; h++) {
			rc->heads[h].value = get_str(d);
			rc->heads[h].by = get_str(d);
			rc->heads[h].at = get_i64(d);
		}
	}
	it->last_at = get_i64(d);
	it->last_by = get_str(d);
	it->nevents = get_u32(d);
}

int report_detail_load(const struct report *r, size_t u, struct report_detail *out)
{
	const struct report_unit *ru = &r->units[u];
	struct rd d;

	memset(out, 0, sizeof *out);
	if (!r->spool || !ru->detail_len)
		return 0;
	out->blob = rpt_spool_get(r->spool, ru->detail_off, ru->detail_len);
	d.p = out->blob;
	d.end = out->blob + ru->detail_len;
	out->n = get_u32(&d);
	out->items = xcalloc(out->n ? out->n : 1, sizeof *out->items);
	for (size_t i = 0; i < out->n; i++)
		get_item(&d, &out->items[i]);
	out->nmisfits = d.p < d.end ? get_u32(&d) : 0;
	out->misfits = xcalloc(out->nmisfits ? out->nmisfits : 1, sizeof *out->misfits);
	for (size_t i = 0; i < out->nmisfits; i++) {
		struct report_misfit *m = &out->misfits[i];

		m->item = get_str(&d);
		m->field = get_str(&d);
		m->key = get_str(&d);
		m->value = get_str(&d);
		m->no_field = get_u32(&d) != 0;
	}
	return 1;
}

void report_detail_free(struct report_detail *dt)
{
	for (size_t i = 0; i < dt->n; i++) {
		struct report_item_detail *it = &dt->items[i];

		for (size_t a = 0; a < it->nacts; a++) {
			free(it->acts[a].keys);
			free(it->acts[a].values);
		}
		free(it->acts);
		for (size_t c = 0; c < it->nconflicts; c++)
			free(it->conflicts[c].heads);
		free(it->conflicts);
	}
	free(dt->items);
	free(dt->misfits);
	free(dt->blob);
	memset(dt, 0, sizeof *dt);
}

/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * compute.c: the report's figures put together from the reduced units
 * (see report.h and internal.h).
 *
 * Every figure is a sum over what rpt_reduce kept of each unit, made in
 * one place, so the matrix, the totals, the listings and the draft agree
 * by construction, and a streamed report equals one that keeps states.
 */
#include "report/internal.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "text/text.h"

/* ------------------------------------------------------------------ */
/* Small helpers                                                       */
/* ------------------------------------------------------------------ */

enum report_state report_state_of(const struct progress *p)
{
	unsigned applicable = p->total - p->na;

	if (p->total == 0)
		return REPORT_NO_ITEMS;
	if (applicable == 0)
		return REPORT_NA;
	if (p->done == applicable)
		return REPORT_DONE;
	if (p->done == 0 && p->in_progress == 0 && p->conflict == 0)
		return REPORT_NOT_STARTED;
	return REPORT_IN_PROGRESS;
}

enum report_state report_unit_state(const struct report *r, size_t u, size_t s)
{
	return report_state_of(s == (size_t)-1 ? &r->units[u].all : &r->units[u].sec[s]);
}

unsigned report_pct(const struct progress *p)
{
	return progress_percent(p);
}

const char *report_percent(const struct progress *p, char *buf, size_t n)
{
	if (p->total == 0)
		snprintf(buf, n, "%s", "");
	else if (p->total == p->na)
		snprintf(buf, n, "–");
	else
		snprintf(buf, n, "%u%%", report_pct(p));
	return buf;
}

static void progress_sum(struct progress *into, const struct progress *p)
{
	into->total += p->total;
	into->todo += p->todo;
	into->in_progress += p->in_progress;
	into->done += p->done;
	into->na += p->na;
	into->conflict += p->conflict;
}

/* Index of (key, type) in t[0..*n), appended if absent. */
static size_t total_slot(struct report_total **t, size_t *n, const struct evidence_field *ef)
{
	for (size_t i = 0; i < *n; i++)
		if ((*t)[i].type == ef->type && strcmp((*t)[i].key, ef->key) == 0)
			return i;
	*t = xrealloc(*t, (*n + 1) * sizeof **t);
	memset(&(*t)[*n], 0, sizeof **t);
	(*t)[*n].key = ef->key;
	(*t)[*n].label = ef->label;
	(*t)[*n].type = ef->type;
	return (*n)++;
}

/* ------------------------------------------------------------------ */
/* Made once: where the totals go                                      */
/* ------------------------------------------------------------------ */

/* The local calendar day of ms (the reviewer's own dates). */
static void local_day(int64_t ms, char out[11])
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;

	if (!localtime_r(&t, &tm) || !strftime(out, 11, "%Y-%m-%d", &tm))
		out[0] = '\0';
}

void rpt_map_fields(struct report *r)
{
	const struct directive *d = r->d;
	struct rpt_acc *m = xcalloc(1, sizeof *m);
	size_t nflat = 0;

	r->acc = m;
	pthread_mutex_init(&m->lock, NULL);
	r->sections = xcalloc(d->nsections ? d->nsections : 1, sizeof *r->sections);
	r->items = xcalloc(d->nitems ? d->nitems : 1, sizeof *r->items);
	m->first = xcalloc(d->nitems + 1, sizeof *m->first);
	for (size_t i = 0; i < d->nitems; i++) {
		m->first[i] = nflat;
		nflat += d->items[i].nevidence;
	}
	m->first[d->nitems] = nflat;
	m->tot = xcalloc(nflat ? nflat : 1, sizeof *m->tot);
	m->sec = xcalloc(nflat ? nflat : 1, sizeof *m->sec);
	for (size_t i = 0; i < d->nitems; i++) {
		const struct item *it = &d->items[i];
		struct report_section *s = &r->sections[it->section];

		r->items[i].fields = xcalloc(it->nevidence ? it->nevidence : 1,
					     sizeof *r->items[i].fields);
		for (size_t k = 0; k < it->nevidence; k++) {
			struct report_total *t = &r->items[i].fields[k];

			t->key = it->evidence[k].key;
			t->label = it->evidence[k].label;
			t->type = it->evidence[k].type;
			m->tot[m->first[i] + k] = total_slot(&r->totals, &r->ntotals, &it->evidence[k]);
			m->sec[m->first[i] + k] = total_slot(&s->fields, &s->nfields, &it->evidence[k]);
		}
	}
	if (r->opts.since)
		local_day(r->opts.since, m->since_day);
	if (r->opts.until)
		local_day(r->opts.until - 1, m->until_day);
	r->spool = rpt_spool_new();
}

static void total_clear(struct report_total *t)
{
	t->sum = 0;
	t->nvalues = 0;
	t->first[0] = t->last[0] = '\0';
}

void rpt_clear_figures(struct report *r)
{
	const struct directive *d = r->d;

	for (size_t i = 0; i < d->nitems; i++) {
		for (size_t k = 0; k < d->items[i].nevidence; k++)
			total_clear(&r->items[i].fields[k]);
		r->items[i].nacts = 0;
	}
	for (size_t s = 0; s < d->nsections; s++) {
		for (size_t k = 0; k < r->sections[s].nfields; k++)
			total_clear(&r->sections[s].fields[k]);
		r->sections[s].nacts = 0;
	}
	for (size_t t = 0; t < r->ntotals; t++)
		total_clear(&r->totals[t]);
	r->nactivities = 0;
	r->nacts = 0;
	rpt_spool_free(r->spool);
	r->spool = rpt_spool_new();
}

/* ------------------------------------------------------------------ */
/* Clearing what was put together                                      */
/* ------------------------------------------------------------------ */

static void aggregate_clear(struct report *r)
{
	const struct directive *d = r->d;

	for (size_t i = 0; i < d->nitems; i++) {
		memset(r->items[i].units, 0, sizeof r->items[i].units);
		r->items[i].approved = r->items[i].needs_work = r->items[i].done_in_period = 0;
	}
	for (size_t s = 0; s < d->nsections; s++) {
		memset(&r->sections[s].items, 0, sizeof r->sections[s].items);
		memset(r->sections[s].units, 0, sizeof r->sections[s].units);
		r->sections[s].done_in_period = 0;
	}
	for (size_t g = 0; g < r->ngroups; g++) {
		free(r->groups[g].parent);
		free(r->groups[g].name);
		free(r->groups[g].units);
		free(r->groups[g].sec);
		free(r->groups[g].sums);
	}
	free(r->groups);
	r->groups = NULL;
	r->ngroups = 0;
	free(r->missing);
	r->missing = NULL;
	r->nmissing = r->nextra = 0;
	memset(&r->all, 0, sizeof r->all);
	memset(r->units_all, 0, sizeof r->units_all);
	r->done_in_period = 0;
	r->last_at = 0;
}

void report_free(struct report *r)
{
	if (!r)
		return;
	aggregate_clear(r);
	for (size_t i = 0; i < r->nunits; i++) {
		struct report_unit *u = &r->units[i];

		rpt_unit_clear(u);
		free(u->unit);
		for (size_t k = 0; k < u->npaths; k++)
			free(u->paths[k]);
		free(u->paths);
		state_free(u->st);
	}
	for (size_t s = 0; r->sections && s < r->d->nsections; s++)
		free(r->sections[s].fields);
	for (size_t i = 0; r->items && i < r->d->nitems; i++)
		free(r->items[i].fields);
	rpt_spool_free(r->spool);
	if (r->acc) {
		pthread_mutex_destroy(&r->acc->lock);
		free(r->acc->first);
		free(r->acc->tot);
		free(r->acc->sec);
		free(r->acc);
	}
	free(r->sections);
	free(r->items);
	free(r->totals);
	free(r->acts);
	free(r->units);
	free(r->by_id);
	free(r->diags);
	free(r);
}

/* ------------------------------------------------------------------ */
/* Ordering units                                                      */
/* ------------------------------------------------------------------ */

/* Vietnamese-aware enough: by the folded name ("Đông" files under d,
 * accents do not scatter names), then the exact name, then the id. */
static int unit_cmp(const void *pa, const void *pb, void *arg)
{
	const struct report *r = arg;
	const struct report_unit *a = &r->units[*(const size_t *)pa];
	const struct report_unit *b = &r->units[*(const size_t *)pb];
	int c = text_natcmp(a->sort_key, b->sort_key);

	if (!c)
		c = text_natcmp(a->name, b->name);
	return c ? c : strcmp(a->unit, b->unit);
}

/* Sort the units by name, and follow them with the activities' unit
 * indices. */
static void sort_units(struct report *r)
{
	size_t n = r->nunits, *order = xcalloc(n ? n : 1, sizeof *order);
	size_t *where = xcalloc(n ? n : 1, sizeof *where);
	struct report_unit *sorted = xcalloc(n ? n : 1, sizeof *sorted);

	for (size_t i = 0; i < n; i++) {
		free(r->units[i].sort_key);
		r->units[i].sort_key = text_fold(r->units[i].name);
		order[i] = i;
	}
	qsort_r(order, n, sizeof *order, unit_cmp, r);
	for (size_t i = 0; i < n; i++) {
		sorted[i] = r->units[order[i]];
		where[order[i]] = i;
	}
	memcpy(r->units, sorted, n * sizeof *sorted);
	for (size_t i = 0; i < n; i++) {
		free(r->units[i].sort_key);
		r->units[i].sort_key = NULL;
	}
	for (size_t a = 0; a < r->nacts; a++)
		r->acts[a].unit = where[r->acts[a].unit];
	free(sorted);
	free(where);
	free(order);
	rpt_index_ids(r);
}

static int act_cmp(const void *pa, const void *pb)
{
	const struct report_activity *a = pa, *b = pb;

	if (a->item != b->item)
		return a->item < b->item ? -1 : 1;
	/* Dated ones in date order, undated after them. */
	if ((a->day != 0) != (b->day != 0))
		return a->day ? -1 : 1;
	if (a->day != b->day)
		return a->day < b->day ? -1 : 1;
	if (a->unit != b->unit)
		return a->unit < b->unit ? -1 : 1;
	if (a->at != b->at)
		return a->at < b->at ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* ------------------------------------------------------------------ */
/* The roster                                                          */
/* ------------------------------------------------------------------ */

static void match_roster(struct report *r)
{
	const struct roster *ro = r->opts.roster;
	size_t n = roster_count(ro);

	r->missing = xcalloc(n ? n : 1, sizeof *r->missing);
	for (size_t i = 0; i < n; i++) {
		const struct roster_unit *ru = roster_unit_at(ro, i);

		if (report_find_unit(r, ru->id))
			continue;
		r->missing[r->nmissing].ru = ru;
		r->missing[r->nmissing].name = ru->name ? ru->name : ru->id;
		r->nmissing++;
	}
	for (size_t u = 0; ro && u < r->nunits; u++)
		r->nextra += !r->units[u].on_roster;
}

/* ------------------------------------------------------------------ */
/* Roll-up by parent                                                   */
/* ------------------------------------------------------------------ */

struct parent_ref {
	const char *parent;
	size_t i;       /* unit index, or nunits + missing index */
};

static int parent_ref_cmp(const void *pa, const void *pb)
{
	const struct parent_ref *a = pa, *b = pb;
	int c;

	if ((a->parent != NULL) != (b->parent != NULL))
		return a->parent ? -1 : 1;
	if (a->parent && (c = strcmp(a->parent, b->parent)))
		return c;
	return a->i < b->i ? -1 : a->i > b->i;
}

/* Groups in the units' order of names; units without a parent last. */
static int group_cmp(const void *pa, const void *pb)
{
	const struct report_group *a = pa, *b = pb;
	char *ka, *kb;
	int c;

	if ((a->parent != NULL) != (b->parent != NULL))
		return a->parent ? -1 : 1;
	if (!a->parent)
		return 0;
	ka = text_fold(a->name);
	kb = text_fold(b->name);
	c = text_natcmp(ka, kb);
	free(ka);
	free(kb);
	if (!c)
		c = text_natcmp(a->name, b->name);
	return c ? c : strcmp(a->parent, b->parent);
}

static bool same_parent(const struct parent_ref *a, const struct parent_ref *b)
{
	if (!a->parent || !b->parent)
		return a->parent == b->parent;
	return strcmp(a->parent, b->parent) == 0;
}

/* A parent's name: the roster's, else its own file's, else its id. */
static const char *parent_name(const struct report *r, const char *parent)
{
	const struct roster_unit *ru = r->opts.roster ? roster_find(r->opts.roster, parent) : NULL;
	const struct report_unit *pu;

	if (ru && ru->name)
		return ru->name;
	pu = report_find_unit(r, parent);
	return pu ? pu->name : parent;
}

static void build_groups(struct report *r)
{
	const struct directive *d = r->d;
	size_t n = r->nunits + r->nmissing, cap = 0;
	struct parent_ref *refs = xcalloc(n ? n : 1, sizeof *refs);

	for (size_t i = 0; i < r->nunits; i++)
		refs[i] = (struct parent_ref){ r->units[i].parent, i };
	for (size_t i = 0; i < r->nmissing; i++)
		refs[r->nunits + i] = (struct parent_ref){ r->missing[i].ru->parent, r->nunits + i };
	qsort(refs, n, sizeof *refs, parent_ref_cmp);
	for (size_t i = 0; i < n; i++) {
		struct report_group *g;

		if (i == 0 || !same_parent(&refs[i], &refs[i - 1])) {
			size_t run = 1;

			while (i + run < n && same_parent(&refs[i + run], &refs[i]))
				run++;
			GROW(r->groups, r->ngroups + 1, cap);
			g = &r->groups[r->ngroups++];
			memset(g, 0, sizeof *g);
			g->parent = refs[i].parent ? xstrdup(refs[i].parent) : NULL;
			g->name = xstrdup(refs[i].parent ? parent_name(r, refs[i].parent)
							 : _("(no parent unit given)"));
			g->sec = xcalloc(d->nsections ? d->nsections : 1, sizeof *g->sec);
			g->sums = xcalloc(r->ntotals ? r->ntotals : 1, sizeof *g->sums);
			g->units = xcalloc(run, sizeof *g->units);
		}
		g = &r->groups[r->ngroups - 1];
		if (refs[i].i >= r->nunits) {
			g->nmissing++;
			continue;
		}
		{
			const struct report_unit *u = &r->units[refs[i].i];

			g->units[g->nunits++] = refs[i].i;
			for (size_t s = 0; s < d->nsections; s++)
				progress_sum(&g->sec[s], &u->sec[s]);
			progress_sum(&g->all, &u->all);
			for (size_t t = 0; t < r->ntotals; t++)
				g->sums[t] += u->sums[t];
			g->nconflicts += u->nconflicts;
		}
	}
	if (r->ngroups > 1)
		qsort(r->groups, r->ngroups, sizeof *r->groups, group_cmp);
	free(refs);
}

/* ------------------------------------------------------------------ */
/* Everything                                                          */
/* ------------------------------------------------------------------ */

/* With kept states: reduce every unit again (a review changed one). */
static void reduce_kept(struct report *r)
{
	rpt_clear_figures(r);
	for (size_t u = 0; u < r->nunits; u++) {
		rpt_unit_clear(&r->units[u]);
		rpt_reduce(r, &r->units[u], r->units[u].st, (uint32_t)u);
	}
}

void report_compute(struct report *r)
{
	const struct directive *d = r->d;

	aggregate_clear(r);
	if (r->opts.keep_states)
		reduce_kept(r);
	sort_units(r);
	if (r->nacts > 1)
		qsort(r->acts, r->nacts, sizeof *r->acts, act_cmp);
	for (size_t u = 0; u < r->nunits; u++) {
		const struct report_unit *ru = &r->units[u];

		for (size_t i = 0; i < d->nitems; i++) {
			struct report_item *ri = &r->items[i];

			ri->units[ru->status[i]]++;
			ri->approved += ru->review[i] == 1;
			ri->needs_work += ru->review[i] == 2;
			if (ru->before && ru->status[i] == STATUS_DONE && ru->before[i] != STATUS_DONE) {
				ri->done_in_period++;
				r->sections[d->items[i].section].done_in_period++;
			}
		}
		for (size_t s = 0; s < d->nsections; s++) {
			progress_sum(&r->sections[s].items, &ru->sec[s]);
			r->sections[s].units[report_state_of(&ru->sec[s])]++;
		}
		progress_sum(&r->all, &ru->all);
		r->units_all[report_state_of(&ru->all)]++;
		r->done_in_period += ru->done_in_period;
		if (ru->last_at > r->last_at)
			r->last_at = ru->last_at;
	}
	if (r->opts.roster)
		match_roster(r);
	build_groups(r);
}

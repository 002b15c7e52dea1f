/*
 * compute.c: every figure of a report, derived from the units' states
 * (see report.h).
 *
 * Each unit is derived once, item by item (checklist_item_view), and the
 * rest is sums over those results: a figure is never computed twice in
 * two ways, so the matrix, the totals and the draft agree by
 * construction.
 */
#include "report/report.h"

#include <stdlib.h>
#include <string.h>

#include "text/text.h"

/* ------------------------------------------------------------------ */
/* Small helpers                                                       */
/* ------------------------------------------------------------------ */

enum report_state report_state_of(const struct progress *p)
{
	unsigned applicable = p->total - p->na;

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

const char *report_percent(const struct progress *p, char *buf, size_t n)
{
	if (p->total == p->na)
		snprintf(buf, n, "–");
	else
		snprintf(buf, n, "%u%%", progress_percent(p));
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

static void total_add(struct report_total *t, const char *v)
{
	if (!v)
		return;
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
/* Clearing what was derived                                           */
/* ------------------------------------------------------------------ */

static void derived_free(struct report *r)
{
	const struct directive *d = r->d;

	for (size_t i = 0; i < r->nunits; i++) {
		struct report_unit *u = &r->units[i];

		free(u->name);
		free(u->parent);
		free(u->status);
		free(u->sec);
		free(u->sums);
		free(u->sort_key);
		u->name = u->parent = u->sort_key = NULL;
		u->status = NULL;
		u->sec = NULL;
		u->sums = NULL;
	}
	if (r->sections)
		for (size_t s = 0; s < d->nsections; s++)
			free(r->sections[s].fields);
	if (r->items)
		for (size_t i = 0; i < d->nitems; i++)
			free(r->items[i].fields);
	for (size_t i = 0; i < r->nacts; i++)
		free(r->acts[i].values);
	for (size_t g = 0; g < r->ngroups; g++) {
		free(r->groups[g].parent);
		free(r->groups[g].name);
		free(r->groups[g].units);
		free(r->groups[g].sec);
		free(r->groups[g].sums);
	}
	free(r->sections);
	free(r->items);
	free(r->totals);
	free(r->acts);
	free(r->groups);
	r->sections = NULL;
	r->items = NULL;
	r->totals = NULL;
	r->acts = NULL;
	r->groups = NULL;
	r->ntotals = r->nacts = r->ngroups = 0;
	memset(&r->all, 0, sizeof r->all);
	memset(r->units_all, 0, sizeof r->units_all);
	r->last_at = 0;
}

void report_free(struct report *r)
{
	if (!r)
		return;
	derived_free(r);
	for (size_t i = 0; i < r->nunits; i++) {
		struct report_unit *u = &r->units[i];

		free(u->unit);
		for (size_t k = 0; k < u->npaths; k++)
			free(u->paths[k]);
		free(u->paths);
		state_free(u->st);
	}
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
static int unit_cmp(const void *pa, const void *pb)
{
	const struct report_unit *a = pa, *b = pb;
	int c = text_natcmp(a->sort_key, b->sort_key);

	if (!c)
		c = text_natcmp(a->name, b->name);
	return c ? c : strcmp(a->unit, b->unit);
}

struct id_ref {
	const char *id;
	size_t i;
};

static int id_ref_cmp(const void *pa, const void *pb)
{
	return strcmp(((const struct id_ref *)pa)->id, ((const struct id_ref *)pb)->id);
}

static void sort_units(struct report *r)
{
	struct id_ref *ids = xcalloc(r->nunits ? r->nunits : 1, sizeof *ids);

	qsort(r->units, r->nunits, sizeof *r->units, unit_cmp);
	for (size_t i = 0; i < r->nunits; i++)
		ids[i] = (struct id_ref){ r->units[i].unit, i };
	qsort(ids, r->nunits, sizeof *ids, id_ref_cmp);
	for (size_t i = 0; i < r->nunits; i++)
		r->by_id[i] = ids[i].i;
	free(ids);
}

/* ------------------------------------------------------------------ */
/* One unit                                                            */
/* ------------------------------------------------------------------ */

/* Where each item's evidence fields land in r->totals and in its
 * section's fields: flat arrays indexed by first[item] + k. */
struct slots_map {
	size_t *first;
	size_t *tot;
	size_t *sec;
};

static const char *activity_value(const struct activity_view *a, const char *key)
{
	for (size_t k = 0; k < a->nvalues; k++) {
		const char *f = a->values[k].field, *dot = strchr(f + 9, '.');

		if (dot && strcmp(dot + 1, key) == 0)
			return a->values[k].value;
	}
	return NULL;
}

static void add_activity(struct report *r, size_t *cap, size_t u, size_t item,
			 const struct activity_view *a, const struct slots_map *m)
{
	const struct item *it = &r->d->items[item];
	struct report_unit *ru = &r->units[u];
	struct report_activity *ra;
	int64_t first = 0;

	if (r->nacts == *cap) {
		*cap = *cap ? *cap * 2 : 256;
		r->acts = xrealloc(r->acts, *cap * sizeof *r->acts);
	}
	ra = &r->acts[r->nacts++];
	memset(ra, 0, sizeof *ra);
	ra->unit = u;
	ra->item = item;
	ra->values = xcalloc(it->nevidence ? it->nevidence : 1, sizeof *ra->values);
	for (size_t k = 0; k < a->nvalues; k++)
		for (size_t h = 0; h < a->values[k].nheads; h++)
			if (!first || a->values[k].heads[h]->at < first)
				first = a->values[k].heads[h]->at;
	ra->at = first;
	for (size_t k = 0; k < it->nevidence; k++) {
		const char *v = activity_value(a, it->evidence[k].key);

		/* A value from a revision where the field had another type
		 * ("khoảng 500" when it was text) is kept in the file and
		 * listed apart, never summed as 0. */
		if (v && !evidence_check_value(it->evidence[k].type, v, NULL))
			v = NULL;
		ra->values[k] = v;
		if (!v)
			continue;
		if (it->evidence[k].type == EVIDENCE_DATE) {
			if (!ra->date)
				ra->date = v;
			if (strlen(v) == 10 && strcmp(v, ru->last_activity) > 0)
				memcpy(ru->last_activity, v, 11);
		}
		if (it->evidence[k].type == EVIDENCE_COUNT)
			ru->sums[m->tot[m->first[item] + k]] += strtoull(v, NULL, 10);
	}
}

static void derive_unit(struct report *r, size_t u, size_t *actcap, const struct slots_map *m)
{
	const struct directive *d = r->d;
	struct report_unit *ru = &r->units[u];
	const struct checklist *cl = ru->st->cl;

	ru->status = xcalloc(d->nitems ? d->nitems : 1, sizeof *ru->status);
	ru->sec = xcalloc(d->nsections ? d->nsections : 1, sizeof *ru->sec);
	ru->sums = xcalloc(r->ntotals ? r->ntotals : 1, sizeof *ru->sums);
	memset(&ru->all, 0, sizeof ru->all);
	ru->last_activity[0] = '\0';
	ru->approved = ru->needs_work = 0;
	ru->nopen = 0;
	for (size_t i = 0; i < d->nitems; i++) {
		struct item_view v;

		checklist_item_view(cl, d->items[i].id, &v);
		ru->status[i] = v.status;
		progress_add(&ru->sec[d->items[i].section], v.status);
		progress_add(&ru->all, v.status);
		if (v.status != STATUS_DONE && v.status != STATUS_NA)
			ru->nopen++;
		if (v.review_f.value && strcmp(v.review_f.value, "approved") == 0) {
			ru->approved++;
			r->items[i].approved++;
		} else if (v.review_f.value && strcmp(v.review_f.value, "needs-work") == 0) {
			ru->needs_work++;
			r->items[i].needs_work++;
		}
		for (size_t a = 0; a < v.nacts; a++)
			if (!v.acts[a].deleted)
				add_activity(r, actcap, u, i, &v.acts[a], m);
		item_view_free(&v);
	}
	ru->last_at = checklist_max_at(cl);
	ru->nconflicts = checklist_conflict_count(cl);
	if (ru->last_at > r->last_at)
		r->last_at = ru->last_at;
}

/* ------------------------------------------------------------------ */
/* Totals over units                                                   */
/* ------------------------------------------------------------------ */

static void map_fields(struct report *r, struct slots_map *m)
{
	const struct directive *d = r->d;
	size_t nflat = 0;

	m->first = xcalloc(d->nitems ? d->nitems : 1, sizeof *m->first);
	for (size_t i = 0; i < d->nitems; i++) {
		m->first[i] = nflat;
		nflat += d->items[i].nevidence;
	}
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
}

static int act_cmp(const void *pa, const void *pb)
{
	const struct report_activity *a = pa, *b = pb;
	int c;

	if (a->item != b->item)
		return a->item < b->item ? -1 : 1;
	/* Dated ones in date order, undated after them. */
	if ((a->date != NULL) != (b->date != NULL))
		return a->date ? -1 : 1;
	if (a->date && (c = strcmp(a->date, b->date)))
		return c;
	if (a->unit != b->unit)
		return a->unit < b->unit ? -1 : 1;
	if (a->at != b->at)
		return a->at < b->at ? -1 : 1;
	return 0;
}

static void sum_activities(struct report *r, const struct slots_map *m)
{
	for (size_t i = 0; i < r->nacts; i++) {
		const struct report_activity *a = &r->acts[i];
		const struct item *it = &r->d->items[a->item];
		struct report_item *ri = &r->items[a->item];
		struct report_section *s = &r->sections[it->section];

		ri->nacts++;
		s->nacts++;
		for (size_t k = 0; k < it->nevidence; k++) {
			total_add(&ri->fields[k], a->values[k]);
			total_add(&s->fields[m->sec[m->first[a->item] + k]], a->values[k]);
			total_add(&r->totals[m->tot[m->first[a->item] + k]], a->values[k]);
		}
	}
}

/* ------------------------------------------------------------------ */
/* Roll-up by parent                                                   */
/* ------------------------------------------------------------------ */

struct parent_ref {
	const char *parent;
	size_t i;
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

static void build_groups(struct report *r)
{
	const struct directive *d = r->d;
	struct parent_ref *refs = xcalloc(r->nunits ? r->nunits : 1, sizeof *refs);
	size_t cap = 0;

	for (size_t i = 0; i < r->nunits; i++)
		refs[i] = (struct parent_ref){ r->units[i].parent, i };
	qsort(refs, r->nunits, sizeof *refs, parent_ref_cmp);
	for (size_t i = 0; i < r->nunits; i++) {
		const struct report_unit *u = &r->units[refs[i].i];
		struct report_group *g;

		if (i == 0 || !same_parent(&refs[i], &refs[i - 1])) {
			const struct report_unit *pu = refs[i].parent ? report_find_unit(r, refs[i].parent) : NULL;
			size_t run = 1;

			while (i + run < r->nunits && same_parent(&refs[i + run], &refs[i]))
				run++;

			if (r->ngroups == cap) {
				cap = cap ? cap * 2 : 16;
				r->groups = xrealloc(r->groups, cap * sizeof *r->groups);
			}
			g = &r->groups[r->ngroups++];
			memset(g, 0, sizeof *g);
			g->parent = refs[i].parent ? xstrdup(refs[i].parent) : NULL;
			g->name = xstrdup(pu ? pu->name : refs[i].parent ? refs[i].parent
									  : "(chưa ghi đơn vị cấp trên)");
			g->sec = xcalloc(d->nsections ? d->nsections : 1, sizeof *g->sec);
			g->sums = xcalloc(r->ntotals ? r->ntotals : 1, sizeof *g->sums);
			g->units = xcalloc(run, sizeof *g->units);
		}
		g = &r->groups[r->ngroups - 1];
		g->units[g->nunits++] = refs[i].i;
		for (size_t s = 0; s < d->nsections; s++)
			progress_sum(&g->sec[s], &u->sec[s]);
		progress_sum(&g->all, &u->all);
		for (size_t t = 0; t < r->ntotals; t++)
			g->sums[t] += u->sums[t];
		g->nconflicts += u->nconflicts;
	}
	if (r->ngroups > 1)
		qsort(r->groups, r->ngroups, sizeof *r->groups, group_cmp);
	free(refs);
}

/* ------------------------------------------------------------------ */
/* Everything                                                          */
/* ------------------------------------------------------------------ */

void report_compute(struct report *r)
{
	const struct directive *d = r->d;
	struct slots_map m;
	size_t actcap = 0;

	derived_free(r);
	for (size_t i = 0; i < r->nunits; i++) {
		struct report_unit *u = &r->units[i];

		u->name = xstrdup(u->st->unit_name && *u->st->unit_name ? u->st->unit_name : u->unit);
		u->parent = u->st->parent && *u->st->parent ? xstrdup(u->st->parent) : NULL;
		u->sort_key = text_fold(u->name);
	}
	sort_units(r);
	r->sections = xcalloc(d->nsections ? d->nsections : 1, sizeof *r->sections);
	r->items = xcalloc(d->nitems ? d->nitems : 1, sizeof *r->items);
	map_fields(r, &m);
	for (size_t u = 0; u < r->nunits; u++)
		derive_unit(r, u, &actcap, &m);
	if (r->nacts > 1)
		qsort(r->acts, r->nacts, sizeof *r->acts, act_cmp);
	sum_activities(r, &m);
	for (size_t u = 0; u < r->nunits; u++) {
		const struct report_unit *ru = &r->units[u];

		for (size_t i = 0; i < d->nitems; i++)
			r->items[i].units[ru->status[i]]++;
		for (size_t s = 0; s < d->nsections; s++) {
			progress_sum(&r->sections[s].items, &ru->sec[s]);
			r->sections[s].units[report_state_of(&ru->sec[s])]++;
		}
		progress_sum(&r->all, &ru->all);
		r->units_all[report_state_of(&ru->all)]++;
	}
	build_groups(r);
	free(m.first);
	free(m.tot);
	free(m.sec);
}

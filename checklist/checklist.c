/*
 * checklist.c: the event-set engine (see checklist.h).
 *
 * The set is one array kept in canonical order.  Every derived view
 * (field heads, item views, progress) is computed from it on demand: a
 * directive has a few dozen items and a unit file a few thousand events,
 * so binary search over the sorted array is all the indexing needed.
 */
#include "checklist/checklist.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "text/text.h"

static const char crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

static const char *const status_names[STATUS__COUNT] = {
	[STATUS_TODO] = "todo",
	[STATUS_IN_PROGRESS] = "in-progress",
	[STATUS_DONE] = "done",
	[STATUS_NA] = "not-applicable",
	[STATUS_CONFLICT] = "CONFLICT",
};

/* ------------------------------------------------------------------ */
/* Events and the set                                                  */
/* ------------------------------------------------------------------ */

/*
 * Derived values that screens ask for on every repaint (item statuses,
 * the conflict count, the newest time) are computed once per version of
 * the set.  With 10,000 events an overview repaint otherwise recomputed
 * the heads of every register several times per key.
 */
struct status_memo {
	const char *item; /* borrowed from an event of the set */
	enum status status;
};

struct checklist_memo {
	unsigned long version;
	struct status_memo *statuses; /* sorted by item, directive_id_cmp */
	size_t nstatuses, cap;
	bool have_conflicts, have_max_at;
	size_t conflicts;
	int64_t max_at;
};

static struct checklist_memo *memo_of(const struct checklist *cl)
{
	struct checklist_memo *m = cl->memo;

	if (m->version != cl->version) {
		m->version = cl->version;
		m->nstatuses = 0;
		m->have_conflicts = m->have_max_at = false;
	}
	return m;
}

struct checklist *checklist_new(void)
{
	struct checklist *cl = xcalloc(1, sizeof(struct checklist));

	cl->memo = xcalloc(1, sizeof *cl->memo);
	return cl;
}

void event_free(struct event *e)
{
	if (!e)
		return;
	free(e->id);
	free(e->item);
	free(e->field);
	free(e->value);
	for (size_t i = 0; i < e->npred; i++)
		free(e->pred[i]);
	free(e->pred);
	free(e->by);
	free(e->replica);
	free(e);
}

void checklist_free(struct checklist *cl)
{
	if (!cl)
		return;
	for (size_t i = 0; i < cl->n; i++)
		event_free(cl->ev[i]);
	free(cl->ev);
	free(cl->memo->statuses);
	free(cl->memo);
	free(cl);
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

struct event *event_dup(const struct event *e)
{
	struct event *d = xcalloc(1, sizeof *d);

	d->id = dup_or_null(e->id);
	d->item = dup_or_null(e->item);
	d->field = dup_or_null(e->field);
	d->value = dup_or_null(e->value);
	d->npred = e->npred;
	d->pred = xcalloc(e->npred ? e->npred : 1, sizeof *d->pred);
	for (size_t i = 0; i < e->npred; i++)
		d->pred[i] = xstrdup(e->pred[i]);
	d->gen = e->gen;
	d->by = dup_or_null(e->by);
	d->replica = dup_or_null(e->replica);
	d->at = e->at;
	d->tick = e->tick;
	return d;
}

static int str_cmp0(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

static int num_cmp(unsigned long long a, unsigned long long b)
{
	return a < b ? -1 : a > b;
}

/* Order of the register an event belongs to: items in the order of
 * their ids as a reader expects (directive_id_cmp), then fields. */
static int key_cmp(const char *item_a, const char *field_a, const char *item_b,
		   const char *field_b)
{
	int c = directive_id_cmp(item_a, item_b);

	return c ? c : str_cmp0(field_a, field_b);
}

int event_cmp(const struct event *a, const struct event *b)
{
	int c;

	if ((c = key_cmp(a->item, a->field, b->item, b->field)))
		return c;
	if ((c = num_cmp(a->gen, b->gen)))
		return c;
	if (a->at != b->at)
		return a->at < b->at ? -1 : 1;
	if ((c = num_cmp(a->tick, b->tick)))
		return c;
	if ((c = str_cmp0(a->replica, b->replica)))
		return c;
	if ((c = str_cmp0(a->id, b->id)))
		return c;
	/* Same id, different content: a hand-altered copy.  Both are kept,
	 * so the rest of the content decides the order. */
	if ((c = str_cmp0(a->value, b->value)))
		return c;
	if ((c = str_cmp0(a->by, b->by)))
		return c;
	if ((c = num_cmp(a->npred, b->npred)))
		return c;
	for (size_t i = 0; i < a->npred; i++)
		if ((c = str_cmp0(a->pred[i], b->pred[i])))
			return c;
	return 0;
}

/* Index of the first event not less than e; *found if equal. */
static size_t lower_bound(const struct checklist *cl, const struct event *e, bool *found)
{
	size_t lo = 0, hi = cl->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (event_cmp(cl->ev[mid], e) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = lo < cl->n && event_cmp(cl->ev[lo], e) == 0;
	return lo;
}

static void reserve(struct checklist *cl, size_t extra)
{
	if (cl->n + extra <= cl->cap)
		return;
	cl->cap = cl->cap ? cl->cap : 64;
	while (cl->cap < cl->n + extra)
		cl->cap *= 2;
	cl->ev = xrealloc(cl->ev, cl->cap * sizeof *cl->ev);
}

bool checklist_add(struct checklist *cl, struct event *e)
{
	bool found;
	size_t at;

	/* Files are written in canonical order, so loading mostly appends. */
	if (cl->n == 0 || event_cmp(cl->ev[cl->n - 1], e) < 0) {
		at = cl->n;
	} else {
		at = lower_bound(cl, e, &found);
		if (found) {
			event_free(e);
			return false;
		}
	}
	reserve(cl, 1);
	memmove(cl->ev + at + 1, cl->ev + at, (cl->n - at) * sizeof *cl->ev);
	cl->ev[at] = e;
	cl->n++;
	cl->version++;
	return true;
}

size_t checklist_join(struct checklist *dst, const struct checklist *src)
{
	struct event **out;
	size_t i = 0, j = 0, n = 0, added = 0, size = dst->n + src->n;

	if (src->n == 0)
		return 0;
	/* A linear merge of two sorted arrays: joining two 10,000-event
	 * files must not cost 10,000 insertions. */
	out = xmalloc(size * sizeof *out);
	while (i < dst->n || j < src->n) {
		int c = i == dst->n ? 1 : j == src->n ? -1 : event_cmp(dst->ev[i], src->ev[j]);

		if (c < 0) {
			out[n++] = dst->ev[i++];
		} else if (c > 0) {
			out[n++] = event_dup(src->ev[j++]);
			added++;
		} else {
			out[n++] = dst->ev[i++];
			j++;
		}
	}
	free(dst->ev);
	dst->ev = out;
	dst->n = n;
	dst->cap = size;
	dst->version++;
	return added;
}

bool checklist_subset(const struct checklist *a, const struct checklist *b)
{
	size_t j = 0;

	for (size_t i = 0; i < a->n; i++) {
		int c = -1;

		while (j < b->n && (c = event_cmp(b->ev[j], a->ev[i])) < 0)
			j++;
		if (j == b->n || c != 0)
			return false;
	}
	return true;
}

/* ------------------------------------------------------------------ */
/* Registers: heads and values                                         */
/* ------------------------------------------------------------------ */

/* The range [*lo, *hi) of events of item (and field, unless NULL). */
static void range_of(const struct checklist *cl, const char *item, const char *field,
		     size_t *lo_out, size_t *hi_out)
{
	size_t lo = 0, hi = cl->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct event *e = cl->ev[mid];
		int c = field ? key_cmp(e->item, e->field, item, field) : directive_id_cmp(e->item, item);

		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*lo_out = lo;
	hi = lo;
	while (hi < cl->n && (field ? key_cmp(cl->ev[hi]->item, cl->ev[hi]->field, item, field)
				   : directive_id_cmp(cl->ev[hi]->item, item)) == 0)
		hi++;
	*hi_out = hi;
}

static int cmp_strp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Registers of at most this many events find their heads by comparing
 * every id with every pred: nearly all registers hold one to a few events,
 * and sorting their preds (two allocations and a qsort each) cost more
 * than the comparisons, for every status, item view and conflict count. */
#define SMALL_REGISTER 8

/* Heads of the register held in ev[lo, hi). */
static size_t heads_in(const struct checklist *cl, size_t lo, size_t hi,
		       const struct event ***out)
{
	size_t npred = 0, n = 0;
	const char **preds;
	const struct event **heads;

	if (hi - lo <= SMALL_REGISTER) {
		heads = xmalloc((hi - lo ? hi - lo : 1) * sizeof *heads);
		for (size_t i = lo; i < hi; i++) {
			const char *id = cl->ev[i]->id;
			bool replaced = false;

			for (size_t j = lo; j < hi && !replaced; j++)
				for (size_t k = 0; k < cl->ev[j]->npred && !replaced; k++)
					replaced = strcmp(cl->ev[j]->pred[k], id) == 0;
			if (!replaced)
				heads[n++] = cl->ev[i];
		}
		*out = heads;
		return n;
	}
	for (size_t i = lo; i < hi; i++)
		npred += cl->ev[i]->npred;
	preds = xmalloc((npred ? npred : 1) * sizeof *preds);
	npred = 0;
	for (size_t i = lo; i < hi; i++)
		for (size_t k = 0; k < cl->ev[i]->npred; k++)
			preds[npred++] = cl->ev[i]->pred[k];
	qsort(preds, npred, sizeof *preds, cmp_strp);
	heads = xmalloc((hi - lo ? hi - lo : 1) * sizeof *heads);
	for (size_t i = lo; i < hi; i++) {
		const char *id = cl->ev[i]->id;

		if (!bsearch(&id, preds, npred, sizeof *preds, cmp_strp))
			heads[n++] = cl->ev[i];
	}
	free(preds);
	*out = heads;
	return n;
}

size_t checklist_heads(const struct checklist *cl, const char *item,
		       const char *field, const struct event ***heads)
{
	size_t lo, hi;

	range_of(cl, item, field, &lo, &hi);
	return heads_in(cl, lo, hi, heads);
}

/* True if the heads carry more than one distinct value. */
static bool heads_conflict(const struct event **heads, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (str_cmp0(heads[i]->value, heads[0]->value) != 0)
			return true;
	return false;
}

const char *checklist_value(const struct checklist *cl, const char *item,
			    const char *field, bool *conflict)
{
	const struct event **heads;
	size_t n = checklist_heads(cl, item, field, &heads);
	const char *v = NULL;
	bool c = heads_conflict(heads, n);

	if (n > 0 && !c)
		v = heads[0]->value;
	free(heads);
	if (conflict)
		*conflict = c;
	return v;
}

const struct event *checklist_find(const struct checklist *cl, const char *item,
				   const char *field, const char *id)
{
	size_t lo, hi;

	range_of(cl, item, field, &lo, &hi);
	for (size_t i = lo; i < hi; i++)
		if (strcmp(cl->ev[i]->id, id) == 0)
			return cl->ev[i];
	return NULL;
}

size_t checklist_fields(const struct checklist *cl, const char *item,
			const char ***fields)
{
	size_t lo, hi, n = 0;
	const char **out;

	range_of(cl, item, NULL, &lo, &hi);
	out = xmalloc((hi - lo ? hi - lo : 1) * sizeof *out);
	for (size_t i = lo; i < hi; i++)
		if (n == 0 || strcmp(out[n - 1], cl->ev[i]->field) != 0)
			out[n++] = cl->ev[i]->field;
	*fields = out;
	return n;
}

/* ------------------------------------------------------------------ */
/* Item views                                                          */
/* ------------------------------------------------------------------ */

const char *status_name(enum status s)
{
	return s < STATUS__COUNT ? status_names[s] : "?";
}

int status_parse(const char *s)
{
	for (int i = 0; i < STATUS_CONFLICT; i++)
		if (s && strcmp(s, status_names[i]) == 0)
			return i;
	return -1;
}

static void field_view_fill(const struct checklist *cl, size_t lo, size_t hi,
			    struct field_view *fv)
{
	fv->field = lo < hi ? cl->ev[lo]->field : NULL;
	fv->nheads = heads_in(cl, lo, hi, &fv->heads);
	fv->conflict = heads_conflict(fv->heads, fv->nheads);
	fv->value = fv->nheads && !fv->conflict ? fv->heads[0]->value : NULL;
}

static enum status status_of(const struct field_view *fv)
{
	int s;

	if (fv->conflict)
		return STATUS_CONFLICT;
	if (!fv->value)
		return STATUS_TODO;
	s = status_parse(fv->value);
	return s < 0 ? STATUS_TODO : (enum status)s;
}

/* Split "activity.<rid>.<key>"; returns false for other fields. */
static bool activity_split(const char *field, const char **rid, size_t *ridlen,
			   const char **key)
{
	const char *dot;

	if (strncmp(field, "activity.", 9) != 0)
		return false;
	*rid = field + 9;
	dot = strchr(*rid, '.');
	if (!dot || dot == *rid || !dot[1])
		return false;
	*ridlen = (size_t)(dot - *rid);
	*key = dot + 1;
	return true;
}

static struct activity_view *activity_find(struct item_view *v, const char *rid, size_t len)
{
	for (size_t i = 0; i < v->nacts; i++)
		if (strlen(v->acts[i].rid) == len && memcmp(v->acts[i].rid, rid, len) == 0)
			return &v->acts[i];
	v->acts = xrealloc(v->acts, (v->nacts + 1) * sizeof *v->acts);
	memset(&v->acts[v->nacts], 0, sizeof *v->acts);
	v->acts[v->nacts].rid = xstrndup(rid, len);
	return &v->acts[v->nacts++];
}

static int64_t activity_first_at(const struct activity_view *a)
{
	int64_t first = INT64_MAX;

	for (size_t i = 0; i < a->nvalues; i++)
		for (size_t k = 0; k < a->values[i].nheads; k++)
			if (a->values[i].heads[k]->at < first)
				first = a->values[i].heads[k]->at;
	return first;
}

static int activity_cmp(const void *pa, const void *pb)
{
	const struct activity_view *a = pa, *b = pb;
	int64_t x = activity_first_at(a), y = activity_first_at(b);

	if (x != y)
		return x < y ? -1 : 1;
	return strcmp(a->rid, b->rid);
}

/* Put one register's view where it belongs in the item view. */
static void item_view_place(struct item_view *v, struct field_view *fv)
{
	static const struct {
		const char *name;
		size_t offset;
	} fixed[] = {
		{ "status", offsetof(struct item_view, status_f) },
		{ "reason", offsetof(struct item_view, reason_f) },
		{ "note", offsetof(struct item_view, note_f) },
		{ "review", offsetof(struct item_view, review_f) },
		{ "review_comment", offsetof(struct item_view, review_comment_f) },
	};
	const char *rid, *key;
	size_t ridlen;
	struct activity_view *a;

	for (size_t i = 0; i < ARRAY_LEN(fixed); i++) {
		if (strcmp(fv->field, fixed[i].name) == 0) {
			*(struct field_view *)((char *)v + fixed[i].offset) = *fv;
			return;
		}
	}
	if (activity_split(fv->field, &rid, &ridlen, &key)) {
		a = activity_find(v, rid, ridlen);
		if (strcmp(key, "deleted") == 0 && fv->value && strcmp(fv->value, "yes") == 0)
			a->deleted = true;
		a->values = xrealloc(a->values, (a->nvalues + 1) * sizeof *a->values);
		a->values[a->nvalues++] = *fv;
		return;
	}
	free(fv->heads); /* a field this version does not know: not shown */
}

void checklist_item_view(const struct checklist *cl, const char *item,
			 struct item_view *out)
{
	size_t lo, hi;

	memset(out, 0, sizeof *out);
	range_of(cl, item, NULL, &lo, &hi);
	out->nevents = hi - lo;
	for (size_t i = lo; i < hi;) {
		size_t j = i + 1;
		struct field_view fv;

		while (j < hi && strcmp(cl->ev[j]->field, cl->ev[i]->field) == 0)
			j++;
		for (size_t k = i; k < j; k++)
			if (cl->ev[k]->at > out->last_at)
				out->last_at = cl->ev[k]->at;
		field_view_fill(cl, i, j, &fv);
		if (fv.conflict)
			out->nconflicts++;
		item_view_place(out, &fv);
		i = j;
	}
	out->status = status_of(&out->status_f);
	if (out->nacts > 1)
		qsort(out->acts, out->nacts, sizeof *out->acts, activity_cmp);
}

void item_view_free(struct item_view *v)
{
	free(v->status_f.heads);
	free(v->reason_f.heads);
	free(v->note_f.heads);
	free(v->review_f.heads);
	free(v->review_comment_f.heads);
	for (size_t i = 0; i < v->nacts; i++) {
		for (size_t k = 0; k < v->acts[i].nvalues; k++)
			free(v->acts[i].values[k].heads);
		free(v->acts[i].values);
		free(v->acts[i].rid);
	}
	free(v->acts);
	memset(v, 0, sizeof *v);
}

/* The status of the item whose events are ev[lo, hi): its "status"
 * register is found in that range (sorted by field), not by a second
 * search of the whole set. */
static enum status compute_status(const struct checklist *cl, size_t lo, size_t hi)
{
	struct field_view fv;
	size_t end;
	enum status s;

	while (lo < hi && str_cmp0(cl->ev[lo]->field, "status") < 0)
		lo++;
	end = lo;
	while (end < hi && str_cmp0(cl->ev[end]->field, "status") == 0)
		end++;
	field_view_fill(cl, lo, end, &fv);
	s = status_of(&fv);
	free(fv.heads);
	return s;
}

enum status checklist_status(const struct checklist *cl, const char *item)
{
	struct checklist_memo *m = memo_of(cl);
	size_t lo = 0, hi = m->nstatuses, lo_ev, hi_ev;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = directive_id_cmp(m->statuses[mid].item, item);

		if (c == 0)
			return m->statuses[mid].status;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	range_of(cl, item, NULL, &lo_ev, &hi_ev);
	if (lo_ev == hi_ev)
		return STATUS_TODO; /* no event: nothing to remember it by */
	if (m->nstatuses == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 64;
		m->statuses = xrealloc(m->statuses, m->cap * sizeof *m->statuses);
	}
	memmove(m->statuses + lo + 1, m->statuses + lo, (m->nstatuses - lo) * sizeof *m->statuses);
	m->statuses[lo].item = cl->ev[lo_ev]->item;
	m->statuses[lo].status = compute_status(cl, lo_ev, hi_ev);
	m->nstatuses++;
	return m->statuses[lo].status;
}

/* ------------------------------------------------------------------ */
/* Progress                                                            */
/* ------------------------------------------------------------------ */

void progress_add(struct progress *p, enum status s)
{
	p->total++;
	switch (s) {
	case STATUS_TODO: p->todo++; break;
	case STATUS_IN_PROGRESS: p->in_progress++; break;
	case STATUS_DONE: p->done++; break;
	case STATUS_NA: p->na++; break;
	default: p->conflict++; break;
	}
}

void checklist_progress(const struct checklist *cl, const struct directive *d,
			size_t section, struct progress *out)
{
	size_t first = 0, n = d->nitems;

	memset(out, 0, sizeof *out);
	if (section != (size_t)-1) {
		if (section >= d->nsections)
			return;
		first = d->sections[section].first_item;
		n = d->sections[section].nitems;
	}
	for (size_t i = first; i < first + n; i++)
		progress_add(out, checklist_status(cl, d->items[i].id));
}

unsigned progress_percent(const struct progress *p)
{
	unsigned applicable = p->total - p->na;

	return applicable ? p->done * 100 / applicable : 0;
}

size_t checklist_conflict_count(const struct checklist *cl)
{
	struct checklist_memo *m = memo_of(cl);
	size_t count = 0;

	if (m->have_conflicts)
		return m->conflicts;
	for (size_t i = 0; i < cl->n;) {
		size_t j = i + 1;
		const struct event **heads;
		size_t n;

		while (j < cl->n && key_cmp(cl->ev[j]->item, cl->ev[j]->field,
					    cl->ev[i]->item, cl->ev[i]->field) == 0)
			j++;
		n = heads_in(cl, i, j, &heads);
		count += heads_conflict(heads, n);
		free(heads);
		i = j;
	}
	m->have_conflicts = true;
	m->conflicts = count;
	return count;
}

int64_t checklist_max_at(const struct checklist *cl)
{
	struct checklist_memo *m = memo_of(cl);
	int64_t max = 0;

	if (m->have_max_at)
		return m->max_at;
	for (size_t i = 0; i < cl->n; i++)
		if (cl->ev[i]->at > max)
			max = cl->ev[i]->at;
	m->have_max_at = true;
	m->max_at = max;
	return max;
}

/* ------------------------------------------------------------------ */
/* Validation                                                          */
/* ------------------------------------------------------------------ */

/* One of crockford[]: digits and capitals but I, L, O and U.  Tested by
 * range: strchr over the alphabet for each character of every event id
 * and pred was a measurable part of loading a file. */
static bool crockford_char(char c)
{
	return (c >= '0' && c <= '9') ||
	       (c >= 'A' && c <= 'Z' && c != 'I' && c != 'L' && c != 'O' && c != 'U');
}

static bool crockford_id(const char *s, size_t len)
{
	if (!s || strlen(s) != len || !(s[0] >= 'A' && s[0] <= 'Z'))
		return false;
	for (size_t i = 0; i < len; i++)
		if (!crockford_char(s[i]))
			return false;
	return true;
}

bool event_id_valid(const char *s)
{
	return crockford_id(s, EVENT_ID_LEN);
}

static int check_activity(const struct item *it, const char *field, const char *value,
			  struct dvk_error *err)
{
	const char *rid, *key;
	size_t ridlen;
	const struct evidence_field *ef;
	char ridbuf[RECORD_ID_LEN + 1];

	if (!activity_split(field, &rid, &ridlen, &key))
		return dvk_error_set(err, NULL, 0, 0,
				     "bad activity field \"%s\" (expected activity.<record>.<key>)", field);
	if (ridlen != RECORD_ID_LEN)
		return dvk_error_set(err, NULL, 0, 0, "bad activity record id in \"%s\"", field);
	memcpy(ridbuf, rid, ridlen);
	ridbuf[ridlen] = '\0';
	if (!crockford_id(ridbuf, RECORD_ID_LEN))
		return dvk_error_set(err, NULL, 0, 0, "bad activity record id in \"%s\"", field);
	if (strcmp(key, "deleted") == 0) {
		if (strcmp(value, "yes") != 0)
			return dvk_error_set(err, NULL, 0, 0, "\"deleted\" can only be \"yes\"");
		return 1;
	}
	ef = item_evidence(it, key);
	if (!ef) {
		struct buf keys = {0};

		for (size_t i = 0; i < it->nevidence; i++)
			buf_printf(&keys, "%s%s", i ? ", " : "", it->evidence[i].key);
		dvk_error_set(err, NULL, 0, 0, "item %s has no evidence field \"%s\" (it has: %s)",
			      it->id, key, keys.data ? keys.data : "none");
		buf_free(&keys);
		return 0;
	}
	if (!evidence_check_value(ef->type, value, err)) {
		char why[DVK_ERR_MSG];

		snprintf(why, sizeof why, "%s", err ? err->message : "");
		return dvk_error_set(err, NULL, 0, 0, "%s (%s): %s", key, ef->label, why);
	}
	return 1;
}

/*
 * directive_item, remembering where the last item was found: a file's log
 * is sorted by item, so when loading, nearly every event names the item of
 * the one before, and the directive's items are searched one by one (about
 * twenty string comparisons an event otherwise).  The hint is only a place
 * to look first, checked against d itself; item ids are unique, so a hit
 * is what the search would find.  Per thread: reports load on several.
 */
static const struct item *item_of(const struct directive *d, const char *item)
{
	static _Thread_local size_t hint;
	long i;

	if (d && item && hint < d->nitems && strcmp(d->items[hint].id, item) == 0)
		return &d->items[hint];
	i = directive_item_index(d, item);
	if (i < 0)
		return NULL;
	hint = (size_t)i;
	return &d->items[i];
}

int checklist_check_field(const struct directive *d, const char *item,
			  const char *field, const char *value,
			  struct dvk_error *err)
{
	const struct item *it = item_of(d, item);

	if (!it)
		return dvk_error_set(err, NULL, 0, 0, "unknown item \"%s\"", item);
	if (!value)
		return dvk_error_set(err, NULL, 0, 0, "missing value for %s", field);
	if (strcmp(field, "status") == 0) {
		if (status_parse(value) < 0)
			return dvk_error_set(err, NULL, 0, 0,
					     "unknown status \"%s\" (expected todo, in-progress, done or not-applicable)",
					     value);
		return 1;
	}
	if (strcmp(field, "review") == 0) {
		if (strcmp(value, "approved") != 0 && strcmp(value, "needs-work") != 0)
			return dvk_error_set(err, NULL, 0, 0,
					     "unknown review \"%s\" (expected approved or needs-work)", value);
		return 1;
	}
	if (strcmp(field, "note") == 0 || strcmp(field, "reason") == 0 ||
	    strcmp(field, "review_comment") == 0)
		return 1;
	if (strncmp(field, "activity.", 9) == 0)
		return check_activity(it, field, value, err);
	return dvk_error_set(err, NULL, 0, 0,
			     "unknown field \"%s\" (expected status, reason, note or activity.<key>)", field);
}

int checklist_check_event(const struct directive *d, const struct event *e,
			  struct dvk_error *err)
{
	if (!event_id_valid(e->id))
		return dvk_error_set(err, NULL, 0, 0,
				     "bad event id \"%s\" (16 Crockford base32 characters, first a letter)",
				     e->id ? e->id : "");
	if (!e->by || !*e->by)
		return dvk_error_set(err, NULL, 0, 0, "event %s has no author (by)", e->id);
	if (!e->replica || !*e->replica)
		return dvk_error_set(err, NULL, 0, 0, "event %s has no replica", e->id);
	for (size_t i = 0; i < e->npred; i++)
		if (!event_id_valid(e->pred[i]))
			return dvk_error_set(err, NULL, 0, 0, "bad event id \"%s\" in pred", e->pred[i]);
	if (d)
		return checklist_check_field(d, e->item, e->field, e->value, err);
	return 1;
}

/* ------------------------------------------------------------------ */
/* Clock and time                                                      */
/* ------------------------------------------------------------------ */

void hlc_tick(struct hlc *h, int64_t phys, int64_t *at, unsigned long *tick)
{
	if (phys > h->l) {
		h->l = phys;
		h->c = 0;
	} else {
		h->c++;
	}
	*at = h->l;
	*tick = h->c;
}

void hlc_observe(struct hlc *h, int64_t seen, unsigned long seen_tick, int64_t phys)
{
	int64_t cap = phys + CLOCK_MAX_AHEAD_MS;

	if (seen > cap) {
		seen = cap;
		seen_tick = 0;
	}
	if (seen > h->l) {
		h->l = seen;
		h->c = seen_tick;
	} else if (seen == h->l && seen_tick > h->c) {
		h->c = seen_tick;
	}
}

char *time_format(int64_t ms, char *buf, size_t n)
{
	time_t secs;
	struct tm tm;

	if (ms < 0)
		ms = 0;
	secs = (time_t)(ms / 1000);
	gmtime_r(&secs, &tm);
	snprintf(buf, n, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
		 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, (int)(ms % 1000));
	return buf;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard
 * Hinnant's algorithm): timegm, which normalises a struct tm through the
 * time zone machinery, was a twentieth of loading a state file. */
static int64_t days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : days[m - 1];
}

int time_parse(const char *s, int64_t *ms)
{
	int y, mo, d, h, mi, sec, frac = 0;
	char z = 0;

	if (!s)
		return 0;
	/* digits at fixed places, "YYYY-MM-DDTHH:MM:SS" (sscanf was a
	 * twentieth of loading a state file, and let signs and spaces in) */
	for (int i = 0; i < 19; i++) {
		bool digit = s[i] >= '0' && s[i] <= '9';

		if (i == 4 || i == 7 ? s[i] != '-' : i == 10 ? s[i] != 'T' :
		    i == 13 || i == 16 ? s[i] != ':' : !digit)
			return 0;
	}
#define DIGITS2(p) (((p)[0] - '0') * 10 + ((p)[1] - '0'))
	y = DIGITS2(s) * 100 + DIGITS2(s + 2);
	mo = DIGITS2(s + 5);
	d = DIGITS2(s + 8);
	h = DIGITS2(s + 11);
	mi = DIGITS2(s + 14);
	sec = DIGITS2(s + 17);
#undef DIGITS2
	s += 19;
	if (*s == '.') {
		if (!(s[1] >= '0' && s[1] <= '9' && s[2] >= '0' && s[2] <= '9' && s[3] >= '0' &&
		      s[3] <= '9'))
			return 0;
		frac = (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
		s += 4;
	}
	z = *s;
	/* Only times that format back to the same text: no 31 February, no
	 * leap second, or saving the file would change the event. */
	if (z != 'Z' || s[1] || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) ||
	    h > 23 || mi > 59 || sec > 59)
		return 0;
	/* Before 1970 cannot be written back (time_format stops at the
	 * epoch), so such an event would change when its file is saved. */
	int64_t v = (days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec) * 1000 + frac;

	if (v < 0)
		return 0;
	*ms = v;
	return 1;
}

/* ------------------------------------------------------------------ */
/* Editing                                                             */
/* ------------------------------------------------------------------ */

/* A random id of len Crockford characters whose first is a letter, so
 * that YAML never mistakes it for a number. */
static char *random_id(const struct edit_ctx *ctx, size_t len)
{
	unsigned char bytes[16];
	char *id = xmalloc(len + 1);
	size_t nbytes = (len * 5 + 7) / 8;

	ctx->random(bytes, nbytes, ctx->random_arg);
	for (size_t i = 0; i < len; i++) {
		size_t bit = i * 5;
		unsigned v = (unsigned)bytes[bit / 8] << 8;

		if (bit / 8 + 1 < nbytes)
			v |= bytes[bit / 8 + 1];
		v = (v >> (11 - bit % 8)) & 31;
		id[i] = i == 0 ? crockford[10 + v % 22] : crockford[v];
	}
	id[len] = '\0';
	return id;
}

char *checklist_new_id(const struct edit_ctx *ctx)
{
	return random_id(ctx, EVENT_ID_LEN);
}

char *checklist_new_rid(const struct edit_ctx *ctx)
{
	return random_id(ctx, RECORD_ID_LEN);
}

/* Free-text fields are cleaned (NFC, line ends, trailing blanks); the
 * others are compared and stored exactly. */
static char *clean_value(const char *field, const char *value)
{
	if (strcmp(field, "note") == 0 || strcmp(field, "reason") == 0 ||
	    strcmp(field, "review_comment") == 0 || strncmp(field, "activity.", 9) == 0)
		return text_clean_input(value);
	return xstrdup(value);
}

static int check_assignments(const struct checklist *cl, const struct directive *d,
			     const char *item, const struct assignment *as, size_t n,
			     char **vals, struct dvk_error *err)
{
	bool sets_na = false, has_reason = false;
	const char *cur;

	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < i; k++)
			if (strcmp(as[k].field, as[i].field) == 0)
				return dvk_error_set(err, NULL, 0, 0, "%s is given twice", as[i].field);
		if (!checklist_check_field(d, item, as[i].field, vals[i], err))
			return 0;
		if (strcmp(as[i].field, "status") == 0 && strcmp(vals[i], "not-applicable") == 0)
			sets_na = true;
		if (strcmp(as[i].field, "reason") == 0 && *vals[i])
			has_reason = true;
	}
	if (sets_na && !has_reason) {
		cur = checklist_value(cl, item, "reason", NULL);
		if (!cur || !*cur)
			return dvk_error_set(err, NULL, 0, 0,
					     "not-applicable needs a reason (give reason=\"...\")");
	}
	return 1;
}

/* The event that sets field to value, replacing the current heads. */
static struct event *make_event(const struct checklist *cl, const char *item,
				const char *field, char *value, struct edit_ctx *ctx)
{
	const struct event **heads;
	size_t nheads = checklist_heads(cl, item, field, &heads);
	struct event *e = xcalloc(1, sizeof *e);

	e->id = checklist_new_id(ctx);
	e->item = xstrdup(item);
	e->field = xstrdup(field);
	e->value = value;
	e->pred = xcalloc(nheads ? nheads : 1, sizeof *e->pred);
	for (size_t i = 0; i < nheads; i++) {
		if (e->npred && strcmp(e->pred[e->npred - 1], heads[i]->id) == 0)
			continue;
		e->pred[e->npred++] = xstrdup(heads[i]->id);
		if (heads[i]->gen + 1 > e->gen)
			e->gen = heads[i]->gen + 1;
	}
	qsort(e->pred, e->npred, sizeof *e->pred, cmp_strp);
	e->by = xstrdup(ctx->by);
	e->replica = xstrdup(ctx->replica);
	hlc_tick(ctx->clock, ctx->now, &e->at, &e->tick);
	free(heads);
	return e;
}

int checklist_apply(struct checklist *cl, const struct directive *d,
		    const char *item, const struct assignment *as, size_t n,
		    struct edit_ctx *ctx, struct dvk_error *err)
{
	char **vals = xcalloc(n ? n : 1, sizeof *vals);
	int added = 0;

	for (size_t i = 0; i < n; i++)
		vals[i] = clean_value(as[i].field, as[i].value ? as[i].value : "");
	if (!check_assignments(cl, d, item, as, n, vals, err)) {
		for (size_t i = 0; i < n; i++)
			free(vals[i]);
		free(vals);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		bool conflict;
		const char *cur = checklist_value(cl, item, as[i].field, &conflict);

		if (cur && !conflict && strcmp(cur, vals[i]) == 0) {
			free(vals[i]);
			continue;
		}
		checklist_add(cl, make_event(cl, item, as[i].field, vals[i], ctx));
		added++;
	}
	free(vals);
	return added;
}

/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * checklist.c: the engine's rules (see checklist.h): statuses and
 * progress, what a valid event is, event ids, the clock, and edits.  The
 * event set itself and its indexes are in set.c.
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
/* Units and reserved items                                            */
/* ------------------------------------------------------------------ */

bool unit_id_valid(const char *s)
{
	if (!s || !*s || strlen(s) > 100)
		return false;
	if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '.' ||
		      *s == '_' || *s == '-'))
			return false;
	return true;
}

bool checklist_item_reserved(const char *item)
{
	return item && item[0] == '_';
}

const char *checklist_unit_label(const char *field)
{
	if (strcmp(field, UNIT_NAME) == 0)
		return _("Name of the unit");
	if (strcmp(field, UNIT_PARENT) == 0)
		return _("Parent unit");
	return field;
}

bool event_is_hand_edit(const struct event *e)
{
	return e->replica && strcmp(e->replica, HAND_EDIT_REPLICA) == 0;
}

char *event_author(const struct event *e)
{
	if (event_is_hand_edit(e))
		return xasprintf(_("hand edit in %s"), e->by ? e->by : "");
	return xstrdup(e->by ? e->by : "");
}

/* ------------------------------------------------------------------ */
/* Cycles of preds                                                     */
/* ------------------------------------------------------------------ */

static int by_id_then_addr(const void *pa, const void *pb)
{
	const struct event *a = *(const struct event *const *)pa;
	const struct event *b = *(const struct event *const *)pb;
	int c = event_id_cmp(&a->id, &b->id);

	return c ? c : (a < b ? -1 : a > b);
}

/* The events sharing one id (a hand-altered copy keeps its id): one node
 * of the pred graph. */
struct id_node {
	size_t first, n;      /* into the events sorted by id */
	unsigned char colour; /* 0 not seen, 1 on the path, 2 done */
};

/* Node of id in nodes[0..n), or NULL. */
static struct id_node *node_of(struct id_node *nodes, size_t n, const struct event **ev,
			       const struct event_id *id)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = event_id_cmp(&ev[nodes[mid].first]->id, id);

		if (c == 0)
			return &nodes[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* A depth-first walk along preds, with a stack of its own (a chain of
 * edits may be thousands long); a node met again while on the path
 * closes a ring.  Each edge is followed once. */
struct walk {
	struct id_node *node;
	size_t ev, pred; /* next pred to follow: event ev of the node, pred */
};

static const struct event *walk_from(struct id_node *start, struct id_node *nodes, size_t nn,
				     const struct event **ev, struct walk **stack, size_t *cap)
{
	size_t depth = 0;

	GROW(*stack, 1, *cap);
	(*stack)[depth++] = (struct walk){ start, 0, 0 };
	start->colour = 1;
	while (depth) {
		struct walk *w = &(*stack)[depth - 1];
		const struct event *e;
		struct id_node *next;

		if (w->ev == w->node->n) {
			w->node->colour = 2;
			depth--;
			continue;
		}
		e = ev[w->node->first + w->ev];
		if (w->pred == e->npred) {
			w->ev++;
			w->pred = 0;
			continue;
		}
		next = node_of(nodes, nn, ev, &e->pred[w->pred++]);
		if (!next || next->colour == 2)
			continue;
		if (next->colour == 1)
			return e;
		next->colour = 1;
		GROW(*stack, depth + 1, *cap);
		(*stack)[depth++] = (struct walk){ next, 0, 0 };
	}
	return NULL;
}

/* An event of ev[0..n) (one register's events; reordered) on a ring of
 * preds among them, or NULL. */
static const struct event *ring_in(const struct event **ev, size_t n)
{
	struct id_node *nodes = xmalloc((n ? n : 1) * sizeof *nodes);
	struct walk *stack = NULL;
	const struct event *found = NULL;
	size_t nn = 0, cap = 0;

	qsort(ev, n, sizeof *ev, by_id_then_addr);
	for (size_t i = 0; i < n; i++) {
		if (i && event_id_cmp(&ev[i - 1]->id, &ev[i]->id) == 0) {
			nodes[nn - 1].n++;
			continue;
		}
		nodes[nn++] = (struct id_node){ i, 1, 0 };
	}
	for (size_t i = 0; i < nn && !found; i++)
		if (nodes[i].colour == 0)
			found = walk_from(&nodes[i], nodes, nn, ev, &stack, &cap);
	free(stack);
	free(nodes);
	return found;
}

static bool same_register(const struct event *a, const struct event *b)
{
	return strcmp(a->item, b->item) == 0 && strcmp(a->field, b->field) == 0;
}

const struct event *checklist_cycle(const struct checklist *cl)
{
	size_t n = checklist_count(cl);
	const struct event *const *all = checklist_events(cl), *found = NULL;
	const struct event **ev = xmalloc((n ? n : 1) * sizeof *ev);

	/* canonical order groups each register's events together */
	for (size_t i = 0, j; i < n && !found; i = j) {
		for (j = i + 1; j < n && same_register(all[i], all[j]); j++)
			;
		if (j - i == 1 && !all[i]->npred)
			continue;
		memcpy(ev, all + i, (j - i) * sizeof *ev);
		found = ring_in(ev, j - i);
	}
	free(ev);
	return found;
}

/* True if e (of another set) is in cl. */
static bool holds(const struct checklist *cl, const struct event *e)
{
	const struct event *there = checklist_find(cl, e->item, e->field, &e->id);

	return there && event_cmp(there, e) == 0;
}

/* The events of (item, field) in cl, appended to *ev. */
static void register_events(const struct checklist *cl, const char *item, const char *field,
			    const struct event ***ev, size_t *n, size_t *cap)
{
	const struct event **events;
	size_t k = checklist_item_events(cl, item, &events);

	for (size_t i = 0; i < k; i++) {
		if (strcmp(events[i]->field, field) != 0)
			continue;
		GROW(*ev, *n + 1, *cap);
		(*ev)[(*n)++] = events[i];
	}
	free(events);
}

const struct event *checklist_join_cycle(const struct checklist *dst, const struct checklist *src)
{
	size_t n = checklist_count(src), cap = 0;
	const struct event *const *all = checklist_events(src), *found = NULL;
	const struct event **ev = NULL;

	/* dst and src have no ring of their own, so a ring of the join runs
	 * through an event new to dst: only registers with one are looked at */
	for (size_t i = 0, j; i < n && !found; i = j) {
		bool fresh = false;
		size_t m = 0;

		for (j = i; j < n && same_register(all[i], all[j]); j++)
			fresh = fresh || !holds(dst, all[j]);
		if (!fresh)
			continue;
		register_events(dst, all[i]->item, all[i]->field, &ev, &m, &cap);
		GROW(ev, m + (j - i), cap);
		memcpy(ev + m, all + i, (j - i) * sizeof *ev);
		found = ring_in(ev, m + (j - i));
	}
	free(ev);
	return found;
}

/* ------------------------------------------------------------------ */
/* Statuses and progress                                               */
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

	/* Half up, as a person rounds (2/3 is 67 %), so the TUI, `dvk
	 * status` and every report show the same figure. */
	return applicable ? (unsigned)((200ULL * p->done + applicable) / (2ULL * applicable)) : 0;
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

/* Crockford value of c (a crockford_char). */
static unsigned crockford_value(char c)
{
	if (c <= '9')
		return (unsigned)(c - '0');
	return (unsigned)(strchr(crockford, c) - crockford);
}

bool event_id_parse(const char *s, struct event_id *out)
{
	struct event_id id = {{0}};

	if (!event_id_valid(s))
		return false;
	/* 16 characters of 5 bits: 80 bits, most significant first */
	for (size_t i = 0; i < EVENT_ID_LEN; i++) {
		unsigned v = crockford_value(s[i]);
		size_t bit = i * 5;

		/* the 5 bits go to bits [bit, bit + 5) counted from the top */
		unsigned hi = v << (11 - bit % 8);

		id.b[bit / 8] |= (unsigned char)(hi >> 8);
		if (bit / 8 + 1 < EVENT_ID_BYTES)
			id.b[bit / 8 + 1] |= (unsigned char)(hi & 0xFF);
	}
	*out = id;
	return true;
}

char *event_id_str(const struct event_id *id, char *buf)
{
	for (size_t i = 0; i < EVENT_ID_LEN; i++) {
		size_t bit = i * 5;
		unsigned v = (unsigned)id->b[bit / 8] << 8;

		if (bit / 8 + 1 < EVENT_ID_BYTES)
			v |= id->b[bit / 8 + 1];
		buf[i] = crockford[(v >> (11 - bit % 8)) & 31];
	}
	buf[EVENT_ID_LEN] = '\0';
	return buf;
}

bool checklist_activity_split(const char *field, const char **rid, size_t *ridlen,
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

/* The shape of an activity field, whatever the directive says:
 * activity.<record id>.<key>, "deleted" only ever "yes". */
static int check_activity_shape(const char *field, const char *value, struct dvk_error *err)
{
	const char *rid, *key;
	size_t ridlen;
	char ridbuf[RECORD_ID_LEN + 1];

	if (!checklist_activity_split(field, &rid, &ridlen, &key))
		return dvk_error_set(err, NULL, 0, 0,
				     "bad activity field \"%s\" (expected activity.<record>.<key>)", field);
	if (ridlen != RECORD_ID_LEN)
		return dvk_error_set(err, NULL, 0, 0, "bad activity record id in \"%s\"", field);
	memcpy(ridbuf, rid, ridlen);
	ridbuf[ridlen] = '\0';
	if (!crockford_id(ridbuf, RECORD_ID_LEN))
		return dvk_error_set(err, NULL, 0, 0, "bad activity record id in \"%s\"", field);
	if (strcmp(key, "deleted") == 0 && strcmp(value, "yes") != 0)
		return dvk_error_set(err, NULL, 0, 0, "\"deleted\" can only be \"yes\"");
	return 1;
}

/* What any dvk writes, whatever the directive: known field names and
 * the values of fields that do not depend on the directive. */
/* The unit's own fields (item UNIT_ITEM): its display name and parent. */
static bool unit_field(const char *field)
{
	return strcmp(field, UNIT_NAME) == 0 || strcmp(field, UNIT_PARENT) == 0;
}

static int check_field_shape(const char *item, const char *field, const char *value,
			     struct dvk_error *err)
{
	if (!value)
		return dvk_error_set(err, NULL, 0, 0, "missing value for %s", field);
	if (strcmp(item, UNIT_ITEM) == 0) {
		if (!unit_field(field))
			return dvk_error_setc(err, DVK_E_SCHEMA, NULL, 0, 0,
					      "unknown field \"%s\" of the unit (expected name or parent)",
					      field);
		return 1;
	}
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
		return check_activity_shape(field, value, err);
	return dvk_error_set(err, NULL, 0, 0,
			     "unknown field \"%s\" (expected status, reason, note or activity.<key>)", field);
}

int checklist_check_shape(const char *item, const char *field, const char *value,
			  struct dvk_error *err)
{
	return check_field_shape(item, field, value, err);
}

/* key is an evidence field of it and value fits its type. */
static int check_evidence(const struct item *it, const char *key, const char *value,
			  struct dvk_error *err)
{
	const struct evidence_field *ef = item_evidence(it, key);

	if (!ef) {
		struct buf keys = {0};

		for (size_t i = 0; i < it->nevidence; i++)
			buf_printf(&keys, "%s%s", i ? ", " : "", it->evidence[i].key);
		dvk_error_set(err, NULL, 0, 0, "item %s has no evidence field \"%s\" (it has: %s)",
			      it->id, key, keys.data ? keys.data : "none");
		buf_free(&keys);
		return 0;
	}
	/* what a person types ("14/3/2023", "1.000") is fine: apply
	 * stores it in its canonical form */
	char *canon = evidence_from_input(ef->type, value, err);
	if (!canon) {
		char why[DVK_ERR_MSG];

		snprintf(why, sizeof why, "%s", err ? err->message : "");
		/* the field as the form names it: "Ngày tổ chức: ..." */
		return dvk_error_setc(err, DVK_E_INVALID, NULL, 0, 0, "%s: %s", ef->label, why);
	}
	free(canon);
	return 1;
}

int checklist_check_field(const struct directive *d, const char *item,
			  const char *field, const char *value,
			  struct dvk_error *err)
{
	const struct item *it;
	const char *rid, *key;
	size_t ridlen;

	if (item && strcmp(item, UNIT_ITEM) == 0) {
		if (!check_field_shape(item, field, value, err))
			return 0;
		if (strcmp(field, UNIT_PARENT) == 0 && *value && !unit_id_valid(value))
			return dvk_error_setc(err, DVK_E_INVALID, NULL, 0, 0,
					      _("bad parent unit id \"%s\" (lower-case letters, digits, "
						"'.', '_' and '-'; empty for none)"), value);
		return 1;
	}
	it = item_of(d, item);
	if (!it) {
		if (d && d->revision > 1)
			return dvk_error_setc(err, DVK_E_INVALID, NULL, 0, 0,
					      _("unknown item \"%s\": revision %u of the directive has no such item"),
					      item, d->revision);
		return dvk_error_set(err, NULL, 0, 0, "unknown item \"%s\"", item);
	}
	if (!check_field_shape(item, field, value, err))
		return 0;
	if (checklist_activity_split(field, &rid, &ridlen, &key) && strcmp(key, "deleted") != 0)
		return check_evidence(it, key, value, err);
	return 1;
}

int checklist_check_event(const struct directive *d, const struct event *e,
			  struct dvk_error *err)
{
	char id[EVENT_ID_LEN + 1];

	/* d is not consulted: what a directive revision lacks is data, kept
	 * and shown apart (checklist_field_fit), never a reason to refuse a
	 * file (PLAN decision 6). */
	(void)d;
	event_id_str(&e->id, id);
	if (!(id[0] >= 'A' && id[0] <= 'Z'))
		return dvk_error_set(err, NULL, 0, 0,
				     "bad event id \"%s\" (16 Crockford base32 characters, first a letter)", id);
	if (!e->item || !*e->item)
		return dvk_error_set(err, NULL, 0, 0, "event %s names no item", id);
	if (!e->by || !*e->by)
		return dvk_error_set(err, NULL, 0, 0, "event %s has no author (by)", id);
	if (!e->replica || !*e->replica)
		return dvk_error_set(err, NULL, 0, 0, "event %s has no replica", id);
	return check_field_shape(e->item, e->field, e->value, err);
}

/* ------------------------------------------------------------------ */
/* What a directive revision lacks                                     */
/* ------------------------------------------------------------------ */

enum field_fit checklist_field_fit(const struct directive *d, const char *item,
				   const char *field, const char *value)
{
	const struct item *it;
	const char *rid, *key;
	size_t ridlen;
	const struct evidence_field *ef;

	if (!d || !item)
		return FIT_OK;
	if (!(it = item_of(d, item)))
		return FIT_NO_ITEM;
	if (!field || !checklist_activity_split(field, &rid, &ridlen, &key) ||
	    strcmp(key, "deleted") == 0)
		return FIT_OK;
	if (!(ef = item_evidence(it, key)))
		return FIT_NO_FIELD;
	if (value && !evidence_check_value(ef->type, value, NULL))
		return FIT_BAD_VALUE;
	return FIT_OK;
}

size_t checklist_orphan_items(const struct checklist *cl, const struct directive *d,
			      const char ***items)
{
	size_t nall, n = 0;
	const char *const *all = checklist_items(cl, &nall);
	const char **out = xmalloc((nall ? nall : 1) * sizeof *out);

	for (size_t i = 0; i < nall; i++)
		if (all[i][0] != '_' && !(d && item_of(d, all[i])))
			out[n++] = all[i];
	*items = out;
	return n;
}

size_t checklist_misfit_values(const struct checklist *cl, const struct directive *d,
			       struct misfit **out)
{
	struct misfit *v = NULL;
	size_t n = 0, cap = 0;

	for (size_t i = 0; d && i < d->nitems; i++) {
		struct item_stats stats;
		struct item_view iv;

		checklist_item_stats(cl, d->items[i].id, &stats);
		if (!stats.nevents || !d->items[i].nevidence)
			continue;
		checklist_item_view(cl, d->items[i].id, &iv);
		for (size_t a = 0; a < iv.nacts; a++) {
			if (iv.acts[a].deleted)
				continue;
			for (size_t k = 0; k < iv.acts[a].nvalues; k++) {
				const struct field_view *fv = &iv.acts[a].values[k];

				for (size_t h = 0; h < fv->nheads; h++) {
					const struct event *e = fv->heads[h];
					enum field_fit fit = checklist_field_fit(d, e->item, e->field, e->value);

					if (fit == FIT_OK)
						continue;
					GROW(v, n + 1, cap);
					v[n].item = e->item;
					v[n].field = e->field;
					v[n].key = strrchr(e->field, '.') + 1;
					v[n].value = e->value;
					v[n++].fit = fit;
				}
			}
		}
		item_view_free(&iv);
	}
	*out = v;
	return n;
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

/* Two digits of v at p. */
static void put2(char *p, int v)
{
	p[0] = (char)('0' + v / 10);
	p[1] = (char)('0' + v % 10);
}

char *time_format(int64_t ms, char *buf, size_t n)
{
	int64_t days, z, era, doe, yoe, y, doy, mp, sod;
	int d, m, frac;

	if (ms < 0)
		ms = 0;
	days = ms / 86400000;
	sod = (ms % 86400000) / 1000;
	frac = (int)(ms % 1000);
	/* Howard Hinnant's civil_from_days: gmtime_r and snprintf were most
	 * of writing a log entry, which a save does for every new one */
	z = days + 719468;
	era = z / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = (int)(doy - (153 * mp + 2) / 5 + 1);
	m = (int)(mp < 10 ? mp + 3 : mp - 9);
	y += m <= 2;
	if (y > 9999 || n < 25) {
		snprintf(buf, n, "%04lld-%02d-%02dT%02d:%02d:%02d.%03dZ", (long long)y, m, d,
			 (int)(sod / 3600), (int)(sod / 60 % 60), (int)(sod % 60), frac);
		return buf;
	}
	put2(buf, (int)(y / 100));
	put2(buf + 2, (int)(y % 100));
	buf[4] = '-';
	put2(buf + 5, m);
	buf[7] = '-';
	put2(buf + 8, d);
	buf[10] = 'T';
	put2(buf + 11, (int)(sod / 3600));
	buf[13] = ':';
	put2(buf + 14, (int)(sod / 60 % 60));
	buf[16] = ':';
	put2(buf + 17, (int)(sod % 60));
	buf[19] = '.';
	buf[20] = (char)('0' + frac / 100);
	put2(buf + 21, frac % 100);
	buf[23] = 'Z';
	buf[24] = '\0';
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
static void random_id(const struct edit_ctx *ctx, char *id, size_t len)
{
	unsigned char bytes[16];
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
}

struct event_id checklist_new_id(const struct edit_ctx *ctx)
{
	char text[EVENT_ID_LEN + 1];
	struct event_id id;

	random_id(ctx, text, EVENT_ID_LEN);
	event_id_parse(text, &id);
	return id;
}

char *checklist_new_rid(const struct edit_ctx *ctx)
{
	char *rid = xmalloc(RECORD_ID_LEN + 1);

	random_id(ctx, rid, RECORD_ID_LEN);
	return rid;
}

/* Free-text fields are cleaned (NFC, line ends, trailing blanks); the
 * others are compared and stored exactly. */
/* A typed value as it is stored: text cleaned (text_clean_input) and
 * trimmed at both ends, evidence in its canonical form ("14/3/2023" →
 * "2023-03-14", "1.000" → "1000"; left as typed when it does not parse,
 * for the check to word why). */
static char *clean_value(const struct directive *d, const char *item, const char *field,
			 const char *value)
{
	if (strcmp(field, "note") && strcmp(field, "reason") && strcmp(field, "review_comment") &&
	    strcmp(field, UNIT_NAME) && strncmp(field, "activity.", 9))
		return xstrdup(value);
	char *c = text_clean_input(value);
	size_t lead = strspn(c, " \n");
	if (lead)
		memmove(c, c + lead, strlen(c + lead) + 1);
	const char *rid, *key;
	size_t ridlen;
	const struct item *it = item_of(d, item);
	const struct evidence_field *ef;
	if (it && checklist_activity_split(field, &rid, &ridlen, &key) && strcmp(key, "deleted") &&
	    (ef = item_evidence(it, key))) {
		char *canon = evidence_from_input(ef->type, c, NULL);
		if (canon) {
			free(c);
			c = canon;
		}
	}
	return c;
}

/* The first control character of s other than a line break or a tab
 * (C0, DEL, C1), or 0.  Such characters cannot be typed on purpose; from a
 * paste or a script they could move a reader's cursor or hide text. */
unsigned checklist_control_char(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p < 0x20 && *p != '\n' && *p != '\t') || *p == 0x7F)
			return *p;
		if (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
			return p[1]; /* U+0080..U+009F in UTF-8 */
	}
	return 0;
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
		if (checklist_control_char(vals[i]))
			return dvk_error_setc(err, DVK_E_INVALID, NULL, 0, 0,
					      _("%s contains a control character (U+%04X); text may hold "
						"line breaks and tabs, but no other control characters"),
					      as[i].field, checklist_control_char(vals[i]));
		if (strcmp(as[i].field, "status") == 0 && strcmp(vals[i], "not-applicable") == 0)
			sets_na = true;
		if (strcmp(as[i].field, "reason") == 0 && *vals[i])
			has_reason = true;
	}
	if (sets_na && !has_reason) {
		cur = checklist_value(cl, item, "reason", NULL);
		if (!cur || !*cur)
			return dvk_error_setc(err, DVK_E_INVALID, NULL, 0, 0,
					      _("\"not applicable\" needs a reason: say why the task does not apply"));
	}
	return 1;
}

static int cmp_id(const void *a, const void *b)
{
	return event_id_cmp(a, b);
}

/* Add the event that sets field to value, replacing the current heads. */
static void add_event(struct checklist *cl, const char *item, const char *field,
		      const char *value, struct edit_ctx *ctx)
{
	const struct event **heads;
	size_t nheads = checklist_heads(cl, item, field, &heads), npred = 0;
	struct event_id *pred = xmalloc((nheads ? nheads : 1) * sizeof *pred);
	struct event e = {
		.id = checklist_new_id(ctx), .item = item, .field = field, .value = value,
		.by = ctx->by, .replica = ctx->replica, .pred = pred,
	};

	/* Heads that are copies of one event (the same id, content altered
	 * by hand) are named once; only the first of them counts for gen. */
	for (size_t i = 0; i < nheads; i++) {
		bool named = false;

		for (size_t k = 0; k < npred && !named; k++)
			named = event_id_cmp(&pred[k], &heads[i]->id) == 0;
		if (named)
			continue;
		pred[npred++] = heads[i]->id;
		if (heads[i]->gen + 1 > e.gen)
			e.gen = heads[i]->gen + 1;
	}
	qsort(pred, npred, sizeof *pred, cmp_id);
	e.npred = (uint32_t)npred;
	hlc_tick(ctx->clock, ctx->now, &e.at, &e.tick);
	checklist_add(cl, &e);
	free(pred);
	free(heads);
}

int checklist_apply(struct checklist *cl, const struct directive *d,
		    const char *item, const struct assignment *as, size_t n,
		    struct edit_ctx *ctx, struct dvk_error *err)
{
	char **vals = xcalloc(n ? n : 1, sizeof *vals);
	int added = 0;

	for (size_t i = 0; i < n; i++)
		vals[i] = clean_value(d, item, as[i].field, as[i].value ? as[i].value : "");
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
		add_event(cl, item, as[i].field, vals[i], ctx);
		free(vals[i]);
		added++;
	}
	free(vals);
	return added;
}

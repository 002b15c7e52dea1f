/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * set.c: the event set and its indexes (see checklist.h).
 *
 * A unit file of 70,000 events must load in little more memory than the
 * file takes, and an edit must cost the same at 70,000 events as at 0, so
 * the set is not one sorted array of separately allocated events.
 *
 *   - Events live in blocks of EVENT_BLOCK, in the order they arrived;
 *     their strings are stored once per checklist: item, field, author
 *     and replica once per distinct string, short values (statuses,
 *     counts, dates) once per distinct value, the rest and the preds in
 *     one pool that is freed whole.
 *   - Each (item, field) register keeps its events in canonical order and
 *     its heads.  Items are kept in canonical order, each with its
 *     registers sorted by field, so canonical order is items, registers,
 *     events; the flat array callers iterate is built from that when
 *     asked for, once per version.
 *   - A hash of events by id answers "which events of this register does
 *     a pred name": adding an event marks what it replaces and updates
 *     the heads, the register's conflict flag, the item's status and the
 *     counts in O(1) besides finding the register (O(log n)).
 *
 * Heads follow the definition exactly, whatever order events arrive in
 * and however a hand-edited file numbers them: an event is a head unless
 * an event of its register names its id in pred.  A pred naming an id the
 * register does not hold (yet) is remembered ("dangling"), so the event
 * is replaced the moment it arrives.
 */
#include "checklist/checklist.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"

#define EVENT_BLOCK 1024           /* events per block */
#define POOL_CHUNK (64 * 1024)     /* bytes per pool chunk */
#define SHORT_VALUE 24             /* values up to this long are shared */

/* ------------------------------------------------------------------ */
/* The pool                                                            */
/* ------------------------------------------------------------------ */

struct pool_chunk {
	struct pool_chunk *next;
	size_t used, cap;
	max_align_t data[];
};

struct pool {
	struct pool_chunk *head;
};

/* n bytes aligned to align (a power of two, at most max_align_t's),
 * owned by the pool. */
static void *pool_alloc(struct pool *p, size_t n, size_t align)
{
	struct pool_chunk *c = p->head;
	size_t at;

	if (c) {
		at = (c->used + align - 1) & ~(align - 1);
		if (at <= c->cap && n <= c->cap - at) {
			c->used = at + n;
			return (char *)c->data + at;
		}
	}
	if (n > POOL_CHUNK / 4) {
		/* a big block gets a chunk of its own behind the current one,
		 * so the room left in the current one is not wasted */
		struct pool_chunk *big = xmalloc(sizeof *big + n);

		big->used = big->cap = n;
		if (c) {
			big->next = c->next;
			c->next = big;
		} else {
			big->next = NULL;
			p->head = big;
		}
		return big->data;
	}
	c = xmalloc(sizeof *c + POOL_CHUNK);
	c->next = p->head;
	c->cap = POOL_CHUNK;
	c->used = n;
	p->head = c;
	return c->data;
}

static char *pool_strndup(struct pool *p, const char *s, size_t n)
{
	char *d = pool_alloc(p, n + 1, 1);

	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

static void pool_free(struct pool *p)
{
	struct pool_chunk *c = p->head, *next;

	for (; c; c = next) {
		next = c->next;
		free(c);
	}
	p->head = NULL;
}

/* ------------------------------------------------------------------ */
/* Shared strings                                                      */
/* ------------------------------------------------------------------ */

/* An open-addressing set of strings stored in the pool, at most half
 * full: authors, replicas and short values repeat on nearly every event. */
struct strset {
	const char **slots;
	size_t cap, n; /* cap is 0 or a power of two */
};

static uint64_t hash_str(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325u; /* FNV-1a */

	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3u;
	}
	return h ^ (h >> 29);
}

static const char **strset_slot(const struct strset *set, const char *s, size_t n)
{
	size_t mask = set->cap - 1, i = (size_t)hash_str(s, n) & mask;

	while (set->slots[i] && !(strncmp(set->slots[i], s, n) == 0 && set->slots[i][n] == '\0'))
		i = (i + 1) & mask;
	return &set->slots[i];
}

static const char *strset_intern(struct strset *set, struct pool *p, const char *s)
{
	size_t n = strlen(s);
	const char **slot;

	if ((set->n + 1) * 2 > set->cap) {
		const char **old = set->slots;
		size_t oldcap = set->cap;

		set->cap = oldcap ? oldcap * 2 : 16;
		set->slots = xcalloc(set->cap, sizeof *set->slots);
		for (size_t i = 0; i < oldcap; i++)
			if (old[i])
				*strset_slot(set, old[i], strlen(old[i])) = old[i];
		free(old);
	}
	slot = strset_slot(set, s, n);
	if (!*slot) {
		*slot = pool_strndup(p, s, n);
		set->n++;
	}
	return *slot;
}

/* ------------------------------------------------------------------ */
/* The set                                                             */
/* ------------------------------------------------------------------ */

/* The events of one (item, field), canonical order, and its heads. */
struct reg {
	struct citem *item;
	const char *field;
	struct event **ev;     /* canonical order */
	struct event **heads;  /* canonical order */
	uint32_t n, cap, nheads, hcap;
	struct event *one_ev, *one_head; /* ev and heads while they hold one */
	bool conflict;         /* heads carry more than one value */
	bool is_status;
};

/* One item that has events. */
struct citem {
	const char *id;
	struct reg **regs;     /* sorted by field */
	size_t nregs, rcap;
	struct reg *status;    /* its "status" register, or NULL */
	enum status st;
	struct item_stats stats;
};

/* An id named in pred that its register does not hold. */
struct dangling {
	const struct reg *reg; /* NULL: empty slot */
	struct event_id id;
};

struct checklist {
	size_t n;
	unsigned long serial;  /* no other set of this process has it */
	unsigned long version;
	struct event **blocks; /* arrival order, EVENT_BLOCK each */
	size_t nblocks, bcap;
	struct citem **items;  /* canonical order */
	size_t nitems, icap;
	struct citem **ihash;  /* items by id, open addressing */
	size_t ihcap;
	struct citem *last_item; /* where the last lookup ended: loading */
	struct reg *last_reg;    /* follows the file's order */
	struct pool pool;
	struct strset people, values;
	struct event **ids;    /* events by id, open addressing */
	size_t idcap;
	struct dangling *dang;
	size_t dcap, ndang;
	size_t nconflicts;
	int64_t max_at;
	/* built when asked for, for one version */
	const struct event **flat;
	size_t flatcap;
	unsigned long flat_version;
	const char **itemids;
	size_t itemcap;
	unsigned long items_version;
};

/* Serials and versions come from one counter for the whole process (the
 * TUI's loader makes sets on a thread of its own): a memo kept for one
 * set at one version is never taken for another set that happens to be
 * allocated where a freed one was, with as many changes. */
static _Atomic unsigned long stamps;

static unsigned long stamp(void)
{
	/* from 1: nothing built for version 0 looks current */
	return atomic_fetch_add_explicit(&stamps, 1, memory_order_relaxed) + 1;
}

struct checklist *checklist_new(void)
{
	struct checklist *cl = xcalloc(1, sizeof(struct checklist));

	cl->serial = stamp();
	cl->version = stamp();
	return cl;
}

static void reg_free(struct reg *r)
{
	if (r->ev != &r->one_ev)
		free(r->ev);
	if (r->heads != &r->one_head)
		free(r->heads);
}

void checklist_free(struct checklist *cl)
{
	if (!cl)
		return;
	for (size_t i = 0; i < cl->nitems; i++) {
		for (size_t k = 0; k < cl->items[i]->nregs; k++)
			reg_free(cl->items[i]->regs[k]);
		free(cl->items[i]->regs);
	}
	free(cl->items);
	free(cl->ihash);
	for (size_t i = 0; i < cl->nblocks; i++)
		free(cl->blocks[i]);
	free(cl->blocks);
	free(cl->people.slots);
	free(cl->values.slots);
	free(cl->ids);
	free(cl->dang);
	free(cl->flat);
	free(cl->itemids);
	pool_free(&cl->pool);
	free(cl);
}

size_t checklist_count(const struct checklist *cl)
{
	return cl->n;
}

unsigned long checklist_version(const struct checklist *cl)
{
	return cl->version;
}

unsigned long checklist_serial(const struct checklist *cl)
{
	return cl->serial;
}

const struct event *checklist_arrival(const struct checklist *cl, size_t i)
{
	return i < cl->n ? &cl->blocks[i / EVENT_BLOCK][i % EVENT_BLOCK] : NULL;
}

/* ------------------------------------------------------------------ */
/* Order                                                               */
/* ------------------------------------------------------------------ */

static int str_cmp0(const char *a, const char *b)
{
	if (a == b)
		return 0;
	return strcmp(a ? a : "", b ? b : "");
}

static int num_cmp(unsigned long long a, unsigned long long b)
{
	return a < b ? -1 : a > b;
}

/* Items in the order of their ids as a reader expects (directive_id_cmp:
 * "1.2" before "1.10", II before IX). */
static int item_cmp(const char *a, const char *b)
{
	return a == b ? 0 : directive_id_cmp(a ? a : "", b ? b : "");
}

int event_id_cmp(const struct event_id *a, const struct event_id *b)
{
	return memcmp(a->b, b->b, EVENT_ID_BYTES);
}

/* The order of two events of one register: all but item and field. */
static int reg_cmp(const struct event *a, const struct event *b)
{
	int c;

	if ((c = num_cmp(a->gen, b->gen)))
		return c;
	if (a->at != b->at)
		return a->at < b->at ? -1 : 1;
	if ((c = num_cmp(a->tick, b->tick)))
		return c;
	if ((c = str_cmp0(a->replica, b->replica)))
		return c;
	if ((c = event_id_cmp(&a->id, &b->id)))
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
		if ((c = event_id_cmp(&a->pred[i], &b->pred[i])))
			return c;
	return 0;
}

int event_cmp(const struct event *a, const struct event *b)
{
	int c = item_cmp(a->item, b->item);

	if (c || (c = str_cmp0(a->field, b->field)))
		return c;
	return reg_cmp(a, b);
}

/* ------------------------------------------------------------------ */
/* Items and registers                                                 */
/* ------------------------------------------------------------------ */

/* The item's index in cl->items, or where it would go (*found false). */
static size_t item_pos(const struct checklist *cl, const char *id, bool *found)
{
	size_t lo = 0, hi = cl->nitems;

	/* Loading a file in canonical order appends: look at the end first. */
	if (hi && item_cmp(cl->items[hi - 1]->id, id) < 0) {
		*found = false;
		return hi;
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = item_cmp(cl->items[mid]->id, id);

		if (c == 0) {
			*found = true;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = false;
	return lo;
}

/* Items by id: a screen asks for every item's status and values on every
 * key, and a search in the sorted items, comparing ids the way a reader
 * orders them, was most of what a key cost. */
static struct citem **item_slot(const struct checklist *cl, const char *id)
{
	size_t mask = cl->ihcap - 1, i = (size_t)hash_str(id, strlen(id)) & mask;

	while (cl->ihash[i] && strcmp(cl->ihash[i]->id, id) != 0)
		i = (i + 1) & mask;
	return &cl->ihash[i];
}

static void item_hash_put(struct checklist *cl, struct citem *it)
{
	if ((cl->nitems + 1) * 2 > cl->ihcap) {
		free(cl->ihash);
		cl->ihcap = cl->ihcap ? cl->ihcap * 2 : 64;
		cl->ihash = xcalloc(cl->ihcap, sizeof *cl->ihash);
		for (size_t i = 0; i < cl->nitems; i++)
			*item_slot(cl, cl->items[i]->id) = cl->items[i];
	}
	*item_slot(cl, it->id) = it;
}

static struct citem *item_get(const struct checklist *cl, const char *id)
{
	if (!id)
		return NULL;
	if (cl->last_item && strcmp(cl->last_item->id, id) == 0)
		return cl->last_item;
	return cl->ihcap ? *item_slot(cl, id) : NULL;
}

static struct citem *item_make(struct checklist *cl, const char *id)
{
	struct citem *it = item_get(cl, id);
	bool found;
	size_t at;

	if (it)
		return cl->last_item = it;
	at = item_pos(cl, id, &found);
	it = pool_alloc(&cl->pool, sizeof *it, _Alignof(struct citem));
	memset(it, 0, sizeof *it);
	it->id = pool_strndup(&cl->pool, id, strlen(id));
	item_hash_put(cl, it);
	GROW(cl->items, cl->nitems + 1, cl->icap);
	memmove(cl->items + at + 1, cl->items + at, (cl->nitems - at) * sizeof *cl->items);
	cl->items[at] = it;
	cl->nitems++;
	return cl->last_item = it;
}

static size_t reg_pos(const struct citem *it, const char *field, bool *found)
{
	size_t lo = 0, hi = it->nregs;

	if (hi && strcmp(it->regs[hi - 1]->field, field) < 0) {
		*found = false;
		return hi;
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(it->regs[mid]->field, field);

		if (c == 0) {
			*found = true;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = false;
	return lo;
}

static struct reg *reg_get(const struct checklist *cl, const char *item, const char *field)
{
	struct citem *it;
	bool found;
	size_t at;

	if (!item || !field)
		return NULL;
	if (cl->last_reg && strcmp(cl->last_reg->field, field) == 0 &&
	    strcmp(cl->last_reg->item->id, item) == 0)
		return cl->last_reg;
	if (!(it = item_get(cl, item)))
		return NULL;
	at = reg_pos(it, field, &found);
	return found ? it->regs[at] : NULL;
}

static struct reg *reg_make(struct checklist *cl, const char *item, const char *field)
{
	struct citem *it;
	struct reg *r;
	bool found;
	size_t at;

	if (cl->last_reg && strcmp(cl->last_reg->field, field) == 0 &&
	    strcmp(cl->last_reg->item->id, item) == 0)
		return cl->last_reg;
	it = item_make(cl, item);
	at = reg_pos(it, field, &found);
	if (found)
		return cl->last_reg = it->regs[at];
	r = pool_alloc(&cl->pool, sizeof *r, _Alignof(struct reg));
	memset(r, 0, sizeof *r);
	r->item = it;
	r->field = pool_strndup(&cl->pool, field, strlen(field));
	r->is_status = strcmp(field, "status") == 0;
	if (r->is_status)
		it->status = r;
	GROW(it->regs, it->nregs + 1, it->rcap);
	memmove(it->regs + at + 1, it->regs + at, (it->nregs - at) * sizeof *it->regs);
	it->regs[at] = r;
	it->nregs++;
	return cl->last_reg = r;
}

/* Insert e at index at of the array *v (n used of cap), which starts as
 * the one slot inl: most registers hold one event and one head. */
static void ptrs_insert(struct event ***v, uint32_t *n, uint32_t *cap, struct event **inl,
			size_t at, struct event *e)
{
	if (*cap == 0) {
		*v = inl;
		*cap = 1;
	} else if (*n == *cap && *v == inl) {
		struct event **heap = xmalloc(4 * sizeof *heap);

		heap[0] = *inl;
		*v = heap;
		*cap = 4;
	} else if (*n == *cap) {
		size_t c = *cap;

		GROW(*v, (size_t)*n + 1, c);
		*cap = (uint32_t)c;
	}
	memmove(*v + at + 1, *v + at, (*n - at) * sizeof **v);
	(*v)[at] = e;
	(*n)++;
}

/* Where e goes among ev[0..n) in canonical order; *dup if an equal
 * event is there. */
static size_t ev_pos(struct event *const *ev, size_t n, const struct event *e, bool *dup)
{
	size_t lo = 0, hi = n;

	*dup = false;
	if (n && reg_cmp(ev[n - 1], e) < 0) /* local edits and loads append */
		return n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = reg_cmp(ev[mid], e);

		if (c == 0) {
			*dup = true;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* ------------------------------------------------------------------ */
/* Events by id                                                        */
/* ------------------------------------------------------------------ */

static size_t hash_id(const struct event_id *id)
{
	uint64_t h;

	memcpy(&h, id->b + 2, sizeof h); /* random bits (the first are not all) */
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return (size_t)h;
}

static void ids_put(struct checklist *cl, struct event *e)
{
	size_t mask, i;

	if ((cl->n + 1) * 4 > cl->idcap * 3) {
		struct event **old = cl->ids;
		size_t oldcap = cl->idcap;

		cl->idcap = oldcap ? oldcap * 2 : 64;
		cl->ids = xcalloc(cl->idcap, sizeof *cl->ids);
		mask = cl->idcap - 1;
		for (size_t k = 0; k < oldcap; k++) {
			if (!old[k])
				continue;
			for (i = hash_id(&old[k]->id) & mask; cl->ids[i]; i = (i + 1) & mask)
				;
			cl->ids[i] = old[k];
		}
		free(old);
	}
	mask = cl->idcap - 1;
	for (i = hash_id(&e->id) & mask; cl->ids[i]; i = (i + 1) & mask)
		;
	cl->ids[i] = e;
}

/* Walk the events of register r with this id: *pos starts at 0; NULL at
 * the end.  Equal ids share one probe run, so the walk ends at the first
 * empty slot. */
static struct event *ids_next(const struct checklist *cl, const struct reg *r,
			      const struct event_id *id, size_t *pos)
{
	size_t mask = cl->idcap - 1;

	if (!cl->idcap)
		return NULL;
	for (size_t i = (hash_id(id) + *pos) & mask; cl->ids[i]; i = (i + 1) & mask) {
		struct event *e = cl->ids[i];

		++*pos;
		if (e->item == r->item->id && e->field == r->field && event_id_cmp(&e->id, id) == 0)
			return e;
	}
	return NULL;
}

static size_t hash_dangling(const struct reg *r, const struct event_id *id)
{
	return hash_id(id) ^ (size_t)((uintptr_t)r >> 4) * 0x9e3779b97f4a7c15ULL;
}

static struct dangling *dangling_slot(const struct checklist *cl, const struct reg *r,
				      const struct event_id *id)
{
	size_t mask = cl->dcap - 1, i = hash_dangling(r, id) & mask;

	while (cl->dang[i].reg &&
	       !(cl->dang[i].reg == r && event_id_cmp(&cl->dang[i].id, id) == 0))
		i = (i + 1) & mask;
	return &cl->dang[i];
}

static bool dangling_has(const struct checklist *cl, const struct reg *r,
			 const struct event_id *id)
{
	return cl->ndang && dangling_slot(cl, r, id)->reg;
}

static void dangling_add(struct checklist *cl, const struct reg *r, const struct event_id *id)
{
	struct dangling *s;

	if ((cl->ndang + 1) * 2 > cl->dcap) {
		struct dangling *old = cl->dang;
		size_t oldcap = cl->dcap;

		cl->dcap = oldcap ? oldcap * 2 : 16;
		cl->dang = xcalloc(cl->dcap, sizeof *cl->dang);
		for (size_t k = 0; k < oldcap; k++)
			if (old[k].reg)
				*dangling_slot(cl, old[k].reg, &old[k].id) = old[k];
		free(old);
	}
	s = dangling_slot(cl, r, id);
	if (!s->reg) {
		s->reg = r;
		s->id = *id;
		cl->ndang++;
	}
}

/* ------------------------------------------------------------------ */
/* Adding events                                                       */
/* ------------------------------------------------------------------ */

static bool heads_conflict(struct event *const *heads, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (str_cmp0(heads[i]->value, heads[0]->value) != 0)
			return true;
	return false;
}

static void heads_remove(struct reg *r, const struct event *e)
{
	for (uint32_t i = 0; i < r->nheads; i++) {
		if (r->heads[i] == e) {
			memmove(r->heads + i, r->heads + i + 1, (r->nheads - i - 1) * sizeof *r->heads);
			r->nheads--;
			return;
		}
	}
}

/* Mark the events of r with this id as replaced, or remember the id. */
static void replace_id(struct checklist *cl, struct reg *r, const struct event_id *id)
{
	size_t pos = 0;
	struct event *x;
	bool found = false;

	while ((x = ids_next(cl, r, id, &pos))) {
		found = true;
		if (!x->replaced) {
			x->replaced = true;
			heads_remove(r, x);
		}
	}
	if (!found)
		dangling_add(cl, r, id);
}

static enum status status_from(const struct reg *r)
{
	int s;

	if (!r || !r->nheads)
		return STATUS_TODO;
	if (r->conflict)
		return STATUS_CONFLICT;
	s = status_parse(r->heads[0]->value);
	return s < 0 ? STATUS_TODO : (enum status)s;
}

/* e (stored, in r->ev already) has arrived: update what replaced what,
 * the heads and every count that depends on them. */
static void heads_update(struct checklist *cl, struct reg *r, struct event *e)
{
	bool was = r->conflict;
	size_t pos = 0;
	struct event *x;
	bool dup;

	if (dangling_has(cl, r, &e->id))
		e->replaced = true;
	while (!e->replaced && (x = ids_next(cl, r, &e->id, &pos)))
		e->replaced = x->replaced; /* a copy with another content */
	ids_put(cl, e);
	for (uint32_t k = 0; k < e->npred; k++)
		replace_id(cl, r, &e->pred[k]);
	if (!e->replaced)
		ptrs_insert(&r->heads, &r->nheads, &r->hcap, &r->one_head,
			    ev_pos(r->heads, r->nheads, e, &dup), e);
	r->conflict = heads_conflict(r->heads, r->nheads);
	if (r->conflict != was) {
		r->item->stats.nconflicts += r->conflict ? 1 : (size_t)-1;
		cl->nconflicts += r->conflict ? 1 : (size_t)-1;
	}
	if (r->is_status)
		r->item->st = status_from(r);
}

/* A copy of e's contents in cl's storage, for register r. */
static struct event *event_store(struct checklist *cl, struct reg *r, const struct event *e)
{
	struct event *s;
	size_t len;

	if (cl->n % EVENT_BLOCK == 0) {
		GROW(cl->blocks, cl->nblocks + 1, cl->bcap);
		cl->blocks[cl->nblocks++] = xmalloc(EVENT_BLOCK * sizeof(struct event));
	}
	s = &cl->blocks[cl->n / EVENT_BLOCK][cl->n % EVENT_BLOCK];
	*s = *e;
	s->replaced = false;
	s->seq = (uint32_t)cl->n;
	s->item = r->item->id;
	s->field = r->field;
	s->by = e->by ? strset_intern(&cl->people, &cl->pool, e->by) : NULL;
	s->replica = e->replica ? strset_intern(&cl->people, &cl->pool, e->replica) : NULL;
	if (e->value) {
		len = strlen(e->value);
		s->value = len <= SHORT_VALUE ? strset_intern(&cl->values, &cl->pool, e->value)
					      : pool_strndup(&cl->pool, e->value, len);
	}
	if (e->npred) {
		struct event_id *pred = pool_alloc(&cl->pool, e->npred * sizeof *pred, 1);

		memcpy(pred, e->pred, e->npred * sizeof *pred);
		s->pred = pred;
	} else {
		s->pred = NULL;
	}
	return s;
}

const struct event *checklist_add(struct checklist *cl, const struct event *e)
{
	struct reg *r = reg_make(cl, e->item ? e->item : "", e->field ? e->field : "");
	struct item_stats *st = &r->item->stats;
	struct event *s;
	size_t at;
	bool dup;

	at = ev_pos(r->ev, r->n, e, &dup);
	if (dup)
		return NULL;
	s = event_store(cl, r, e);
	ptrs_insert(&r->ev, &r->n, &r->cap, &r->one_ev, at, s);
	cl->n++;
	cl->version = stamp();
	heads_update(cl, r, s);
	st->nevents++;
	st->version = cl->version;
	if (s->at > st->last_at)
		st->last_at = s->at;
	if (s->at > cl->max_at)
		cl->max_at = s->at;
	return s;
}

size_t checklist_join(struct checklist *dst, const struct checklist *src)
{
	size_t added = 0;

	/* In src's arrival order, which for a loaded file is canonical:
	 * then every register of dst is appended to or found at its end. */
	for (size_t i = 0; i < src->n; i++)
		added += checklist_add(dst, checklist_arrival(src, i)) != NULL;
	return added;
}

const struct event *checklist_lookup(const struct checklist *cl, const struct event *e)
{
	struct reg *r = reg_get(cl, e->item, e->field);
	bool dup;
	size_t at;

	if (!r)
		return NULL;
	at = ev_pos(r->ev, r->n, e, &dup);
	return dup ? r->ev[at] : NULL;
}

bool checklist_subset(const struct checklist *a, const struct checklist *b)
{
	if (a->n > b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (!checklist_lookup(b, checklist_arrival(a, i)))
			return false;
	return true;
}

/* ------------------------------------------------------------------ */
/* Iterating                                                           */
/* ------------------------------------------------------------------ */

const struct event *const *checklist_events(const struct checklist *cl)
{
	/* Built once per version: cl is logically unchanged by it. */
	struct checklist *m = (struct checklist *)cl;
	size_t k = 0;

	if (m->flat_version == cl->version)
		return m->flat;
	GROW(m->flat, cl->n + 1, m->flatcap);
	for (size_t i = 0; i < cl->nitems; i++)
		for (size_t j = 0; j < cl->items[i]->nregs; j++) {
			const struct reg *r = cl->items[i]->regs[j];

			for (uint32_t x = 0; x < r->n; x++)
				m->flat[k++] = r->ev[x];
		}
	m->flat_version = cl->version;
	return m->flat;
}

const char *const *checklist_items(const struct checklist *cl, size_t *n)
{
	struct checklist *m = (struct checklist *)cl;

	if (m->items_version != cl->version) {
		GROW(m->itemids, cl->nitems + 1, m->itemcap);
		for (size_t i = 0; i < cl->nitems; i++)
			m->itemids[i] = cl->items[i]->id;
		m->items_version = cl->version;
	}
	*n = cl->nitems;
	return m->itemids;
}

/* ------------------------------------------------------------------ */
/* Reading fields                                                      */
/* ------------------------------------------------------------------ */

size_t checklist_heads(const struct checklist *cl, const char *item,
		       const char *field, const struct event ***heads)
{
	const struct reg *r = reg_get(cl, item, field);
	size_t n = r ? r->nheads : 0;

	*heads = xmalloc((n ? n : 1) * sizeof **heads);
	if (n)
		memcpy(*heads, r->heads, n * sizeof **heads);
	return n;
}

const char *checklist_value(const struct checklist *cl, const char *item,
			    const char *field, bool *conflict)
{
	const struct reg *r = reg_get(cl, item, field);

	if (conflict)
		*conflict = r && r->conflict;
	return r && r->nheads && !r->conflict ? r->heads[0]->value : NULL;
}

const struct event *checklist_find(const struct checklist *cl, const char *item,
				   const char *field, const struct event_id *id)
{
	const struct reg *r = reg_get(cl, item, field);
	const struct event *best = NULL;
	struct event *x;
	size_t pos = 0;

	if (!r)
		return NULL;
	/* the first in canonical order, when hand-altered copies share it */
	while ((x = ids_next(cl, r, id, &pos)))
		if (!best || reg_cmp(x, best) < 0)
			best = x;
	return best;
}

size_t checklist_item_events(const struct checklist *cl, const char *item,
			     const struct event ***events)
{
	const struct citem *it = item_get(cl, item);
	size_t n = it ? it->stats.nevents : 0, k = 0;

	*events = xmalloc((n ? n : 1) * sizeof **events);
	for (size_t i = 0; it && i < it->nregs; i++)
		for (uint32_t x = 0; x < it->regs[i]->n; x++)
			(*events)[k++] = it->regs[i]->ev[x];
	return k;
}

size_t checklist_fields(const struct checklist *cl, const char *item,
			const char ***fields)
{
	const struct citem *it = item_get(cl, item);
	size_t n = it ? it->nregs : 0;

	*fields = xmalloc((n ? n : 1) * sizeof **fields);
	for (size_t i = 0; i < n; i++)
		(*fields)[i] = it->regs[i]->field;
	return n;
}

enum status checklist_status(const struct checklist *cl, const char *item)
{
	const struct citem *it = item_get(cl, item);

	return it ? it->st : STATUS_TODO;
}

size_t checklist_conflict_count(const struct checklist *cl)
{
	return cl->nconflicts;
}

int64_t checklist_max_at(const struct checklist *cl)
{
	return cl->max_at;
}

void checklist_item_stats(const struct checklist *cl, const char *item,
			  struct item_stats *out)
{
	const struct citem *it = item_get(cl, item);

	if (it)
		*out = it->stats;
	else
		memset(out, 0, sizeof *out);
}

/* ------------------------------------------------------------------ */
/* Item views                                                          */
/* ------------------------------------------------------------------ */

static void field_view_fill(const struct reg *r, struct field_view *fv)
{
	fv->field = r->field;
	fv->nheads = r->nheads;
	fv->heads = xmalloc((r->nheads ? r->nheads : 1) * sizeof *fv->heads);
	if (r->nheads)
		memcpy(fv->heads, r->heads, r->nheads * sizeof *fv->heads);
	fv->conflict = r->conflict;
	fv->value = r->nheads && !r->conflict ? r->heads[0]->value : NULL;
}

static struct activity_view *activity_find(struct item_view *v, const char *rid, size_t len)
{
	/* Registers come sorted by field, so a record's keys are together:
	 * its view is the last one made, if any. */
	if (v->nacts && strlen(v->acts[v->nacts - 1].rid) == len &&
	    memcmp(v->acts[v->nacts - 1].rid, rid, len) == 0)
		return &v->acts[v->nacts - 1];
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
	if (checklist_activity_split(fv->field, &rid, &ridlen, &key)) {
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
	const struct citem *it = item_get(cl, item);

	memset(out, 0, sizeof *out);
	if (!it)
		return;
	out->nevents = it->stats.nevents;
	out->last_at = it->stats.last_at;
	out->nconflicts = it->stats.nconflicts;
	for (size_t i = 0; i < it->nregs; i++) {
		struct field_view fv;

		field_view_fill(it->regs[i], &fv);
		item_view_place(out, &fv);
	}
	out->status = it->st;
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

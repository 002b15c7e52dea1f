/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * handedit.c: hand edits of a state file become events (see handedit.h).
 */
#include "store/handedit.h"

#include <stdlib.h>
#include <string.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "text/text.h"

/* One value the header gives, and where. */
struct said {
	char *item, *field, *value;
	int line, col;
};

/* What one entry of items: says, compactly: a digest, and where. */
struct said_item {
	char *item;
	XXH128_hash_t digest;
	int line, col;
};

struct summary {
	struct said *v;
	size_t n, cap;
	struct said_item *items;
	size_t nitems, itemcap;
	XXH3_state_t *h;
};

/* The fields an item's summary gives one value of, as the writer names
 * them. */
enum { F_STATUS, F_REASON, F_NOTE, F_REVIEW, F_REVIEW_COMMENT, F_COUNT };
static const char *const fixed_name[F_COUNT] = { "status", "reason", "note", "review",
						 "review_comment" };

struct summary *summary_new(void)
{
	return xcalloc(1, sizeof(struct summary));
}

void summary_free(struct summary *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++) {
		free(s->v[i].item);
		free(s->v[i].field);
		free(s->v[i].value);
	}
	free(s->v);
	for (size_t i = 0; i < s->nitems; i++)
		free(s->items[i].item);
	free(s->items);
	if (s->h)
		XXH3_freeState(s->h);
	free(s);
}

static void said_add(struct summary *s, const char *item, const char *field, const char *value,
		     int line, int col)
{
	GROW(s->v, s->n + 1, s->cap);
	s->v[s->n++] = (struct said){ xstrdup(item), xstrdup(field), xstrdup(value), line, col };
}

void summary_unit(struct summary *s, const char *field, const char *value, int line, int col)
{
	said_add(s, UNIT_ITEM, field, value, line, col);
}

/* ------------------------------------------------------------------ */
/* What an item's summary says, as a digest                            */
/* ------------------------------------------------------------------ */

/*
 * The digest covers what the writer derives from the log (status,
 * reason, note, activities, review, review_comment: values, or CONFLICT),
 * in the order the text gives them; never title or conflicts.  A file
 * dvk wrote gives, for every item, the digest its log gives (view_digest),
 * so a load compares one digest per item and reads nothing twice.
 */
static void say(XXH3_state_t *h, const char *key, const char *value, size_t len)
{
	uint64_t n = len;

	XXH3_128bits_update(h, key, strlen(key) + 1);
	XXH3_128bits_update(h, &n, sizeof n);
	XXH3_128bits_update(h, value, len);
}

static void say_mark(XXH3_state_t *h, char mark)
{
	const char m[2] = { 1, mark };

	XXH3_128bits_update(h, m, sizeof m);
}

/* A scalar's text: a YAML null (an empty line, ~, null) says "". */
static const char *text_of(const struct ynode *n, size_t *len)
{
	if (ynode_is_null(n)) {
		*len = 0;
		return "";
	}
	*len = n->len;
	return n->str;
}

static int fixed_of(const char *key)
{
	for (int f = 0; f < F_COUNT; f++)
		if (strcmp(key, fixed_name[f]) == 0)
			return f;
	return -1;
}

/* n's position, for a message */
#define AT(n) (n)->line, (n)->col

/* The activities of item id: a list of records, each key: value. */
static int say_activities(XXH3_state_t *h, const char *id, const struct ynode *acts,
			  const char *path, struct dvk_error *err)
{
	if (ynode_is_null(acts))
		return 1;
	if (acts->kind != YNODE_SEQ)
		return dvk_error_setc(err, DVK_E_SCHEMA, path, AT(acts),
				      _("the activities of item %s must be a list of records, each "
					"starting with \"- \" and holding key: value lines"), id);
	if (acts->n)
		say_mark(h, 'A');
	for (size_t r = 0; r < acts->n; r++) {
		const struct ynode *rec = acts->items[r];

		if (rec->kind != YNODE_MAP)
			return dvk_error_setc(err, DVK_E_SCHEMA, path, AT(rec),
					      _("an activity record of item %s must hold key: value lines"),
					      id);
		say_mark(h, 'R');
		for (size_t k = 0; k < rec->n; k++) {
			const struct ypair *kv = &rec->pairs[k];
			const char *s;
			size_t len;

			if (kv->key->kind != YNODE_SCALAR || kv->val->kind != YNODE_SCALAR)
				return dvk_error_setc(err, DVK_E_SCHEMA, path,
						      AT(kv->val->kind != YNODE_SCALAR ? kv->val : kv->key),
						      _("an activity record of item %s must hold key: value "
							"lines"), id);
			s = text_of(kv->val, &len);
			say(h, kv->key->str, s, len);
		}
	}
	return 1;
}

int summary_item(struct summary *s, const struct ynode *key, const struct ynode *val,
		 const char *path, struct dvk_error *err)
{
	const char *id;

	if (key->kind != YNODE_SCALAR || !*key->str)
		return dvk_error_setc(err, DVK_E_SCHEMA, path, AT(key), "%s",
				      _("an entry of items: must be named by an item id, like \"1.1\":"));
	id = key->str;
	if (checklist_item_reserved(id))
		return dvk_error_setc(err, DVK_E_SCHEMA, path, AT(key),
				      _("\"%s\" is not an item of the directive; the unit's name and "
					"parent are unit_name: and parent: at the top of the file"), id);
	if (val->kind != YNODE_MAP)
		return dvk_error_setc(err, DVK_E_SCHEMA, path, AT(val),
				      _("the summary of item %s must hold its values as key: value "
					"lines (status:, note:, ...)"), id);
	if (!s->h)
		s->h = XXH3_createState();
	XXH3_128bits_reset(s->h);
	for (size_t i = 0; i < val->n; i++) {
		const struct ypair *kv = &val->pairs[i];
		const char *k = kv->key->kind == YNODE_SCALAR ? kv->key->str : "";
		int f = fixed_of(k);
		const char *text;
		size_t len;

		if (strcmp(k, "title") == 0 || strcmp(k, "conflicts") == 0)
			continue; /* for reading: the directive's text, the log's heads */
		if (strcmp(k, "activities") == 0) {
			if (!say_activities(s->h, id, kv->val, path, err))
				return 0;
			continue;
		}
		if (f < 0)
			return dvk_error_setc(err, DVK_E_SCHEMA, path, AT(kv->key),
					      _("unknown key \"%s\" in the summary of item %s (expected "
						"title, status, reason, note, activities, review, "
						"review_comment or conflicts)"), k, id);
		if (kv->val->kind != YNODE_SCALAR)
			return dvk_error_setc(err, DVK_E_SCHEMA, path, AT(kv->val),
					      _("%s of item %s must be one value"), k, id);
		text = text_of(kv->val, &len);
		say(s->h, k, text, len);
	}
	GROW(s->items, s->nitems + 1, s->itemcap);
	s->items[s->nitems++] = (struct said_item){ xstrdup(id), XXH3_128bits_digest(s->h),
						    key->line, key->col };
	return 1;
}

/* Key of an activity value: "activity.<rid>.<key>" → "<key>". */
static const char *activity_key(const char *field)
{
	const char *rid, *key;
	size_t ridlen;

	return checklist_activity_split(field, &rid, &ridlen, &key) ? key : field;
}

static void say_field(XXH3_state_t *h, const char *key, const struct field_view *fv)
{
	const char *s;

	if (!fv->nheads)
		return;
	s = fv->conflict ? STATE_CONFLICT : fv->value;
	say(h, key, s, strlen(s));
}

/* The digest of what a writer would put in item's summary now. */
static XXH128_hash_t view_digest(XXH3_state_t *h, const struct item_view *v)
{
	size_t live = 0;
	const char *st = status_name(v->status);

	XXH3_128bits_reset(h);
	say(h, "status", st, strlen(st));
	say_field(h, "reason", &v->reason_f);
	say_field(h, "note", &v->note_f);
	for (size_t i = 0; i < v->nacts; i++)
		live += !v->acts[i].deleted;
	if (live)
		say_mark(h, 'A');
	for (size_t i = 0; i < v->nacts; i++) {
		if (v->acts[i].deleted)
			continue;
		say_mark(h, 'R');
		for (size_t k = 0; k < v->acts[i].nvalues; k++)
			say_field(h, activity_key(v->acts[i].values[k].field), &v->acts[i].values[k]);
	}
	say_field(h, "review", &v->review_f);
	say_field(h, "review_comment", &v->review_comment_f);
	return XXH3_128bits_digest(h);
}

/* ------------------------------------------------------------------ */
/* Deterministic ids and times                                         */
/* ------------------------------------------------------------------ */

/*
 * Everything an edit's event gets that a person's edit would get from the
 * laptop (id, record ids, time) comes from the file instead: a 128-bit
 * hash of its log's event ids, and the newest time in it.  The same file
 * read on two laptops gives the same events; a different file (other
 * events around the same edit) gives different ids.
 */
struct origin {
	XXH128_hash_t log;  /* of the file's log, as read */
	int64_t at;         /* stamp of its edits: just after its newest event */
	char *by;           /* "<unit>.dvk.yaml" */
};

static void origin_init(struct origin *o, const struct state *st)
{
	size_t n = checklist_count(st->cl);
	const struct event *const *ev = checklist_events(st->cl);
	XXH3_state_t *h = XXH3_createState();

	XXH3_128bits_reset(h);
	XXH3_128bits_update(h, st->directive, strlen(st->directive) + 1);
	XXH3_128bits_update(h, st->unit, strlen(st->unit) + 1);
	for (size_t i = 0; i < n; i++)
		XXH3_128bits_update(h, ev[i]->id.b, sizeof ev[i]->id.b);
	o->log = XXH3_128bits_digest(h);
	XXH3_freeState(h);
	o->at = n ? checklist_max_at(st->cl) + 1 : 0;
	o->by = xasprintf("%s%s", st->unit, STATE_SUFFIX);
}

/* The "random" bytes of one edit: SplitMix64 from a seed that hashes the
 * file's log and what the edit says. */
struct det {
	uint64_t state;
};

static void det_random(unsigned char *buf, size_t n, void *arg)
{
	struct det *d = arg;

	for (size_t i = 0; i < n; i++) {
		uint64_t z = (d->state += 0x9e3779b97f4a7c15ULL);

		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
		z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
		buf[i] = (unsigned char)((z ^ (z >> 31)) >> 56);
	}
}

/* The seed of the edits of the header's value v. */
static uint64_t unit_seed(const struct origin *o, const struct said *v)
{
	XXH3_state_t *h = XXH3_createState();
	XXH128_hash_t r;

	XXH3_128bits_reset(h);
	XXH3_128bits_update(h, "dvk hand edit", 14);
	XXH3_128bits_update(h, &o->log, sizeof o->log);
	XXH3_128bits_update(h, UNIT_ITEM, strlen(UNIT_ITEM) + 1);
	XXH3_128bits_update(h, v->field, strlen(v->field) + 1);
	XXH3_128bits_update(h, v->value, strlen(v->value) + 1);
	r = XXH3_128bits_digest(h);
	XXH3_freeState(h);
	return r.low64 ^ r.high64;
}

/* The seed of the edits of an item whose summary says what si says. */
static uint64_t item_seed(const struct origin *o, const struct said_item *si)
{
	XXH3_state_t *h = XXH3_createState();
	XXH128_hash_t r;

	XXH3_128bits_reset(h);
	XXH3_128bits_update(h, "dvk hand edit of an item", 25);
	XXH3_128bits_update(h, &o->log, sizeof o->log);
	XXH3_128bits_update(h, si->item, strlen(si->item) + 1);
	XXH3_128bits_update(h, &si->digest, sizeof si->digest);
	r = XXH3_128bits_digest(h);
	XXH3_freeState(h);
	return r.low64 ^ r.high64;
}

/* The laptop an edit of one item (or one header value) seems made on. */
struct hand {
	struct det det;
	struct hlc clock;
	struct edit_ctx ctx;
};

static void hand_init(struct hand *H, const struct origin *o, uint64_t seed)
{
	H->det.state = seed;
	H->clock = (struct hlc){ 0, 0 };
	H->ctx = (struct edit_ctx){ .by = o->by, .replica = HAND_EDIT_REPLICA, .clock = &H->clock,
				    .now = o->at, .random = det_random, .random_arg = &H->det };
}

static int cmp_id(const void *a, const void *b)
{
	return event_id_cmp(a, b);
}

/* The event that sets (item, field) to value, replacing the heads the log
 * gives it (a head named twice, a copy altered by hand, once). */
static const struct event *hand_event(struct state *st, struct hand *H, const char *item,
				      const char *field, const char *value)
{
	const struct event **heads;
	size_t nheads = checklist_heads(st->cl, item, field, &heads), npred = 0;
	struct event_id *pred = xcalloc(nheads ? nheads : 1, sizeof *pred);
	struct event e = { .item = item, .field = field, .value = value,
			   .by = H->ctx.by, .replica = HAND_EDIT_REPLICA, .pred = pred };
	const struct event *added;

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
	e.id = checklist_new_id(&H->ctx);
	hlc_tick(H->ctx.clock, H->ctx.now, &e.at, &e.tick);
	added = checklist_add(st->cl, &e);
	free(pred);
	free(heads);
	return added;
}

/* True if a and b are the same text, as people read it (NFC): a value
 * written in NFD is not an edit. */
static bool same_text(const char *a, const char *b)
{
	char *x, *y;
	bool same;

	if (strcmp(a, b) == 0)
		return true;
	x = text_nfc(a);
	y = text_nfc(b);
	same = strcmp(x, y) == 0;
	free(x);
	free(y);
	return same;
}

/* ------------------------------------------------------------------ */
/* The unit's name and parent                                          */
/* ------------------------------------------------------------------ */

/* What the header shows for (UNIT_ITEM, field) given the log: its agreed
 * value, "CONFLICT" when heads differ, NULL when never set. */
static const char *shown(const struct state *st, const char *field)
{
	bool conflict;
	const char *v = checklist_value(st->cl, UNIT_ITEM, field, &conflict);

	return conflict ? STATE_CONFLICT : v;
}

static int conflict_error(struct dvk_error *err, const char *path, int line, int col)
{
	return dvk_error_setc(err, DVK_E_INVALID, path, line, col,
			      _("\"%s\" is what dvk writes when copies disagree; write the "
				"value you want instead"), STATE_CONFLICT);
}

/* The header's unit fields that differ from the log become events.  The
 * header is read as leniently as the log (an older dvk let the parent be
 * any text), so any value a loader accepts is taken. */
static int unit_edits(struct summary *s, struct state *st, struct origin *o, bool *ready,
		      const char *path, struct dvk_error *err)
{
	for (size_t i = 0; i < s->n; i++) {
		const struct said *v = &s->v[i];
		const char *now = shown(st, v->field);
		struct hand H;
		char *value;
		const struct event *e;
		bool older;

		if (now ? same_text(now, v->value) : !*v->value)
			continue;
		if (strcmp(v->value, STATE_CONFLICT) == 0)
			return conflict_error(err, path, v->line, v->col);
		if (!*ready) {
			origin_init(o, st);
			*ready = true;
		}
		hand_init(&H, o, unit_seed(o, v));
		value = text_nfc(v->value);
		/* a /1 file whose log never had the field: an older dvk kept
		 * it only in the header, nobody edited it */
		older = st->format == 1 && !now;
		e = hand_event(st, &H, UNIT_ITEM, v->field, value);
		free(value);
		if (e && !older)
			state_note_hand_edit(st, e, v->line, v->col);
	}
	return 1;
}

/* ------------------------------------------------------------------ */
/* Items: what a summary that differs says, in full                    */
/* ------------------------------------------------------------------ */

struct val {
	char *key;    /* the key as written */
	char *raw;    /* the value as written (NUL bytes end it early) */
	char *clean;  /* as an edit stores text (text_clean_input, trimmed) */
	bool nul;     /* the value held a NUL byte */
	int line, col;
};

struct rec {
	struct val *v;
	size_t n, cap;
	int line, col;
};

/* One item whose summary differs from its log, as the file gives it. */
struct full {
	const struct said_item *si;
	bool found;
	struct val fixed[F_COUNT];
	bool has[F_COUNT];
	bool has_acts;
	int acts_line, acts_col;
	struct rec *recs;
	size_t nrecs, reccap;
};

static char *clean_text(const char *s)
{
	char *c = text_clean_input(s);
	size_t lead = strspn(c, " \n");

	if (lead)
		memmove(c, c + lead, strlen(c + lead) + 1);
	return c;
}

static void val_set(struct val *v, const struct ynode *key, const struct ynode *val)
{
	size_t len;
	const char *s = text_of(val, &len);

	v->key = xstrdup(key->str);
	v->raw = xstrdup(s);
	v->nul = strlen(s) != len;
	v->clean = clean_text(s);
	v->line = val->line;
	v->col = val->col;
}

static void val_free(struct val *v)
{
	free(v->key);
	free(v->raw);
	free(v->clean);
}

static void full_free(struct full *f)
{
	for (int k = 0; k < F_COUNT; k++)
		if (f->has[k])
			val_free(&f->fixed[k]);
	for (size_t r = 0; r < f->nrecs; r++) {
		for (size_t k = 0; k < f->recs[r].n; k++)
			val_free(&f->recs[r].v[k]);
		free(f->recs[r].v);
	}
	free(f->recs);
}

/* Fill f from the item's summary (its shape was checked by summary_item;
 * anything else is skipped: the file was then replaced, which the digest
 * check after this read says). */
static void full_read(struct full *f, const struct ynode *val)
{
	f->found = true;
	for (size_t i = 0; val->kind == YNODE_MAP && i < val->n; i++) {
		const struct ypair *kv = &val->pairs[i];
		int k = kv->key->kind == YNODE_SCALAR ? fixed_of(kv->key->str) : -1;
		const struct ynode *acts = kv->val;

		if (k >= 0 && kv->val->kind == YNODE_SCALAR && !f->has[k]) {
			val_set(&f->fixed[k], kv->key, kv->val);
			f->has[k] = true;
			continue;
		}
		if (kv->key->kind != YNODE_SCALAR || strcmp(kv->key->str, "activities") != 0)
			continue;
		f->has_acts = true;
		f->acts_line = kv->key->line;
		f->acts_col = kv->key->col;
		for (size_t r = 0; acts->kind == YNODE_SEQ && r < acts->n; r++) {
			const struct ynode *rn = acts->items[r];
			struct rec *rec;

			if (rn->kind != YNODE_MAP)
				continue;
			GROW(f->recs, f->nrecs + 1, f->reccap);
			rec = &f->recs[f->nrecs++];
			*rec = (struct rec){ .line = rn->line, .col = rn->col };
			for (size_t k2 = 0; k2 < rn->n; k2++) {
				const struct ypair *p = &rn->pairs[k2];

				if (p->key->kind != YNODE_SCALAR || p->val->kind != YNODE_SCALAR)
					continue;
				GROW(rec->v, rec->n + 1, rec->cap);
				val_set(&rec->v[rec->n++], p->key, p->val);
			}
		}
	}
}

struct reread {
	struct full *f;
	size_t n;
};

static int full_cmp(const void *a, const void *b)
{
	const struct full *x = a, *y = b;

	return strcmp(x->si->item, y->si->item);
}

static int reread_child(const char *key, const struct ychild *c, void *arg)
{
	struct reread *r = arg;
	struct said_item si;
	struct full probe = { .si = &si }, *f;

	if (strcmp(key, "items") != 0 || !c->key || c->key->kind != YNODE_SCALAR)
		return 1;
	si.item = c->key->str;
	f = bsearch(&probe, r->f, r->n, sizeof *r->f, full_cmp);
	if (f && !f->found)
		full_read(f, c->node);
	return 1;
}

/* Read the summaries of the items in f[0..n) from the file again. */
static int reread(struct full *f, size_t n, const char *path, const char *buf, size_t len,
		  struct dvk_digest digest, struct dvk_error *err)
{
	static const char *const streamed[] = { "items", "log", NULL };
	struct reread r = { f, n };
	struct ystream s = { .keys = streamed, .fn = reread_child, .arg = &r };
	struct ydoc *doc;

	qsort(f, n, sizeof *f, full_cmp);
	doc = yamlio_parse_stream(path, buf, buf ? len : 0, NULL, &s, err);
	if (!doc)
		return 0;
	ydoc_free(doc);
	if (!dvk_digest_eq(s.digest, digest))
		return dvk_error_setc(err, DVK_E_IO, path, 0, 0, "%s",
				      _("the file was replaced while it was being read; read it again"));
	return 1;
}

/* ------------------------------------------------------------------ */
/* Items: the edits a summary makes                                    */
/* ------------------------------------------------------------------ */

struct edit {
	char *field, *value;
	int line, col;
};

struct edits {
	struct edit *v;
	size_t n, cap;
};

static void edit_add(struct edits *E, const char *field, const char *value, int line, int col)
{
	GROW(E->v, E->n + 1, E->cap);
	E->v[E->n++] = (struct edit){ xstrdup(field), xstrdup(value), line, col };
}

static void edits_free(struct edits *E)
{
	for (size_t i = 0; i < E->n; i++) {
		free(E->v[i].field);
		free(E->v[i].value);
	}
	free(E->v);
	memset(E, 0, sizeof *E);
}

static int nul_error(struct dvk_error *err, const char *path, const struct val *v)
{
	return dvk_error_setc(err, DVK_E_INVALID, path, v->line, v->col,
			      _("%s contains a NUL character"), v->key);
}

static const struct field_view *view_field(const struct item_view *v, int k)
{
	const struct field_view *fv[F_COUNT] = { &v->status_f, &v->reason_f, &v->note_f,
						 &v->review_f, &v->review_comment_f };

	return fv[k];
}

/* status and review: a value, or CONFLICT while the log's heads disagree;
 * left out, unchanged (they always have one once set). */
static int word_edits(const struct full *f, const struct item_view *v, struct edits *E,
		      const char *path, struct dvk_error *err)
{
	static const int words[] = { F_STATUS, F_REVIEW };

	for (size_t i = 0; i < ARRAY_LEN(words); i++) {
		int k = words[i];
		const struct val *x = &f->fixed[k];
		const struct field_view *fv = view_field(v, k);
		const char *now = k == F_STATUS ? status_name(v->status) : fv->value;

		if (!f->has[k])
			continue;
		if (x->nul)
			return nul_error(err, path, x);
		if (strcmp(x->raw, STATE_CONFLICT) == 0) {
			if (fv->conflict)
				continue;
			return conflict_error(err, path, x->line, x->col);
		}
		if (!fv->conflict && (now ? strcmp(now, x->raw) == 0 : !*x->raw))
			continue;
		edit_add(E, fixed_name[k], x->raw, x->line, x->col);
	}
	return 1;
}

/* reason, note, review_comment: the text; left out, removed. */
static int text_edits(const struct full *f, const struct item_view *v, struct edits *E,
		      const char *path, struct dvk_error *err)
{
	static const int texts[] = { F_REASON, F_NOTE, F_REVIEW_COMMENT };

	for (size_t i = 0; i < ARRAY_LEN(texts); i++) {
		int k = texts[i];
		const struct val *x = &f->fixed[k];
		const struct field_view *fv = view_field(v, k);

		if (!f->has[k]) {
			if (fv->nheads && (fv->conflict || *fv->value))
				edit_add(E, fixed_name[k], "", f->si->line, f->si->col);
			continue;
		}
		if (x->nul)
			return nul_error(err, path, x);
		if (strcmp(x->raw, STATE_CONFLICT) == 0) {
			if (fv->conflict)
				continue;
			return conflict_error(err, path, x->line, x->col);
		}
		if (!fv->conflict && (fv->nheads ? same_text(fv->value, x->clean) : !*x->clean))
			continue;
		edit_add(E, fixed_name[k], x->clean, x->line, x->col);
	}
	return 1;
}

/* ---- activity records: which record of the summary is which ---- */

/* The live records of the log, in the order the summary lists them. */
struct logrecs {
	const struct activity_view **r;
	size_t n;
};

static const struct field_view *rec_value(const struct activity_view *a, const char *key)
{
	for (size_t k = 0; k < a->nvalues; k++)
		if (strcmp(activity_key(a->values[k].field), key) == 0)
			return &a->values[k];
	return NULL;
}

/* How far summary record s is from log record a: the values that would
 * have to change (a value the summary gives as the log does costs 0). */
static unsigned rec_cost(const struct activity_view *a, const struct rec *s)
{
	unsigned cost = 0;

	for (size_t k = 0; k < s->n; k++) {
		const struct field_view *fv = rec_value(a, s->v[k].key);

		if (!fv)
			cost++;
		else if (strcmp(s->v[k].raw, STATE_CONFLICT) == 0)
			cost += !fv->conflict;
		else
			cost += fv->conflict || !same_text(fv->value, s->v[k].clean);
	}
	for (size_t k = 0; k < a->nvalues; k++) {
		bool given = false;

		for (size_t j = 0; j < s->n && !given; j++)
			given = strcmp(activity_key(a->values[k].field), s->v[j].key) == 0;
		cost += !given;
	}
	return cost;
}

enum { OP_SAME, OP_DEL, OP_INS };

/* Match the records: ops[] (OP_SAME: log record and summary record are
 * one; OP_DEL: a log record the summary left out; OP_INS: a new record),
 * the fewest value changes (an edit distance), common runs first.
 * Returns the number of ops (caller frees *ops). */
static size_t align(const struct logrecs *L, const struct full *f, unsigned char **ops)
{
	size_t n = L->n, m = f->nrecs, pre = 0, post = 0, cap = n + m + 1, nops = 0;
	unsigned char *out = xmalloc(cap);

	while (pre < n && pre < m && rec_cost(L->r[pre], &f->recs[pre]) == 0)
		pre++;
	while (post < n - pre && post < m - pre &&
	       rec_cost(L->r[n - 1 - post], &f->recs[m - 1 - post]) == 0)
		post++;
	for (size_t i = 0; i < pre; i++)
		out[nops++] = OP_SAME;

	size_t a = n - pre - post, b = m - pre - post;

	if (a && b && a * b <= ((size_t)1 << 20)) {
		/* dp[i][j]: cost of matching log a[i..] with summary b[j..] */
		size_t w = b + 1;
		unsigned *dp = xmalloc((a + 1) * w * sizeof *dp);
		unsigned char *how = xmalloc((a + 1) * w);

		for (size_t i = a + 1; i-- > 0;)
			for (size_t j = b + 1; j-- > 0;) {
				unsigned best = (unsigned)-1, c;
				unsigned char op = OP_SAME;

				if (i == a && j == b) {
					dp[i * w + j] = 0;
					continue;
				}
				if (i < a && j < b &&
				    (c = rec_cost(L->r[pre + i], &f->recs[pre + j]) + dp[(i + 1) * w + j + 1]) < best)
					best = c, op = OP_SAME;
				if (i < a && (c = (unsigned)L->r[pre + i]->nvalues + 1 + dp[(i + 1) * w + j]) < best)
					best = c, op = OP_DEL;
				if (j < b && (c = (unsigned)f->recs[pre + j].n + 1 + dp[i * w + j + 1]) < best)
					best = c, op = OP_INS;
				dp[i * w + j] = best;
				how[i * w + j] = op;
			}
		for (size_t i = 0, j = 0; i < a || j < b;) {
			unsigned char op = how[i * w + j];

			out[nops++] = op;
			i += op != OP_INS;
			j += op != OP_DEL;
		}
		free(dp);
		free(how);
	} else {
		/* too many to weigh against each other: in order */
		for (size_t i = 0; i < a || i < b; i++)
			out[nops++] = i < a && i < b ? OP_SAME : i < a ? OP_DEL : OP_INS;
	}
	for (size_t i = 0; i < post; i++)
		out[nops++] = OP_SAME;
	*ops = out;
	return nops;
}

static int rec_key_check(const char *item, const struct val *x, const char *path,
			 struct dvk_error *err)
{
	const char *k = x->key;
	bool ok = *k >= 'a' && *k <= 'z';

	for (; ok && *k; k++)
		ok = (*k >= 'a' && *k <= 'z') || (*k >= '0' && *k <= '9') || *k == '_';
	if (!ok)
		return dvk_error_setc(err, DVK_E_INVALID, path, x->line, x->col,
				      _("bad key \"%s\" in an activity record of item %s (lower-case "
					"letters, digits and '_', like the directive's evidence fields)"),
				      x->key, item);
	if (x->nul)
		return nul_error(err, path, x);
	return 1;
}

/* The edits of summary record s: against log record a (rid), or of a new
 * record (a NULL) whose id comes from H. */
static int rec_edits(struct hand *H, const char *item, const struct activity_view *a,
		     const struct rec *s, struct edits *E, const char *path, struct dvk_error *err)
{
	char *rid = a ? xstrdup(a->rid) : checklist_new_rid(&H->ctx);
	int ok = 1;

	if (!a && !s->n)
		ok = dvk_error_setc(err, DVK_E_INVALID, path, s->line, s->col,
				    _("an activity record of item %s holds no value"), item);
	for (size_t k = 0; ok && a && k < a->nvalues; k++) {
		const char *key = activity_key(a->values[k].field);
		bool given = false;

		for (size_t j = 0; j < s->n && !given; j++)
			given = strcmp(key, s->v[j].key) == 0;
		if (!given)
			ok = dvk_error_setc(err, DVK_E_INVALID, path, s->line, s->col,
					    _("a value cannot be taken out of an activity record (item "
					      "%s, %s): give it a value, or remove the whole record"),
					    item, key);
	}
	for (size_t k = 0; ok && k < s->n; k++) {
		const struct val *x = &s->v[k];
		const struct field_view *fv = a ? rec_value(a, x->key) : NULL;
		char *field;

		if (!(ok = rec_key_check(item, x, path, err)))
			break;
		if (strcmp(x->raw, STATE_CONFLICT) == 0) {
			if (!(fv && fv->conflict))
				ok = conflict_error(err, path, x->line, x->col);
			continue;
		}
		if (fv && !fv->conflict && same_text(fv->value, x->clean))
			continue;
		field = xasprintf("activity.%s.%s", rid, x->key);
		edit_add(E, field, x->clean, x->line, x->col);
		free(field);
	}
	free(rid);
	return ok;
}

/* The edits of the activities: records matched, added, left out. */
static int act_edits(struct hand *H, const struct full *f, const struct item_view *v,
		     struct edits *E, const char *path, struct dvk_error *err)
{
	struct logrecs L = { xmalloc((v->nacts ? v->nacts : 1) * sizeof *L.r), 0 };
	unsigned char *ops;
	size_t nops, i = 0, j = 0;
	int ok = 1;
	int line = f->has_acts ? f->acts_line : f->si->line;
	int col = f->has_acts ? f->acts_col : f->si->col;

	for (size_t k = 0; k < v->nacts; k++)
		if (!v->acts[k].deleted)
			L.r[L.n++] = &v->acts[k];
	nops = align(&L, f, &ops);
	for (size_t k = 0; ok && k < nops; k++) {
		if (ops[k] == OP_DEL) {
			char *field = xasprintf("activity.%s.deleted", L.r[i++]->rid);

			edit_add(E, field, "yes", line, col);
			free(field);
		} else if (ops[k] == OP_INS) {
			ok = rec_edits(H, f->si->item, NULL, &f->recs[j++], E, path, err);
		} else {
			ok = rec_edits(H, f->si->item, L.r[i++], &f->recs[j++], E, path, err);
		}
	}
	free(ops);
	free(L.r);
	return ok;
}

/* ---- checking the edits ---- */

/* An edit the directive would not take (an item or evidence field it
 * lacks, a value not written as dvk stores it of the field's type), or
 * that no dvk writes. */
static int edit_check(const struct directive *d, const char *item, const struct edit *x,
		      const char *path, struct dvk_error *err)
{
	struct dvk_error why;
	const char *rid, *key;
	size_t ridlen;
	unsigned cc;

	dvk_error_clear(&why);
	if (!checklist_check_shape(item, x->field, x->value, &why) ||
	    (d && !checklist_check_field(d, item, x->field, x->value, &why)))
		goto refused;
	if ((cc = checklist_control_char(x->value)))
		return dvk_error_setc(err, DVK_E_INVALID, path, x->line, x->col,
				      _("%s contains a control character (U+%04X); text may hold "
					"line breaks and tabs, but no other control characters"),
				      x->field, cc);
	if (d && checklist_field_fit(d, item, x->field, x->value) == FIT_BAD_VALUE &&
	    checklist_activity_split(x->field, &rid, &ridlen, &key)) {
		const struct evidence_field *ef = item_evidence(directive_item(d, item), key);

		evidence_check_value(ef->type, x->value, &why);
		return dvk_error_setc(err, DVK_E_INVALID, path, x->line, x->col,
				      _("%s: %s (write it as dvk writes it: a date as 2023-03-14, a "
					"count as 45)"), ef->label, why.message);
	}
	return 1;
refused:
	if (strstr(why.message, item)) /* "item 1.1 has no evidence field ..." */
		return dvk_error_setc(err, DVK_E_INVALID, path, x->line, x->col, "%s", why.message);
	return dvk_error_setc(err, DVK_E_INVALID, path, x->line, x->col, _("item %s: %s"), item,
			      why.message);
}

int state_check_hand_edits(const struct state *st, const struct directive *d, const char *path,
			   struct dvk_error *err)
{
	const struct hand_edit *h;
	size_t n = state_hand_edits(st, &h);

	/* the same check summary_apply makes with d, made after the fact:
	 * the directive never changes what an edit becomes, only whether it
	 * is taken (the unit's own fields are not the directive's) */
	for (size_t i = 0; d && i < n; i++) {
		const struct event *e = h[i].ev;
		struct edit x = { (char *)e->field, (char *)e->value, h[i].line, h[i].col };

		if (!checklist_item_reserved(e->item) && !edit_check(d, e->item, &x, path, err))
			return 0;
	}
	return 1;
}

/* Not applicable needs a reason, after the edits as before them. */
static int reason_check(const struct full *f, const struct item_view *v, const struct edits *E,
			const char *path, struct dvk_error *err)
{
	bool na = v->status == STATUS_NA, reason = v->reason_f.conflict ||
						   (v->reason_f.value && *v->reason_f.value);
	const struct edit *status = NULL;

	for (size_t i = 0; i < E->n; i++) {
		if (strcmp(E->v[i].field, "status") == 0) {
			na = strcmp(E->v[i].value, "not-applicable") == 0;
			status = &E->v[i];
		}
		if (strcmp(E->v[i].field, "reason") == 0)
			reason = *E->v[i].value;
	}
	if (!na || reason)
		return 1;
	return dvk_error_setc(err, DVK_E_INVALID, path, status ? status->line : f->si->line,
			      status ? status->col : f->si->col,
			      _("item %s: \"not applicable\" needs a reason: write it as reason: "
				"under the status"), f->si->item);
}

/* The edits the summary of one item makes, checked, then made. */
static int item_apply(struct state *st, const struct directive *d, const struct origin *o,
		      const struct full *f, const char *path, struct dvk_error *err)
{
	const char *item = f->si->item;
	struct item_view v;
	struct edits E = { 0 };
	struct hand H;
	int ok;

	hand_init(&H, o, item_seed(o, f->si));
	checklist_item_view(st->cl, item, &v);
	ok = word_edits(f, &v, &E, path, err) && text_edits(f, &v, &E, path, err) &&
	     act_edits(&H, f, &v, &E, path, err);
	for (size_t i = 0; ok && i < E.n; i++)
		ok = edit_check(d, item, &E.v[i], path, err);
	ok = ok && reason_check(f, &v, &E, path, err);
	item_view_free(&v);
	for (size_t i = 0; ok && i < E.n; i++) {
		const struct event *e = hand_event(st, &H, item, E.v[i].field, E.v[i].value);

		if (e)
			state_note_hand_edit(st, e, E.v[i].line, E.v[i].col);
	}
	edits_free(&E);
	return ok;
}

/* The items whose summary says other than their log (in f, caller frees):
 * their number. */
static size_t items_differing(const struct summary *s, const struct state *st, struct full **f)
{
	XXH3_state_t *h = XXH3_createState();
	size_t n = 0;

	*f = NULL;
	for (size_t i = 0; i < s->nitems; i++) {
		struct item_view v;
		XXH128_hash_t now;

		checklist_item_view(st->cl, s->items[i].item, &v);
		now = view_digest(h, &v);
		item_view_free(&v);
		if (XXH128_isEqual(now, s->items[i].digest))
			continue;
		if (!*f)
			*f = xcalloc(s->nitems, sizeof **f);
		(*f)[n++].si = &s->items[i];
	}
	XXH3_freeState(h);
	return n;
}

static int full_line_cmp(const void *a, const void *b)
{
	const struct full *x = a, *y = b;

	return x->si->line != y->si->line ? (x->si->line < y->si->line ? -1 : 1)
					  : (x->si->col > y->si->col) - (x->si->col < y->si->col);
}

static int item_edits(struct summary *s, struct state *st, const struct directive *d,
		      struct origin *o, bool *ready, const char *path, const char *buf,
		      size_t len, struct dvk_digest digest, struct dvk_error *err)
{
	struct full *f;
	size_t n = items_differing(s, st, &f);
	int ok = 1;

	if (!n)
		return 1;
	if (!*ready) {
		origin_init(o, st);
		*ready = true;
	}
	ok = reread(f, n, path, buf, len, digest, err);
	/* in the order of the file, each item on its own (its own ids) */
	qsort(f, n, sizeof *f, full_line_cmp);
	for (size_t i = 0; ok && i < n; i++)
		ok = !f[i].found || item_apply(st, d, o, &f[i], path, err);
	for (size_t i = 0; i < n; i++)
		full_free(&f[i]);
	free(f);
	return ok;
}

/* ------------------------------------------------------------------ */
/* Applying                                                            */
/* ------------------------------------------------------------------ */

int summary_apply(struct summary *s, struct state *st, const struct directive *d,
		  const char *path, const char *buf, size_t len, struct dvk_digest digest,
		  struct dvk_error *err)
{
	struct origin o = { .by = NULL };
	bool ready = false;
	int ok;

	/* the origin is the log as read, before any hand edit joins it:
	 * made when the first edit is found */
	ok = unit_edits(s, st, &o, &ready, path, err) &&
	     item_edits(s, st, d, &o, &ready, path, buf, len, digest, err);
	free(o.by);
	return ok;
}

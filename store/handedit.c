/*
 * handedit.c: hand edits of a state file become events (see handedit.h).
 */
#include "store/handedit.h"

#include <stdlib.h>
#include <string.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "text/text.h"

/* One value the header or the summary gives, and where. */
struct said {
	char *item, *field, *value;
	int line, col;
};

struct summary {
	struct said *v;
	size_t n, cap;
};

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

/* Seed for the edits of item: the file's log, the item, and each
 * (field, value) the file gives it. */
static uint64_t det_seed(const struct origin *o, const char *item, const struct said *v, size_t n)
{
	XXH3_state_t *h = XXH3_createState();
	XXH128_hash_t r;

	XXH3_128bits_reset(h);
	XXH3_128bits_update(h, "dvk hand edit", 14);
	XXH3_128bits_update(h, &o->log, sizeof o->log);
	XXH3_128bits_update(h, item, strlen(item) + 1);
	for (size_t i = 0; i < n; i++) {
		XXH3_128bits_update(h, v[i].field, strlen(v[i].field) + 1);
		XXH3_128bits_update(h, v[i].value, strlen(v[i].value) + 1);
	}
	r = XXH3_128bits_digest(h);
	XXH3_freeState(h);
	return r.low64 ^ r.high64;
}

/* ------------------------------------------------------------------ */
/* The unit's name and parent                                          */
/* ------------------------------------------------------------------ */

static int cmp_id(const void *a, const void *b)
{
	return event_id_cmp(a, b);
}

/* What the header shows for (UNIT_ITEM, field) given the log: its agreed
 * value, "CONFLICT" when heads differ, NULL when never set. */
static const char *shown(const struct state *st, const char *field)
{
	bool conflict;
	const char *v = checklist_value(st->cl, UNIT_ITEM, field, &conflict);

	return conflict ? STATE_CONFLICT : v;
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

/* The header's value of a unit field, as an event replacing the log's
 * heads.  The header is read as leniently as the log (an older dvk let
 * the parent be any text), so any value a loader accepts is taken. */
static const struct event *unit_event(struct state *st, const struct origin *o,
				      const struct said *v)
{
	const struct event **heads;
	size_t nheads = checklist_heads(st->cl, UNIT_ITEM, v->field, &heads);
	struct event_id *pred = xcalloc(nheads ? nheads : 1, sizeof *pred);
	struct det det = { det_seed(o, UNIT_ITEM, v, 1) };
	struct hlc clock = { 0, 0 };
	struct edit_ctx ctx = { .by = o->by, .replica = HAND_EDIT_REPLICA, .clock = &clock,
				.now = o->at, .random = det_random, .random_arg = &det };
	char *value = text_nfc(v->value);
	struct event e = { .item = UNIT_ITEM, .field = v->field, .value = value,
			   .by = o->by, .replica = HAND_EDIT_REPLICA, .pred = pred };
	const struct event *added;

	for (size_t i = 0; i < nheads; i++) {
		pred[e.npred++] = heads[i]->id;
		if (heads[i]->gen + 1 > e.gen)
			e.gen = heads[i]->gen + 1;
	}
	qsort(pred, e.npred, sizeof *pred, cmp_id);
	e.id = checklist_new_id(&ctx);
	hlc_tick(&clock, ctx.now, &e.at, &e.tick);
	added = checklist_add(st->cl, &e);
	free(value);
	free(pred);
	free(heads);
	return added;
}

/* ------------------------------------------------------------------ */
/* Applying                                                            */
/* ------------------------------------------------------------------ */

static void note_edit(struct state *st, const struct event *e, const struct said *v)
{
	if (e)
		state_note_hand_edit(st, e, v->line, v->col);
}

int summary_apply(struct summary *s, struct state *st, const struct directive *d,
		  const char *path, struct dvk_error *err)
{
	struct origin o = { .by = NULL };
	bool ready = false;

	(void)d;
	for (size_t i = 0; i < s->n; i++) {
		const struct said *v = &s->v[i];
		const char *now;

		if (strcmp(v->item, UNIT_ITEM) != 0)
			continue;
		now = shown(st, v->field);
		if (now ? same_text(now, v->value) : !*v->value)
			continue;
		if (strcmp(v->value, STATE_CONFLICT) == 0)
			return dvk_error_setc(err, DVK_E_SCHEMA, path, v->line, v->col,
					      _("\"%s\" is what dvk writes when copies disagree; write the "
						"value you want instead"), STATE_CONFLICT);
		if (!ready) {
			origin_init(&o, st);
			ready = true;
		}
		note_edit(st, unit_event(st, &o, v), v);
	}
	free(o.by);
	return 1;
}

/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store.c: state files on disk (see store.h).
 *
 * The file is written from the event set alone, in canonical order, so
 * equal sets give equal bytes on every laptop and one edit touches a few
 * lines in two places (the item's summary and its new log entry).
 */
#include "store/store.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store/handedit.h"
#include "store/layout.h"
#include "text/text.h"
#include "yamlio/yamlio.h"

#define STATE_HEADER_COMMENT \
	"# dvk state file. The log is the record; items is a summary made from it.\n" \
	"# Safe to read. After editing by hand, run `dvk check` on this file.\n"

/* ------------------------------------------------------------------ */
/* States                                                              */
/* ------------------------------------------------------------------ */

struct state *state_new(const char *directive, const char *unit)
{
	struct state *st = xcalloc(1, sizeof *st);

	st->directive = xstrdup(directive);
	st->unit = xstrdup(unit);
	st->cl = checklist_new();
	st->layout = layout_new();
	st->format = 2;
	return st;
}

void state_free(struct state *st)
{
	if (!st)
		return;
	free(st->directive);
	free(st->unit);
	free(st->hand);
	layout_free(st->layout);
	free(st->journal);
	checklist_free(st->cl);
	free(st);
}

char *store_path(const char *data_dir, const char *directive, const char *unit)
{
	return xasprintf("%s/%s/%s%s", data_dir, directive, unit, STATE_SUFFIX);
}

bool store_exists(const char *path)
{
	struct stat sb;

	return lstat(path, &sb) == 0;
}

static const char *unit_value(const struct state *st, const char *field, bool *conflict)
{
	const char *v = checklist_value(st->cl, UNIT_ITEM, field, conflict);

	return v && *v ? v : NULL;
}

const char *state_unit_name(const struct state *st, bool *conflict)
{
	return unit_value(st, UNIT_NAME, conflict);
}

const char *state_unit_parent(const struct state *st, bool *conflict)
{
	return unit_value(st, UNIT_PARENT, conflict);
}

char *state_unit_shown(const struct state *st, const char *field)
{
	const struct event **heads;
	size_t n = checklist_heads(st->cl, UNIT_ITEM, field, &heads);
	struct buf b = {0};
	char *nfc;

	for (size_t i = 0; i < n; i++) {
		bool seen = !*heads[i]->value;

		for (size_t k = 0; k < i && !seen; k++)
			seen = strcmp(heads[k]->value, heads[i]->value) == 0;
		if (seen)
			continue;
		if (b.len)
			buf_adds(&b, " | ");
		buf_adds(&b, heads[i]->value);
	}
	free(heads);
	if (!b.len) {
		buf_free(&b);
		return NULL;
	}
	/* a value written by hand may be NFD: people read it composed */
	nfc = text_nfc(b.data);
	buf_free(&b);
	return nfc;
}

size_t state_hand_edits(const struct state *st, const struct hand_edit **out)
{
	*out = st->hand;
	return st->nhand;
}

void state_note_hand_edit(struct state *st, const struct event *e, int line, int col)
{
	GROW(st->hand, st->nhand + 1, st->handcap);
	st->hand[st->nhand++] = (struct hand_edit){ e, line, col };
}

int state_join(struct state *dst, const struct state *src, struct dvk_error *err)
{
	const struct event *cycle;

	if (strcmp(dst->directive, src->directive) != 0)
		return dvk_error_setc(err, DVK_E_MISMATCH, NULL, 0, 0,
				      _("this file is for directive \"%s\", not \"%s\""),
				      src->directive, dst->directive);
	if (strcmp(dst->unit, src->unit) != 0)
		return dvk_error_setc(err, DVK_E_MISMATCH, NULL, 0, 0,
				      _("this file is for unit \"%s\", not \"%s\""), src->unit, dst->unit);
	/* each file alone has no ring (the loader refuses one), so only
	 * events new to dst can close one */
	if ((cycle = checklist_join_cycle(dst->cl, src->cl))) {
		char text[EVENT_ID_LEN + 1];

		return dvk_error_setc(err, DVK_E_SCHEMA, NULL, 0, 0,
				      _("joining would put event %s on a ring of preds (events that "
					"replace each other); one of the files was edited by hand"),
				      event_id_str(&cycle->id, text));
	}
	if (src->revision > dst->revision)
		dst->revision = src->revision;
	checklist_join(dst->cl, src->cl);
	return 1;
}

unsigned state_revision(const struct state *st, const struct directive *d)
{
	unsigned rev = st->revision;

	/* d is the directive the file is written with, when it is st's */
	if (d && d->revision > rev && strcmp(d->id, st->directive) == 0)
		rev = d->revision;
	return rev;
}

/* ------------------------------------------------------------------ */
/* Parsing                                                             */
/* ------------------------------------------------------------------ */

#define NFC_SLOTS 8

/* A file's `items:` summary, left out of the text parsed
 * (parse_without_summary):
 * the file's bytes [at, end) are "items:\n" and the items, which the text
 * parsed has as "items: {}\n" on line line; what follows is shift bytes
 * further on in the file than in the text parsed. */
struct skipped {
	size_t at, end, shift;
	int line;
};

struct parse {
	const char *path;
	const struct directive *d;
	struct dvk_error *err;
	/* strings text_nfc'd lately, and results; pinned ones are in use by
	 * the entry being read and are not replaced */
	char *nfc_in[NFC_SLOTS], *nfc_out[NFC_SLOTS];
	unsigned nfc_next, nfc_pinned;
	struct event_id *pred; /* the entry's preds */
	size_t predcap;
	struct state *st;      /* where entries go */
	const struct event_id *find; /* or: only find where this entry is */
	int found_line, found_col;
	size_t nlog;           /* log entries read */
	bool entry_failed;     /* the parse stopped at an entry */
	const char *text;      /* the text, when it is in memory */
	size_t text_len;
	char *owned_text;      /* read again for an error (parse_text) */
	struct summary *said;  /* what the header and items: say (handedit.h) */
	const struct skipped *skip; /* the text parsed lacks the file's summary */
	bool skip_seen;        /* ...and has `items: {}` where it was */
};

static void parse_done(struct parse *p)
{
	for (size_t i = 0; i < NFC_SLOTS; i++) {
		free(p->nfc_in[i]);
		free(p->nfc_out[i]);
	}
	free(p->pred);
	free(p->owned_text);
}

/* text_nfc for the short strings of a log, which are nearly all ASCII
 * (always NFC already) or repeat the previous one (the same person on
 * every event): libunistring's normaliser was a fifth of a load.  The
 * result is borrowed until the next entry. */
static const char *nfc_field(struct parse *p, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned k;

	while (*u && *u < 0x80)
		u++;
	if (!*u)
		return s;
	for (k = 0; k < NFC_SLOTS; k++)
		if (p->nfc_in[k] && strcmp(p->nfc_in[k], s) == 0)
			goto pin;
	/* at most four strings of an entry are pinned: a slot is free */
	do
		k = p->nfc_next++ % NFC_SLOTS;
	while (p->nfc_pinned & (1u << k));
	free(p->nfc_in[k]);
	free(p->nfc_out[k]);
	p->nfc_in[k] = xstrdup(s);
	p->nfc_out[k] = text_nfc(s);
pin:
	p->nfc_pinned |= 1u << k;
	return p->nfc_out[k];
}

static int at_node(struct parse *p, const struct ynode *n, const char *fmt, const char *arg)
{
	return dvk_error_set(p->err, p->path, n ? n->line : 0, n ? n->col : 0, fmt, arg);
}

static const char *scalar(struct parse *p, const struct ynode *n, const char *what)
{
	if (!n || n->kind != YNODE_SCALAR) {
		at_node(p, n, N_("%s must be a text value"), what);
		return NULL;
	}
	if (strlen(n->str) != n->len) {
		at_node(p, n, N_("%s contains a NUL byte"), what);
		return NULL;
	}
	return n->str;
}

static int parse_ulong(struct parse *p, const struct ynode *n, const char *what,
		       unsigned long *out)
{
	const char *s = scalar(p, n, what);
	char *end;

	if (!s)
		return 0;
	errno = 0;
	*out = strtoul(s, &end, 10);
	if (!*s || *end || errno || *s == '-' || *s == '+' || *s == ' ')
		return at_node(p, n, N_("%s must be a whole number"), what);
	return 1;
}

static int cmp_id(const void *a, const void *b)
{
	return event_id_cmp(a, b);
}

static int parse_pred(struct parse *p, const struct ynode *n, struct event *e)
{
	if (n->kind != YNODE_SEQ)
		return at_node(p, n, N_("%s must be a list of event ids"), "pred");
	GROW(p->pred, n->n + 1, p->predcap);
	e->npred = 0;
	for (size_t i = 0; i < n->n; i++) {
		const char *id = scalar(p, n->items[i], "pred");

		if (!id)
			return 0;
		if (!event_id_parse(id, &p->pred[e->npred]))
			return at_node(p, n->items[i], N_("bad event id \"%s\" in pred"), id);
		e->npred++;
	}
	/* pred is a set: sort it so equal events compare equal. */
	qsort(p->pred, e->npred, sizeof *p->pred, cmp_id);
	for (size_t i = 1; i < e->npred; i++)
		if (event_id_cmp(&p->pred[i - 1], &p->pred[i]) == 0) {
			char text[EVENT_ID_LEN + 1];

			return at_node(p, n, N_("event id \"%s\" repeated in pred"),
				       event_id_str(&p->pred[i], text));
		}
	e->pred = p->pred;
	return 1;
}

/* The keys of a log entry.  A switch on the first letter finds them with
 * one comparison: this runs ten times per event, 200,000 times for a
 * 1,000-file report. */
enum event_key { K_ID, K_ITEM, K_FIELD, K_VALUE, K_BY, K_REPLICA, K_AT, K_PRED, K_GEN, K_TICK, K_COUNT };
#define REQUIRED_KEYS ((1u << K_ID) | (1u << K_ITEM) | (1u << K_FIELD) | (1u << K_VALUE) | \
		       (1u << K_BY) | (1u << K_REPLICA) | (1u << K_AT))

static const char *const event_key_names[K_COUNT] = {
	"id", "item", "field", "value", "by", "replica", "at", "pred", "gen", "tick",
};

static int event_key_of(const char *k)
{
	int guess;

	switch (k[0]) {
	case 'i': guess = k[1] == 'd' ? K_ID : K_ITEM; break;
	case 'f': guess = K_FIELD; break;
	case 'v': guess = K_VALUE; break;
	case 'b': guess = K_BY; break;
	case 'r': guess = K_REPLICA; break;
	case 'a': guess = K_AT; break;
	case 'p': guess = K_PRED; break;
	case 'g': guess = K_GEN; break;
	case 't': guess = K_TICK; break;
	default: return -1;
	}
	return strcmp(k, event_key_names[guess]) == 0 ? guess : -1;
}

/* One key of an event mapping; nodes[key] remembers where it was.  The
 * event's strings are borrowed from the document and from p. */
static int parse_event_key(struct parse *p, const struct ypair *kv, struct event *e,
			   const struct ynode **nodes)
{
	int key = event_key_of(kv->key->str);
	const struct ynode *v = kv->val;
	const char **const slots[] = { NULL, &e->item, &e->field, &e->value, &e->by, &e->replica };
	const char *s;

	if (key < 0)
		return at_node(p, kv->key, N_("unknown key '%s' in a log entry"), kv->key->str);
	nodes[key] = v;
	switch (key) {
	case K_PRED:
		return parse_pred(p, v, e);
	case K_GEN:
		return parse_ulong(p, v, "gen", &e->gen);
	case K_TICK:
		return parse_ulong(p, v, "tick", &e->tick);
	case K_AT:
		if (!(s = scalar(p, v, "at")))
			return 0;
		if (!time_parse(s, &e->at))
			return at_node(p, v, N_("bad time \"%s\" (expected 2023-03-14T10:00:00.000Z)"), s);
		return 1;
	case K_ID:
		if (!(s = scalar(p, v, "id")))
			return 0;
		if (!event_id_parse(s, &e->id))
			return at_node(p, v, N_("bad event id \"%s\" (16 Crockford base32 characters, first a letter)"), s);
		return 1;
	default:
		if (!(s = scalar(p, v, event_key_names[key])))
			return 0;
		*slots[key] = key == K_VALUE ? s : nfc_field(p, s);
		return 1;
	}
}

/* Where in the entry a validation problem lies, from its English format
 * (the message itself is in the user's language). */
static const struct ynode *problem_node(const char *msg, const struct ynode **nodes)
{
	if (!msg)
		return nodes[K_VALUE];
	if (strstr(msg, "unknown item") || strstr(msg, "names no item"))
		return nodes[K_ITEM];
	if (strstr(msg, "event id"))
		return strstr(msg, "in pred") ? nodes[K_PRED] : nodes[K_ID];
	if (strstr(msg, "no author"))
		return nodes[K_BY];
	if (strstr(msg, "no replica"))
		return nodes[K_REPLICA];
	if ((strstr(msg, "unknown field") || strstr(msg, "activity field") ||
	     strstr(msg, "record id") || strstr(msg, "no evidence field")))
		return nodes[K_FIELD];
	return nodes[K_VALUE];
}

/* Read the log entry n into *e, whose strings are then borrowed from the
 * document and from p until the next entry.  Returns 1, or 0 with p->err
 * set. */
static int parse_event(struct parse *p, const struct ynode *n, struct event *e)
{
	const struct ynode *nodes[K_COUNT] = {0};
	unsigned seen = 0;
	struct dvk_error why;

	if (n->kind != YNODE_MAP)
		return at_node(p, n, N_("a log entry must be a mapping (id, item, field, value, ...)"), NULL);
	memset(e, 0, sizeof *e);
	p->nfc_pinned = 0;
	for (size_t i = 0; i < n->n; i++)
		if (!parse_event_key(p, &n->pairs[i], e, nodes))
			return 0;
	for (int k = 0; k < K_COUNT; k++)
		seen |= nodes[k] ? 1u << k : 0;
	if ((seen & REQUIRED_KEYS) != REQUIRED_KEYS) {
		for (int k = 0; k < K_COUNT; k++)
			if ((REQUIRED_KEYS & (1u << k)) && !nodes[k])
				return at_node(p, n, N_("log entry has no '%s'"), event_key_names[k]);
	}
	for (size_t i = 0; i < e->npred; i++) {
		if (event_id_cmp(&e->pred[i], &e->id) == 0) {
			char text[EVENT_ID_LEN + 1];

			return at_node(p, nodes[K_PRED], _("event %s names itself in pred: an edit "
							   "replaces older values, never itself"),
				       event_id_str(&e->id, text));
		}
	}
	dvk_error_clear(&why);
	if (!checklist_check_event(p->d, e, &why))
		return at_node(p, problem_node(why.msgid, nodes), "%s", why.message);
	return 1;
}

static int parse_header_key(struct parse *p, const struct ypair *kv, struct state *st)
{
	const char *k = kv->key->str, *s;
	char **slot = NULL;

	if (strcmp(k, "items") == 0) {
		/* Derived from the log on every save; where it says other
		 * than the log, someone edited it by hand (handedit.h). */
		if (kv->val->kind != YNODE_MAP && !ynode_is_null(kv->val))
			return at_node(p, kv->val, N_("items must be a mapping"), NULL);
		if (p->skip && kv->key->line == p->skip->line && kv->key->col == 1 &&
		    kv->val->kind == YNODE_MAP && kv->val->n == 0)
			p->skip_seen = true;
		return 1;
	}
	if (strcmp(k, "log") == 0 || strcmp(k, "events") == 0)
		return 1; /* the log is read after the header; events by check_complete */
	if (strcmp(k, "format") == 0) {
		if (!(s = scalar(p, kv->val, k)))
			return 0;
		if (strcmp(s, STATE_FORMAT) == 0)
			st->format = 2;
		else if (strcmp(s, STATE_FORMAT_V1) == 0)
			st->format = 1;
		else
			return at_node(p, kv->val, N_("unsupported format \"%s\" (expected dvk-state/2; "
					  "a newer dvk may have written it)"), s);
		return 1;
	}
	if (strcmp(k, "revision") == 0) {
		unsigned long rev;

		if (!parse_ulong(p, kv->val, k, &rev))
			return 0;
		if (rev == 0 || rev > 999999)
			return at_node(p, kv->val, _("bad revision \"%s\" (expected a whole number from 1, like 2)"),
				       kv->val->str);
		st->revision = (unsigned)rev;
		return 1;
	}
	if (strcmp(k, "directive") == 0)
		slot = &st->directive;
	else if (strcmp(k, "unit") == 0)
		slot = &st->unit;
	else if (strcmp(k, "unit_name") == 0 || strcmp(k, "parent") == 0) {
		/* a summary of the log, or an older file's only record of
		 * them: compared with the log once it is read */
		if (!(s = scalar(p, kv->val, k)))
			return 0;
		if (p->said)
			summary_unit(p->said, k[0] == 'u' ? UNIT_NAME : UNIT_PARENT, s, kv->val->line,
				     kv->val->col);
		return 1;
	} else
		return at_node(p, kv->key, N_("unknown key '%s' at the top of a state file"), k);
	if (!(s = scalar(p, kv->val, k)))
		return 0;
	free(*slot);
	*slot = text_nfc(s);
	return 1;
}

static int parse_header(struct parse *p, const struct ynode *root, struct state *st)
{
	static const char *const required[] = { "format", "directive", "unit" };

	for (size_t i = 0; i < ARRAY_LEN(required); i++)
		if (!ynode_get(root, required[i]))
			return dvk_error_set(p->err, p->path, root->line, root->col,
					     "not a dvk state file: no '%s'", required[i]);
	for (size_t i = 0; i < root->n; i++)
		if (!parse_header_key(p, &root->pairs[i], st))
			return 0;
	if (!unit_id_valid(st->unit))
		return at_node(p, ynode_get(root, "unit"),
			       N_("bad unit id \"%s\" (lower-case letters, digits, '.', '_' and '-')"), st->unit);
	if (p->d && strcmp(st->directive, p->d->id) != 0) {
		const struct ynode *n = ynode_get(root, "directive");

		return dvk_error_set(p->err, p->path, n->line, n->col,
				     "this file is for directive \"%s\", not \"%s\"", st->directive,
				     p->d->id);
	}
	return 1;
}

/* What the parse left of the log: its children came through on_child. */
static int parse_log(struct parse *p, const struct ynode *log)
{
	if (!log || ynode_is_null(log) || log->kind == YNODE_SEQ)
		return 1;
	return at_node(p, log, N_("log must be a list of entries"), NULL);
}

/* Where the entry of e is in the file: a save copies it from there once it
 * has compared it with the text dvk writes for e (verify_entries). */
static void note_entry(struct parse *p, const struct event *e, const struct ychild *c)
{
	layout_set_entry(p->st->layout, e->seq, c->offset + (p->skip ? p->skip->shift : 0), c->len,
			 false);
}

/* One child of items: or log:, as the parse reads it.  Log entries become
 * events at once; of an item's summary, which is derived from the log,
 * only where it is and a digest of what it says are kept. */
static int on_child(const char *key, const struct ychild *c, void *arg)
{
	struct parse *p = arg;
	struct event e;
	const struct event *kept;

	if (strcmp(key, "items") == 0) {
		/* where each item's summary is, and its digest: a save whose
		 * summary of the item is the same text copies it */
		struct item_piece ip = { { (uint32_t)c->offset, (uint32_t)c->len, 1 }, 0,
					 dvk_digest_of(c->bytes, c->len) };

		if (c->key && p->st)
			layout_set_item(p->st->layout, c->key->str, &ip);
		/* what it says, compactly, for comparing with the log once it
		 * is read (hand edits, handedit.h) */
		if (c->key && p->said && !summary_item(p->said, c->key, c->node, p->path, p->err)) {
			p->entry_failed = true; /* or where a file was cut */
			return 0;
		}
		return 1;
	}
	if (strcmp(key, "log") != 0)
		return 1;
	if (c->key)
		return at_node(p, c->key, N_("log must be a list of entries"), NULL);
	p->nlog++;
	if (!parse_event(p, c->node, &e)) {
		p->entry_failed = true;
		return 0;
	}
	if (p->find) {
		/* looking for where an entry is (an error's position) */
		if (!p->found_line && event_id_cmp(&e.id, p->find) == 0) {
			const struct ynode *at = ynode_get(c->node, "pred");

			p->found_line = at ? at->line : c->node->line;
			p->found_col = at ? at->col : c->node->col;
		}
		return 1;
	}
	kept = checklist_add(p->st->cl, &e);
	if (kept)
		note_entry(p, kept, c);
	return 1;
}

static struct state *parse_state(const char *path, const char *buf, size_t len,
				 const struct directive *d, bool summary, struct dvk_digest *digest,
				 struct dvk_error *err);
static struct state *parse_text_as(const char *path, const char *buf, size_t len,
				   const struct directive *d, bool summary,
				   const struct skipped *skip, struct dvk_digest *digest,
				   struct dvk_error *err);

/* A file whose preds form a ring is refused where the ring is: those
 * events would replace each other, and the field's value would vanish.
 * Rings are rare, so where the entry is is found by reading the file
 * again, not remembered for every entry. */
static int check_cycles(struct parse *p, const struct state *st, const char *path,
			const char *buf, size_t len)
{
	const struct event *e = checklist_cycle(st->cl);
	static const char *const streamed[] = { "log", NULL };
	struct parse again = { .path = path, .find = e ? &e->id : NULL };
	struct ystream s = { .keys = streamed, .fn = on_child, .arg = &again };
	struct dvk_error ignore;
	char text[EVENT_ID_LEN + 1];
	struct ydoc *doc;

	if (!e)
		return 1;
	again.err = &ignore;
	doc = yamlio_parse_stream(path, buf, len, NULL, &s, &ignore);
	ydoc_free(doc);
	parse_done(&again);
	return dvk_error_set(p->err, p->path, again.found_line, again.found_col,
			     _("the pred of event %s leads back to it: events that replace each "
			       "other in a ring hide the value (repair the log by hand)"),
			     event_id_str(&e->id, text));
}

/* Note that st now matches the file whose digest is digest. */
static void remember_disk(struct state *st, struct dvk_digest digest, size_t len, size_t n)
{
	st->disk_known = true;
	st->disk_digest = digest;
	st->disklen = len;
	st->disk_n = n;
}

/* ------------------------------------------------------------------ */
/* Files cut short                                                     */
/* ------------------------------------------------------------------ */

/* The number of the last line of buf (a final newline ends a line, it
 * does not start one). */
static int last_line(const char *buf, size_t len)
{
	int n = 1;

	for (size_t i = 0; i + 1 < len; i++)
		n += buf[i] == '\n';
	return n;
}

/* The text being parsed, for what only an error needs to know about it:
 * a file streamed from disk is read whole again then. */
static void parse_text(struct parse *p, const char **buf, size_t *len)
{
	struct dvk_error ignore;

	if (!p->text && p->path &&
	    !yamlio_read_file(p->path, yamlio_default_limits().max_file, &p->owned_text,
			      &p->text_len, &ignore))
		p->text_len = 0;
	if (!p->text)
		p->text = p->owned_text ? p->owned_text : "";
	*buf = p->text;
	*len = p->text_len;
}

static int incomplete(struct parse *p, const char *why)
{
	const char *buf;
	size_t len;

	parse_text(p, &buf, &len);
	return dvk_error_setc(p->err, DVK_E_INCOMPLETE, p->path, last_line(buf, len), 0,
			      _("incomplete file: %s; it was cut short (a copy or a sync that "
				"stopped half way?) and nothing was read from it"), why);
}

/* True if buf begins the way every state file dvk writes begins (its
 * comment, then the format line), as far as it goes. */
static bool starts_like_state(const char *buf, size_t len)
{
	static const char head[] = STATE_HEADER_COMMENT "format: dvk-state/";
	size_t n = len < sizeof head - 1 ? len : sizeof head - 1;

	return memcmp(buf, head, n) == 0 || (len >= 18 && memmem(buf, len < 4096 ? len : 4096,
								    "format: dvk-state/", 18));
}

/* True if buf is a beginning of what a writer puts first (the comment
 * and the format line), empty included. */
static bool begins_header(const char *buf, size_t len)
{
	static const char head[] = STATE_HEADER_COMMENT "format: " STATE_FORMAT "\n";

	return len < sizeof head - 1 && memcmp(buf, head, len) == 0;
}

/* A file that does not parse: when it starts like a state file and libyaml
 * stopped on its last line, it was cut inside a value (a quoted time, a
 * block of text, a multi-byte letter), not written wrong: say so. */
static bool cut_utf8(const char *buf, size_t len)
{
	for (size_t back = 1; back <= 3 && back <= len; back++) {
		unsigned char c = (unsigned char)buf[len - back];

		if ((c & 0xC0) == 0x80)
			continue; /* a continuation byte: look further back */
		if (c < 0x80)
			return false;
		/* a lead byte: does its sequence run past the end? */
		size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;

		return need > back;
	}
	return false;
}

static void classify_syntax(struct parse *p)
{
	const char *buf;
	size_t len;

	parse_text(p, &buf, &len);
	bool at_end = (p->err->code == DVK_E_SYNTAX && !strstr(p->err->message, "invalid UTF-8") &&
		       !strstr(p->err->message, "tab character")) ||
		      cut_utf8(buf, len);

	if (at_end && p->err->line >= last_line(buf, len) && starts_like_state(buf, len)) {
		char why[DVK_ERR_MSG + 64];

		snprintf(why, sizeof why, _("it ends in the middle of a value (%s)"), p->err->message);
		incomplete(p, why);
	}
}

/* A log entry that does not read (no `replica:`, a status "don"): in a
 * /2 file that does not end with its `events: N` line, that is where the
 * file was cut, not a wrong entry. */
static void classify_entry(struct parse *p)
{
	const char *buf, *last;
	size_t len, n;

	parse_text(p, &buf, &len);
	n = len && buf[len - 1] == '\n' ? len - 1 : len;
	last = memrchr(buf, '\n', n);
	last = last ? last + 1 : buf;
	if (starts_like_state(buf, len) && memmem(buf, len < 4096 ? len : 4096,
						  "format: " STATE_FORMAT "\n", strlen(STATE_FORMAT) + 9) &&
	    strncmp(last, "events: ", 8) != 0) {
		char why[DVK_ERR_MSG + 64];

		snprintf(why, sizeof why, _("it ends in the middle of a value (%s)"), p->err->message);
		incomplete(p, why);
	}
}

/* A /2 file ends with `events: N`, N the number of log entries: without
 * it, or with another count, the file was cut short.  Checked before
 * anything else, since a file cut inside its header also lacks keys the
 * header needs.  A /1 file (or one too short to say) is only checked
 * when it has the key. */
static int check_complete(struct parse *p, const struct ynode *root)
{
	const struct ynode *fmt = ynode_get(root, "format"), *log = ynode_get(root, "log");
	const struct ynode *ev = ynode_get(root, "events");
	const char *f = fmt && fmt->kind == YNODE_SCALAR ? fmt->str : NULL;
	bool v2 = f && strcmp(f, STATE_FORMAT) == 0;
	size_t have = log && log->kind == YNODE_SEQ ? p->nlog : 0;
	unsigned long want;
	char why[160];

	if (f && !v2 && strcmp(f, STATE_FORMAT_V1) != 0 && root->n == 1 &&
	    strncmp(f, STATE_FORMAT, strlen(f)) == 0)
		return incomplete(p, _("it ends inside its first line"));
	if (!v2 && !ev)
		return 1;
	if (!ev || strcmp(root->pairs[root->n - 1].key->str, "events") != 0)
		return incomplete(p, _("it does not end with the line `events: N` "
						  "that every complete file ends with"));
	if (!log)
		return incomplete(p, _("it has no `log:`"));
	if (!parse_ulong(p, ev, "events", &want))
		return incomplete(p, _("its last line `events:` has no number"));
	if (want != have) {
		snprintf(why, sizeof why,
			 ngettext("its last line says %lu log entry but the log has %zu",
				  "its last line says %lu log entries but the log has %zu", want),
			 want, have);
		return incomplete(p, why);
	}
	return 1;
}

/* Parse the state file at path, or buf[0..len) when buf is not NULL,
 * entry by entry: the memory a load takes is that of its events, not of
 * the text.  *digest gets the digest of the bytes read.  With summary,
 * what the header and items: say is compared with the log, and hand edits
 * become events (handedit.h); a writer checking what it wrote does
 * without. */
static struct state *parse_text_as(const char *path, const char *buf, size_t len,
				   const struct directive *d, bool summary,
				   const struct skipped *skip, struct dvk_digest *digest,
				   struct dvk_error *err)
{
	static const char *const streamed[] = { "items", "log", NULL };
	struct state *st = xcalloc(1, sizeof *st);
	struct parse p = { .path = path, .d = d, .err = err, .st = st,
			   .said = summary ? summary_new() : NULL, .skip = skip };
	struct ystream s = { .keys = streamed, .fn = on_child, .arg = &p };
	struct ydoc *doc;

	st->directive = xstrdup("");
	st->unit = xstrdup("");
	st->cl = checklist_new();
	st->layout = layout_new();
	st->format = 1;
	p.text = buf;
	p.text_len = len;
	doc = yamlio_parse_stream(path, buf, len, NULL, &s, err);
	if (!doc) {
		if (err && err->code == DVK_E_SYNTAX)
			classify_syntax(&p);
		else if (err && p.entry_failed)
			classify_entry(&p);
		goto fail;
	}
	if ((!doc->root || doc->root->kind != YNODE_MAP)) {
		const char *text;
		size_t tlen;

		parse_text(&p, &text, &tlen);
		if (begins_header(text, tlen))
			incomplete(&p, tlen ? _("it ends inside its first lines") : _("it is empty"));
		else
			dvk_error_setc(err, DVK_E_SCHEMA, path, doc->root ? doc->root->line : 1,
				       doc->root ? doc->root->col : 1,
				       _("not a dvk state file (expected a mapping with format: %s)"),
				       STATE_FORMAT);
		goto fail;
	}
	if (!check_complete(&p, doc->root) || !parse_header(&p, doc->root, st) ||
	    (skip && !p.skip_seen) ||
	    !parse_log(&p, ynode_get(doc->root, "log")) || !check_cycles(&p, st, path, buf, len) ||
	    (p.said && !summary_apply(p.said, st, d, path, buf, len, s.digest, err)))
		goto fail;
	summary_free(p.said);
	parse_done(&p);
	ydoc_free(doc);
	*digest = s.digest;
	return st;
fail:
	summary_free(p.said);
	parse_done(&p);
	ydoc_free(doc);
	state_free(st);
	return NULL;
}

struct state *store_parse(const char *buf, size_t len, const char *path,
			  const struct directive *d, struct dvk_error *err)
{
	return store_parse_known(buf, len, path, d, NULL, err);
}

/* Bytes a writer just made, read back: its summary is its own, so nothing
 * in it is a hand edit (and the prefix is checked with no log). */
static struct state *parse_written(const char *buf, size_t len, const char *path,
				   const struct directive *d, struct dvk_error *err)
{
	struct dvk_digest digest;

	return parse_state(path, buf, len, d, false, &digest, err);
}

static struct state *load_known(const char *path, const struct directive *d,
				const struct store_known *k, struct dvk_error *err);

struct state *store_load(const char *path, const struct directive *d, struct dvk_error *err)
{
	return load_known(path, d, NULL, err);
}

/* ------------------------------------------------------------------ */
/* Writing                                                             */
/* ------------------------------------------------------------------ */

static void emit_conflict(struct ywriter *w, const struct field_view *fv)
{
	char at[32], id[EVENT_ID_LEN + 1];

	ywriter_scalar(w, fv->field);
	ywriter_seq_start(w, false);
	for (size_t i = 0; i < fv->nheads; i++) {
		const struct event *e = fv->heads[i];

		ywriter_map_start(w);
		ywriter_pair(w, "value", e->value);
		ywriter_pair(w, "by", e->by);
		ywriter_scalar(w, "at");
		ywriter_quoted(w, time_format(e->at, at, sizeof at));
		ywriter_pair(w, "event", event_id_str(&e->id, id));
		ywriter_map_end(w);
	}
	ywriter_seq_end(w);
}

static void emit_field(struct ywriter *w, const char *key, const struct field_view *fv)
{
	if (!fv->nheads)
		return;
	ywriter_pair(w, key, fv->conflict ? "CONFLICT" : fv->value);
}

/* Key of an activity value: "activity.<rid>.<key>" → "<key>". */
static const char *activity_key(const char *field)
{
	const char *dot = strchr(field + 9, '.');

	return dot ? dot + 1 : field;
}

static void emit_activities(struct ywriter *w, const struct item_view *v)
{
	size_t live = 0;

	for (size_t i = 0; i < v->nacts; i++)
		live += !v->acts[i].deleted;
	if (!live)
		return;
	ywriter_scalar(w, "activities");
	ywriter_seq_start(w, false);
	for (size_t i = 0; i < v->nacts; i++) {
		const struct activity_view *a = &v->acts[i];

		if (a->deleted)
			continue;
		ywriter_map_start(w);
		for (size_t k = 0; k < a->nvalues; k++)
			emit_field(w, activity_key(a->values[k].field), &a->values[k]);
		ywriter_map_end(w);
	}
	ywriter_seq_end(w);
}

static void emit_conflicts(struct ywriter *w, const struct item_view *v)
{
	const struct field_view *fixed[] = { &v->status_f, &v->reason_f, &v->note_f,
					     &v->review_f, &v->review_comment_f };

	if (!v->nconflicts)
		return;
	ywriter_scalar(w, "conflicts");
	ywriter_map_start(w);
	for (size_t i = 0; i < ARRAY_LEN(fixed); i++)
		if (fixed[i]->conflict)
			emit_conflict(w, fixed[i]);
	for (size_t i = 0; i < v->nacts; i++)
		for (size_t k = 0; k < v->acts[i].nvalues; k++)
			if (v->acts[i].values[k].conflict)
				emit_conflict(w, &v->acts[i].values[k]);
	ywriter_map_end(w);
}

static void emit_item(struct ywriter *w, const struct checklist *cl, const char *id,
		      const char *title)
{
	struct item_view v;

	checklist_item_view(cl, id, &v);
	ywriter_quoted(w, id);
	ywriter_map_start(w);
	if (title)
		ywriter_pair(w, "title", title);
	ywriter_pair(w, "status", status_name(v.status));
	emit_field(w, "reason", &v.reason_f);
	emit_field(w, "note", &v.note_f);
	emit_activities(w, &v);
	emit_field(w, "review", &v.review_f);
	emit_field(w, "review_comment", &v.review_comment_f);
	emit_conflicts(w, &v);
	ywriter_map_end(w);
	item_view_free(&v);
}

static bool item_has_events(const struct checklist *cl, const char *id)
{
	struct item_stats st;

	checklist_item_stats(cl, id, &st);
	return st.nevents > 0;
}

/* The items a summary lists, in its order: those that have events, in the
 * directive's order, then items the directive does not know (from a newer
 * directive), in natural order.  fn gets each one's id, its title (NULL
 * when the directive does not know it) and its index in d (then only);
 * it returns false to stop, and so does this. */
static bool each_summary_item(const struct checklist *cl, const struct directive *d,
			      bool (*fn)(const char *id, const char *title, size_t di, void *arg),
			      void *arg)
{
	const char *const *items;
	size_t n;

	if (d)
		for (size_t i = 0; i < d->nitems; i++)
			if (item_has_events(cl, d->items[i].id) &&
			    !fn(d->items[i].id, d->items[i].text, i, arg))
				return false;
	items = checklist_items(cl, &n);
	for (size_t i = 0; i < n; i++)
		if ((!d || !directive_item(d, items[i])) && !checklist_item_reserved(items[i]) &&
		    !fn(items[i], NULL, 0, arg))
			return false;
	return true;
}

struct emitting {
	struct ywriter *w;
	const struct checklist *cl;
};

static bool emit_one(const char *id, const char *title, size_t di, void *arg)
{
	struct emitting *e = arg;

	(void)di;
	emit_item(e->w, e->cl, id, title);
	return true;
}

static void emit_items(struct ywriter *w, const struct state *st, const struct directive *d)
{
	struct emitting e = { w, st->cl };

	ywriter_scalar(w, "items");
	ywriter_map_start(w);
	each_summary_item(st->cl, d, emit_one, &e);
	ywriter_map_end(w);
}

static void emit_event(struct ywriter *w, const struct event *e)
{
	char buf[32];

	ywriter_map_start(w);
	ywriter_pair(w, "id", event_id_str(&e->id, buf));
	ywriter_scalar(w, "item");
	ywriter_quoted(w, e->item);
	ywriter_pair(w, "field", e->field);
	ywriter_pair(w, "value", e->value);
	if (e->npred) {
		ywriter_scalar(w, "pred");
		ywriter_seq_start(w, true);
		for (size_t i = 0; i < e->npred; i++)
			ywriter_scalar(w, event_id_str(&e->pred[i], buf));
		ywriter_seq_end(w);
	}
	ywriter_scalar(w, "gen");
	ywriter_int(w, (long long)e->gen);
	ywriter_pair(w, "by", e->by);
	ywriter_pair(w, "replica", e->replica);
	ywriter_scalar(w, "at");
	ywriter_quoted(w, time_format(e->at, buf, sizeof buf));
	ywriter_scalar(w, "tick");
	ywriter_int(w, (long long)e->tick);
	ywriter_map_end(w);
}

/* libyaml ends a document with "..." when a "|+" block was the last
 * scalar of its last entry; it reads as the end of the document. */
#define DOC_END "\n...\n"
#define DOC_END_LEN 5

static bool ends_document(const char *out, size_t len)
{
	return len >= DOC_END_LEN && memcmp(out + len - DOC_END_LEN, DOC_END, DOC_END_LEN) == 0;
}

static char *finish(struct ywriter *w, const char *prefix, size_t *len)
{
	struct dvk_error err;
	char *out = ywriter_finish(w, prefix, len, &err);

	ywriter_free(w);
	if (!out) {
		/* The emitter only fails on memory or on an internal error;
		 * neither can be recovered from here. */
		fprintf(stderr, _("dvk: cannot serialise state: %s\n"), err.message);
		abort();
	}
	return out;
}

/* The file up to the log (format to items), as libyaml writes it.  With
 * no events that is the whole file, ending "log: []".  Otherwise it is
 * written with a placeholder `log: x`, so that the summary ends as it
 * does when a log follows, and the placeholder is cut off again. */
#define LOG_PLACEHOLDER "log: x\n"

/* The header's unit_name / parent: a summary of the unit's events for
 * people, like items:, and "CONFLICT" while copies disagree (the log has
 * the values). */
static void emit_unit_field(struct ywriter *w, const struct state *st, const char *key,
			    const char *field)
{
	bool conflict;
	const char *v = checklist_value(st->cl, UNIT_ITEM, field, &conflict);

	if (conflict)
		ywriter_pair(w, key, STATE_CONFLICT);
	else if (v && *v)
		ywriter_pair(w, key, v);
}

/* The keys before the summary: format, directive, revision, unit... */
static void emit_header_keys(struct ywriter *w, const struct state *st, const struct directive *d)
{
	ywriter_pair(w, "format", STATE_FORMAT);
	ywriter_pair(w, "directive", st->directive);
	if (state_revision(st, d)) {
		ywriter_scalar(w, "revision");
		ywriter_int(w, (long long)state_revision(st, d));
	}
	ywriter_pair(w, "unit", st->unit);
	emit_unit_field(w, st, "unit_name", UNIT_NAME);
	emit_unit_field(w, st, "parent", UNIT_PARENT);
}

static char *emit_header(const struct state *st, const struct directive *d, size_t *len)
{
	struct ywriter *w = ywriter_new();
	size_t plen = strlen(LOG_PLACEHOLDER);
	char *out;

	ywriter_map_start(w);
	emit_header_keys(w, st, d);
	emit_items(w, st, d);
	if (checklist_count(st->cl) == 0) {
		ywriter_scalar(w, "log");
		ywriter_seq_start(w, false);
		ywriter_seq_end(w);
		ywriter_scalar(w, "events");
		ywriter_int(w, 0);
		ywriter_map_end(w);
		out = finish(w, STATE_HEADER_COMMENT, len);
		if (ends_document(out, *len)) {
			*len -= DOC_END_LEN - 1;
			out[*len] = '\0';
		}
		return out;
	}
	ywriter_pair(w, "log", "x");
	ywriter_map_end(w);
	out = finish(w, STATE_HEADER_COMMENT, len);
	if (ends_document(out, *len))
		*len -= DOC_END_LEN - 1;
	if (*len < plen || memcmp(out + *len - plen, LOG_PLACEHOLDER, plen) != 0) {
		fprintf(stderr, "%s", _("dvk: cannot serialise state: unexpected end of header\n"));
		abort();
	}
	*len -= plen;
	out[*len] = '\0';
	return out;
}

/* Log entries as libyaml writes them in the file: "- id: ...\n  item:
 * ...\n" each, and "...\n" after the last when it would end the document.
 * The log is a block sequence under a top-level key, which libyaml writes
 * without indenting it, and each entry starts with a "- " that resets
 * libyaml's state, so the entries of ev[0..n) rendered as a document of
 * their own are the bytes they have in the file.  *dots says whether the
 * "...\n" was there (it is cut off). */
static char *emit_entries(const struct event *const *ev, size_t n, size_t *len, bool *dots)
{
	struct ywriter *w = ywriter_new();
	char *out;

	ywriter_seq_start(w, false);
	for (size_t i = 0; i < n; i++)
		emit_event(w, ev[i]);
	ywriter_seq_end(w);
	out = finish(w, NULL, len);
	*dots = ends_document(out, *len);
	if (*dots) {
		*len -= DOC_END_LEN - 1;
		out[*len] = '\0';
	}
	return out;
}

/* True if bytes[0..len) can stand in a block sequence at column 0 between
 * other entries: it starts with "- " and no later line starts at column 0
 * (which would end the entry or start a document marker). */
static bool entry_shaped(const char *bytes, size_t len)
{
	const char *p = bytes, *end = bytes + len;

	if (len < 3 || bytes[0] != '-' || bytes[1] != ' ' || end[-1] != '\n')
		return false;
	while ((p = memchr(p, '\n', (size_t)(end - p))) && ++p < end)
		if (*p != ' ' && *p != '\n')
			return false;
	return true;
}

/* Where each of n entries starts in bytes[0..len) (at offset 0, then at
 * every line that starts "- "); at[n] = len.  False unless there are n. */
static bool split_entries(const char *bytes, size_t len, size_t n, size_t *at)
{
	size_t k = 0;

	for (size_t i = 0; i < len; i++)
		if ((i == 0 || bytes[i - 1] == '\n') && bytes[i] == '-' && i + 1 < len &&
		    bytes[i + 1] == ' ') {
			if (k == n)
				return false;
			at[k++] = i;
		}
	at[n] = len;
	return k == n;
}

/* Check that the entries read back as exactly ev[0..n), against the
 * directive, and that each is shaped to sit among others. */
static int check_entries(const char *bytes, size_t len, const size_t *at,
			 const struct event *const *ev, size_t n, const char *path,
			 const struct directive *d, struct dvk_error *err)
{
	struct parse p = { .path = path, .d = d, .err = err };
	struct ydoc *doc;
	char id[EVENT_ID_LEN + 1];
	int ok = 1;

	for (size_t i = 0; i < n; i++)
		if (!entry_shaped(bytes + at[i], at[i + 1] - at[i]))
			return dvk_error_set(err, path, 0, 0, "log entry %s is not one block entry",
					     event_id_str(&ev[i]->id, id));
	if (!(doc = yamlio_parse(bytes, len, path, NULL, err)))
		return 0;
	if (!doc->root || doc->root->kind != YNODE_SEQ || doc->root->n != n)
		ok = dvk_error_set(err, path, 0, 0, "%s", "the log entries do not read back as a list");
	for (size_t i = 0; ok && i < n; i++) {
		struct event back;

		if (!parse_event(&p, doc->root->items[i], &back))
			ok = 0;
		else if (event_cmp(&back, ev[i]) != 0)
			ok = dvk_error_set(err, path, 0, 0, "log entry %s reads back changed",
					   event_id_str(&ev[i]->id, id));
	}
	parse_done(&p);
	ydoc_free(doc);
	return ok;
}

/* The end marker of a /2 file: the number of log entries, as the last
 * key.  libyaml would end a document that holds a "|+" block with "..."
 * after it; dvk leaves that out (the file is read the same), so a file
 * always ends with this line. */
#define EVENTS_LINE "events: %zu\n"

/* The whole file: the header, then "log:", every entry and the end
 * marker, written afresh in one document (for writers that write a file
 * once: merge, export; a save writes only what changed). */
static char *emit_state(const struct state *st, const struct directive *d, size_t *len)
{
	struct buf b = {0};
	size_t hlen, n = checklist_count(st->cl);
	char *head = emit_header(st, d, &hlen);

	buf_add(&b, head, hlen);
	free(head);
	if (n) {
		bool dots = false;
		char *all = emit_entries(checklist_events(st->cl), n, &hlen, &dots);

		buf_adds(&b, "log:\n");
		buf_add(&b, all, hlen);
		free(all);
		buf_printf(&b, EVENTS_LINE, n);
	}
	*len = b.len;
	return buf_steal(&b);
}

/* A writer's check of a whole file: it reads back, as exactly st's events. */
static int check_whole(const struct state *st, const char *bytes, size_t len, const char *path,
		       const struct directive *d, struct dvk_error *err)
{
	struct state *back = parse_written(bytes, len, path, d, err);
	int ok = back && checklist_count(back->cl) == checklist_count(st->cl) &&
		 checklist_subset(st->cl, back->cl);

	if (back && !ok)
		dvk_error_set(err, path, 0, 0, "%s", "the file reads back with other events");
	state_free(back);
	return ok;
}

/* "17.1 MB" for people: the size a file would have. */
static void human_size(size_t n, char *buf, size_t sz)
{
	if (n >= 1000000)
		snprintf(buf, sz, "%.1f MB", (double)n / 1e6);
	else if (n >= 1000)
		snprintf(buf, sz, "%.1f kB", (double)n / 1e3);
	else
		snprintf(buf, sz, "%zu bytes", n);
}

char *store_emit_checked(struct state *st, const struct directive *d, const char *path,
			 size_t *len, struct dvk_error *err)
{
	size_t max = yamlio_default_limits().max_file;
	char *bytes = emit_state(st, d, len);
	char size[32];

	/* the size first: a file over the limit would not read back either */
	if (*len <= max && !check_whole(st, bytes, *len, path, d, err)) {
		free(bytes);
		bytes = NULL;
	}
	if (!bytes) {
		if (err->code == DVK_E_LIMIT) {
			char why[DVK_ERR_MSG];

			snprintf(why, sizeof why, "%s", err->message);
			dvk_error_setc(err, DVK_E_LIMIT, path, 0, 0,
				       _("a value would be too long for dvk to read it back (%s); "
					 "nothing was written"), why);
		} else {
			char why[DVK_ERR_MSG];

			snprintf(why, sizeof why, "%s", err->message);
			dvk_error_setc(err, DVK_E_FAIL, path, 0, 0,
				       _("internal error: the new file would not parse (%s)"), why);
		}
		return NULL;
	}
	if (*len > max) {
		human_size(*len, size, sizeof size);
		dvk_error_setc(err, DVK_E_LIMIT, path, 0, 0,
			       _("file would be %s; the limit is %zu MiB (see README.md, \"Limits\"); "
				 "nothing was written"), size, max >> 20);
		free(bytes);
		return NULL;
	}
	return bytes;
}

char *store_emit(const struct state *st, const struct directive *d, size_t *len)
{
	return emit_state(st, d, len);
}

/* ------------------------------------------------------------------ */
/* Atomic writes and locks                                             */
/* ------------------------------------------------------------------ */

static int real_open(const char *path, int flags, mode_t mode)
{
	return open(path, flags, mode);
}

struct store_sys store_sys = { real_open, write, fsync, rename, close, fchmod };

void store_sys_reset(void)
{
	store_sys = (struct store_sys){ real_open, write, fsync, rename, close, fchmod };
}

/* A call interrupted by a signal is retried, but not forever: a fault
 * that always says EINTR must end as a reported error, not a hang. */
#define EINTR_RETRIES 100

static int sys_fsync(int fd)
{
	for (int i = 0; i < EINTR_RETRIES; i++) {
		if (store_sys.fsync(fd) == 0)
			return 0;
		if (errno != EINTR)
			return -1;
	}
	return -1;
}

static int write_all(int fd, const char *p, size_t n)
{
	int tries = 0;

	while (n > 0) {
		ssize_t k = store_sys.write(fd, p, n);

		if (k < 0) {
			if (errno == EINTR && ++tries < EINTR_RETRIES)
				continue;
			return -1;
		}
		if (k == 0) {
			errno = EIO;
			return -1;
		}
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

/* Split path into its folder and base name (both owned by the caller).
 * A symlink is followed so that the link itself is never replaced. */
static void split_path(const char *path, char **dir, char **base)
{
	char *real = realpath(path, NULL);
	char *a = xstrdup(real ? real : path), *b = xstrdup(real ? real : path);

	*dir = xstrdup(dirname(a));
	*base = xstrdup(basename(b));
	free(a);
	free(b);
	free(real);
}

/* "cannot save: rename: No space left on device": the call that failed,
 * by its name, and why (errno). */
static int fail_errno(struct dvk_error *err, const char *path, const char *call)
{
	if (errno == EACCES || errno == EPERM)
		return dvk_error_setc(err, DVK_E_IO, path, 0, 0,
				      _("cannot save: %s: %s (you may not write in this folder; a "
					"folder shared by a group must be set up for it: see "
					"README.md, \"A shared folder\")"), call, strerror(errno));
	return dvk_error_setc(err, DVK_E_IO, path, 0, 0, _("cannot save: %s: %s"), call,
			      strerror(errno));
}

static int sys_open(const char *path, int flags, mode_t mode)
{
	for (int i = 0; i < EINTR_RETRIES; i++) {
		int fd = store_sys.open(path, flags, mode);

		if (fd >= 0 || errno != EINTR)
			return fd;
	}
	return -1;
}

static int sys_rename(const char *from, const char *to)
{
	for (int i = 0; i < EINTR_RETRIES; i++) {
		if (store_sys.rename(from, to) == 0)
			return 0;
		if (errno != EINTR)
			return -1;
	}
	return -1;
}

/* close(2) on Linux releases the descriptor even when it reports EINTR,
 * so EINTR is success here; any other error is a delayed write error. */
static int sys_close(int fd)
{
	return store_sys.close(fd) == 0 || errno == EINTR ? 0 : -1;
}

/* The new file is in place but the folder entry may not be durable: put
 * the old file back (from its hard link) so that the caller, which keeps
 * everything in memory, can retry on a consistent file. */
static void roll_back(const char *path, const char *keep)
{
	if (keep)
		rename(keep, path);
	else
		unlink(path);
}

/* A file just made in the folder dir, open as fd: in a group's shared
 * folder as open to the group as the folder is (dvk_shared_bits), whatever
 * the umask.  Returns 0, or -1 with errno when chmod failed. */
static int share_new_file(int fd, const char *dir, int (*chmod_fd)(int, mode_t))
{
	mode_t bits = dvk_shared_bits(dir) & (S_IRGRP | S_IWGRP);
	struct stat sb;

	if (!bits || fstat(fd, &sb) != 0 || (sb.st_mode & bits) == bits)
		return 0;
	return chmod_fd(fd, (sb.st_mode & 07777) | bits);
}

/* A file being replaced atomically: written to a temporary file in the
 * same folder, then renamed over it. */
struct atomic {
	char *dir, *base, *tmp, *keep;
	unsigned char rnd[6];
	mode_t mode;
	bool existed;
	int fd, dfd;
};

/* Create the temporary file (a->fd).  A new file gets 0666 less the
 * umask, as every tool makes files, and in a group's shared folder (set-
 * gid) the folder's group bits too; a file replaced keeps its
 * permissions.  Where the file system cannot keep them (FAT on a stick,
 * through FUSE: ENOSYS, EPERM) that is said in warn (may be NULL) and the
 * write goes on.  Returns 1, or 0 with err (then atomic_end still cleans
 * up). */
static int atomic_begin(const char *path, struct atomic *a, struct dvk_error *warn,
			struct dvk_error *err)
{
	int (*chmod_fd)(int, mode_t) = store_sys.fchmod ? store_sys.fchmod : fchmod;
	struct stat sb;

	memset(a, 0, sizeof *a);
	a->fd = a->dfd = -1;
	a->mode = 0666;
	split_path(path, &a->dir, &a->base);
	a->existed = stat(path, &sb) == 0;
	if (a->existed)
		a->mode = sb.st_mode & 07777;
	dvk_random(a->rnd, sizeof a->rnd);
	a->tmp = xasprintf("%s/.%s.tmp-%02x%02x%02x%02x%02x%02x", a->dir, a->base, a->rnd[0],
			   a->rnd[1], a->rnd[2], a->rnd[3], a->rnd[4], a->rnd[5]);
	a->fd = sys_open(a->tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, a->mode);
	if (a->fd < 0) {
		free(a->tmp);
		a->tmp = NULL; /* not created: nothing to remove */
		return fail_errno(err, path, "open");
	}
	/* open() took the umask off; a file being replaced keeps the
	 * permissions it had even where the umask is stricter */
	if (a->existed ? fstat(a->fd, &sb) == 0 && (sb.st_mode & 07777) != a->mode &&
			 chmod_fd(a->fd, a->mode) != 0
		       : share_new_file(a->fd, a->dir, chmod_fd) != 0) {
		if (warn)
			dvk_error_setc(warn, DVK_E_IO, path, 0, 0,
				       _("the file's permissions could not be kept (fchmod: %s); the "
					 "file itself is written"), strerror(errno));
	}
	return 1;
}

/* The temporary file is written: make it durable and put it in place:
 * fsync, rename, fsync the folder.  The old file keeps a second name
 * (a->keep) until atomic_end; where hard links cannot be made it is a
 * copy, made only when want_copy (a backup is due: a copy of a big file
 * at every key would cost what a save must not).  Returns 1, or 0 with
 * err and the old file in place. */
static int atomic_commit(const char *path, struct atomic *a, bool want_copy,
			 struct dvk_error *err)
{
	int closed;

	if (sys_fsync(a->fd) != 0)
		return fail_errno(err, path, "fsync");
	closed = sys_close(a->fd);
	a->fd = -1;
	if (closed != 0)
		return fail_errno(err, path, "close");
	a->dfd = sys_open(a->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
	if (a->dfd < 0)
		return fail_errno(err, path, "open");
	/* A second name for the old file, so a failed folder fsync can be
	 * undone (and a save can make it its backup). */
	if (a->existed) {
		a->keep = xasprintf("%s/.%s.old-%02x%02x%02x", a->dir, a->base, a->rnd[0], a->rnd[1],
				    a->rnd[2]);
		if (link(path, a->keep) != 0 && (!want_copy || store_backup_copy(path, a->keep) != 0)) {
			free(a->keep);
			a->keep = NULL;
		}
	}
	if (sys_rename(a->tmp, path) != 0)
		return fail_errno(err, path, "rename");
	free(a->tmp);
	a->tmp = NULL; /* renamed: nothing to clean up any more */
	if (sys_fsync(a->dfd) != 0) {
		fail_errno(err, path, "fsync");
		roll_back(path, a->keep);
		free(a->keep);
		a->keep = NULL;
		return 0;
	}
	return 1;
}

/* Close and remove what is left (the temporary file of a failed write). */
static void atomic_end(struct atomic *a)
{
	if (a->fd >= 0)
		sys_close(a->fd);
	if (a->dfd >= 0)
		sys_close(a->dfd);
	if (a->tmp)
		unlink(a->tmp);
	if (a->keep)
		unlink(a->keep);
	free(a->keep);
	free(a->tmp);
	free(a->dir);
	free(a->base);
	memset(a, 0, sizeof *a);
	a->fd = a->dfd = -1;
}

int store_write_atomic(const char *path, const char *bytes, size_t len, struct dvk_error *err)
{
	return store_write_atomic_warn(path, bytes, len, NULL, err);
}

int store_write_atomic_warn(const char *path, const char *bytes, size_t len,
			    struct dvk_error *warn, struct dvk_error *err)
{
	struct atomic a;
	int ok;

	if (warn)
		dvk_error_clear(warn);
	ok = atomic_begin(path, &a, warn, err);

	if (ok && write_all(a.fd, bytes, len) != 0)
		ok = fail_errno(err, path, "write");
	if (ok)
		ok = atomic_commit(path, &a, false, err);
	atomic_end(&a);
	return ok;
}

int store_lock(const char *path, struct dvk_error *err)
{
	char *dir, *base, *lock;
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
	int fd;

	split_path(path, &dir, &base);
	lock = xasprintf("%s/.%s.lock", dir, base);
	/* 0666 less the umask, so every member of a shared group folder
	 * can lock it; never through a symbolic link put in its place */
	fd = open(lock, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666);
	if (fd < 0) {
		int e = errno;

		if (e == ELOOP)
			dvk_error_setc(err, DVK_E_IO, path, 0, 0,
				       _("cannot lock %s: open: it is a symbolic link, which dvk never "
					 "follows there (remove it; dvk makes the lock file)"), lock);
		else if (e == EACCES)
			dvk_error_setc(err, DVK_E_IO, path, 0, 0,
				       _("cannot lock %s: open: %s (the lock file is not writable for "
					 "you: in a shared folder every user must be in the folder's "
					 "group; see README.md, \"A shared folder\")"), lock, strerror(e));
		else
			dvk_error_setc(err, DVK_E_IO, path, 0, 0, _("cannot lock %s: open: %s"), lock,
				       strerror(e));
		goto out;
	}
	/* a lock file must be writable for every member of a shared folder
	 * (only its maker may chmod it: others leave it as it is) */
	share_new_file(fd, dir, fchmod);
	/* Open-file-description locks: closing some other descriptor of the
	 * same file in this process does not drop them, unlike classic
	 * fcntl locks.  Kernels before 3.15 lack them: use flock. */
	while (fcntl(fd, F_OFD_SETLKW, &fl) != 0) {
		if (errno == EINTR)
			continue;
		if (errno == EINVAL && flock(fd, LOCK_EX) == 0)
			break;
		dvk_error_setc(err, DVK_E_IO, path, 0, 0, _("cannot lock %s: fcntl: %s"), lock,
			       strerror(errno));
		close(fd);
		fd = -1;
		break;
	}
out:
	free(lock);
	free(dir);
	free(base);
	return fd;
}

void store_unlock(int fd)
{
	if (fd >= 0)
		close(fd); /* closing the description releases the lock */
}

/* ------------------------------------------------------------------ */
/* Saving                                                              */
/* ------------------------------------------------------------------ */

/* ------------------------------------------------------------------ */
/* Saving what changed                                                 */
/* ------------------------------------------------------------------ */

/*
 * A save writes the whole file (a rename is what makes it atomic), but
 * most of what it writes is already in the file it replaces: the log
 * entries of every event it read or wrote before, and the summaries of the
 * items no event changed since.  The state's layout (layout.h) says where
 * those bytes are; a save plans the new file as parts, each either bytes
 * of the old file or new bytes, renders and checks only the new ones, and
 * copies the old file's parts while it writes, reading the old file once
 * from start to end.  That reading also makes the old file's digest, which
 * must still be the one the state remembers: if not, someone else wrote
 * the file meanwhile, and the save starts again by joining what they
 * wrote.  So a key press costs what it changed (plus copying bytes), at
 * 70,000 events as at 100.
 */

/* v in decimal, in buf (at least 21 bytes). */
static const char *ulong_text(unsigned long v, char *buf)
{
	char *p = buf + 20;

	*p = '\0';
	do
		*--p = (char)('0' + v % 10);
	while ((v /= 10));
	return p;
}

/* The text of e's log entry as libyaml writes it, made without libyaml
 * when that is certain (yamlio_fast_scalar): true, or false with b as it
 * was. */
static bool entry_fast(struct buf *b, const struct event *e)
{
	char id[EVENT_ID_LEN + 1], at[32], num[24];
	size_t start = b->len;

	buf_adds(b, "- id: ");
	if (!yamlio_fast_scalar(b, event_id_str(&e->id, id), false))
		goto slow;
	buf_adds(b, "\n  item: ");
	if (!yamlio_fast_scalar(b, e->item, true))
		goto slow;
	buf_adds(b, "\n  field: ");
	if (!yamlio_fast_scalar(b, e->field, false))
		goto slow;
	buf_adds(b, "\n  value: ");
	if (!yamlio_fast_scalar(b, e->value, false))
		goto slow;
	if (e->npred) {
		/* ids are capitals and digits: plain in a flow sequence */
		buf_adds(b, "\n  pred: [");
		for (uint32_t i = 0; i < e->npred; i++) {
			if (i)
				buf_adds(b, ", ");
			buf_adds(b, event_id_str(&e->pred[i], id));
		}
		buf_addc(b, ']');
	}
	buf_adds(b, "\n  gen: ");
	buf_adds(b, ulong_text(e->gen, num));
	buf_adds(b, "\n  by: ");
	if (!yamlio_fast_scalar(b, e->by, false))
		goto slow;
	buf_adds(b, "\n  replica: ");
	if (!yamlio_fast_scalar(b, e->replica, false))
		goto slow;
	buf_adds(b, "\n  at: ");
	if (!yamlio_fast_scalar(b, time_format(e->at, at, sizeof at), true))
		goto slow;
	buf_adds(b, "\n  tick: ");
	buf_adds(b, ulong_text(e->tick, num));
	buf_addc(b, '\n');
	return true;
slow:
	b->len = start;
	if (b->data)
		b->data[start] = '\0';
	return false;
}

/* ---- an item's summary without libyaml ---- */

/* "<indent>key: value\n", the value through the fast path. */
static bool fast_pair(struct buf *b, const char *indent, const char *key, const char *value,
		      bool quoted)
{
	buf_adds(b, indent);
	if (!yamlio_fast_scalar(b, key, false))
		return false;
	buf_adds(b, ": ");
	if (!quoted && value && strchr(value, '\n')) /* a note of several lines */
		return yamlio_fast_block(b, value, (int)strlen(indent) + 2);
	if (!yamlio_fast_scalar(b, value ? value : "", quoted))
		return false;
	buf_addc(b, '\n');
	return true;
}

static bool fast_field(struct buf *b, const char *indent, const char *key,
		       const struct field_view *fv)
{
	return !fv->nheads || fast_pair(b, indent, key, fv->conflict ? "CONFLICT" : fv->value, false);
}

static bool fast_activities(struct buf *b, const struct item_view *v)
{
	bool any = false;

	for (size_t i = 0; i < v->nacts; i++) {
		const struct activity_view *a = &v->acts[i];
		bool first = true;

		if (a->deleted)
			continue;
		if (!any)
			buf_adds(b, "    activities:\n");
		any = true;
		for (size_t k = 0; k < a->nvalues; k++) {
			if (!a->values[k].nheads)
				continue;
			if (!fast_field(b, first ? "    - " : "      ", activity_key(a->values[k].field),
					&a->values[k]))
				return false;
			first = false;
		}
		if (first)
			return false; /* an empty record: libyaml writes it its way */
	}
	return true;
}

static bool fast_conflict(struct buf *b, const struct field_view *fv)
{
	char at[32], id[EVENT_ID_LEN + 1];

	buf_adds(b, "      ");
	if (!yamlio_fast_scalar(b, fv->field, false))
		return false;
	buf_adds(b, ":\n");
	for (size_t i = 0; i < fv->nheads; i++) {
		const struct event *e = fv->heads[i];

		if (!fast_pair(b, "      - ", "value", e->value, false) ||
		    !fast_pair(b, "        ", "by", e->by, false) ||
		    !fast_pair(b, "        ", "at", time_format(e->at, at, sizeof at), true) ||
		    !fast_pair(b, "        ", "event", event_id_str(&e->id, id), false))
			return false;
	}
	return true;
}

static bool fast_conflicts(struct buf *b, const struct item_view *v)
{
	const struct field_view *fixed[] = { &v->status_f, &v->reason_f, &v->note_f,
					     &v->review_f, &v->review_comment_f };
	size_t shown = 0;

	if (!v->nconflicts)
		return true;
	buf_adds(b, "    conflicts:\n");
	for (size_t i = 0; i < ARRAY_LEN(fixed); i++)
		if (fixed[i]->conflict && (++shown, !fast_conflict(b, fixed[i])))
			return false;
	for (size_t i = 0; i < v->nacts; i++)
		for (size_t k = 0; k < v->acts[i].nvalues; k++)
			if (v->acts[i].values[k].conflict && (++shown, !fast_conflict(b, &v->acts[i].values[k])))
				return false;
	return shown > 0; /* only unknown fields in conflict: "conflicts: {}" */
}

/* The summary of item id as emit_item_text gives it, without libyaml,
 * when every scalar in it is certain (yamlio_fast_scalar): true, or false
 * with b as it was. */
static bool item_fast(struct buf *b, const struct checklist *cl, const char *id, const char *title)
{
	struct item_view v;
	size_t start = b->len;
	bool ok;

	checklist_item_view(cl, id, &v);
	buf_adds(b, "  ");
	ok = yamlio_fast_scalar(b, id, true);
	if (ok)
		buf_adds(b, ":\n");
	ok = ok && (!title || fast_pair(b, "    ", "title", title, false)) &&
	     fast_pair(b, "    ", "status", status_name(v.status), false) &&
	     fast_field(b, "    ", "reason", &v.reason_f) && fast_field(b, "    ", "note", &v.note_f) &&
	     fast_activities(b, &v) && fast_field(b, "    ", "review", &v.review_f) &&
	     fast_field(b, "    ", "review_comment", &v.review_comment_f) && fast_conflicts(b, &v);
	item_view_free(&v);
	if (!ok) {
		b->len = start;
		if (b->data)
			b->data[start] = '\0';
	}
	return ok;
}

/* One item's summary as it stands in a file ("  \"1.1\":\n    title:
 * ..."): rendered under `items:` with `log:` after it, as in the file,
 * and cut out (an item's lines do not depend on the items around it). */
static char *emit_item_text(const struct checklist *cl, const char *id, const char *title,
			    size_t *len)
{
	static const char head[] = "items:\n", tail[] = "log: x\n";
	struct ywriter *w;
	struct buf b = {0};
	char *out;

	if (item_fast(&b, cl, id, title)) {
		*len = b.len;
		return buf_steal(&b);
	}
	buf_free(&b);
	w = ywriter_new();
	ywriter_map_start(w);
	ywriter_scalar(w, "items");
	ywriter_map_start(w);
	emit_item(w, cl, id, title);
	ywriter_map_end(w);
	ywriter_pair(w, "log", "x");
	ywriter_map_end(w);
	out = finish(w, NULL, len);
	if (ends_document(out, *len)) /* after a "|+" block */
		*len -= DOC_END_LEN - 1;
	if (*len < sizeof head + sizeof tail - 2 || memcmp(out, head, sizeof head - 1) != 0 ||
	    memcmp(out + *len - (sizeof tail - 1), tail, sizeof tail - 1) != 0) {
		fprintf(stderr, "%s", _("dvk: cannot serialise state: unexpected summary of an item\n"));
		abort();
	}
	*len -= sizeof head - 1 + sizeof tail - 1;
	memmove(out, out + sizeof head - 1, *len);
	out[*len] = '\0';
	return out;
}

/* ------------------------------------------------------------------ */
/* Reading a unit file without parsing its summary                     */
/* ------------------------------------------------------------------ */

/* A unit file is a quarter summary: `items:` says again, for people, what
 * the log says.  A file dvk wrote holds exactly the summary dvk would
 * write for its log, and reading that summary with libyaml only to find
 * no hand edit in it was a fifth of a report's time.  So a file small
 * enough to hold twice is parsed first without it ("items: {}" in its
 * place), and its summary's bytes are then compared with what dvk writes
 * for the log read.  The same bytes mean the same summary, so nothing in
 * it is a hand edit and the state is the one a full parse gives; any
 * difference, and any error, and the file is parsed in full as before
 * (then errors name the file's own lines). */
#define SKIP_MAX YAMLIO_WHOLE_MAX

static atomic_ulong skipped;

unsigned long store_summaries_skipped(void)
{
	return atomic_load(&skipped);
}

static const char items_key[] = "items:\n", items_empty[] = "items: {}\n";

/* Where the file's summary is: a line "items:" and the next line that
 * starts with "log:".  0 if the file has no such lines. */
static int find_summary(const char *buf, size_t len, struct skipped *sk)
{
	const char *end = buf + len, *at = NULL, *log = NULL, *p;
	int line = 1;

	for (p = buf; p < end && (p = memchr(p, '\n', (size_t)(end - p))); p++) {
		line++;
		if ((size_t)(end - p) > sizeof items_key - 1 &&
		    memcmp(p + 1, items_key, sizeof items_key - 1) == 0) {
			at = p + 1;
			break;
		}
	}
	if (!at)
		return 0;
	for (p = at + sizeof items_key - 2; p < end && (p = memchr(p, '\n', (size_t)(end - p))); p++)
		if ((size_t)(end - p) > 5 && memcmp(p + 1, "log:", 4) == 0) {
			log = p + 1;
			break;
		}
	if (!log || log == at + sizeof items_key - 1)
		return 0;
	sk->at = (size_t)(at - buf);
	sk->end = (size_t)(log - buf);
	sk->shift = sk->end - sk->at - (sizeof items_empty - 1);
	sk->line = line;
	return 1;
}

/* What dvk writes for a directive's summaries that does not depend on a
 * unit: each item's title line ("    title: ...\n"), rendered once for all
 * the files a report or a verb reads instead of once per file. */
struct title_line {
	char *text;        /* NULL: rendered per file */
	size_t len;
};

struct store_known {
	const struct directive *d;
	struct title_line *title; /* [i]: directive item i's */
};

struct store_known *store_known_new(const struct directive *d)
{
	static const char tail[] = "    status: todo\n";
	struct store_known *k = xcalloc(1, sizeof *k);
	struct checklist *empty = checklist_new();

	k->d = d;
	k->title = xcalloc(d->nitems ? d->nitems : 1, sizeof *k->title);
	for (size_t i = 0; i < d->nitems; i++) {
		/* the item with no events: its id's line, its title's, then
		 * "status: todo"; what lies between is the title's */
		size_t len;
		char *text = emit_item_text(empty, d->items[i].id, d->items[i].text, &len);
		const char *nl = memchr(text, '\n', len);
		size_t from = nl ? (size_t)(nl - text) + 1 : len;

		if (len >= from + sizeof tail - 1 &&
		    memcmp(text + len - (sizeof tail - 1), tail, sizeof tail - 1) == 0) {
			k->title[i].len = len - (sizeof tail - 1) - from;
			k->title[i].text = xstrndup(text + from, k->title[i].len);
		}
		free(text);
	}
	checklist_free(empty);
	return k;
}

void store_known_free(struct store_known *k)
{
	if (!k)
		return;
	for (size_t i = 0; i < k->d->nitems; i++)
		free(k->title[i].text);
	free(k->title);
	free(k);
}

/* Comparing a file's summary with what dvk writes, item by item: pos is
 * where the next item's text should start in buf. */
struct comparing {
	const struct state *st;
	const struct store_known *k;
	const char *buf;
	size_t pos, end;
	struct buf scratch;
};

/* Item id's text as dvk writes it, compared with the file's at c->pos;
 * when it is the same, its place goes into the state's layout and c->pos
 * past it.  A title rendered once (c->k) is not rendered again. */
static bool item_as_written(const char *id, const char *title, size_t di, void *arg)
{
	struct comparing *c = arg;
	const struct title_line *tl = title ? &c->k->title[di] : NULL;
	const char *at = c->buf + c->pos;
	size_t room = c->end - c->pos, len;
	struct buf *b = &c->scratch;
	struct item_piece ip;
	bool same;

	b->len = 0;
	if (tl && tl->text && item_fast(b, c->st->cl, id, NULL)) {
		/* its id's line, the title's, the rest */
		size_t head = (size_t)((const char *)memchr(b->data, '\n', b->len) + 1 - b->data);

		len = b->len + tl->len;
		same = len <= room && memcmp(at, b->data, head) == 0 &&
		       memcmp(at + head, tl->text, tl->len) == 0 &&
		       memcmp(at + head + tl->len, b->data + head, b->len - head) == 0;
	} else {
		char *text = emit_item_text(c->st->cl, id, title, &len);

		same = len <= room && memcmp(at, text, len) == 0;
		free(text);
	}
	if (same) {
		ip.at = (struct piece){ (uint32_t)c->pos, (uint32_t)len, 1 };
		ip.version = 0; /* as a full parse leaves it: not yet compared */
		ip.digest = dvk_digest_of(at, len);
		layout_set_item(c->st->layout, id, &ip);
		c->pos += len;
	}
	return same;
}

/* True if buf[sk->at, sk->end) is what emit_items writes for st: then
 * where each item's text is goes into st's layout, as a full parse puts
 * it there. */
static bool summary_as_written(const struct state *st, const struct store_known *k,
			       const char *buf, const struct skipped *sk)
{
	struct comparing c = { st, k, buf, sk->at + sizeof items_key - 1, sk->end, { 0 } };
	bool same = each_summary_item(st->cl, k->d, item_as_written, &c) && c.pos == sk->end;

	buf_free(&c.scratch);
	return same;
}

/* A unit file in memory, checked against d (NULL: against none), parsed
 * without its summary when it is a file of k's directive (k NULL: of d)
 * and that gives the same state (above); NULL when it does not, and the
 * caller parses it in full. */
static struct state *parse_without_summary(const char *path, const char *buf, size_t len,
					   const struct directive *d, const struct store_known *k,
					   struct dvk_digest *digest)
{
	struct store_known *own = NULL;
	struct skipped sk;
	struct dvk_error quiet;
	struct dvk_digest ignore;
	struct state *st;
	char *text;

	if (len > SKIP_MAX || !find_summary(buf, len, &sk))
		return NULL;
	if (!k)
		k = own = store_known_new(d);
	text = xmalloc(len - sk.shift + 1);
	memcpy(text, buf, sk.at);
	memcpy(text + sk.at, items_empty, sizeof items_empty - 1);
	memcpy(text + sk.at + sizeof items_empty - 1, buf + sk.end, len - sk.end);
	text[len - sk.shift] = '\0';
	st = parse_text_as(path, text, len - sk.shift, d, true, &sk, &ignore, &quiet);
	free(text);
	if (st && (st->nhand || strcmp(st->directive, k->d->id) != 0 ||
		   !summary_as_written(st, k, buf, &sk))) {
		state_free(st);
		st = NULL;
	}
	if (st) {
		*digest = dvk_digest_of(buf, len);
		atomic_fetch_add(&skipped, 1);
	}
	store_known_free(own);
	return st;
}

/* Parse the state file at path, or buf[0..len) when buf is not NULL (see
 * parse_text_as), checked against d.  A unit file read with its summary
 * (for hand edits) that is likely of k's directive (k NULL: of d) is read
 * whole when it is small, and parsed without its summary when that gives
 * the same state. */
static struct state *parse_known(const char *path, const char *buf, size_t len,
				 const struct directive *d, const struct store_known *k,
				 bool summary, struct dvk_digest *digest, struct dvk_error *err)
{
	struct state *st = NULL;
	char *owned = NULL;
	struct dvk_error ignore;
	struct stat sb;

	if (summary && (k || d) && !buf && path && stat(path, &sb) == 0 && S_ISREG(sb.st_mode) &&
	    (size_t)sb.st_size <= SKIP_MAX &&
	    yamlio_read_file(path, SKIP_MAX, &owned, &len, &ignore))
		buf = owned;
	if (summary && (k || d) && buf)
		st = parse_without_summary(path, buf, len, d, k, digest);
	if (!st)
		st = parse_text_as(path, buf, buf ? len : 0, d, summary, NULL, digest, err);
	free(owned);
	return st;
}

static struct state *parse_state(const char *path, const char *buf, size_t len,
				 const struct directive *d, bool summary, struct dvk_digest *digest,
				 struct dvk_error *err)
{
	return parse_known(path, buf, len, d, NULL, summary, digest, err);
}

/* Read the file at path, checked against d, faster for a file of k's
 * directive (or d's), and remember the file's bytes as st's. */
static struct state *load_known(const char *path, const struct directive *d,
				const struct store_known *k, struct dvk_error *err)
{
	struct dvk_digest digest;
	struct state *st = parse_known(path, NULL, 0, d, k, true, &digest, err);
	struct stat sb;

	if (st && stat(path, &sb) == 0)
		remember_disk(st, digest, (size_t)sb.st_size, checklist_count(st->cl));
	return st;
}

struct state *store_load_known(const char *path, const struct store_known *k,
			       struct dvk_error *err)
{
	return load_known(path, NULL, k, err);
}

struct state *store_parse_known(const char *buf, size_t len, const char *path,
				const struct directive *d, const struct store_known *k,
				struct dvk_error *err)
{
	struct dvk_digest digest;

	return parse_known(path, buf ? buf : "", len, d, k, true, &digest, err);
}

/* The file's first lines, from the comment to `items:` (`items: {}` when
 * no item is listed). */
static char *emit_prefix(const struct state *st, const struct directive *d, bool items,
			 size_t *len)
{
	static const char placeholder[] = "items: x\n";
	struct ywriter *w = ywriter_new();
	struct buf b = {0};
	char *out;

	ywriter_map_start(w);
	emit_header_keys(w, st, d);
	ywriter_pair(w, "items", "x");
	ywriter_map_end(w);
	out = finish(w, STATE_HEADER_COMMENT, len);
	if (ends_document(out, *len))
		*len -= DOC_END_LEN - 1;
	if (*len < sizeof placeholder - 1 ||
	    memcmp(out + *len - (sizeof placeholder - 1), placeholder, sizeof placeholder - 1) != 0) {
		fprintf(stderr, "%s", _("dvk: cannot serialise state: unexpected end of header\n"));
		abort();
	}
	buf_add(&b, out, *len - (sizeof placeholder - 1));
	buf_adds(&b, items ? "items:\n" : "items: {}\n");
	free(out);
	*len = b.len;
	return buf_steal(&b);
}

/* One part of the new file: bytes of the old file, or new ones. */
enum part_kind { PART_TEXT, PART_ITEM, PART_ENTRY };

struct part {
	enum part_kind kind;
	bool old;                 /* at old_off in the old file; else fresh */
	size_t old_off, len;
	size_t fresh_off;         /* into the plan's fresh bytes */
	const struct event *e;    /* PART_ENTRY: the first of its entries */
	size_t first, count;      /* PART_ENTRY: ev[first, first + count), a
				   * run of entries lying one after another
				   * in the old file (count 1 when fresh) */
	const char *item;         /* PART_ITEM: its id (the checklist's) */
	unsigned long version;    /* PART_ITEM: the item's version */
	struct dvk_digest digest; /* PART_ITEM: of its text */
};

struct plan {
	struct part *parts;
	size_t n, cap, total;
	struct buf fresh;
	const struct event *const *ev; /* the events, canonical order */
	size_t nev;
};

static struct part *plan_add(struct plan *pl, enum part_kind kind)
{
	struct part *p;

	GROW(pl->parts, pl->n + 1, pl->cap);
	p = &pl->parts[pl->n++];
	memset(p, 0, sizeof *p);
	p->kind = kind;
	return p;
}

static void plan_fresh(struct plan *pl, struct part *p, const char *bytes, size_t len)
{
	p->fresh_off = pl->fresh.len;
	p->len = len;
	buf_add(&pl->fresh, bytes, len);
	pl->total += len;
}

static void plan_old(struct plan *pl, struct part *p, struct piece at)
{
	p->old = true;
	p->old_off = at.off;
	p->len = at.len;
	pl->total += at.len;
}

static void plan_free(struct plan *pl)
{
	free(pl->parts);
	buf_free(&pl->fresh);
	memset(pl, 0, sizeof *pl);
}

/* An item's summary: the old file's text when the item did not change
 * since it was written there, or when what would be written now is what
 * was read from it (same digest); otherwise the new text. */
static void plan_item(struct plan *pl, const struct state *st, const char *id, const char *title,
		      bool use_old)
{
	const struct item_piece *was = use_old ? layout_item(st->layout, id) : NULL;
	struct part *p = plan_add(pl, PART_ITEM);
	struct item_stats stats;
	size_t len;
	char *text;

	checklist_item_stats(st->cl, id, &stats);
	p->item = id;
	p->version = stats.version;
	if (was && was->at.len && was->version == stats.version) {
		p->digest = was->digest;
		plan_old(pl, p, was->at);
		return;
	}
	text = emit_item_text(st->cl, id, title, &len);
	p->digest = dvk_digest_of(text, len);
	if (was && was->at.len == len && dvk_digest_eq(was->digest, p->digest))
		plan_old(pl, p, was->at);
	else
		plan_fresh(pl, p, text, len);
	free(text);
}

struct planning {
	struct plan *pl;
	const struct state *st;
	bool use_old;
};

static bool plan_one(const char *id, const char *title, size_t di, void *arg)
{
	struct planning *p = arg;

	(void)di;
	plan_item(p->pl, p->st, id, title, p->use_old);
	return true;
}

/* Entries the fast path declined (multi-line text, escapes): libyaml
 * writes them in one document, split again.  One that a file held as
 * exactly these bytes is copied from it.  slow[] are indices of parts. */
static int plan_slow_entries(struct plan *pl, const struct state *st, bool use_old,
			     const size_t *slow, size_t nslow, const char *path,
			     struct dvk_error *err)
{
	const struct event **batch = xmalloc((nslow ? nslow : 1) * sizeof *batch);
	size_t len, *at = xmalloc((nslow + 1) * sizeof *at);
	bool dots;
	char *bytes;
	int ok = 1;

	for (size_t i = 0; i < nslow; i++)
		batch[i] = pl->parts[slow[i]].e;
	bytes = emit_entries(batch, nslow, &len, &dots);
	if (!split_entries(bytes, len, nslow, at))
		ok = dvk_error_set(err, path, 0, 0, "%s", "the log entries cannot be told apart");
	for (size_t i = 0; ok && i < nslow; i++) {
		struct part *p = &pl->parts[slow[i]];
		struct piece was;
		struct dvk_digest digest;
		size_t n = at[i + 1] - at[i];

		if (use_old && layout_pending(st->layout, p->e->seq, &was, &digest) &&
		    was.len == n && dvk_digest_eq(digest, dvk_digest_of(bytes + at[i], n)))
			plan_old(pl, p, was);
		else
			plan_fresh(pl, p, bytes + at[i], n);
	}
	free(bytes);
	free(at);
	free(batch);
	return ok;
}

/* Plan the file for st, which has events; use_old: the layout's places are
 * in the file to be replaced.  Returns 1, or 0 with err. */
static int plan_build(struct plan *pl, const struct state *st, const struct directive *d,
		      bool use_old, const char *path, struct dvk_error *err)
{
	const struct event *const *ev = checklist_events(st->cl);
	size_t n = checklist_count(st->cl), len, *slow = NULL, nslow = 0, scap = 0;
	struct planning planning = { pl, st, use_old };
	char *prefix, count[32];
	struct part *p;
	int ok;

	if (n == 0) {
		prefix = emit_prefix(st, d, false, &len);
		plan_fresh(pl, plan_add(pl, PART_TEXT), prefix, len);
		free(prefix);
		plan_fresh(pl, plan_add(pl, PART_TEXT), "log: []\nevents: 0\n", 18);
		return 1;
	}
	plan_add(pl, PART_TEXT); /* the prefix, made once the items are known */
	each_summary_item(st->cl, d, plan_one, &planning);
	prefix = emit_prefix(st, d, pl->n > 1, &len);
	plan_fresh(pl, &pl->parts[0], prefix, len);
	free(prefix);
	p = plan_add(pl, PART_TEXT);
	plan_fresh(pl, p, "log:\n", 5);
	pl->ev = ev;
	pl->nev = n;
	for (size_t i = 0; i < n; i++) {
		struct piece at = use_old ? layout_entry(st->layout, ev[i]->seq) : (struct piece){ 0, 0, 0 };
		size_t before = pl->fresh.len;

		p = &pl->parts[pl->n - 1];
		if (!at.checked)
			at.len = 0;
		if (at.len && p->kind == PART_ENTRY && p->old && p->old_off + p->len == at.off) {
			/* the next entry of a run: most of a file is one run */
			p->len += at.len;
			p->count++;
			pl->total += at.len;
			continue;
		}
		p = plan_add(pl, PART_ENTRY);
		p->e = ev[i];
		p->first = i;
		p->count = 1;
		if (at.len) {
			plan_old(pl, p, at);
		} else if (entry_fast(&pl->fresh, ev[i])) {
			p->fresh_off = before;
			p->len = pl->fresh.len - before;
			pl->total += p->len;
		} else {
			GROW(slow, nslow + 1, scap);
			slow[nslow++] = pl->n - 1;
		}
	}
	ok = !nslow || plan_slow_entries(pl, st, use_old, slow, nslow, path, err);
	free(slow);
	snprintf(count, sizeof count, EVENTS_LINE, n);
	p = plan_add(pl, PART_TEXT);
	plan_fresh(pl, p, count, strlen(count));
	return ok;
}

/* Never write what cannot be read back: the prefix and the new item
 * summaries are read back as a state file of their own, the new entries
 * as events that must be exactly theirs; what comes from the old file
 * was read from it. */
static int plan_check(const struct plan *pl, const struct directive *d, const char *path,
		      struct dvk_error *err)
{
	struct buf head = {0}, ent = {0};
	const struct event **evs = NULL;
	size_t *at = NULL, nent = 0, cap = 0, acap = 0;
	struct state *check;
	int ok = 1;

	for (size_t i = 0; i < pl->n; i++) {
		const struct part *p = &pl->parts[i];

		if (p->old || (p->kind == PART_TEXT && i > 0))
			continue;
		if (p->kind != PART_ENTRY) {
			buf_add(&head, pl->fresh.data + p->fresh_off, p->len);
			continue;
		}
		GROW(evs, nent + 1, cap);
		GROW(at, nent + 2, acap);
		evs[nent] = p->e;
		at[nent++] = ent.len;
		buf_add(&ent, pl->fresh.data + p->fresh_off, p->len);
	}
	buf_adds(&head, "log: []\nevents: 0\n");
	check = parse_written(head.data, head.len, path, d, err);
	if (!check)
		ok = 0;
	state_free(check);
	if (ok && nent) {
		at[nent] = ent.len;
		ok = check_entries(ent.data, ent.len, at, evs, nent, path, d, err);
	}
	buf_free(&head);
	buf_free(&ent);
	free(evs);
	free(at);
	return ok;
}

/* ---- writing the planned file ---- */

#define IO_CHUNK ((size_t)64 << 10)

/* The old file, read once from start to end while the new one is written,
 * with its digest made on the way. */
struct oldfile {
	int fd;
	char *buf;
	size_t pos, len;  /* buf holds the file's bytes [pos, pos + len) */
	struct dvk_hasher *h;
	bool failed;
};

/* Read the next chunk; false at the end or on failure. */
static bool old_next(struct oldfile *o)
{
	ssize_t got;

	o->pos += o->len;
	o->len = 0;
	do
		got = read(o->fd, o->buf, IO_CHUNK);
	while (got < 0 && errno == EINTR);
	if (got < 0)
		o->failed = true;
	if (got <= 0)
		return false;
	o->len = (size_t)got;
	dvk_hasher_add(o->h, o->buf, o->len);
	return true;
}

/* The new file being written, in chunks, with its digest. */
struct newfile {
	int fd;
	struct buf out;
	struct dvk_hasher *h;
	size_t written;
	bool failed;
};

static void new_flush(struct newfile *w)
{
	if (w->out.len && !w->failed && write_all(w->fd, w->out.data, w->out.len) != 0)
		w->failed = true;
	w->written += w->out.len;
	w->out.len = 0;
}

static void new_add(struct newfile *w, const char *bytes, size_t n)
{
	dvk_hasher_add(w->h, bytes, n);
	buf_add(&w->out, bytes, n);
	if (w->out.len >= IO_CHUNK)
		new_flush(w);
}

/* Copy [off, off + len) of the old file: from the chunks read in order,
 * or, for a part behind them (a summary moved), by pread. */
static void copy_old(struct oldfile *o, struct newfile *w, size_t off, size_t len)
{
	while (len) {
		if (off < o->pos) {
			char *tmp = xmalloc(len);
			ssize_t got = pread(o->fd, tmp, len, (off_t)off);

			if (got != (ssize_t)len)
				o->failed = true;
			else
				new_add(w, tmp, len);
			free(tmp);
			return;
		}
		if (off >= o->pos + o->len) {
			if (!old_next(o)) {
				o->failed = true; /* shorter than it was */
				return;
			}
			continue;
		}
		size_t n = o->pos + o->len - off < len ? o->pos + o->len - off : len;

		new_add(w, o->buf + (off - o->pos), n);
		off += n;
		len -= n;
	}
}

/* Write the plan into the temporary file fd, copying from the old file
 * (oldfd, -1: none).  Returns 1 when written, -1 when the old file is not
 * the one the layout describes (another writer), 0 on a failed write. */
static int plan_write(const struct plan *pl, int fd, int oldfd, const struct state *st,
		      struct dvk_digest *digest)
{
	struct oldfile o = { .fd = oldfd, .h = dvk_hasher_new() };
	struct newfile w = { .fd = fd, .h = dvk_hasher_new() };
	struct dvk_digest od;
	int ok;

	o.buf = xmalloc(IO_CHUNK);
	for (size_t i = 0; i < pl->n && !o.failed && !w.failed; i++) {
		const struct part *p = &pl->parts[i];

		if (p->old)
			copy_old(&o, &w, p->old_off, p->len);
		else
			new_add(&w, pl->fresh.data + p->fresh_off, p->len);
	}
	new_flush(&w);
	/* the rest of the old file, for its digest */
	if (oldfd >= 0)
		while (!o.failed && old_next(&o))
			;
	*digest = dvk_hasher_end(w.h);
	od = dvk_hasher_end(o.h);
	if (oldfd >= 0 && !o.failed && (o.pos != st->disklen || !dvk_digest_eq(od, st->disk_digest)))
		o.failed = true;
	ok = w.failed ? 0 : o.failed ? -1 : 1;
	free(o.buf);
	buf_free(&w.out);
	return ok;
}

/* An entry read from the old file, to compare. */
struct to_check {
	size_t off, len, seq;
};

static int to_check_cmp(const void *a, const void *b)
{
	const struct to_check *x = a, *y = b;

	return x->off < y->off ? -1 : x->off > y->off;
}

/* Compare the entries st read from the old file and has not compared yet
 * with the text dvk writes for their events, reading the old file once
 * (and making its digest, which must be the one st remembers).  An entry
 * that is dvk's text becomes checked; one the fast writer cannot make
 * (a block of text, escapes) keeps its place with its text's digest, for
 * the save's libyaml to compare (pending); any other is forgotten and
 * written afresh (a hand-made file).  Returns 1, or -1 when the file is
 * not the one st last read or wrote. */
static int verify_entries(struct state *st, int oldfd)
{
	struct oldfile o = { .fd = oldfd, .h = dvk_hasher_new() };
	size_t n = 0, cap = 0, count = checklist_count(st->cl);
	struct to_check *v = NULL;
	struct buf want = {0}, have = {0};
	struct dvk_digest dg;
	int ok;

	for (size_t seq = 0; seq < count; seq++) {
		struct piece at = layout_entry(st->layout, seq);

		if (!at.len || at.checked)
			continue;
		GROW(v, n + 1, cap);
		v[n++] = (struct to_check){ at.off, at.len, seq };
	}
	qsort(v, n, sizeof *v, to_check_cmp);
	o.buf = xmalloc(IO_CHUNK);
	for (size_t i = 0; i < n && !o.failed; i++) {
		const struct event *e = checklist_arrival(st->cl, v[i].seq);
		const char *bytes;

		/* the entry's bytes, whole: in the chunk, or gathered */
		while (!o.failed && v[i].off >= o.pos + o.len)
			if (!old_next(&o))
				o.failed = true;
		if (o.failed || v[i].off < o.pos)
			break;
		if (v[i].off + v[i].len <= o.pos + o.len) {
			bytes = o.buf + (v[i].off - o.pos);
		} else {
			have.len = 0;
			buf_add(&have, o.buf + (v[i].off - o.pos), o.pos + o.len - v[i].off);
			while (have.len < v[i].len && old_next(&o))
				buf_add(&have, o.buf, v[i].len - have.len < o.len ? v[i].len - have.len : o.len);
			if (have.len < v[i].len) {
				o.failed = true;
				break;
			}
			bytes = have.data;
		}
		want.len = 0;
		if (!entry_fast(&want, e)) {
			layout_set_pending(st->layout, e->seq, v[i].off, v[i].len,
					   dvk_digest_of(bytes, v[i].len));
			layout_drop_entry(st->layout, e->seq);
		} else if (want.len == v[i].len && memcmp(want.data, bytes, want.len) == 0) {
			layout_set_entry(st->layout, e->seq, v[i].off, v[i].len, true);
		} else {
			layout_drop_entry(st->layout, e->seq);
		}
	}
	while (!o.failed && old_next(&o))
		;
	dg = dvk_hasher_end(o.h);
	ok = !o.failed && o.pos == st->disklen && dvk_digest_eq(dg, st->disk_digest) ? 1 : -1;
	free(o.buf);
	free(v);
	buf_free(&want);
	buf_free(&have);
	return ok;
}

/* After a save: every part is now where the new file has it.  An entry
 * of a run keeps its place within the run (read before it is set). */
static void plan_remember(const struct plan *pl, struct state *st)
{
	size_t off = 0;

	layout_clear_pending(st->layout);
	for (size_t i = 0; i < pl->n; i++) {
		const struct part *p = &pl->parts[i];

		if (p->kind == PART_ENTRY && p->old && p->count == 1) {
			layout_set_entry(st->layout, p->e->seq, off, p->len, true);
		} else if (p->kind == PART_ENTRY && p->old) {
			for (size_t k = p->first; k < p->first + p->count; k++) {
				struct piece was = layout_entry(st->layout, pl->ev[k]->seq);

				layout_set_entry(st->layout, pl->ev[k]->seq, off + (was.off - p->old_off),
						 was.len, true);
			}
		} else if (p->kind == PART_ENTRY) {
			layout_set_entry(st->layout, p->e->seq, off, p->len, true);
		} else if (p->kind == PART_ITEM) {
			struct item_piece ip = { { (uint32_t)off, (uint32_t)p->len, 1 }, p->version,
						 p->digest };

			layout_set_item(st->layout, p->item, &ip);
		}
		off += p->len;
	}
}

/* True if the file at oldfd is the one st last read or wrote (its size
 * and digest). */
static bool old_is_known(int oldfd, const struct state *st)
{
	struct oldfile o = { .fd = oldfd, .h = dvk_hasher_new() };
	struct dvk_digest d;
	bool same;

	o.buf = xmalloc(IO_CHUNK);
	while (old_next(&o))
		;
	d = dvk_hasher_end(o.h);
	same = !o.failed && o.pos == st->disklen && dvk_digest_eq(d, st->disk_digest);
	free(o.buf);
	return same;
}

bool store_file_is_known(const struct state *st, const char *path)
{
	struct stat sb;
	bool same;
	int fd;

	if (!st->disk_known || (fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return false;
	same = fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && (size_t)sb.st_size == st->disklen &&
	       old_is_known(fd, st);
	close(fd);
	return same;
}

/* True if the old file at oldfd already is the planned file: every old
 * part in its own place and every fresh part equal to the bytes there
 * (a save that brings nothing new leaves the file and its time alone). */
static bool plan_is_old(const struct plan *pl, int oldfd, const struct state *st)
{
	size_t off = 0;
	bool same = oldfd >= 0 && pl->total == st->disklen;

	for (size_t i = 0; same && i < pl->n; i++) {
		const struct part *p = &pl->parts[i];

		if (p->old) {
			same = p->old_off == off;
		} else {
			char *tmp = xmalloc(p->len ? p->len : 1);

			same = pread(oldfd, tmp, p->len, (off_t)off) == (ssize_t)p->len &&
			       memcmp(tmp, pl->fresh.data + p->fresh_off, p->len) == 0;
			free(tmp);
		}
		off += p->len;
	}
	return same;
}

/* Join the file at path into st, reading it entry by entry, and take its
 * layout: st's places are then in that file.  A file that does not parse
 * stops the save: it is never overwritten. */
static int join_disk(const char *path, struct state *st, const struct directive *d,
		     size_t *added, size_t *ondisk_n, struct dvk_error *err)
{
	size_t before = checklist_count(st->cl);
	struct dvk_digest digest;
	struct state *on_disk = parse_state(path, NULL, 0, d, true, &digest, err);
	struct stat sb;

	if (!on_disk)
		return 0;
	if (!state_join(st, on_disk, err)) {
		char why[DVK_ERR_MSG];

		snprintf(why, sizeof why, "%s", err->message);
		dvk_error_setc(err, DVK_E_MISMATCH, path, 0, 0, _("cannot save into this file: %s"), why);
		state_free(on_disk);
		return 0;
	}
	layout_clear(st->layout);
	for (size_t i = 0; i < checklist_count(on_disk->cl); i++) {
		const struct event *e = checklist_arrival(on_disk->cl, i);
		const struct event *mine = checklist_lookup(st->cl, e);
		struct piece at = layout_entry(on_disk->layout, i);
		struct dvk_digest dg;

		if (!mine)
			continue;
		if (at.len)
			layout_set_entry(st->layout, mine->seq, at.off, at.len, at.checked);
		else if (layout_pending(on_disk->layout, i, &at, &dg))
			layout_set_pending(st->layout, mine->seq, at.off, at.len, dg);
	}
	layout_copy_items(st->layout, on_disk->layout);
	*ondisk_n = checklist_count(on_disk->cl);
	if (stat(path, &sb) == 0)
		remember_disk(st, digest, (size_t)sb.st_size, *ondisk_n);
	else
		st->disk_known = false;
	state_free(on_disk);
	if (added)
		*added += checklist_count(st->cl) - before;
	return 1;
}

static int64_t wall_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Temp files and rollback links of this file left by a save that was
 * killed.  Only a save holding the lock makes them, and we hold it, so
 * any that exist are orphans; left alone they would pile up and travel
 * with Syncthing or git. */
static void remove_stale_temps(const char *dir, const char *base)
{
	char *tmp = xasprintf(".%s.tmp-", base), *old = xasprintf(".%s.old-", base);
	DIR *dh = opendir(dir);
	struct dirent *de;

	while (dh && (de = readdir(dh))) {
		if (strncmp(de->d_name, tmp, strlen(tmp)) == 0 ||
		    strncmp(de->d_name, old, strlen(old)) == 0) {
			char *p = xasprintf("%s/%s", dir, de->d_name);

			unlink(p);
			free(p);
		}
	}
	if (dh)
		closedir(dh);
	free(tmp);
	free(old);
}

/* The save, once locked: join what is on disk unless it is the file st
 * last read or wrote, plan, check, and write; when the file turns out to
 * have changed meanwhile (its digest), join it and try again. */
static int save_locked(const char *path, struct state *st, const struct directive *d,
		       size_t *added, size_t *gained, struct dvk_error *err)
{
	size_t max = yamlio_default_limits().max_file;

	for (int round = 0; round < 4; round++) {
		struct plan pl = {0};
		struct atomic a;
		struct stat sb;
		struct dvk_digest digest;
		size_t ondisk_n = st->disk_n;
		bool exists = stat(path, &sb) == 0, backup;
		int oldfd = -1, ok = 0, w;

		if (exists && (!st->disk_known || (size_t)sb.st_size != st->disklen) &&
		    !join_disk(path, st, d, added, &ondisk_n, err))
			return 0;
		if (!exists) {
			st->disk_known = false;
			ondisk_n = 0;
		}
		if (exists && (oldfd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
			return dvk_error_setc(err, DVK_E_IO, path, 0, 0, _("cannot read: %s"),
					      strerror(errno));
		if (oldfd >= 0 && st->disk_known && layout_unchecked(st->layout) &&
		    (verify_entries(st, oldfd) < 0 || lseek(oldfd, 0, SEEK_SET) != 0)) {
			/* not the file st read: join what is there */
			st->disk_known = false;
			close(oldfd);
			continue;
		}
		if (!plan_build(&pl, st, d, oldfd >= 0 && st->disk_known, path, err) ||
		    !plan_check(&pl, d, path, err)) {
			char why[DVK_ERR_MSG];

			snprintf(why, sizeof why, "%s", err->message);
			dvk_error_setc(err, err->code == DVK_E_LIMIT ? DVK_E_LIMIT : DVK_E_FAIL, path, 0, 0,
				       err->code == DVK_E_LIMIT ?
				       _("a value would be too long for dvk to read it back (%s); "
					 "nothing was written") :
				       _("internal error: the new file would not parse (%s)"), why);
			goto next;
		}
		if (pl.total > max) {
			char size[32];

			human_size(pl.total, size, sizeof size);
			dvk_error_setc(err, DVK_E_LIMIT, path, 0, 0,
				       _("file would be %s; the limit is %zu MiB (see README.md, \"Limits\"); "
					 "nothing was written"), size, max >> 20);
			goto next;
		}
		if (oldfd >= 0 && st->disk_known && plan_is_old(&pl, oldfd, st)) {
			/* nothing new: leave the file (and its time) alone,
			 * once it is sure to be the file st describes */
			if (old_is_known(oldfd, st)) {
				ok = 1;
				goto next;
			}
			st->disk_known = false;
			close(oldfd);
			plan_free(&pl);
			continue;
		}
		backup = store_backup_due(path, st->directive, st->unit, wall_ms());
		if (!atomic_begin(path, &a, NULL, err)) {
			atomic_end(&a);
			goto next;
		}
		w = plan_write(&pl, a.fd, st->disk_known ? oldfd : -1, st, &digest);
		if (w < 0) {
			/* another writer replaced the file: join theirs first */
			atomic_end(&a);
			st->disk_known = false;
			close(oldfd);
			plan_free(&pl);
			continue;
		}
		if (w == 0)
			fail_errno(err, path, "write");
		else
			ok = atomic_commit(path, &a, backup, err);
		if (ok && backup && a.keep) {
			/* The replaced file, under the second name the commit
			 * gave it, becomes the newest backup.  Best effort: a
			 * backup that fails must not cost the save. */
			struct dvk_error ignore;

			store_backup_keep(path, a.keep, st->directive, st->unit, wall_ms(), &ignore);
			free(a.keep);
			a.keep = NULL;
		}
		atomic_end(&a);
		if (ok) {
			plan_remember(&pl, st);
			remember_disk(st, digest, pl.total, checklist_count(st->cl));
			st->revision = state_revision(st, d);
			st->format = 2;
			if (gained)
				*gained = checklist_count(st->cl) - ondisk_n;
		}
next:
		if (oldfd >= 0)
			close(oldfd);
		plan_free(&pl);
		return ok;
	}
	return dvk_error_setc(err, DVK_E_IO, path, 0, 0, "%s",
			      _("cannot save: the file keeps changing while it is written"));
}

static int save(const char *path, struct state *st, const struct directive *d,
		size_t *added, size_t *gained, struct dvk_error *err)
{
	char *dir, *base;
	int lock, ok = 0;

	if (added)
		*added = 0;
	if (gained)
		*gained = 0;
	split_path(path, &dir, &base);
	if (!dvk_mkdirs(dir, err) || (lock = store_lock(path, err)) < 0) {
		/* the file cannot be written at all (a shared folder that
		 * refuses us): the edit still goes into the journal */
		struct dvk_error jerr;

		store_journal_record(st, d, &jerr);
		goto out;
	}
	/* This laptop's journal first, under the file's lock (so a reader
	 * that finds the journal ahead of the file can wait for this save
	 * to end): once it holds the edit, the edit survives whatever
	 * happens to the file below or later. */
	if (!store_journal_record(st, d, err)) {
		store_unlock(lock);
		goto out;
	}
	remove_stale_temps(dir, base);
	ok = save_locked(path, st, d, added, gained, err);
	store_unlock(lock);
out:
	free(dir);
	free(base);
	return ok;
}

int store_save(const char *path, struct state *st, const struct directive *d,
	       size_t *added, struct dvk_error *err)
{
	return save(path, st, d, added, NULL, err);
}

int store_merge_into(const char *path, const struct state *src, const struct directive *d,
		     size_t *gained, struct dvk_error *err)
{
	struct state *st = state_new(src->directive, src->unit);
	int ok = state_join(st, src, err) && save(path, st, d, NULL, gained, err);

	state_free(st);
	return ok;
}

bool store_clock_behind(int64_t newest_at, int64_t now)
{
	return newest_at > 0 && newest_at - now > CLOCK_BEHIND_MS;
}

/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * roster.c: reading, changing and writing the roster (see roster.h).
 */
#include "roster/roster.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "text/text.h"
#include "yamlio/yamlio.h"

struct roster {
	struct roster_unit *units; /* the office's order */
	size_t n, cap;
	size_t *by_id;             /* indices sorted by id; rebuilt when stale */
	size_t by_id_cap;
	bool stale;
	struct roster_office office;
};

const char *const roster_office_keys[] = {
	"name", "superior", "place", "symbol", "signer_authority", "signer_title",
	"signer_name", "recipients", NULL,
};

/* Where each scalar office key lives (recipients is a list, apart). */
static char **office_slot(struct roster_office *o, const char *key)
{
	if (!strcmp(key, "name"))
		return &o->name;
	if (!strcmp(key, "superior"))
		return &o->superior;
	if (!strcmp(key, "place"))
		return &o->place;
	if (!strcmp(key, "symbol"))
		return &o->symbol;
	if (!strcmp(key, "signer_authority"))
		return &o->authority;
	if (!strcmp(key, "signer_title"))
		return &o->signer_title;
	if (!strcmp(key, "signer_name"))
		return &o->signer_name;
	return NULL;
}

struct roster *roster_new(void)
{
	return xcalloc(1, sizeof(struct roster));
}

static void unit_clear(struct roster_unit *u)
{
	free(u->id);
	free(u->name);
	free(u->parent);
	free(u->contact);
}

static void recipients_clear(struct roster_office *o)
{
	for (size_t i = 0; i < o->nrecipients; i++)
		free(o->recipients[i]);
	free(o->recipients);
	o->recipients = NULL;
	o->nrecipients = 0;
}

void roster_free(struct roster *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n; i++)
		unit_clear(&r->units[i]);
	free(r->units);
	free(r->by_id);
	for (size_t k = 0; roster_office_keys[k]; k++) {
		char **s = office_slot(&r->office, roster_office_keys[k]);

		if (s)
			free(*s);
	}
	recipients_clear(&r->office);
	free(r);
}

char *roster_path(const char *data_dir)
{
	return xasprintf("%s/%s", data_dir, ROSTER_FILE);
}

/* ------------------------------------------------------------------ */
/* Lookup                                                              */
/* ------------------------------------------------------------------ */

/* The index is made on the first lookup after a change.  A report looks
 * units up from its worker threads, so making it (and qsort's context)
 * is under a lock; after that every lookup only reads. */
static pthread_mutex_t index_lock = PTHREAD_MUTEX_INITIALIZER;
static const struct roster *sort_ctx;

static int by_id_cmp(const void *a, const void *b)
{
	return strcmp(sort_ctx->units[*(const size_t *)a].id, sort_ctx->units[*(const size_t *)b].id);
}

static void reindex(const struct roster *cr)
{
	struct roster *r = (struct roster *)cr;

	pthread_mutex_lock(&index_lock);
	if (r->stale || (!r->by_id && r->n)) {
		free(r->by_id);
		r->by_id_cap = r->n ? r->n : 1;
		r->by_id = xcalloc(r->by_id_cap, sizeof *r->by_id);
		for (size_t i = 0; i < r->n; i++)
			r->by_id[i] = i;
		sort_ctx = r;
		qsort(r->by_id, r->n, sizeof *r->by_id, by_id_cmp);
		sort_ctx = NULL;
		r->stale = false;
	}
	pthread_mutex_unlock(&index_lock);
}

/* Where id is, or would go, in the index (which is up to date). */
static size_t index_pos(const struct roster *r, const char *id, bool *found)
{
	size_t lo = 0, hi = r->n;

	*found = false;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(r->units[r->by_id[mid]].id, id);

		if (c == 0) {
			*found = true;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

size_t roster_index(const struct roster *r, const char *id)
{
	bool found;
	size_t pos;

	if (!r || !id)
		return (size_t)-1;
	reindex(r);
	pos = index_pos(r, id, &found);
	return found ? r->by_id[pos] : (size_t)-1;
}

const struct roster_unit *roster_find(const struct roster *r, const char *id)
{
	size_t i = roster_index(r, id);

	return i == (size_t)-1 ? NULL : &r->units[i];
}

size_t roster_count(const struct roster *r)
{
	return r ? r->n : 0;
}

const struct roster_unit *roster_unit_at(const struct roster *r, size_t i)
{
	return &r->units[i];
}

const struct roster_office *roster_office(const struct roster *r)
{
	return &r->office;
}

/* ------------------------------------------------------------------ */
/* Changing                                                            */
/* ------------------------------------------------------------------ */

/* *slot := NFC(value), NULL for "" ; true if that changed it. */
static bool set_text(char **slot, const char *value)
{
	char *v = value && *value ? text_nfc(value) : NULL;
	bool changed = (v == NULL) != (*slot == NULL) || (v && strcmp(v, *slot) != 0);

	free(*slot);
	*slot = v;
	return changed;
}

int roster_set_unit(struct roster *r, const char *id, const char *name, const char *parent,
		    const char *contact, struct dvk_error *err)
{
	size_t i = roster_index(r, id);
	struct roster_unit *u;
	bool changed = false;

	if (!unit_id_valid(id))
		return dvk_error_setc(err, DVK_E_INVALID, NULL, 0, 0,
				      _("bad unit id \"%s\": use lower-case letters, digits, '.', '_' and '-' (e.g. xa-quang-hoa)"),
				      id ? id : "");
	if (parent && *parent && !unit_id_valid(parent))
		return dvk_error_setc(err, DVK_E_INVALID, NULL, 0, 0,
				      _("bad parent id \"%s\": use lower-case letters, digits, '.', '_' and '-'"),
				      parent);
	if (parent && strcmp(parent, id) == 0)
		return dvk_error_setc(err, DVK_E_INVALID, NULL, 0, 0,
				      _("unit %s cannot be its own parent"), id);
	if (i == (size_t)-1) {
		/* The index (up to date: roster_index above) takes the new
		 * unit in its place, so reading or importing thousands of
		 * units does not sort them once per unit. */
		bool found;
		size_t pos = index_pos(r, id, &found);

		GROW(r->by_id, r->n + 1, r->by_id_cap);
		memmove(r->by_id + pos + 1, r->by_id + pos, (r->n - pos) * sizeof *r->by_id);
		r->by_id[pos] = r->n;
		GROW(r->units, r->n + 1, r->cap);
		u = &r->units[r->n++];
		memset(u, 0, sizeof *u);
		u->id = xstrdup(id);
		set_text(&u->name, name);
		set_text(&u->parent, parent);
		set_text(&u->contact, contact);
		return ROSTER_ADDED;
	}
	u = &r->units[i];
	if (name)
		changed |= set_text(&u->name, name);
	if (parent)
		changed |= set_text(&u->parent, parent);
	if (contact)
		changed |= set_text(&u->contact, contact);
	return changed ? ROSTER_UPDATED : ROSTER_UNCHANGED;
}

bool roster_remove(struct roster *r, const char *id)
{
	size_t i = roster_index(r, id);

	if (i == (size_t)-1)
		return false;
	unit_clear(&r->units[i]);
	memmove(&r->units[i], &r->units[i + 1], (r->n - i - 1) * sizeof *r->units);
	r->n--;
	r->stale = true;
	return true;
}

static void add_recipient(struct roster_office *o, const char *s)
{
	size_t cap = o->nrecipients;
	char *t = text_nfc(s);

	GROW(o->recipients, o->nrecipients + 1, cap);
	o->recipients[o->nrecipients++] = t;
}

int roster_set_office(struct roster *r, const char *key, const char *value,
		      struct dvk_error *err)
{
	char **slot = office_slot(&r->office, key);

	if (strcmp(key, "recipients") == 0) {
		/* One setting on the command line: "A; B; C". */
		const char *p = value ? value : "";

		recipients_clear(&r->office);
		while (*p) {
			size_t n = strcspn(p, ";");
			char *one = xstrndup(p, n), *s = one, *e;

			while (*s == ' ')
				s++;
			e = s + strlen(s);
			while (e > s && e[-1] == ' ')
				*--e = '\0';
			if (*s)
				add_recipient(&r->office, s);
			free(one);
			p += n;
			if (*p)
				p++;
		}
		return 1;
	}
	if (!slot)
		return dvk_error_setc(err, DVK_E_INVALID, NULL, 0, 0,
				      _("unknown office setting '%s' (name, superior, place, symbol, signer_authority, signer_title, signer_name, recipients)"),
				      key);
	set_text(slot, value);
	return 1;
}

/* ------------------------------------------------------------------ */
/* Reading                                                             */
/* ------------------------------------------------------------------ */

struct rparse {
	const char *path;
	struct dvk_error *err;
};

static int at(const struct rparse *p, const struct ynode *n, const char *fmt, const char *arg)
{
	return dvk_error_setc(p->err, DVK_E_SCHEMA, p->path, n ? n->line : 0, n ? n->col : 0, fmt,
			      arg);
}

/* The text of scalar n (NULL and an error when it is not one). */
static const char *text_of(const struct rparse *p, const struct ynode *n, const char *what)
{
	if (!n || n->kind != YNODE_SCALAR) {
		at(p, n, _("%s must be a text value"), what);
		return NULL;
	}
	if (strlen(n->str) != n->len) {
		at(p, n, _("%s contains a NUL byte"), what);
		return NULL;
	}
	return n->str;
}

static int parse_office(const struct rparse *p, const struct ynode *m, struct roster *r)
{
	if (ynode_is_null(m))
		return 1;
	if (m->kind != YNODE_MAP)
		return at(p, m, "%s", _("office must be a mapping (key: value)"));
	for (size_t i = 0; i < m->n; i++) {
		const struct ypair *kv = &m->pairs[i];
		const char *k = kv->key->str, *v;
		char **slot = office_slot(&r->office, k);

		if (strcmp(k, "recipients") == 0) {
			if (ynode_is_null(kv->val))
				continue;
			if (kv->val->kind != YNODE_SEQ)
				return at(p, kv->val, "%s", _("recipients must be a list"));
			for (size_t j = 0; j < kv->val->n; j++) {
				if (!(v = text_of(p, kv->val->items[j], "recipients")))
					return 0;
				add_recipient(&r->office, v);
			}
			continue;
		}
		if (!slot)
			return at(p, kv->key, _("unknown office setting '%s'"), k);
		if (ynode_is_null(kv->val))
			continue;
		if (!(v = text_of(p, kv->val, k)))
			return 0;
		set_text(slot, v);
	}
	return 1;
}

static int parse_unit(const struct rparse *p, const struct ynode *m, struct roster *r)
{
	static const char *const keys[] = { "id", "name", "parent", "contact" };
	const char *vals[4] = { 0 };
	struct dvk_error e;
	int rc;

	if (m->kind != YNODE_MAP)
		return at(p, m, "%s", _("each unit must be a mapping (id: …, name: …)"));
	for (size_t i = 0; i < m->n; i++) {
		const struct ypair *kv = &m->pairs[i];
		size_t k;

		for (k = 0; k < ARRAY_LEN(keys); k++)
			if (strcmp(kv->key->str, keys[k]) == 0)
				break;
		if (k == ARRAY_LEN(keys))
			return at(p, kv->key, _("unknown key '%s' in a roster unit (id, name, parent, contact)"),
				  kv->key->str);
		if (ynode_is_null(kv->val))
			continue;
		if (!(vals[k] = text_of(p, kv->val, keys[k])))
			return 0;
	}
	if (!vals[0])
		return at(p, m, "%s", _("a roster unit needs an id"));
	if (roster_find(r, vals[0]))
		return at(p, ynode_get(m, "id"), _("unit %s is listed twice"), vals[0]);
	dvk_error_clear(&e);
	rc = roster_set_unit(r, vals[0], vals[1], vals[2], vals[3], &e);
	if (!rc) {
		/* The id is fine, so it is the parent that is wrong. */
		const struct ynode *n = ynode_get(m, unit_id_valid(vals[0]) ? "parent" : "id");

		return dvk_error_setc(p->err, DVK_E_SCHEMA, p->path, n->line, n->col, "%s", e.message);
	}
	r->units[r->n - 1].line = m->line;
	return 1;
}

struct roster *roster_parse(const char *buf, size_t len, const char *path,
			    struct dvk_error *err)
{
	struct rparse p = { path, err };
	struct ydoc *doc = yamlio_parse(buf, len, path, NULL, err);
	struct roster *r;
	const struct ynode *root, *n;
	int ok = 1;

	if (!doc)
		return NULL;
	root = doc->root;
	r = roster_new();
	if (!root || root->kind != YNODE_MAP) {
		ok = dvk_error_setc(err, DVK_E_SCHEMA, path, root ? root->line : 1, root ? root->col : 1,
				    _("not a dvk roster: expected a mapping with format: %s"), ROSTER_FORMAT);
		goto out;
	}
	n = ynode_get(root, "format");
	if (!n) {
		ok = dvk_error_setc(err, DVK_E_SCHEMA, path, root->line, root->col, "%s",
				    _("not a dvk roster: no 'format'"));
		goto out;
	}
	if (!text_of(&p, n, "format")) {
		ok = 0;
		goto out;
	}
	if (strcmp(n->str, ROSTER_FORMAT) != 0) {
		ok = dvk_error_setc(err, DVK_E_SCHEMA, path, n->line, n->col,
				    _("unsupported format \"%s\" (expected %s; a newer dvk may have written it)"),
				    n->str, ROSTER_FORMAT);
		goto out;
	}
	for (size_t i = 0; ok && i < root->n; i++) {
		const struct ypair *kv = &root->pairs[i];

		if (!strcmp(kv->key->str, "format"))
			continue;
		if (!strcmp(kv->key->str, "office")) {
			ok = parse_office(&p, kv->val, r);
		} else if (!strcmp(kv->key->str, "units")) {
			if (ynode_is_null(kv->val))
				continue;
			if (kv->val->kind != YNODE_SEQ) {
				ok = at(&p, kv->val, "%s", _("units must be a list"));
				break;
			}
			for (size_t j = 0; ok && j < kv->val->n; j++)
				ok = parse_unit(&p, kv->val->items[j], r);
		} else {
			ok = at(&p, kv->key, _("unknown key '%s' at the top of a roster (format, office, units)"),
				kv->key->str);
		}
	}
out:
	ydoc_free(doc);
	if (!ok) {
		roster_free(r);
		return NULL;
	}
	return r;
}

struct roster *roster_load(const char *path, struct dvk_error *err)
{
	char *buf;
	size_t len;
	struct roster *r;

	if (!store_exists(path)) {
		dvk_error_setc(err, DVK_E_IO, path, 0, 0, "%s", _("no roster here"));
		return NULL;
	}
	if (!yamlio_read_file(path, yamlio_default_limits().max_file, &buf, &len, err))
		return NULL;
	r = roster_parse(buf, len, path, err);
	free(buf);
	return r;
}

/* ------------------------------------------------------------------ */
/* Writing                                                             */
/* ------------------------------------------------------------------ */

static const char header_comment[] =
	"# dvk roster: the units this office expects reports from, and the\n"
	"# office's own settings for its báo cáo.  Safe to edit by hand; run\n"
	"# `dvk roster check` afterwards.  `dvk roster add|import` also write it.\n";

char *roster_emit(const struct roster *r, size_t *len, struct dvk_error *err)
{
	struct ywriter *w = ywriter_new();
	const struct roster_office *o = &r->office;
	bool any_office = o->nrecipients > 0;
	char *bytes;

	for (size_t k = 0; roster_office_keys[k]; k++) {
		char **s = office_slot((struct roster_office *)o, roster_office_keys[k]);

		any_office |= s && *s;
	}
	ywriter_map_start(w);
	ywriter_pair(w, "format", ROSTER_FORMAT);
	if (any_office) {
		ywriter_scalar(w, "office");
		ywriter_map_start(w);
		for (size_t k = 0; roster_office_keys[k]; k++) {
			char **s = office_slot((struct roster_office *)o, roster_office_keys[k]);

			if (s && *s)
				ywriter_pair(w, roster_office_keys[k], *s);
		}
		if (o->nrecipients) {
			ywriter_scalar(w, "recipients");
			ywriter_seq_start(w, false);
			for (size_t i = 0; i < o->nrecipients; i++)
				ywriter_scalar(w, o->recipients[i]);
			ywriter_seq_end(w);
		}
		ywriter_map_end(w);
	}
	ywriter_scalar(w, "units");
	ywriter_seq_start(w, false);
	for (size_t i = 0; i < r->n; i++) {
		const struct roster_unit *u = &r->units[i];

		ywriter_map_start(w);
		ywriter_pair(w, "id", u->id);
		if (u->name)
			ywriter_pair(w, "name", u->name);
		if (u->parent)
			ywriter_pair(w, "parent", u->parent);
		if (u->contact)
			ywriter_pair(w, "contact", u->contact);
		ywriter_map_end(w);
	}
	ywriter_seq_end(w);
	ywriter_map_end(w);
	bytes = ywriter_finish(w, header_comment, len, err);
	ywriter_free(w);
	return bytes;
}

static bool same_text(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* True if a and b hold the same units and office settings. */
static bool roster_equal(const struct roster *a, const struct roster *b)
{
	if (a->n != b->n || a->office.nrecipients != b->office.nrecipients)
		return false;
	for (size_t i = 0; i < a->n; i++) {
		const struct roster_unit *x = &a->units[i], *y = &b->units[i];

		if (!same_text(x->id, y->id) || !same_text(x->name, y->name) ||
		    !same_text(x->parent, y->parent) || !same_text(x->contact, y->contact))
			return false;
	}
	for (size_t k = 0; roster_office_keys[k]; k++) {
		char **s = office_slot((struct roster_office *)&a->office, roster_office_keys[k]);
		char **t = office_slot((struct roster_office *)&b->office, roster_office_keys[k]);

		if (s && !same_text(*s, *t))
			return false;
	}
	for (size_t i = 0; i < a->office.nrecipients; i++)
		if (!same_text(a->office.recipients[i], b->office.recipients[i]))
			return false;
	return true;
}

int roster_save(const char *path, const struct roster *r, struct dvk_error *err)
{
	size_t len;
	char *bytes = roster_emit(r, &len, err);
	struct roster *back;
	int ok;

	if (!bytes)
		return 0;
	/* A file dvk wrote must be one dvk can read, and read as written. */
	back = roster_parse(bytes, len, path, err);
	if (!back || !roster_equal(r, back)) {
		if (back)
			dvk_error_setc(err, DVK_E_FAIL, path, 0, 0, "%s",
				       _("the roster would not read back as written; nothing was saved"));
		roster_free(back);
		free(bytes);
		return 0;
	}
	roster_free(back);
	ok = store_write_atomic(path, bytes, len, err);
	free(bytes);
	return ok;
}

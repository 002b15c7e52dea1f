/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * diff.c: what changed between two revisions of a directive (see
 * directive.h): sections and items matched by id, evidence fields by key.
 */
#include "content/directive.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static void add(struct directive_diff *df, enum directive_change_kind kind, const char *id,
		const void *old, const void *new)
{
	struct directive_change *c;

	GROW(df->changes, df->n + 1, df->cap);
	c = &df->changes[df->n++];
	memset(c, 0, sizeof *c);
	c->kind = kind;
	c->id = id;
	c->old = old;
	c->new = new;
}

static const struct section *section_by_id(const struct directive *d, const char *id)
{
	for (size_t i = 0; i < d->nsections; i++)
		if (strcmp(d->sections[i].id, id) == 0)
			return &d->sections[i];
	return NULL;
}

static void diff_sections(const struct directive *a, const struct directive *b,
			  struct directive_diff *df)
{
	for (size_t i = 0; i < a->nsections; i++) {
		const struct section *s = &a->sections[i], *t = section_by_id(b, s->id);

		if (!t) {
			add(df, DCHANGE_SECTION_REMOVED, s->id, s, NULL);
			continue;
		}
		if (strcmp(s->title, t->title) != 0)
			add(df, DCHANGE_SECTION_TITLE, s->id, s, t);
		if (strcmp(s->text, t->text) != 0)
			add(df, DCHANGE_SECTION_TEXT, s->id, s, t);
	}
	for (size_t i = 0; i < b->nsections; i++)
		if (!section_by_id(a, b->sections[i].id))
			add(df, DCHANGE_SECTION_ADDED, b->sections[i].id, NULL, &b->sections[i]);
}

static bool same_text(const char *a, const char *b)
{
	return (a == NULL) == (b == NULL) && (!a || strcmp(a, b) == 0);
}

static bool same_agencies(const struct item *x, const struct item *y)
{
	if (x->nresponsible != y->nresponsible)
		return false;
	for (size_t k = 0; k < x->nresponsible; k++)
		if (strcmp(x->responsible[k], y->responsible[k]) != 0)
			return false;
	return true;
}

static void diff_evidence(const struct item *x, const struct item *y, struct directive_diff *df)
{
	for (size_t k = 0; k < x->nevidence; k++) {
		const struct evidence_field *e = &x->evidence[k], *f = item_evidence(y, e->key);
		struct directive_change *c;

		if (!f) {
			add(df, DCHANGE_EVIDENCE_REMOVED, x->id, e, NULL);
		} else if (e->type != f->type) {
			add(df, DCHANGE_EVIDENCE_TYPE, x->id, e, f);
		} else if (strcmp(e->label, f->label) != 0) {
			add(df, DCHANGE_EVIDENCE_LABEL, x->id, e, f);
		} else {
			continue;
		}
		c = &df->changes[df->n - 1];
		c->item_old = x;
		c->item_new = y;
	}
	for (size_t k = 0; k < y->nevidence; k++) {
		if (item_evidence(x, y->evidence[k].key))
			continue;
		add(df, DCHANGE_EVIDENCE_ADDED, y->id, NULL, &y->evidence[k]);
		df->changes[df->n - 1].item_old = x;
		df->changes[df->n - 1].item_new = y;
	}
}

void directive_diff(const struct directive *a, const struct directive *b, struct directive_diff *df)
{
	memset(df, 0, sizeof *df);
	diff_sections(a, b, df);
	for (size_t i = 0; i < a->nitems; i++) {
		const struct item *x = &a->items[i], *y = directive_item(b, x->id);

		if (!y) {
			add(df, DCHANGE_ITEM_REMOVED, x->id, x, NULL);
			continue;
		}
		if (strcmp(x->text, y->text) != 0)
			add(df, DCHANGE_ITEM_TEXT, x->id, x, y);
		if (strcmp(a->sections[x->section].id, b->sections[y->section].id) != 0)
			add(df, DCHANGE_ITEM_MOVED, x->id, x, y);
		/* a new deadline or agency is what a correction most often
		 * brings: units must see it */
		if (!same_text(x->deadline, y->deadline))
			add(df, DCHANGE_ITEM_DEADLINE, x->id, x, y);
		if (!same_agencies(x, y))
			add(df, DCHANGE_ITEM_RESPONSIBLE, x->id, x, y);
		diff_evidence(x, y, df);
	}
	for (size_t i = 0; i < b->nitems; i++)
		if (!directive_item(a, b->items[i].id))
			add(df, DCHANGE_ITEM_ADDED, b->items[i].id, NULL, &b->items[i]);
}

void directive_diff_free(struct directive_diff *df)
{
	free(df->changes);
	memset(df, 0, sizeof *df);
}

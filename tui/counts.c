/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * counts.c: the figures the overview and a section's title show on every
 * key (progress, items a reviewer sent back or approved), per section and
 * for the whole directive.
 *
 * A key must cost what is on the screen, whatever the size of the unit's
 * file, so the figures are not counted again per key: they are kept for
 * one set of events (checklist_serial) and, when events arrive, only the
 * sections of the items that got them are counted again (an item's
 * status and review depend on its own events alone).  A whole count is
 * made only for another set or another directive.
 */
#include "tui/app.h"

#include <stdlib.h>
#include <string.h>

static struct {
	unsigned long serial, version; /* the set counted, at which version */
	const struct directive *d;
	size_t counted;                /* its arrivals looked at */
	struct counts *sec;            /* per section of d */
	bool *dirty;                   /* sections to count again */
	size_t nsec;
	struct counts all;
} memo;

static void count_section(const struct checklist *cl, const struct directive *d, size_t i,
			  struct counts *c)
{
	const struct section *s = &d->sections[i];

	memset(c, 0, sizeof *c);
	for (size_t k = s->first_item; k < s->first_item + s->nitems; k++) {
		const char *id = d->items[k].id;
		const char *review = checklist_value(cl, id, "review", NULL);

		progress_add(&c->p, checklist_status(cl, id));
		if (review && !strcmp(review, "needs-work"))
			c->needs_work++;
		else if (review && !strcmp(review, "approved"))
			c->approved++;
	}
}

static void counts_add(struct counts *to, const struct counts *c)
{
	to->p.total += c->p.total;
	to->p.todo += c->p.todo;
	to->p.in_progress += c->p.in_progress;
	to->p.done += c->p.done;
	to->p.na += c->p.na;
	to->p.conflict += c->p.conflict;
	to->needs_work += c->needs_work;
	to->approved += c->approved;
}

/* Everything again: another set, another directive, or fewer events than
 * counted (a set is never made smaller, so that is another set). */
static void memo_restart(const struct checklist *cl, const struct directive *d)
{
	if (memo.d != d || memo.nsec != d->nsections) {
		free(memo.sec);
		free(memo.dirty);
		memo.nsec = d->nsections;
		memo.sec = xcalloc(memo.nsec ? memo.nsec : 1, sizeof *memo.sec);
		memo.dirty = xcalloc(memo.nsec ? memo.nsec : 1, sizeof *memo.dirty);
	}
	memo.d = d;
	memo.serial = checklist_serial(cl);
	memo.counted = checklist_count(cl);
	for (size_t i = 0; i < memo.nsec; i++)
		memo.dirty[i] = true;
}

static void memo_update(const struct checklist *cl, const struct directive *d)
{
	size_t count = checklist_count(cl);
	bool any = false;

	if (memo.d != d || memo.serial != checklist_serial(cl) || memo.counted > count)
		memo_restart(cl, d);
	else if (memo.version == checklist_version(cl))
		return;
	for (; memo.counted < count; memo.counted++) {
		const struct item *it = directive_item(d, checklist_arrival(cl, memo.counted)->item);

		/* items the revision lacks count nowhere (decision 6) */
		if (it)
			memo.dirty[it->section] = true;
	}
	for (size_t i = 0; i < memo.nsec; i++)
		if (memo.dirty[i]) {
			count_section(cl, d, i, &memo.sec[i]);
			memo.dirty[i] = false;
			any = true;
		}
	if (any) {
		memset(&memo.all, 0, sizeof memo.all);
		for (size_t i = 0; i < memo.nsec; i++)
			counts_add(&memo.all, &memo.sec[i]);
	}
	memo.version = checklist_version(cl);
}

const struct counts *counts_of(const struct app *a, size_t section)
{
	static const struct counts none;

	if (!a->st || !a->d || a->loading)
		return &none;
	memo_update(a->st->cl, a->d);
	if (section == (size_t)-1)
		return &memo.all;
	return section < memo.nsec ? &memo.sec[section] : &none;
}

void counts_free(void)
{
	free(memo.sec);
	free(memo.dirty);
	memset(&memo, 0, sizeof memo);
}

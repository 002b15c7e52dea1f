/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * unit.c: the config's unit_name and parent as edits of the unit's own
 * fields (see config.h).
 *
 * The name and parent are events in each unit file (UNIT_ITEM), so they
 * travel and merge like any value.  The config still says what they are
 * on this laptop; a value there that the file's log has never held is a
 * rename the person made in the config, and becomes an edit.  A value the
 * log did hold once is an old one this laptop kept: another laptop renamed
 * the unit since, and that rename stands.  So two laptops whose configs
 * disagree do not rename the unit back and forth.
 */
#include "config/config.h"

#include <stdlib.h>
#include <string.h>

#include "text/text.h"

/* True if field of UNIT_ITEM ever held value in st's log. */
static bool ever_held(const struct state *st, const char *field, const char *value)
{
	const struct event **ev;
	size_t n = checklist_item_events(st->cl, UNIT_ITEM, &ev);
	bool held = false;

	for (size_t i = 0; i < n && !held; i++)
		held = strcmp(ev[i]->field, field) == 0 && strcmp(ev[i]->value, value) == 0;
	free(ev);
	return held;
}

char *config_unit_pending(const struct config *c, const struct state *st, const char *field)
{
	const char *want = strcmp(field, UNIT_NAME) == 0 ? c->unit_name : c->parent;
	char *clean;

	if (!want || !c->unit || strcmp(c->unit, st->unit) != 0)
		return NULL;
	clean = strcmp(field, UNIT_NAME) == 0 ? text_clean_input(want) : xstrdup(want);
	if (!*clean || ever_held(st, field, clean)) {
		free(clean);
		return NULL;
	}
	return clean;
}

int config_unit_apply(const struct config *c, struct state *st, const struct directive *d,
		      struct edit_ctx *ctx, struct dvk_error *err)
{
	static const char *const fields[] = { UNIT_NAME, UNIT_PARENT };
	struct assignment as[2];
	char *vals[2];
	size_t n = 0;
	int added = 0;

	for (size_t i = 0; i < ARRAY_LEN(fields); i++)
		if ((vals[n] = config_unit_pending(c, st, fields[i]))) {
			as[n] = (struct assignment){ fields[i], vals[n] };
			n++;
		}
	if (n)
		added = checklist_apply(st->cl, d, UNIT_ITEM, as, n, ctx, err);
	for (size_t i = 0; i < n; i++)
		free(vals[i]);
	return added;
}

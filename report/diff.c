/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * diff.c: what one state file holds that another does not (see
 * report.h), for a reviewer looking at what arrived on a USB stick before
 * merging it.
 *
 * Both sets are in canonical order, so the events of b missing from a
 * are found in one merge-like pass; old values are looked up by id in
 * a ∪ b, sorted once.
 */
#include "report/report.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "text/text.h"

static int by_time(const void *pa, const void *pb)
{
	const struct event *a = *(const struct event *const *)pa, *b = *(const struct event *const *)pb;

	if (a->at != b->at)
		return a->at < b->at ? -1 : 1;
	if (a->tick != b->tick)
		return a->tick < b->tick ? -1 : 1;
	return event_cmp(a, b);
}

static int by_id(const void *pa, const void *pb)
{
	const struct event *a = *(const struct event *const *)pa, *b = *(const struct event *const *)pb;

	return event_id_cmp(&a->id, &b->id);
}

void report_diff_make(const struct checklist *a, const struct checklist *b,
		      struct report_diff *out)
{
	size_t i = 0, na = checklist_count(a), nb = checklist_count(b);
	const struct event *const *ea = checklist_events(a), *const *eb = checklist_events(b);

	memset(out, 0, sizeof *out);
	out->added = xcalloc(nb ? nb : 1, sizeof *out->added);
	for (size_t j = 0; j < nb; j++) {
		int c = -1;

		while (i < na && (c = event_cmp(ea[i], eb[j])) < 0)
			i++;
		if (i == na || c != 0)
			out->added[out->n++] = eb[j];
	}
	qsort(out->added, out->n, sizeof *out->added, by_time);
	out->ids = xcalloc(na + nb ? na + nb : 1, sizeof *out->ids);
	for (size_t k = 0; k < na; k++)
		out->ids[out->nids++] = ea[k];
	for (size_t k = 0; k < nb; k++)
		out->ids[out->nids++] = eb[k];
	qsort(out->ids, out->nids, sizeof *out->ids, by_id);
}

void report_diff_free(struct report_diff *df)
{
	free(df->added);
	free(df->ids);
	memset(df, 0, sizeof *df);
}

static const struct event *find_id(const struct report_diff *df, const struct event_id *id)
{
	struct event key = { .id = *id };
	const struct event *kp = &key, **hit;

	hit = bsearch(&kp, df->ids, df->nids, sizeof *df->ids, by_id);
	return hit ? *hit : NULL;
}

/* v as one line: control characters visible, line breaks as "⏎". */
static void add_value(struct buf *b, const char *v)
{
	char *clean = text_sanitize(v ? v : "", true);

	for (const char *p = clean; *p; p++) {
		if (*p == '\n')
			buf_adds(b, "⏎");
		else
			buf_addc(b, *p);
	}
	free(clean);
}

void report_diff_line(const struct report_diff *df, size_t i, struct buf *out)
{
	const struct event *e = df->added[i];
	char when[32];
	int used;
	/* a hand edit's author is a file name: the line's end names it */
	char *by = text_sanitize(event_is_hand_edit(e) ? _("(by hand)") : e->by ? e->by : "", false);
	size_t fit = text_fit(by, 20, &used);

	/* the laptop's own time, as the screens show it; minutes are
	 * enough to read, the file has the rest */
	time_t t = (time_t)(e->at / 1000 - (e->at % 1000 < 0));
	struct tm tm;
	if (!localtime_r(&t, &tm) || !strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm)) {
		time_format(e->at, when, sizeof when);
		when[16] = '\0';
		when[10] = ' ';
	}
	buf_printf(out, "%s  ", when);
	buf_add(out, by, fit);
	for (; used < 20; used++)
		buf_addc(out, ' ');
	buf_adds(out, "  ");
	if (strcmp(e->item, UNIT_ITEM) == 0) {
		/* the unit's own fields: what they are, not the reserved id */
		add_value(out, checklist_unit_label(e->field));
	} else {
		add_value(out, e->item);
		buf_adds(out, "  ");
		add_value(out, e->field);
	}
	buf_adds(out, ": ");
	for (size_t k = 0; k < e->npred; k++) {
		const struct event *old = find_id(df, &e->pred[k]);
		bool seen = false;

		/* Replaced heads that agree are one old value, shown once. */
		for (size_t j = 0; j < k && old; j++) {
			const struct event *prev = find_id(df, &e->pred[j]);

			seen = seen || (prev && strcmp(prev->value, old->value) == 0);
		}
		if (seen)
			continue;
		if (k)
			buf_adds(out, " | ");
		add_value(out, old ? old->value : "?");
	}
	if (e->npred)
		buf_adds(out, " → ");
	add_value(out, e->value);
	free(by);
}

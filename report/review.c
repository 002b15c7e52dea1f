/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * review.c: a reviewer's verdict on a unit's item (see report.h).
 *
 * A review is two ordinary fields of the item, review and
 * review_comment, so it is written, merged and carried back to the unit
 * like any other edit, signed by whoever wrote it.
 */
#include "report/report.h"

#include <string.h>

int report_review(struct state *st, const struct directive *d, const char *item,
		  const char *verdict, const char *comment, struct edit_ctx *ctx,
		  struct dvk_error *err)
{
	struct assignment as[2];
	size_t n = 0;
	const char *old;
	bool conflict = false;

	as[n++] = (struct assignment){ "review", verdict };
	if (comment && *comment) {
		as[n++] = (struct assignment){ "review_comment", comment };
	} else {
		/* A new verdict without a word must not inherit the words of
		 * the last one ("thiếu biên bản" under "approved"). */
		old = checklist_value(st->cl, item, "review_comment", &conflict);
		if ((old && *old) || conflict)
			as[n++] = (struct assignment){ "review_comment", "" };
	}
	return checklist_apply(st->cl, d, item, as, n, ctx, err);
}

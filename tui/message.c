/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * message.c: the last message whole (m), for one too long for the lines
 * the status area gives it, or gone before it was read.
 */
#include "tui/app.h"

#include <stdlib.h>

static void message_rows(const struct app *a, const struct screen *s, struct rows *r, int cols)
{
	(void)s;
	rows_add(r, a, a->last_msg ? a->last_msg : "", cols,
		 &(struct row_opts){.el = a->last_msg_error ? EL_ERROR : EL_NORMAL});
}

static char *message_title(const struct app *a, const struct screen *s)
{
	(void)a;
	(void)s;
	return xstrdup(_("Last message"));
}

static void message_open(struct app *a, struct screen *s, const struct screen_arg *arg)
{
	(void)a;
	(void)arg;
	s->sel = -1;
}

const struct screen_ops message_screen = {
	.name = "message",
	.open = message_open,
	.title = message_title,
	.rows = message_rows,
};

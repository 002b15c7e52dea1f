/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * confirm.c: a question at the bottom of the screen, answered by one key
 * of a few choices ("Xoá bản ghi này? c có · k không").  The question
 * says what it asks in as many lines as it needs; any other key does
 * nothing, so a stray key never answers it.
 */
#include "tui/app.h"

#include <stdlib.h>
#include <string.h>

#include "text/text.h"

#define CONFIRM_MAX 4

struct confirm_priv {
	char *msg;
	struct choice choices[CONFIRM_MAX]; /* keys and labels owned */
	size_t n;
	int (*answer)(struct app *a, int k, void *arg);
	void *arg;
	void (*free_arg)(void *arg);
};

struct confirm_spec {
	const char *msg;
	const struct choice *choices;
	size_t n;
	int (*answer)(struct app *a, int k, void *arg);
	void *arg;
	void (*free_arg)(void *arg);
};

static void confirm_screen_open(struct app *a, struct screen *s, const struct screen_arg *arg)
{
	(void)a;
	struct confirm_priv *p = s->priv;
	const struct confirm_spec *sp = arg->data;
	p->msg = xstrdup(sp->msg);
	p->n = sp->n < CONFIRM_MAX ? sp->n : CONFIRM_MAX;
	for (size_t i = 0; i < p->n; i++) {
		p->choices[i].keys = xstrdup(sp->choices[i].keys);
		p->choices[i].label = xstrdup(sp->choices[i].label);
	}
	p->answer = sp->answer;
	p->arg = sp->arg;
	p->free_arg = sp->free_arg;
}

static void confirm_close(struct app *a, struct screen *s)
{
	(void)a;
	struct confirm_priv *p = s->priv;
	free(p->msg);
	for (size_t i = 0; i < p->n; i++) {
		free((char *)p->choices[i].keys);
		free((char *)p->choices[i].label);
	}
	if (p->free_arg)
		p->free_arg(p->arg);
}

void confirm_open(struct app *a, const char *msg, const struct choice *choices, size_t n,
		  int (*answer)(struct app *a, int k, void *arg), void *arg,
		  void (*free_arg)(void *arg))
{
	struct confirm_spec sp = {msg, choices, n, answer, arg, free_arg};
	/* the question says what matters; a message drawn over it would
	 * hide its choices (m still shows the message) */
	free(a->msg);
	a->msg = NULL;
	screen_push(a, SCR_CONFIRM, &(struct screen_arg){.data = &sp});
}

/* "c có · k không" */
static char *confirm_choices_text(const struct confirm_priv *p)
{
	struct buf b = {0};
	for (size_t i = 0; i < p->n; i++) {
		const char *k = p->choices[i].keys;
		buf_printf(&b, "%s%s %s", i ? " · " : "",
			   k[0] == '\r' ? "Enter" : (char[2]){k[0], '\0'}, p->choices[i].label);
	}
	return buf_steal(&b);
}

/* The question and its choices, wrapped, over the bottom rows. */
static void confirm_bar(WINDOW *w, const struct app *a, const struct screen *s)
{
	const struct confirm_priv *p = s->priv;
	char *ch = confirm_choices_text(p);
	char *all = xasprintf("%s\n%s", p->msg, ch);
	char *d = draw_disp(a, all, true);
	size_t *st, *ln;
	size_t n = draw_wrap(d, COLS - 1, &st, &ln);
	size_t max = (size_t)(LINES - 2);
	size_t from = n > max ? n - max : 0; /* the choices always show */
	int y0 = LINES - (int)(n - from);
	for (size_t i = from; i < n; i++) {
		int y = y0 + (int)(i - from);
		draw_fill(w, a, y, 0, COLS, EL_HEADER);
		char *row = xstrndup(d + st[i], ln[i]);
		draw_text(w, a, y, 0, COLS - 1, row, EL_HEADER);
		free(row);
	}
	free(st);
	free(ln);
	free(d);
	free(all);
	free(ch);
}

static int confirm_key(struct app *a, struct screen *s, int act, int key)
{
	struct confirm_priv *p = s->priv;
	int k = -2;
	for (size_t i = 0; i < p->n && k == -2; i++) {
		for (const char *c = p->choices[i].keys; *c; c++)
			if (key == (unsigned char)*c || (*c == '\r' && key == TK(KEY_ENTER))) {
				k = (int)i;
				break;
			}
	}
	if (k == -2 && (act == ACT_BACK || key == TK_ESC))
		k = -1;
	if (k == -2)
		return R_NONE;
	/* the answer may open screens: take the question off first */
	int (*answer)(struct app *, int, void *) = p->answer;
	void *arg = p->arg;
	void (*free_arg)(void *) = p->free_arg;
	p->free_arg = NULL;
	screen_pop(a);
	int flags = answer ? answer(a, k, arg) : R_REDRAW;
	if (free_arg)
		free_arg(arg);
	return flags | R_REDRAW;
}

const struct screen_ops confirm_screen = {
	.name = "confirm",
	.priv_size = sizeof(struct confirm_priv),
	.flags = SCREEN_OVERLAY | SCREEN_RAW,
	.open = confirm_screen_open,
	.close = confirm_close,
	.bar = confirm_bar,
	.key = confirm_key,
};

/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * recovery.c: the unit's file does not parse (edited by hand, cut short,
 * damaged on a stick).  Instead of stopping, dvk says where and what is
 * wrong, in the user's language, shows the lines around it, and offers
 * the newest backup that can be read (B).  The file is never written
 * over: B first renames it aside (store_restore_over_broken), and r reads
 * it again after a person corrected it by hand.
 */
#include "tui/app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"

/* Lines shown around the one named. */
#define RECOVERY_BEFORE 3
#define RECOVERY_AFTER 2

struct recovery_priv {
	struct dvk_error err;  /* why the file does not parse */
	char **lines;          /* the file's lines around err.line (owned) */
	size_t nlines, first;  /* first: the number of lines[0] */
	struct backup *backups;/* newest first (owned) */
	size_t nbackups;
	long good;             /* the newest that reads, -1 none */
	size_t good_events;
	bool journal;          /* this laptop keeps a journal of the unit */
};

static void recovery_free_lines(struct recovery_priv *p)
{
	for (size_t i = 0; i < p->nlines; i++)
		free(p->lines[i]);
	free(p->lines);
	p->lines = NULL;
	p->nlines = 0;
}

/* The lines of path around line (1-based). */
static void recovery_excerpt(struct recovery_priv *p, const char *path, int line)
{
	recovery_free_lines(p);
	if (line <= 0)
		return;
	FILE *f = fopen(path, "rb");
	if (!f)
		return;
	size_t from = (size_t)line > RECOVERY_BEFORE ? (size_t)line - RECOVERY_BEFORE : 1;
	size_t to = (size_t)line + RECOVERY_AFTER, n = 0, cap = 0;
	struct buf b = {0};
	size_t no = 1;
	int c;
	while (no <= to && (c = fgetc(f)) != EOF) {
		if (c != '\n') {
			if (no >= from && b.len < 400)
				buf_addc(&b, (char)c);
			continue;
		}
		if (no >= from) {
			GROW(p->lines, n + 1, cap);
			p->lines[n++] = b.data ? buf_steal(&b) : xstrdup("");
		}
		buf_free(&b);
		no++;
	}
	if (no <= to && no >= from && b.len) {
		GROW(p->lines, n + 1, cap);
		p->lines[n++] = buf_steal(&b);
	}
	buf_free(&b);
	fclose(f);
	p->nlines = n;
	p->first = from;
}

/* The newest backup that loads, for the own unit. */
static void recovery_find_backup(struct app *a, struct recovery_priv *p)
{
	store_backups_free(p->backups, p->nbackups);
	p->nbackups = store_backups(a->cfg->data_dir, a->d->id, a->cfg->unit, &p->backups);
	p->good = -1;
	for (size_t i = 0; i < p->nbackups && p->good < 0; i++) {
		struct dvk_error err;
		struct state *st = store_load(p->backups[i].path, a->d, &err);
		if (st && !strcmp(st->unit, a->cfg->unit)) {
			p->good = (long)i;
			p->good_events = checklist_count(st->cl);
		}
		state_free(st);
	}
}

static void recovery_set(struct app *a, struct recovery_priv *p, const struct dvk_error *err)
{
	char *j = a->cfg->state_dir ? store_journal_path(a->cfg->state_dir, a->d->id, a->cfg->unit)
				    : NULL;
	p->journal = j && store_exists(j);
	free(j);
	p->err = *err;
	recovery_excerpt(p, a->path, err->line);
	recovery_find_backup(a, p);
}

static void recovery_open(struct app *a, struct screen *s, const struct screen_arg *arg)
{
	struct recovery_priv *p = s->priv;
	recovery_set(a, p, arg->data);
	s->sel = -1;
	a->exit_status = 1; /* quitting here is not a normal end */
}

static void recovery_close(struct app *a, struct screen *s)
{
	(void)a;
	struct recovery_priv *p = s->priv;
	recovery_free_lines(p);
	store_backups_free(p->backups, p->nbackups);
}

static void recovery_rows(const struct app *a, const struct screen *s, struct rows *r, int cols)
{
	const struct recovery_priv *p = s->priv;
	static const struct row_opts para = {.prefix = "  ", .indent = "  "};
	rows_add(r, a, _("This unit's file cannot be read"), cols,
		 &(struct row_opts){.el = EL_ERROR});
	rows_add(r, a, a->path, cols, &(struct row_opts){.prefix = _("File: "), .prefix_el = EL_LABEL});
	char *why = p->err.line > 0
		? (p->err.col > 0 ? xasprintf(_("Line %d, column %d: %s"), p->err.line, p->err.col,
					      p->err.message)
				  : xasprintf(_("Line %d: %s"), p->err.line, p->err.message))
		: xstrdup(p->err.message);
	rows_add(r, a, why, cols, &(struct row_opts){.el = EL_ERROR});
	free(why);
	if (p->nlines) {
		rows_blank(r);
		for (size_t i = 0; i < p->nlines; i++) {
			size_t no = p->first + i;
			bool here = (int)no == p->err.line;
			char *pre = xasprintf("%s%5zu  ", here ? "> " : "  ", no);
			rows_add(r, a, p->lines[i], cols,
				 &(struct row_opts){.prefix = pre, .indent = "         ",
						    .el = here ? EL_ERROR : EL_NORMAL,
						    .prefix_el = here ? EL_ERROR : EL_HINT});
			free(pre);
		}
	}
	rows_blank(r);
	rows_add(r, a, _("dvk has changed nothing in this file and will not write over it."), cols,
		 &para);
	if (p->good >= 0) {
		char when[32];
		when_text(p->backups[p->good].when, when, sizeof when);
		char *m = xasprintf(ngettext("The newest backup that can be read is from %s (%zu change). "
					     "B puts it back; the broken file is kept beside it, its name "
					     "ending in .broken-DATE.",
					     "The newest backup that can be read is from %s (%zu changes). "
					     "B puts it back; the broken file is kept beside it, its name "
					     "ending in .broken-DATE.",
					     p->good_events),
				    when, p->good_events);
		rows_add(r, a, m, cols, &para);
		free(m);
		if (p->journal)
			rows_add(r, a, _("What was done on this laptop since that backup comes back too, "
					 "from this laptop's journal."),
				 cols, &para);
	} else {
		rows_add(r, a, _("There is no backup of this file that can be read."), cols, &para);
	}
	rows_add(r, a, _("Or correct the line by hand in a text editor, then press r to read the file "
			 "again; `dvk check FILE` lists every problem."),
		 cols, &para);
	rows_add(r, a, _("q leaves dvk without changing anything."), cols, &para);
}

static char *recovery_title(const struct app *a, const struct screen *s)
{
	(void)a;
	(void)s;
	return xstrdup(_("File cannot be read"));
}

static int recovery_key(struct app *a, struct screen *s, int act, int key)
{
	(void)key;
	struct recovery_priv *p = s->priv;
	struct dvk_error err;
	dvk_error_clear(&err);
	if (act == ACT_RESTORE) {
		if (p->good < 0)
			return R_REDRAW;
		char *aside = NULL;
		char when[32];
		when_text(p->backups[p->good].when, when, sizeof when);
		if (!store_restore_over_broken(a->path, p->backups[p->good].path, config_now(), &aside,
					       &err)) {
			char *t = app_error_text(&err);
			app_msg(a, true, _("The backup was not put back: %s"), t);
			free(t);
			return R_REDRAW;
		}
		char *msg = xasprintf(_("The backup of %s is back in place. The broken file is kept as %s."),
				      when, aside);
		free(aside);
		if (app_reopen(a, &err)) {
			a->exit_status = 0;
			/* what the journal brought back, if it said so, too */
			char *also = a->msg ? xstrdup(a->msg) : NULL;
			if (also)
				app_msg(a, false, "%s %s", msg, also);
			else
				app_msg(a, false, "%s", msg);
			free(also);
		} else {
			/* s is still the top screen: show what is wrong now */
			recovery_set(a, s->priv, &err);
			app_msg(a, true, "%s", msg);
		}
		free(msg);
		return R_REDRAW;
	}
	if (act == ACT_RELOAD) {
		if (app_reopen(a, &err)) {
			a->exit_status = 0;
			app_msg(a, false, _("The file reads again."));
		} else {
			recovery_set(a, s->priv, &err);
			app_msg(a, true, _("The file still cannot be read."));
		}
		return R_REDRAW;
	}
	return R_PASS;
}

static bool recovery_offers(const struct app *a, const struct screen *s, const struct screen_key *k)
{
	(void)a;
	const struct recovery_priv *p = s->priv;
	return k->act != ACT_RESTORE || p->good >= 0;
}

static const struct screen_key recovery_keys[] = {
	{ACT_RESTORE, NC_("key bar", "put the backup back")},
	{ACT_RELOAD, NC_("key bar", "read again")},
	{ACT_NONE, NULL},
};

const struct screen_ops recovery_screen = {
	.name = "recovery",
	.priv_size = sizeof(struct recovery_priv),
	.keys = recovery_keys,
	.open = recovery_open,
	.close = recovery_close,
	.title = recovery_title,
	.rows = recovery_rows,
	.offers = recovery_offers,
	.key = recovery_key,
};

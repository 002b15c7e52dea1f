/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * chooser.c: the first screen when the data folder holds several
 * directives.  Each one with its title, issuer, revision and the unit's
 * progress on it; Enter opens it (its overview goes on top, Esc comes
 * back here).  `--directive ID` or `directive:` in the config skip it.
 */
#include "tui/app.h"

#include <stdlib.h>
#include <string.h>

struct chooser_priv {
	struct progress *p; /* per catalog entry: the unit's progress */
	bool *started;      /* the unit has a file of it */
	size_t n;
};

static void chooser_figures(struct app *a, struct chooser_priv *cp)
{
	free(cp->p);
	free(cp->started);
	cp->n = catalog_count(a->cat);
	cp->p = xcalloc(cp->n + 1, sizeof *cp->p);
	cp->started = xcalloc(cp->n + 1, sizeof *cp->started);
	for (size_t i = 0; i < cp->n; i++)
		cp->started[i] = catalog_unit_progress(a->cfg->data_dir, catalog_entry(a->cat, i),
						       a->cfg->unit, &cp->p[i]);
}

void chooser_refresh(struct app *a)
{
	struct screen *s = screen_find(a, SCR_CHOOSER);

	if (s)
		chooser_figures(a, s->priv);
}

static void chooser_open(struct app *a, struct screen *s, const struct screen_arg *arg)
{
	(void)arg;
	chooser_figures(a, s->priv);
	s->sel = 0;
}

static void chooser_close(struct app *a, struct screen *s)
{
	struct chooser_priv *cp = s->priv;

	(void)a;
	free(cp->p);
	free(cp->started);
}

/* "UBND tỉnh Thanh Hóa · bản sửa đổi 2 (2023-06-01) · đã xong 3/38 (7%)" */
static char *chooser_detail(const struct catalog_entry *e, const struct progress *p, bool started)
{
	const struct directive *d = e->d;
	struct buf b = {0};

	buf_adds(&b, d->issuer ? d->issuer : "");
	buf_adds(&b, " · ");
	buf_printf(&b, _("revision %u"), d->revision);
	if (d->revision_date)
		buf_printf(&b, " (%s)", d->revision_date);
	buf_adds(&b, " · ");
	if (started)
		buf_printf(&b, _("%u/%u done (%u%%)"), p->done, p->total - p->na, progress_percent(p));
	else
		buf_adds(&b, _("not started"));
	return buf_steal(&b);
}

static void chooser_rows(const struct app *a, const struct screen *s, struct rows *r, int cols)
{
	const struct chooser_priv *cp = s->priv;
	size_t n = catalog_count(a->cat);
	char *head = xasprintf(ngettext("%zu directive in the data folder: choose one (Enter).",
					"%zu directives in the data folder: choose one (Enter).", n), n);

	rows_add(r, a, head, cols, &(struct row_opts){.el = EL_TITLE});
	free(head);
	rows_add(r, a, a->cfg->data_dir, cols, &(struct row_opts){.el = EL_HINT});
	for (size_t i = 0; i < catalog_problems(a->cat); i++) {
		char buf[DVK_ERR_MSG + DVK_ERR_PATH + 32];

		rows_add(r, a, dvk_error_format(catalog_problem(a->cat, i), buf, sizeof buf), cols,
			 &(struct row_opts){.prefix = "! ", .indent = "  ", .el = EL_ERROR,
					    .prefix_el = EL_ERROR});
	}
	for (size_t i = 0; i < n && i < cp->n; i++) {
		const struct catalog_entry *e = catalog_entry(a->cat, i);
		const struct progress *p = &cp->p[i];
		char *detail = chooser_detail(e, p, cp->started[i]);
		bool done = cp->started[i] && p->total && p->done + p->na == p->total;

		rows_blank(r);
		rows_add(r, a, e->d->title, cols,
			 &(struct row_opts){.prefix = "  ", .indent = "  ", .el = done ? EL_DONE : EL_NORMAL,
					    .selectable = true, .target = (int)i});
		rows_add(r, a, detail, cols,
			 &(struct row_opts){.prefix = "  ", .indent = "  ", .el = EL_HINT,
					    .selectable = true, .target = (int)i});
		free(detail);
	}
}

static char *chooser_title(const struct app *a, const struct screen *s)
{
	(void)a;
	(void)s;
	return xasprintf("dvk · %s", _("Choose a directive"));
}

static int chooser_key(struct app *a, struct screen *s, int act, int key)
{
	(void)key;
	switch (act) {
	case ACT_OPEN:
		if (s->sel < 0 || (size_t)s->sel >= catalog_count(a->cat))
			return R_NONE;
		return app_choose(a, catalog_entry(a->cat, (size_t)s->sel));
	case ACT_RELOAD:
		/* a directive that came by sync or stick meanwhile */
		catalog_free(a->cat);
		a->cat = catalog_load(a->cfg->data_dir);
		chooser_figures(a, s->priv);
		if (s->sel >= (int)catalog_count(a->cat))
			s->sel = catalog_count(a->cat) ? (int)catalog_count(a->cat) - 1 : 0;
		app_msg(a, false, _("Reloaded the list of directives."));
		return R_REDRAW;
	default:
		return R_PASS;
	}
}

static const struct screen_key chooser_keys[] = {
	{ACT_OPEN, NULL},
	{ACT_RELOAD, NULL},
	{ACT_NONE, NULL},
};

const struct screen_ops chooser_screen = {
	.name = "chooser",
	.priv_size = sizeof(struct chooser_priv),
	.keys = chooser_keys,
	.open = chooser_open,
	.close = chooser_close,
	.title = chooser_title,
	.rows = chooser_rows,
	.key = chooser_key,
};

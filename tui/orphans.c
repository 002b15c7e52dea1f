/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * orphans.c: "Mục không còn trong văn bản": what the unit's file holds
 * that the directive's revision in use does not have.  Items a correction
 * removed, with their status, note and records as they were left, and
 * values of evidence fields that were dropped or whose type changed.
 * Read only: nothing is lost, nothing new can be added to them, and none
 * of it counts in the progress (checklist.h, PLAN decision 6).
 */
#include "tui/app.h"

#include <stdlib.h>
#include <string.h>

/* The overview asks on every repaint: counted once per version of the
 * events (and directive). */
static struct {
	const struct checklist *cl;
	const struct directive *d;
	unsigned long version;
	size_t items, misfits;
} memo;

size_t orphans_count(const struct app *a, size_t *nmisfits)
{
	if (!a->st || !a->d) {
		*nmisfits = 0;
		return 0;
	}
	if (memo.cl != a->st->cl || memo.d != a->d || memo.version != checklist_version(a->st->cl)) {
		const char **items;
		struct misfit *mf;

		memo.items = checklist_orphan_items(a->st->cl, a->d, &items);
		memo.misfits = checklist_misfit_values(a->st->cl, a->d, &mf);
		free(items);
		free(mf);
		memo.cl = a->st->cl;
		memo.d = a->d;
		memo.version = checklist_version(a->st->cl);
	}
	*nmisfits = memo.misfits;
	return memo.items;
}

static void field_row(const struct app *a, struct rows *r, int cols, const char *label,
		      const char *value)
{
	char *pre = xasprintf("    %s: ", label);

	rows_add(r, a, value, cols, &(struct row_opts){.prefix = pre, .indent = "      ",
						       .prefix_el = EL_LABEL});
	free(pre);
}

/* One removed item: its status and what was recorded, as it was left. */
static void orphan_item(const struct app *a, struct rows *r, int cols, const char *id)
{
	struct item_view v;
	struct item_stats st;
	char when[32];

	checklist_item_view(a->st->cl, id, &v);
	checklist_item_stats(a->st->cl, id, &st);
	when_text(st.last_at, when, sizeof when);
	char *head = xasprintf(ngettext("%s %s · %s · %zu entry, the last %s",
					"%s %s · %s · %zu entries, the last %s", st.nevents),
			       status_marker(v.status), id, status_label(v.status), st.nevents, when);
	rows_add(r, a, head, cols, &(struct row_opts){.prefix = "  ", .indent = "    ",
						       .el = status_element(v.status)});
	free(head);
	if (v.reason_f.value)
		field_row(a, r, cols, _("Reason"), v.reason_f.value);
	if (v.note_f.value && *v.note_f.value)
		field_row(a, r, cols, _("Note"), v.note_f.value);
	for (size_t i = 0; i < v.nacts; i++) {
		if (v.acts[i].deleted)
			continue;
		for (size_t k = 0; k < v.acts[i].nvalues; k++) {
			const struct field_view *fv = &v.acts[i].values[k];

			if (fv->value)
				field_row(a, r, cols, strrchr(fv->field, '.') + 1, fv->value);
		}
	}
	item_view_free(&v);
}

static void orphans_rows(const struct app *a, const struct screen *s, struct rows *r, int cols)
{
	const char **items;
	struct misfit *mf;
	size_t n = checklist_orphan_items(a->st->cl, a->d, &items);
	size_t nmf = checklist_misfit_values(a->st->cl, a->d, &mf);

	(void)s;
	rows_add(r, a, _("Items no longer in the directive"), cols, &(struct row_opts){.el = EL_TITLE});
	char *why = xasprintf(_("Revision %u of the directive no longer has these items or fields. "
				"What was recorded for them is kept in the file and travels with it, "
				"but is not counted in the progress."), a->d->revision);
	rows_add(r, a, why, cols, &(struct row_opts){.el = EL_HINT});
	free(why);
	if (!n && !nmf)
		rows_add(r, a, _("(nothing: the file fits this revision)"), cols,
			 &(struct row_opts){.prefix = "  ", .el = EL_HINT});
	for (size_t i = 0; i < n; i++) {
		rows_blank(r);
		orphan_item(a, r, cols, items[i]);
	}
	if (nmf) {
		rows_blank(r);
		rows_add(r, a, _("Values this revision no longer takes"), cols,
			 &(struct row_opts){.el = EL_TITLE});
	}
	for (size_t i = 0; i < nmf; i++) {
		const struct item *it = directive_item(a->d, mf[i].item);
		const struct evidence_field *ef = item_evidence(it, mf[i].key);
		char *why1 = mf[i].fit == FIT_NO_FIELD
			? xasprintf(_("a field revision %u does not have"), a->d->revision)
			: xasprintf(_("no longer %s"), ef->type == EVIDENCE_DATE ? _("a date") :
				    ef->type == EVIDENCE_COUNT ? _("a count") : _("text"));
		char *line = xasprintf("%s  %s = %s  (%s)", mf[i].item, mf[i].key, mf[i].value, why1);

		rows_add(r, a, line, cols, &(struct row_opts){.prefix = "  ", .indent = "    "});
		free(line);
		free(why1);
	}
	free(items);
	free(mf);
}

static char *orphans_title(const struct app *a, const struct screen *s)
{
	(void)s;
	return xasprintf("dvk · %s", a->d->title);
}

static const struct screen_key orphans_keys[] = {
	{ACT_BACK, NULL},
	{ACT_NONE, NULL},
};

static int orphans_key(struct app *a, struct screen *s, int act, int key)
{
	(void)a;
	(void)s;
	(void)act;
	(void)key;
	return R_PASS;
}

const struct screen_ops orphans_screen = {
	.name = "orphans",
	.keys = orphans_keys,
	.title = orphans_title,
	.rows = orphans_rows,
	.key = orphans_key,
};

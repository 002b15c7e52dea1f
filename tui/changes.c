/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * changes.c: "Thay đổi mới", who changed what since this person last
 * looked.
 *
 * Several people keep one unit's file, on several laptops.  After a
 * merge (start-up fold, reload, a received file) the person should see
 * what the others did: who, when, which item and field, old → new, and
 * the conflicts to settle.  What this laptop profile has seen is kept as
 * the set of event ids in $XDG_STATE_HOME/dvk/seen/<directive>/<unit>
 * (written atomically), not as a time: a colleague back from days
 * offline brings edits stamped before ones already seen, and a time mark
 * would hide them.  A first start sees everything there is, so a new
 * laptop is not flooded with the unit's whole history.
 */
#include "tui/app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"

#define SEEN_MAGIC "dvk-seen/1\n"

static char *changes_path(const struct app *a)
{
	return xasprintf("%s/seen/%s/%s.txt", a->cfg->state_dir, a->d->id, a->cfg->unit);
}

static int changes_idcmp(const void *x, const void *y)
{
	return event_id_cmp(x, y);
}

/* Others' events not seen yet, found as events arrive: the overview
 * shows their number on every key, and looking at every event for that
 * cost a key 30 ms at 70,000 events. */
struct changes_memo {
	unsigned long serial;       /* the set counted (checklist_serial) */
	size_t counted;             /* its arrivals looked at */
	const struct event **v;     /* those by others not seen, as they came */
	size_t n, cap;
};

void changes_free(struct app *a)
{
	free(a->seen);
	a->seen = NULL;
	a->nseen = 0;
	if (!a->cm)
		a->cm = xcalloc(1, sizeof *a->cm);
	/* what was seen changed: count again */
	a->cm->serial = 0;
}

void changes_memo_free(struct app *a)
{
	if (a->cm)
		free(a->cm->v);
	free(a->cm);
	a->cm = NULL;
}

/* Take every event id of the state as seen (in memory). */
static void changes_take_all(struct app *a)
{
	changes_free(a);
	const struct checklist *cl = a->st->cl;
	size_t n = checklist_count(cl);
	a->seen = xcalloc(n ? n : 1, sizeof *a->seen);
	for (size_t i = 0; i < n; i++)
		a->seen[a->nseen++] = checklist_arrival(cl, i)->id;
	qsort(a->seen, a->nseen, sizeof *a->seen, changes_idcmp);
}

void changes_mark_seen(struct app *a)
{
	if (!a->st || !a->cfg->state_dir || !a->cfg->unit)
		return;
	changes_take_all(a);
	struct dvk_error err;
	dvk_error_clear(&err);
	char *path = changes_path(a);
	char *dir = xstrndup(path, (size_t)(strrchr(path, '/') - path));
	struct buf b = {0};
	buf_adds(&b, SEEN_MAGIC);
	for (size_t i = 0; i < a->nseen; i++) {
		char id[EVENT_ID_LEN + 1];
		buf_printf(&b, "%s\n", event_id_str(&a->seen[i], id));
	}
	if (!config_mkdirs(dir, &err) || !store_write_atomic(path, b.data, b.len, &err))
		app_msg(a, true, _("Could not remember what you have seen: %s"), err.message);
	buf_free(&b);
	free(dir);
	free(path);
}

void changes_load(struct app *a)
{
	changes_free(a);
	if (!a->cfg->state_dir || !a->cfg->unit)
		return;
	char *path = changes_path(a);
	FILE *f = fopen(path, "rb");
	free(path);
	if (!f) {
		changes_mark_seen(a);
		return;
	}
	char line[256];
	size_t cap = 0;
	bool first = true, ok = false;
	while (fgets(line, sizeof line, f)) {
		if (first) {
			ok = !strcmp(line, SEEN_MAGIC);
			first = false;
			if (!ok)
				break;
			continue;
		}
		line[strcspn(line, "\n")] = '\0';
		struct event_id id;
		if (!event_id_parse(line, &id))
			continue;
		GROW(a->seen, a->nseen + 1, cap);
		a->seen[a->nseen++] = id;
	}
	fclose(f);
	if (!ok) {
		/* unreadable mark: start again from what is here */
		changes_mark_seen(a);
		return;
	}
	if (a->nseen > 1)
		qsort(a->seen, a->nseen, sizeof *a->seen, changes_idcmp);
}

static bool changes_seen(const struct app *a, const struct event_id *id)
{
	return a->nseen && bsearch(id, a->seen, a->nseen, sizeof *a->seen, changes_idcmp);
}

static int changes_evcmp(const void *x, const void *y)
{
	const struct event *p = *(const struct event *const *)x, *q = *(const struct event *const *)y;
	if (p->at != q->at)
		return p->at < q->at ? -1 : 1;
	if (p->tick != q->tick)
		return p->tick < q->tick ? -1 : 1;
	return event_id_cmp(&p->id, &q->id);
}

/* The memo, brought up to the events that arrived since it was last
 * looked at (or made again for another set): O(new events). */
static const struct changes_memo *changes_update(const struct app *a)
{
	struct changes_memo *m = a->cm;
	const struct checklist *cl = a->st->cl;
	const char *me = a->cfg->user ? a->cfg->user : "";
	size_t count = checklist_count(cl);

	if (m->serial != checklist_serial(cl) || m->counted > count) {
		m->serial = checklist_serial(cl);
		m->counted = 0;
		m->n = 0;
	}
	for (; m->counted < count; m->counted++) {
		const struct event *e = checklist_arrival(cl, m->counted);

		if (strcmp(e->by, me) != 0 && !changes_seen(a, &e->id)) {
			GROW(m->v, m->n + 1, m->cap);
			m->v[m->n++] = e;
		}
	}
	return m;
}

size_t changes_count(const struct app *a)
{
	if (!a->st || a->review_dir || !a->cm || a->loading)
		return 0;
	return changes_update(a)->n;
}

size_t changes_list(const struct app *a, const struct event ***out)
{
	const struct changes_memo *m;
	const struct event **v;

	*out = NULL;
	if (!changes_count(a))
		return 0;
	m = changes_update(a);
	v = xmalloc(m->n * sizeof *v);
	memcpy(v, m->v, m->n * sizeof *v);
	if (m->n > 1)
		qsort(v, m->n, sizeof *v, changes_evcmp);
	*out = v;
	return m->n;
}

/* ---- the screen ---- */

/* The value e replaced: that of its pred (joined with " / " when it
 * replaced a conflict), or NULL when it replaced nothing. */
static char *changes_old(const struct app *a, const struct event *e)
{
	if (!e->npred)
		return NULL;
	const struct checklist *cl = a->st->cl;
	struct buf b = {0};
	for (size_t k = 0; k < e->npred; k++) {
		/* the pred is of the same item and field: few events to scan */
		const struct event *p = checklist_find(cl, e->item, e->field, &e->pred[k]);
		const char *val = p ? p->value : "?";
		char *txt = field_value_text(e->field, val);
		buf_printf(&b, "%s%s", k ? " / " : "", *txt ? txt : "\"\"");
		free(txt);
	}
	return buf_steal(&b);
}

/* One change of e as a line: when, who (a hand edit names its file),
 * which item and field, old → new.  it is e's item in the directive, NULL
 * for the unit's own fields and for items the directive's revision lacks
 * (their events are kept and carried: PLAN decision 6). */
static char *changes_line(const struct app *a, const struct event *e, const struct item *it)
{
	char when[32];
	when_text(e->at, when, sizeof when);
	bool unit = !strcmp(e->item, UNIT_ITEM);
	char *who = event_author(e);
	char *lab = unit ? xstrdup(checklist_unit_label(e->field)) : field_label(it, e->field);
	char *val = field_value_text(e->field, e->value);
	char *old = changes_old(a, e);
	size_t fl = strlen(e->field);
	bool del = fl > 8 && !strcmp(e->field + fl - 8, ".deleted");
	const char *id = unit ? "" : e->item;
	const char *sep = unit ? "" : "  ";
	/* a first name replaces the unit's id, which stood in for it */
	if (!old && unit && !strcmp(e->field, UNIT_NAME))
		old = xstrdup(a->st->unit);
	char *line = del ? xasprintf("%s  %s  %s%s%s", when, who, id, sep, lab)
		   : old ? xasprintf("%s  %s  %s%s%s: %s → %s", when, who, id, sep, lab, old, val)
		   : xasprintf("%s  %s  %s%s%s: %s", when, who, id, sep, lab, val);
	if (!it && !unit) {
		char *more = xasprintf("%s %s", line, _("(not in this revision of the directive)"));
		free(line);
		line = more;
	}
	free(old);
	free(val);
	free(lab);
	free(who);
	return line;
}

/* The unit's own fields whose copies disagree (no item to open: `dvk unit`
 * settles them). */
static void changes_unit_conflicts(const struct app *a, struct rows *r, int cols, bool *head)
{
	static const char *const fields[] = { UNIT_NAME, UNIT_PARENT };
	for (size_t i = 0; i < ARRAY_LEN(fields); i++) {
		bool conflict = false;
		checklist_value(a->st->cl, UNIT_ITEM, fields[i], &conflict);
		if (!conflict)
			continue;
		if (!*head) {
			rows_blank(r);
			rows_add(r, a, _("Conflicts to settle (Enter opens the item)"), cols,
				 &(struct row_opts){.prefix = "! ", .indent = "  ",
						    .el = EL_CONFLICT, .prefix_el = EL_CONFLICT});
			*head = true;
		}
		char *shown = state_unit_shown(a->st, fields[i]);
		char *line = xasprintf(_("%s: %s (settle it with dvk unit %s)"),
				       checklist_unit_label(fields[i]), shown ? shown : "",
				       !strcmp(fields[i], UNIT_NAME) ? "name" : "parent");
		rows_add(r, a, line, cols, &(struct row_opts){.prefix = "  ", .indent = "    ",
							       .el = EL_CONFLICT});
		free(line);
		free(shown);
	}
}

/* A target that opens "Mục không còn trong văn bản" rather than an item. */
#define TARGET_ORPHANS ((size_t)-1)

/* Rows; targets are items (indices into d->items): first the changes,
 * then the items in conflict.  *item_of (caller frees, may be NULL) maps
 * a target to its item, or to TARGET_ORPHANS for a change of an item the
 * directive's revision lacks.  Changes of the unit's name and parent, and
 * conflicts on them, are shown too, without a target. */
static void changes_layout(const struct app *a, struct rows *r, int cols, size_t **item_of)
{
	const struct event **ev;
	size_t n = changes_list(a, &ev);
	size_t *map = xcalloc(n + a->d->nitems + 1, sizeof *map);
	int t = 0;
	rows_add(r, a, _("What others changed since you last looked"), cols,
		 &(struct row_opts){.el = EL_TITLE});
	if (n == 0)
		rows_add(r, a, _("(nothing new)"), cols,
			 &(struct row_opts){.prefix = "  ", .indent = "  ", .el = EL_HINT});
	/* every change is listed, whatever it is of: a screen that opens
	 * for changes and shows none would hide them */
	for (size_t i = 0; i < n; i++) {
		const struct event *e = ev[i];
		long idx = directive_item_index(a->d, e->item);
		const struct item *it = idx >= 0 ? &a->d->items[idx] : NULL;
		bool orphan = !it && !checklist_item_reserved(e->item);
		char *line = changes_line(a, e, it);
		rows_add(r, a, line, cols, &(struct row_opts){.prefix = "  ", .indent = "    ",
							       .selectable = it || orphan, .target = t});
		if (it || orphan)
			map[t++] = it ? (size_t)idx : TARGET_ORPHANS;
		free(line);
	}
	free(ev);
	/* the conflicts to settle, wherever they came from */
	bool head = false;
	changes_unit_conflicts(a, r, cols, &head);
	for (size_t i = 0; i < a->d->nitems; i++) {
		struct item_view v;
		checklist_item_view(a->st->cl, a->d->items[i].id, &v);
		if (v.nconflicts) {
			if (!head) {
				rows_blank(r);
				rows_add(r, a, _("Conflicts to settle (Enter opens the item)"), cols,
					 &(struct row_opts){.prefix = "! ", .indent = "  ",
							    .el = EL_CONFLICT, .prefix_el = EL_CONFLICT});
				head = true;
			}
			char *line = xasprintf("%s  %s", a->d->items[i].id, a->d->items[i].text);
			rows_add(r, a, line, cols,
				 &(struct row_opts){.prefix = "  ", .indent = "    ", .el = EL_CONFLICT,
						    .selectable = true, .target = t});
			map[t++] = i;
			free(line);
		}
		item_view_free(&v);
	}
	if (item_of)
		*item_of = map;
	else
		free(map);
}

static void changes_rows(const struct app *a, const struct screen *s, struct rows *r, int cols)
{
	(void)s;
	changes_layout(a, r, cols, NULL);
}

static char *changes_title(const struct app *a, const struct screen *s)
{
	(void)a;
	(void)s;
	return xstrdup(_("New changes"));
}

static int changes_key(struct app *a, struct screen *s, int act, int key)
{
	(void)key;
	switch (act) {
	case ACT_BACK:
		/* dismissing is what marks them seen */
		changes_mark_seen(a);
		screen_pop(a);
		return R_REDRAW;
	case ACT_OPEN: {
		struct rows r = {0};
		size_t *map;
		changes_layout(a, &r, COLS, &map);
		int nt = rows_targets(&r);
		if (nt > 0 && s->sel >= 0 && s->sel < nt && map[s->sel] == TARGET_ORPHANS)
			screen_push(a, SCR_ORPHANS, NULL); /* Esc comes back here */
		else if (nt > 0 && s->sel >= 0 && s->sel < nt)
			item_open(a, map[s->sel]); /* Esc comes back here */
		rows_free(&r);
		free(map);
		return R_REDRAW;
	}
	default:
		return R_PASS;
	}
}

void changes_open(struct app *a)
{
	struct screen *top = screen_top(a);
	if (screen_is(top, SCR_CHANGES)) {
		/* c again: the same as Esc */
		changes_mark_seen(a);
		screen_pop(a);
		return;
	}
	screen_push(a, SCR_CHANGES, NULL);
}

static const struct screen_key changes_keys[] = {
	{ACT_OPEN, NC_("key bar", "open the item")},
	{ACT_BACK, NC_("key bar", "seen, back")},
	{ACT_NONE, NULL},
};

const struct screen_ops changes_screen = {
	.name = "changes",
	.keys = changes_keys,
	.title = changes_title,
	.rows = changes_rows,
	.key = changes_key,
};

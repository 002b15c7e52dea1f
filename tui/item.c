/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * item.c: one item in full: text, status, reason, note, activity records
 * with the directive's evidence fields, conflicts (every competing value
 * with who and when: keep one, or write a new one), and history.  Also
 * the status menu, which the section screen opens too.
 */
#include "tui/app.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "text/text.h"

struct item_priv {
	size_t item; /* index into d->items */
};

enum item_target_kind { T_STATUS, T_REASON, T_NOTE, T_REVIEW, T_ACT, T_ADD, T_HEAD };

struct item_target {
	enum item_target_kind kind;
	char *field;  /* the field this line edits (owned) */
	char *value;  /* T_HEAD: the value to keep (owned) */
	char *label;  /* evidence label for T_ACT (owned) */
	char *rid;    /* T_ACT: the record (owned) */
};

struct item_targets {
	struct item_target *v;
	size_t n, cap;
};

static int item_target_add(struct item_targets *t, enum item_target_kind k,
			   const char *field, const char *value)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->v = xrealloc(t->v, t->cap * sizeof *t->v);
	}
	struct item_target *x = &t->v[t->n];
	memset(x, 0, sizeof *x);
	x->kind = k;
	x->field = field ? xstrdup(field) : NULL;
	x->value = value ? xstrdup(value) : NULL;
	return (int)t->n++;
}

static void item_targets_free(struct item_targets *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->v[i].field);
		free(t->v[i].value);
		free(t->v[i].label);
		free(t->v[i].rid);
	}
	free(t->v);
}

const char *status_label(enum status s)
{
	switch (s) {
	case STATUS_TODO: return _("to do");
	case STATUS_IN_PROGRESS: return _("in progress");
	case STATUS_DONE: return _("done");
	case STATUS_NA: return _("not applicable");
	default: return _("CONFLICT");
	}
}

void when_text(int64_t ms, char *buf, size_t n)
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(buf, n, "%Y-%m-%d %H:%M", &tm);
}

char *field_label(const struct item *it, const char *field)
{
	if (!strcmp(field, "status"))
		return xstrdup(_("Status"));
	if (!strcmp(field, "reason"))
		return xstrdup(_("Reason"));
	if (!strcmp(field, "note"))
		return xstrdup(_("Note"));
	if (!strcmp(field, "review"))
		return xstrdup(_("Review"));
	if (!strcmp(field, "review_comment"))
		return xstrdup(_("Review comment"));
	if (!strncmp(field, "activity.", 9)) {
		const char *key = strchr(field + 9, '.');
		if (key) {
			key++;
			if (!strcmp(key, "deleted"))
				return xstrdup(_("Activity deleted"));
			const struct evidence_field *ef = item_evidence(it, key);
			return xasprintf("%s: %s", _("Activity"), ef ? ef->label : key);
		}
	}
	return xstrdup(field);
}

char *field_value_text(const char *field, const char *value)
{
	if (!value)
		return xstrdup("");
	if (!strcmp(field, "status")) {
		int s = status_parse(value);
		if (s >= 0)
			return xstrdup(status_label((enum status)s));
	}
	if (!strcmp(field, "review"))
		return xstrdup(verdict_label(value));
	return xstrdup(value);
}

static char *spaces(int n)
{
	char *s = xmalloc((size_t)(n > 0 ? n : 0) + 1);
	memset(s, ' ', (size_t)(n > 0 ? n : 0));
	s[n > 0 ? n : 0] = '\0';
	return s;
}

/* A labelled line: "  Label: value", wrapped under the value.  What the
 * unit wrote shows the search's matches (search.c finds them there). */
static void item_labelled(struct rows *r, const struct app *a, const char *label,
			  const char *value, int cols, enum element el, int target)
{
	const char *q = a->query;
	char *p1 = xasprintf("  %s: ", label);
	char *d = draw_disp(a, p1, false);
	int pw = text_width(d);
	free(d);
	if (pw > cols / 2) {
		/* a long label gets its own line */
		rows_add(r, a, p1, cols, &(struct row_opts){.el = EL_LABEL, .prefix_el = EL_LABEL, .selectable = target >= 0, .target = target});
		rows_add(r, a, value, cols, &(struct row_opts){.prefix = "      ", .indent = "      ", .el = el, .prefix_el = EL_LABEL, .selectable = target >= 0, .target = target, .query = q});
	} else {
		char *p2 = spaces(pw);
		rows_add(r, a, value, cols, &(struct row_opts){.prefix = p1, .indent = p2, .el = el, .prefix_el = EL_LABEL, .selectable = target >= 0, .target = target, .query = q});
		free(p2);
	}
	free(p1);
}

/* Who the directive tasks with the item and by when, as it states them
 * (an imported plan names both): a cadre looks for them with the task. */
static void item_duties(struct rows *r, const struct app *a, const struct item *it, int cols)
{
	if (it->nresponsible) {
		struct buf b = {0};

		for (size_t k = 0; k < it->nresponsible; k++)
			buf_printf(&b, "%s%s", k ? "; " : "", it->responsible[k]);
		item_labelled(r, a, _("Responsible"), b.data, cols, EL_NORMAL, -1);
		buf_free(&b);
	}
	if (it->deadline)
		item_labelled(r, a, _("Deadline"), it->deadline, cols, EL_NORMAL, -1);
}

/* Two competing values in two columns, each under who and when, so a
 * person can compare them before keeping one. */
static void item_side_by_side(struct rows *r, const struct app *a, const char *field,
			      const struct event **heads, int cols)
{
	int w = (cols - 4 - 3) / 2;
	char *col[2];
	size_t *st[2], *ln[2], n[2];
	for (int k = 0; k < 2; k++) {
		char when[32];
		when_text(heads[k]->at, when, sizeof when);
		char *val = field_value_text(field, heads[k]->value);
		char *txt = xasprintf("%d) %s\n%s\n%s", k + 1, heads[k]->by, when, val);
		col[k] = draw_disp(a, txt, true);
		n[k] = draw_wrap(col[k], w, &st[k], &ln[k]);
		free(txt);
		free(val);
	}
	const char *sep = " | ";
	for (size_t i = 0; i < n[0] || i < n[1]; i++) {
		struct buf b = {0};
		int used = 0;
		if (i < n[0]) {
			buf_add(&b, col[0] + st[0][i], ln[0][i]);
			used = text_width(b.data);
		}
		for (; used < w; used++)
			buf_addc(&b, ' ');
		buf_adds(&b, sep);
		if (i < n[1])
			buf_add(&b, col[1] + st[1][i], ln[1][i]);
		rows_add(r, a, b.data, cols, &(struct row_opts){.prefix = "    ", .indent = "    ",
							.el = i < 2 ? EL_HINT : EL_NORMAL});
		buf_free(&b);
	}
	for (int k = 0; k < 2; k++) {
		free(col[k]);
		free(st[k]);
		free(ln[k]);
	}
}

/* Newest first; events of the same moment in canonical order. */
static int item_history_cmp(const void *x, const void *y)
{
	const struct event *p = *(const struct event *const *)x, *q = *(const struct event *const *)y;

	if (p->at != q->at)
		return p->at > q->at ? -1 : 1;
	if (p->tick != q->tick)
		return p->tick > q->tick ? -1 : 1;
	return event_cmp(p, q);
}

static void item_layout(const struct app *a, const struct screen *scr, struct rows *r,
			struct item_targets *t, int cols)
{
	const struct item_priv *ip = scr->priv;
	const struct item *it = &a->d->items[ip->item];
	const struct section *s = &a->d->sections[it->section];
	struct item_view v;
	checklist_item_view(a->st->cl, it->id, &v);

	char *h = xasprintf("%s %s · %s", _("Item"), it->id, s->title);
	rows_add(r, a, h, cols, &(struct row_opts){.el = EL_TITLE});
	free(h);
	rows_add(r, a, it->text, cols, &(struct row_opts){.query = a->query});
	item_duties(r, a, it, cols);
	rows_blank(r);
	if (a->loading) {
		/* what was done comes with the file */
		rows_add(r, a, app_loading_text(a), cols,
			 &(struct row_opts){.prefix = "… ", .indent = "  ", .el = EL_PROGRESS,
					    .prefix_el = EL_PROGRESS});
		item_view_free(&v);
		return;
	}

	int tg = item_target_add(t, T_STATUS, "status", NULL);
	char *st = xasprintf("%s %s", status_marker(v.status), status_label(v.status));
	item_labelled(r, a, _("Status"), st, cols, status_element(v.status), tg);
	free(st);

	if (v.status == STATUS_NA || v.reason_f.value || v.reason_f.conflict) {
		tg = item_target_add(t, T_REASON, "reason", NULL);
		item_labelled(r, a, _("Reason"),
			      v.reason_f.conflict ? _("(conflict, see below)") :
			      v.reason_f.value ? v.reason_f.value : _("(missing: Enter to write)"),
			      cols, v.reason_f.conflict ? EL_CONFLICT : EL_NORMAL, tg);
	}
	tg = item_target_add(t, T_NOTE, "note", NULL);
	item_labelled(r, a, _("Note"),
		      v.note_f.conflict ? _("(conflict, see below)") :
		      v.note_f.value && *v.note_f.value ? v.note_f.value : _("(empty: Enter to write)"),
		      cols, v.note_f.conflict ? EL_CONFLICT : EL_NORMAL, tg);

	/* The reviewer's verdict in force, with its comment, who and when:
	 * it came back in the file.  Only the reviewer view selects it. */
	if (v.review_f.nheads || a->review_dir) {
		tg = a->review_dir ? item_target_add(t, T_REVIEW, "review", NULL) : ROW_NONE;
		struct buf b = {0};
		if (v.review_f.conflict) {
			buf_adds(&b, _("(conflict, see below)"));
		} else if (v.review_f.value) {
			const struct event *e = v.review_f.heads[0];
			char when[32];
			when_text(e->at, when, sizeof when);
			buf_adds(&b, verdict_label(v.review_f.value));
			if (v.review_comment_f.conflict)
				buf_printf(&b, ": %s", _("(conflict, see below)"));
			else if (v.review_comment_f.value && *v.review_comment_f.value)
				buf_printf(&b, ": %s", v.review_comment_f.value);
			buf_printf(&b, " (%s, %s)", e->by, when);
		} else {
			buf_adds(&b, _("(none yet: v to review)"));
		}
		bool nw = v.review_f.value && !strcmp(v.review_f.value, "needs-work");
		item_labelled(r, a, _("Review"), b.data, cols,
			      v.review_f.conflict || nw ? EL_CONFLICT
			      : v.review_f.value ? EL_DONE : EL_HINT, tg);
		buf_free(&b);
	}

	/* Activity records, only where the directive asks for evidence
	 * (or records came with an older revision of it). */
	size_t live = 0;
	for (size_t i = 0; i < v.nacts; i++)
		live += !v.acts[i].deleted;
	if (it->nevidence || live) {
		rows_blank(r);
		rows_add(r, a, it->nevidence ? _("Activities (a: add, x: delete)") : _("Activities"),
			 cols, &(struct row_opts){.el = EL_TITLE});
	}
	size_t shown = 0;
	for (size_t i = 0; i < v.nacts; i++) {
		const struct activity_view *act = &v.acts[i];
		if (act->deleted)
			continue;
		shown++;
		char *hd = xasprintf("  #%zu", shown);
		rows_add(r, a, hd, cols, &(struct row_opts){.el = EL_LABEL});
		free(hd);
		for (size_t k = 0; k < it->nevidence; k++) {
			const struct evidence_field *ef = &it->evidence[k];
			char *field = xasprintf("activity.%s.%s", act->rid, ef->key);
			const struct field_view *fv = NULL;
			for (size_t j = 0; j < act->nvalues; j++)
				if (!strcmp(act->values[j].field, field))
					fv = &act->values[j];
			tg = item_target_add(t, T_ACT, field, NULL);
			t->v[tg].label = xstrdup(ef->label);
			t->v[tg].rid = xstrdup(act->rid);
			char *lab = xasprintf("  %s", ef->label);
			/* a value from a revision where the field had another
			 * type: kept as it was, and said so */
			bool misfit = fv && fv->value && !fv->conflict &&
				      checklist_field_fit(a->d, it->id, field, fv->value) == FIT_BAD_VALUE;
			char *val = misfit ? xasprintf(_("%s (no longer %s: kept as written)"), fv->value,
						       ef->type == EVIDENCE_DATE ? _("a date")
						       : ef->type == EVIDENCE_COUNT ? _("a count") : _("text"))
					   : NULL;
			item_labelled(r, a, lab,
				      fv && fv->conflict ? _("(conflict, see below)") :
				      misfit ? val : fv && fv->value ? fv->value : "-",
				      cols, fv && fv->conflict ? EL_CONFLICT : misfit ? EL_NA : EL_NORMAL, tg);
			free(val);
			free(lab);
			free(field);
		}
		/* values of fields this revision dropped: shown, not editable */
		for (size_t j = 0; j < act->nvalues; j++) {
			const struct field_view *fv = &act->values[j];
			const char *key = strrchr(fv->field, '.') + 1;
			if (!fv->value || !strcmp(key, "deleted") || item_evidence(it, key))
				continue;
			char *lab = xasprintf(_("  %s (no longer in the directive)"), key);
			item_labelled(r, a, lab, fv->value, cols, EL_NA, ROW_NONE);
			free(lab);
		}
	}
	if (it->nevidence) {
		tg = item_target_add(t, T_ADD, NULL, NULL);
		char *add = xasprintf("[+] %s", _("Add an activity record"));
		rows_add(r, a, add, cols, &(struct row_opts){.prefix = "  ", .indent = "  ",
							      .selectable = true, .target = tg});
		free(add);
	}

	/* Conflicts: every field whose heads disagree, each head with who
	 * and when; Enter keeps that value, e writes a new one. */
	if (v.nconflicts) {
		rows_blank(r);
		rows_add(r, a, _("Conflicts: Enter keeps the selected value, e writes a new one"),
			 cols, &(struct row_opts){.prefix = "! ", .indent = "  ", .el = EL_CONFLICT,
						  .prefix_el = EL_CONFLICT});
		const char **fields;
		size_t nf = checklist_fields(a->st->cl, it->id, &fields);
		for (size_t i = 0; i < nf; i++) {
			const struct event **heads;
			size_t nh = checklist_heads(a->st->cl, it->id, fields[i], &heads);
			bool differ = false;
			for (size_t j = 1; j < nh; j++)
				if (strcmp(heads[j]->value, heads[0]->value))
					differ = true;
			if (differ) {
				char *lab = field_label(it, fields[i]);
				rows_add(r, a, lab, cols, &(struct row_opts){.prefix = "  ", .indent = "  ", .el = EL_LABEL});
				free(lab);
				bool side = nh == 2 && cols >= 56;
				if (side)
					item_side_by_side(r, a, fields[i], heads, cols);
				for (size_t j = 0; j < nh; j++) {
					if (side) {
						char *keep = xasprintf(_("keep the value of %s"), heads[j]->by);
						char *p1 = xasprintf("    %zu) ", j + 1);
						tg = item_target_add(t, T_HEAD, fields[i], heads[j]->value);
						rows_add(r, a, keep, cols, &(struct row_opts){.prefix = p1, .indent = "       ", .selectable = true, .target = tg});
						free(p1);
						free(keep);
						continue;
					}
					char when[32];
					when_text(heads[j]->at, when, sizeof when);
					char *val = field_value_text(fields[i], heads[j]->value);
					char *who = xasprintf("(%s, %s)", heads[j]->by, when);
					tg = item_target_add(t, T_HEAD, fields[i], heads[j]->value);
					char *p1 = xasprintf("    %zu) ", j + 1);
					rows_add(r, a, val, cols, &(struct row_opts){.prefix = p1, .indent = "       ", .selectable = true, .target = tg});
					rows_add(r, a, who, cols, &(struct row_opts){.prefix = "       ", .indent = "       ", .el = EL_HINT, .selectable = true, .target = tg});
					free(p1);
					free(who);
					free(val);
				}
			}
			free(heads);
		}
		free(fields);
	}

	/* History, newest first. */
	rows_blank(r);
	rows_add(r, a, _("History"), cols, &(struct row_opts){.el = EL_TITLE});
	const struct event **evs;
	size_t nev = checklist_item_events(a->st->cl, it->id, &evs);
	if (nev == 0)
		rows_add(r, a, _("(no changes yet)"), cols,
			 &(struct row_opts){.prefix = "  ", .indent = "  ", .el = EL_HINT});
	/* the set is ordered by field first: sort by time, newest first */
	qsort(evs, nev, sizeof *evs, item_history_cmp);
	for (size_t i = 0; i < nev; i++) {
		char when[32];
		when_text(evs[i]->at, when, sizeof when);
		char *lab = field_label(it, evs[i]->field);
		char *val = field_value_text(evs[i]->field, evs[i]->value);
		size_t fl = strlen(evs[i]->field);
		bool del = fl > 8 && !strcmp(evs[i]->field + fl - 8, ".deleted");
		char *who = event_author(evs[i]); /* "sửa tay trong …" for a hand edit */
		char *line = del ? xasprintf("%s %s: %s", when, who, lab)
				 : xasprintf("%s %s: %s = %s", when, who, lab, val);
		rows_add(r, a, line, cols, &(struct row_opts){.prefix = "  ", .indent = "    ", .el = EL_HINT});
		free(line);
		free(who);
		free(val);
		free(lab);
	}
	free(evs);
	item_view_free(&v);
}

static void item_rows(const struct app *a, const struct screen *scr, struct rows *r, int cols)
{
	struct item_targets t = {0};
	item_layout(a, scr, r, &t, cols);
	item_targets_free(&t);
}

static char *item_title(const struct app *a, const struct screen *scr)
{
	const struct item_priv *ip = scr->priv;
	return xasprintf("%s %s", _("Item"), a->d->items[ip->item].id);
}

static int item_keep(struct app *a, struct screen *scr, const struct item_target *t)
{
	const struct item_priv *ip = scr->priv;
	struct assignment as = {t->field, t->value};
	char *err = NULL;
	if (!app_apply(a, a->d->items[ip->item].id, &as, 1, &err)) {
		app_msg(a, true, "%s", err);
		free(err);
		return R_REDRAW;
	}
	app_msg(a, false, _("Kept this value; the conflict is settled."));
	scr->sel = 0;
	return R_SAVE | R_REDRAW;
}

static void item_edit(struct app *a, size_t i, const struct item_target *t)
{
	const struct item *it = &a->d->items[i];
	switch (t->kind) {
	case T_ACT:
		editor_open_field(a, i, t->field, t->label);
		break;
	case T_HEAD: {
		char *lab = field_label(it, t->field);
		struct editor *e = editor_open_field(a, i, t->field, lab);
		if (strcmp(t->field, "status"))
			editor_set_text(e, t->value);
		free(lab);
		break;
	}
	case T_REASON:
		editor_open_field(a, i, "reason", NULL);
		break;
	default:
		editor_open_field(a, i, "note", NULL);
		break;
	}
}

/* The selected line's target, or NULL; *t is filled (caller frees). */
static const struct item_target *item_current(const struct app *a, const struct screen *scr,
					      struct item_targets *t)
{
	struct rows r = {0};
	item_layout(a, scr, &r, t, COLS);
	rows_free(&r);
	if (t->n == 0)
		return NULL;
	int sel = scr->sel < 0 ? 0 : scr->sel >= (int)t->n ? (int)t->n - 1 : scr->sel;
	return &t->v[sel];
}

static bool item_offers(const struct app *a, const struct screen *scr, const struct screen_key *k)
{
	const struct item_priv *ip = scr->priv;
	const struct item *it = &a->d->items[ip->item];
	if (a->review_dir) {
		if (k->act == ACT_REVIEW)
			return true;
		if (k->act != ACT_OPEN)
			return false;
	} else if (k->act == ACT_REVIEW) {
		return false;
	}
	if (k->act == ACT_ADD)
		return it->nevidence > 0;
	if (k->act == ACT_DELETE) {
		/* offered while the item has records (not only on their
		 * lines), so the bar does not change height as one moves */
		struct item_view v;
		checklist_item_view(a->st->cl, it->id, &v);
		bool any = false;
		for (size_t i = 0; i < v.nacts; i++)
			any |= !v.acts[i].deleted;
		item_view_free(&v);
		return any;
	}
	if (k->act != ACT_OPEN || !a->review_dir)
		return true;
	struct item_targets t = {0};
	const struct item_target *cur = item_current(a, scr, &t);
	bool ok = cur && cur->kind == T_REVIEW;
	item_targets_free(&t);
	return ok;
}

/* ---- deleting an activity record ---- */

struct item_delete {
	size_t item;
	char *rid;
};

static void item_delete_free(void *arg)
{
	struct item_delete *d = arg;
	free(d->rid);
	free(d);
}

static int item_delete_answer(struct app *a, int k, void *arg)
{
	struct item_delete *d = arg;
	if (k != 0)
		return R_REDRAW;
	char *f = xasprintf("activity.%s.deleted", d->rid);
	struct assignment as = {f, "yes"};
	char *err = NULL;
	int flags = R_REDRAW;
	if (app_apply(a, a->d->items[d->item].id, &as, 1, &err))
		flags |= R_SAVE;
	else
		app_msg(a, true, "%s", err);
	free(err);
	free(f);
	return flags;
}

static void item_confirm_delete(struct app *a, size_t i, const char *rid)
{
	struct item_delete *d = xcalloc(1, sizeof *d);
	d->item = i;
	d->rid = xstrdup(rid);
	const struct choice ch[] = {{"cyCY\r\n", _("yes")}, {"knKN", _("no")}};
	confirm_open(a, _("Delete this activity record?"), ch, ARRAY_LEN(ch),
		     item_delete_answer, d, item_delete_free);
}

static int item_key(struct app *a, struct screen *scr, int act, int key)
{
	(void)key;
	struct item_priv *ip = scr->priv;
	size_t i = ip->item;
	struct item_targets t = {0};
	const struct item_target *cur = item_current(a, scr, &t);
	int flags = R_REDRAW;
	/* the reviewer view changes nothing but reviews */
	if (a->review_dir && act == ACT_OPEN)
		act = ACT_REVIEW;
	switch (act) {
	case ACT_REVIEW:
		flags = review_open(a, i);
		break;
	case ACT_OPEN:
		if (!cur)
			break;
		if (cur->kind == T_STATUS)
			picker_open(a, i);
		else if (cur->kind == T_ADD)
			editor_open_activity(a, i);
		else if (cur->kind == T_HEAD) {
			if (!strcmp(cur->field, "status") && !strcmp(cur->value, "not-applicable") &&
			    !checklist_value(a->st->cl, a->d->items[i].id, "reason", NULL)) {
				struct editor *e = editor_open_field(a, i, "reason", NULL);
				e->purpose = EDIT_REASON_NA;
			} else {
				flags = item_keep(a, scr, cur);
			}
		} else
			item_edit(a, i, cur);
		break;
	case ACT_EDIT:
		if (cur && cur->kind == T_HEAD && !strcmp(cur->field, "status"))
			picker_open(a, i);
		else if (cur && cur->kind != T_STATUS && cur->kind != T_ADD)
			item_edit(a, i, cur);
		else
			editor_open_field(a, i, "note", NULL);
		break;
	case ACT_ADD:
		editor_open_activity(a, i);
		break;
	case ACT_DELETE:
		if (cur && cur->kind == T_ACT)
			item_confirm_delete(a, i, cur->rid);
		else
			app_msg(a, false, _("Select a line of the activity record to delete, then x."));
		break;
	case ACT_TOGGLE:
		flags = section_toggle(a, i);
		break;
	case ACT_STATUS:
		picker_open(a, i);
		break;
	default:
		flags = R_PASS;
		break;
	}
	item_targets_free(&t);
	return flags;
}

static void item_screen_open(struct app *a, struct screen *scr, const struct screen_arg *arg)
{
	(void)a;
	struct item_priv *ip = scr->priv;
	ip->item = arg->item;
	scr->sel = 0;
	scr->top = 0;
}

size_t item_index(const struct screen *s)
{
	return ((const struct item_priv *)s->priv)->item;
}

void item_open(struct app *a, size_t i)
{
	screen_push(a, SCR_ITEM, &(struct screen_arg){.item = i});
}

void item_show(struct app *a, size_t i)
{
	const struct item *it = &a->d->items[i];
	section_show(a, it->section, (int)(i - a->d->sections[it->section].first_item));
	item_open(a, i);
}

/* Open item i with the line of field selected (a search hit in what the
 * unit wrote); the item's first line when no line edits that field. */
void item_show_field(struct app *a, size_t i, const char *field)
{
	item_show(a, i);
	struct screen *scr = screen_top(a);
	struct item_targets t = {0};
	struct rows r = {0};
	item_layout(a, scr, &r, &t, COLS);
	rows_free(&r);
	for (size_t k = 0; k < t.n; k++)
		if (t.v[k].field && !strcmp(t.v[k].field, field)) {
			scr->sel = (int)k;
			break;
		}
	item_targets_free(&t);
	screen_reveal(a);
}

static const struct screen_key item_keys[] = {
	{ACT_OPEN, NC_("key bar", "edit")},
	{ACT_TOGGLE, NULL},
	{ACT_STATUS, NULL},
	{ACT_EDIT, NULL},
	{ACT_ADD, NULL},
	{ACT_DELETE, NULL},
	{ACT_REVIEW, NULL},
	{ACT_NONE, NULL},
};

const struct screen_ops item_screen = {
	.name = "item",
	.priv_size = sizeof(struct item_priv),
	.keys = item_keys,
	.open = item_screen_open,
	.title = item_title,
	.rows = item_rows,
	.offers = item_offers,
	.key = item_key,
};

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

/* A labelled line: "  Label: value", wrapped under the value. */
static void item_labelled(struct rows *r, const struct app *a, const char *label,
			  const char *value, int cols, enum element el, int target)
{
	char *p1 = xasprintf("  %s: ", label);
	char *d = draw_disp(a, p1, false);
	int pw = text_width(d);
	free(d);
	if (pw > cols / 2) {
		/* a long label gets its own line */
		rows_add(r, a, p1, cols, NULL, NULL, EL_LABEL, EL_LABEL, target, NULL);
		rows_add(r, a, value, cols, "      ", "      ", el, EL_LABEL, target, NULL);
	} else {
		char *p2 = spaces(pw);
		rows_add(r, a, value, cols, p1, p2, el, EL_LABEL, target, NULL);
		free(p2);
	}
	free(p1);
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
		rows_add(r, a, b.data, cols, "    ", "    ", i < 2 ? EL_HINT : EL_NORMAL,
			 EL_NORMAL, -2, NULL);
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

static void item_rows(const struct app *a, struct rows *r, struct item_targets *t, int cols)
{
	const struct item *it = &a->d->items[a->item];
	const struct section *s = &a->d->sections[it->section];
	struct item_view v;
	checklist_item_view(a->st->cl, it->id, &v);

	char *h = xasprintf("%s %s · %s", _("Item"), it->id, s->title);
	rows_add(r, a, h, cols, NULL, NULL, EL_TITLE, EL_NORMAL, -2, NULL);
	free(h);
	rows_add(r, a, it->text, cols, NULL, NULL, EL_NORMAL, EL_NORMAL, -2, a->query);
	rows_blank(r);

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
		tg = a->review_dir ? item_target_add(t, T_REVIEW, "review", NULL) : -2;
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

	rows_blank(r);
	rows_add(r, a, _("Activities (a: add, x: delete)"), cols, NULL, NULL, EL_TITLE, EL_NORMAL, -2, NULL);
	size_t shown = 0;
	for (size_t i = 0; i < v.nacts; i++) {
		const struct activity_view *act = &v.acts[i];
		if (act->deleted)
			continue;
		shown++;
		char *hd = xasprintf("  #%zu", shown);
		rows_add(r, a, hd, cols, NULL, NULL, EL_LABEL, EL_NORMAL, -2, NULL);
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
			item_labelled(r, a, lab,
				      fv && fv->conflict ? _("(conflict, see below)") :
				      fv && fv->value ? fv->value : "-",
				      cols, fv && fv->conflict ? EL_CONFLICT : EL_NORMAL, tg);
			free(lab);
			free(field);
		}
	}
	tg = item_target_add(t, T_ADD, NULL, NULL);
	char *add = xasprintf("[+] %s", _("Add an activity record"));
	rows_add(r, a, add, cols, "  ", "  ", EL_NORMAL, EL_NORMAL, tg, NULL);
	free(add);

	/* Conflicts: every field whose heads disagree, each head with who
	 * and when; Enter keeps that value, e writes a new one. */
	if (v.nconflicts) {
		rows_blank(r);
		rows_add(r, a, _("Conflicts: Enter keeps the selected value, e writes a new one"),
			 cols, "! ", "  ", EL_CONFLICT, EL_CONFLICT, -2, NULL);
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
				rows_add(r, a, lab, cols, "  ", "  ", EL_LABEL, EL_NORMAL, -2, NULL);
				free(lab);
				bool side = nh == 2 && cols >= 56;
				if (side)
					item_side_by_side(r, a, fields[i], heads, cols);
				for (size_t j = 0; j < nh; j++) {
					if (side) {
						char *keep = xasprintf(_("keep the value of %s"), heads[j]->by);
						char *p1 = xasprintf("    %zu) ", j + 1);
						tg = item_target_add(t, T_HEAD, fields[i], heads[j]->value);
						rows_add(r, a, keep, cols, p1, "       ", EL_NORMAL, EL_NORMAL, tg, NULL);
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
					rows_add(r, a, val, cols, p1, "       ", EL_NORMAL, EL_NORMAL, tg, NULL);
					rows_add(r, a, who, cols, "       ", "       ", EL_HINT, EL_NORMAL, tg, NULL);
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
	rows_add(r, a, _("History"), cols, NULL, NULL, EL_TITLE, EL_NORMAL, -2, NULL);
	const struct event **evs;
	size_t nev = checklist_item_events(a->st->cl, it->id, &evs);
	if (nev == 0)
		rows_add(r, a, _("(no changes yet)"), cols, "  ", "  ", EL_HINT, EL_NORMAL, -2, NULL);
	/* the set is ordered by field first: sort by time, newest first */
	qsort(evs, nev, sizeof *evs, item_history_cmp);
	for (size_t i = 0; i < nev; i++) {
		char when[32];
		when_text(evs[i]->at, when, sizeof when);
		char *lab = field_label(it, evs[i]->field);
		char *val = field_value_text(evs[i]->field, evs[i]->value);
		size_t fl = strlen(evs[i]->field);
		bool del = fl > 8 && !strcmp(evs[i]->field + fl - 8, ".deleted");
		char *line = del ? xasprintf("%s %s: %s", when, evs[i]->by, lab)
				 : xasprintf("%s %s: %s = %s", when, evs[i]->by, lab, val);
		rows_add(r, a, line, cols, "  ", "    ", EL_HINT, EL_NORMAL, -2, NULL);
		free(line);
		free(val);
		free(lab);
	}
	free(evs);
	item_view_free(&v);
}

void item_draw(WINDOW *w, const struct app *a)
{
	const struct item *it = &a->d->items[a->item];
	char *h = xasprintf("%s %s", _("Item"), it->id);
	draw_header(w, a, h);
	free(h);
	struct rows r = {0};
	struct item_targets t = {0};
	item_rows(a, &r, &t, COLS);
	int hgt = body_height();
	int top = rows_clamp_top(&r, a->top[SCREEN_ITEM], hgt);
	rows_draw(w, a, &r, top, 1, hgt, COLS, a->item_sel);
	rows_free(&r);
	item_targets_free(&t);
	draw_statusline(w, a, a->review_dir ? _("v review · Esc back · ? help")
					    : _("Enter edit · Space done · s status · a add · ? help"));
}

static int item_keep(struct app *a, const struct item_target *t)
{
	struct assignment as = {t->field, t->value};
	char *err = NULL;
	if (!app_apply(a, a->d->items[a->item].id, &as, 1, &err)) {
		app_msg(a, true, "%s", err);
		free(err);
		return R_REDRAW;
	}
	app_msg(a, false, _("Kept this value; the conflict is settled."));
	a->item_sel = 0;
	return R_SAVE | R_REDRAW;
}

static void item_edit(struct app *a, const struct item_target *t)
{
	const struct item *it = &a->d->items[a->item];
	switch (t->kind) {
	case T_ACT: {
		char *lab = xstrdup(t->label);
		editor_open_field(a, a->item, t->field, lab);
		free(lab);
		break;
	}
	case T_HEAD: {
		char *lab = field_label(it, t->field);
		editor_open_field(a, a->item, t->field, lab);
		if (a->ed && strcmp(t->field, "status")) {
			a->ed->text.len = 0;
			buf_adds(&a->ed->text, t->value);
			a->ed->cur = a->ed->text.len;
		}
		free(lab);
		break;
	}
	case T_REASON:
		editor_open_field(a, a->item, "reason", NULL);
		break;
	default:
		editor_open_field(a, a->item, "note", NULL);
		break;
	}
}

int item_key(struct app *a, int key)
{
	enum action act = keys_action(key, true);
	struct rows r = {0};
	struct item_targets t = {0};
	item_rows(a, &r, &t, COLS);
	int hgt = body_height();
	int flags = R_NONE;
	if (a->item_sel >= (int)t.n)
		a->item_sel = (int)t.n - 1;
	const struct item_target *cur = t.n ? &t.v[a->item_sel] : NULL;
	/* the reviewer view changes nothing but reviews */
	if (a->review_dir && act == ACT_OPEN && cur && cur->kind == T_REVIEW)
		act = ACT_REVIEW;
	if (app_refuse_edit(a, act)) {
		rows_free(&r);
		item_targets_free(&t);
		return R_REDRAW;
	}
	switch (act) {
	case ACT_REVIEW:
		flags = review_open(a, a->item);
		break;
	case ACT_OPEN:
		if (!cur)
			break;
		flags = R_REDRAW;
		if (cur->kind == T_STATUS)
			picker_open(a);
		else if (cur->kind == T_ADD)
			editor_open_activity(a, a->item);
		else if (cur->kind == T_HEAD) {
			if (!strcmp(cur->field, "status") && !strcmp(cur->value, "not-applicable") &&
			    !checklist_value(a->st->cl, a->d->items[a->item].id, "reason", NULL)) {
				a->picking = false;
				editor_open_field(a, a->item, "reason", NULL);
				a->ed->purpose = EDIT_REASON_NA;
			} else {
				flags = item_keep(a, cur);
			}
		} else
			item_edit(a, cur);
		break;
	case ACT_EDIT:
		if (cur && cur->kind == T_HEAD && !strcmp(cur->field, "status"))
			picker_open(a);
		else if (cur && cur->kind != T_STATUS && cur->kind != T_ADD)
			item_edit(a, cur);
		else
			editor_open_field(a, a->item, "note", NULL);
		flags = R_REDRAW;
		break;
	case ACT_ADD:
		editor_open_activity(a, a->item);
		flags = R_REDRAW;
		break;
	case ACT_DELETE:
		if (cur && cur->kind == T_ACT) {
			a->confirm = CONFIRM_DELETE_ACT;
			free(a->confirm_arg);
			a->confirm_arg = xstrdup(cur->rid);
			free(a->confirm_msg);
			a->confirm_msg = xstrdup(_("Delete this activity record? (y/n)"));
		}
		flags = R_REDRAW;
		break;
	case ACT_TOGGLE:
		flags = section_toggle(a, a->item);
		break;
	case ACT_STATUS:
		picker_open(a);
		flags = R_REDRAW;
		break;
	case ACT_BACK:
	case ACT_QUIT: {
		const struct item *it = &a->d->items[a->item];
		a->screen = SCREEN_SECTION;
		a->sec = it->section;
		a->sec_sel = (int)(a->item - a->d->sections[it->section].first_item);
		struct rows sr = {0};
		section_rows(a, &sr, COLS);
		a->top[SCREEN_SECTION] = rows_scroll_to(&sr, a->sec_sel, a->top[SCREEN_SECTION], hgt);
		rows_free(&sr);
		flags = R_REDRAW;
		break;
	}
	default:
		flags = rows_nav(&r, act, (int)t.n, &a->item_sel, &a->top[SCREEN_ITEM], hgt);
		break;
	}
	rows_free(&r);
	item_targets_free(&t);
	return flags;
}

/* ---- the status menu ---- */

static const enum status picker_order[] = {STATUS_TODO, STATUS_IN_PROGRESS, STATUS_DONE, STATUS_NA};

void picker_open(struct app *a)
{
	enum status s = checklist_status(a->st->cl, a->d->items[a->item].id);
	a->picking = true;
	a->pick_sel = 0;
	for (size_t i = 0; i < ARRAY_LEN(picker_order); i++)
		if (picker_order[i] == s)
			a->pick_sel = (int)i;
}

void picker_draw(WINDOW *w, const struct app *a)
{
	int width = 34, h = (int)ARRAY_LEN(picker_order) + 3;
	if (width > COLS - 2)
		width = COLS - 2;
	int y0 = (LINES - h) / 2, x0 = (COLS - width) / 2;
	for (int y = 0; y < h; y++)
		draw_fill(w, a, y0 + y, x0, width, EL_STATUSLINE);
	char *t = xasprintf(_("Status of item %s"), a->d->items[a->item].id);
	draw_text_ellipsis(w, a, y0, x0 + 1, width - 2, t, EL_STATUSLINE);
	free(t);
	for (size_t i = 0; i < ARRAY_LEN(picker_order); i++) {
		char *line = xasprintf("%c %zu %s %s", (int)i == a->pick_sel ? '>' : ' ', i + 1,
				       status_marker(picker_order[i]), status_label(picker_order[i]));
		draw_fill(w, a, y0 + 1 + (int)i, x0 + 1, width - 2,
			  (int)i == a->pick_sel ? EL_NORMAL : EL_STATUSLINE);
		draw_text_ellipsis(w, a, y0 + 1 + (int)i, x0 + 1, width - 2, line,
				   (int)i == a->pick_sel ? EL_NORMAL : EL_STATUSLINE);
		free(line);
	}
	draw_text_ellipsis(w, a, y0 + h - 1, x0 + 1, width - 2, _("Enter choose · Esc cancel"),
			   EL_STATUSLINE);
}

int picker_key(struct app *a, int key)
{
	enum action act = keys_action(key, true);
	int n = (int)ARRAY_LEN(picker_order);
	if (key >= '1' && key <= '0' + n) {
		a->pick_sel = key - '1';
		act = ACT_OPEN;
	}
	switch (act) {
	case ACT_UP:
		if (a->pick_sel > 0)
			a->pick_sel--;
		return R_REDRAW;
	case ACT_DOWN:
		if (a->pick_sel < n - 1)
			a->pick_sel++;
		return R_REDRAW;
	case ACT_HOME:
		a->pick_sel = 0;
		return R_REDRAW;
	case ACT_END:
		a->pick_sel = n - 1;
		return R_REDRAW;
	case ACT_BACK:
	case ACT_QUIT:
		a->picking = false;
		return R_REDRAW;
	case ACT_OPEN:
	case ACT_TOGGLE: {
		a->picking = false;
		enum status s = picker_order[a->pick_sel];
		const char *id = a->d->items[a->item].id;
		if (s == STATUS_NA) {
			/* not applicable needs a reason: ask for it, then set
			 * both in one edit */
			editor_open_field(a, a->item, "reason", _("Why is this not applicable?"));
			if (a->ed)
				a->ed->purpose = EDIT_REASON_NA;
			return R_REDRAW;
		}
		struct assignment as = {"status", status_name(s)};
		char *err = NULL;
		if (!app_apply(a, id, &as, 1, &err)) {
			app_msg(a, true, "%s", err);
			free(err);
			return R_REDRAW;
		}
		return R_SAVE | R_REDRAW;
	}
	default:
		return R_NONE;
	}
}

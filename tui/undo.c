/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * undo.c: u undoes the last change made in this window, Ctrl-R redoes it.
 *
 * The log only grows: undoing writes new events that put back the values
 * the change replaced, and redoing writes the change again.  Each edit of
 * this window (app_apply) is one step: the fields it changed, each with
 * the value before and after.  A step is undone only while its fields
 * still hold what it wrote: when someone else (or a merge) changed one
 * since, u says who and leaves it, rather than throw their work away.
 *
 * Activity records cannot be emptied field by field, so a step that
 * created a record is undone by deleting it, and a step that deleted one
 * is undone by a new record holding the same values.
 */
#include "tui/app.h"

#include <stdlib.h>
#include <string.h>

#include "text/text.h"

struct undo_change {
	char *field;
	char *before; /* NULL: the field had no value (or a conflict) */
	char *after;
};

struct undo_step {
	char *unit; /* whose file (the reviewer opens many) */
	char *item;
	struct undo_change *v;
	size_t n, cap;
	/* a deleted record's values, to bring it back */
	struct undo_change *snap;
	size_t nsnap, capsnap;
};

struct undo_stack {
	struct undo_step *v;
	size_t n, cap;
};

struct undo {
	struct undo_stack done, undone;
	/* set while undo or redo applies a step, so that app_apply records
	 * its inverse on the right stack */
	struct undo_stack *record_to;
};

/* How many steps a window remembers. */
#define UNDO_MAX 200

static void step_free(struct undo_step *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->v[i].field);
		free(s->v[i].before);
		free(s->v[i].after);
	}
	for (size_t i = 0; i < s->nsnap; i++) {
		free(s->snap[i].field);
		free(s->snap[i].after);
	}
	free(s->v);
	free(s->snap);
	free(s->item);
	free(s->unit);
	memset(s, 0, sizeof *s);
}

static void stack_clear(struct undo_stack *st)
{
	for (size_t i = 0; i < st->n; i++)
		step_free(&st->v[i]);
	st->n = 0;
}

static void stack_push(struct undo_stack *st, struct undo_step *s)
{
	if (st->n == UNDO_MAX) {
		step_free(&st->v[0]);
		memmove(st->v, st->v + 1, (st->n - 1) * sizeof *st->v);
		st->n--;
	}
	GROW(st->v, st->n + 1, st->cap);
	st->v[st->n++] = *s;
	memset(s, 0, sizeof *s);
}

void undo_free(struct app *a)
{
	if (!a->undo)
		return;
	stack_clear(&a->undo->done);
	stack_clear(&a->undo->undone);
	free(a->undo->done.v);
	free(a->undo->undone.v);
	free(a->undo);
	a->undo = NULL;
}

/* ---- recording ---- */

/* "activity.<rid>.<key>": the rid part (caller frees), or NULL. */
static char *activity_rid(const char *field)
{
	if (strncmp(field, "activity.", 9))
		return NULL;
	const char *dot = strchr(field + 9, '.');
	return dot ? xstrndup(field + 9, (size_t)(dot - field - 9)) : NULL;
}

static bool is_deleted_field(const char *field)
{
	size_t n = strlen(field);
	return n > 8 && !strcmp(field + n - 8, ".deleted");
}

/* The values a record holds now (not its "deleted"), into s->snap. */
static void step_snapshot(struct undo_step *s, const struct checklist *cl, const char *rid)
{
	const char **fields;
	size_t nf = checklist_fields(cl, s->item, &fields);
	char *pre = xasprintf("activity.%s.", rid);
	for (size_t i = 0; i < nf; i++) {
		if (strncmp(fields[i], pre, strlen(pre)) || is_deleted_field(fields[i]))
			continue;
		const char *v = checklist_value(cl, s->item, fields[i], NULL);
		if (!v)
			continue;
		GROW(s->snap, s->nsnap + 1, s->capsnap);
		s->snap[s->nsnap].field = xstrdup(fields[i] + strlen(pre)); /* the key */
		s->snap[s->nsnap].before = NULL;
		s->snap[s->nsnap].after = xstrdup(v);
		s->nsnap++;
	}
	free(pre);
	free(fields);
}

struct undo_step *undo_begin(struct app *a, const char *item, const struct assignment *as,
			     size_t n)
{
	if (!a->undo)
		a->undo = xcalloc(1, sizeof *a->undo);
	struct undo_step *s = xcalloc(1, sizeof *s);
	s->unit = xstrdup(a->st->unit);
	s->item = xstrdup(item);
	for (size_t i = 0; i < n; i++) {
		bool conflict = false;
		const char *cur = checklist_value(a->st->cl, item, as[i].field, &conflict);
		GROW(s->v, s->n + 1, s->cap);
		s->v[s->n].field = xstrdup(as[i].field);
		s->v[s->n].before = cur && !conflict ? xstrdup(cur) : NULL;
		s->v[s->n].after = NULL;
		s->n++;
		if (is_deleted_field(as[i].field)) {
			char *rid = activity_rid(as[i].field);
			if (rid)
				step_snapshot(s, a->st->cl, rid);
			free(rid);
		}
	}
	return s;
}

void undo_end(struct app *a, struct undo_step *s, bool applied)
{
	if (!applied) {
		step_free(s);
		free(s);
		return;
	}
	/* keep only the fields the edit changed (an equal value writes
	 * nothing), with what they hold now */
	size_t k = 0;
	for (size_t i = 0; i < s->n; i++) {
		const char *now = checklist_value(a->st->cl, s->item, s->v[i].field, NULL);
		bool same = now && s->v[i].before && !strcmp(now, s->v[i].before);
		if (same || !now) {
			free(s->v[i].field);
			free(s->v[i].before);
			continue;
		}
		s->v[k] = s->v[i];
		s->v[k].after = xstrdup(now);
		k++;
	}
	s->n = k;
	if (s->n == 0) {
		step_free(s);
		free(s);
		return;
	}
	struct undo_stack *to = a->undo->record_to;
	if (!to) {
		/* a new change: what was undone cannot be redone any more */
		to = &a->undo->done;
		stack_clear(&a->undo->undone);
	}
	stack_push(to, s);
	free(s);
}

/* ---- undoing ---- */

/* Does every field of s still hold what s wrote?  If not, *who (borrowed)
 * changed which *field (borrowed) since. */
static bool step_current(const struct app *a, const struct undo_step *s, const char **field,
			 const char **who)
{
	for (size_t i = 0; i < s->n; i++) {
		bool conflict = false;
		const char *now = checklist_value(a->st->cl, s->item, s->v[i].field, &conflict);
		if (now && !conflict && !strcmp(now, s->v[i].after))
			continue;
		const struct event **heads;
		size_t nh = checklist_heads(a->st->cl, s->item, s->v[i].field, &heads);
		*field = s->v[i].field;
		*who = nh ? heads[nh - 1]->by : "";
		free(heads);
		return false;
	}
	return true;
}

/* The value a field goes back to when it had none: what a new item has. */
static const char *undo_neutral(const char *field)
{
	if (!strcmp(field, "status"))
		return "todo";
	if (!strcmp(field, "note") || !strcmp(field, "reason") || !strcmp(field, "review_comment"))
		return "";
	return NULL;
}

struct assign_list {
	struct assignment *v;
	char **owned;
	size_t n, cap, nowned, capowned;
};

static void assign_add(struct assign_list *l, char *field, const char *value, char *owned_value)
{
	GROW(l->v, l->n + 1, l->cap);
	l->v[l->n].field = field;
	l->v[l->n].value = owned_value ? owned_value : value;
	l->n++;
	GROW(l->owned, l->nowned + 2, l->capowned);
	l->owned[l->nowned++] = field;
	if (owned_value)
		l->owned[l->nowned++] = owned_value;
}

static void assign_free(struct assign_list *l)
{
	for (size_t i = 0; i < l->nowned; i++)
		free(l->owned[i]);
	free(l->owned);
	free(l->v);
}

static bool has_rid(char **rids, size_t n, const char *rid)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(rids[i], rid))
			return true;
	return false;
}

/* The assignments that undo s.  false when one cannot be expressed (a
 * field of an older record that had no value before). */
static bool step_inverse(struct app *a, const struct undo_step *s, struct assign_list *out)
{
	char **done_rids = NULL;
	size_t nrids = 0, caprids = 0;
	bool ok = true;
	for (size_t i = 0; i < s->n && ok; i++) {
		const struct undo_change *c = &s->v[i];
		char *rid = activity_rid(c->field);
		if (!rid) {
			const char *back = c->before ? c->before : undo_neutral(c->field);
			if (!back)
				ok = false;
			else
				assign_add(out, xstrdup(c->field), back, NULL);
			continue;
		}
		if (has_rid(done_rids, nrids, rid)) {
			free(rid);
			continue;
		}
		if (is_deleted_field(c->field)) {
			/* the record was deleted: a new one with its values */
			struct edit_ctx ctx = {a->cfg->user, a->replica, &a->clock, config_now(),
					       config_random, NULL};
			char *nrid = checklist_new_rid(&ctx);
			for (size_t k = 0; k < s->nsnap; k++)
				assign_add(out, xasprintf("activity.%s.%s", nrid, s->snap[k].field),
					   s->snap[k].after, NULL);
			free(nrid);
		} else {
			/* values set on a record that had none: the record was
			 * made by this step; delete it.  A field that had a
			 * value goes back to it. */
			bool made = true;
			for (size_t k = 0; k < s->n; k++) {
				char *r2 = activity_rid(s->v[k].field);
				if (r2 && !strcmp(r2, rid) && s->v[k].before)
					made = false;
				free(r2);
			}
			if (made) {
				assign_add(out, xasprintf("activity.%s.deleted", rid), "yes", NULL);
			} else {
				for (size_t k = 0; k < s->n && ok; k++) {
					char *r2 = activity_rid(s->v[k].field);
					if (r2 && !strcmp(r2, rid)) {
						if (!s->v[k].before)
							ok = false;
						else
							assign_add(out, xstrdup(s->v[k].field),
								   s->v[k].before, NULL);
					}
					free(r2);
				}
			}
		}
		GROW(done_rids, nrids + 1, caprids);
		done_rids[nrids++] = rid;
	}
	for (size_t i = 0; i < nrids; i++)
		free(done_rids[i]);
	free(done_rids);
	return ok;
}

/* "Mục 1.2, Trạng thái: đã xong → chưa làm" for the message. */
static char *step_text(const struct app *a, const struct undo_step *s)
{
	const bool back = true; /* the step is being reverted */
	const struct item *it = directive_item(a->d, s->item);
	struct buf b = {0};
	buf_printf(&b, "%s %s", _("item"), s->item);
	const struct undo_change *c = &s->v[0];
	if (it && strncmp(c->field, "activity.", 9)) {
		char *lab = field_label(it, c->field);
		const char *from = back ? c->after : c->before, *to = back ? c->before : c->after;
		char *f = field_value_text(c->field, from ? from : undo_neutral(c->field));
		char *t = field_value_text(c->field, to ? to : undo_neutral(c->field));
		/* notes are long: only the field is named */
		if (!strcmp(c->field, "status") || !strcmp(c->field, "review"))
			buf_printf(&b, ", %s: %s → %s", lab, f, t);
		else
			buf_printf(&b, ", %s", lab);
		free(lab);
		free(f);
		free(t);
	} else if (it) {
		buf_printf(&b, ", %s", _("activity record"));
	}
	return buf_steal(&b);
}

static int undo_run(struct app *a, bool redo)
{
	struct undo_stack *from = a->undo ? (redo ? &a->undo->undone : &a->undo->done) : NULL;
	if (!from || from->n == 0) {
		app_msg(a, false, redo ? _("Nothing to redo.") : _("Nothing to undo in this window."));
		return R_REDRAW;
	}
	struct undo_step *s = &from->v[from->n - 1];
	const char *field = NULL, *who = NULL;
	if (strcmp(s->unit, a->st->unit)) {
		app_msg(a, true, _("The last change was made in the file of %s: open that unit to undo it."),
			s->unit);
		return R_REDRAW;
	}
	if (!step_current(a, s, &field, &who)) {
		const struct item *it = directive_item(a->d, s->item);
		char *lab = it ? field_label(it, field) : xstrdup(field);
		app_msg(a, true, _("Cannot undo: %s of item %s was changed since by %s; open the item to change it."),
			lab, s->item, who);
		free(lab);
		/* it stays first in line: nothing later can be undone past it */
		return R_REDRAW;
	}
	struct assign_list inv = {0};
	if (!step_inverse(a, s, &inv)) {
		assign_free(&inv);
		app_msg(a, true, _("Cannot undo this change: a field of an older activity record had no value before."));
		return R_REDRAW;
	}
	char *what = step_text(a, s);
	a->undo->record_to = redo ? &a->undo->done : &a->undo->undone;
	char *err = NULL;
	int ok = app_apply(a, s->item, inv.v, inv.n, &err);
	a->undo->record_to = NULL;
	assign_free(&inv);
	int flags = R_REDRAW;
	if (!ok) {
		app_msg(a, true, "%s", err);
	} else {
		step_free(s);
		from->n--;
		app_msg(a, false, redo ? _("Redone: %s.") : _("Undone: %s (Ctrl-R redoes)."), what);
		flags |= R_SAVE;
	}
	free(err);
	free(what);
	return flags;
}

int undo_last(struct app *a)
{
	return undo_run(a, false);
}

int undo_redo(struct app *a)
{
	return undo_run(a, true);
}

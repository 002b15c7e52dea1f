/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * goto.c: going to a section or an item by its number, as reports and
 * reviewers name them ("mục 4.3", later "II.3.a"), and to the next or
 * previous unfinished item whatever section it is in.
 *
 * A digit or ":" opens "Đến mục:" holding what was typed; the line above
 * it lists the ids that fit so far, Tab completes the part they share,
 * Enter opens the section or the item, and an id that does not exist is
 * said to be missing, with what there is nearby, in place.
 */
#include "tui/app.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text/text.h"

/* Ids are compared as typed but without case ("ii.3.a" is II.3.a). */
static bool goto_prefix(const char *id, const char *typed)
{
	return strncasecmp(id, typed, strlen(typed)) == 0;
}

/* What was typed, cleaned: trimmed, a leading "mục"/"phần" (with or
 * without marks) and a trailing dot left out.  Caller frees. */
static char *goto_clean(const char *text)
{
	char *t = text_clean_input(text);
	char *f = text_fold(t);
	static const char *const words[] = {"muc ", "phan ", "item ", "section "};
	size_t skip = 0;
	for (size_t i = 0; i < ARRAY_LEN(words); i++)
		if (!strncasecmp(f, words[i], strlen(words[i]))) {
			/* the folded word has as many spaces as the original:
			 * skip up to the same space */
			const char *sp = strchr(t, ' ');
			skip = sp ? (size_t)(sp - t) + 1 : 0;
		}
	free(f);
	char *out = xstrdup(t + skip);
	free(t);
	size_t n = strlen(out);
	while (n > 0 && (out[n - 1] == '.' || out[n - 1] == ' '))
		out[--n] = '\0';
	return out;
}

/* The section (*sec) or item (*item) whose id is text; false if none. */
static bool goto_find(const struct app *a, const char *text, long *sec, long *item)
{
	*sec = *item = -1;
	for (size_t i = 0; i < a->d->nsections; i++)
		if (!strcasecmp(a->d->sections[i].id, text)) {
			*sec = (long)i;
			return true;
		}
	for (size_t i = 0; i < a->d->nitems; i++)
		if (!strcasecmp(a->d->items[i].id, text)) {
			*item = (long)i;
			return true;
		}
	return false;
}

/* Every id (sections first, then items, in the directive's order) that
 * starts with typed.  Returns the count; *out (caller frees the array,
 * not the strings) gets them. */
static size_t goto_matches(const struct app *a, const char *typed, const char ***out)
{
	const char **v = NULL;
	size_t n = 0, cap = 0;
	for (size_t i = 0; i < a->d->nsections; i++)
		if (goto_prefix(a->d->sections[i].id, typed)) {
			GROW(v, n + 1, cap);
			v[n++] = a->d->sections[i].id;
		}
	for (size_t i = 0; i < a->d->nitems; i++)
		if (goto_prefix(a->d->items[i].id, typed)) {
			GROW(v, n + 1, cap);
			v[n++] = a->d->items[i].id;
		}
	*out = v;
	return n;
}

/* The list of what fits, on the line above the question. */
static void goto_changed(struct app *a, struct editor *e)
{
	char *typed = goto_clean(e->text.data ? e->text.data : "");
	const char **m;
	size_t n = *typed ? goto_matches(a, typed, &m) : 0;
	free(e->hint);
	e->hint = NULL;
	if (*typed && n == 0) {
		e->hint = xasprintf(_("No section or item starts with %s."), typed);
	} else if (n > 0) {
		struct buf b = {0};
		for (size_t i = 0; i < n; i++)
			buf_printf(&b, "%s%s", i ? "  " : "", m[i]);
		e->hint = buf_steal(&b);
	}
	if (*typed)
		free(m);
	free(typed);
}

/* Tab: the part every id that fits shares. */
static void goto_complete(struct app *a, struct editor *e)
{
	char *typed = goto_clean(e->text.data ? e->text.data : "");
	const char **m;
	size_t n = goto_matches(a, typed, &m);
	if (n > 0) {
		size_t common = strlen(m[0]);
		for (size_t i = 1; i < n; i++) {
			size_t k = 0;
			while (k < common && tolower((unsigned char)m[i][k]) ==
						     tolower((unsigned char)m[0][k]))
				k++;
			common = k;
		}
		if (common >= strlen(typed)) {
			char *t = xstrndup(m[0], common);
			editor_set_text(e, t);
			free(t);
		}
	}
	free(m);
	free(typed);
	goto_changed(a, e);
}

/* "4.9" is not there: say so, and what section 4 has. */
static bool goto_check(struct app *a, const char *text, char **error)
{
	char *t = goto_clean(text);
	long sec, item;
	bool ok = *t && goto_find(a, t, &sec, &item);
	if (!*t) {
		*error = xstrdup(_("Type the number of a section or an item, like 4 or 4.3."));
	} else if (!ok) {
		/* the section the id would be in, if it names one */
		char *dot = strchr(t, '.');
		char *head = dot ? xstrndup(t, (size_t)(dot - t)) : NULL;
		long hs = -1, hi;
		if (head)
			goto_find(a, head, &hs, &hi);
		const struct section *s = hs >= 0 ? &a->d->sections[hs] : NULL;
		if (s && s->nitems)
			*error = xasprintf(_("There is no item %s: section %s has items %s to %s."), t,
					   s->id, a->d->items[s->first_item].id,
					   a->d->items[s->first_item + s->nitems - 1].id);
		else
			*error = xasprintf(_("There is no section or item %s in this directive."), t);
		free(head);
	}
	free(t);
	return ok;
}

static int goto_submit(struct app *a, const char *text)
{
	char *t = goto_clean(text);
	long sec, item;
	if (goto_find(a, t, &sec, &item)) {
		if (sec >= 0)
			section_show(a, (size_t)sec, 0);
		else
			item_show(a, (size_t)item);
	}
	free(t);
	return R_REDRAW;
}

void goto_open(struct app *a, int key)
{
	char init[8] = "";
	if (key >= '0' && key <= '9') {
		init[0] = (char)key;
		init[1] = '\0';
	}
	struct editor *e = editor_open(a, &(struct editor_spec){
		.purpose = EDIT_ASK, .label = _("Go to item: "), .init = init, .line = true,
		.check = goto_check, .submit = goto_submit, .complete = goto_complete,
		.changed = goto_changed});
	goto_changed(a, e);
}

/* ---- the next unfinished item ---- */

static bool goto_unfinished(const struct app *a, size_t i)
{
	enum status s = checklist_status(a->st->cl, a->d->items[i].id);
	return s != STATUS_DONE && s != STATUS_NA;
}

/* Where "here" is: the open item, the selected item of the open section,
 * or (on the overview) just before the selected section's first item.
 * *at is an index into d->items, *on says whether it is that item itself
 * (else the search starts at it). */
static void goto_here(const struct app *a, size_t *at, bool *on)
{
	const struct screen *s = screen_top_page(a);
	*at = 0;
	*on = false;
	if (screen_is(s, SCR_ITEM)) {
		*at = item_index(s);
		*on = true;
	} else if (screen_is(s, SCR_SECTION)) {
		*at = section_selected_item(a, s);
		*on = true;
	} else if (screen_is(s, SCR_OVERVIEW) && s->sel >= 0 &&
		   (size_t)s->sel < a->d->nsections) {
		*at = a->d->sections[s->sel].first_item;
	}
}

int goto_unfinished_next(struct app *a, bool backward)
{
	size_t n = a->d->nitems, at;
	bool on;
	if (n == 0)
		return R_NONE;
	goto_here(a, &at, &on);
	bool on_item = screen_is(screen_top_page(a), SCR_ITEM);
	for (size_t k = 0; k < n; k++) {
		size_t i = backward ? (at + n - 1 - k) % n : (at + k + (on ? 1 : 0)) % n;
		if (on && i == at)
			break; /* came round to where we are */
		if (!goto_unfinished(a, i))
			continue;
		bool wrapped = backward ? (on ? i > at : i >= at) : i < at;
		if (on_item)
			item_show(a, i);
		else
			section_show(a, a->d->items[i].section,
				     (int)(i - a->d->sections[a->d->items[i].section].first_item));
		if (wrapped)
			app_msg(a, false, backward ? _("Before the first item: started again from the last.")
						   : _("Past the last item: started again from the first."));
		return R_REDRAW;
	}
	if (on && goto_unfinished(a, at))
		app_msg(a, false, _("This is the only unfinished item."));
	else
		app_msg(a, false, _("Every item is done or not applicable."));
	return R_REDRAW;
}

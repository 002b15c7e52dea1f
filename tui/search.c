/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * search.c: "/" across section titles, section texts, items, and what
 * this unit wrote about each item (notes, reasons, activity records, the
 * review comment).
 *
 * text_search folds marks when the query has none, so "tiep cong dan"
 * finds "tiếp công dân", and it compares NFC with NFD.  Hits are ordered
 * per section as items (each item's text, then what the unit wrote about
 * it), title, then the paragraph: a person searching wants the task to
 * tick first, and the title's and paragraph's matches are highlighted on
 * the same screen anyway.  A hit in the unit's data opens the item with
 * the line that holds it selected: that is where it can be read whole.
 */
#include "tui/app.h"

#include <stdlib.h>
#include <string.h>

#include "text/text.h"

enum hit_kind { HIT_ITEM, HIT_DATA, HIT_TITLE, HIT_TEXT };

struct hit {
	size_t doc, off;
	size_t sec;
	long item;          /* index in section, -1 for title or paragraph */
	enum hit_kind kind;
	const char *field;  /* HIT_DATA: the field holding it (borrowed) */
	const char *src;    /* the text searched, and where in it: draw.c */
	size_t at;          /* marks this match as the current one */
};

struct hits {
	struct hit *v;
	size_t n, cap;
};

static void hits_in(struct hits *h, const char *txt, const char *q, struct hit proto, size_t base)
{
	size_t from = 0, st, len;
	while (txt && text_search(txt, q, from, &st, &len)) {
		GROW(h->v, h->n + 1, h->cap);
		struct hit x = proto;
		x.off = base + st;
		x.src = txt;
		x.at = st;
		h->v[h->n++] = x;
		from = st + (len ? len : 1);
	}
}

/* Fields the unit writes as text or numbers: not status or verdict
 * names (their labels are not what is stored) and not deletion flags. */
static bool field_searched(const char *f)
{
	if (!strcmp(f, "status") || !strcmp(f, "review"))
		return false;
	const char *dot = strrchr(f, '.');
	return !(dot && !strncmp(f, "activity.", 9) && !strcmp(dot + 1, "deleted"));
}

static bool activity_deleted(const struct checklist *cl, const char *item, const char *f)
{
	if (strncmp(f, "activity.", 9))
		return false;
	const char *dot = strrchr(f, '.');
	char *del = xasprintf("%.*sdeleted", (int)(dot + 1 - f), f);
	const char *v = checklist_value(cl, item, del, NULL);
	free(del);
	return v && strcmp(v, "false");
}

/* Every value the unit holds for item (each side of a conflict too). */
static void hits_in_data(struct hits *h, const struct app *a, const char *item, struct hit proto)
{
	const struct checklist *cl = a->st->cl;
	const char **fields;
	size_t nf = checklist_fields(cl, item, &fields), base = 0;
	for (size_t i = 0; i < nf; i++) {
		if (!field_searched(fields[i]) || activity_deleted(cl, item, fields[i]))
			continue;
		const struct event **heads;
		size_t nh = checklist_heads(cl, item, fields[i], &heads);
		proto.field = fields[i];
		for (size_t k = 0; k < nh; k++) {
			if (!heads[k]->value || (k && heads[0]->value &&
						 !strcmp(heads[k]->value, heads[0]->value)))
				continue;
			hits_in(h, heads[k]->value, a->query, proto, base);
			base += strlen(heads[k]->value) + 1;
		}
		free(heads);
	}
	free(fields);
}

/* Every hit of the query, in order. */
static size_t search_all(const struct app *a, struct hit **out)
{
	struct hits h = {0};
	size_t doc = 0;
	bool data = a->st != NULL; /* empty while the file is read */
	for (size_t s = 0; s < a->d->nsections; s++) {
		const struct section *sec = &a->d->sections[s];
		for (size_t k = 0; k < sec->nitems; k++) {
			const struct item *it = &a->d->items[sec->first_item + k];
			hits_in(&h, it->text, a->query,
				(struct hit){.doc = doc++, .sec = s, .item = (long)k, .kind = HIT_ITEM}, 0);
			if (data)
				hits_in_data(&h, a, it->id,
					     (struct hit){.doc = doc, .sec = s, .item = (long)k,
							  .kind = HIT_DATA});
			doc++;
		}
		hits_in(&h, sec->title, a->query,
			(struct hit){.doc = doc++, .sec = s, .item = -1, .kind = HIT_TITLE}, 0);
		hits_in(&h, sec->text, a->query,
			(struct hit){.doc = doc++, .sec = s, .item = -1, .kind = HIT_TEXT}, 0);
	}
	*out = h.v;
	return h.n;
}

/* Bring the current hit into view: an item's text or a paragraph may be
 * longer than the screen, and the hit deep inside it. */
static void search_reveal(struct app *a)
{
	struct screen *s = screen_top(a);
	if (!s || !s->ops->rows)
		return;
	struct rows r = {0};
	s->ops->rows(a, s, &r, COLS);
	int h = body_height(a);
	for (size_t i = 0; i < r.n; i++)
		if (r.v[i].hl_now >= 0) {
			if ((int)i < s->top || (int)i >= s->top + h)
				s->top = rows_clamp_top(&r, (int)i - h / 3, h);
			break;
		}
	rows_free(&r);
}

static int search_submit(struct app *a, const char *text)
{
	if (*text) {
		free(a->query);
		a->query = text_nfc(text);
	}
	a->hit_doc = (size_t)-1;
	a->hit_off = 0;
	return search_next(a, false);
}

void search_open(struct app *a)
{
	editor_open(a, &(struct editor_spec){.purpose = EDIT_ASK, .label = "/", .line = true,
					     .submit = search_submit});
}

int search_next(struct app *a, bool backward)
{
	if (!a->query || !*a->query) {
		app_msg(a, false, _("Type / to search."));
		return R_REDRAW;
	}
	struct hit *v;
	size_t n = search_all(a, &v);
	if (n == 0) {
		app_msg(a, true, _("Not found: %s"), a->query);
		free(v);
		return R_REDRAW;
	}
	size_t pick = 0;
	bool fresh = a->hit_doc == (size_t)-1;
	if (fresh) {
		pick = 0;
	} else if (!backward) {
		pick = 0; /* wraps to the first */
		for (size_t i = 0; i < n; i++)
			if (v[i].doc > a->hit_doc || (v[i].doc == a->hit_doc && v[i].off > a->hit_off)) {
				pick = i;
				break;
			}
	} else {
		pick = n - 1;
		for (size_t i = n; i-- > 0;)
			if (v[i].doc < a->hit_doc || (v[i].doc == a->hit_doc && v[i].off < a->hit_off)) {
				pick = i;
				break;
			}
	}
	struct hit h = v[pick];
	a->hit_doc = h.doc;
	a->hit_off = h.off;
	a->hit_src = h.src;
	a->hit_at = h.at;
	if (h.kind == HIT_ITEM) {
		section_show(a, h.sec, (int)h.item);
	} else if (h.kind == HIT_DATA) {
		item_show_field(a, a->d->sections[h.sec].first_item + (size_t)h.item, h.field);
	} else {
		/* the m-th hit in the title or paragraph */
		size_t m = 0;
		for (size_t i = 0; i < pick; i++)
			if (v[i].doc == h.doc)
				m++;
		section_show_hit(a, h.sec, h.kind == HIT_TITLE, m);
	}
	search_reveal(a);
	app_msg(a, false, _("Match %zu of %zu · n next · N previous"), pick + 1, n);
	free(v);
	return R_REDRAW;
}

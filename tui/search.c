/*
 * search.c: "/" across section titles, section texts and items.
 *
 * text_search folds marks when the query has none, so "tiep cong dan"
 * finds "tiếp công dân".  Hits are ordered per section as items, title,
 * then the paragraph: a person searching wants the task to tick first,
 * and the title's and paragraph's matches are highlighted on the same
 * screen anyway.
 */
#include "tui/app.h"

#include <stdlib.h>
#include <string.h>

#include "text/text.h"

struct hit {
	size_t doc, off;
	size_t sec;
	long item; /* index in section, -1 for title or paragraph */
};

/* Every hit of the query, in order. */
static size_t search_all(const struct app *a, struct hit **out)
{
	size_t n = 0, cap = 16, doc = 0;
	struct hit *v = xmalloc(cap * sizeof *v);
	for (size_t s = 0; s < a->d->nsections; s++) {
		const struct section *sec = &a->d->sections[s];
		for (size_t k = 0; k < sec->nitems + 2; k++, doc++) {
			const char *txt;
			long item = -1;
			if (k < sec->nitems) {
				item = (long)k;
				txt = a->d->items[sec->first_item + k].text;
			} else if (k == sec->nitems)
				txt = sec->title;
			else
				txt = sec->text;
			size_t from = 0, st, len;
			while (txt && text_search(txt, a->query, from, &st, &len)) {
				if (n == cap) {
					cap *= 2;
					v = xrealloc(v, cap * sizeof *v);
				}
				v[n++] = (struct hit){doc, st, s, item};
				from = st + (len ? len : 1);
			}
		}
	}
	*out = v;
	return n;
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
	if (h.item >= 0) {
		section_show(a, h.sec, (int)h.item);
	} else {
		/* the m-th hit in the title or paragraph */
		size_t m = 0;
		for (size_t i = 0; i < pick; i++)
			if (v[i].doc == h.doc)
				m++;
		size_t docbase = 0;
		for (size_t s = 0; s < h.sec; s++)
			docbase += a->d->sections[s].nitems + 2;
		bool title = h.doc == docbase + a->d->sections[h.sec].nitems;
		section_show_hit(a, h.sec, title, m);
	}
	app_msg(a, false, _("Match %zu of %zu · n next · N previous"), pick + 1, n);
	free(v);
	return R_REDRAW;
}

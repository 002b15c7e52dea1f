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

void search_open(struct app *a)
{
	editor_free(a->ed);
	a->ed = editor_new(EDIT_SEARCH, "/", NULL, NULL, "", false);
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
	a->screen = SCREEN_SECTION;
	a->sec = h.sec;
	struct rows r = {0};
	section_rows(a, &r, COLS);
	int hgt = body_height();
	if (h.item >= 0) {
		a->sec_sel = (int)h.item;
		a->top[SCREEN_SECTION] = rows_scroll_to(&r, a->sec_sel, 0, hgt);
	} else {
		/* the m-th hit in the title or paragraph: find its row */
		size_t m = 0;
		for (size_t i = 0; i < pick; i++)
			if (v[i].doc == h.doc)
				m++;
		/* title hits are on the title rows (target -3) */
		size_t docbase = 0;
		for (size_t s = 0; s < h.sec; s++)
			docbase += a->d->sections[s].nitems + 2;
		int target = h.doc == docbase + a->d->sections[h.sec].nitems ? -3 : -2;
		int row = 0;
		for (size_t i = 0; i < r.n; i++) {
			if (r.v[i].target != target)
				continue;
			if ((size_t)r.v[i].nhl > m) {
				row = (int)i;
				break;
			}
			m -= (size_t)r.v[i].nhl;
		}
		int top = a->top[SCREEN_SECTION];
		if (row < top || row >= top + hgt)
			top = row - hgt / 3;
		a->top[SCREEN_SECTION] = rows_clamp_top(&r, top, hgt);
	}
	rows_free(&r);
	app_msg(a, false, _("Match %zu of %zu · n next · N previous"), pick + 1, n);
	free(v);
	return R_REDRAW;
}

/*
 * section.c: one section: its paragraph, wrapped by display width, then
 * its items with their status markers.  Search matches are highlighted.
 */
#include "tui/app.h"

#include <stdlib.h>
#include <string.h>

#include "text/text.h"

/* Non-selectable rows get targets below -1 so search can find them. */
#define SECTION_TITLE_ROW (-3)
#define SECTION_TEXT_ROW (-2)

const char *status_marker(enum status s)
{
	switch (s) {
	case STATUS_TODO: return "[ ]";
	case STATUS_IN_PROGRESS: return "[~]";
	case STATUS_DONE: return "[x]";
	case STATUS_NA: return "[-]";
	default: return "[!]";
	}
}

enum element status_element(enum status s)
{
	switch (s) {
	case STATUS_DONE: return EL_DONE;
	case STATUS_IN_PROGRESS: return EL_PROGRESS;
	case STATUS_NA: return EL_NA;
	case STATUS_CONFLICT: return EL_CONFLICT;
	default: return EL_NORMAL;
	}
}

void section_rows(const struct app *a, struct rows *r, int cols)
{
	const struct section *s = &a->d->sections[a->sec];
	char *t = xasprintf("%s. %s", s->id, s->title);
	rows_add(r, a, t, cols, NULL, NULL, EL_TITLE, EL_NORMAL, SECTION_TITLE_ROW, a->query);
	free(t);
	rows_add(r, a, s->text, cols, NULL, NULL, EL_NORMAL, EL_NORMAL, SECTION_TEXT_ROW, a->query);
	rows_blank(r);
	for (size_t k = 0; k < s->nitems; k++) {
		const struct item *it = &a->d->items[s->first_item + k];
		struct item_view v;
		checklist_item_view(a->st->cl, it->id, &v);
		/* "!" two people disagree; "*" the reviewer asked for more */
		bool nw = v.review_f.value && !strcmp(v.review_f.value, "needs-work");
		char *p1 = xasprintf("  %s %s%s%s ", status_marker(v.status), it->id,
				     v.nconflicts ? " !" : "", nw ? " *" : "");
		int pw = text_width(p1);
		char *p2 = xmalloc((size_t)pw + 1);
		memset(p2, ' ', (size_t)pw);
		p2[pw] = '\0';
		enum element el = v.nconflicts ? EL_CONFLICT : status_element(v.status);
		rows_add(r, a, it->text, cols, p1, p2, el == EL_CONFLICT ? EL_NORMAL : el,
			 el, (int)k, a->query);
		free(p1);
		free(p2);
		item_view_free(&v);
	}
}

void section_draw(WINDOW *w, const struct app *a)
{
	const struct section *s = &a->d->sections[a->sec];
	struct progress p;
	checklist_progress(a->st->cl, a->d, a->sec, &p);
	char *h = xasprintf("%s %s · [%u/%u]", _("Section"), s->id, p.done, p.total);
	draw_header(w, a, h);
	free(h);
	struct rows r = {0};
	section_rows(a, &r, COLS);
	int hgt = body_height();
	int top = rows_clamp_top(&r, a->top[SCREEN_SECTION], hgt);
	rows_draw(w, a, &r, top, 1, hgt, COLS, a->sec_sel);
	rows_free(&r);
	draw_statusline(w, a, a->review_dir ? _("Enter open · v review · Esc back · ? help")
					    : _("Space done · Enter open · s status · Esc back · ? help"));
}

int section_toggle(struct app *a, size_t i)
{
	const struct item *it = &a->d->items[i];
	enum status s = checklist_status(a->st->cl, it->id);
	struct assignment as = {"status", s == STATUS_DONE ? "todo" : "done"};
	char *err = NULL;
	if (!app_apply(a, it->id, &as, 1, &err)) {
		app_msg(a, true, "%s", err);
		free(err);
		return R_REDRAW;
	}
	return R_SAVE | R_REDRAW;
}

int section_key(struct app *a, int key)
{
	const struct section *s = &a->d->sections[a->sec];
	enum action act = keys_action(key, true);
	struct rows r = {0};
	section_rows(a, &r, COLS);
	int hgt = body_height();
	int *top = &a->top[SCREEN_SECTION];
	int flags = R_NONE;
	size_t idx = s->first_item + (size_t)(a->sec_sel < 0 ? 0 : a->sec_sel);
	bool vis = s->nitems > 0 && rows_visible(&r, a->sec_sel, *top, hgt);
	bool acts = act == ACT_OPEN || act == ACT_TOGGLE || act == ACT_STATUS ||
		    act == ACT_EDIT || act == ACT_ADD || act == ACT_REVIEW;
	if (acts && s->nitems > 0 && !vis) {
		/* never change what cannot be seen: show it first */
		*top = rows_scroll_to(&r, a->sec_sel, *top, hgt);
		rows_free(&r);
		return R_REDRAW;
	}
	if (act != ACT_OPEN && app_refuse_edit(a, act)) {
		rows_free(&r);
		return R_REDRAW;
	}
	switch (act) {
	case ACT_REVIEW:
		if (s->nitems)
			flags = review_open(a, idx);
		break;
	case ACT_OPEN:
		if (s->nitems == 0)
			break;
		a->item = idx;
		a->item_sel = 0;
		a->top[SCREEN_ITEM] = 0;
		a->screen = SCREEN_ITEM;
		flags = R_REDRAW;
		break;
	case ACT_BACK:
	case ACT_QUIT:
		a->screen = SCREEN_OVERVIEW;
		flags = R_REDRAW;
		break;
	case ACT_TOGGLE:
		if (s->nitems)
			flags = section_toggle(a, idx);
		break;
	case ACT_STATUS:
		if (s->nitems) {
			a->item = idx;
			picker_open(a);
			flags = R_REDRAW;
		}
		break;
	case ACT_EDIT:
		if (s->nitems) {
			a->item = idx;
			editor_open_field(a, idx, "note", NULL);
			flags = R_REDRAW;
		}
		break;
	case ACT_ADD:
		if (s->nitems) {
			a->item = idx;
			editor_open_activity(a, idx);
			flags = R_REDRAW;
		}
		break;
	default:
		flags = rows_nav(&r, act, (int)s->nitems, &a->sec_sel, top, hgt);
		break;
	}
	rows_free(&r);
	return flags;
}

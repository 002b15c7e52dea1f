/*
 * overview.c: the first screen.  The directive's title and issuer, the
 * unit, the overall progress, warnings (conflicts, a wrong-looking clock),
 * and one line per section with its count and bar.
 */
#include "tui/app.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "text/text.h"

/* 2023-01-01T00:00:00Z: a laptop whose clock says earlier is wrong. */
#define OVERVIEW_SANE_MS 1672531200000LL

/* One section's line: "title …  [d/t] [####....]  40%", fitted to cols. */
static char *overview_section_line(const struct app *a, size_t i, int cols)
{
	struct progress p;
	checklist_progress(a->st->cl, a->d, i, &p);
	unsigned pct = progress_percent(&p);
	int barw = cols >= 64 ? 12 : cols >= 46 ? 7 : 0;
	struct buf right = {0};
	if (p.conflict)
		buf_adds(&right, "! ");
	if (needs_work_count(a, i))
		buf_adds(&right, "* ");
	buf_printf(&right, "[%u/%u] ", p.done, p.total);
	if (barw) {
		unsigned applicable = p.total - p.na;
		int full = applicable ? (int)(p.done * (unsigned)(barw - 2) / applicable) : 0;
		buf_addc(&right, '[');
		for (int k = 0; k < barw - 2; k++)
			buf_addc(&right, k < full ? '#' : '.');
		buf_adds(&right, "] ");
	}
	buf_printf(&right, "%3u%%", pct);
	int rw = text_width(right.data);
	int tw = cols - rw - 1;
	char *title = draw_disp(a, a->d->sections[i].title, false);
	struct buf line = {0};
	if (tw > 0) {
		int used = 0;
		if (text_width(title) <= tw) {
			used = text_width(title);
			buf_adds(&line, title);
		} else {
			const char *ell = a->ascii ? "..." : "…";
			int ew = a->ascii ? 3 : 1;
			size_t n = text_fit(title, tw - ew, &used);
			buf_add(&line, title, n);
			buf_adds(&line, ell);
			used += ew;
		}
		for (int k = used; k < tw + 1; k++)
			buf_addc(&line, ' ');
	}
	buf_adds(&line, right.data);
	free(title);
	buf_free(&right);
	return buf_steal(&line);
}

size_t needs_work_count(const struct app *a, size_t section)
{
	size_t from = 0, to = a->d->nitems, n = 0;
	if (section != (size_t)-1) {
		from = a->d->sections[section].first_item;
		to = from + a->d->sections[section].nitems;
	}
	for (size_t i = from; i < to; i++) {
		const char *v = checklist_value(a->st->cl, a->d->items[i].id, "review", NULL);
		if (v && !strcmp(v, "needs-work"))
			n++;
	}
	return n;
}

/* Reviews that came back in the file: how many items are approved and
 * how many need more work. */
static void overview_reviews(const struct app *a, struct rows *r, int cols)
{
	size_t approved = 0, nw = needs_work_count(a, (size_t)-1);
	for (size_t i = 0; i < a->d->nitems; i++) {
		const char *v = checklist_value(a->st->cl, a->d->items[i].id, "review", NULL);
		if (v && !strcmp(v, "approved"))
			approved++;
	}
	if (nw) {
		char *m = xasprintf(_("Reviewer: %zu items need more work (marked *; open them for the comment); %zu approved."),
				    nw, approved);
		rows_add(r, a, m, cols, "* ", "  ", EL_CONFLICT, EL_CONFLICT, -1, NULL);
		free(m);
	} else if (approved) {
		char *m = xasprintf(_("Reviewer: %zu items approved."), approved);
		rows_add(r, a, m, cols, "  ", "  ", EL_DONE, EL_NORMAL, -1, NULL);
		free(m);
	}
}

static void overview_rows(const struct app *a, struct rows *r, int cols)
{
	const struct directive *d = a->d;
	rows_add(r, a, d->title, cols, NULL, NULL, EL_TITLE, EL_NORMAL, -1, NULL);
	struct buf b = {0};
	buf_adds(&b, d->issuer ? d->issuer : "");
	if (d->scope)
		buf_printf(&b, " · %s", d->scope);
	rows_add(r, a, b.data, cols, NULL, NULL, EL_NORMAL, EL_NORMAL, -1, NULL);
	buf_free(&b);

	const char *unit = app_unit_label(a);
	char *l1 = xasprintf("%s ", _("Unit:"));
	char *who = a->review_dir
		? xasprintf(_("%s · reviewed by %s (read only)"), unit ? unit : "",
			    a->cfg->user ? a->cfg->user : "")
		: xasprintf("%s · %s", unit ? unit : "", a->cfg->user ? a->cfg->user : "");
	rows_add(r, a, who, cols, l1, NULL, EL_NORMAL, EL_LABEL, -1, NULL);
	free(l1);
	free(who);

	struct progress p;
	checklist_progress(a->st->cl, d, (size_t)-1, &p);
	unsigned applicable = p.total - p.na;
	int barw = cols >= 60 ? 22 : 12;
	struct buf bar = {0};
	buf_printf(&bar, "%s [", _("Progress:"));
	int full = applicable ? (int)(p.done * (unsigned)(barw - 2) / applicable) : 0;
	for (int k = 0; k < barw - 2; k++)
		buf_addc(&bar, k < full ? '#' : '.');
	buf_adds(&bar, "] ");
	char *txt = xasprintf(_("%u/%u done (%u%%)"), p.done, applicable, progress_percent(&p));
	rows_add(r, a, txt, cols, bar.data, NULL, EL_NORMAL, EL_LABEL, -1, NULL);
	free(txt);
	buf_free(&bar);

	size_t nconf = checklist_conflict_count(a->st->cl);
	if (nconf) {
		char *m = xasprintf(_("%zu conflicts: two people changed the same thing; open the items marked ! to settle them."), nconf);
		rows_add(r, a, m, cols, "! ", "  ", EL_CONFLICT, EL_CONFLICT, -1, NULL);
		free(m);
	}
	overview_reviews(a, r, cols);
	if (!a->review_dir) {
		const struct event **ev;
		size_t nnew = changes_list(a, &ev);
		free(ev);
		if (nnew) {
			char *m = xasprintf(_("%zu changes by others since you last looked: c shows them."), nnew);
			rows_add(r, a, m, cols, "! ", "  ", EL_PROGRESS, EL_PROGRESS, -1, NULL);
			free(m);
		}
	}
	for (size_t i = 0; i < a->nkept; i++)
		rows_add(r, a, a->kept[i], cols, "! ", "  ", EL_ERROR, EL_ERROR, -1, NULL);
	int64_t now = config_now(), newest = checklist_max_at(a->st->cl);
	if (now < OVERVIEW_SANE_MS) {
		rows_add(r, a, _("This computer's date looks wrong (before 2023). Please correct it."),
			 cols, "! ", "  ", EL_ERROR, EL_ERROR, -1, NULL);
	} else if (store_clock_behind(newest, now)) {
		char f[16], l[16];
		time_t tf = (time_t)(newest / 1000), tl = (time_t)(now / 1000);
		struct tm tm;
		strftime(f, sizeof f, "%d/%m/%Y", localtime_r(&tf, &tm));
		strftime(l, sizeof l, "%d/%m/%Y", localtime_r(&tl, &tm));
		char *m = xasprintf(_("This computer's date looks wrong: the file has entries up to %s, "
				      "this computer says %s. Please correct it."), f, l);
		rows_add(r, a, m, cols, "! ", "  ", EL_ERROR, EL_ERROR, -1, NULL);
		free(m);
	} else if (newest > now + CLOCK_MAX_AHEAD_MS)
		rows_add(r, a, _("Some changes are dated in the future: a computer's clock is wrong. Check the date."),
			 cols, "! ", "  ", EL_ERROR, EL_ERROR, -1, NULL);
	rows_blank(r);
	for (size_t i = 0; i < d->nsections; i++) {
		char *pre = xasprintf("  %s. ", d->sections[i].id);
		char *line = overview_section_line(a, i, cols - text_width(pre));
		struct progress sp;
		checklist_progress(a->st->cl, d, i, &sp);
		enum element el = sp.conflict ? EL_CONFLICT
				 : (sp.total && sp.done + sp.na == sp.total) ? EL_DONE : EL_NORMAL;
		rows_add(r, a, line, cols, pre, NULL, el, EL_NORMAL, (int)i, NULL);
		free(line);
		free(pre);
	}
}

void overview_draw(WINDOW *w, const struct app *a)
{
	char *h = xasprintf("dvk · %s", a->d->title);
	draw_header(w, a, h);
	free(h);
	struct rows r = {0};
	overview_rows(a, &r, COLS);
	int hgt = body_height();
	int top = rows_clamp_top(&r, a->top[SCREEN_OVERVIEW], hgt);
	rows_draw(w, a, &r, top, 1, hgt, COLS, (int)a->sec);
	rows_free(&r);
	draw_statusline(w, a, a->review_dir ? _("Enter open · Esc back to the units · ? help")
					    : _("Enter open · / search · ? help · q quit"));
}

int overview_key(struct app *a, int key)
{
	enum action act = keys_action(key, true);
	struct rows r = {0};
	int flags = R_NONE;
	/* Only Enter and moving (rows_nav) look at the rows: laying out
	 * every line again just to quit cost as much as the layout for
	 * the first paint. */
	bool need_rows = true;
	switch (act) {
	case ACT_REVIEW: case ACT_TOGGLE: case ACT_STATUS: case ACT_EDIT:
	case ACT_ADD: case ACT_DELETE: case ACT_BACK: case ACT_QUIT:
		need_rows = false;
		break;
	default:
		break;
	}
	if (need_rows)
		overview_rows(a, &r, COLS);
	int sel = (int)a->sec;
	switch (act) {
	case ACT_OPEN:
		if (a->d->nsections == 0)
			break;
		if (!rows_visible(&r, sel, a->top[SCREEN_OVERVIEW], body_height())) {
			a->top[SCREEN_OVERVIEW] = rows_scroll_to(&r, sel, a->top[SCREEN_OVERVIEW], body_height());
			flags = R_REDRAW;
			break;
		}
		a->screen = SCREEN_SECTION;
		a->sec_sel = 0;
		a->top[SCREEN_SECTION] = 0;
		flags = R_REDRAW;
		break;
	case ACT_REVIEW:
		app_msg(a, false, a->review_dir ? _("Open a section, then an item, to review it.")
					       : _("Reviews are written by the reviewer (dvk --review DIR)."));
		flags = R_REDRAW;
		break;
	case ACT_TOGGLE:
	case ACT_STATUS:
	case ACT_EDIT:
	case ACT_ADD:
	case ACT_DELETE:
		if (app_refuse_edit(a, act))
			flags = R_REDRAW;
		break;
	case ACT_BACK:
	case ACT_QUIT:
		if (a->review_dir) {
			/* back to the reviewer's list of units, but never with
			 * a review that is not on disk yet */
			if (a->save_pending)
				app_save(a);
			if (a->save_pending) {
				app_msg(a, true, _("The review is not saved yet (see above); r retries."));
				flags = R_REDRAW;
				break;
			}
			review_close_unit(a);
			flags = R_REDRAW;
			break;
		}
		flags = act == ACT_QUIT ? R_QUIT : R_NONE;
		break;
	default:
		flags = rows_nav(&r, act, (int)a->d->nsections, &sel, &a->top[SCREEN_OVERVIEW], body_height());
		if (sel >= 0)
			a->sec = (size_t)sel;
		break;
	}
	rows_free(&r);
	return flags;
}

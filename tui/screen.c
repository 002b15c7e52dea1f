/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * screen.c: the stack of open screens, and the frame around them: the
 * title bar, the body's rows, moving through them, the key bar and the
 * message line, and the keys no single screen owns.
 *
 * A screen only says what it shows (title, rows) and what its own keys
 * do; everything every screen does alike is here, once.
 */
#include "tui/app.h"

#include <stdlib.h>
#include <string.h>

#include "text/text.h"

const struct screen_ops *const screen_table[SCR__COUNT] = {
#define X(id, name) [SCR_##id] = &name##_screen,
	SCREENS(X)
#undef X
};

/* ---- the stack ---- */

struct screen *screen_push(struct app *a, enum screen_id id, const struct screen_arg *arg)
{
	const struct screen_ops *ops = screen_table[id];
	if (a->nstack == SCREEN_DEPTH)
		abort(); /* a screen that opens itself forever: a bug */
	struct screen *s = &a->stack[a->nstack++];
	memset(s, 0, sizeof *s);
	s->ops = ops;
	s->priv = ops->priv_size ? xcalloc(1, ops->priv_size) : NULL;
	s->sel = 0;
	if (ops->open)
		ops->open(a, s, arg);
	/* open() may have pushed more (a question over itself) */
	return s == &a->stack[a->nstack - 1] ? s : &a->stack[a->nstack - 1];
}

void screen_pop(struct app *a)
{
	if (!a->nstack)
		return;
	struct screen *s = &a->stack[a->nstack - 1];
	if (s->ops->close)
		s->ops->close(a, s);
	/* close() runs with the screen still on the stack, so it can look
	 * below itself; only then is it taken off */
	s = &a->stack[--a->nstack];
	free(s->priv);
	memset(s, 0, sizeof *s);
}

void screen_pop_all(struct app *a)
{
	while (a->nstack)
		screen_pop(a);
}

struct screen *screen_top(const struct app *a)
{
	/* like strchr: a const app gives a screen the caller may change
	 * only if it owns the app */
	return a->nstack ? (struct screen *)&a->stack[a->nstack - 1] : NULL;
}

struct screen *screen_top_page(const struct app *a)
{
	for (size_t i = a->nstack; i-- > 0;)
		if (!(a->stack[i].ops->flags & SCREEN_OVERLAY))
			return (struct screen *)&a->stack[i];
	return NULL;
}

bool screen_is(const struct screen *s, enum screen_id id)
{
	return s && s->ops == screen_table[id];
}

struct screen *screen_find(const struct app *a, enum screen_id id)
{
	for (size_t i = a->nstack; i-- > 0;)
		if (screen_is(&a->stack[i], id))
			return (struct screen *)&a->stack[i];
	return NULL;
}

bool screen_pop_to(struct app *a, enum screen_id id)
{
	if (!screen_find(a, id))
		return false;
	while (!screen_is(screen_top(a), id))
		screen_pop(a);
	return true;
}

static size_t screen_index(const struct app *a, const struct screen *s)
{
	return (size_t)(s - a->stack);
}

/* ---- the key bar ---- */

struct bar_item {
	const char *key;   /* "Enter" */
	const char *label; /* translated */
};

static bool screen_lists(const struct screen *s, int act)
{
	for (const struct screen_key *k = s->ops->keys; k && k->act != ACT_NONE; k++)
		if (k->act == act)
			return true;
	return false;
}

static bool screen_offers(const struct app *a, const struct screen *s, const struct screen_key *k)
{
	return !s->ops->offers || s->ops->offers(a, s, k);
}

/* The bar of s: its own keys that are offered now, then what the frame
 * does for it (Esc back, ? help, q quit).  Returns the count. */
static size_t bar_items(const struct app *a, const struct screen *s, struct bar_item *out,
			size_t max)
{
	size_t n = 0;
	const struct key_help *tbl = keys_help;
	for (const struct screen_key *k = s->ops->keys; k && k->act != ACT_NONE && n < max; k++) {
		const char *nc = k->label ? k->label : tbl[k->act - 1].bar;
		if (!nc || !screen_offers(a, s, k))
			continue;
		out[n].key = keys_name(k->act, a->ascii);
		out[n].label = keys_label(nc);
		n++;
	}
	if (s->ops->flags & (SCREEN_RAW | SCREEN_TEXT))
		return n;
	bool root = screen_index(a, s) == 0;
	if (!root && !screen_lists(s, ACT_BACK) && n < max) {
		out[n].key = keys_name(ACT_BACK, a->ascii);
		out[n++].label = keys_label(tbl[ACT_BACK - 1].bar);
	}
	if (!screen_is(s, SCR_HELP) && !screen_lists(s, ACT_HELP) && n < max) {
		out[n].key = keys_name(ACT_HELP, a->ascii);
		out[n++].label = keys_label(tbl[ACT_HELP - 1].bar);
	}
	if (root && !screen_lists(s, ACT_QUIT) && n < max) {
		out[n].key = keys_name(ACT_QUIT, a->ascii);
		out[n++].label = keys_label(tbl[ACT_QUIT - 1].bar);
	}
	return n;
}

#define BAR_MAX 24
#define BAR_SEP 2 /* columns between two keys */

/* Lay the bar out on lines of cols columns: line[i] is the line of item
 * i.  Returns the number of lines (0 when the bar is empty).  An item is
 * never split: a bar that does not fit goes on as many lines as it needs,
 * never cut. */
static int bar_layout(const struct app *a, const struct bar_item *it, size_t n, int cols,
		      int *line)
{
	int lines = 0, x = 0;
	for (size_t i = 0; i < n; i++) {
		char *k = draw_disp(a, it[i].key, false), *l = draw_disp(a, it[i].label, false);
		int w = text_width(k) + 1 + text_width(l);
		free(k);
		free(l);
		if (lines == 0 || (x > 0 && x + BAR_SEP + w > cols)) {
			lines++;
			x = 0;
		} else if (x > 0) {
			x += BAR_SEP;
		}
		x += w;
		line[i] = lines - 1;
	}
	return lines;
}

int screen_bar_rows(const struct app *a, const struct screen *s)
{
	struct bar_item it[BAR_MAX];
	int line[BAR_MAX];
	size_t n = bar_items(a, s, it, BAR_MAX);
	int rows = bar_layout(a, it, n, COLS - 1, line);
	return rows < 1 ? 1 : rows;
}

void screen_draw_keybar(WINDOW *w, const struct app *a, const struct screen *s)
{
	struct bar_item it[BAR_MAX];
	int line[BAR_MAX];
	size_t n = bar_items(a, s, it, BAR_MAX);
	int rows = bar_layout(a, it, n, COLS - 1, line);
	if (rows < 1)
		rows = 1;
	int y0 = LINES - rows, x = 0, cur = -1;
	for (int y = y0; y < LINES; y++)
		draw_fill(w, a, y, 0, COLS, EL_STATUSLINE);
	for (size_t i = 0; i < n; i++) {
		if (line[i] != cur) {
			cur = line[i];
			x = 0;
		} else {
			x += BAR_SEP;
		}
		x += draw_text(w, a, y0 + cur, x, COLS - 1 - x, it[i].key, EL_BARKEY);
		x += 1;
		x += draw_text(w, a, y0 + cur, x, COLS - 1 - x, it[i].label, EL_STATUSLINE);
	}
}

/* ---- drawing ---- */

int body_height(const struct app *a)
{
	const struct screen *s = screen_top_page(a);
	int h = LINES - 1 - (s ? screen_bar_rows(a, s) : 1);
	return h > 1 ? h : 1;
}

static int screen_body_height(const struct app *a, const struct screen *s)
{
	int h = LINES - 1 - screen_bar_rows(a, s);
	return h > 1 ? h : 1;
}

/* The message on the status line: wrapped onto as many lines as it
 * needs (up to a third of the screen), growing upwards over the body;
 * when even that is too short, the last line says that m shows it all. */
static void draw_message(WINDOW *w, const struct app *a)
{
	enum element el = a->msg_error ? EL_ERROR : EL_STATUSLINE;
	char *d = draw_disp(a, a->msg, false);
	size_t *st, *ln;
	size_t n = draw_wrap(d, COLS - 1, &st, &ln);
	size_t max = (size_t)(LINES / 3 > 1 ? LINES / 3 : 1);
	bool cut = n > max;
	size_t shown = cut ? max : n;
	int y0 = LINES - (int)shown;
	for (size_t i = 0; i < shown; i++) {
		draw_fill(w, a, y0 + (int)i, 0, COLS, el);
		char *row = xstrndup(d + st[i], ln[i]);
		if (cut && i + 1 == shown) {
			char *more = xasprintf("%s %s", row, _("(m: the whole message)"));
			draw_text_ellipsis(w, a, y0 + (int)i, 0, COLS - 1, more, el);
			free(more);
		} else {
			draw_text(w, a, y0 + (int)i, 0, COLS - 1, row, el);
		}
		free(row);
	}
	free(st);
	free(ln);
	free(d);
}

/* The rows of the top screen as last laid out, kept for the keys that
 * only move through them: a screen's rows do not depend on where the
 * cursor is, and laying out an item of 2,000 events again for every
 * arrow key cost 15 ms.  Valid for one screen, width, state and version
 * of the unit's events; any other key drops them. */
static struct {
	struct rows r;
	const struct screen *s;
	const struct state *st;
	int cols;
	unsigned long version;
	bool loading, ascii, valid;
} kept_rows;

static unsigned long rows_version(const struct app *a)
{
	return a->st ? checklist_version(a->st->cl) : 0;
}

static void kept_rows_drop(void)
{
	if (kept_rows.valid)
		rows_free(&kept_rows.r);
	memset(&kept_rows, 0, sizeof kept_rows);
}

/* Keep r (taken) as s's rows. */
static void kept_rows_keep(const struct app *a, const struct screen *s, struct rows *r)
{
	kept_rows_drop();
	kept_rows.r = *r;
	kept_rows.s = s;
	kept_rows.st = a->st;
	kept_rows.loading = a->loading;
	kept_rows.ascii = a->ascii;
	kept_rows.cols = COLS;
	kept_rows.version = rows_version(a);
	kept_rows.valid = true;
}

/* s's rows at cols: the kept ones when they are s's, else laid out now
 * (*mine: the caller frees them). */
static struct rows *screen_rows(const struct app *a, const struct screen *s, struct rows *fresh,
				bool *mine)
{
	if (kept_rows.valid && kept_rows.s == s && kept_rows.cols == COLS && kept_rows.st == a->st &&
	    kept_rows.loading == a->loading && kept_rows.ascii == a->ascii &&
	    kept_rows.version == rows_version(a)) {
		*mine = false;
		return &kept_rows.r;
	}
	memset(fresh, 0, sizeof *fresh);
	s->ops->rows(a, s, fresh, COLS);
	*mine = true;
	return fresh;
}

/* A screen (not an overlay): title, rows, its key bar. */
static void screen_draw_page(WINDOW *w, const struct app *a, const struct screen *s)
{
	if (s->ops->title) {
		char *t = s->ops->title(a, s);
		draw_header(w, a, t);
		free(t);
	}
	int h = screen_body_height(a, s);
	if (s->ops->rows) {
		struct rows fresh, *r;
		bool mine;

		r = screen_rows(a, s, &fresh, &mine);
		rows_draw(w, a, r, rows_clamp_top(r, s->top, h), 1, h, COLS, s->sel);
		if (mine && s == screen_top(a))
			kept_rows_keep(a, s, r);
		else if (mine)
			rows_free(r);
	}
	if (s->ops->draw)
		s->ops->draw(w, a, s);
	if (s->ops->bar)
		s->ops->bar(w, a, s);
	else
		screen_draw_keybar(w, a, s);
}

static void screen_draw_too_small(WINDOW *w, const struct app *a)
{
	char *m = xasprintf(_("Window too small (need %dx%d)"), MIN_COLS, MIN_LINES);
	char *d = draw_disp(a, m, false);
	size_t *st, *ln;
	size_t n = draw_wrap(d, COLS, &st, &ln);
	for (size_t i = 0; i < n && (int)i < LINES; i++) {
		char *row = xstrndup(d + st[i], ln[i]);
		draw_text(w, a, (int)i, 0, COLS, row, EL_ERROR);
		free(row);
	}
	free(st);
	free(ln);
	free(d);
	free(m);
}

void screen_draw(struct app *a)
{
	WINDOW *w = stdscr;
	werase(w);
	int cy = 0, cx = 0;
	bool cursor = false;
	if (COLS < MIN_COLS || LINES < MIN_LINES) {
		screen_draw_too_small(w, a);
	} else if (a->nstack) {
		/* from the highest screen that hides what is below it */
		size_t from = a->nstack - 1;
		while (from > 0 && (a->stack[from].ops->flags & SCREEN_OVERLAY) &&
		       !(a->stack[from].ops->flags & SCREEN_OPAQUE))
			from--;
		for (size_t i = from; i < a->nstack; i++) {
			const struct screen *s = &a->stack[i];
			if (!(s->ops->flags & SCREEN_OVERLAY)) {
				screen_draw_page(w, a, s);
				continue;
			}
			if (s->ops->draw)
				s->ops->draw(w, a, s);
			if (i + 1 < a->nstack)
				continue;
			/* the top overlay's keys replace the bar below */
			const struct screen *page = screen_top_page(a);
			if (page && (s->ops->bar || s->ops->keys))
				for (int y = LINES - screen_bar_rows(a, page); y < LINES; y++)
					draw_fill(w, a, y, 0, COLS, EL_STATUSLINE);
			if (s->ops->bar)
				s->ops->bar(w, a, s);
			else if (s->ops->keys)
				screen_draw_keybar(w, a, s);
		}
		const struct screen *top = screen_top(a);
		/* never over a question's choices */
		if (a->msg && !screen_is(top, SCR_CONFIRM))
			draw_message(w, a);
		else if (top->ops->cursor)
			cursor = top->ops->cursor(a, top, &cy, &cx);
	}
	/* The editor leaves the cursor where typing goes; elsewhere hide it
	 * so it does not wander (and cost bytes) with each redraw. */
	curs_set(cursor ? 1 : 0);
	leaveok(w, cursor ? FALSE : TRUE);
	if (cursor)
		wmove(w, cy, cx);
	wnoutrefresh(w);
}

void screen_reveal(struct app *a)
{
	for (size_t i = 0; i < a->nstack; i++) {
		struct screen *s = &a->stack[i];
		if ((s->ops->flags & SCREEN_OVERLAY) || !s->ops->rows)
			continue;
		struct rows r = {0};
		s->ops->rows(a, s, &r, COLS);
		rows_nav(&r, ACT_REVEAL, rows_targets(&r), &s->sel, &s->top,
			 screen_body_height(a, s));
		rows_free(&r);
	}
}

/* ---- keys ---- */

static bool is_move(int act)
{
	switch (act) {
	case ACT_UP: case ACT_DOWN: case ACT_PGUP: case ACT_PGDN:
	case ACT_HOME: case ACT_END: case ACT_REVEAL:
		return true;
	default:
		return false;
	}
}

/* What every screen does alike: move through its rows, go back, help,
 * and the keys of app_global_key. */
static int screen_frame_key(struct app *a, struct screen *s, int act, int key)
{
	if (is_move(act)) {
		if (!s->ops->rows)
			return R_NONE;
		struct rows fresh, *r;
		bool mine;

		r = screen_rows(a, s, &fresh, &mine);
		if (mine)
			kept_rows_keep(a, s, r);
		return rows_nav(&kept_rows.r, act, rows_targets(&kept_rows.r), &s->sel, &s->top,
				screen_body_height(a, s));
	}
	switch (act) {
	case ACT_BACK:
	case ACT_QUIT:
		if (screen_index(a, s) > 0) {
			screen_pop(a);
			return R_REDRAW;
		}
		return act == ACT_QUIT ? R_QUIT : R_NONE;
	case ACT_HELP:
		if (screen_is(s, SCR_HELP))
			screen_pop(a);
		else
			screen_push(a, SCR_HELP, NULL);
		return R_REDRAW;
	default:
		break;
	}
	int flags = app_global_key(a, act, key);
	return flags == R_PASS ? R_NONE : flags;
}

int screen_key(struct app *a, int key)
{
	struct screen *s = screen_top(a);

	if (!s)
		return R_NONE;
	if (s->ops->flags & (SCREEN_RAW | SCREEN_TEXT)) {
		kept_rows_drop();
		int act = keys_action(key, !(s->ops->flags & SCREEN_TEXT));
		return s->ops->key(a, s, act, key);
	}
	int act = keys_action(key, true);
	/* only moving keeps the rows laid out (kept_rows) */
	if (!is_move(act))
		kept_rows_drop();
	if (act == ACT_NONE)
		return R_NONE;
	/* q is Esc everywhere but on the first screen */
	if (act == ACT_QUIT && screen_index(a, s) > 0)
		act = ACT_BACK;
	/* keys that would edit, or need the unit's file, wait for it */
	if (app_refuse_loading(a, s, act))
		return R_REDRAW;
	for (const struct screen_key *k = s->ops->keys; k && k->act != ACT_NONE; k++) {
		if (k->act != act || !screen_offers(a, s, k))
			continue;
		int flags = s->ops->key(a, s, act, key);
		if (!(flags & R_PASS))
			return flags;
		break;
	}
	return screen_frame_key(a, s, act, key);
}

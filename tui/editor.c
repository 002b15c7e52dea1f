/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * editor.c: the note and field editor, also used for the search query and
 * the first-run questions.
 *
 * Text is kept in NFC as it arrives: after every typed character the text
 * before the cursor is normalised again, so marks sent one at a time by
 * Unikey in "Unicode tổ hợp" mode (a, U+0323, U+0306) end up as one letter
 * (ặ).  Backspace is KEY_BACKSPACE, 8 or 127 (Unikey's fake backspaces use
 * either) and deletes one character with its marks.  Esc never throws
 * typed text away without asking.  Every change is written to the draft
 * file, so a dropped link loses nothing.
 */
#include "tui/app.h"

#include <stdlib.h>
#include <string.h>

#include "text/text.h"

static const char *ed_text(const struct editor *e)
{
	return e->text.data ? e->text.data : "";
}

static void editor_screen_open(struct app *a, struct screen *s, const struct screen_arg *arg)
{
	(void)a;
	struct editor *e = s->priv;
	const struct editor_spec *sp = arg->data;
	e->spec = *sp;
	/* the spec's strings are the caller's: keep copies */
	e->spec.label = e->spec.item = e->spec.field = e->spec.init = NULL;
	e->purpose = sp->purpose;
	e->label = xstrdup(sp->label ? sp->label : "");
	e->item = sp->item ? xstrdup(sp->item) : NULL;
	e->field = sp->field ? xstrdup(sp->field) : NULL;
	buf_adds(&e->text, sp->init ? sp->init : "");
	e->cur = e->text.len;
	e->orig = xstrdup(ed_text(e));
	e->multiline = sp->multiline;
	s->sel = -1;
}

static void editor_screen_close(struct app *a, struct screen *s)
{
	(void)a;
	struct editor *e = s->priv;
	free(e->label);
	free(e->item);
	free(e->field);
	buf_free(&e->text);
	free(e->orig);
	free(e->error);
	free(e->hint);
	free(e->base);
	free(e->rid);
	if (e->values) {
		for (size_t i = 0; i < e->step; i++)
			free(e->values[i]);
		free(e->values);
	}
}

struct editor *editor_open(struct app *a, const struct editor_spec *spec)
{
	struct screen *s = screen_push(a, spec->line ? SCR_PROMPT : SCR_EDITOR,
				       &(struct screen_arg){.data = spec});
	return s->priv;
}

struct editor *editor_current(const struct app *a)
{
	struct screen *s = screen_top(a);
	return screen_is(s, SCR_EDITOR) || screen_is(s, SCR_PROMPT) ? s->priv : NULL;
}

void editor_set_text(struct editor *e, const char *text)
{
	e->text.len = 0;
	if (e->text.data)
		e->text.data[0] = '\0';
	buf_adds(&e->text, text ? text : "");
	e->cur = e->text.len;
}

/* What a field is called on screen. */
static char *editor_label(const struct app *a, size_t i, const char *field)
{
	const struct item *it = &a->d->items[i];
	if (!strcmp(field, "note"))
		return xasprintf(_("Note for item %s"), it->id);
	if (!strcmp(field, "reason"))
		return xasprintf(_("Reason for item %s"), it->id);
	if (!strncmp(field, "activity.", 9)) {
		const char *key = strchr(field + 9, '.');
		const struct evidence_field *ef = key ? item_evidence(it, key + 1) : NULL;
		if (ef)
			return xstrdup(ef->label);
	}
	return xstrdup(field);
}

struct editor *editor_open_field(struct app *a, size_t i, const char *field, const char *label)
{
	const struct item *it = &a->d->items[i];
	const char *cur = checklist_value(a->st->cl, it->id, field, NULL);
	char *lab = label ? xstrdup(label) : editor_label(a, i, field);
	/* a note is prose; every other field is one line, saved with Enter */
	struct editor *e = editor_open(a, &(struct editor_spec){
		.purpose = EDIT_FIELD, .label = lab, .item = it->id, .field = field, .init = cur,
		.multiline = !strcmp(field, "note")});
	e->base = draft_base(a, it->id, field);
	free(lab);
	return e;
}

static void editor_activity_step(const struct app *a, struct editor *e)
{
	const struct item *it = directive_item(a->d, e->item);
	const struct evidence_field *ef = &it->evidence[e->step];
	free(e->field);
	e->field = xasprintf("activity.%s.%s", e->rid, ef->key);
	free(e->label);
	const char *kind = ef->type == EVIDENCE_DATE ? _("a date like 14/3/2023")
			 : ef->type == EVIDENCE_COUNT ? _("a number") : _("text");
	e->label = xasprintf(_("New activity (%zu/%zu): %s (%s; empty to skip)"),
			     e->step + 1, it->nevidence, ef->label, kind);
	editor_set_text(e, "");
	free(e->orig);
	e->orig = xstrdup("");
}

void editor_open_activity(struct app *a, size_t i)
{
	const struct item *it = &a->d->items[i];
	if (it->nevidence == 0) {
		app_msg(a, true, _("This item has no evidence fields to record."));
		return;
	}
	struct edit_ctx ctx = {a->cfg->user, a->replica, &a->clock, config_now(),
			       config_random, NULL};
	struct editor *e = editor_open(a, &(struct editor_spec){.purpose = EDIT_ACTIVITY,
								.item = it->id});
	e->rid = checklist_new_rid(&ctx);
	e->values = xcalloc(it->nevidence, sizeof *e->values);
	editor_activity_step(a, e);
}

struct editor *editor_resume_activity(struct app *a, size_t i, const char *rid, size_t step,
				      const char *const *keys, const char *const *values, size_t n,
				      const char *text)
{
	const struct item *it = &a->d->items[i];
	if (it->nevidence == 0)
		return NULL;
	struct editor *e = editor_open(a, &(struct editor_spec){.purpose = EDIT_ACTIVITY,
								.item = it->id});
	e->rid = xstrdup(rid && *rid ? rid : "");
	if (!*e->rid) {
		struct edit_ctx ctx = {a->cfg->user, a->replica, &a->clock, config_now(),
				       config_random, NULL};
		free(e->rid);
		e->rid = checklist_new_rid(&ctx);
	}
	e->values = xcalloc(it->nevidence, sizeof *e->values);
	/* the fields in the directive's order, as far as they were entered */
	if (step > it->nevidence - 1)
		step = it->nevidence - 1;
	for (e->step = 0; e->step < step; e->step++) {
		const char *v = "";
		for (size_t k = 0; k < n; k++)
			if (!strcmp(keys[k], it->evidence[e->step].key))
				v = values[k];
		e->values[e->step] = xstrdup(v);
	}
	editor_activity_step(a, e);
	editor_set_text(e, text);
	return e;
}

/* ---- text editing ---- */

static bool is_mark(unsigned c)
{
	return (c >= 0x300 && c <= 0x36f) || (c >= 0x1ab0 && c <= 0x1aff) ||
	       (c >= 0x1dc0 && c <= 0x1dff) || (c >= 0x20d0 && c <= 0x20ff) ||
	       (c >= 0xfe20 && c <= 0xfe2f);
}

/* Decode the code point at s[i] (text is valid UTF-8: we built it). */
static unsigned cp_at(const char *s, size_t i, size_t *len)
{
	const unsigned char *p = (const unsigned char *)s + i;
	if (p[0] < 0x80) {
		*len = 1;
		return p[0];
	}
	int n = p[0] >= 0xf0 ? 4 : p[0] >= 0xe0 ? 3 : 2;
	unsigned c = p[0] & (0x3f >> (n - 1));
	for (int k = 1; k < n; k++) {
		if ((p[k] & 0xc0) != 0x80) {
			*len = (size_t)k;
			return 0xfffd;
		}
		c = (c << 6) | (p[k] & 0x3f);
	}
	*len = (size_t)n;
	return c;
}

static size_t cp_prev(const char *s, size_t i)
{
	if (i == 0)
		return 0;
	i--;
	while (i > 0 && ((unsigned char)s[i] & 0xc0) == 0x80)
		i--;
	return i;
}

/* Start of the character (base and marks) before i. */
static size_t grapheme_prev(const char *s, size_t i)
{
	size_t len;
	while (i > 0) {
		i = cp_prev(s, i);
		if (!is_mark(cp_at(s, i, &len)))
			break;
	}
	return i;
}

static size_t grapheme_next(const char *s, size_t i, size_t n)
{
	size_t len;
	if (i >= n)
		return n;
	cp_at(s, i, &len);
	i += len;
	while (i < n && is_mark(cp_at(s, i, &len)))
		i += len;
	return i;
}

static void utf8_put(char *out, unsigned c, size_t *n)
{
	if (c < 0x80) {
		out[0] = (char)c;
		*n = 1;
	} else if (c < 0x800) {
		out[0] = (char)(0xc0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3f));
		*n = 2;
	} else if (c < 0x10000) {
		out[0] = (char)(0xe0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		out[2] = (char)(0x80 | (c & 0x3f));
		*n = 3;
	} else {
		out[0] = (char)(0xf0 | (c >> 18));
		out[1] = (char)(0x80 | ((c >> 12) & 0x3f));
		out[2] = (char)(0x80 | ((c >> 6) & 0x3f));
		out[3] = (char)(0x80 | (c & 0x3f));
		*n = 4;
	}
}

/* Replace text[from..to) with ins and put the cursor after it; the part
 * before the cursor is normalised to NFC so marks join their letter. */
static void editor_splice(struct editor *e, size_t from, size_t to, const char *ins)
{
	const char *t = ed_text(e);
	/* Only the tail after the last ASCII character can change: ASCII
	 * never composes with what precedes it.  This keeps a long paste
	 * from normalising the whole note once per character. */
	size_t k = from;
	while (k > 0 && (unsigned char)t[k - 1] >= 0x80)
		k--;
	if (k > 0)
		k--;
	struct buf before = {0};
	buf_add(&before, t + k, from - k);
	buf_adds(&before, ins);
	char *nfc = text_nfc(before.data ? before.data : "");
	struct buf nb = {0};
	buf_add(&nb, t, k);
	buf_adds(&nb, nfc);
	size_t cur = nb.len;
	buf_adds(&nb, t + to);
	if (!nb.data)
		buf_adds(&nb, "");
	buf_free(&e->text);
	e->text = nb;
	e->cur = cur;
	free(nfc);
	buf_free(&before);
}

/* Visual rows of the text at cols, for Up/Down. */
static void editor_move_row(struct editor *e, int cols, int dir)
{
	const char *t = ed_text(e);
	size_t *st, *ln;
	size_t n = draw_wrap(t, cols, &st, &ln);
	size_t r = 0;
	for (size_t i = 0; i < n; i++)
		if (st[i] <= e->cur)
			r = i;
	char *pre = xstrndup(t + st[r], e->cur - st[r]);
	int col = text_width(pre);
	free(pre);
	if ((dir < 0 && r == 0) || (dir > 0 && r + 1 >= n)) {
		if (dir > 0 && e->multiline)
			e->on_button = true;
		else
			e->cur = dir < 0 ? 0 : e->text.len;
	} else {
		size_t nr = r + (size_t)dir;
		char *row = xstrndup(t + st[nr], ln[nr]);
		size_t k = text_fit(row, col, NULL);
		e->cur = st[nr] + k;
		free(row);
	}
	free(st);
	free(ln);
}

/* Apply one key to the text.  Returns 1 if the text changed; *submit or
 * *cancel say the person is done. */
static int editor_input(struct editor *e, int key, bool *submit, bool *cancel)
{
	*submit = *cancel = false;
	const char *t = ed_text(e);
	size_t n = e->text.len;
	if (e->asking) {
		e->asking = false;
		if (key == 'y' || key == 'Y' || key == 'c' || key == 'C')
			*cancel = true;
		return 0;
	}
	/* the editor's own keys come from the key table (keys.h) */
	enum action act = keys_action(key, false);
	bool enter = act == ACT_ED_NEWLINE;
	if (act == ACT_ED_CANCEL) {
		/* a question's answer is not work to lose: no question */
		if (strcmp(t, e->orig) && e->purpose != EDIT_ASK)
			e->asking = true;
		else
			*cancel = true;
		return 0;
	}
	if (e->on_button) {
		if (enter || key == ' ')
			*submit = true;
		else if (key == TK(KEY_UP) || key == TK(KEY_LEFT) || act == ACT_ED_BACKSPACE)
			e->on_button = false;
		return 0;
	}
	if (act == ACT_ED_SAVE || (enter && !e->multiline)) {
		*submit = true;
		return 0;
	}
	if (act == ACT_ED_BACKSPACE) {
		if (e->cur == 0)
			return 0;
		editor_splice(e, grapheme_prev(t, e->cur), e->cur, "");
		return 1;
	}
	if (key == TK(KEY_DC) || key == TK_CTRL('d')) {
		if (e->cur >= n)
			return 0;
		size_t cur = e->cur;
		editor_splice(e, cur, grapheme_next(t, cur, n), "");
		return 1;
	}
	switch (key) {
	case TK(KEY_LEFT):
		e->cur = grapheme_prev(t, e->cur);
		return 0;
	case TK(KEY_RIGHT):
		e->cur = grapheme_next(t, e->cur, n);
		return 0;
	case TK(KEY_HOME):
	case TK_CTRL('a'):
		while (e->cur > 0 && t[e->cur - 1] != '\n')
			e->cur--;
		return 0;
	case TK(KEY_END):
	case TK_CTRL('e'):
		while (e->cur < n && t[e->cur] != '\n')
			e->cur++;
		return 0;
	case TK(KEY_UP):
		editor_move_row(e, COLS > 6 ? COLS - 4 : 2, -1);
		return 0;
	case TK(KEY_DOWN):
		if (e->multiline)
			editor_move_row(e, COLS > 6 ? COLS - 4 : 2, 1);
		return 0;
	case TK_CTRL('u'):
		editor_splice(e, 0, e->cur, "");
		return 1;
	default:
		break;
	}
	if (enter) {
		editor_splice(e, e->cur, e->cur, "\n");
		return 1;
	}
	if (key == '\t')
		key = ' ';
	/* printable characters only: controls and C1 never enter a note */
	if (key >= TK_FN || key < 0x20 || key == 0x7f || (key >= 0x80 && key < 0xa0))
		return 0;
	char enc[5];
	size_t len;
	utf8_put(enc, (unsigned)key, &len);
	enc[len] = '\0';
	editor_splice(e, e->cur, e->cur, enc);
	return 1;
}

/* ---- submitting ---- */

static bool editor_drafted(const struct editor *e)
{
	return e->purpose != EDIT_ASK;
}

/* Take the text as the field's value.  Returns flags; a refusal stays in
 * the editor as e->error (then the editor is still open). */
static int editor_submit(struct app *a, struct editor *e)
{
	const char *text = ed_text(e);
	char *err = NULL;
	struct dvk_error derr;
	dvk_error_clear(&derr);
	switch (e->purpose) {
	case EDIT_FIELD: {
		if (!strcmp(text, e->orig)) {
			draft_remove(a, e);
			screen_pop(a);
			return R_REDRAW;
		}
		struct assignment as = {e->field, text};
		if (!app_apply(a, e->item, &as, 1, &err))
			break;
		draft_remove(a, e);
		screen_pop(a);
		app_msg(a, false, _("Saved."));
		return R_SAVE | R_REDRAW;
	}
	case EDIT_REASON_NA: {
		struct assignment as[2] = {{"status", "not-applicable"}, {"reason", text}};
		if (!app_apply(a, e->item, as, 2, &err))
			break;
		draft_remove(a, e);
		screen_pop(a);
		return R_SAVE | R_REDRAW;
	}
	case EDIT_ACTIVITY: {
		const struct item *it = directive_item(a->d, e->item);
		char *clean = text_clean_input(text);
		if (*clean && !checklist_check_field(a->d, e->item, e->field, clean, &derr)) {
			free(clean);
			err = xstrdup(derr.message);
			break;
		}
		e->values[e->step++] = clean;
		if (e->step < it->nevidence) {
			free(e->error);
			e->error = NULL;
			editor_activity_step(a, e);
			/* the record so far is the draft, not only the field */
			e->typed = config_now();
			draft_save(a, e, false);
			return R_REDRAW;
		}
		struct assignment *as = xcalloc(it->nevidence, sizeof *as);
		char **names = xcalloc(it->nevidence, sizeof *names);
		size_t n = 0;
		for (size_t k = 0; k < it->nevidence; k++)
			if (e->values[k][0]) {
				names[n] = xasprintf("activity.%s.%s", e->rid, it->evidence[k].key);
				as[n].field = names[n];
				as[n].value = e->values[k];
				n++;
			}
		int ok = n == 0 || app_apply(a, e->item, as, n, &err);
		for (size_t k = 0; k < n; k++)
			free(names[k]);
		free(names);
		free(as);
		if (!ok) {
			/* start the record again from its first field */
			for (size_t k = 0; k < e->step; k++)
				free(e->values[k]);
			e->step = 0;
			editor_activity_step(a, e);
			break;
		}
		draft_remove(a, e);
		screen_pop(a);
		if (n == 0) {
			app_msg(a, false, _("Nothing recorded."));
			return R_REDRAW;
		}
		app_msg(a, false, _("Activity recorded."));
		return R_SAVE | R_REDRAW;
	}
	case EDIT_REVIEW: {
		char *verdict = xstrdup(e->field), *item = xstrdup(e->item);
		char *comment = text_clean_input(text);
		int flags = review_submit(a, verdict, item, comment, &err);
		free(verdict);
		free(item);
		free(comment);
		if (!flags)
			break;
		draft_remove(a, e);
		screen_pop(a);
		return flags;
	}
	case EDIT_ASK: {
		if (e->spec.check && !e->spec.check(a, text, &err))
			break;
		/* the editor closes before the answer acts: it may open
		 * screens of its own */
		int (*submit)(struct app *, const char *) = e->spec.submit;
		char *answer = xstrdup(text);
		screen_pop(a);
		int flags = submit ? submit(a, answer) : R_REDRAW;
		free(answer);
		return flags | R_REDRAW;
	}
	}
	free(e->error);
	e->error = err;
	return R_REDRAW;
}

static int editor_key(struct app *a, struct screen *s, int act, int key)
{
	struct editor *e = s->priv;
	if (key == TK_CTRL('l'))
		return R_CLEAR;
	free(a->msg);
	a->msg = NULL;
	if (act == ACT_ED_COMPLETE && !e->asking && e->spec.complete) {
		e->spec.complete(a, e);
		return R_REDRAW;
	}
	bool submit, cancel;
	int changed = editor_input(e, key, &submit, &cancel);
	if (changed && e->hint) {
		free(e->hint);
		e->hint = NULL;
	}
	if (changed) {
		free(e->error);
		e->error = NULL;
		e->typed = config_now();
		if (editor_drafted(e))
			draft_save(a, e, false);
		if (e->spec.changed)
			e->spec.changed(a, e);
	}
	if (cancel) {
		int (*on_cancel)(struct app *) = e->spec.cancel;
		if (editor_drafted(e))
			draft_remove(a, e);
		screen_pop(a);
		return on_cancel ? on_cancel(a) | R_REDRAW : R_REDRAW;
	}
	if (submit)
		return editor_submit(a, e);
	return R_REDRAW;
}

/* ---- drawing ---- */

/* The one-line question over the bottom row (search, go to). */
static void prompt_bar(WINDOW *w, const struct app *a, const struct screen *s)
{
	struct editor *e = s->priv;
	int y = LINES - 1;
	if (e->error || e->hint) {
		/* what fits, or why not, on the line above */
		draw_fill(w, a, y - 1, 0, COLS, EL_STATUSLINE);
		draw_text_ellipsis(w, a, y - 1, 0, COLS - 1, e->error ? e->error : e->hint,
				   e->error ? EL_ERROR : EL_STATUSLINE);
	}
	draw_fill(w, a, y, 0, COLS, EL_NORMAL);
	int x = draw_text(w, a, y, 0, COLS, e->label, EL_LABEL);
	char *d = draw_disp(a, ed_text(e), false);
	char *pre = xstrndup(ed_text(e), e->cur);
	char *dpre = draw_disp(a, pre, false);
	int cw = text_width(dpre);
	int room = COLS - x - 1;
	/* scroll horizontally so the cursor stays on screen */
	const char *show = d;
	while (cw > room && *show) {
		size_t k = text_fit(show, 1, NULL);
		if (!k)
			k = 1;
		char *tmp = xstrndup(show, k);
		cw -= text_width(tmp);
		free(tmp);
		show += k;
	}
	draw_text(w, a, y, x, room, show, EL_NORMAL);
	e->cy = y;
	e->cx = x + cw;
	free(d);
	free(pre);
	free(dpre);
}

static void editor_draw(WINDOW *w, const struct app *a, const struct screen *s)
{
	struct editor *e = s->priv; /* drawing keeps its scroll position */
	int cols = COLS;
	const struct item *it = e->item ? directive_item(a->d, e->item) : NULL;
	char *h = it ? xasprintf("%s %s", _("Item"), it->id) : xstrdup("dvk");
	draw_header(w, a, h);
	free(h);
	int y = 1;
	static const struct row_opts hint = {.prefix = "  ", .indent = "  ", .el = EL_HINT};
	if (it) {
		/* two rows of the item's text as a reminder of what this is */
		struct rows r = {0};
		rows_add(&r, a, it->text, cols, &hint);
		rows_draw(w, a, &r, 0, y, r.n < 2 ? (int)r.n : 2, cols, -1);
		y += r.n < 2 ? (int)r.n : 2;
		rows_free(&r);
	}
	if (e->spec.intro) {
		struct rows r = {0};
		rows_add(&r, a, e->spec.intro, cols, &(struct row_opts){.prefix = "  ", .indent = "  "});
		int n = (int)r.n > 4 ? 4 : (int)r.n;
		rows_draw(w, a, &r, 0, y + 1, n, cols, -1);
		y += n + 2;
		rows_free(&r);
	}
	struct rows lr = {0};
	rows_add(&lr, a, e->label, cols, &(struct row_opts){.prefix = "  ", .indent = "  ",
							     .el = EL_LABEL});
	int ln = (int)lr.n > 2 ? 2 : (int)lr.n;
	rows_draw(w, a, &lr, 0, y, ln, cols, -1);
	rows_free(&lr);
	y += ln;

	/* the text area, then why it was refused (as many rows as that
	 * needs, never cut), the [Save] row and the bar */
	struct rows er = {0};
	if (e->error)
		rows_add(&er, a, e->error, cols, &(struct row_opts){.prefix = "  ", .indent = "  ",
								     .el = EL_ERROR});
	int bar = screen_bar_rows(a, s);
	int bottom = LINES - bar - (e->multiline ? 1 : 0) - (er.n ? (int)er.n : 1);
	int h_text = e->multiline ? bottom - y : 1;
	if (h_text < 1)
		h_text = 1;
	int tw = cols - 4;
	char *d = draw_disp(a, ed_text(e), true);
	char *pre = xstrndup(ed_text(e), e->cur);
	char *dpre = draw_disp(a, pre, true);
	size_t dcur = strlen(dpre);
	size_t *st, *lnn;
	size_t n = draw_wrap(d, tw, &st, &lnn);
	size_t crow = 0;
	for (size_t i = 0; i < n; i++)
		if (st[i] <= dcur)
			crow = i;
	if ((int)crow < e->top)
		e->top = (int)crow;
	if ((int)crow >= e->top + h_text)
		e->top = (int)crow - h_text + 1;
	for (int i = 0; i < h_text; i++) {
		size_t r = (size_t)(e->top + i);
		draw_fill(w, a, y + i, 2, tw, EL_NORMAL);
		if (r >= n)
			continue;
		char *row = xstrndup(d + st[r], lnn[r]);
		draw_text(w, a, y + i, 2, tw, row, EL_NORMAL);
		free(row);
	}
	char *cpre = xstrndup(d + st[crow], dcur - st[crow]);
	int ccol = text_width(cpre);
	if (ccol > tw - 1)
		ccol = tw - 1;
	free(cpre);
	e->cy = y + (int)crow - e->top;
	e->cx = 2 + ccol;
	if (!e->multiline)
		draw_text(w, a, y, 0, 2, "> ", EL_LABEL);
	y += h_text;

	if (er.n) {
		int room = LINES - bar - y - (e->multiline ? 1 : 0);
		rows_draw(w, a, &er, 0, y, (int)er.n < room ? (int)er.n : room, cols, -1);
		y += (int)er.n < room ? (int)er.n : room;
	} else {
		y++;
	}
	rows_free(&er);
	if (e->hint) {
		/* Tab's candidates, as many rows as fit above the status line */
		struct rows hr = {0};
		rows_add(&hr, a, e->hint, cols, &hint);
		int room = LINES - 1 - y;
		rows_draw(w, a, &hr, 0, y, (int)hr.n < room ? (int)hr.n : room, cols, -1);
		rows_free(&hr);
	}
	if (e->multiline) {
		char *btn = xasprintf("[ %s ]", _("Save"));
		draw_text(w, a, y, 2, cols - 2, btn, e->on_button ? EL_SELECTED : EL_NORMAL);
		free(btn);
	}
	free(st);
	free(lnn);
	free(d);
	free(pre);
	free(dpre);
}

/* The key bar, or the question "discard what you typed?". */
static void editor_bar(WINDOW *w, const struct app *a, const struct screen *s)
{
	const struct editor *e = s->priv;
	if (!e->asking) {
		screen_draw_keybar(w, a, s);
		return;
	}
	int sy = LINES - 1;
	draw_fill(w, a, sy, 0, COLS, EL_HEADER);
	draw_text_ellipsis(w, a, sy, 0, COLS - 1, _("Discard what you typed? (y/n)"), EL_HEADER);
}

static bool editor_cursor(const struct app *a, const struct screen *s, int *y, int *x)
{
	(void)a;
	const struct editor *e = s->priv;
	if (e->asking || e->on_button)
		return false;
	*y = e->cy;
	*x = e->cx;
	return true;
}

static const struct screen_key editor_keys[] = {
	{ACT_ED_SAVE, NULL},
	{ACT_ED_NEWLINE, NULL},
	{ACT_ED_NEWLINE, NC_("key bar", "save")},
	{ACT_ED_NEWLINE, NC_("key bar", "receive")},
	{ACT_ED_COMPLETE, NULL},
	{ACT_ED_CANCEL, NULL},
	{ACT_NONE, NULL},
};

static bool editor_offers(const struct app *a, const struct screen *s, const struct screen_key *k)
{
	(void)a;
	const struct editor *e = s->priv;
	switch (k->act) {
	case ACT_ED_SAVE:
		return e->multiline;
	case ACT_ED_NEWLINE:
		/* Enter: a new line in a note, else it saves, or does what
		 * the question says (receive) */
		if (k == &editor_keys[1])
			return e->multiline;
		if (e->multiline)
			return false;
		if (k == &editor_keys[2])
			return !e->spec.enter;
		return e->spec.enter && !strcmp(e->spec.enter, k->label);
	case ACT_ED_COMPLETE:
		return e->spec.complete != NULL;
	default:
		return true;
	}
}

const struct screen_ops editor_screen = {
	.name = "editor",
	.priv_size = sizeof(struct editor),
	.flags = SCREEN_OVERLAY | SCREEN_OPAQUE | SCREEN_TEXT,
	.keys = editor_keys,
	.open = editor_screen_open,
	.close = editor_screen_close,
	.draw = editor_draw,
	.bar = editor_bar,
	.offers = editor_offers,
	.key = editor_key,
	.cursor = editor_cursor,
};

const struct screen_ops prompt_screen = {
	.name = "prompt",
	.priv_size = sizeof(struct editor),
	.flags = SCREEN_OVERLAY | SCREEN_TEXT,
	.open = editor_screen_open,
	.close = editor_screen_close,
	.bar = prompt_bar,
	.key = editor_key,
	.cursor = editor_cursor,
};

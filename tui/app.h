/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * app.h: what the screens of the terminal front end share.
 *
 * struct app holds only what every screen needs: the directive and the
 * open unit's state, how to draw (ASCII, colour), the stack of open
 * screens (screen.h), the search, the reviewer's folder, what this
 * laptop has seen, and the status-line message.  Everything a single
 * screen needs (its selection, the editor's text, a menu's choice) lives
 * in that screen's own state, s->priv.
 *
 * Screens change the app in key() and return reaction flags; only tui.c
 * redraws, saves and calls doupdate(), once per input event.
 */
#ifndef TUI_APP_H
#define TUI_APP_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <curses.h>
#include <libintl.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/base.h"
#include "catalog/catalog.h"
#include "checklist/checklist.h"
#include "config/config.h"
#include "content/directive.h"
#include "store/store.h"
#include "tui/keys.h"
#include "tui/screen.h"

/* Reaction flags returned by every key function. */
enum {
	R_NONE = 0,
	R_REDRAW = 1 << 0, /* draw again (the main loop always does) */
	R_SAVE = 1 << 1,   /* the state changed: save it now */
	R_QUIT = 1 << 2,   /* leave the program */
	R_CLEAR = 1 << 3,  /* repaint the whole terminal (Ctrl-L only) */
	R_RELOAD = 1 << 4, /* re-read the state file and join it */
	R_OPEN = 1 << 5,   /* first-run answers are in: load the state */
	R_PASS = 1 << 6,   /* not handled here: let the frame have it */
};

/* Keys as one int: characters are their code point; curses function keys
 * are shifted past Unicode so that KEY_DOWN (0402) is never 'Ă' (U+0102). */
#define TK_FN 0x110000
#define TK(k) (TK_FN + (k))
#define TK_ESC 27
/* Not a key: sent to the screens after a resize so that the selected
 * line stays in view (keys_action maps it to ACT_REVEAL).  Far above
 * KEY_MAX: ncurses numbers the keys terminfo adds (the keypad's ESC O t)
 * from KEY_MAX + 1 up. */
#define TK_REVEAL (TK_FN + 0x8000)
#define TK_CTRL(c) ((c) & 0x1f)

/* Semantic elements of the screen; draw.c maps each to a colour pair and to
 * a monochrome attribute. */
#define ELEMENTS(X)                                                         \
	X(EL_NORMAL, -1, -1, A_NORMAL, A_NORMAL)                            \
	X(EL_HEADER, COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE)            \
	X(EL_STATUSLINE, COLOR_BLACK, COLOR_WHITE, A_NORMAL, A_REVERSE)     \
	X(EL_BARKEY, COLOR_BLUE, COLOR_WHITE, A_BOLD, A_REVERSE | A_BOLD)   \
	X(EL_TITLE, -1, -1, A_BOLD, A_BOLD)                                 \
	X(EL_LABEL, COLOR_CYAN, -1, A_NORMAL, A_UNDERLINE)                  \
	X(EL_SELECTED, COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE)        \
	X(EL_DONE, COLOR_GREEN, -1, A_NORMAL, A_NORMAL)                     \
	X(EL_PROGRESS, COLOR_YELLOW, -1, A_NORMAL, A_NORMAL)                \
	X(EL_NA, -1, -1, A_DIM, A_DIM)                                      \
	X(EL_CONFLICT, COLOR_RED, -1, A_BOLD, A_BOLD)                       \
	X(EL_MATCH, COLOR_BLACK, COLOR_YELLOW, A_NORMAL, A_UNDERLINE | A_BOLD) \
	X(EL_MATCH_NOW, COLOR_WHITE, COLOR_MAGENTA, A_BOLD, A_REVERSE | A_BOLD) \
	X(EL_ERROR, COLOR_RED, -1, A_BOLD, A_BOLD)                          \
	X(EL_HINT, -1, -1, A_DIM, A_NORMAL)

enum element {
#define X(name, fg, bg, cattr, mattr) name,
	ELEMENTS(X)
#undef X
	EL__COUNT
};

/* One line of wrapped text: a slice of a display string, with an optional
 * prefix (a marker such as "[x] ") and up to four highlighted ranges. */
#define ROW_MAX_HL 4
#define ROW_NONE (-1)
struct row {
	char *text;    /* display-safe text of this row (owned) */
	char *prefix;  /* drawn before text, may be NULL (owned) */
	enum element el, prefix_el;
	int target;    /* selectable thing this row belongs to, ROW_NONE */
	int tag;       /* a screen's own mark on rows that select nothing */
	size_t hl[ROW_MAX_HL][2];
	int nhl;
	int hl_now;    /* the range that is the current search hit, or -1 */
};

struct rows {
	struct row *v;
	size_t n, cap;
};

/* How rows_add lays out one text. */
struct row_opts {
	const char *prefix;     /* before the first line (a marker, a label), or NULL */
	const char *indent;     /* before each later line, or NULL */
	enum element el;        /* the text (EL_NORMAL when left out) */
	enum element prefix_el; /* the prefix and indent */
	bool selectable;        /* the lines select target */
	int target;             /* 0, 1, ...: what they select */
	int tag;                /* a mark for lines that select nothing */
	const char *query;      /* highlight its matches, or NULL */
};

struct report;

struct app {
	/* what is shown */
	struct config *cfg;
	const struct directive *d; /* NULL on the chooser */
	/* Where d came from (catalog.h), so a save can put it into the data
	 * folder; with several directives, the folder's catalog (owned) that
	 * the chooser lists and d is borrowed from. */
	const struct catalog_entry *source;
	struct catalog *cat;
	bool published;    /* source made sure of in the data folder */
	struct state *st;  /* the open unit (reviewer view: borrowed from rv) */
	char *path;        /* its file */
	char *replica;
	struct hlc clock;

	/* how */
	bool ascii;        /* terminal cannot show UTF-8: transliterate */
	bool probe_late;   /* the UTF-8 probe's answer may still come */
	bool redraw_all;   /* repaint every cell at the next draw */
	bool color;

	/* the open screens, bottom first (screen.h); a fixed array, so a
	 * screen's address stays put while others open over it */
	struct screen stack[SCREEN_DEPTH];
	size_t nstack;

	/* the search every reading screen highlights (search.c) */
	char *query;       /* last search, NFC (owned) or NULL */
	size_t hit_doc;    /* where the last hit was (search.c numbering) */
	size_t hit_off;
	const char *hit_src; /* the text it is in (compared, never read) */
	size_t hit_at;       /* and its byte offset there */

	/* reviewer view (dvk --review DIR): a->st is then borrowed from
	 * the report while a unit is open, NULL on the list of units */
	char *review_dir;
	struct report *rv;

	/* what this laptop has seen of the unit's events (changes.c) */
	struct event_id *seen; /* sorted event ids (owned) */
	size_t nseen;
	struct changes_memo *cm; /* others' events not seen, kept as they arrive */

	/* sync copies that could not be folded: "path: line N: why" (owned) */
	char **kept;
	size_t nkept;

	char *msg;         /* status-line message (owned) or NULL */
	bool msg_error;
	char *last_msg;    /* the last one shown, kept for m (owned) */
	bool last_msg_error;
	bool save_pending; /* the last save failed: retry */
	char *save_error;  /* why (owned), for the quit question */
	bool quit_unsaved; /* quit was asked for with a change not in the file */
	bool hangup;       /* SIGHUP/SIGTERM seen */
	int exit_status;   /* what a normal quit returns (1: the file was unreadable) */
	/* The unit's file being read on a thread of its own (tui.c): until
	 * it is read and checked, st is an empty stand-in, screens show the
	 * directive without figures, and keys that would edit wait. */
	struct loader *loader;
	bool loading;
	/* drafts (draft.c): this window's session and its lock, whether
	 * drafts of gone windows may wait to be offered, and those put off
	 * until the next start */
	char *session;
	int session_fd;
	bool drafts_pending, drafts_scanned;
	char **draft_queue;
	size_t ndraft_queue, capdraft_queue;
	struct undo *undo; /* the changes made in this window (undo.c) */
};

/* ---- chooser.c, orphans.c ---- */
/* Open the unit's file of the directive of catalog entry e (borrowed
 * from a->cat), over the chooser.  Returns R_* flags; on failure the
 * chooser stays, with the reason on the status line. */
int app_choose(struct app *a, const struct catalog_entry *e);
/* Read the unit's file again (after a backup was put back, or a person
 * corrected it): returns 1 when it opened (the recovery screen gives way
 * to the overview), else 0 with *err saying what is wrong. */
int app_reopen(struct app *a, struct dvk_error *err);
/* Leave the open directive for the chooser (saving first).  Returns R_*
 * flags; the unit stays open when its last change is not on disk. */
int app_unchoose(struct app *a);
/* Does the open state hold anything the directive's revision lacks
 * (items, dropped or retyped evidence)?  How many items and values. */
size_t orphans_count(const struct app *a, size_t *nmisfits);
/* The chooser's figures again (after a unit was closed). */
void chooser_refresh(struct app *a);

/* ---- tui.c ---- */
/* Apply one edit of item; on failure returns 0 and *errmsg (caller frees)
 * says why (checklist_apply's message). */
int app_apply(struct app *a, const char *item, const struct assignment *as,
	      size_t n, char **errmsg);
/* Save the open state (the unit's, or in the reviewer view the reviewed
 * unit's file) and take in what others saved meanwhile. */
void app_save(struct app *a);
/* Attach this laptop's journal of a->st's unit (store_journal_attach)
 * and say when it brought back edits the file had lost; they are saved
 * back at once. */
void app_attach_journal(struct app *a);
/* Re-read the state file, fold sync copies, join. */
void app_reload(struct app *a);
/* The name of the unit whose file is open (or the reviewer's name on
 * the reviewer's list); borrowed. */
const char *app_unit_label(const struct app *a);
/* True in the reviewer view: a unit's file is read-only apart from
 * reviews.  Sets a refusal on the status line and returns true when act
 * would change it. */
bool app_refuse_edit(struct app *a, int act);
/* An engine error as the UI says it: the reason first, then where
 * ("... (/home/.../x.dvk.yaml, line 12)").  Caller frees. */
char *app_error_text(const struct dvk_error *e);
/* Set the status-line message (printf-style). */
void app_msg(struct app *a, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The keys every reading screen shares (search, reload, changes...):
 * returns R_* flags, or R_PASS when act is none of them. */
int app_global_key(struct app *a, int act, int key);

/* ---- draw.c ---- */
void draw_init_colors(bool use_color);
/* The text as the terminal can show it (sanitised, or ASCII).  Caller frees. */
char *draw_disp(const struct app *a, const char *s, bool keep_newlines);
/* Draw s (any UTF-8; made display-safe here) at y,x, cropped to cols
 * columns.  Returns the columns used. */
int draw_text(WINDOW *w, const struct app *a, int y, int x, int cols,
	      const char *s, enum element el);
/* Like draw_text, with "…" (or "...") when s is cut. */
int draw_text_ellipsis(WINDOW *w, const struct app *a, int y, int x, int cols,
		       const char *s, enum element el);
/* Fill a row with blanks of element el. */
void draw_fill(WINDOW *w, const struct app *a, int y, int x, int cols, enum element el);
/* Wrap display text s to cols columns: returns the number of lines;
 * starts and lens (caller frees) get byte offset and length of each. */
size_t draw_wrap(const char *s, int cols, size_t **starts, size_t **lens);
/* Title bar (row 0). */
void draw_header(WINDOW *w, const struct app *a, const char *left);

void rows_free(struct rows *r);
/* Append s (source text, made display-safe here) wrapped to cols columns,
 * laid out as o says (NULL: plain text that selects nothing).  Every
 * case-/mark-insensitive match of o->query is highlighted. */
void rows_add(struct rows *r, const struct app *a, const char *s, int cols,
	      const struct row_opts *o);
void rows_blank(struct rows *r);
/* Draw rows[top..] in y0..y0+h; rows of target sel get their prefix shown
 * as selected. */
void rows_draw(WINDOW *w, const struct app *a, const struct rows *r, int top,
	       int y0, int h, int cols, int sel);
/* The top row that shows target t, starting from top, for a view of h rows. */
int rows_scroll_to(const struct rows *r, int t, int top, int h);
int rows_clamp_top(const struct rows *r, int top, int h);
/* How many targets the rows select (1 + the largest). */
int rows_targets(const struct rows *r);
/* Move within a list of rows with ntargets selectable targets: returns
 * reaction flags and updates *sel and *top. */
int rows_nav(const struct rows *r, int action, int ntargets, int *sel, int *top, int h);
bool rows_visible(const struct rows *r, int t, int top, int h);

/* Terminal too small to use: below this we show only a message. */
#define MIN_COLS 40
#define MIN_LINES 12

/* ---- keys.c ---- */
int keys_action(int key, bool nav);
void keys_define_fallbacks(void);
/* After get_wch gave Esc: TK_ESC for the Esc key, or 0 when a control
 * sequence ncurses does not know was read and dropped; a cursor position
 * report sets *cpr_col (keys.c). */
int keys_after_escape(int *cpr_col);
/* The character printed on a number pad key sent in application mode
 * (ESC O t: '4'), or key unchanged (keys.c). */
int keys_from_keypad(int key);
/* "↑" for the key name "Up" (len bytes at name), and so on for the
 * arrows; NULL for other names and on an ASCII terminal. */
const char *keys_arrow(const char *name, size_t len, bool ascii);
/* The first key name of act as shown on a bar ("Enter", "↑"). */
const char *keys_name(int act, bool ascii);
/* The translated bar label of a NC_ message. */
const char *keys_label(const char *nc);

/* ---- section.c ---- */
const char *status_marker(enum status s);
enum element status_element(enum status s);
/* Show section sec with item k of it selected, on top of the overview. */
void section_show(struct app *a, size_t sec, int k);
/* Show section sec with the m-th search hit of its title (or paragraph)
 * in view. */
void section_show_hit(struct app *a, size_t sec, bool title, size_t m);
/* Toggle todo <-> done for item index i. */
int section_toggle(struct app *a, size_t i);

/* The selected item of an open section screen, as an index into d->items. */
size_t section_selected_item(const struct app *a, const struct screen *s);

/* ---- goto.c ---- */
/* Open "Đến mục:", holding key when it is a digit. */
void goto_open(struct app *a, int key);
/* Show the next (previous) item not done and not "not applicable",
 * across sections, from the one at hand.  Returns flags. */
int goto_unfinished_next(struct app *a, bool backward);

/* ---- item.c ---- */
/* The item an open item screen shows, as an index into d->items. */
size_t item_index(const struct screen *s);
/* Show item index i, on its section, on top of the overview. */
void item_show(struct app *a, size_t i);
/* item_show with the line that edits field selected. */
void item_show_field(struct app *a, size_t i, const char *field);
/* Open item i on top of the current screen (Esc comes back here). */
void item_open(struct app *a, size_t i);
const char *status_label(enum status s);
/* Field names and values for people (item.c): "status" → "Trạng thái",
 * "done" → "đã xong".  Caller frees. */
char *field_label(const struct item *it, const char *field);
char *field_value_text(const char *field, const char *value);
/* "2023-03-12 14:21" in local time. */
void when_text(int64_t ms, char *buf, size_t n);

/* ---- counts.c ---- */
/* What a section (or, with (size_t)-1, the whole directive) shows: its
 * progress, and its items whose review in force is needs-work or
 * approved. */
struct counts {
	struct progress p;
	size_t needs_work, approved;
};
/* The figures of the open state, kept as its events arrive: O(1) when
 * nothing arrived, else O(items of the sections that got events).  All
 * zero while the file loads.  Borrowed until the next call. */
const struct counts *counts_of(const struct app *a, size_t section);
/* Forget them (at exit). */
void counts_free(void);

/* ---- picker.c ---- */
/* Open the status menu for item index i. */
void picker_open(struct app *a, size_t i);

/* ---- confirm.c ---- */
/* One answer of a question: the keys that give it (the first is shown;
 * "\r" is Enter) and its label. */
struct choice {
	const char *keys;
	const char *label; /* translated */
};
/* Ask msg (translated; may hold several lines) with the choices at the
 * bottom; on a key of choice k, the question closes and answer(a, k, arg)
 * runs (k is -1 for Esc when no choice takes it) and its flags are the
 * key's.  Other keys do nothing.  free_arg (may be NULL) frees arg when
 * the question closes. */
void confirm_open(struct app *a, const char *msg, const struct choice *choices, size_t n,
		  int (*answer)(struct app *a, int k, void *arg), void *arg,
		  void (*free_arg)(void *arg));

/* ---- editor.c ---- */
#include "tui/editor.h"

/* ---- review.c ---- */
/* Load the report of a->review_dir; returns 0 with *errmsg (caller
 * frees) when nothing can be shown. */
int review_load(struct app *a, char **errmsg);
/* The open unit's state changed (a save): derive the list again. */
void review_refresh(struct app *a);
/* Re-read every file under the folder, keeping the open unit open. */
void review_reload(struct app *a);
/* Open unit's item with the comment editor for verdict holding text (a
 * kept draft); false if the unit or item is not there any more. */
bool review_resume(struct app *a, const char *unit, const char *item,
		   const char *verdict, const char *text);
/* Open the verdict menu for item index i (reviewer view only). */
int review_open(struct app *a, size_t i);
/* The comment is typed: record the review and save.  Returns flags. */
int review_submit(struct app *a, const char *verdict, const char *item,
		  const char *comment, char **errmsg);
/* Leave the open unit for the list. */
void review_close_unit(struct app *a);
/* The state of a unit of the reviewer's folder, or NULL. */
const struct state *review_state(const struct app *a, const char *unit);
const char *verdict_label(const char *verdict);

/* ---- receive.c ---- */
/* Open the path question of "Receive files...". */
void receive_open(struct app *a);
/* Open the list of the unit's backups. */
void backups_open(struct app *a);

/* ---- changes.c ---- */
/* Load the mark of what this laptop has seen; a first start sees
 * everything there is (so it never floods a new laptop). */
void changes_load(struct app *a);
/* While the file loads: refuse act (an edit, or what needs the file)
 * with a message; true if refused.  s is the screen the key is for. */
bool app_refuse_loading(struct app *a, const struct screen *s, int act);
/* The line that says the file is loading ("đang tải"), for screens. */
const char *app_loading_text(const struct app *a);

/* How many events by others are not seen yet: O(events arrived since
 * last asked), for the overview's line on every key. */
size_t changes_count(const struct app *a);
void changes_memo_free(struct app *a);
/* Events by others not seen yet, oldest first (caller frees the array). */
size_t changes_list(const struct app *a, const struct event ***out);
/* Everything in the state is now seen: write the mark. */
void changes_mark_seen(struct app *a);
void changes_free(struct app *a);
/* Open "Thay đổi mới" on top. */
void changes_open(struct app *a);

/* ---- search.c ---- */
void search_open(struct app *a);
/* Run the query from the hit after (or before) the current one. */
int search_next(struct app *a, bool backward);

/* ---- undo.c ---- */
struct undo_step;
/* Around one edit (app_apply): remember the fields' values before it,
 * then, after it, what it changed (applied false: nothing). */
struct undo_step *undo_begin(struct app *a, const char *item, const struct assignment *as,
			     size_t n);
void undo_end(struct app *a, struct undo_step *s, bool applied);
/* u and Ctrl-R: write the events that undo (redo) the last change made
 * in this window.  Return flags. */
int undo_last(struct app *a);
int undo_redo(struct app *a);
void undo_free(struct app *a);

/* ---- draft.c ---- */
/* This running dvk's session: an id, and a lock held while it runs, so
 * its drafts are never offered to another window while it lives. */
void draft_session_start(struct app *a);
void draft_session_end(struct app *a);
/* Keep what e holds on disk (the whole record); sync: fsync now. */
void draft_save(const struct app *a, const struct editor *e, bool sync);
/* e was saved or cancelled: its draft goes. */
void draft_remove(const struct app *a, const struct editor *e);
/* The ids of the values of (item, field) an edit starts from (caller
 * frees). */
char *draft_base(const struct app *a, const char *item, const char *field);
/* Offer the next draft left by a window that is gone ("open / later /
 * discard"); drafts older than what was saved since are dropped.  Returns
 * whether a question opened. */
bool draft_offer(struct app *a);
void draft_queue_free(struct app *a);

/* ---- office.c ---- */
/* In the reviewer view, ask for the office details the báo cáo needs
 * when neither the config nor the roster has them and they were never
 * asked; returns 0 when nothing needs asking. */
int office_start(struct app *a);

/* ---- prompt.c ---- */
/* Open the question for the unit or the person if either is unknown;
 * returns 0 when nothing needs asking. */
int prompt_start(struct app *a);

#endif

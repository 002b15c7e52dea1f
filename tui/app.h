/*
 * app.h: what the screens of the terminal front end share.
 *
 * One struct app holds the program state: the directive and the unit's
 * events, where each screen stands, the open editor or menu, and the
 * status-line message.  Each screen exports *_draw (reads the app, draws
 * into a window, never refreshes) and *_key (changes the app, returns
 * reaction flags).  Only tui.c redraws, saves and calls doupdate(), once
 * per input event.
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
#include "checklist/checklist.h"
#include "config/config.h"
#include "content/directive.h"
#include "store/store.h"

/* Reaction flags returned by every *_key function. */
enum {
	R_NONE = 0,
	R_REDRAW = 1 << 0, /* draw again (the main loop always does) */
	R_SAVE = 1 << 1,   /* the state changed: save it now */
	R_QUIT = 1 << 2,   /* leave the program */
	R_CLEAR = 1 << 3,  /* repaint the whole terminal (Ctrl-L only) */
	R_RELOAD = 1 << 4, /* re-read the state file and join it */
	R_OPEN = 1 << 5,   /* first-run answers are in: load the state */
};

/* Keys as one int: characters are their code point; curses function keys
 * are shifted past Unicode so that KEY_DOWN (0402) is never 'Ă' (U+0102). */
#define TK_FN 0x110000
#define TK(k) (TK_FN + (k))
#define TK_ESC 27
/* Not a key: sent to the current screen after a resize so that the
 * selected line stays in view (keys_action maps it to ACT_REVEAL). */
#define TK_REVEAL (TK_FN + KEY_MAX + 1)
#define TK_CTRL(c) ((c) & 0x1f)

enum view {
	SCREEN_OVERVIEW,
	SCREEN_SECTION,
	SCREEN_ITEM,
	SCREEN_HELP,
	SCREEN_UNITS,    /* reviewer view: the units found under DIR */
	SCREEN_CHANGES,  /* what others changed since this laptop last looked */
	SCREEN_RECEIVED, /* the outcome of "Receive files..." */
	SCREEN_BACKUPS,  /* "Restore from a backup...": the backups kept */
	SCREEN__COUNT
};

/* Semantic elements of the screen; draw.c maps each to a colour pair and to
 * a monochrome attribute. */
#define ELEMENTS(X)                                                         \
	X(EL_NORMAL, -1, -1, A_NORMAL, A_NORMAL)                            \
	X(EL_HEADER, COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE)            \
	X(EL_STATUSLINE, COLOR_BLACK, COLOR_WHITE, A_NORMAL, A_REVERSE)     \
	X(EL_TITLE, -1, -1, A_BOLD, A_BOLD)                                 \
	X(EL_LABEL, COLOR_CYAN, -1, A_NORMAL, A_UNDERLINE)                  \
	X(EL_SELECTED, COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE)        \
	X(EL_DONE, COLOR_GREEN, -1, A_NORMAL, A_NORMAL)                     \
	X(EL_PROGRESS, COLOR_YELLOW, -1, A_NORMAL, A_NORMAL)                \
	X(EL_NA, -1, -1, A_DIM, A_DIM)                                      \
	X(EL_CONFLICT, COLOR_RED, -1, A_BOLD, A_BOLD)                       \
	X(EL_MATCH, COLOR_BLACK, COLOR_YELLOW, A_NORMAL, A_UNDERLINE | A_BOLD) \
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
struct row {
	char *text;    /* display-safe text of this row (owned) */
	char *prefix;  /* drawn before text, may be NULL (owned) */
	enum element el, prefix_el;
	int target;    /* selectable thing this row belongs to, -1 none */
	size_t hl[ROW_MAX_HL][2];
	int nhl;
};

struct rows {
	struct row *v;
	size_t n, cap;
};

/* The editor: one field (or the search query, or a first-run answer). */
enum edit_purpose {
	EDIT_FIELD,    /* set item/field to the text */
	EDIT_REASON_NA,/* reason, then status = not-applicable */
	EDIT_ACTIVITY, /* one evidence field of a new activity record */
	EDIT_SEARCH,
	EDIT_PROMPT_UNIT,
	EDIT_PROMPT_USER,
	EDIT_REVIEW,   /* a reviewer's comment; field holds the verdict */
	EDIT_RECEIVE,  /* a path to receive, with Tab completion */
};

struct editor {
	enum edit_purpose purpose;
	char *label;    /* what is asked (owned, translated) */
	char *item;     /* item id, or NULL (owned) */
	char *field;    /* field name, or NULL (owned) */
	struct buf text;/* NFC UTF-8 */
	size_t cur;     /* cursor, byte offset in text */
	char *orig;     /* the value before editing (owned, never NULL) */
	bool multiline;
	bool on_button; /* focus on the [Save] line below a multi-line text */
	bool asking;    /* "discard what you typed?" is showing */
	char *error;    /* refusal shown in place (owned), or NULL */
	char *hint;     /* EDIT_RECEIVE: the candidates Tab found (owned) */
	int top;        /* first visible row of the text */
	/* EDIT_ACTIVITY: the record being made and the values so far */
	char *rid;
	size_t step;
	char **values;
};

/* A yes/no question on the status line. */
enum confirm_kind { CONFIRM_NONE, CONFIRM_DRAFT, CONFIRM_DELETE_ACT };

/* The outcome of receiving one file (receive.c). */
struct received {
	char *file;       /* as given */
	char *error;      /* FILE:LINE:COL: message, or NULL when it worked */
	char *unit;       /* its unit id and display name (NULL when unknown) */
	char *unit_name;
	char *main;       /* the unit's file in the data folder */
	size_t gained;    /* new events the data folder got */
	size_t conflicts; /* fields in conflict in the unit's file afterwards */
	bool created;     /* the unit had no file here before */
	bool own;         /* it is this laptop's own unit */
};

struct report;

struct app {
	struct config *cfg;
	const struct directive *d;
	struct state *st;
	char *path;       /* the state file */
	char *replica;
	struct hlc clock;
	bool ascii;       /* terminal cannot show UTF-8: transliterate */
	bool color;

	enum view screen, help_from;
	size_t sec;       /* overview: selected section; section: the open one */
	int sec_sel;      /* section screen: selected item (index in section) */
	size_t item;      /* item screen: index into d->items */
	int item_sel;     /* item screen: selected target */
	int top[SCREEN__COUNT]; /* first visible row per screen */

	struct editor *ed;   /* open editor, or NULL */
	bool picking;        /* status menu open */
	int pick_sel;
	enum confirm_kind confirm;
	char *confirm_msg;
	char *confirm_arg;   /* e.g. the record id to delete */

	char *query;      /* last search, NFC (owned) or NULL */
	size_t hit_doc;   /* where the last hit was (search.c numbering) */
	size_t hit_off;

	/* reviewer view (dvk --review DIR): a->st is then borrowed from
	 * rv->units[unit_sel] while a unit is open, NULL on the list */
	char *review_dir;
	struct report *rv;
	int unit_sel;
	bool reviewing;   /* verdict menu open */
	int review_sel;

	/* what this laptop has seen of the unit's events (changes.c) */
	struct event_id *seen; /* sorted event ids (owned) */
	size_t nseen;
	int changes_sel;

	/* sync copies that could not be folded: "path: line N: why" (owned) */
	char **kept;
	size_t nkept;

	struct received *recv; /* the last "Receive files..." (owned) */
	size_t nrecv;

	struct backup *backups; /* the backups listed (owned) */
	size_t nbackups;
	long *backup_events;    /* events in each, -1 unreadable (owned) */
	int backup_sel;

	char *msg;        /* status-line message (owned) or NULL */
	bool msg_error;
	bool save_pending;/* the last save failed: retry */
	/* Log entries of st written ahead while no key comes, so a save
	 * need not write them (store_prepare): the state being prepared
	 * and how far. */
	const struct state *prep_st;
	size_t prep_from;
	bool hangup;      /* SIGHUP/SIGTERM seen */
};

/* ---- tui.c ---- */
/* Apply one edit of item; on failure returns 0 and *errmsg (caller frees)
 * says why (checklist_apply's message). */
int app_apply(struct app *a, const char *item, const struct assignment *as,
	      size_t n, char **errmsg);
/* Save the open state (the unit's, or in the reviewer view the reviewed
 * unit's file) and take in what others saved meanwhile. */
void app_save(struct app *a);
/* Re-read the state file, fold sync copies, join. */
void app_reload(struct app *a);
/* The name of the unit whose file is open (or the reviewer's name on
 * the reviewer's list); borrowed. */
const char *app_unit_label(const struct app *a);
/* True in the reviewer view: a unit's file is read-only apart from
 * reviews.  Sets a refusal on the status line and returns true when act
 * would change it. */
bool app_refuse_edit(struct app *a, int act);
/* Set the status-line message (printf-style). */
void app_msg(struct app *a, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

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
/* Title bar (row 0) and status line (last row). */
void draw_header(WINDOW *w, const struct app *a, const char *left);
void draw_statusline(WINDOW *w, const struct app *a, const char *hint);

void rows_free(struct rows *r);
/* Append s (source text, made display-safe here) wrapped to cols columns;
 * the first row gets prefix1, later rows prefix2 (both may be NULL; their
 * width is taken off cols).  Every case-/mark-insensitive match of query
 * (may be NULL) is highlighted. */
void rows_add(struct rows *r, const struct app *a, const char *s, int cols,
	      const char *prefix1, const char *prefix2, enum element el,
	      enum element prefix_el, int target, const char *query);
void rows_blank(struct rows *r);
/* Draw rows[top..] in y0..y0+h; rows of target sel get their prefix shown
 * as selected. */
void rows_draw(WINDOW *w, const struct app *a, const struct rows *r, int top,
	       int y0, int h, int cols, int sel);
/* The top row that shows target t, starting from top, for a view of h rows. */
int rows_scroll_to(const struct rows *r, int t, int top, int h);
int rows_clamp_top(const struct rows *r, int top, int h);
/* Move within a list of rows with ntargets selectable targets: returns
 * reaction flags and updates *sel and *top. */
int rows_nav(const struct rows *r, int action, int ntargets, int *sel, int *top, int h);
bool rows_visible(const struct rows *r, int t, int top, int h);

/* The size of the body between title bar and status line. */
int body_height(void);
/* Terminal too small to use: below this we show only a message. */
#define MIN_COLS 40
#define MIN_LINES 12

/* ---- screens ---- */
void overview_draw(WINDOW *w, const struct app *a);
int overview_key(struct app *a, int key);
void section_draw(WINDOW *w, const struct app *a);
int section_key(struct app *a, int key);
void item_draw(WINDOW *w, const struct app *a);
int item_key(struct app *a, int key);
void help_draw(WINDOW *w, const struct app *a);
int help_key(struct app *a, int key);

void units_draw(WINDOW *w, const struct app *a);
int units_key(struct app *a, int key);
void changes_draw(WINDOW *w, const struct app *a);
int changes_key(struct app *a, int key);
void received_draw(WINDOW *w, const struct app *a);
int received_key(struct app *a, int key);
void backups_draw(WINDOW *w, const struct app *a);
int backups_key(struct app *a, int key);

/* Section list rows, shared by section_draw and section_key. */
void section_rows(const struct app *a, struct rows *r, int cols);
/* Toggle todo <-> done for item index i. */
int section_toggle(struct app *a, size_t i);

/* ---- editor.c ---- */
struct editor *editor_new(enum edit_purpose p, const char *label,
			  const char *item, const char *field,
			  const char *init, bool multiline);
void editor_free(struct editor *e);
void editor_draw(WINDOW *w, const struct app *a);
int editor_key(struct app *a, int key);
/* Open the editor on item index i, field (note, reason, activity...). */
void editor_open_field(struct app *a, size_t i, const char *field, const char *label);
/* Start recording a new activity for item index i. */
void editor_open_activity(struct app *a, size_t i);

/* ---- status menu (item.c) ---- */
void picker_open(struct app *a);
void picker_draw(WINDOW *w, const struct app *a);
int picker_key(struct app *a, int key);
const char *status_label(enum status s);
const char *status_marker(enum status s);
enum element status_element(enum status s);

/* Field names and values for people (item.c): "status" → "Trạng thái",
 * "done" → "đã xong".  Caller frees. */
char *field_label(const struct item *it, const char *field);
char *field_value_text(const char *field, const char *value);
/* "2023-03-12 14:21" in local time. */
void when_text(int64_t ms, char *buf, size_t n);
/* Items of the open state whose review in force is needs-work, in all
 * (section == (size_t)-1) or one section. */
size_t needs_work_count(const struct app *a, size_t section);

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
void review_draw(WINDOW *w, const struct app *a);
int review_key(struct app *a, int key);
/* The comment is typed: record the review and save.  Returns flags. */
int review_submit(struct app *a, const char *verdict, const char *item,
		  const char *comment, char **errmsg);
/* Leave the open unit for the list. */
void review_close_unit(struct app *a);
const char *verdict_label(const char *verdict);

/* ---- receive.c ---- */
/* Open the path question of "Receive files...". */
void receive_open(struct app *a);
/* Tab in the path question: complete like a shell. */
void receive_complete(struct editor *e);
/* Receive the file or every state file of the folder at path. */
int receive_run(struct app *a, const char *path);
void received_free(struct app *a);
/* Open the list of the unit's backups. */
void backups_open(struct app *a);
void backups_free(struct app *a);

/* ---- changes.c ---- */
/* Load the mark of what this laptop has seen; a first start sees
 * everything there is (so it never floods a new laptop). */
void changes_load(struct app *a);
/* Events by others not seen yet, oldest first (caller frees the array). */
size_t changes_list(const struct app *a, const struct event ***out);
/* Everything in the state is now seen: write the mark. */
void changes_mark_seen(struct app *a);
void changes_free(struct app *a);

/* ---- search.c ---- */
void search_open(struct app *a);
/* Run the query from the hit after (or before) the current one. */
int search_next(struct app *a, bool backward);

/* ---- keys.c ---- */
#include "tui/keys.h"
#define ACT_REVEAL ACT__COUNT
enum action keys_action(int key, bool nav);
void keys_define_fallbacks(void);

/* ---- draft.c ---- */
void draft_save(const struct app *a, const struct editor *e, bool sync);
/* The kept draft: *unit is the reviewed unit for a reviewer's comment
 * (only in the reviewer view), else NULL.  All four are the caller's. */
bool draft_load(const struct app *a, char **unit, char **item, char **field, char **text);
void draft_remove(const struct app *a);

/* ---- prompt.c ---- */
/* Open the question for the unit or the person if either is unknown;
 * returns 0 when nothing needs asking. */
int prompt_start(struct app *a);
/* The answer in a->ed: remember it, ask the next or return R_OPEN. */
int prompt_submit(struct app *a);

#endif

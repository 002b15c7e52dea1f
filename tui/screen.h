/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * screen.h: every screen and overlay of the terminal UI, described once.
 *
 * A screen is a struct screen_ops, as tig's views are struct view_ops:
 * its name, the size of its own state, the actions it handles, and a few
 * callbacks (rows, title, draw, key, offers).  The program keeps the open
 * screens on a stack (struct app): the top one gets the keys, Esc pops
 * it, so "back" needs no bookkeeping.  Overlays (the editor, the status
 * and verdict menus, questions) are pushed on the same stack and drawn
 * over the screens below them.  The main loop never asks which screen is
 * open: it calls through the table.
 *
 * What a screen's keys are is said once, in its keys[] list: only those
 * actions reach its key(); its key bar and its part of the help are made
 * from the same list and the key table (keys.h), so neither can leave out
 * a key that works, nor show one that does not.
 *
 * Adding a screen: one new file tui/NAME.c defining
 *     const struct screen_ops NAME_screen = { ... };
 * and one line X(NAME_ID, NAME) in SCREENS below.  Open it with
 *     screen_push(a, SCR_NAME_ID, &(struct screen_arg){ ... });
 */
#ifndef TUI_SCREEN_H
#define TUI_SCREEN_H

#include <stdbool.h>
#include <stddef.h>

/* The table: every screen and overlay, once. */
#define SCREENS(X)                                                        \
	X(CHOOSER, chooser)   /* several directives: which one to open */ \
	X(OVERVIEW, overview) /* the directive, progress, sections */    \
	X(ORPHANS, orphans)   /* what the directive's revision lacks */  \
	X(SECTION, section)   /* a section's text and items */           \
	X(ITEM, item)         /* one item in full */                     \
	X(HELP, help)         /* the keys, from the key table */         \
	X(CHANGES, changes)   /* "Thay đổi mới": what others changed */  \
	X(RECEIVED, received) /* what "Nhận tệp" brought */              \
	X(BACKUPS, backups)   /* backups to merge back */                \
	X(UNITS, units)       /* reviewer view: the units under DIR */   \
	X(RECOVERY, recovery) /* the unit's file does not parse */       \
	X(MESSAGE, message)   /* the last message, whole */               \
	X(OFFICE, office)     /* reviewer view: the báo cáo's office */  \
	X(EDITOR, editor)     /* overlay: a note, field or answer */     \
	X(PROMPT, prompt)     /* overlay: a one-line question (search) */ \
	X(PICKER, picker)     /* overlay: the status menu */             \
	X(VERDICT, verdict)   /* overlay: the reviewer's verdict menu */ \
	X(CONFIRM, confirm)   /* overlay: a question with choices */

/* How many screens can be open at once: far more than the deepest path
 * (units, overview, section, item, editor, question). */
#define SCREEN_DEPTH 32

enum screen_id {
#define X(id, name) SCR_##id,
	SCREENS(X)
#undef X
	SCR__COUNT
};

struct app;
struct rows;
struct screen;

/* Where a screen opens; each screen's open() says which fields it reads. */
struct screen_arg {
	size_t sec;       /* a section (index into d->sections) */
	size_t item;      /* an item (index into d->items) */
	int sel;          /* the line to select */
	const void *data; /* anything else, as the screen documents */
};

/* One action a screen handles.  label is its key bar text when the
 * table's (keys.h) does not fit this screen (NC_ message), else NULL. */
struct screen_key {
	int act; /* enum action */
	const char *label;
};

enum {
	SCREEN_OVERLAY = 1 << 0, /* drawn over the screens below it */
	SCREEN_OPAQUE = 1 << 1,  /* an overlay that hides all below it */
	SCREEN_RAW = 1 << 2,     /* key() gets every key (menus, questions) */
	SCREEN_TEXT = 1 << 3,    /* key() gets every key, with editor actions */
};

struct screen_ops {
	const char *name;     /* "overview": for tests and debugging */
	size_t priv_size;     /* its own state, zeroed before open() */
	unsigned flags;       /* SCREEN_* */
	/* The actions key() handles, ended by {ACT_NONE}: they alone reach
	 * key() (unless SCREEN_RAW/TEXT); moving through rows, Esc, help and
	 * the keys every screen shares are the frame's (screen.c). */
	const struct screen_key *keys;

	/* Set up s->priv (and s->sel, s->top) from arg (may be NULL). */
	void (*open)(struct app *a, struct screen *s, const struct screen_arg *arg);
	/* Free what s->priv owns; called when popped.  May be NULL. */
	void (*close)(struct app *a, struct screen *s);
	/* The title bar's text (caller frees).  Screens only. */
	char *(*title)(const struct app *a, const struct screen *s);
	/* The body as rows wrapped to cols: the frame draws them, and
	 * moves s->sel through their targets and s->top through them. */
	void (*rows)(const struct app *a, const struct screen *s, struct rows *r, int cols);
	/* Draw an overlay (or what rows cannot say).  May be NULL. */
	void (*draw)(WINDOW *w, const struct app *a, const struct screen *s);
	/* Draw the bottom line(s) instead of the key bar.  May be NULL. */
	void (*bar)(WINDOW *w, const struct app *a, const struct screen *s);
	/* Is k (one of keys[]) offered now (an item without evidence
	 * fields offers no "add activity")?  NULL: all are. */
	bool (*offers)(const struct app *a, const struct screen *s, const struct screen_key *k);
	/* React to act (one of keys[], offered) or, for SCREEN_RAW/TEXT, to
	 * any key.  Returns R_* flags; R_PASS lets the frame handle it. */
	int (*key)(struct app *a, struct screen *s, int act, int key);
	/* Where the cursor goes, when the screen shows one (the editor):
	 * true and *y, *x; NULL or false hides it. */
	bool (*cursor)(const struct app *a, const struct screen *s, int *y, int *x);
};

/* An open screen. */
struct screen {
	const struct screen_ops *ops;
	void *priv; /* ops->priv_size bytes, owned */
	int top;    /* first row shown */
	int sel;    /* selected target, -1 none */
};

#define X(id, name) extern const struct screen_ops name##_screen;
SCREENS(X)
#undef X

extern const struct screen_ops *const screen_table[SCR__COUNT];

/* Open screen id on top of the stack; returns it (its priv is zeroed
 * and set up by open()). */
struct screen *screen_push(struct app *a, enum screen_id id, const struct screen_arg *arg);
/* Close the top screen. */
void screen_pop(struct app *a);
/* Close every screen (at exit). */
void screen_pop_all(struct app *a);
/* The top screen, or NULL; the topmost that is not an overlay. */
struct screen *screen_top(const struct app *a);
struct screen *screen_top_page(const struct app *a);
/* Is s an open screen of kind id? */
bool screen_is(const struct screen *s, enum screen_id id);
/* The topmost open screen of kind id, or NULL. */
struct screen *screen_find(const struct app *a, enum screen_id id);
/* Close screens until the top one is of kind id; false (and nothing
 * closed) if none is open. */
bool screen_pop_to(struct app *a, enum screen_id id);

/* Let the top screen (or the frame) react to key; returns R_* flags. */
int screen_key(struct app *a, int key);
/* Draw every visible screen, the key bar or message, place the cursor.
 * Never refreshes. */
void screen_draw(struct app *a);
/* Rows of the body of the topmost screen, between title and key bar. */
int body_height(const struct app *a);
/* After a resize: every open screen keeps its selected line in view. */
void screen_reveal(struct app *a);
/* How many rows s's key bar takes at the current width (at least 1). */
int screen_bar_rows(const struct app *a, const struct screen *s);
/* Draw s's key bar at the bottom (for custom bar() callbacks). */
void screen_draw_keybar(WINDOW *w, const struct app *a, const struct screen *s);

#endif

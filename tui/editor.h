/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * editor.h: the text editor overlay (editor.c), for notes, reasons,
 * activity records, review comments, and any question that wants a line
 * of text (search, go to, a path, the first-run answers).
 *
 * The editor is the private state of an EDITOR or PROMPT screen
 * (screen.h): opening it pushes that screen, closing pops it.  The four
 * kinds that record work (FIELD, REASON_NA, ACTIVITY, REVIEW) are kept
 * as a draft at every change (draft.c); a question (ASK) is answered by
 * its own callbacks.
 */
#ifndef TUI_EDITOR_H
#define TUI_EDITOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/base.h"

struct app;

enum edit_purpose {
	EDIT_FIELD,     /* set item/field to the text */
	EDIT_REASON_NA, /* reason, then status = not-applicable */
	EDIT_ACTIVITY,  /* the evidence fields of a new activity record, one by one */
	EDIT_REVIEW,    /* a reviewer's comment; field holds the verdict */
	EDIT_ASK,       /* a question: check() and submit() below */
};

struct editor;

/* What to open. */
struct editor_spec {
	enum edit_purpose purpose;
	const char *label;    /* what is asked (translated) */
	const char *intro;    /* a paragraph above it (translated, static), or NULL */
	const char *item;     /* item id, or NULL */
	const char *field;    /* field name, or NULL */
	const char *init;     /* the text to start from, or NULL */
	bool multiline;       /* a note: Enter makes a new line, ^S saves */
	bool line;            /* one line over the bottom row (search, go to) */
	const char *enter;    /* NC_ bar label of Enter in a one-line field, or NULL ("save") */
	/* EDIT_ASK: may text be taken?  false with *error (caller frees)
	 * keeps the editor open.  May be NULL. */
	bool (*check)(struct app *a, const char *text, char **error);
	/* EDIT_ASK: the editor has closed; act on the text.  R_* flags. */
	int (*submit)(struct app *a, const char *text);
	/* Esc on an unchanged question: R_* flags (NULL: just close). */
	int (*cancel)(struct app *a);
	/* Tab (NULL: a space). */
	void (*complete)(struct app *a, struct editor *e);
	/* After each change of the text (a live list of what fits). */
	void (*changed)(struct app *a, struct editor *e);
};

struct editor {
	struct editor_spec spec; /* as opened (strings not owned: see below) */
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
	char *hint;     /* Tab's candidates (owned), or NULL */
	char *base;     /* the field's values this edit starts from (draft.c) */
	int64_t typed;  /* ms of the last change, 0 none */
	int top;        /* first visible row of the text */
	int cy, cx;     /* where the cursor was drawn */
	/* EDIT_ACTIVITY: the record being made and the values so far */
	char *rid;
	size_t step;
	char **values;
};

/* Open an editor as spec says, on top of the stack; returns it (owned by
 * its screen). */
struct editor *editor_open(struct app *a, const struct editor_spec *spec);
/* Open the editor on item index i, field (note, reason, activity...);
 * label NULL: the field's own. */
struct editor *editor_open_field(struct app *a, size_t i, const char *field, const char *label);
/* Start recording a new activity for item index i. */
void editor_open_activity(struct app *a, size_t i);
/* Go on with an activity record of item i from a draft: its id, the
 * values entered (keys[k] = values[k], n of them), the text of the next
 * field. */
struct editor *editor_resume_activity(struct app *a, size_t i, const char *rid, size_t step,
				      const char *const *keys, const char *const *values, size_t n,
				      const char *text);
/* Replace the text and put the cursor at its end. */
void editor_set_text(struct editor *e, const char *text);
/* The open editor (top of the stack), or NULL. */
struct editor *editor_current(const struct app *a);

#endif

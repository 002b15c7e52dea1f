/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * keys.h: the one key table.  Each row is
 *     X(ACTION, "keys", bar label, "help")
 * and makes the action enum, the default bindings (keys.c parses the key
 * names), the key bars (screen.c: each screen lists the actions it
 * handles, and its bar is made from them) and the help screen (help.c),
 * so a binding, its bar label and its help text can never disagree.  Key
 * names: Up Down Left Right PgUp PgDn Home End Enter Esc Space Tab
 * Backspace F1, ^X for Ctrl-X, 0-9 for any digit, or one character.
 *
 * Bar labels are marked NC_("key bar", "...") (a message with a context:
 * "done" on a bar is "xong", the status "done" is "đã xong"); NULL when
 * the key is never on a bar (moving, which every list does alike).
 *
 * NAV_KEYS apply on the reading screens and menus, EDIT_KEYS in the
 * editor.  Every action has a letter, arrow or Enter: nothing essential
 * needs F-keys or Alt, which PuTTY and the Linux console send
 * differently (F1 is help as well as ?, nothing more).
 */
#ifndef TUI_KEYS_H
#define TUI_KEYS_H

/* A message with a context, for xgettext --keyword=NC_:1c,2; looked up
 * with keys_label().  The \004 joins context and message as gettext's
 * pgettext does. */
#define NC_(ctx, s) ctx "\004" s

#define NAV_KEYS(X)                                                        \
	X(ACT_UP, "Up k", NULL, N_("move up"))                             \
	X(ACT_DOWN, "Down j", NULL, N_("move down"))                       \
	X(ACT_PGUP, "PgUp b", NULL, N_("page up"))                         \
	X(ACT_PGDN, "PgDn f", NULL, N_("page down"))                       \
	X(ACT_HOME, "Home g", NULL, N_("go to the first line"))            \
	X(ACT_END, "End G", NULL, N_("go to the last line"))               \
	X(ACT_OPEN, "Enter Right l", NC_("key bar", "open"),               \
	  N_("open; on an item's line: edit it"))                          \
	X(ACT_BACK, "Esc Left h", NC_("key bar", "back"), N_("go back"))   \
	X(ACT_TOGGLE, "Space", NC_("key bar", "done"),                     \
	  N_("mark the task done / not done"))                             \
	X(ACT_STATUS, "s", NC_("key bar", "status"),                       \
	  N_("choose a status (not applicable asks why)"))                 \
	X(ACT_EDIT, "e", NC_("key bar", "note"), N_("write the note"))     \
	X(ACT_ADD, "a", NC_("key bar", "add"),                    \
	  N_("add an activity record"))                                    \
	X(ACT_DELETE, "x", NC_("key bar", "delete"),                       \
	  N_("delete the selected activity record"))                       \
	X(ACT_UNDO, "u", NC_("key bar", "undo"),                           \
	  N_("undo your last change in this window (a new entry puts the value back)")) \
	X(ACT_REDO, "^R", NC_("key bar", "redo"), N_("redo what u undid"))  \
	X(ACT_GOTO, ": 0-9", NC_("key bar", "go to"),                      \
	  N_("go to a section or an item by its number (4.3); Tab completes")) \
	X(ACT_NEXT_OPEN, "]", NC_("key bar", "next unfinished"),           \
	  N_("next unfinished item, in whatever section"))                  \
	X(ACT_PREV_OPEN, "[", NC_("key bar", "previous unfinished"),       \
	  N_("previous unfinished item"))                                    \
	X(ACT_SEARCH, "/", NC_("key bar", "search"),                       \
	  N_("search (no marks needed: tiep cong dan)"))                   \
	X(ACT_NEXT, "n", NC_("key bar", "next"), N_("next match"))         \
	X(ACT_PREV, "N", NC_("key bar", "previous"), N_("previous match")) \
	X(ACT_RELOAD, "r", NC_("key bar", "reload"),                       \
	  N_("reload: show what others saved"))                            \
	X(ACT_CHANGES, "c", NC_("key bar", "changes"),                     \
	  N_("show what others changed since you last looked"))            \
	X(ACT_RECEIVE, "R", NC_("key bar", "receive more"),                \
	  N_("receive files (USB stick, email): a path, Tab completes"))   \
	X(ACT_RESTORE, "B", NC_("key bar", "restore a backup"),            \
	  N_("restore from a backup (merged back: nothing newer is lost)")) \
	X(ACT_REVIEW, "v", NC_("key bar", "review"),                       \
	  N_("reviewer view: approve an item or ask for more work"))       \
	X(ACT_OFFICE, "o", NC_("key bar", "office"),                       \
	  N_("reviewer view: the office details the báo cáo needs"))       \
	X(ACT_MESSAGE, "m", NC_("key bar", "whole message"),               \
	  N_("show the last message whole"))                               \
	X(ACT_REDRAW, "^L", NULL, N_("repaint the screen"))                \
	X(ACT_HELP, "? F1", NC_("key bar", "help"), N_("this help"))       \
	X(ACT_QUIT, "q ^C", NC_("key bar", "quit"), N_("quit (from the overview)"))

#define EDIT_KEYS(X)                                                       \
	X(ACT_ED_SAVE, "^S", NC_("key bar", "save"),                       \
	  N_("editor: save (or Down to [Save], Enter)"))                   \
	X(ACT_ED_NEWLINE, "Enter", NC_("key bar", "new line"),             \
	  N_("editor: new line in a note; save a one-line field"))         \
	X(ACT_ED_CANCEL, "Esc ^C", NC_("key bar", "cancel"),               \
	  N_("editor: cancel (asks if you typed something)"))              \
	X(ACT_ED_BACKSPACE, "Backspace", NULL, N_("editor: delete one character")) \
	X(ACT_ED_COMPLETE, "Tab", NC_("key bar", "complete"),              \
	  N_("editor: complete a file or folder name"))

enum action {
	ACT_NONE,
#define X(name, keys, bar, help) name,
	NAV_KEYS(X) EDIT_KEYS(X)
#undef X
	ACT__COUNT
};

/* Not a key: sent to the screen after a resize so that the selected line
 * stays in view. */
#define ACT_REVEAL ACT__COUNT

/* The editor's actions come after every reading one. */
#define ACT_IS_EDIT(act) ((act) >= ACT_ED_SAVE && (act) < ACT__COUNT)

struct key_help {
	enum action act;
	const char *keys;
	const char *bar;  /* NC_ message, or NULL */
	const char *help; /* untranslated: pass through gettext */
};

/* The table rows in order, for the help screen. */
extern const struct key_help keys_help[];
extern const size_t keys_help_count;

#endif

/*
 * keys.h: the one key table.  Each row is X(ACTION, "keys", "help"):
 * it makes the action enum, the default bindings (keys.c parses the key
 * names) and the help screen (help.c), so a binding and its help text can
 * never disagree.  Key names: Up Down Left Right PgUp PgDn Home End Enter
 * Esc Space Tab Backspace, ^X for Ctrl-X, or one character.
 *
 * NAV_KEYS apply on the reading screens, EDIT_KEYS in the editor.  Every
 * action has a letter, arrow or Enter: nothing essential needs F-keys or
 * Alt, which PuTTY and the Linux console send differently.
 */
#ifndef TUI_KEYS_H
#define TUI_KEYS_H

#define NAV_KEYS(X)                                                        \
	X(ACT_UP, "Up k", N_("move up"))                                   \
	X(ACT_DOWN, "Down j", N_("move down"))                             \
	X(ACT_PGUP, "PgUp b", N_("page up"))                               \
	X(ACT_PGDN, "PgDn f", N_("page down"))                             \
	X(ACT_HOME, "Home g", N_("go to the first line"))                  \
	X(ACT_END, "End G", N_("go to the last line"))                     \
	X(ACT_OPEN, "Enter Right l", N_("open; on an item's line: edit it"))  \
	X(ACT_BACK, "Esc Left h", N_("go back"))                           \
	X(ACT_TOGGLE, "Space", N_("mark the task done / not done"))       \
	X(ACT_STATUS, "s", N_("choose a status (not applicable asks why)")) \
	X(ACT_EDIT, "e", N_("write the note"))                             \
	X(ACT_ADD, "a", N_("add an activity record"))                      \
	X(ACT_DELETE, "x", N_("delete the selected activity record"))      \
	X(ACT_SEARCH, "/", N_("search (no marks needed: tiep cong dan)"))  \
	X(ACT_NEXT, "n", N_("next match"))                                 \
	X(ACT_PREV, "N", N_("previous match"))                             \
	X(ACT_RELOAD, "r", N_("reload: show what others saved"))           \
	X(ACT_CHANGES, "c", N_("show what others changed since you last looked")) \
	X(ACT_RECEIVE, "R", N_("receive files (USB stick, email): a path, Tab completes")) \
	X(ACT_RESTORE, "B", N_("restore from a backup (merged back: nothing newer is lost)")) \
	X(ACT_REVIEW, "v", N_("reviewer view: approve an item or ask for more work")) \
	X(ACT_REDRAW, "^L", N_("repaint the screen"))                      \
	X(ACT_HELP, "?", N_("this help"))                                  \
	X(ACT_QUIT, "q ^C", N_("quit (from the overview)"))

#define EDIT_KEYS(X)                                                       \
	X(ACT_ED_SAVE, "^S", N_("editor: save (or Down to [Save], Enter)")) \
	X(ACT_ED_NEWLINE, "Enter", N_("editor: new line in a note; save a one-line field")) \
	X(ACT_ED_CANCEL, "Esc ^C", N_("editor: cancel (asks if you typed something)")) \
	X(ACT_ED_BACKSPACE, "Backspace", N_("editor: delete one character")) \
	X(ACT_ED_COMPLETE, "Tab", N_("editor: complete a file or folder name"))

enum action {
	ACT_NONE,
#define X(name, keys, help) name,
	NAV_KEYS(X) EDIT_KEYS(X)
#undef X
	ACT__COUNT
};

struct key_help {
	const char *keys;
	const char *help; /* untranslated: pass through gettext */
};

/* The table rows in order, for the help screen. */
extern const struct key_help keys_help[];
extern const size_t keys_help_count;

#endif

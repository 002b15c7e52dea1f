/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * tui.h: the ncurses front end, as seen from cli/main.c.
 *
 * tui_run owns the terminal from start to finish: locale and ASCII
 * fallback, first-run questions (unit and person, remembered through
 * config_set), loading the unit's state, the screens, saving every change
 * through the store, drafts, signals.  It restores the terminal before it
 * returns.  Nothing outside tui/ includes curses.
 */
#ifndef TUI_TUI_H
#define TUI_TUI_H

#include "catalog/catalog.h"
#include "config/config.h"
#include "content/directive.h"

/* Run the interactive program for cfg's unit on the directive of
 * catalog entry e (borrowed; catalog.h), or, with e NULL (the data folder
 * holds several directives and none was chosen), open a chooser first.
 * Returns the process exit status (0 on a normal quit). */
int tui_run(struct config *cfg, const struct catalog_entry *e);

/* The reviewer view: the units whose state files are under dir (searched
 * recursively), their progress and conflicts; a unit opens read-only
 * apart from reviews, which are written into its file under dir and
 * signed with cfg->user (asked for when unknown).  Returns the process
 * exit status. */
int tui_run_review(struct config *cfg, const struct directive *d, const char *dir);

#endif

/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * tui.c: terminal setup, signals, the main loop, saving.
 *
 * The loop reads one key, lets the open modal (question, status menu,
 * editor) or the current screen react, saves if the reaction says so,
 * redraws with werase + draw, and calls doupdate() once.  Nothing is drawn
 * while idle: no clock, no spinner, no timer unless a failed save waits to
 * be retried.
 */
#include "tui/tui.h"
#include "tui/app.h"

#include <errno.h>
#include <langinfo.h>
#include <pthread.h>
#include <stdatomic.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "report/report.h"
#include "text/text.h"

/* Milliseconds on a clock that never jumps, for timeouts (config_now is
 * the wall clock, which a person may set back). */
static int64_t tui_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- signals ---- */

/* The handler only records the signal: get_wch then returns ERR with EINTR
 * (no SA_RESTART) and the loop saves and leaves. */
static volatile sig_atomic_t tui_signal;

static void tui_on_signal(int sig)
{
	tui_signal = sig;
}

static void tui_install_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = tui_on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	/* An ignored SIGWINCH survives exec (nohup, some runners) and ncurses
	 * only catches it where it is SIG_DFL: resize would never arrive. */
	signal(SIGWINCH, SIG_DFL);
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGWINCH);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGTERM);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	/* A write to a dropped link must not kill us before the save. */
	signal(SIGPIPE, SIG_IGN);
}

/* ---- messages ---- */

char *app_error_text(const struct dvk_error *e)
{
	if (!e->path[0])
		return xstrdup(e->message);
	if (e->line > 0)
		return xasprintf(_("%s (%s, line %d)"), e->message, e->path, e->line);
	return xasprintf(_("%s (%s)"), e->message, e->path);
}

void app_msg(struct app *a, bool error, const char *fmt, ...)
{
	va_list ap;
	struct buf b = {0};
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	free(a->msg);
	a->msg = buf_steal(&b);
	a->msg_error = error;
	free(a->last_msg);
	a->last_msg = xstrdup(a->msg);
	a->last_msg_error = error;
}

/* The unit's name as the file gives it; while copies disagree, the first
 * value (the conflict itself is listed in "Thay đổi mới"). */
static const char *app_state_unit_name(const struct state *st)
{
	const struct event **heads;
	bool conflict;
	const char *name = state_unit_name(st, &conflict);

	if (conflict && checklist_heads(st->cl, UNIT_ITEM, UNIT_NAME, &heads)) {
		name = heads[0]->value;
		free(heads);
	}
	return name;
}

const char *app_unit_label(const struct app *a)
{
	const char *name = a->st ? app_state_unit_name(a->st) : NULL;

	if (a->review_dir)
		return name ? name : a->st ? a->st->unit : a->cfg->user;
	return name ? name : a->cfg->unit_name ? a->cfg->unit_name : a->cfg->unit;
}

bool app_refuse_edit(struct app *a, int act)
{
	if (!a->review_dir)
		return false;
	switch (act) {
	case ACT_TOGGLE:
	case ACT_STATUS:
	case ACT_EDIT:
	case ACT_ADD:
	case ACT_DELETE:
	case ACT_OPEN: /* only where it would edit: callers decide */
		app_msg(a, true, _("Read only: this is the unit's own work. "
				   "v records a review (approved or needs work)."));
		return true;
	default:
		return false;
	}
}

/* ---- loading and saving ---- */

static void app_kept_free(struct app *a)
{
	for (size_t i = 0; i < a->nkept; i++)
		free(a->kept[i]);
	free(a->kept);
	a->kept = NULL;
	a->nkept = 0;
}

/* Fold the copies Syncthing, Dropbox or Nextcloud left beside the state
 * file into it (store_fold_copies: join, verify, then delete the copy),
 * at start-up, before each save and on reload.  Says on the status line
 * what came in, or which copy had to be kept and why. */
static void app_fold(struct app *a)
{
	struct fold_report rep;
	struct dvk_error err;
	dvk_error_clear(&err);
	if (!store_fold_copies(a->cfg->data_dir, a->d, a->cfg->unit, &rep, &err)) {
		app_msg(a, true, "%s", err.message);
		return;
	}
	size_t folded = 0, added = 0;
	const struct fold_item *kept = NULL;
	/* the overview lists every kept copy until it is gone, so a message
	 * overwritten on the status line is not the only trace of it */
	app_kept_free(a);
	for (size_t i = 0; i < rep.n; i++) {
		if (rep.items[i].folded) {
			folded++;
			added += rep.items[i].added;
			continue;
		}
		if (!kept)
			kept = &rep.items[i];
		const struct fold_item *k = &rep.items[i];
		const char *base = strrchr(k->path, '/');
		base = base ? base + 1 : k->path;
		a->kept = xrealloc(a->kept, (a->nkept + 1) * sizeof *a->kept);
		a->kept[a->nkept++] =
			k->err.line > 0
				? xasprintf(_("Conflict copy could not be read, line %d: %s (kept, not merged: %s)"),
					    k->err.line, base, k->err.message)
				: xasprintf(_("Conflict copy could not be merged: %s (kept: %s)"),
					    base, k->err.message);
	}
	if (kept) {
		char *t = app_error_text(&kept->err);
		app_msg(a, true, _("A sync copy was kept, not merged: %s"), t);
		free(t);
	} else if (folded) {
		app_msg(a, false, _("Merged %zu copies left by a sync tool (%zu new changes)."),
			folded, added);
	}
	fold_report_free(&rep);
}

/* A rename of the unit made in the config (its unit_name or parent is a
 * value the file never held) takes effect: it becomes an edit, saved at
 * once like any other.  Returns the number of edits saved. */
static int app_unit_from_config(struct app *a)
{
	struct dvk_error err;
	struct edit_ctx ctx = {
		.by = a->cfg->user,
		.replica = a->replica,
		.clock = &a->clock,
		.now = config_now(),
		.random = config_random,
	};
	int added;

	if (!a->cfg->user)
		return 0;
	dvk_error_clear(&err);
	added = config_unit_apply(a->cfg, a->st, a->d, &ctx, &err);
	if (added < 0)
		app_msg(a, true, "%s", err.message);
	else if (added > 0)
		app_save(a);
	return added > 0 ? added : 0;
}

/* ---- reading the unit's file without waiting for it ----
 *
 * A unit's file of 70,000 events (15 MB) takes a second or more to read
 * and check on an old laptop.  The first screen does not wait for it: a
 * thread reads it while the directive's structure and the keys are shown,
 * marked "đang tải"; the figures come when the file is read and checked,
 * never from a file half read.  Keys that move and read work meanwhile;
 * those that would edit, or need the file, say to wait. */

struct loader {
	pthread_t thread;
	char *path;
	const struct directive *d;
	struct state *st;      /* what was read, or NULL with err */
	struct dvk_error err;
	off_t size;
	bool started, joinable;
	atomic_bool done;
};

static void *loader_run(void *arg)
{
	struct loader *l = arg;
	/* tests only: a load that takes this many ms, to look at the
	 * screen meanwhile (a real file that big would make tests slow) */
	const char *slow = getenv("DVK_TEST_SLOW_LOAD");
	if (slow && atoi(slow) > 0) {
		struct timespec ts = {atoi(slow) / 1000, (long)(atoi(slow) % 1000) * 1000000L};
		while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
			;
	}
	dvk_error_clear(&l->err);
	l->st = store_load(l->path, l->d, &l->err);
	atomic_store(&l->done, true);
	return NULL;
}

/* Read a->path in the background: the loader starts once the first
 * screen is on the terminal (loader_kick), so drawing it does not share
 * the processor with reading. */
static void loader_start(struct app *a)
{
	struct loader *l = xcalloc(1, sizeof *l);
	struct stat sb;

	l->path = xstrdup(a->path);
	l->d = a->d;
	l->size = stat(a->path, &sb) == 0 ? sb.st_size : 0;
	atomic_init(&l->done, false);
	a->loader = l;
	a->loading = true;
}

/* Start the loader's thread (the screen is drawn); without a thread,
 * read the file here. */
static void loader_kick(struct app *a)
{
	struct loader *l = a->loader;

	if (!l || l->started)
		return;
	l->started = true;
#ifdef M_ARENA_MAX
	/* glibc gives a thread's allocations an arena of their own, and the
	 * state the thread builds would stay spread over two heaps: one
	 * keeps a big file's memory about 0.2 MB lower (README,
	 * Performance), and the TUI has no other thread to contend with */
	mallopt(M_ARENA_MAX, 1);
#endif
	/* signals (resize, hang-up, terminate) are the main loop's: the
	 * thread starts with them all blocked */
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	l->joinable = pthread_create(&l->thread, NULL, loader_run, l) == 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (!l->joinable)
		loader_run(l);
}

/* Wait for the loader and forget it (quitting while it reads). */
static void loader_drop(struct app *a)
{
	if (!a->loader)
		return;
	if (a->loader->joinable)
		pthread_join(a->loader->thread, NULL);
	state_free(a->loader->st);
	free(a->loader->path);
	free(a->loader);
	a->loader = NULL;
	a->loading = false;
}

const char *app_loading_text(const struct app *a)
{
	static char text[160];
	double mb = a->loader ? (double)a->loader->size / 1e6 : 0;

	if (mb >= 1)
		snprintf(text, sizeof text, _("Loading the unit's file (%.0f MB)…"), mb);
	else
		snprintf(text, sizeof text, "%s", _("Loading the unit's file…"));
	return text;
}

bool app_refuse_loading(struct app *a, const struct screen *s, int act)
{
	if (!a->loading)
		return false;
	switch (act) {
	case ACT_OPEN:
		/* Enter edits only on an item's lines */
		if (!screen_is(s, SCR_ITEM))
			return false;
		break;
	case ACT_TOGGLE: case ACT_STATUS: case ACT_EDIT: case ACT_ADD: case ACT_DELETE:
	case ACT_REVIEW: case ACT_UNDO: case ACT_REDO: case ACT_RELOAD: case ACT_RECEIVE:
	case ACT_RESTORE: case ACT_CHANGES:
		break;
	default:
		return false;
	}
	app_msg(a, false, _("The unit's file is still loading; one moment, then try again."));
	return true;
}

/* The unit's state st was read from a->path: is it this unit's?  1, or 0
 * with *errmsg (then st is freed). */
static int app_check_state(struct app *a, struct state *st, char **errmsg)
{
	if (strcmp(st->unit, a->cfg->unit) != 0) {
		/* Another unit's file copied into the own place: editing
		 * it would put this unit's work under that unit's name. */
		*errmsg = xasprintf(_("%s: this file is for unit \"%s\", not \"%s\"; dvk will not edit it"),
				    a->path, st->unit, a->cfg->unit);
		state_free(st);
		return 0;
	}
	return 1;
}

/* What follows the unit's state being there (read, or new). */
static void app_state_ready(struct app *a)
{
	/* edits this laptop made that the file lost come back (and are saved) */
	app_attach_journal(a);
	hlc_observe(&a->clock, checklist_max_at(a->st->cl), 0, config_now());
	changes_load(a);
	/* edits made by hand in the file's summary are entries now, in
	 * memory ("Thay đổi mới" lists them): into the file at once, as
	 * `dvk status` does */
	if (!app_unit_from_config(a) && a->st->nhand)
		app_save(a);
}

/* Once the state is there and the overview open: others' new changes
 * open their screen (when the overview is still what shows), and drafts
 * left by other windows are offered. */
static void app_opened(struct app *a)
{
	if (changes_count(a) && screen_is(screen_top(a), SCR_OVERVIEW))
		changes_open(a);
	if (!a->session)
		draft_session_start(a);
	a->drafts_pending = true;
}

/* The loader has finished: take its state.  A file that does not parse
 * opens the recovery screen, as at start-up; 0 with *fatal when dvk must
 * not open the file at all (another unit's). */
static int app_load_done(struct app *a, char **fatal)
{
	struct loader *l = a->loader;
	struct state *st;
	struct dvk_error broken;

	if (l->joinable)
		pthread_join(l->thread, NULL);
	st = l->st;
	l->st = NULL;
	broken = l->err;
	free(l->path);
	free(l);
	a->loader = NULL;
	a->loading = false;
	if (!st) {
		/* what was opened over the stand-in goes; the file is never
		 * written: the recovery screen says where and why */
		state_free(a->st);
		a->st = NULL;
		if (!screen_pop_to(a, SCR_CHOOSER))
			screen_pop_all(a);
		screen_push(a, SCR_RECOVERY, &(struct screen_arg){.data = &broken});
		return 1;
	}
	if (!app_check_state(a, st, fatal))
		return 0;
	state_free(a->st); /* the stand-in */
	a->st = st;
	app_state_ready(a);
	app_opened(a);
	return 1;
}

/* Open the unit's file.  Without wait, its reading starts on the
 * loader's thread and 1 is returned: what the file turns out to be is
 * dealt with when the loader ends (app_load_done).  With wait (reading
 * it again from the recovery screen) it is read here: 1; 2 when it does
 * not parse (*broken says why: the recovery screen shows it, the file is
 * never written); 0 with *errmsg (caller frees) when dvk must not open it
 * at all. */
static int app_open(struct app *a, bool wait, char **errmsg, struct dvk_error *broken)
{
	struct dvk_error err;
	dvk_error_clear(&err);
	free(a->path);
	a->path = store_path(a->cfg->data_dir, a->d->id, a->cfg->unit);
	app_fold(a);
	if (wait && store_exists(a->path)) {
		struct state *st = store_load(a->path, a->d, &err);
		if (!st) {
			*broken = err;
			return 2;
		}
		if (!app_check_state(a, st, errmsg))
			return 0;
		state_free(a->st);
		a->st = st;
	} else {
		/* new, or a stand-in while the loader reads: no figures come
		 * from it */
		a->st = state_new(a->d->id, a->cfg->unit);
		if (store_exists(a->path))
			loader_start(a);
	}
	/* read again on each opening (the recovery screen's r) */
	free(a->replica);
	a->replica = config_replica(a->cfg, &err);
	if (!a->replica) {
		a->replica = xstrdup("unknown");
		app_msg(a, true, "%s", err.message);
	}
	if (!config_clock_load(a->cfg, &a->clock, &err)) {
		memset(&a->clock, 0, sizeof a->clock);
		app_msg(a, true, "%s", err.message);
	}
	if (!a->loading)
		app_state_ready(a);
	return 1;
}

/* The unit's file is written for the directive in use: make the data
 * folder carry that directive too (once a session), so the text travels
 * with the data (catalog_ensure). */
static void app_publish(struct app *a)
{
	struct dvk_error err;
	enum catalog_added res;
	unsigned old = 0;

	if (a->published || a->review_dir || !a->source)
		return;
	a->published = true;
	dvk_error_clear(&err);
	if (!catalog_ensure(a->cfg->data_dir, a->source, &res, &old, &err))
		app_msg(a, true, _("The directive could not be copied into the data folder: %s"),
			err.message);
	else if (res == CATALOG_UPDATED)
		app_msg(a, false, _("The data folder now carries revision %u of the directive (it had revision %u)."),
			a->d->revision, old);
}

void app_attach_journal(struct app *a)
{
	struct dvk_error warn;
	char *journal = store_journal_path(a->cfg->state_dir, a->st->directive, a->st->unit);
	size_t restored = 0;
	store_journal_attach(a->st, journal, a->path, a->d, &restored, &warn);
	free(journal);
	if (warn.code != DVK_E_NONE) {
		char buf[DVK_ERR_MSG + DVK_ERR_PATH + 32];
		app_msg(a, true, "%s", dvk_error_format(&warn, buf, sizeof buf));
	}
	if (!restored)
		return;
	/* a save that did not go through, or an older copy put over the
	 * file (a sync tool, cp, a stick): the edits it lacks are back on
	 * screen; put them in the file */
	a->save_pending = true;
	app_save(a);
	if (!a->save_pending)
		app_msg(a, false, ngettext("%zu change made on this laptop was missing from the file "
					   "(a save that did not go through, or an older copy put "
					   "over it): it is back and saved.",
					   "%zu changes made on this laptop were missing from the file "
					   "(a save that did not go through, or an older copy put "
					   "over it): they are back and saved.",
					   restored), restored);
}

void app_save(struct app *a)
{
	struct dvk_error err;
	size_t added = 0;
	dvk_error_clear(&err);
	if (!a->st)
		return;
	/* the reviewer writes into a file under DIR: the reviewer's own data
	 * folder and its sync copies are not this file's */
	if (!a->review_dir)
		app_fold(a);
	if (!store_save(a->path, a->st, a->d, &added, &err)) {
		/* the reason first, then the file */
		char *buf = app_error_text(&err);
		a->save_pending = true;
		free(a->save_error);
		a->save_error = xstrdup(buf);
		/* the whole reason, wrapped over as many lines as it needs:
		 * a shared folder's "Permission denied" must not be cut off */
		if (a->st->journal && a->st->journaled == checklist_count(a->st->cl))
			app_msg(a, true, _("Not saved to the file: %s. The change is kept on this laptop "
					   "(in its journal) and dvk tries again every few seconds; r tries "
					   "now."), buf);
		else
			app_msg(a, true, _("Not saved: %s. dvk tries again every few seconds; r tries now."),
				buf);
		free(buf);
		return;
	}
	if (a->save_pending)
		app_msg(a, false, _("Saved."));
	a->save_pending = false;
	app_publish(a);
	free(a->save_error);
	a->save_error = NULL;
	if (a->rv)
		review_refresh(a); /* the list's figures point into the states */
	hlc_observe(&a->clock, checklist_max_at(a->st->cl), 0, config_now());
	if (!config_clock_save(a->cfg, &a->clock, &err))
		app_msg(a, true, "%s", err.message);
	else if (added)
		app_msg(a, false, _("Saved; %zu changes made elsewhere came in."), added);
}

void app_reload(struct app *a)
{
	struct dvk_error err;
	dvk_error_clear(&err);
	if (a->review_dir) {
		/* reloading replaces the states in memory: a review not yet
		 * on disk would be lost */
		if (a->save_pending)
			app_save(a);
		if (!a->save_pending)
			review_reload(a);
		return;
	}
	app_fold(a);
	if (store_exists(a->path)) {
		struct state *disk = store_load(a->path, a->d, &err);
		if (!disk) {
			char *t = app_error_text(&err);
			app_msg(a, true, _("Could not reload: %s"), t);
			free(t);
			return;
		}
		size_t before = checklist_count(a->st->cl);
		if (!state_join(a->st, disk, &err)) {
			app_msg(a, true, _("Could not reload: %s"), err.message);
		} else {
			app_msg(a, false, _("Reloaded: %zu new changes."), checklist_count(a->st->cl) - before);
			hlc_observe(&a->clock, checklist_max_at(a->st->cl), 0, config_now());
		}
		state_free(disk);
	} else {
		app_msg(a, false, _("Reloaded: nothing saved yet."));
	}
	if (a->save_pending)
		app_save(a);
}

int app_apply(struct app *a, const char *item, const struct assignment *as,
	      size_t n, char **errmsg)
{
	struct dvk_error err;
	dvk_error_clear(&err);
	struct edit_ctx ctx = {
		.by = a->cfg->user,
		.replica = a->replica,
		.clock = &a->clock,
		.now = config_now(),
		.random = config_random,
		.random_arg = NULL,
	};
	struct undo_step *u = undo_begin(a, item, as, n);
	if (checklist_apply(a->st->cl, a->d, item, as, n, &ctx, &err) < 0) {
		undo_end(a, u, false);
		if (errmsg)
			*errmsg = xstrdup(err.message);
		return 0;
	}
	undo_end(a, u, true);
	return 1;
}

/* ---- the loop ---- */

/* Has the other end of the terminal hung up? */
static bool tui_input_gone(void)
{
	struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};
	if (poll(&p, 1, 0) < 0)
		return errno != EINTR;
	return (p.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
}

/* Has the terminal changed size behind ncurses' back?  Then resize. */
static bool tui_size_changed(void)
{
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0 || ws.ws_row == 0 || ws.ws_col == 0)
		return false;
	if (ws.ws_row == LINES && ws.ws_col == COLS)
		return false;
	resizeterm(ws.ws_row, ws.ws_col);
	return true;
}

/* Keys every reading screen shares. */
int app_global_key(struct app *a, int act, int key)
{
	/* the reviewer's list of units has no sections to search or a
	 * unit's changes to show */
	if (!a->st) {
		switch (act) {
		case ACT_RELOAD:
			/* the chooser: nothing open to reload (it reloads its list) */
			if (!a->review_dir)
				return R_NONE;
			break;
		case ACT_SEARCH: case ACT_NEXT: case ACT_PREV: case ACT_CHANGES:
		case ACT_RECEIVE: case ACT_RESTORE: case ACT_GOTO: case ACT_NEXT_OPEN:
		case ACT_PREV_OPEN: case ACT_UNDO: case ACT_REDO:
			return R_NONE;
		case ACT_TOGGLE: case ACT_STATUS: case ACT_EDIT: case ACT_ADD:
		case ACT_DELETE: case ACT_REVIEW:
			if (!a->review_dir)
				return R_NONE;
			app_msg(a, false, _("Open a unit (Enter), then an item, to review it."));
			return R_REDRAW;
		default:
			break;
		}
	}
	switch (act) {
	case ACT_TOGGLE: case ACT_STATUS: case ACT_EDIT: case ACT_ADD: case ACT_DELETE:
		return app_refuse_edit(a, act) ? R_REDRAW : R_NONE;
	case ACT_OPEN:
		/* Enter on an item's line that a reviewer may not change */
		if (a->review_dir && screen_is(screen_top_page(a), SCR_ITEM) &&
		    app_refuse_edit(a, act))
			return R_REDRAW;
		return R_NONE;
	case ACT_REVIEW:
		app_msg(a, false, a->review_dir ? _("Open a section, then an item, to review it.")
					       : _("Reviews are written by the reviewer (dvk --review DIR)."));
		return R_REDRAW;
	case ACT_CHANGES:
		if (a->review_dir) {
			app_msg(a, true, _("The reviewer view shows no changes list: open a unit's items to see their history."));
			return R_REDRAW;
		}
		changes_open(a);
		return R_REDRAW;
	case ACT_RECEIVE:
		if (a->review_dir) {
			app_msg(a, true, _("Receive files into your own data folder: run dvk without --review."));
			return R_REDRAW;
		}
		receive_open(a);
		return R_REDRAW;
	case ACT_RESTORE:
		if (a->review_dir) {
			app_msg(a, true, _("Backups are restored into your own data folder: run dvk without --review."));
			return R_REDRAW;
		}
		backups_open(a);
		return R_REDRAW;
	case ACT_SEARCH:
		search_open(a);
		return R_REDRAW;
	case ACT_GOTO:
		goto_open(a, key);
		return R_REDRAW;
	case ACT_UNDO:
		return undo_last(a);
	case ACT_REDO:
		return undo_redo(a);
	case ACT_NEXT_OPEN:
	case ACT_PREV_OPEN:
		return goto_unfinished_next(a, act == ACT_PREV_OPEN);
	case ACT_NEXT:
	case ACT_PREV:
		return search_next(a, act == ACT_PREV);
	case ACT_RELOAD:
		return R_RELOAD;
	case ACT_MESSAGE:
		if (!a->last_msg)
			app_msg(a, false, _("No message yet."));
		else if (!screen_is(screen_top(a), SCR_MESSAGE))
			screen_push(a, SCR_MESSAGE, NULL);
		return R_REDRAW;
	case ACT_REDRAW:
		return R_CLEAR;
	default:
		return R_PASS;
	}
}

/* Join the journal's segments into its one file (store_journal_compact):
 * at quit and in a quiet second when due, never on a key press. */
static void app_compact_journal(struct app *a)
{
	struct dvk_error err;
	dvk_error_clear(&err);
	if (!a->st->journal || (a->st->jsegs == 0 && a->st->journaled == checklist_count(a->st->cl)))
		return;
	if (!store_journal_compact(a->st, a->d, &err)) {
		char buf[DVK_ERR_MSG + DVK_ERR_PATH + 32];
		app_msg(a, true, "%s", dvk_error_format(&err, buf, sizeof buf));
	}
}

static int quit_answer(struct app *a, int k, void *arg)
{
	bool *quit_armed = arg;
	if (k != 0) {
		*quit_armed = false;
		return R_REDRAW;
	}
	a->quit_unsaved = true;
	*quit_armed = true;
	return R_QUIT;
}

/* Quitting with a change that is not in the file: say where it is and
 * ask first; quitting anyway makes the exit status 1. */
static void ask_quit_unsaved(struct app *a, bool *quit_armed)
{
	static const struct choice ch[] = {
		{ "y", N_("quit anyway") },
		{ "n", N_("stay") },
	};
	struct choice tr[ARRAY_LEN(ch)];
	for (size_t i = 0; i < ARRAY_LEN(ch); i++)
		tr[i] = (struct choice){ ch[i].keys, _(ch[i].label) };
	bool kept = a->st && a->st->journal && a->st->journaled == checklist_count(a->st->cl);
	char *msg = xasprintf(kept ? _("Quit anyway? A change is not in the file yet:\n%s\n"
				       "It is kept on this laptop (in its journal) and goes into the "
				       "file at the next save that works (dvk here, `dvk set` or "
				       "`dvk status`); until then others do not see it.")
				     : _("Quit anyway? A change is not in the file yet:\n%s\n"
					 "If you quit now it is lost."),
			      a->save_error ? a->save_error : "");
	*quit_armed = true;
	/* the question states the reason itself: the message of the save
	 * just retried would cover its choices */
	free(a->msg);
	a->msg = NULL;
	confirm_open(a, msg, tr, ARRAY_LEN(tr), quit_answer, quit_armed, NULL);
	free(msg);
}

static int tui_key(struct app *a, int key, bool *quit_armed)
{
	if (key == TK(KEY_RESIZE)) {
		if (COLS >= MIN_COLS && LINES >= MIN_LINES)
			screen_reveal(a);
		return R_REDRAW;
	}
	int flags;
	if (COLS < MIN_COLS || LINES < MIN_LINES) {
		/* nothing can be seen: only quitting is safe (a note being
		 * typed stays in its draft) */
		if (keys_action(key, true) != ACT_QUIT)
			return R_NONE;
		flags = R_QUIT;
	} else {
		struct screen *top = screen_top(a);
		if (!top)
			return R_NONE;
		if (!(top->ops->flags & SCREEN_TEXT)) {
			free(a->msg);
			a->msg = NULL;
		}
		flags = screen_key(a, key);
	}
	if (flags & R_QUIT) {
		if (a->save_pending) {
			app_save(a);
			if (a->save_pending && !*quit_armed) {
				ask_quit_unsaved(a, quit_armed);
				return R_REDRAW;
			}
		}
	} else {
		*quit_armed = false;
	}
	return flags;
}

/* Open the terminal: TERM as given, else fallbacks the base system
 * always has.  Returns NULL with a message printed if none works. */
static SCREEN *tui_newterm(void)
{
	const char *term = getenv("TERM");
	if (term && strcmp(term, "dumb") == 0) {
		fprintf(stderr, "dvk: %s\n",
			_("this terminal (TERM=dumb) cannot move the cursor; use xterm, screen or linux"));
		return NULL;
	}
	const char *tries[] = {term && *term ? term : "xterm", "xterm", "vt100"};
	for (size_t i = 0; i < ARRAY_LEN(tries); i++) {
		SCREEN *s = newterm(tries[i], stdout, stdin);
		if (s) {
			if (i > 0)
				setenv("TERM", tries[i], 1);
			return s;
		}
	}
	fprintf(stderr, "dvk: %s\n", _("cannot open the terminal"));
	return NULL;
}

/* Should text be shown as ASCII?  Yes when the locale's character set is
 * not UTF-8 (the terminal then cannot be assumed to show it), unless the
 * config says otherwise. */
static bool tui_want_ascii(const struct config *cfg)
{
	const char *mode = cfg->ascii ? cfg->ascii : "auto";
	if (strcmp(mode, "yes") == 0)
		return true;
	bool utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	if (strcmp(mode, "no") == 0 && !utf8) {
		if (setlocale(LC_CTYPE, "C.UTF-8") || setlocale(LC_CTYPE, "C.utf8"))
			return false;
	}
	return !utf8;
}

/* Ask the terminal whether it is UTF-8: print "é" as two UTF-8 bytes
 * after a carriage return and ask where the cursor went (CSI 6n).  A
 * UTF-8 terminal moved one column, any other two.  Over SSH, LANG is
 * often unset while PuTTY or Windows Terminal speak UTF-8 perfectly.
 * Returns 1 (UTF-8), 0 (not), -1 (cannot ask), or -2: asked, no answer
 * within a second.  Over a slow link the answer may come later: the key
 * reader still takes it (tui_late_probe), never as keys. */
static int tui_probe_utf8(void)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return -1;
	struct termios old, raw;
	if (tcgetattr(STDIN_FILENO, &old) != 0)
		return -1;
	raw = old;
	raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	raw.c_cc[VMIN] = 0;
	raw.c_cc[VTIME] = 0;
	if (tcsetattr(STDIN_FILENO, TCSANOW, &raw) != 0)
		return -1;
	static const char q[] = "\r\xc3\xa9\033[6n";
	int col = -1;
	bool asked = false;
	if (write(STDOUT_FILENO, q, sizeof q - 1) == (ssize_t)(sizeof q - 1)) {
		asked = true;
		char buf[64];
		size_t n = 0;
		int64_t end = tui_ms() + 1000;
		while (n < sizeof buf - 1 && !tui_signal) {
			int64_t left = end - tui_ms();
			struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};
			if (left <= 0 || poll(&p, 1, (int)left) <= 0)
				break;
			if (read(STDIN_FILENO, buf + n, 1) != 1)
				break;
			n++;
			if (buf[n - 1] == 'R') {
				buf[n] = '\0';
				char *esc = strrchr(buf, '\033');
				int row;
				if (esc && sscanf(esc, "\033[%d;%dR", &row, &col) != 2)
					col = -1;
				break;
			}
		}
	}
	/* rub the probe out */
	if (write(STDOUT_FILENO, "\r   \r", 5) < 0) {
		/* nothing to do: the terminal is gone */
	}
	tcsetattr(STDIN_FILENO, TCSANOW, &old);
	if (col < 0)
		return asked ? -2 : -1;
	return col == 2;
}

static void app_free(struct app *a)
{
	loader_drop(a);
	screen_pop_all(a);
	if (a->session)
		draft_session_end(a);
	draft_queue_free(a);
	/* in the reviewer view the state belongs to the report */
	if (a->rv)
		report_free(a->rv);
	else if (a->st)
		state_free(a->st);
	free(a->review_dir);
	free(a->save_error);
	changes_free(a);
	changes_memo_free(a);
	counts_free();
	undo_free(a);
	app_kept_free(a);
	free(a->path);
	free(a->replica);
	free(a->query);
	free(a->msg);
	free(a->last_msg);
	catalog_free(a->cat);
}

/* Forget the open unit and directive (the chooser is below). */
static void app_close_unit(struct app *a)
{
	loader_drop(a);
	/* drafts are kept per directive: this window's session ends here */
	if (a->session)
		draft_session_end(a);
	draft_queue_free(a);
	a->drafts_pending = false;
	state_free(a->st);
	a->st = NULL;
	changes_free(a);
	app_kept_free(a);
	free(a->path);
	a->path = NULL;
	free(a->replica);
	a->replica = NULL;
	free(a->query);
	a->query = NULL;
	a->d = NULL;
	a->source = NULL;
}

/* The unit's file is open, or being read: its overview; what others
 * changed and drafts once it is read (app_opened). */
static void app_show_unit(struct app *a)
{
	screen_push(a, SCR_OVERVIEW, NULL);
	/* a file given that lost to a newer revision: say which is used */
	if (a->source && a->source->other_revision && a->source->other_origin == CATALOG_FILE)
		app_msg(a, false, _("Using revision %u of the directive (%s): the file given has the older revision %u."),
			a->d->revision, catalog_origin_name(a->source->origin), a->source->other_revision);
	if (!a->loading)
		app_opened(a);
}

int app_reopen(struct app *a, struct dvk_error *err)
{
	char *fatal = NULL;
	int rc = app_open(a, true, &fatal, err);
	if (rc == 0) {
		dvk_error_setc(err, DVK_E_MISMATCH, NULL, 0, 0, "%s", fatal);
		free(fatal);
		return 0;
	}
	if (rc == 2)
		return 0;
	if (screen_is(screen_top(a), SCR_RECOVERY))
		screen_pop(a);
	app_show_unit(a);
	return 1;
}

int app_choose(struct app *a, const struct catalog_entry *e)
{
	char *err = NULL;

	a->source = e;
	a->d = e->d;
	a->published = false;
	struct dvk_error broken;
	int rc = app_open(a, false, &err, &broken);
	if (rc == 0) {
		app_msg(a, true, "%s", err);
		free(err);
		app_close_unit(a);
		return R_REDRAW;
	}
	if (rc == 2)
		screen_push(a, SCR_RECOVERY, &(struct screen_arg){.data = &broken});
	else
		app_show_unit(a);
	return R_REDRAW;
}

int app_unchoose(struct app *a)
{
	if (a->save_pending)
		app_save(a);
	if (a->save_pending) {
		app_msg(a, true, _("The last change is not saved yet (see above); r retries."));
		return R_REDRAW;
	}
	screen_pop_to(a, SCR_CHOOSER);
	app_close_unit(a);
	chooser_refresh(a);
	return R_REDRAW;
}

/* Load what the program shows: the unit's state, or the reviewer's
 * folder.  After start-up, others' new changes open their screen. */
static int app_start(struct app *a, char **fatal)
{
	if (a->review_dir) {
		if (!review_load(a, fatal))
			return 0;
		screen_push(a, SCR_UNITS, NULL);
		draft_session_start(a);
		a->drafts_pending = true;
		office_start(a);
		return 1;
	}
	if (!a->d) {
		/* several directives in the data folder: the chooser first */
		a->cat = catalog_load(a->cfg->data_dir);
		screen_push(a, SCR_CHOOSER, NULL);
		return 1;
	}
	struct dvk_error broken;
	int rc = app_open(a, false, fatal, &broken);
	if (rc == 0)
		return 0;
	if (rc == 2)
		screen_push(a, SCR_RECOVERY, &(struct screen_arg){.data = &broken});
	else
		app_show_unit(a);
	return 1;
}

/* The first doupdate sent the terminal's keypad_xmit (smkx), which turns
 * on the application keypad (ESC =) as well as the cursor keys' mode:
 * PuTTY's and Windows Terminal's number pad then sends ESC O t for 4,
 * which no screen wants.  Numeric mode again (ESC >), so the pad types
 * digits into "Đến mục:" and counts; the arrow keys keep their mode, a
 * separate setting.  Written after ncurses has flushed its own bytes. */
static void tui_numeric_keypad(void)
{
	if (write(STDOUT_FILENO, "\033>", 2) < 0) {
		/* the terminal is gone: the next read says so */
	}
}

/* The UTF-8 probe's answer came after the probe stopped waiting (a slow
 * link): believe it now.  Reading is UTF-8 already (tui_main), so only
 * the drawing changes. */
static void tui_late_probe(struct app *a, int col)
{
	if (!a->probe_late)
		return;
	a->probe_late = false;
	if (col == 2 && a->ascii && strcmp(nl_langinfo(CODESET), "UTF-8") == 0) {
		a->ascii = false;
		a->redraw_all = true;
	}
}

/* Keys as the screens see them: terminal replies and unknown control
 * sequences are taken out (0).  xterm's terminfo names "CSI 1;2R" shift-F3
 * (kf15), so a late probe answer on the first row arrives as that key. */
static int tui_filter_key(struct app *a, int key)
{
	if (key == TK_ESC) {
		int col = -1;
		key = keys_after_escape(&col);
		if (col > 0)
			tui_late_probe(a, col);
		return key;
	}
	if (a->probe_late && (key == TK(KEY_F(15)) || key == TK(KEY_F(51)))) {
		tui_late_probe(a, key == TK(KEY_F(15)) ? 2 : 3);
		return 0;
	}
	return keys_from_keypad(key);
}

/* Drafts left by windows that are gone are offered one at a time, when
 * no question or editor is open. */
static void tui_offer_drafts(struct app *a)
{
	const struct screen *top = screen_top(a);
	if (a->drafts_pending && !a->loading && top && !(top->ops->flags & SCREEN_OVERLAY))
		draft_offer(a);
}

static int tui_main(struct config *cfg, const struct catalog_entry *source,
		    const struct directive *d, const char *review_dir)
{
	struct app app, *a = &app;
	memset(a, 0, sizeof *a);
	a->cfg = cfg;
	a->source = source;
	a->d = source ? source->d : d;
	a->review_dir = review_dir ? xstrdup(review_dir) : NULL;

	/* main() has set the locale from the environment and chosen the
	 * language (i18n.h) already: every verb needs both. */
	/* Before newterm, so ncurses keeps our handlers (it only installs its
	 * own where the current one is SIG_DFL), and before the probe. */
	tui_install_signals();
	a->ascii = tui_want_ascii(cfg);
	if (a->ascii && (!cfg->ascii || !strcmp(cfg->ascii, "auto"))) {
		int probe = tui_probe_utf8();
		if (probe == 1 && (setlocale(LC_CTYPE, "C.UTF-8") || setlocale(LC_CTYPE, "C.utf8")))
			a->ascii = false;
		a->probe_late = probe == -2;
	}
	/* Show ASCII, but read keys as UTF-8: over SSH LANG is often unset
	 * while the terminal (PuTTY, Windows Terminal) sends UTF-8, and in
	 * the C locale ncurses cannot decode a typed "ệ" at all. */
	if (a->ascii && strcmp(nl_langinfo(CODESET), "UTF-8") != 0) {
		if (!setlocale(LC_CTYPE, "C.UTF-8"))
			setlocale(LC_CTYPE, "C.utf8");
	}
	const char *nc = getenv("NO_COLOR");
	a->color = !(nc && *nc);

	unsetenv("LINES");
	unsetenv("COLUMNS");
	if (!getenv("ESCDELAY"))
		setenv("ESCDELAY", "150", 1);

	SCREEN *scr = tui_newterm();
	if (!scr)
		return 1;
	set_term(scr);
	/* ncurses 6.4 flushes once per line until its first endwin cycle
	 * (mvcur flushes while the screen is in its initial state); after
	 * it every doupdate is a single write().  endwin before anything
	 * is painted, then doupdate to come back: that leaves the initial
	 * state without painting the empty screen twice (refresh, endwin,
	 * refresh did: 0.3 M instructions of a 5 M start-up).  The coming back
	 * must happen before start_color: with colours on it would also
	 * send orig_colors (OSC 104) and reset the terminal's palette. */
	endwin();
	doupdate();
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	meta(stdscr, TRUE);
	set_escdelay(atoi(getenv("ESCDELAY")) > 0 ? atoi(getenv("ESCDELAY")) : 150);
	keys_define_fallbacks();
	draw_init_colors(a->color);

	char *fatal = NULL;
	bool loaded = false;
	if (!prompt_start(a)) {
		if (!app_start(a, &fatal))
			goto out;
		loaded = true;
	}

	int status = 0, nerr = 0;
	bool quit_armed = false;
	int64_t last_retry = 0;
	tui_offer_drafts(a);
	screen_draw(a);
	doupdate();
	tui_numeric_keypad();
	for (;;) {
		wint_t wc;
		/* ncurses notices SIGWINCH only when it interrupts read():
		 * one arriving while we draw waits for the next key.  So check
		 * the size before blocking, and wake once a second to check
		 * again; a wake-up that finds nothing writes nothing. */
		if (tui_size_changed()) {
			tui_key(a, TK(KEY_RESIZE), &quit_armed);
			screen_draw(a);
			doupdate();
		}
		/* a signal that came while we drew: do not wait for a key */
		if (tui_signal) {
			a->hangup = true;
			break;
		}
		/* while the file loads, look often whether it is there */
		loader_kick(a);
		int wait = a->loading ? 20 : 1000;
		timeout(wait);
		errno = 0;
		int64_t t0 = tui_ms();
		int rc = get_wch(&wc);
		if (tui_signal) {
			a->hangup = true;
			break;
		}
		if (a->loading && atomic_load(&a->loader->done)) {
			if (!app_load_done(a, &fatal) && screen_find(a, SCR_CHOOSER)) {
				/* chosen from several: say why, back to the list */
				app_msg(a, true, "%s", fatal);
				free(fatal);
				fatal = NULL;
				screen_pop_to(a, SCR_CHOOSER);
				app_close_unit(a);
				chooser_refresh(a);
			} else if (fatal) {
				goto out;
			}
			if (rc == ERR) {
				tui_offer_drafts(a);
				screen_draw(a);
				doupdate();
				continue;
			}
		}
		int flags;
		if (rc == ERR) {
			if (errno == EINTR)
				continue;
			if (tui_ms() - t0 < wait / 2) {
				/* ERR at once: a byte that is not a character,
				 * or the terminal is gone (then EIO forever).
				 * Never spin on a dead terminal. */
				if (tui_input_gone() || ++nerr > 1000) {
					a->hangup = true;
					break;
				}
				continue;
			}
			nerr = 0;
			/* a quiet second: fold the journal's segments when
			 * due (off the key path), retry a failed save every 3 s */
			if (!a->loading && a->st && a->st->journal && a->st->journaled == 0 &&
			    checklist_count(a->st->cl) && !a->review_dir)
				app_compact_journal(a);
			if (a->loading || !a->save_pending || tui_ms() - last_retry < 3000 ||
			    screen_is(screen_top(a), SCR_CONFIRM))
				continue;
			last_retry = tui_ms();
			app_save(a);
			flags = R_REDRAW;
		} else {
			nerr = 0;
			int key = tui_filter_key(a, rc == KEY_CODE_YES ? TK((int)wc) : (int)wc);
			flags = key ? tui_key(a, key, &quit_armed) : R_NONE;
			if (a->redraw_all) {
				flags |= R_CLEAR;
				a->redraw_all = false;
			}
		}
		if (flags & R_OPEN) {
			if (!app_start(a, &fatal))
				goto out;
			loaded = true;
		}
		if (flags & R_RELOAD) {
			app_reload(a);
			/* others' new changes: their screen, if nothing else
			 * is open; else the overview's line says so */
			size_t n = changes_count(a);
			if (n && screen_is(screen_top(a), SCR_OVERVIEW))
				changes_open(a);
		}
		if ((flags & R_SAVE) && !a->loading)
			app_save(a);
		if (flags & R_QUIT)
			break;
		if (flags & R_CLEAR)
			clearok(curscr, TRUE);
		tui_offer_drafts(a);
		screen_draw(a);
		doupdate();
	}
	if (a->hangup) {
		/* The link is gone or we were told to stop: everything is on
		 * disk already except a failed save; the draft is synced. */
		struct editor *e = editor_current(a);
		if (e && e->purpose != EDIT_ASK)
			draft_save(a, e, true);
		if (a->save_pending)
			app_save(a);
		status = 128 + (tui_signal ? tui_signal : SIGHUP);
	} else {
		status = a->exit_status;
	}
	if (loaded && a->st && !a->review_dir)
		app_compact_journal(a);
	endwin();
	delscreen(scr);
	if (loaded && a->save_pending) {
		/* said in full on the terminal left behind, and the exit
		 * status says it too */
		fprintf(stderr, "dvk: %s\n", a->msg ? a->msg : _("changes not saved"));
		if (a->st && a->st->journal)
			fprintf(stderr, "dvk: %s\n",
				_("the change is kept in this laptop's journal and goes into the file at "
				  "the next save that works (dvk, dvk set or dvk status)"));
		if (!status)
			status = 1;
	}
	app_free(a);
	return status;

out:
	endwin();
	delscreen(scr);
	if (fatal) {
		fprintf(stderr, "dvk: %s\n", fatal);
		free(fatal);
		app_free(a);
		return 1;
	}
	app_free(a);
	return tui_signal ? 128 + tui_signal : 0;
}

int tui_run(struct config *cfg, const struct catalog_entry *e)
{
	return tui_main(cfg, e, NULL, NULL);
}

int tui_run_review(struct config *cfg, const struct directive *d, const char *dir)
{
	return tui_main(cfg, NULL, d, dir);
}

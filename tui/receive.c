/*
 * receive.c: "Nhận tệp…", files that came on a USB stick or by email.
 *
 * The person types a path (Tab completes like a shell: the common part of
 * the names that fit, and the list of them); a file, or every state file
 * directly in a folder, is then joined into the data folder the way
 * `dvk receive` does it: parse (an error shows FILE:LINE:COL), join into
 * its own unit's file (named by its header, not by the file name, and
 * created when new), read back and check that everything the file held is
 * there.  A screen then tells, per file, what came in and what is in
 * conflict, and that nothing was lost.  When a file was this unit's own,
 * the open state is reloaded.
 */
#include "tui/app.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "text/text.h"

void receive_open(struct app *a)
{
	editor_free(a->ed);
	a->ed = editor_new(EDIT_RECEIVE,
			   _("Receive a file, or every state file of a folder (USB stick, email):"),
			   NULL, NULL, "", false);
}

/* "~/x" → "$HOME/x"; anything else as it is.  Caller frees. */
static char *receive_expand(const char *path)
{
	const char *home = getenv("HOME");
	if (path[0] == '~' && (path[1] == '/' || path[1] == '\0') && home && *home)
		return xasprintf("%s%s", home, path + 1);
	return xstrdup(path);
}

static bool receive_is_dir(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

static int receive_strcmp(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* ---- completion ---- */

void receive_complete(struct editor *e)
{
	const char *t = e->text.data ? e->text.data : "";
	const char *slash = strrchr(t, '/');
	size_t dlen = slash ? (size_t)(slash - t) + 1 : 0;
	char *dpart = xstrndup(t, dlen);
	const char *base = t + dlen;
	char *dir = dlen ? receive_expand(dpart) : xstrdup(".");
	if (dlen == 0 && t[0] == '~' && t[1] == '\0') {
		/* "~" alone: the home folder */
		free(dpart);
		free(dir);
		e->text.len = 0;
		buf_adds(&e->text, "~/");
		e->cur = e->text.len;
		return;
	}
	free(e->hint);
	e->hint = NULL;
	free(e->error);
	e->error = NULL;
	DIR *dh = opendir(dir);
	if (!dh) {
		e->error = xasprintf(_("Cannot read the folder %s: %s"), dir, strerror(errno));
		free(dir);
		free(dpart);
		return;
	}
	char **names = NULL;
	size_t n = 0, blen = strlen(base);
	struct dirent *de;
	while ((de = readdir(dh))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		/* hidden files only when asked for, as a shell does */
		if (de->d_name[0] == '.' && base[0] != '.')
			continue;
		if (strncmp(de->d_name, base, blen))
			continue;
		char *full = xasprintf("%s/%s", dir, de->d_name);
		names = xrealloc(names, (n + 1) * sizeof *names);
		names[n++] = receive_is_dir(full) ? xasprintf("%s/", de->d_name)
						  : xstrdup(de->d_name);
		free(full);
	}
	closedir(dh);
	if (n == 0) {
		e->error = xstrdup(_("No file or folder by that name."));
	} else {
		qsort(names, n, sizeof *names, receive_strcmp);
		/* the part every candidate shares */
		size_t common = strlen(names[0]);
		for (size_t i = 1; i < n; i++) {
			size_t k = 0;
			while (k < common && names[i][k] == names[0][k])
				k++;
			common = k;
		}
		struct buf nt = {0};
		buf_adds(&nt, dpart);
		buf_add(&nt, names[0], common);
		if (!nt.data)
			buf_adds(&nt, "");
		buf_free(&e->text);
		e->text = nt;
		e->cur = e->text.len;
		if (n > 1) {
			struct buf h = {0};
			for (size_t i = 0; i < n; i++)
				buf_printf(&h, "%s%s", i ? "   " : "", names[i]);
			e->hint = buf_steal(&h);
		}
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(dir);
	free(dpart);
}

/* ---- receiving ---- */

void received_free(struct app *a)
{
	for (size_t i = 0; i < a->nrecv; i++) {
		struct received *r = &a->recv[i];
		free(r->file);
		free(r->error);
		free(r->unit);
		free(r->unit_name);
		free(r->main);
	}
	free(a->recv);
	a->recv = NULL;
	a->nrecv = 0;
}

/* Join one file into the data folder; the outcome goes into out. */
static void receive_one(struct app *a, const char *file, struct received *out)
{
	struct dvk_error err;
	char buf[DVK_ERR_MSG + DVK_ERR_PATH + 32];
	dvk_error_clear(&err);
	memset(out, 0, sizeof *out);
	out->file = xstrdup(file);
	struct state *st = store_load(file, a->d, &err), *after = NULL;
	if (!st) {
		out->error = xstrdup(dvk_error_format(&err, buf, sizeof buf));
		return;
	}
	out->unit = xstrdup(st->unit);
	out->own = a->cfg->unit && !strcmp(st->unit, a->cfg->unit);
	out->main = store_path(a->cfg->data_dir, st->directive, st->unit);
	out->created = !store_exists(out->main);
	if (!store_merge_into(out->main, st, a->d, &out->gained, &err)) {
		out->error = xstrdup(dvk_error_format(&err, buf, sizeof buf));
		goto done;
	}
	after = store_load(out->main, a->d, &err);
	if (!after) {
		out->error = xstrdup(dvk_error_format(&err, buf, sizeof buf));
		goto done;
	}
	/* the promise of this screen: everything the file held is here */
	if (!checklist_subset(st->cl, after->cl)) {
		out->error = xasprintf(_("%s: after joining, some of its entries are missing from %s; "
					 "keep the file and report this"), file, out->main);
		goto done;
	}
	if (after->unit_name)
		out->unit_name = xstrdup(after->unit_name);
	out->conflicts = checklist_conflict_count(after->cl);
done:
	state_free(after);
	state_free(st);
}

/* The state files directly in folder dir, sorted (caller frees). */
static size_t receive_list_dir(const char *dir, char ***out)
{
	char **v = NULL;
	size_t n = 0;
	DIR *dh = opendir(dir);
	if (dh) {
		struct dirent *de;
		while ((de = readdir(dh))) {
			size_t len = strlen(de->d_name);
			if (de->d_name[0] == '.' || len < 5 || strcmp(de->d_name + len - 5, ".yaml") ||
			    !strstr(de->d_name, ".dvk"))
				continue;
			char *full = xasprintf("%s/%s", dir, de->d_name);
			if (receive_is_dir(full)) {
				free(full);
				continue;
			}
			v = xrealloc(v, (n + 1) * sizeof *v);
			v[n++] = full;
		}
		closedir(dh);
	}
	if (n > 1)
		qsort(v, n, sizeof *v, receive_strcmp);
	*out = v;
	return n;
}

int receive_run(struct app *a, const char *path)
{
	char *full = receive_expand(path);
	/* "dir/" and "dir" alike */
	size_t len = strlen(full);
	while (len > 1 && full[len - 1] == '/')
		full[--len] = '\0';
	char **files = NULL;
	size_t n = 0;
	if (receive_is_dir(full)) {
		n = receive_list_dir(full, &files);
		if (n == 0) {
			app_msg(a, true, _("No state files (*.dvk.yaml) in %s."), full);
			free(full);
			return R_REDRAW;
		}
	} else {
		files = xmalloc(sizeof *files);
		files[n++] = xstrdup(full);
	}
	received_free(a);
	a->recv = xcalloc(n, sizeof *a->recv);
	a->nrecv = n;
	bool own = false;
	for (size_t i = 0; i < n; i++) {
		receive_one(a, files[i], &a->recv[i]);
		own |= a->recv[i].own && !a->recv[i].error && a->recv[i].gained;
		free(files[i]);
	}
	free(files);
	free(full);
	/* the own unit's file changed under us: take it in */
	if (own)
		app_reload(a);
	free(a->msg);
	a->msg = NULL;
	a->screen = SCREEN_RECEIVED;
	a->top[SCREEN_RECEIVED] = 0;
	return R_REDRAW;
}

/* ---- the result screen ---- */

static void received_rows(const struct app *a, struct rows *r, int cols)
{
	rows_add(r, a, _("Received files"), cols, NULL, NULL, EL_TITLE, EL_NORMAL, -1, NULL);
	for (size_t i = 0; i < a->nrecv; i++) {
		const struct received *x = &a->recv[i];
		rows_blank(r);
		rows_add(r, a, x->file, cols, NULL, NULL, EL_LABEL, EL_NORMAL, -1, NULL);
		if (x->error) {
			rows_add(r, a, x->error, cols, "  ! ", "    ", EL_ERROR, EL_ERROR, -1, NULL);
			rows_add(r, a, _("Not received; nothing was changed by it."), cols, "    ",
				 "    ", EL_NORMAL, EL_NORMAL, -1, NULL);
			continue;
		}
		char *u = x->unit_name ? xasprintf("%s (%s)", x->unit_name, x->unit)
				       : xstrdup(x->unit);
		char *l1 = xasprintf(_("Unit: %s%s"), u, x->own ? _(" (your unit)") : "");
		rows_add(r, a, l1, cols, "    ", "    ", EL_NORMAL, EL_NORMAL, -1, NULL);
		free(l1);
		free(u);
		char *l2 = !x->gained ? xstrdup(_("Nothing new: everything in it was here already."))
			 : x->created ? xasprintf(_("%zu new changes, in a new file: %s"), x->gained, x->main)
			 : xasprintf(_("%zu new changes, joined into %s"), x->gained, x->main);
		rows_add(r, a, l2, cols, "    ", "    ", x->gained ? EL_DONE : EL_NORMAL,
			 EL_NORMAL, -1, NULL);
		free(l2);
		if (x->conflicts) {
			char *l3 = xasprintf(_("%zu conflicts to settle (two people changed the same thing)."),
					     x->conflicts);
			rows_add(r, a, l3, cols, "  ! ", "    ", EL_CONFLICT, EL_CONFLICT, -1, NULL);
			free(l3);
		}
		rows_add(r, a, _("Nothing lost: every entry of the file is in the data folder."),
			 cols, "    ", "    ", EL_NORMAL, EL_NORMAL, -1, NULL);
	}
}

void received_draw(WINDOW *w, const struct app *a)
{
	draw_header(w, a, _("Receive files"));
	struct rows r = {0};
	received_rows(a, &r, COLS);
	int hgt = body_height();
	rows_draw(w, a, &r, rows_clamp_top(&r, a->top[SCREEN_RECEIVED], hgt), 1, hgt, COLS, -1);
	rows_free(&r);
	draw_statusline(w, a, _("Esc back · R receive more · Up/Down scroll"));
}

int received_key(struct app *a, int key)
{
	enum action act = keys_action(key, true);
	if (act == ACT_BACK || act == ACT_QUIT || act == ACT_OPEN) {
		const struct event **ev;
		size_t n = changes_list(a, &ev);
		free(ev);
		/* what others changed comes next, if anything */
		a->screen = n ? SCREEN_CHANGES : SCREEN_OVERVIEW;
		a->changes_sel = 0;
		a->top[SCREEN_CHANGES] = 0;
		return R_REDRAW;
	}
	struct rows r = {0};
	received_rows(a, &r, COLS);
	int sel = -1;
	int flags = rows_nav(&r, act, 0, &sel, &a->top[SCREEN_RECEIVED], body_height());
	rows_free(&r);
	return flags;
}

/* ---- restoring a backup ---- */

/* Restoring is receiving a file the laptop kept itself: a merge, so
 * whatever was done since the backup stays. */

void backups_free(struct app *a)
{
	store_backups_free(a->backups, a->nbackups);
	free(a->backup_events);
	a->backups = NULL;
	a->backup_events = NULL;
	a->nbackups = 0;
}

void backups_open(struct app *a)
{
	backups_free(a);
	a->nbackups = store_backups(a->cfg->data_dir, a->d->id, a->cfg->unit, &a->backups);
	a->backup_events = xcalloc(a->nbackups ? a->nbackups : 1, sizeof *a->backup_events);
	for (size_t i = 0; i < a->nbackups; i++) {
		struct dvk_error err;
		struct state *st = store_load(a->backups[i].path, a->d, &err);
		a->backup_events[i] = st ? (long)checklist_count(st->cl) : -1;
		state_free(st);
	}
	a->backup_sel = 0;
	a->top[SCREEN_BACKUPS] = 0;
	a->screen = SCREEN_BACKUPS;
}

static void backups_rows(const struct app *a, struct rows *r, int cols)
{
	rows_add(r, a, _("Backups of this unit's file, newest first (the file as it was before a save)"),
		 cols, NULL, NULL, EL_TITLE, EL_NORMAL, -1, NULL);
	rows_add(r, a, _("Enter merges one back: what it holds comes back, nothing done since is lost."),
		 cols, NULL, NULL, EL_HINT, EL_NORMAL, -1, NULL);
	rows_blank(r);
	if (a->nbackups == 0)
		rows_add(r, a, _("(no backups yet: one is kept at every save)"), cols, "  ", "  ",
			 EL_HINT, EL_NORMAL, -1, NULL);
	for (size_t i = 0; i < a->nbackups; i++) {
		char when[32];
		when_text(a->backups[i].when, when, sizeof when);
		char *line = a->backup_events[i] < 0
				     ? xasprintf("%s  %s", when, _("(unreadable)"))
				     : xasprintf(_("%s  %ld changes"), when, a->backup_events[i]);
		rows_add(r, a, line, cols, "  ", "  ", a->backup_events[i] < 0 ? EL_ERROR : EL_NORMAL,
			 EL_NORMAL, (int)i, NULL);
		free(line);
	}
}

void backups_draw(WINDOW *w, const struct app *a)
{
	draw_header(w, a, _("Restore from a backup"));
	struct rows r = {0};
	backups_rows(a, &r, COLS);
	int hgt = body_height();
	rows_draw(w, a, &r, rows_clamp_top(&r, a->top[SCREEN_BACKUPS], hgt), 1, hgt, COLS,
		  a->nbackups ? a->backup_sel : -1);
	rows_free(&r);
	draw_statusline(w, a, _("Enter restore · Esc back"));
}

int backups_key(struct app *a, int key)
{
	enum action act = keys_action(key, true);
	if (act == ACT_BACK || act == ACT_QUIT) {
		a->screen = SCREEN_OVERVIEW;
		return R_REDRAW;
	}
	if (act == ACT_OPEN && a->nbackups) {
		struct received x;
		char when[32];
		when_text(a->backups[a->backup_sel].when, when, sizeof when);
		receive_one(a, a->backups[a->backup_sel].path, &x);
		if (x.error) {
			app_msg(a, true, "%s", x.error);
		} else {
			if (x.gained)
				app_reload(a);
			if (x.gained)
				app_msg(a, false, _("Restored the backup of %s: %zu changes came back; nothing newer was lost."),
					when, x.gained);
			else
				app_msg(a, false, _("The backup of %s held nothing missing here: nothing changed."),
					when);
			a->screen = SCREEN_OVERVIEW;
		}
		free(x.file);
		free(x.error);
		free(x.unit);
		free(x.unit_name);
		free(x.main);
		return R_REDRAW;
	}
	struct rows r = {0};
	backups_rows(a, &r, COLS);
	int flags = rows_nav(&r, act, (int)a->nbackups, &a->backup_sel, &a->top[SCREEN_BACKUPS],
			     body_height());
	rows_free(&r);
	return flags;
}

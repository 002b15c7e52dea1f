/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
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
#include "yamlio/yamlio.h"

/* The outcome of receiving one file. */
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
	char *note;       /* a directive file: what became of it */
};

/* The received screen's state: what the last "Receive files..." did. */
struct received_priv {
	struct received *v;
	size_t n;
};

static int receive_run(struct app *a, const char *path);
static void receive_complete(struct app *a, struct editor *e);

static bool receive_check(struct app *a, const char *text, char **error)
{
	(void)a;
	char *path = text_clean_input(text);
	bool ok = *path != '\0';
	free(path);
	if (!ok)
		*error = xstrdup(_("Type the path of a file or a folder (Tab completes)."));
	return ok;
}

static int receive_submit(struct app *a, const char *text)
{
	char *path = text_clean_input(text);
	int flags = receive_run(a, path);
	free(path);
	return flags;
}

void receive_open(struct app *a)
{
	editor_open(a, &(struct editor_spec){
		.purpose = EDIT_ASK,
		.label = _("Receive a file, or every state file of a folder (USB stick, email):"),
		.enter = NC_("key bar", "receive"),
		.check = receive_check,
		.submit = receive_submit,
		.complete = receive_complete,
	});
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

static void receive_complete(struct app *a, struct editor *e)
{
	(void)a;
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

static void received_clear(struct received *r)
{
	free(r->file);
	free(r->error);
	free(r->unit);
	free(r->unit_name);
	free(r->main);
	free(r->note);
}

/* Take in a directive file (catalog_add): a newer revision replaces the
 * data folder's, an older one never does. */
static void receive_directive(struct app *a, const char *file, struct received *out)
{
	struct dvk_error err;
	enum catalog_added res;
	unsigned old = 0;
	char *bytes = NULL;
	size_t len;
	struct directive *d = NULL;

	dvk_error_clear(&err);
	memset(out, 0, sizeof *out);
	out->file = xstrdup(file);
	if (!yamlio_read_file(file, yamlio_default_limits().max_file, &bytes, &len, &err) ||
	    !catalog_add(a->cfg->data_dir, bytes, len, file, &res, &old, &err) ||
	    !(d = directive_load_buffer(bytes, len, file, &err))) {
		out->error = app_error_text(&err);
		free(bytes);
		return;
	}
	free(bytes);
	switch (res) {
	case CATALOG_ADDED:
		out->note = xasprintf(_("Directive %s, revision %u: added to the data folder."), d->id,
				      d->revision);
		break;
	case CATALOG_UPDATED:
		out->note = xasprintf(_("Directive %s: revision %u replaces revision %u."), d->id,
				      d->revision, old);
		break;
	case CATALOG_SAME:
		out->note = xasprintf(_("Directive %s, revision %u: already here."), d->id, d->revision);
		break;
	case CATALOG_OLDER:
		out->note = xasprintf(_("Directive %s, revision %u: older than revision %u here, not taken."),
				      d->id, d->revision, old);
		break;
	case CATALOG_DIFFERS:
		out->error = xasprintf(_("Revision %u of directive %s differs from the one here: not taken "
					 "(a correction must raise the revision)."), d->revision, d->id);
		break;
	}
	if (res == CATALOG_UPDATED && a->d && !strcmp(d->id, a->d->id)) {
		char *more = xasprintf(_("%s It is used from the next start of dvk."), out->note);
		free(out->note);
		out->note = more;
	}
	directive_free(d);
}

/* Join one file into the data folder; the outcome goes into out. */
static void receive_one(struct app *a, const char *file, struct received *out)
{
	struct dvk_error err;
	dvk_error_clear(&err);
	memset(out, 0, sizeof *out);
	out->file = xstrdup(file);
	/* read with no directive: a unit file of another directive of the
	 * folder goes to its own folder, with its own directive */
	struct state *st = store_load(file, NULL, &err), *after = NULL;
	if (!st) {
		out->error = app_error_text(&err);
		return;
	}
	struct catalog *cat = NULL;
	const struct directive *dir = a->d;
	if (strcmp(st->directive, a->d->id) != 0) {
		cat = catalog_load(a->cfg->data_dir);
		const struct catalog_entry *e = catalog_lookup(cat, st->directive);
		dir = e ? e->d : NULL;
	}
	out->unit = xstrdup(st->unit);
	out->own = a->cfg->unit && !strcmp(st->unit, a->cfg->unit);
	out->main = store_path(a->cfg->data_dir, st->directive, st->unit);
	out->created = !store_exists(out->main);
	if (!store_merge_into(out->main, st, dir, &out->gained, &err)) {
		out->error = app_error_text(&err);
		goto done;
	}
	after = store_load(out->main, NULL, &err);
	if (!after) {
		out->error = app_error_text(&err);
		goto done;
	}
	/* the promise of this screen: everything the file held is here */
	if (!checklist_subset(st->cl, after->cl)) {
		out->error = xasprintf(_("%s: after joining, some of its entries are missing from %s; "
					 "keep the file and report this"), file, out->main);
		goto done;
	}
	out->unit_name = state_unit_shown(after, UNIT_NAME);
	out->conflicts = checklist_conflict_count(after->cl);
	if (dir && st->revision > dir->revision)
		out->note = xasprintf(_("It was written against revision %u of the directive; this laptop "
					"has revision %u: what it does not know is shown apart."),
				      st->revision, dir->revision);
	else if (!dir)
		out->note = xasprintf(_("Directive %s is not on this laptop: the file is kept; receive "
					"the directive to see it."), st->directive);
done:
	state_free(after);
	state_free(st);
	catalog_free(cat);
}

static int receive_run(struct app *a, const char *path)
{
	char *full = receive_expand(path);
	/* "dir/" and "dir" alike */
	size_t len = strlen(full);
	while (len > 1 && full[len - 1] == '/')
		full[--len] = '\0';
	char **files = NULL;
	size_t n = 0;
	if (receive_is_dir(full)) {
		n = catalog_folder_files(full, &files);
		if (n == 0) {
			app_msg(a, true, _("No state files (*.dvk.yaml) in %s."), full);
			free(full);
			return R_REDRAW;
		}
	} else {
		files = xmalloc(sizeof *files);
		files[n++] = xstrdup(full);
	}
	/* one file given: the directive exported beside it comes too */
	if (n == 1 && !catalog_is_directive_file(files[0])) {
		struct dvk_error ignore;
		struct state *st = store_load(files[0], NULL, &ignore);
		char *beside = st ? catalog_beside(files[0], st->directive) : NULL;
		state_free(st);
		if (beside) {
			files = xrealloc(files, 2 * sizeof *files);
			files[n++] = beside;
		}
	}
	struct received_priv got = {xcalloc(n, sizeof *got.v), n};
	bool own = false;
	size_t k = 0;
	/* directives first, so the units' files meet the revision they came with */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < n; i++) {
			if (!files[i] || catalog_is_directive_file(files[i]) != (pass == 0))
				continue;
			if (pass == 0) {
				receive_directive(a, files[i], &got.v[k++]);
			} else {
				receive_one(a, files[i], &got.v[k]);
				own |= got.v[k].own && !got.v[k].error && got.v[k].gained;
				k++;
			}
			free(files[i]);
			files[i] = NULL;
		}
	}
	free(files);
	free(full);
	/* the own unit's file changed under us: take it in */
	if (own)
		app_reload(a);
	free(a->msg);
	a->msg = NULL;
	/* the screen takes the results over */
	screen_push(a, SCR_RECEIVED, &(struct screen_arg){.data = &got});
	return R_REDRAW;
}

/* ---- the result screen ---- */

static void received_open(struct app *a, struct screen *s, const struct screen_arg *arg)
{
	(void)a;
	struct received_priv *p = s->priv;
	*p = *(const struct received_priv *)arg->data;
	s->sel = -1;
}

static void received_close(struct app *a, struct screen *s)
{
	(void)a;
	struct received_priv *p = s->priv;
	for (size_t i = 0; i < p->n; i++)
		received_clear(&p->v[i]);
	free(p->v);
}

static void received_rows(const struct app *a, const struct screen *s, struct rows *r, int cols)
{
	const struct received_priv *p = s->priv;
	static const struct row_opts in = {.prefix = "    ", .indent = "    "};
	rows_add(r, a, _("Received files"), cols, &(struct row_opts){.el = EL_TITLE});
	for (size_t i = 0; i < p->n; i++) {
		const struct received *x = &p->v[i];
		rows_blank(r);
		rows_add(r, a, x->file, cols, &(struct row_opts){.el = EL_LABEL});
		if (x->note && !x->unit) {
			rows_add(r, a, x->note, cols, &in);
			continue;
		}
		if (x->error) {
			rows_add(r, a, x->error, cols,
				 &(struct row_opts){.prefix = "  ! ", .indent = "    ", .el = EL_ERROR,
						    .prefix_el = EL_ERROR});
			rows_add(r, a, _("Not received; nothing was changed by it."), cols, &in);
			continue;
		}
		char *u = x->unit_name ? xasprintf("%s (%s)", x->unit_name, x->unit)
				       : xstrdup(x->unit);
		char *l1 = xasprintf(_("Unit: %s%s"), u, x->own ? _(" (your unit)") : "");
		rows_add(r, a, l1, cols, &in);
		free(l1);
		free(u);
		char *l2 = !x->gained ? xstrdup(_("Nothing new: everything in it was here already."))
			 : x->created ? xasprintf(_("%zu new changes, in a new file: %s"), x->gained, x->main)
			 : xasprintf(_("%zu new changes, joined into %s"), x->gained, x->main);
		rows_add(r, a, l2, cols, &(struct row_opts){.prefix = "    ", .indent = "    ",
							     .el = x->gained ? EL_DONE : EL_NORMAL});
		free(l2);
		if (x->conflicts) {
			char *l3 = xasprintf(_("%zu conflicts to settle (two people changed the same thing)."),
					     x->conflicts);
			rows_add(r, a, l3, cols,
				 &(struct row_opts){.prefix = "  ! ", .indent = "    ", .el = EL_CONFLICT,
						    .prefix_el = EL_CONFLICT});
			free(l3);
		}
		rows_add(r, a, _("Nothing lost: every entry of the file is in the data folder."),
			 cols, &in);
		if (x->note)
			rows_add(r, a, x->note, cols,
				 &(struct row_opts){.prefix = "  ! ", .indent = "    ", .el = EL_CONFLICT,
						    .prefix_el = EL_CONFLICT});
	}
}

static char *received_title(const struct app *a, const struct screen *s)
{
	(void)a;
	(void)s;
	return xstrdup(_("Receive files"));
}

static int received_key(struct app *a, struct screen *s, int act, int key)
{
	(void)s;
	(void)key;
	if (act != ACT_BACK && act != ACT_OPEN)
		return R_PASS;
	screen_pop(a);
	size_t n = changes_count(a);
	/* what others changed comes next, if anything */
	if (n)
		changes_open(a);
	return R_REDRAW;
}

static const struct screen_key received_keys[] = {
	{ACT_BACK, NULL},
	{ACT_OPEN, NC_("key bar", "back")},
	{ACT_RECEIVE, NULL},
	{ACT_NONE, NULL},
};

const struct screen_ops received_screen = {
	.name = "received",
	.priv_size = sizeof(struct received_priv),
	.keys = received_keys,
	.open = received_open,
	.close = received_close,
	.title = received_title,
	.rows = received_rows,
	.key = received_key,
};

/* ---- restoring a backup ---- */

/* Restoring is receiving a file the laptop kept itself: a merge, so
 * whatever was done since the backup stays. */

struct backups_priv {
	struct backup *v;  /* the backups listed (owned) */
	size_t n;
	long *events;      /* events in each, -1 unreadable (owned) */
};

static void backups_close(struct app *a, struct screen *s)
{
	(void)a;
	struct backups_priv *p = s->priv;
	store_backups_free(p->v, p->n);
	free(p->events);
}

static void backups_screen_open(struct app *a, struct screen *s, const struct screen_arg *arg)
{
	(void)arg;
	struct backups_priv *p = s->priv;
	p->n = store_backups(a->cfg->data_dir, a->d->id, a->cfg->unit, &p->v);
	p->events = xcalloc(p->n ? p->n : 1, sizeof *p->events);
	for (size_t i = 0; i < p->n; i++) {
		struct dvk_error err;
		struct state *st = store_load(p->v[i].path, a->d, &err);
		p->events[i] = st ? (long)checklist_count(st->cl) : -1;
		state_free(st);
	}
	s->sel = 0;
}

void backups_open(struct app *a)
{
	screen_push(a, SCR_BACKUPS, NULL);
}

static void backups_rows(const struct app *a, const struct screen *s, struct rows *r, int cols)
{
	const struct backups_priv *p = s->priv;
	rows_add(r, a, _("Backups of this unit's file, newest first (the file as it was before a save)"),
		 cols, &(struct row_opts){.el = EL_TITLE});
	rows_add(r, a, _("Enter merges one back: what it holds comes back, nothing done since is lost."),
		 cols, &(struct row_opts){.el = EL_HINT});
	rows_blank(r);
	if (p->n == 0)
		rows_add(r, a, _("(no backups yet: one is kept at every save)"), cols,
			 &(struct row_opts){.prefix = "  ", .indent = "  ", .el = EL_HINT});
	for (size_t i = 0; i < p->n; i++) {
		char when[32];
		when_text(p->v[i].when, when, sizeof when);
		char *line = p->events[i] < 0
				     ? xasprintf("%s  %s", when, _("(unreadable)"))
				     : xasprintf(_("%s  %ld changes"), when, p->events[i]);
		rows_add(r, a, line, cols,
			 &(struct row_opts){.prefix = "  ", .indent = "  ",
					    .el = p->events[i] < 0 ? EL_ERROR : EL_NORMAL,
					    .selectable = true, .target = (int)i});
		free(line);
	}
}

static char *backups_title(const struct app *a, const struct screen *s)
{
	(void)a;
	(void)s;
	return xstrdup(_("Restore from a backup"));
}

static int backups_key(struct app *a, struct screen *s, int act, int key)
{
	(void)key;
	struct backups_priv *p = s->priv;
	if (act != ACT_OPEN || !p->n || s->sel < 0 || (size_t)s->sel >= p->n)
		return R_PASS;
	struct received x;
	char when[32];
	when_text(p->v[s->sel].when, when, sizeof when);
	receive_one(a, p->v[s->sel].path, &x);
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
		screen_pop(a);
	}
	received_clear(&x);
	return R_REDRAW;
}

static bool backups_offers(const struct app *a, const struct screen *s, const struct screen_key *k)
{
	(void)a;
	(void)k;
	return ((const struct backups_priv *)s->priv)->n > 0;
}

static const struct screen_key backups_keys[] = {
	{ACT_OPEN, NC_("key bar", "restore")},
	{ACT_NONE, NULL},
};

const struct screen_ops backups_screen = {
	.name = "backups",
	.priv_size = sizeof(struct backups_priv),
	.keys = backups_keys,
	.open = backups_screen_open,
	.close = backups_close,
	.title = backups_title,
	.rows = backups_rows,
	.offers = backups_offers,
	.key = backups_key,
};

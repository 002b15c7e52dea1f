/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * draft.c: what is being typed, kept on disk at every change, and offered
 * back after the program stopped without saving it.
 *
 * A draft holds the whole record being typed: a note or a field, the
 * reason that goes with "not applicable", every field of an activity
 * record entered so far, a reviewer's comment.  Each running dvk is a
 * session with an id of its own and holds a lock on
 * $XDG_STATE_HOME/dvk/drafts/<directive>/<unit>/<session>.lock while it
 * runs; its drafts are <session>.<item>.txt beside it.  So two windows of
 * one account never write each other's drafts, and a draft is offered
 * back only once its session is gone (its lock is free).
 *
 * A draft remembers which saved value it started from and when it was
 * last typed in.  When the field was saved again after that (in another
 * window, after a reconnect) the draft is older than what is saved and is
 * not offered: a half-typed text never comes back over a newer one.  When
 * the saved value changed but the draft is newer, the offer shows both.
 *
 * Each change is a write to a temp file and a rename; fsync at most
 * every two seconds (a slow disk must not make typing lag), and always
 * when asked (hang-up, exit).
 */
#include "tui/app.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "text/text.h"

#define DRAFT_MAGIC "dvk-draft/2\n"
#define DRAFT_MAGIC_V1 "dvk-draft/1\n"
#define SESSION_LEN 10

struct draft {
	char *path;   /* the file (owned) */
	char *kind;   /* note | field | reason-na | activity | review */
	char *unit;   /* review: the reviewed unit */
	char *item;
	char *field;  /* the field (review: the verdict; activity: the one being typed) */
	char *base;   /* ids of the field's values it started from, "" none */
	char *rid;    /* activity: the record */
	char *text;   /* what is in the editor */
	int64_t typed;/* ms, the last change */
	size_t step;  /* activity: fields entered */
	char **keys, **values; /* activity: the values entered, by key */
	size_t nvalues;
};

static void draft_clear(struct draft *d)
{
	free(d->path);
	free(d->kind);
	free(d->unit);
	free(d->item);
	free(d->field);
	free(d->base);
	free(d->rid);
	free(d->text);
	for (size_t i = 0; i < d->nvalues; i++) {
		free(d->keys[i]);
		free(d->values[i]);
	}
	free(d->keys);
	free(d->values);
	memset(d, 0, sizeof *d);
}

/* ---- where ---- */

/* The folder of this unit's drafts, or of the reviewer's. */
static char *draft_dir(const struct app *a)
{
	return xasprintf("%s/drafts/%s/%s", a->cfg->state_dir, a->d->id,
			 a->review_dir ? "_review" : a->cfg->unit);
}

/* A file name part made safe: ids are [A-Za-z0-9._-] and UTF-8 letters
 * (đ); anything else becomes '_'. */
static char *draft_safe(const char *s)
{
	char *o = xstrdup(s);
	for (char *p = o; *p; p++)
		if (*p == '/' || (unsigned char)*p < 0x20)
			*p = '_';
	return o;
}

static char *draft_path(const struct app *a, const struct editor *e)
{
	char *dir = draft_dir(a), *item = draft_safe(e->item ? e->item : "-");
	char *unit = a->review_dir && a->st ? draft_safe(a->st->unit) : NULL;
	char *p = unit ? xasprintf("%s/%s.%s.%s.txt", dir, a->session, unit, item)
		       : xasprintf("%s/%s.%s.txt", dir, a->session, item);
	free(dir);
	free(item);
	free(unit);
	return p;
}

/* ---- the session ---- */

void draft_session_start(struct app *a)
{
	static const char b32[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
	unsigned char r[SESSION_LEN];
	config_random(r, sizeof r, NULL);
	a->session = xmalloc(SESSION_LEN + 1);
	for (size_t i = 0; i < SESSION_LEN; i++)
		a->session[i] = b32[r[i] & 31];
	a->session[SESSION_LEN] = '\0';
	a->session_fd = -1;
	if (!a->cfg->state_dir)
		return;
	struct dvk_error err;
	char *dir = draft_dir(a);
	if (!config_mkdirs(dir, &err)) {
		free(dir);
		return;
	}
	/* made under a temporary name and locked before it gets its own:
	 * whoever sees the lock file sees it locked */
	char *tmp = xasprintf("%s/.%s.lock.tmp", dir, a->session);
	char *lock = xasprintf("%s/%s.lock", dir, a->session);
	int fd = open(tmp, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0 && rename(tmp, lock) == 0) {
		a->session_fd = fd;
	} else {
		if (fd >= 0)
			close(fd);
		unlink(tmp);
	}
	free(tmp);
	free(lock);
	free(dir);
}

void draft_session_end(struct app *a)
{
	if (a->session_fd >= 0 && a->cfg->state_dir) {
		char *dir = draft_dir(a);
		char *lock = xasprintf("%s/%s.lock", dir, a->session);
		/* drafts of this session stay to be offered; the lock goes
		 * when none is left */
		bool any = false;
		DIR *dh = opendir(dir);
		if (dh) {
			struct dirent *de;
			size_t n = strlen(a->session);
			while ((de = readdir(dh)))
				if (!strncmp(de->d_name, a->session, n) && de->d_name[n] == '.' &&
				    strstr(de->d_name, ".txt"))
					any = true;
			closedir(dh);
		}
		if (!any)
			unlink(lock);
		free(lock);
		free(dir);
		close(a->session_fd);
	}
	a->session_fd = -1;
	free(a->session);
	a->session = NULL;
}

/* Is the session of a draft named name (in dir) gone? */
static bool draft_orphaned(const char *dir, const char *name)
{
	const char *dot = strchr(name, '.');
	if (!dot)
		return false;
	char *lock = xasprintf("%s/%.*s.lock", dir, (int)(dot - name), name);
	int fd = open(lock, O_RDWR | O_CLOEXEC);
	bool gone = true;
	if (fd >= 0) {
		gone = flock(fd, LOCK_EX | LOCK_NB) == 0;
		if (gone)
			unlink(lock); /* its owner is gone: the lock can go too */
		close(fd);
	}
	free(lock);
	return gone;
}

/* ---- writing ---- */

/* One line "key: value", with \ and line breaks escaped. */
static void draft_line(struct buf *b, const char *key, const char *value)
{
	buf_printf(b, "%s: ", key);
	for (const char *p = value ? value : ""; *p; p++) {
		if (*p == '\\')
			buf_adds(b, "\\\\");
		else if (*p == '\n')
			buf_adds(b, "\\n");
		else
			buf_addc(b, *p);
	}
	buf_addc(b, '\n');
}

static const char *draft_kind(const struct editor *e)
{
	switch (e->purpose) {
	case EDIT_REASON_NA: return "reason-na";
	case EDIT_ACTIVITY: return "activity";
	case EDIT_REVIEW: return "review";
	default: return e->field && !strcmp(e->field, "note") ? "note" : "field";
	}
}

static bool draft_write(const char *path, const char *bytes, size_t len, bool sync)
{
	static struct timespec last_sync;
	char *tmp = xasprintf("%s.tmp", path);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	bool ok = false;
	if (fd >= 0) {
		size_t off = 0;
		while (off < len) {
			ssize_t w = write(fd, bytes + off, len - off);
			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0)
				break;
			off += (size_t)w;
		}
		struct timespec now;
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (sync || now.tv_sec - last_sync.tv_sec >= 2) {
			fsync(fd);
			last_sync = now;
		}
		close(fd);
		ok = off == len && rename(tmp, path) == 0;
	}
	if (!ok)
		unlink(tmp);
	free(tmp);
	return ok;
}

void draft_save(const struct app *a, const struct editor *e, bool sync)
{
	if (!e->item || !a->cfg->state_dir || !a->session)
		return;
	struct buf b = {0};
	buf_adds(&b, DRAFT_MAGIC);
	draft_line(&b, "kind", draft_kind(e));
	if (a->review_dir && a->st)
		draft_line(&b, "unit", a->st->unit);
	draft_line(&b, "item", e->item);
	draft_line(&b, "field", e->field);
	draft_line(&b, "base", e->base);
	buf_printf(&b, "typed: %lld\n", (long long)e->typed);
	if (e->purpose == EDIT_ACTIVITY) {
		const struct item *it = directive_item(a->d, e->item);
		draft_line(&b, "rid", e->rid);
		buf_printf(&b, "step: %zu\n", e->step);
		for (size_t k = 0; it && k < e->step && k < it->nevidence; k++) {
			char *key = xasprintf("value.%s", it->evidence[k].key);
			draft_line(&b, key, e->values[k]);
			free(key);
		}
	}
	draft_line(&b, "text", e->text.data ? e->text.data : "");
	char *path = draft_path(a, e);
	draft_write(path, b.data, b.len, sync);
	free(path);
	buf_free(&b);
}

void draft_remove(const struct app *a, const struct editor *e)
{
	if (!a->cfg->state_dir || !a->session || !e->item)
		return;
	char *path = draft_path(a, e);
	unlink(path);
	free(path);
}

/* ---- reading ---- */

static char *draft_unescape(const char *s, size_t n)
{
	struct buf b = {0};
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n) {
			i++;
			buf_addc(&b, s[i] == 'n' ? '\n' : s[i]);
		} else {
			buf_addc(&b, s[i]);
		}
	}
	if (!b.data)
		buf_adds(&b, "");
	return buf_steal(&b);
}

/* The version 1 draft (one per unit, before sessions): item, field, a
 * blank line, the text. */
static bool draft_parse_v1(const char *s, struct draft *d)
{
	const char *l0 = strchr(s, '\n');
	if (l0 && !strncmp(s, "unit: ", 6)) {
		d->unit = xstrndup(s + 6, (size_t)(l0 - s - 6));
		s = l0 + 1;
	}
	const char *l1 = strchr(s, '\n');
	const char *l2 = l1 ? strchr(l1 + 1, '\n') : NULL;
	if (!l1 || !l2 || strncmp(s, "item: ", 6) || strncmp(l1 + 1, "field: ", 7) || l2[1] != '\n')
		return false;
	d->item = xstrndup(s + 6, (size_t)(l1 - s - 6));
	d->field = xstrndup(l1 + 8, (size_t)(l2 - l1 - 8));
	d->text = xstrdup(l2 + 2);
	d->kind = xstrdup(d->unit ? "review" : !strcmp(d->field, "note") ? "note" : "field");
	d->base = xstrdup("");
	return true;
}

static bool draft_parse(const char *s, struct draft *d)
{
	if (!strncmp(s, DRAFT_MAGIC_V1, strlen(DRAFT_MAGIC_V1)))
		return draft_parse_v1(s + strlen(DRAFT_MAGIC_V1), d);
	if (strncmp(s, DRAFT_MAGIC, strlen(DRAFT_MAGIC)))
		return false;
	s += strlen(DRAFT_MAGIC);
	while (*s) {
		const char *eol = strchr(s, '\n');
		size_t len = eol ? (size_t)(eol - s) : strlen(s);
		const char *colon = memchr(s, ':', len);
		if (colon && colon + 1 < s + len && colon[1] == ' ') {
			size_t kl = (size_t)(colon - s);
			char *val = draft_unescape(colon + 2, len - kl - 2);
			char **slot = NULL;
			if (kl == 4 && !strncmp(s, "kind", 4)) slot = &d->kind;
			else if (kl == 4 && !strncmp(s, "unit", 4)) slot = &d->unit;
			else if (kl == 4 && !strncmp(s, "item", 4)) slot = &d->item;
			else if (kl == 5 && !strncmp(s, "field", 5)) slot = &d->field;
			else if (kl == 4 && !strncmp(s, "base", 4)) slot = &d->base;
			else if (kl == 3 && !strncmp(s, "rid", 3)) slot = &d->rid;
			else if (kl == 4 && !strncmp(s, "text", 4)) slot = &d->text;
			if (slot) {
				free(*slot);
				*slot = val;
			} else if (kl == 5 && !strncmp(s, "typed", 5)) {
				d->typed = strtoll(val, NULL, 10);
				free(val);
			} else if (kl == 4 && !strncmp(s, "step", 4)) {
				d->step = strtoul(val, NULL, 10);
				free(val);
			} else if (kl > 6 && !strncmp(s, "value.", 6)) {
				d->keys = xrealloc(d->keys, (d->nvalues + 1) * sizeof *d->keys);
				d->values = xrealloc(d->values, (d->nvalues + 1) * sizeof *d->values);
				d->keys[d->nvalues] = xstrndup(s + 6, kl - 6);
				d->values[d->nvalues++] = val;
			} else {
				free(val);
			}
		}
		s += len + (eol ? 1 : 0);
	}
	return d->kind && d->item && d->field && d->text;
}

static bool draft_read(const char *path, struct draft *d)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	struct buf b = {0};
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	memset(d, 0, sizeof *d);
	bool ok = b.data && draft_parse(b.data, d);
	buf_free(&b);
	if (!ok) {
		draft_clear(d);
		return false;
	}
	if (!d->base)
		d->base = xstrdup("");
	d->path = xstrdup(path);
	return true;
}

/* ---- offering ---- */

/* The ids of the heads of (item, field) joined by ",": what an edit
 * starts from.  Caller frees. */
char *draft_base(const struct app *a, const char *item, const char *field)
{
	struct buf b = {0};
	if (a->st) {
		const struct event **heads;
		size_t n = checklist_heads(a->st->cl, item, field, &heads);
		for (size_t i = 0; i < n; i++) {
			char id[EVENT_ID_LEN + 1];
			event_id_str(&heads[i]->id, id);
			buf_printf(&b, "%s%s", i ? "," : "", id);
		}
		free(heads);
	}
	if (!b.data)
		buf_adds(&b, "");
	return buf_steal(&b);
}

/* The state a draft is about: the own unit's, or in the reviewer view
 * the reviewed unit's; NULL when that unit is not there. */
static const struct state *draft_state(const struct app *a, const struct draft *d)
{
	if (!a->review_dir)
		return a->st;
	return d->unit ? review_state(a, d->unit) : NULL;
}

/* The field whose saved value a draft would replace, or NULL. */
static const char *draft_field(const struct draft *d)
{
	if (!strcmp(d->kind, "activity"))
		return NULL;
	if (!strcmp(d->kind, "review"))
		return "review_comment";
	if (!strcmp(d->kind, "reason-na"))
		return "reason";
	return d->field;
}

/* Was the field saved after the draft was last typed in?  Then the
 * draft is older than what is saved.  *saved_at (ms) says when. */
static bool draft_stale(const struct state *st, const struct draft *d, int64_t *saved_at)
{
	const char *field = draft_field(d);
	*saved_at = 0;
	if (!st || !field)
		return false;
	const struct event **heads;
	size_t n = checklist_heads(st->cl, d->item, field, &heads);
	bool changed = false;
	for (size_t i = 0; i < n; i++) {
		char id[EVENT_ID_LEN + 1];
		event_id_str(&heads[i]->id, id);
		if (!strstr(d->base, id))
			changed = true;
		if (heads[i]->at > *saved_at)
			*saved_at = heads[i]->at;
	}
	free(heads);
	return changed && *saved_at > d->typed;
}

static int draft_cmp(const void *x, const void *y)
{
	const struct draft *p = x, *q = y;
	if (p->typed != q->typed)
		return p->typed < q->typed ? -1 : 1;
	return strcmp(p->path, q->path);
}


/* Every draft of a session that is gone, oldest first.  Returns the count. */
static size_t draft_list(struct app *a, struct draft **out)
{
	struct draft *v = NULL;
	size_t n = 0, cap = 0;
	char *dir = draft_dir(a);
	DIR *dh = opendir(dir);
	if (dh) {
		struct dirent *de;
		while ((de = readdir(dh))) {
			size_t len = strlen(de->d_name);
			if (de->d_name[0] == '.' || len < 5 || strcmp(de->d_name + len - 4, ".txt"))
				continue;
			char *path = xasprintf("%s/%s", dir, de->d_name);
			struct draft d;
			if (draft_orphaned(dir, de->d_name) &&
			    draft_read(path, &d)) {
				GROW(v, n + 1, cap);
				v[n++] = d;
			}
			free(path);
		}
		closedir(dh);
	}
	/* the one draft of a unit from before sessions */
	char *old = xasprintf("%s/drafts/%s/%s.txt", a->cfg->state_dir, a->d->id,
			      a->review_dir ? "review" : a->cfg->unit);
	struct draft d;
	if (draft_read(old, &d)) {
		if (!d.typed) {
			struct stat sb;
			if (stat(old, &sb) == 0)
				d.typed = (int64_t)sb.st_mtime * 1000;
		}
		GROW(v, n + 1, cap);
		v[n++] = d;
	}
	free(old);
	free(dir);
	if (n > 1)
		qsort(v, n, sizeof *v, draft_cmp);
	*out = v;
	return n;
}

/* At most a few lines of a text, for the question. */
static char *draft_excerpt(const char *text)
{
	struct buf b = {0};
	int lines = 0;
	size_t n = strlen(text), i = 0;
	for (; i < n && lines < 3; i++) {
		if (text[i] == '\n')
			lines++;
		if (lines < 3)
			buf_addc(&b, text[i]);
	}
	if (b.len > 240) {
		b.len = (size_t)(text_fit(b.data, 200, NULL));
		b.data[b.len] = '\0';
		buf_adds(&b, "…");
	} else if (i < n) {
		buf_adds(&b, "…");
	}
	if (!b.data)
		buf_adds(&b, "");
	char *q = xasprintf("«%s»", b.data);
	buf_free(&b);
	return q;
}

/* "Còn ghi chú chưa lưu của mục 1.1 (gõ lúc ...): «...»", what is saved
 * now when it differs, and the question. */
static char *draft_question(const struct app *a, const struct draft *d, const struct state *st)
{
	char when[32];
	when_text(d->typed, when, sizeof when);
	struct buf b = {0};
	if (!strcmp(d->kind, "activity")) {
		buf_printf(&b, _("An activity record of item %s was being typed (%s):"), d->item, when);
		const struct item *it = directive_item(a->d, d->item);
		for (size_t i = 0; it && i < it->nevidence; i++) {
			const char *val = NULL;
			for (size_t k = 0; k < d->nvalues; k++)
				if (!strcmp(d->keys[k], it->evidence[i].key))
					val = d->values[k];
			if (!val && i == d->step)
				val = d->text;
			if (val && *val)
				buf_printf(&b, "\n  %s: %s", it->evidence[i].label, val);
		}
	} else {
		char *ex = draft_excerpt(d->text);
		if (!strcmp(d->kind, "review"))
			buf_printf(&b, _("An unsaved review comment on item %s of %s was kept (typed %s):"),
				   d->item, d->unit, when);
		else if (!strcmp(d->kind, "note"))
			buf_printf(&b, _("An unsaved note for item %s was kept (typed %s):"), d->item, when);
		else if (!strcmp(d->kind, "reason-na"))
			buf_printf(&b, _("An unsaved reason for item %s was kept (typed %s):"), d->item, when);
		else {
			const struct item *it = directive_item(a->d, d->item);
			char *lab = it ? field_label(it, d->field) : xstrdup(d->field);
			buf_printf(&b, _("An unsaved value of %s for item %s was kept (typed %s):"), lab,
				   d->item, when);
			free(lab);
		}
		buf_printf(&b, "\n  %s", ex);
		free(ex);
		const char *field = draft_field(d);
		const char *saved = st && field ? checklist_value(st->cl, d->item, field, NULL) : NULL;
		if (saved && *saved && strcmp(saved, d->text)) {
			char *sx = draft_excerpt(saved);
			buf_printf(&b, "\n%s\n  %s", _("Saved now:"), sx);
			free(sx);
		}
	}
	buf_printf(&b, "\n%s", _("Open it again?"));
	return buf_steal(&b);
}

static void draft_free_arg(void *arg)
{
	draft_clear(arg);
	free(arg);
}

/* Open the editor on what d holds; true if it opened. */
static bool draft_reopen(struct app *a, const struct draft *d)
{
	long i = directive_item_index(a->d, d->item);
	if (i < 0)
		return false;
	struct editor *e = NULL;
	if (!strcmp(d->kind, "review")) {
		if (!review_resume(a, d->unit, d->item, d->field, d->text)) {
			app_msg(a, true, _("The file of %s is gone."), d->unit);
			return false;
		}
		e = editor_current(a);
	} else if (!strcmp(d->kind, "activity")) {
		item_show(a, (size_t)i);
		e = editor_resume_activity(a, (size_t)i, d->rid, d->step, (const char *const *)d->keys,
					   (const char *const *)d->values, d->nvalues, d->text);
	} else {
		item_show(a, (size_t)i);
		e = editor_open_field(a, (size_t)i, !strcmp(d->kind, "reason-na") ? "reason" : d->field,
				      !strcmp(d->kind, "reason-na") ? _("Why is this not applicable?") : NULL);
		if (!strcmp(d->kind, "reason-na"))
			e->purpose = EDIT_REASON_NA;
		editor_set_text(e, d->text);
	}
	if (!e)
		return false;
	/* it is this window's draft now: written under this session, and
	 * the old file goes once the new one is on disk */
	free(e->base);
	e->base = xstrdup(d->base);
	e->typed = d->typed;
	draft_save(a, e, true);
	unlink(d->path);
	return true;
}

static int draft_discard_answer(struct app *a, int k, void *arg)
{
	const struct draft *d = arg;
	if (k == 0) {
		unlink(d->path);
		app_msg(a, false, _("The draft was discarded."));
	} else {
		app_msg(a, false, _("The draft is kept: it is offered again at the next start."));
	}
	a->drafts_pending = true;
	return R_REDRAW;
}

static int draft_answer(struct app *a, int k, void *arg)
{
	struct draft *d = arg;
	if (k == 0) {
		draft_reopen(a, d);
		a->drafts_pending = true;
		return R_REDRAW;
	}
	if (k == 2) {
		/* throwing typing away takes a second key */
		struct draft *copy = xcalloc(1, sizeof *copy);
		*copy = *d;
		memset(d, 0, sizeof *d);
		const struct choice ch[] = {{"xX", _("discard for good")}, {"kK\r\n", _("keep it")}};
		confirm_open(a, _("Discard this draft for good? It cannot be brought back."), ch,
			     ARRAY_LEN(ch), draft_discard_answer, copy, draft_free_arg);
		return R_REDRAW;
	}
	/* later (or Esc): kept, offered again at the next start */
	a->drafts_pending = true;
	return R_REDRAW;
}

/* Which drafts to offer is decided once, at start: a draft typed before
 * what was saved after it is dropped then; the others are offered one
 * by one, judged against what was saved when dvk started (restoring one
 * of two drafts of a note must not make the other one "older"). */
static void draft_scan(struct app *a)
{
	struct draft *v;
	size_t n = draft_list(a, &v);
	a->drafts_scanned = true;
	for (size_t k = 0; k < n; k++) {
		const struct state *st = draft_state(a, &v[k]);
		int64_t saved_at;
		if (!directive_item(a->d, v[k].item))
			continue;
		if (draft_stale(st, &v[k], &saved_at)) {
			/* typed before what was saved since: it would only put
			 * an older text back */
			char when[32];
			when_text(saved_at, when, sizeof when);
			app_msg(a, false, _("A draft of item %s was older than what was saved at %s, and was dropped."),
				v[k].item, when);
			/* not offered, but not thrown away either */
			char *old = xasprintf("%s.old", v[k].path);
			rename(v[k].path, old);
			free(old);
			continue;
		}
		GROW(a->draft_queue, a->ndraft_queue + 1, a->capdraft_queue);
		a->draft_queue[a->ndraft_queue++] = xstrdup(v[k].path);
	}
	for (size_t i = 0; i < n; i++)
		draft_clear(&v[i]);
	free(v);
}

bool draft_offer(struct app *a)
{
	a->drafts_pending = false;
	if (!a->cfg->state_dir || (!a->st && !a->review_dir))
		return false;
	if (!a->drafts_scanned)
		draft_scan(a);
	while (a->ndraft_queue) {
		char *path = a->draft_queue[0];
		memmove(a->draft_queue, a->draft_queue + 1, --a->ndraft_queue * sizeof *a->draft_queue);
		struct draft d;
		bool ok = draft_read(path, &d);
		free(path);
		if (!ok)
			continue; /* taken meanwhile by another window */
		char *q = draft_question(a, &d, draft_state(a, &d));
		struct draft *arg = xmalloc(sizeof *arg);
		*arg = d;
		const struct choice ch[] = {{"cCmM\r\n", _("open")}, {"kKlL", _("later")},
					    {"xX", _("discard")}};
		confirm_open(a, q, ch, ARRAY_LEN(ch), draft_answer, arg, draft_free_arg);
		free(q);
		return true;
	}
	return false;
}

void draft_queue_free(struct app *a)
{
	for (size_t i = 0; i < a->ndraft_queue; i++)
		free(a->draft_queue[i]);
	free(a->draft_queue);
	a->draft_queue = NULL;
	a->ndraft_queue = 0;
}

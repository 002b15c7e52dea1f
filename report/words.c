/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * words.c: how every writer words the same things (see internal.h):
 * statuses and verdicts, numbers and dates in the report's language, the
 * reporting period, an activity record, a conflict, the list of open
 * work, and writing a finished file into place.
 */
#include "report/internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "i18n/i18n.h"
#include "store/store.h"
#include "text/text.h"

const char *rpt_pgettext(const char *ctx_and_id)
{
	const char *t = gettext(ctx_and_id);

	/* Untranslated: gettext hands back the key, context and all. */
	return t == ctx_and_id ? strchr(ctx_and_id, '\004') + 1 : t;
}

static bool vi(void)
{
	return strcmp(i18n_lang(), "en") != 0;
}

const char *rpt_status_word(enum status s)
{
	switch (s) {
	case STATUS_TODO: return NC_("status", "not started");
	case STATUS_IN_PROGRESS: return NC_("status", "in progress");
	case STATUS_DONE: return NC_("status", "done");
	case STATUS_NA: return NC_("status", "not applicable");
	default: return NC_("status", "in conflict");
	}
}

const char *rpt_verdict_word(const char *verdict)
{
	if (!strcmp(verdict, "approved"))
		return NC_("review", "approved");
	if (!strcmp(verdict, "needs-work"))
		return NC_("review", "needs more work");
	return verdict;
}

const char *rpt_num(unsigned long long v, char *buf, size_t n)
{
	char digits[32];
	char sep = vi() ? '.' : ',';
	size_t len, o = 0;

	snprintf(digits, sizeof digits, "%llu", v);
	len = strlen(digits);
	for (size_t i = 0; i < len && o + 2 < n; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			buf[o++] = sep;
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
	return buf;
}

const char *rpt_date(const char *iso, char *buf, size_t n)
{
	int y, m, d;

	if (!iso || sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3)
		snprintf(buf, n, "–");
	else if (vi())
		snprintf(buf, n, "%d/%d/%d", d, m, y);
	else
		snprintf(buf, n, "%.10s", iso);
	return buf;
}

const char *rpt_parent_name(const struct report *r, const char *parent)
{
	const struct roster_unit *ru = r->opts.roster ? roster_find(r->opts.roster, parent) : NULL;
	const struct report_unit *pu;

	if (ru && ru->name)
		return ru->name;
	pu = report_find_unit(r, parent);
	return pu ? pu->name : parent;
}

/* ------------------------------------------------------------------ */
/* The period                                                          */
/* ------------------------------------------------------------------ */

/* The local calendar day of ms as y, m, d. */
static void local_ymd(int64_t ms, int *y, int *m, int *d)
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;

	localtime_r(&t, &tm);
	*y = tm.tm_year + 1900;
	*m = tm.tm_mon + 1;
	*d = tm.tm_mday;
}

static int month_days(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 29 : days[m - 1];
}

void rpt_period(const struct report *r, struct buf *b)
{
	int y1, m1, d1, y2, m2, d2;
	char a[16], c[16], iso[48];

	if (!r->opts.until && !r->opts.since)
		return;
	if (!r->opts.since) {
		local_ymd(r->opts.until - 1, &y2, &m2, &d2);
		snprintf(iso, sizeof iso, "%04d-%02d-%02d", y2, m2, d2);
		buf_printf(b, _("as of %s"), rpt_date(iso, a, sizeof a));
		return;
	}
	local_ymd(r->opts.since, &y1, &m1, &d1);
	if (!r->opts.until) {
		snprintf(iso, sizeof iso, "%04d-%02d-%02d", y1, m1, d1);
		buf_printf(b, _("since %s"), rpt_date(iso, a, sizeof a));
		return;
	}
	local_ymd(r->opts.until - 1, &y2, &m2, &d2);
	/* The periods offices report on, by their usual names. */
	if (y1 == y2 && d1 == 1 && d2 == month_days(y2, m2)) {
		if (m1 == 1 && m2 == 12) {
			buf_printf(b, _("the year %d"), y1);
			return;
		}
		if (m1 == 1 && m2 == 6) {
			buf_printf(b, _("the first six months of %d"), y1);
			return;
		}
		if (m1 == 7 && m2 == 12) {
			buf_printf(b, _("the last six months of %d"), y1);
			return;
		}
		if (m1 == 1 && m2 == 9) {
			buf_printf(b, _("the first nine months of %d"), y1);
			return;
		}
		if (m2 == m1 + 2 && (m1 - 1) % 3 == 0) {
			static const char *const q[] = { "I", "II", "III", "IV" };

			buf_printf(b, _("quarter %s of %d"), q[(m1 - 1) / 3], y1);
			return;
		}
		if (m1 == m2) {
			buf_printf(b, _("month %d of %d"), m1, y1);
			return;
		}
	}
	snprintf(iso, sizeof iso, "%04d-%02d-%02d", y1, m1, d1);
	rpt_date(iso, a, sizeof a);
	snprintf(iso, sizeof iso, "%04d-%02d-%02d", y2, m2, d2);
	rpt_date(iso, c, sizeof c);
	buf_printf(b, _("from %s to %s"), a, c);
}

/* ------------------------------------------------------------------ */
/* Activities and conflicts                                            */
/* ------------------------------------------------------------------ */

/* The label of key on item (its directive label, else the key). */
static const char *key_label(const struct directive *d, size_t item, const char *key)
{
	const struct evidence_field *ef =
		item == (size_t)-1 ? NULL : item_evidence(&d->items[item], key);

	return ef ? ef->label : key;
}

void rpt_act_text(struct buf *b, const struct directive *d, size_t item,
		  const struct report_act_detail *a)
{
	bool any = false;

	for (size_t k = 0; k < a->n; k++) {
		const struct evidence_field *ef =
			item == (size_t)-1 ? NULL : item_evidence(&d->items[item], a->keys[k]);
		char date[16];

		buf_adds(b, any ? "; " : "");
		buf_adds(b, key_label(d, item, a->keys[k]));
		buf_adds(b, ": ");
		if (!a->values[k])
			buf_adds(b, _("(in conflict)"));
		else if (ef && ef->type == EVIDENCE_DATE)
			buf_adds(b, rpt_date(a->values[k], date, sizeof date));
		else
			buf_adds(b, a->values[k]);
		any = true;
	}
}

void rpt_acts_text(struct buf *b, const struct directive *d, const struct report_item_detail *it,
		   const char *sep)
{
	for (size_t a = 0; a < it->nacts; a++) {
		if (a)
			buf_adds(b, sep);
		rpt_act_text(b, d, it->item, &it->acts[a]);
	}
}

/* "status", "note", "activity.<rid>.<key>" in words. */
static void field_words(struct buf *b, const struct directive *d, const struct report_item_detail *it,
			const char *field)
{
	const char *rid, *key;
	size_t ridlen;

	if (!strcmp(field, "status"))
		buf_adds(b, NC_("field", "status"));
	else if (!strcmp(field, "note"))
		buf_adds(b, NC_("field", "note"));
	else if (!strcmp(field, "reason"))
		buf_adds(b, NC_("field", "reason"));
	else if (!strcmp(field, "review"))
		buf_adds(b, NC_("field", "review"));
	else if (!strcmp(field, "review_comment"))
		buf_adds(b, NC_("field", "review comment"));
	else if (checklist_activity_split(field, &rid, &ridlen, &key))
		buf_adds(b, key_label(d, it->item, key));
	else
		buf_adds(b, field);
}

void rpt_conflict_text(struct buf *b, const struct directive *d, const struct report_item_detail *it,
		       const struct report_conflict *c)
{
	field_words(b, d, it, c->field);
	buf_adds(b, ": ");
	for (size_t h = 0; h < c->nheads; h++) {
		char day[16];
		const char *v = c->heads[h].value;

		buf_adds(b, h ? " / " : "");
		if (!strcmp(c->field, "status") && status_parse(v) >= 0)
			v = rpt_status_word((enum status)status_parse(v));
		buf_adds(b, v);
		buf_printf(b, " (%s, %s)", c->heads[h].by ? c->heads[h].by : "?",
			   rpt_day(c->heads[h].at, day, sizeof day));
	}
}

void rpt_conflicts_text(struct buf *b, const struct directive *d, const struct report_item_detail *it)
{
	for (size_t c = 0; c < it->nconflicts; c++) {
		buf_adds(b, c ? "; " : "");
		rpt_conflict_text(b, d, it, &it->conflicts[c]);
	}
}

/* ------------------------------------------------------------------ */
/* Open work                                                           */
/* ------------------------------------------------------------------ */

static void todo(void (*fn)(void *, const struct rpt_todo *), void *arg, const char *unit,
		 const char *name, const char *contact, const char *item, const char *kind,
		 const char *what, const char *detail)
{
	struct rpt_todo t = { unit, name, contact, item, kind, what, detail };

	fn(arg, &t);
}

static void unit_todo(const struct report *r, size_t u, void (*fn)(void *, const struct rpt_todo *),
		      void *arg)
{
	const struct directive *d = r->d;
	const struct report_unit *ru = &r->units[u];
	struct report_detail dt;
	struct buf b = { 0 };

	if (ru->names) {
		for (size_t i = 0; ru->names[i]; i++) {
			buf_adds(&b, i ? " / " : "");
			buf_adds(&b, ru->names[i]);
		}
		todo(fn, arg, ru->unit, ru->name, ru->contact, "", "name-conflict",
		     _("agree on the unit's name"), b.data);
	}
	report_detail_load(r, u, &dt);
	for (size_t i = 0; i < dt.n; i++) {
		const struct report_item_detail *it = &dt.items[i];
		const struct item *di = it->item == (size_t)-1 ? NULL : &d->items[it->item];

		if (!di) {
			todo(fn, arg, ru->unit, ru->name, ru->contact, it->id, "not-in-directive",
			     _("item not in this revision of the directive"), rpt_status_word(it->status));
			continue;
		}
		for (size_t c = 0; c < it->nconflicts; c++) {
			b.len = 0;
			rpt_conflict_text(&b, d, it, &it->conflicts[c]);
			todo(fn, arg, ru->unit, ru->name, ru->contact, it->id, "conflict",
			     _("settle values in conflict"), b.data);
		}
		if (it->review && !strcmp(it->review, "needs-work"))
			todo(fn, arg, ru->unit, ru->name, ru->contact, it->id, "needs-work",
			     _("complete as the reviewer asked"),
			     it->review_comment ? it->review_comment : "");
		if (it->status == STATUS_DONE && di->nevidence && !it->nacts)
			todo(fn, arg, ru->unit, ru->name, ru->contact, it->id, "no-evidence",
			     _("done, but no evidence recorded"), "");
		if (it->status == STATUS_NA && !(it->review && !strcmp(it->review, "approved")))
			todo(fn, arg, ru->unit, ru->name, ru->contact, it->id, "not-applicable",
			     _("check the reason for not applicable"), it->reason ? it->reason : "");
	}
	for (size_t m = 0; m < dt.nmisfits; m++) {
		const struct report_misfit *mf = &dt.misfits[m];

		b.len = 0;
		buf_printf(&b, "%s = %s", mf->key, mf->value);
		todo(fn, arg, ru->unit, ru->name, ru->contact, mf->item, "misfit",
		     mf->no_field ? _("value of a field the directive dropped")
				  : _("value that no longer fits its field"),
		     b.data);
	}
	report_detail_free(&dt);
	if (ru->nopen) {
		b.len = 0;
		for (size_t i = 0; i < d->nitems; i++) {
			if (ru->status[i] == STATUS_DONE || ru->status[i] == STATUS_NA)
				continue;
			buf_adds(&b, b.len ? ", " : "");
			buf_adds(&b, d->items[i].id);
		}
		todo(fn, arg, ru->unit, ru->name, ru->contact, "", "open",
		     _("items not finished"), b.data);
	}
	buf_free(&b);
}

void rpt_todo_each(const struct report *r, void (*fn)(void *, const struct rpt_todo *), void *arg)
{
	/* Who sent nothing comes first: that is the first call to make. */
	for (size_t m = 0; m < r->nmissing; m++) {
		const struct roster_unit *ru = r->missing[m].ru;

		todo(fn, arg, ru->id, r->missing[m].name, ru->contact, "", "missing",
		     _("no file received"), "");
	}
	for (size_t u = 0; u < r->nunits; u++)
		unit_todo(r, u, fn, arg);
}

/* ------------------------------------------------------------------ */
/* Finished files                                                      */
/* ------------------------------------------------------------------ */

char *report_temp_beside(const char *path)
{
	const char *slash = strrchr(path, '/');
	unsigned char rnd[4];

	dvk_random(rnd, sizeof rnd);
	if (!slash)
		return xasprintf(".%s.tmp-%02x%02x%02x%02x", path, rnd[0], rnd[1], rnd[2], rnd[3]);
	return xasprintf("%.*s/.%s.tmp-%02x%02x%02x%02x", (int)(slash - path), path, slash + 1, rnd[0],
			 rnd[1], rnd[2], rnd[3]);
}

int report_move_into_place(const char *tmp, const char *path, struct dvk_error *err)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	int fd = open(tmp, O_RDONLY | O_CLOEXEC), ok = 0;

	/* Written by a library to a file beside path: put in place the way
	 * dvk writes every file (fsync, rename, fsync the folder), so a
	 * half-written report never has the final name. */
	if (fd < 0 || fsync(fd) != 0) {
		dvk_error_setc(err, DVK_E_IO, tmp, 0, 0, "fsync: %s", strerror(errno));
		goto out;
	}
	if (rename(tmp, path) != 0) {
		dvk_error_setc(err, DVK_E_IO, path, 0, 0, "rename: %s", strerror(errno));
		goto out;
	}
	if (slash)
		*slash = '\0';
	{
		int dfd = open(slash ? (*dir ? dir : "/") : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

		if (dfd >= 0) {
			fsync(dfd);
			close(dfd);
		}
	}
	ok = 1;
out:
	if (fd >= 0)
		close(fd);
	free(dir);
	return ok;
}

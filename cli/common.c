/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/* common.c: helpers shared by the verbs (see cli.h). */
#include "cli/cli.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "report/report.h"
#include "text/text.h"

void cli_put(FILE *f, const char *s)
{
	char *clean = text_sanitize(s ? s : "", true);

	fputs(clean, f);
	free(clean);
}

/* The copies cli_safe made: verbs print a handful of names, so they are
 * simply kept until the process ends. */
static char **safe_copies;
static size_t nsafe, safe_cap;

const char *cli_safe(const char *s)
{
	GROW(safe_copies, nsafe + 1, safe_cap);
	safe_copies[nsafe] = text_sanitize(s ? s : "", false);
	return safe_copies[nsafe++];
}

void cli_safe_free(void)
{
	for (size_t i = 0; i < nsafe; i++)
		free(safe_copies[i]);
	free(safe_copies);
	safe_copies = NULL;
	nsafe = safe_cap = 0;
}

void cli_printf(FILE *f, const char *fmt, ...)
{
	struct buf b = {0};
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	cli_put(f, b.data);
	buf_free(&b);
}

void cli_error(const struct dvk_error *err)
{
	char buf[DVK_ERR_MSG + DVK_ERR_PATH + 64];

	cli_put(stderr, dvk_error_format(err, buf, sizeof buf));
	fputc('\n', stderr);
}

void cli_warn_error(const struct dvk_error *warn)
{
	char buf[DVK_ERR_MSG + DVK_ERR_PATH + 64];

	fprintf(stderr, "%s", _("dvk: warning: "));
	cli_put(stderr, dvk_error_format(warn, buf, sizeof buf));
	fputc('\n', stderr);
}

void cli_fail(const char *fmt, ...)
{
	struct buf b = {0};
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	fputs("dvk: ", stderr);
	cli_put(stderr, b.data);
	fputc('\n', stderr);
	buf_free(&b);
}

int cli_usage(const struct verb *v, const char *fmt, ...)
{
	if (fmt) {
		struct buf b = {0};
		va_list ap;

		va_start(ap, fmt);
		buf_vprintf(&b, fmt, ap);
		va_end(ap);
		fprintf(stderr, "dvk %s: ", v->name);
		cli_put(stderr, b.data);
		fputc('\n', stderr);
		buf_free(&b);
	}
	cli_put_usage(stderr, v->name, _(v->usage), cli_help_width(STDERR_FILENO));
	fprintf(stderr, _("(see dvk %s --help)\n"), v->name);
	return EXIT_USAGE;
}

int cli_getopt(struct cli *c, int argc, char **argv)
{
	static const struct option none[] = { { 0 } };
	const struct verb *v = c->verb;

	opterr = 0;
	return getopt_long(argc, argv, v->opts ? v->opts : "", v->longopts ? v->longopts : none,
			   NULL);
}

void cli_print_help(const struct verb *v)
{
	int width = cli_help_width(STDOUT_FILENO);
	struct buf b = { 0 };

	cli_put_usage(stdout, v->name, _(v->usage), width);
	buf_printf(&b, "\n%s\n\n%s", _(v->summary), _(v->help));
	cli_put_help(stdout, b.data, width);
	buf_free(&b);
}

void cli_put_padded(FILE *f, const char *s, int cols)
{
	char *clean = text_sanitize(s ? s : "", false);
	int used;
	size_t n = text_fit(clean, cols, &used);

	if (clean[n] != '\0' && cols > 1) {
		/* cropped: leave a column for an ellipsis so it reads as such */
		n = text_fit(clean, cols - 1, &used);
		fwrite(clean, 1, n, f);
		fputs("…", f);
		used++;
	} else {
		fwrite(clean, 1, n, f);
	}
	for (; used < cols; used++)
		fputc(' ', f);
	free(clean);
}

void cli_put_csv(FILE *f, const char *s)
{
	report_csv_field(f, s, false);
}

char *cli_own_path(struct cli *c)
{
	if (!c->cfg.unit) {
		cli_fail(_("which unit? give --unit ID, set DVK_UNIT, or put \"unit: ID\" in %s"),
			 c->cfg.config_file);
		return NULL;
	}
	return store_path(c->cfg.data_dir, c->dir->id, c->cfg.unit);
}

const struct directive *cli_directive_for(struct cli *c, const char *id)
{
	const struct catalog_entry *e;

	if (!id)
		return NULL;
	if (c->dir && strcmp(c->dir->id, id) == 0)
		return c->dir;
	if (!c->cat)
		c->cat = catalog_load(c->cfg.data_dir);
	e = catalog_lookup(c->cat, id);
	return e ? e->d : NULL;
}

void cli_publish_directive(struct cli *c)
{
	struct dvk_error err;
	enum catalog_added res;
	unsigned old = 0;

	dvk_error_clear(&err);
	if (!catalog_ensure(c->cfg.data_dir, &c->source, &res, &old, &err)) {
		cli_error(&err);
		cli_fail(_("warning: the directive could not be copied into the data folder; "
			   "the unit's file is saved"));
	} else if (res == CATALOG_UPDATED) {
		cli_fail(_("the data folder now carries revision %u of directive %s (it had revision %u)"),
			 c->dir->revision, c->dir->id, old);
	}
}

void cli_revision_warning(const char *path, const struct state *st, const struct directive *d)
{
	if (!d || !st || st->revision <= d->revision || strcmp(st->directive, d->id) != 0)
		return;
	cli_fail(_("warning: %s was written against revision %u of directive %s; this laptop has "
		   "revision %u.\n     Items and fields it does not know are kept and shown apart. To "
		   "see them, take in the new revision (dvk receive FILE, dvk directive add FILE)."),
		 path, st->revision, d->id, d->revision);
}

void cli_copy_warning(const char *path, const struct state *st)
{
	char *named = st ? store_copy_of(path) : NULL;

	if (named && strcmp(named, st->unit) != 0) {
		fflush(stdout);
		cli_fail(_("warning: %s is named as a conflict copy of %s%s, but it holds unit %s; "
			   "dvk never folds it into %s%s (look at it, then `dvk merge` it where it "
			   "belongs, or delete it)"),
			 path, named, STATE_SUFFIX, st->unit, named, STATE_SUFFIX);
	}
	free(named);
}

static const char *status_label(enum status s)
{
	switch (s) {
	case STATUS_TODO: return _("to do");
	case STATUS_IN_PROGRESS: return _("in progress");
	case STATUS_DONE: return _("done");
	case STATUS_NA: return _("not applicable");
	default: return _("CONFLICT");
	}
}

const char *cli_type_name(enum evidence_type t)
{
	switch (t) {
	case EVIDENCE_DATE: return _("a date");
	case EVIDENCE_COUNT: return _("a count");
	default: return _("text");
	}
}

const char *cli_type_noun(enum evidence_type t)
{
	switch (t) {
	case EVIDENCE_DATE: return _("date");
	case EVIDENCE_COUNT: return _("count");
	default: return _("text");
	}
}

void cli_put_fit_note(struct buf *b, const struct directive *d, const struct event *e)
{
	const struct item *it;
	const struct evidence_field *ef;

	if (e->item[0] == '_')
		return;
	switch (checklist_field_fit(d, e->item, e->field, e->value)) {
	case FIT_OK:
		return;
	case FIT_NO_ITEM:
		buf_printf(b, _("  [item not in revision %u]"), d->revision);
		return;
	case FIT_NO_FIELD:
		buf_printf(b, _("  [field not in revision %u]"), d->revision);
		return;
	case FIT_BAD_VALUE:
		it = directive_item(d, e->item);
		ef = item_evidence(it, strrchr(e->field, '.') + 1);
		buf_printf(b, _("  [not %s in revision %u]"), cli_type_name(ef ? ef->type : EVIDENCE_TEXT),
			   d->revision);
		return;
	}
}

void cli_put_hand_note(struct buf *b, const struct event *e)
{
	if (event_is_hand_edit(e))
		buf_printf(b, _("  [edited by hand in %s]"), e->by);
}

/* v on one line for a listing: line breaks as "⏎", "" when empty. */
static void put_value(struct buf *b, const char *v)
{
	if (!*v) {
		buf_adds(b, "\"\"");
		return;
	}
	for (; *v; v++) {
		if (*v == '\n')
			buf_adds(b, "⏎");
		else
			buf_addc(b, *v);
	}
}

size_t cli_print_hand_edits(FILE *f, const char *path, const struct state *st)
{
	const struct hand_edit *h;
	size_t n = state_hand_edits(st, &h);

	for (size_t i = 0; i < n; i++) {
		const struct event *e = h[i].ev;
		struct buf what = {0};

		if (strcmp(e->item, UNIT_ITEM) == 0) /* never the reserved id */
			buf_printf(&what, "%s: ", checklist_unit_label(e->field));
		else
			buf_printf(&what, "%s %s: ", e->item, e->field);
		for (size_t k = 0; k < e->npred; k++) {
			const struct event *old = checklist_find(st->cl, e->item, e->field, &e->pred[k]);

			if (k)
				buf_adds(&what, " | ");
			put_value(&what, old ? old->value : "?");
		}
		if (e->npred)
			buf_adds(&what, " → ");
		put_value(&what, e->value);
		cli_printf(f, _("%s:%d:%d: edited by hand: %s\n"), cli_safe(path), h[i].line, h[i].col,
			   cli_safe(what.data));
		buf_free(&what);
	}
	return n;
}

void cli_hand_edits_saved(const char *path, const struct state *st)
{
	const struct hand_edit *h;
	size_t n = state_hand_edits(st, &h);

	if (!n)
		return;
	fflush(stdout);
	cli_print_hand_edits(stderr, path, st);
	cli_printf(stderr, ngettext("dvk: %s: %zu change made by hand in the file is now an entry of "
				    "its log (dvk log shows it)\n",
				    "dvk: %s: %zu changes made by hand in the file are now entries of "
				    "its log (dvk log shows them)\n", n), cli_safe(path), n);
}

void cli_print_orphans(FILE *f, const struct state *st, const struct directive *d)
{
	const char **items;
	struct misfit *mf;
	size_t n = checklist_orphan_items(st->cl, d, &items);
	size_t nmf = checklist_misfit_values(st->cl, d, &mf);

	if (n) {
		fputc('\n', f);
		fprintf(f, ngettext("Item no longer in the directive (revision %u): kept, not counted in progress\n",
				    "Items no longer in the directive (revision %u): kept, not counted in progress\n", n),
			d->revision);
	}
	for (size_t i = 0; i < n; i++) {
		struct item_view v;

		checklist_item_view(st->cl, items[i], &v);
		fputs("  ", f);
		cli_put_padded(f, items[i], 8);
		fputc(' ', f);
		cli_put_padded(f, status_label(v.status), 16);
		fprintf(f, ngettext("%zu entry", "%zu entries", v.nevents), v.nevents);
		fputc('\n', f);
		item_view_free(&v);
	}
	if (nmf) {
		fputc('\n', f);
		fprintf(f, ngettext("Value that revision %u of the directive no longer takes: kept\n",
				    "Values that revision %u of the directive no longer takes: kept\n", nmf),
			d->revision);
	}
	for (size_t i = 0; i < nmf; i++) {
		const struct evidence_field *ef = item_evidence(directive_item(d, mf[i].item), mf[i].key);

		fputs("  ", f);
		cli_put_padded(f, mf[i].item, 8);
		fputc(' ', f);
		cli_put(f, mf[i].key);
		fputs(" = ", f);
		cli_put(f, mf[i].value);
		fputs("  (", f);
		if (mf[i].fit == FIT_NO_FIELD)
			fprintf(f, _("a field revision %u does not have"), d->revision);
		else
			fprintf(f, _("not %s"), cli_type_name(ef ? ef->type : EVIDENCE_TEXT));
		fputs(")\n", f);
	}
	free(items);
	free(mf);
}

struct state *cli_load_state(struct cli *c, const char *path, bool allow_missing)
{
	struct dvk_error err;
	struct state *st;

	dvk_error_clear(&err);
	if (allow_missing && !store_exists(path)) {
		/* the config's name and parent become events when the
		 * file is first written (config_unit_apply) */
		return state_new(c->dir->id, c->cfg.unit);
	}
	/* Read with no directive: a file of another directive of the data
	 * folder is shown with its own (cli_directive_for). */
	if (!c->known && c->dir)
		c->known = store_known_new(c->dir);
	st = store_load_known(path, c->known, &err);
	if (st && !cli_directive_for(c, st->directive)) {
		/* a directive this laptop does not have: refused, with the
		 * header's position */
		state_free(st);
		st = store_load(path, c->dir, &err);
		if (st) {
			state_free(st);
			st = NULL;
			dvk_error_setc(&err, DVK_E_MISMATCH, path, 0, 0, "%s",
				       _("this file is for a directive this laptop does not have"));
		}
	}
	if (st && st->nhand && !state_check_hand_edits(st, cli_directive_for(c, st->directive), path, &err)) {
		/* what a summary may be changed to depends on the directive
		 * (its items and evidence fields) */
		state_free(st);
		st = NULL;
	}
	if (!st)
		cli_error(&err);
	else
		cli_revision_warning(path, st, cli_directive_for(c, st->directive));
	return st;
}

/* The values copies disagree on for the unit's field, one line. */
static void print_unit_conflict(const struct state *st, const char *field, const char *heading)
{
	const struct event **heads;
	size_t n = checklist_heads(st->cl, UNIT_ITEM, field, &heads);

	fputs(heading, stdout);
	for (size_t i = 0; i < n; i++) {
		char *who = event_author(heads[i]);

		printf("%s \"", i ? " |" : "");
		cli_put(stdout, heads[i]->value);
		printf("\" (");
		cli_put(stdout, who);
		printf(")");
		free(who);
	}
	printf("\n");
	printf(_("  settle it with `dvk unit %s VALUE`\n"), field);
	free(heads);
}

void cli_print_unit(const struct cli *c, const struct state *st)
{
	bool name_conflict, parent_conflict;
	const char *parent = state_unit_parent(st, &parent_conflict);
	char *shown = state_unit_shown(st, UNIT_NAME), *pending;

	state_unit_name(st, &name_conflict);

	printf(_("unit: %s"), cli_safe(shown ? shown : st->unit));
	if (shown)
		printf(" (%s)", cli_safe(st->unit));
	putchar('\n');
	if (parent)
		printf(_("parent: %s\n"), cli_safe(parent));
	if (name_conflict)
		print_unit_conflict(st, UNIT_NAME, _("  the copies disagree on the unit's name:"));
	if (parent_conflict)
		print_unit_conflict(st, UNIT_PARENT, _("  the copies disagree on the unit's parent:"));
	if ((pending = config_unit_pending(&c->cfg, st, UNIT_NAME))) {
		printf(_("  %s gives the name \"%s\": it becomes the unit's name at the next save\n"),
		       cli_safe(c->cfg.config_file), cli_safe(pending));
		free(pending);
	}
	if ((pending = config_unit_pending(&c->cfg, st, UNIT_PARENT))) {
		printf(_("  %s gives the parent \"%s\": it becomes the unit's parent at the next save\n"),
		       cli_safe(c->cfg.config_file), cli_safe(pending));
		free(pending);
	}
	free(shown);
}

int cli_edit_begin(struct cli *c, struct edit_ctx *ctx, struct hlc *clock)
{
	struct dvk_error err;
	char *replica;

	dvk_error_clear(&err);
	if (!c->cfg.user) {
		cli_fail(_("who is editing? give --user NAME, set DVK_USER, or put \"user: NAME\" in %s"),
			 c->cfg.config_file);
		return 0;
	}
	replica = config_replica(&c->cfg, &err);
	if (!replica || !config_clock_load(&c->cfg, clock, &err)) {
		cli_error(&err);
		free(replica);
		return 0;
	}
	memset(ctx, 0, sizeof *ctx);
	ctx->by = c->cfg.user;
	ctx->replica = replica;
	ctx->clock = clock;
	ctx->now = config_now();
	ctx->random = config_random;
	return 1;
}

void cli_edit_done(struct cli *c, struct edit_ctx *ctx)
{
	struct dvk_error err;

	dvk_error_clear(&err);
	if (!config_clock_save(&c->cfg, ctx->clock, &err))
		cli_error(&err);
	free((char *)ctx->replica);
	ctx->replica = NULL;
}

/* dd/mm/yyyy HH:MM in local time, as people in Vietnam write dates. */
static void local_time(int64_t ms, char *buf, size_t n)
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;

	if (!localtime_r(&t, &tm) || !strftime(buf, n, "%d/%m/%Y %H:%M", &tm))
		snprintf(buf, n, "?");
}

void cli_clock_warning(const char *what, int64_t newest_at)
{
	int64_t now = config_now();
	char seen[64], here[64], *clean;

	if (!store_clock_behind(newest_at, now))
		return;
	local_time(newest_at, seen, sizeof seen);
	local_time(now, here, sizeof here);
	clean = text_sanitize(what, true);
	fprintf(stderr, _("dvk: warning: this laptop's date looks wrong: %s has entries up to %s, "
			  "but this laptop says %s.\n"
			  "     Set the date and time: edits made now would look older than work "
			  "already done.\n"),
		clean, seen, here);
	free(clean);
}

size_t cli_attach_journal(struct cli *c, struct state *st, const char *path)
{
	struct dvk_error warn;
	char *journal = store_journal_path(c->cfg.state_dir, st->directive, st->unit);
	size_t restored = 0;

	store_journal_attach(st, journal, path, c->dir, &restored, &warn);
	if (warn.code != DVK_E_NONE)
		cli_error(&warn);
	if (restored) {
		/* the file lacks edits this laptop made or saw: a save that
		 * did not go through, or an older copy put over it (a sync
		 * tool, cp, an editor, a stick) */
		fprintf(stderr, "dvk: ");
		cli_put(stderr, path);
		fprintf(stderr, ngettext(": %zu change kept on this laptop was missing from the file "
					 "(a save that did not go through, or an older copy put over "
					 "it); it is shown again, and the next save puts it back\n",
					 ": %zu changes kept on this laptop were missing from the file "
					 "(a save that did not go through, or an older copy put over "
					 "it); they are shown again, and the next save puts them back\n",
					 restored), restored);
	}
	free(journal);
	return restored;
}

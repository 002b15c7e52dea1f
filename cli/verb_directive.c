/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * verb_directive.c: `dvk directive list|show|add|diff`: the directives a
 * data folder holds (catalog/catalog.h).
 *
 *   list              each directive: id, revision, title, issuer, where it
 *                     is, its unit files and the own unit's progress
 *   show [ID|FILE]    its header, sections, items and evidence fields
 *   add FILE...       publish a directive (or a correction) into the folder
 *   diff OLD NEW      items added, removed, text changed, deadlines and
 *                     agencies changed, evidence changed
 */
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli/cli.h"
#include "text/text.h"
#include "yamlio/yamlio.h"

/* ---- list ---- */

static void list_text(struct cli *c, const struct catalog_entry *e)
{
	const struct directive *d = e->d;
	struct progress p;
	size_t units = catalog_unit_files(c->cfg.data_dir, d->id);
	bool own = catalog_unit_progress(c->cfg.data_dir, e, c->cfg.unit, &p);

	cli_put(stdout, d->id);
	printf("  ");
	printf(_("revision %u"), d->revision);
	if (d->revision_date)
		printf(" (%s)", d->revision_date);
	printf(", %s", catalog_origin_name(e->origin));
	if (e->other_revision) {
		printf("; ");
		printf(_("revision %u (%s) is older"), e->other_revision, catalog_origin_name(e->other_origin));
	}
	printf("\n  ");
	cli_put(stdout, d->title);
	printf("\n  ");
	/* an imported text may name no issuer: say nothing rather than "" */
	if (d->issuer) {
		cli_put(stdout, d->issuer);
		printf("; ");
	}
	printf(ngettext("%zu item", "%zu items", d->nitems), d->nitems);
	printf("; ");
	printf(ngettext("%zu unit file", "%zu unit files", units), units);
	if (c->cfg.unit) {
		printf("; ");
		cli_put(stdout, c->cfg.unit);
		if (own)
			printf(": %u%% (%u/%u)", progress_percent(&p), p.done, p.total - p.na);
		else
			printf(": %s", _("not started"));
	}
	printf("\n");
}

static void list_csv(struct cli *c, const struct catalog_entry *e)
{
	const struct directive *d = e->d;
	struct progress p;
	bool own = catalog_unit_progress(c->cfg.data_dir, e, c->cfg.unit, &p);
	static const char *const origin[] = { "builtin", "data", "file" };

	cli_put_csv(stdout, d->id);
	printf(",%u,", d->revision);
	cli_put_csv(stdout, d->revision_date ? d->revision_date : "");
	putchar(',');
	cli_put_csv(stdout, d->title);
	putchar(',');
	cli_put_csv(stdout, d->issuer);
	printf(",%s,%zu,%zu,", origin[e->origin], d->nitems, catalog_unit_files(c->cfg.data_dir, d->id));
	if (own)
		printf("%u", progress_percent(&p));
	putchar('\n');
}

static int do_list(struct cli *c, bool csv)
{
	struct catalog *cat = catalog_load(c->cfg.data_dir);
	size_t n = catalog_count(cat);

	if (csv)
		printf("id,revision,revision_date,title,issuer,origin,items,unit_files,percent\n");
	for (size_t i = 0; i < n; i++) {
		if (i && !csv)
			putchar('\n');
		(csv ? list_csv : list_text)(c, catalog_entry(cat, i));
	}
	for (size_t i = 0; i < catalog_problems(cat); i++)
		cli_error(catalog_problem(cat, i));
	n = catalog_problems(cat);
	catalog_free(cat);
	return n ? EXIT_FAIL : EXIT_OK;
}

/* ---- show ---- */

/* The directive ID|FILE names (spec NULL: the one in use). */
static int open_spec(struct cli *c, const char *spec, struct catalog_entry *out)
{
	struct dvk_error err;

	dvk_error_clear(&err);
	if (!spec) {
		*out = c->source;
		memset(&c->source, 0, sizeof c->source);
		c->source.d = NULL;
		c->dir = NULL;
		return 1;
	}
	if (catalog_spec_is_file(spec)) {
		char *bytes;
		size_t len;

		memset(out, 0, sizeof *out);
		if (!yamlio_read_file(spec, yamlio_default_limits().max_file, &bytes, &len, &err) ||
		    !(out->d = directive_load_buffer(bytes, len, spec, &err))) {
			cli_error(&err);
			return 0;
		}
		out->origin = CATALOG_FILE;
		out->path = xstrdup(spec);
		out->bytes = bytes;
		out->len = len;
		return 1;
	}
	if (!catalog_open(c->cfg.data_dir, spec, out, &err)) {
		cli_error(&err);
		return 0;
	}
	return 1;
}

static void put_line(const char *label, const char *value)
{
	printf("%s: ", label);
	cli_put(stdout, value ? value : _("not given"));
	putchar('\n');
}

/* "Sở Nội vụ; UBND các huyện", or "not given" */
static void put_agencies(const struct item *it)
{
	if (!it->nresponsible)
		printf("%s", _("not given"));
	for (size_t k = 0; k < it->nresponsible; k++) {
		if (k)
			printf("; ");
		cli_put(stdout, it->responsible[k]);
	}
}

/* The terminal's width, else $COLUMNS, else 80: a task's text is a long
 * sentence, and a line the terminal folds breaks mid-word. */
static int show_cols(void)
{
	struct winsize ws;
	const char *c = getenv("COLUMNS");

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 20)
		return ws.ws_col;
	if (c && atoi(c) > 20)
		return atoi(c);
	return 80;
}

/* lead, then s wrapped to cols with the lines after the first indented
 * under s's first word. */
static void put_wrapped(const char *lead, const char *s, int cols)
{
	char *l = text_sanitize(lead, false), *t = text_sanitize(s, false);
	int indent = text_width(l);
	size_t *starts, *lens, n = text_wrap(t, cols - indent, &starts, &lens);

	for (size_t i = 0; i < n; i++)
		printf("%*s%.*s\n", i ? indent : 0, i ? "" : l, (int)lens[i], t + starts[i]);
	free(starts);
	free(lens);
	free(l);
	free(t);
}

static void show_item(const struct item *it)
{
	int cols = show_cols();
	char *lead = xasprintf("  %s  ", it->id);

	put_wrapped(lead, it->text, cols);
	free(lead);
	if (it->nresponsible) {
		struct buf b = {0};

		for (size_t k = 0; k < it->nresponsible; k++)
			buf_printf(&b, "%s%s", k ? "; " : "", it->responsible[k]);
		lead = xasprintf("        %s: ", _("Responsible"));
		put_wrapped(lead, b.data, cols);
		free(lead);
		buf_free(&b);
	}
	if (it->deadline) {
		lead = xasprintf("        %s: ", _("Deadline"));
		put_wrapped(lead, it->deadline, cols);
		free(lead);
	}
	for (size_t k = 0; k < it->nevidence; k++) {
		printf("        - ");
		cli_put(stdout, it->evidence[k].label);
		printf(" (%s, %s)\n", it->evidence[k].key, cli_type_noun(it->evidence[k].type));
	}
}

static void show_text(const struct directive *d)
{
	cli_put(stdout, d->title);
	printf("\n");
	put_line(_("Id"), d->id);
	printf("%s: %u", _("Revision"), d->revision);
	if (d->revision_date)
		printf(_(", in force from %s"), d->revision_date);
	putchar('\n');
	put_line(_("Issuer"), d->issuer);
	put_line(_("Number"), d->number);
	put_line(_("Date"), d->date);
	put_line(_("Signer"), d->signer);
	for (size_t i = 0; i < d->nsections; i++) {
		const struct section *s = &d->sections[i];

		printf("\n");
		cli_put(stdout, s->id);
		printf(". ");
		cli_put(stdout, s->title);
		printf("\n");
		for (size_t k = 0; k < s->nitems; k++)
			show_item(&d->items[s->first_item + k]);
	}
}

static int do_show(struct cli *c, const char *spec, bool yaml)
{
	struct catalog_entry e;

	if (!spec && !c->cfg.directive) {
		struct catalog *cat = catalog_load(c->cfg.data_dir);
		size_t n = catalog_count(cat);

		catalog_free(cat);
		if (n > 1)
			return cli_usage(c->verb, _("the data folder holds several directives: "
						    "which one? (dvk directive show ID)"));
	}

	if (!open_spec(c, spec, &e))
		return EXIT_FAIL;
	if (yaml)
		fwrite(e.bytes, 1, e.len, stdout);
	else
		show_text(e.d);
	catalog_entry_free(&e);
	return EXIT_OK;
}

/* ---- add ---- */

static int add_one(struct cli *c, const char *file)
{
	struct dvk_error err;
	enum catalog_added res;
	unsigned old = 0;
	struct directive *d;
	char *bytes;
	size_t len;
	int ok = 1;

	dvk_error_clear(&err);
	if (!yamlio_read_file(file, yamlio_default_limits().max_file, &bytes, &len, &err) ||
	    !catalog_add(c->cfg.data_dir, bytes, len, file, &res, &old, &err)) {
		cli_error(&err);
		free(bytes);
		return 0;
	}
	d = directive_load_buffer(bytes, len, file, &err);
	free(bytes);
	switch (res) {
	case CATALOG_ADDED:
		printf(_("directive %s, revision %u: added to %s\n"), d->id, d->revision, c->cfg.data_dir);
		break;
	case CATALOG_UPDATED:
		printf(_("directive %s: revision %u replaces revision %u in %s\n"), d->id, d->revision, old,
		       c->cfg.data_dir);
		break;
	case CATALOG_SAME:
		printf(_("directive %s, revision %u: already there, unchanged\n"), d->id, d->revision);
		break;
	case CATALOG_OLDER:
		cli_fail(_("%s: revision %u of directive %s is older than revision %u, which stays"),
			 file, d->revision, d->id, old);
		ok = 0;
		break;
	case CATALOG_DIFFERS:
		cli_fail(_("%s: revision %u of directive %s is already there with other content; a "
			   "correction must raise the revision (revision: %u)"),
			 file, d->revision, d->id, d->revision + 1);
		ok = 0;
		break;
	}
	directive_free(d);
	return ok;
}

/* ---- diff ---- */

static void change_line(const struct directive_change *ch)
{
	const struct item *x = ch->old, *y = ch->new;
	const struct section *s = ch->old, *t = ch->new;
	const struct evidence_field *e = ch->old, *f = ch->new;

	switch (ch->kind) {
	case DCHANGE_SECTION_ADDED:
		printf("  + %s ", _("section"));
		cli_put(stdout, t->id);
		printf(". ");
		cli_put(stdout, t->title);
		break;
	case DCHANGE_SECTION_REMOVED:
		printf("  - %s ", _("section"));
		cli_put(stdout, s->id);
		printf(". ");
		cli_put(stdout, s->title);
		break;
	case DCHANGE_SECTION_TITLE:
		printf("  ~ %s ", _("section"));
		cli_put(stdout, s->id);
		printf(": ");
		cli_put(stdout, s->title);
		printf(" → ");
		cli_put(stdout, t->title);
		break;
	case DCHANGE_SECTION_TEXT:
		printf("  ~ %s ", _("section"));
		cli_put(stdout, s->id);
		printf(": %s", _("its paragraph changed"));
		break;
	case DCHANGE_ITEM_ADDED:
		printf("  + ");
		cli_put(stdout, y->id);
		printf("  ");
		cli_put(stdout, y->text);
		break;
	case DCHANGE_ITEM_REMOVED:
		printf("  - ");
		cli_put(stdout, x->id);
		printf("  ");
		cli_put(stdout, x->text);
		break;
	case DCHANGE_ITEM_TEXT:
		printf("  ~ ");
		cli_put(stdout, x->id);
		printf("\n      %s ", _("was:"));
		cli_put(stdout, x->text);
		printf("\n      %s ", _("now:"));
		cli_put(stdout, y->text);
		break;
	case DCHANGE_ITEM_MOVED:
		printf("  ~ ");
		cli_put(stdout, x->id);
		printf(": %s", _("moved to another section"));
		break;
	case DCHANGE_ITEM_DEADLINE:
		printf("  ~ ");
		cli_put(stdout, x->id);
		printf("  %s: ", _("deadline"));
		cli_put(stdout, x->deadline ? x->deadline : _("not given"));
		printf(" → ");
		cli_put(stdout, y->deadline ? y->deadline : _("not given"));
		break;
	case DCHANGE_ITEM_RESPONSIBLE:
		printf("  ~ ");
		cli_put(stdout, x->id);
		printf("  %s: ", _("responsible"));
		put_agencies(x);
		printf(" → ");
		put_agencies(y);
		break;
	case DCHANGE_EVIDENCE_ADDED:
		printf("  ~ ");
		cli_put(stdout, ch->id);
		printf("  %s %s (", _("added"), f->key);
		cli_put(stdout, f->label);
		printf(", %s)", cli_type_noun(f->type));
		break;
	case DCHANGE_EVIDENCE_REMOVED:
		printf("  ~ ");
		cli_put(stdout, ch->id);
		printf("  %s %s (", _("removed"), e->key);
		cli_put(stdout, e->label);
		printf(")");
		break;
	case DCHANGE_EVIDENCE_TYPE:
		printf("  ~ ");
		cli_put(stdout, ch->id);
		printf("  %s: %s → %s", e->key, cli_type_noun(e->type), cli_type_noun(f->type));
		break;
	case DCHANGE_EVIDENCE_LABEL:
		printf("  ~ ");
		cli_put(stdout, ch->id);
		printf("  %s: ", e->key);
		cli_put(stdout, e->label);
		printf(" → ");
		cli_put(stdout, f->label);
		break;
	}
	putchar('\n');
}

/* The changes of one group, under its heading (nothing when none). */
static void change_group(const struct directive_diff *df, const char *heading,
			 const enum directive_change_kind *kinds, size_t nkinds)
{
	size_t n = 0;

	for (size_t i = 0; i < df->n; i++)
		for (size_t k = 0; k < nkinds; k++)
			n += df->changes[i].kind == kinds[k];
	if (!n)
		return;
	printf("\n%s (%zu):\n", heading, n);
	for (size_t i = 0; i < df->n; i++)
		for (size_t k = 0; k < nkinds; k++)
			if (df->changes[i].kind == kinds[k])
				change_line(&df->changes[i]);
}

static void header_change(const char *what, const char *a, const char *b)
{
	if ((a == NULL) == (b == NULL) && (!a || strcmp(a, b) == 0))
		return;
	printf("%s: ", what);
	cli_put(stdout, a ? a : _("not given"));
	printf(" → ");
	cli_put(stdout, b ? b : _("not given"));
	putchar('\n');
}

static int do_diff(struct cli *c, const char *old_spec, const char *new_spec)
{
	static const enum directive_change_kind added[] = { DCHANGE_ITEM_ADDED },
		removed[] = { DCHANGE_ITEM_REMOVED },
		text[] = { DCHANGE_ITEM_TEXT, DCHANGE_ITEM_MOVED },
		duty[] = { DCHANGE_ITEM_DEADLINE, DCHANGE_ITEM_RESPONSIBLE },
		evidence[] = { DCHANGE_EVIDENCE_ADDED, DCHANGE_EVIDENCE_REMOVED, DCHANGE_EVIDENCE_TYPE,
			       DCHANGE_EVIDENCE_LABEL },
		sections[] = { DCHANGE_SECTION_ADDED, DCHANGE_SECTION_REMOVED, DCHANGE_SECTION_TITLE,
			       DCHANGE_SECTION_TEXT };
	struct catalog_entry a = { 0 }, b = { 0 };
	struct directive_diff df;

	if (!open_spec(c, old_spec, &a) || !open_spec(c, new_spec, &b)) {
		catalog_entry_free(&a);
		return EXIT_FAIL;
	}
	if (strcmp(a.d->id, b.d->id) != 0)
		printf(_("note: these are two directives (%s, %s), not two revisions of one\n"), a.d->id,
		       b.d->id);
	printf(_("directive %s: revision %u → revision %u\n"), b.d->id, a.d->revision, b.d->revision);
	header_change(_("revision date"), a.d->revision_date, b.d->revision_date);
	header_change(_("title"), a.d->title, b.d->title);
	header_change(_("issuer"), a.d->issuer, b.d->issuer);
	header_change(_("number and symbol"), a.d->number, b.d->number);
	header_change(_("date issued"), a.d->date, b.d->date);
	header_change(_("signer"), a.d->signer, b.d->signer);
	directive_diff(a.d, b.d, &df);
	change_group(&df, _("Items added"), added, ARRAY_LEN(added));
	change_group(&df, _("Items removed"), removed, ARRAY_LEN(removed));
	change_group(&df, _("Text changed"), text, ARRAY_LEN(text));
	change_group(&df, _("Deadlines and responsible agencies changed"), duty, ARRAY_LEN(duty));
	change_group(&df, _("Evidence changed"), evidence, ARRAY_LEN(evidence));
	change_group(&df, _("Sections changed"), sections, ARRAY_LEN(sections));
	if (!df.n)
		printf("%s\n", _("No item, evidence field or section differs."));
	directive_diff_free(&df);
	catalog_entry_free(&a);
	catalog_entry_free(&b);
	return EXIT_OK;
}

int verb_directive(struct cli *c, int argc, char **argv)
{
	const struct verb *v = c->verb;
	const char *format = NULL, *sub;
	int ch, bad = 0;

	while ((ch = cli_getopt(c, argc, argv)) != -1)
		switch (ch) {
		case 'f': format = optarg; break;
		default: return cli_usage(v, NULL);
		}
	argc -= optind, argv += optind;
	if (argc < 1)
		return cli_usage(v, _("say what to do: list, show, add or diff"));
	sub = argv[0];
	if (format && strcmp(format, "text") != 0 && strcmp(format, "csv") != 0 &&
	    strcmp(format, "yaml") != 0)
		return cli_usage(v, _("unknown format \"%s\" (text, csv or yaml)"), format);
	if (strcmp(sub, "list") == 0) {
		if (argc > 1)
			return cli_usage(v, _("too many arguments"));
		return do_list(c, format && strcmp(format, "csv") == 0);
	}
	if (strcmp(sub, "show") == 0) {
		if (argc > 2)
			return cli_usage(v, _("too many arguments"));
		return do_show(c, argc == 2 ? argv[1] : NULL, format && strcmp(format, "yaml") == 0);
	}
	if (strcmp(sub, "add") == 0) {
		if (argc < 2)
			return cli_usage(v, _("no file given"));
		for (int i = 1; i < argc; i++)
			bad += !add_one(c, argv[i]);
		return bad ? EXIT_FAIL : EXIT_OK;
	}
	if (strcmp(sub, "diff") == 0) {
		if (argc != 3)
			return cli_usage(v, _("give two directives, OLD and NEW (ids or files)"));
		return do_diff(c, argv[1], argv[2]);
	}
	return cli_usage(v, _("unknown subcommand \"%s\" (list, show, add or diff)"), sub);
}

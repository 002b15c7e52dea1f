/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/* verb_roster.c: `dvk roster list|add|remove|import|check|office`: the
 * units an office expects reports from, kept in DATA/roster.yaml (see
 * roster/roster.h). */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "report/report.h"
#include "roster/roster.h"
#include "yamlio/yamlio.h"

struct roster_args {
	const char *file;    /* --roster FILE */
	const char *name, *parent, *contact;
	const char *format;  /* list: text or csv */
	char sep;            /* import: --sep */
	bool sep_given;
};

/* ---- reading and writing the file ---- */

static char *roster_file(struct cli *c, const struct roster_args *a)
{
	return a->file ? xstrdup(a->file) : roster_path(c->cfg.data_dir);
}

/* The roster at path, or an empty one when there is none yet (missing
 * ok); NULL with a message when it does not parse. */
static struct roster *load_or_new(const char *path, bool missing_ok)
{
	struct dvk_error err;
	struct roster *r;

	dvk_error_clear(&err);
	if (!store_exists(path)) {
		if (missing_ok)
			return roster_new();
		cli_fail(_("no roster at %s (make one with `dvk roster add` or `dvk roster import FILE.csv`)"),
			 path);
		return NULL;
	}
	r = roster_load(path, &err);
	if (!r)
		cli_error(&err);
	return r;
}

typedef int (*roster_edit)(struct roster *r, const struct roster_args *a, int argc,
			   char **argv);

/* Lock the roster file, read it, change it with fn, write it back.  The
 * lock makes two reviewers adding units at once both keep theirs. */
static int update(struct cli *c, const struct roster_args *a, roster_edit fn, int argc,
		  char **argv)
{
	char *path = roster_file(c, a), *dir = xstrdup(path), *slash = strrchr(dir, '/');
	struct dvk_error err;
	struct roster *r = NULL;
	int fd = -1, status = EXIT_FAIL;

	dvk_error_clear(&err);
	if (slash)
		*slash = '\0';
	if (slash && *dir && !dvk_mkdirs(dir, &err)) {
		cli_error(&err);
		goto out;
	}
	if ((fd = store_lock(path, &err)) < 0) {
		cli_error(&err);
		goto out;
	}
	if (!(r = load_or_new(path, true)))
		goto out;
	status = fn(r, a, argc, argv);
	if (status != EXIT_OK)
		goto out;
	if (!roster_save(path, r, &err)) {
		cli_error(&err);
		status = EXIT_FAIL;
	}
out:
	if (fd >= 0)
		store_unlock(fd);
	roster_free(r);
	free(dir);
	free(path);
	return status;
}

/* ---- add, remove, office, import ---- */

static int do_add(struct roster *r, const struct roster_args *a, int argc, char **argv)
{
	struct dvk_error err;
	const char *name = a->name ? a->name : argc > 1 ? argv[1] : NULL;
	int rc;

	dvk_error_clear(&err);
	rc = roster_set_unit(r, argv[0], name, a->parent, a->contact, &err);
	if (!rc) {
		cli_fail("%s", err.message);
		return EXIT_FAIL;
	}
	printf(rc == ROSTER_ADDED ? _("added %s\n") : rc == ROSTER_UPDATED ? _("updated %s\n")
									      : _("%s: nothing changed\n"),
	       argv[0]);
	return EXIT_OK;
}

static int do_remove(struct roster *r, const struct roster_args *a, int argc, char **argv)
{
	(void)a;
	for (int i = 0; i < argc; i++)
		if (!roster_find(r, argv[i])) {
			cli_fail(_("%s is not on the roster"), argv[i]);
			return EXIT_FAIL;
		}
	for (int i = 0; i < argc; i++) {
		roster_remove(r, argv[i]);
		printf(_("removed %s\n"), argv[i]);
	}
	return EXIT_OK;
}

static int do_office_set(struct roster *r, const struct roster_args *a, int argc, char **argv)
{
	(void)a;
	for (int i = 0; i < argc; i++) {
		const char *eq = strchr(argv[i], '=');
		struct dvk_error err;
		char *key;
		int ok;

		dvk_error_clear(&err);
		if (!eq) {
			cli_fail(_("%s: expected KEY=VALUE"), argv[i]);
			return EXIT_FAIL;
		}
		key = xstrndup(argv[i], (size_t)(eq - argv[i]));
		ok = roster_set_office(r, key, eq + 1, &err);
		free(key);
		if (!ok) {
			cli_fail("%s", err.message);
			return EXIT_FAIL;
		}
	}
	return EXIT_OK;
}

static int do_import(struct roster *r, const struct roster_args *a, int argc, char **argv)
{
	struct roster_import im;
	struct dvk_error err;
	char *buf;
	size_t len;

	(void)argc;
	dvk_error_clear(&err);
	if (!yamlio_read_file(argv[0], 16 << 20, &buf, &len, &err)) {
		cli_error(&err);
		return EXIT_FAIL;
	}
	if (!roster_import_csv(r, buf, len, argv[0], a->sep_given ? a->sep : 0, &im, &err)) {
		free(buf);
		cli_error(&err);
		return EXIT_FAIL;
	}
	free(buf);
	if (im.from_cp1258)
		fprintf(stderr, "%s", _("dvk: the file is not UTF-8: read as Windows-1258 (Vietnamese)\n"));
	if (im.ids_made)
		fprintf(stderr, "%s", _("dvk: no id column: each unit's id was made from its name; "
					"tell the units their ids (`dvk roster list`)\n"));
	if (im.nignored) {
		fprintf(stderr, "%s", _("dvk: columns not used:"));
		for (size_t i = 0; i < im.nignored; i++) {
			fputs(i ? ", " : " ", stderr);
			cli_put(stderr, im.ignored[i]);
		}
		fputc('\n', stderr);
	}
	printf(_("%zu rows read: %zu added, %zu updated, %zu unchanged\n"), im.rows, im.added,
	       im.updated, im.unchanged);
	roster_import_free(&im);
	return EXIT_OK;
}

/* ---- list, office, check ---- */

static int do_list(struct cli *c, const struct roster_args *a)
{
	char *path = roster_file(c, a);
	struct roster *r = load_or_new(path, false);
	bool csv = a->format && strcmp(a->format, "csv") == 0;

	free(path);
	if (!r)
		return EXIT_FAIL;
	if (csv)
		fprintf(stdout, "%s,%s,%s,%s\r\n", _("id"), _("name"), _("parent"), _("contact"));
	for (size_t i = 0; i < roster_count(r); i++) {
		const struct roster_unit *u = roster_unit_at(r, i);
		const char *cells[] = { u->id, u->name, u->parent, u->contact };

		if (csv) {
			for (size_t k = 0; k < ARRAY_LEN(cells); k++) {
				if (k)
					fputc(',', stdout);
				cli_put_csv(stdout, cells[k] ? cells[k] : "");
			}
			fputs("\r\n", stdout);
			continue;
		}
		cli_put_padded(stdout, u->id, 24);
		fputc(' ', stdout);
		cli_put_padded(stdout, u->name ? u->name : "", 32);
		fputc(' ', stdout);
		cli_put_padded(stdout, u->parent ? u->parent : "", 20);
		fputc(' ', stdout);
		cli_put(stdout, u->contact ? u->contact : "");
		fputc('\n', stdout);
	}
	if (!csv)
		fprintf(stderr, ngettext("%zu unit on the roster\n", "%zu units on the roster\n",
					 roster_count(r)),
			roster_count(r));
	roster_free(r);
	return EXIT_OK;
}

static int show_office(struct cli *c, const struct roster_args *a)
{
	char *path = roster_file(c, a);
	struct roster *r = load_or_new(path, true);
	const struct roster_office *o;

	free(path);
	if (!r)
		return EXIT_FAIL;
	o = roster_office(r);
	for (size_t k = 0; roster_office_keys[k]; k++) {
		const char *key = roster_office_keys[k];
		const char *v = !strcmp(key, "name") ? o->name : !strcmp(key, "superior") ? o->superior
			      : !strcmp(key, "place") ? o->place : !strcmp(key, "symbol") ? o->symbol
			      : !strcmp(key, "signer_authority") ? o->authority
			      : !strcmp(key, "signer_title") ? o->signer_title
			      : !strcmp(key, "signer_name") ? o->signer_name : NULL;

		printf("%s=", key);
		if (!strcmp(key, "recipients")) {
			for (size_t i = 0; i < o->nrecipients; i++) {
				fputs(i ? "; " : "", stdout);
				cli_put(stdout, o->recipients[i]);
			}
		} else if (v) {
			cli_put(stdout, v);
		}
		fputc('\n', stdout);
	}
	roster_free(r);
	return EXIT_OK;
}

/* A parent chain that comes back to where it started. */
static bool in_cycle(const struct roster *r, const struct roster_unit *u)
{
	const struct roster_unit *p = u;

	for (size_t steps = 0; steps <= roster_count(r); steps++) {
		p = p->parent ? roster_find(r, p->parent) : NULL;
		if (!p)
			return false;
		if (p == u)
			return true;
	}
	return false;
}

static int do_check(struct cli *c, const struct roster_args *a, int argc, char **argv)
{
	char *path = roster_file(c, a), *own = NULL;
	struct roster *r = load_or_new(path, false);
	struct report *rep;
	const char **paths;
	size_t npaths = 0, nmissing = 0, nextra = 0;
	int status = EXIT_OK;

	if (!r) {
		free(path);
		return EXIT_FAIL;
	}
	for (size_t i = 0; i < roster_count(r); i++) {
		const struct roster_unit *u = roster_unit_at(r, i);

		if (in_cycle(r, u)) {
			fprintf(stderr, "%s:%d: ", path, u->line);
			fprintf(stderr, _("unit %s is its own parent through others (a loop of parents)\n"),
				u->id);
			status = EXIT_FAIL;
		}
	}
	paths = xcalloc((size_t)argc + 1, sizeof *paths);
	for (int i = 0; i < argc; i++)
		paths[npaths++] = argv[i];
	if (!npaths) {
		own = xasprintf("%s/%s", c->cfg.data_dir, c->dir->id);
		paths[npaths++] = own;
	}
	rep = store_exists(paths[0]) || npaths > 1 ? report_load(c->dir, paths, npaths) : NULL;
	for (size_t i = 0; rep && i < rep->ndiags; i++)
		cli_error(&rep->diags[i].err);
	for (size_t i = 0; i < roster_count(r); i++)
		nmissing += !rep || !report_find_unit(rep, roster_unit_at(r, i)->id);
	for (size_t u = 0; rep && u < rep->nunits; u++)
		nextra += !roster_find(r, rep->units[u].unit);
	printf(_("Roster: %zu units; %zu reported, %zu not reported; %zu files from units not on the roster.\n"),
	       roster_count(r), roster_count(r) - nmissing, nmissing, nextra);
	if (nmissing) {
		printf(_("Not reported (%zu):\n"), nmissing);
		for (size_t i = 0; i < roster_count(r); i++) {
			const struct roster_unit *u = roster_unit_at(r, i);

			if (rep && report_find_unit(rep, u->id))
				continue;
			fputs("  ", stdout);
			cli_put_padded(stdout, u->id, 24);
			fputc(' ', stdout);
			cli_put(stdout, u->name ? u->name : "");
			if (u->contact) {
				fputs("  (", stdout);
				cli_put(stdout, u->contact);
				fputc(')', stdout);
			}
			fputc('\n', stdout);
		}
	}
	if (nextra) {
		printf(_("Not on the roster (%zu):\n"), nextra);
		for (size_t k = 0; k < rep->nunits; k++) {
			const struct report_unit *u = &rep->units[k];

			if (roster_find(r, u->unit))
				continue;
			fputs("  ", stdout);
			cli_put_padded(stdout, u->unit, 24);
			fputc(' ', stdout);
			cli_put(stdout, u->name);
			fputs("  ", stdout);
			cli_put(stdout, u->npaths ? u->paths[0] : "");
			fputc('\n', stdout);
		}
	}
	if (rep && rep->nerrors)
		status = EXIT_FAIL;
	report_free(rep);
	roster_free(r);
	free(paths);
	free(own);
	free(path);
	return status;
}

/* ---- the verb ---- */

int verb_roster(struct cli *c, int argc, char **argv)
{
	const struct verb *v = c->verb;
	struct roster_args a = { 0 };
	const char *sub;
	int opt;

	/* options may follow the subcommand and its arguments */
	while ((opt = cli_getopt(c, argc, argv)) != -1) {
		switch (opt) {
		case 'r': a.file = optarg; break;
		case 'n': a.name = optarg; break;
		case 'p': a.parent = optarg; break;
		case 'c': a.contact = optarg; break;
		case 'f':
			if (strcmp(optarg, "text") && strcmp(optarg, "csv"))
				return cli_usage(v, _("unknown format \"%s\" (text or csv)"), optarg);
			a.format = optarg;
			break;
		case 's':
			if (!strcmp(optarg, "tab") || !strcmp(optarg, "\\t"))
				a.sep = '\t';
			else if (strlen(optarg) == 1 && strchr(",;\t|", optarg[0]))
				a.sep = optarg[0];
			else
				return cli_usage(v, _("--sep takes one of , ; | or tab, not \"%s\""), optarg);
			a.sep_given = true;
			break;
		default:
			return cli_usage(v, NULL);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1)
		return cli_usage(v, "%s", _("which subcommand? list, add, remove, import, check or office"));
	sub = argv[0];
	argc--;
	argv++;
	if (!strcmp(sub, "list")) {
		if (argc)
			return cli_usage(v, "%s", _("list takes no arguments"));
		return do_list(c, &a);
	}
	if (!strcmp(sub, "add")) {
		if (argc < 1 || argc > 2)
			return cli_usage(v, "%s", _("add takes ID [NAME]"));
		return update(c, &a, do_add, argc, argv);
	}
	if (!strcmp(sub, "remove")) {
		if (argc < 1)
			return cli_usage(v, "%s", _("remove takes one or more IDs"));
		return update(c, &a, do_remove, argc, argv);
	}
	if (!strcmp(sub, "import")) {
		if (argc != 1)
			return cli_usage(v, "%s", _("import takes one CSV file"));
		return update(c, &a, do_import, argc, argv);
	}
	if (!strcmp(sub, "check"))
		return do_check(c, &a, argc, argv);
	if (!strcmp(sub, "office"))
		return argc ? update(c, &a, do_office_set, argc, argv) : show_office(c, &a);
	return cli_usage(v, _("unknown subcommand \"%s\" (list, add, remove, import, check or office)"),
			 sub);
}

/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * verb_fold.c: `dvk fold [DIR]`: fold the conflict copies that Syncthing,
 * Dropbox or Nextcloud left beside the state files (store_fold_copies
 * does the work; the terminal UI calls it too, at start-up and before
 * each save).
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"

/* DIR may be the data folder or its directive folder. */
static char *data_folder(const struct cli *c, const char *dir)
{
	char *sub = xasprintf("%s/%s", dir, c->dir->id);
	struct stat sb;
	const char *base = strrchr(dir, '/');
	bool has_sub = stat(sub, &sb) == 0 && S_ISDIR(sb.st_mode);

	free(sub);
	base = base ? base + 1 : dir;
	if (!has_sub && strcmp(base, c->dir->id) == 0)
		return base == dir ? xstrdup(".") : xstrndup(dir, (size_t)(base - 1 - dir));
	return xstrdup(dir);
}

/* Print one copy's outcome; returns false if it was kept. */
static bool print_item(const struct fold_item *it)
{
	char where[DVK_ERR_MSG + DVK_ERR_PATH + 64];

	if (it->folded) {
		cli_printf(stdout, ngettext("folded %s into %s: %zu new entry", "folded %s into %s: %zu new entries",
					    it->added),
			   it->path, it->main, it->added);
		if (it->conflicts)
			printf(ngettext(", %zu conflicting value to settle", ", %zu conflicting values to settle",
					it->conflicts),
			       it->conflicts);
		printf("%s\n", _("; the copy is deleted"));
		return true;
	}
	dvk_error_format(&it->err, where, sizeof where);
	if (it->err.code == DVK_E_MISMATCH) {
		/* the message says it all: kept, and why */
		cli_error(&it->err);
	} else if (!it->main) {
		/* "FILE:LINE:COL: unreadable ...": the position leads, as in
		 * every other message */
		struct dvk_error e;

		dvk_error_setc(&e, it->err.code, it->err.path, it->err.line, it->err.col,
			       _("unreadable conflict copy, kept: %s"), it->err.message);
		cli_error(&e);
	} else {
		cli_printf(stderr, _("dvk: cannot fold %s (kept): %s\n"), it->path, where);
	}
	return false;
}

/* Conflict copies of the directive file; returns how many were kept. */
static size_t fold_directive(struct cli *c, const char *data, size_t *n)
{
	struct catalog_copy *v;
	size_t kept = 0;

	*n = catalog_fold(data, c->dir->id, &v);
	for (size_t i = 0; i < *n; i++) {
		if (v[i].folded) {
			printf(_("folded %s (directive, revision %u); the copy is deleted\n"), v[i].path,
			       v[i].revision);
		} else {
			cli_error(&v[i].err);
			kept++;
		}
	}
	catalog_copies_free(v, *n);
	return kept;
}

int verb_fold(struct cli *c, int argc, char **argv)
{
	const struct verb *v = c->verb;
	struct fold_report rep;
	struct dvk_error err;
	char *data;
	size_t kept = 0, ncopies = 0;

	if (cli_getopt(c, argc, argv) != -1)
		return cli_usage(v, NULL);
	argc -= optind, argv += optind;
	if (argc > 1)
		return cli_usage(v, _("too many arguments"));
	data = data_folder(c, argc == 1 ? argv[0] : c->cfg.data_dir);
	dvk_error_clear(&err);
	if (!store_fold_copies(data, c->dir, NULL, &rep, &err)) {
		cli_error(&err);
		free(data);
		return EXIT_FAIL;
	}
	for (size_t i = 0; i < rep.n; i++)
		kept += !print_item(&rep.items[i]);
	kept += fold_directive(c, data, &ncopies);
	if (!rep.n && !ncopies) {
		cli_printf(stdout, _("no conflict copies in %s/%s\n"), data, c->dir->id);
	}
	fold_report_free(&rep);
	free(data);
	return kept ? EXIT_FAIL : EXIT_OK;
}

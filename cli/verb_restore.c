/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * verb_restore.c: `dvk restore [BACKUP]`: list the backups kept in
 * DATA/.dvk-backups/, or merge one back.
 *
 * Restoring is a merge through the store: the backup's events join the
 * current file, so whatever was done since the backup stays.  To undo a
 * value, one sets it again; a backup only brings back what went missing.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"

static void local_stamp(int64_t ms, char *buf, size_t n)
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;

	if (!localtime_r(&t, &tm) || !strftime(buf, n, "%Y-%m-%d %H:%M:%S", &tm))
		snprintf(buf, n, "?");
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

static size_t list_backups(struct cli *c, struct backup **b)
{
	return store_backups(c->cfg.data_dir, c->dir->id, c->cfg.unit, b);
}

static int show_list(struct cli *c)
{
	struct backup *b;
	size_t n = list_backups(c, &b);

	if (!n) {
		char *where = xasprintf("%s/%s/%s", c->cfg.data_dir, BACKUP_DIR, c->dir->id);
		char *link = store_backup_dir_link(where);

		if (link) {
			/* dvk neither writes, lists nor prunes through a link */
			cli_fail(_("%s is a symbolic link: dvk keeps no backups through it; "
				   "remove the link and the next save makes the folder"),
				 cli_safe(link));
			free(link);
			free(where);
			return EXIT_FAIL;
		}

		if (c->cfg.unit)
			cli_printf(stdout, _("no backups yet in %s for %s\n"), cli_safe(where),
				   cli_safe(c->cfg.unit));
		else
			cli_printf(stdout, _("no backups yet in %s\n"), cli_safe(where));
		free(where);
		return EXIT_OK;
	}
	cli_printf(stdout, _("Backups in %s/%s/%s, newest first (the file as it was before a save):\n"),
		   cli_safe(c->cfg.data_dir), BACKUP_DIR, cli_safe(c->dir->id));
	for (size_t i = 0; i < n; i++) {
		struct dvk_error err;
		struct state *st = store_load(b[i].path, c->dir, &err);
		char when[64];

		local_stamp(b[i].when, when, sizeof when);
		printf("%4zu  %s  ", i + 1, when);
		cli_put(stdout, b[i].unit);
		if (st)
			printf(ngettext("  %zu entry  ", "  %zu entries  ", checklist_count(st->cl)),
			       checklist_count(st->cl));
		else
			printf("  %s  ", _("(unreadable)"));
		cli_put(stdout, base_name(b[i].path));
		putchar('\n');
		state_free(st);
	}
	printf("\n%s\n", _("`dvk restore N` (or a file name) merges one back; nothing done since is lost."));
	store_backups_free(b, n);
	return EXIT_OK;
}

/* BACKUP as a path, a number from the list, or a name in the folder. */
static char *find_backup(struct cli *c, const char *arg)
{
	struct backup *b;
	size_t n;
	char *found = NULL, *end;

	if (store_exists(arg))
		return xstrdup(arg);
	n = list_backups(c, &b);
	unsigned long k = strtoul(arg, &end, 10);

	if (*arg && !*end && k >= 1 && k <= n)
		found = xstrdup(b[k - 1].path);
	for (size_t i = 0; !found && i < n; i++)
		if (strcmp(base_name(b[i].path), arg) == 0)
			found = xstrdup(b[i].path);
	store_backups_free(b, n);
	if (!found)
		cli_fail(_("no backup \"%s\" (see `dvk restore`)"), arg);
	return found;
}

int verb_restore(struct cli *c, int argc, char **argv)
{
	const struct verb *v = c->verb;
	struct state *st = NULL, *after = NULL;
	struct dvk_error err;
	char *path, *main_path = NULL;
	size_t gained = 0;
	int status = EXIT_FAIL;

	if (cli_getopt(c, argc, argv) != -1)
		return cli_usage(v, NULL);
	argc -= optind, argv += optind;
	if (argc > 1)
		return cli_usage(v, _("one backup at a time"));
	if (argc == 0)
		return show_list(c);
	if (!(path = find_backup(c, argv[0])))
		return EXIT_FAIL;
	dvk_error_clear(&err);
	if (!(st = store_load(path, c->dir, &err))) {
		cli_error(&err);
		goto out;
	}
	if (c->cfg.unit && strcmp(st->unit, c->cfg.unit) != 0) {
		/* a backup of another unit (a path given by hand, a copy put
		 * in the folder): merging it would write into that unit's
		 * file from this laptop, or give this unit its work */
		cli_fail(_("%s: this backup is of unit \"%s\", not \"%s\"; refusing to restore it"),
			 path, st->unit, c->cfg.unit);
		goto out;
	}
	main_path = store_path(c->cfg.data_dir, st->directive, st->unit);
	if (!store_merge_into(main_path, st, c->dir, &gained, &err) ||
	    !(after = store_load(main_path, c->dir, &err))) {
		cli_error(&err);
		goto out;
	}
	if (!checklist_subset(st->cl, after->cl)) {
		cli_fail(_("%s: after merging, some of its entries are missing from %s"), path, main_path);
		goto out;
	}
	if (gained)
		cli_printf(stdout, ngettext("merged %s into %s: %zu entry brought back",
					    "merged %s into %s: %zu entries brought back", gained),
			   base_name(path), main_path, gained);
	else
		cli_printf(stdout, _("merged %s into %s: it already held everything in this backup, "
				     "nothing changed"),
			   base_name(path), main_path);
	printf("%s\n", _("; nothing done since was lost"));
	status = EXIT_OK;
out:
	state_free(after);
	state_free(st);
	free(main_path);
	free(path);
	return status;
}

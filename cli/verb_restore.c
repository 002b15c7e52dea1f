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
		printf("no backups yet in %s/" BACKUP_DIR "/%s", cli_safe(c->cfg.data_dir),
		       cli_safe(c->dir->id));
		if (c->cfg.unit)
			printf(" for %s", cli_safe(c->cfg.unit));
		printf("\n");
		return EXIT_OK;
	}
	printf("Backups in %s/" BACKUP_DIR "/%s, newest first (the file as it was before a save):\n",
	       cli_safe(c->cfg.data_dir), cli_safe(c->dir->id));
	for (size_t i = 0; i < n; i++) {
		struct dvk_error err;
		struct state *st = store_load(b[i].path, c->dir, &err);
		char when[64];

		local_stamp(b[i].when, when, sizeof when);
		printf("%4zu  %s  ", i + 1, when);
		cli_put(stdout, b[i].unit);
		if (st)
			printf("  %zu entr%s  ", checklist_count(st->cl), checklist_count(st->cl) == 1 ? "y" : "ies");
		else
			printf("  (unreadable)  ");
		cli_put(stdout, base_name(b[i].path));
		putchar('\n');
		state_free(st);
	}
	printf("\n`dvk restore N` (or a file name) merges one back; nothing done since is lost.\n");
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
		cli_fail("no backup \"%s\" (see `dvk restore`)", arg);
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
		cli_fail("%s: after merging, some of its entries are missing from %s", path, main_path);
		goto out;
	}
	printf("merged ");
	cli_put(stdout, base_name(path));
	printf(" into ");
	cli_put(stdout, main_path);
	if (gained)
		printf(": %zu entr%s brought back", gained, gained == 1 ? "y" : "ies");
	else
		printf(": it already held everything in this backup, nothing changed");
	printf("; nothing done since was lost\n");
	status = EXIT_OK;
out:
	state_free(after);
	state_free(st);
	free(main_path);
	free(path);
	return status;
}

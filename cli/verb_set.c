/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/* verb_set.c: `dvk set ITEM FIELD=VALUE...`: one edit from the command line. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

/* Turn "activity.KEY" into "activity.<rid>.KEY" with one new record id
 * for the whole call; "activity.<rid>.KEY" edits an existing record. */
static char *field_name(const char *field, const char *rid)
{
	if (strncmp(field, "activity.", 9) == 0 && !strchr(field + 9, '.'))
		return xasprintf("activity.%s.%s", rid, field + 9);
	return xstrdup(field);
}

/* Fold the own unit's conflict copies (Syncthing, Dropbox, Nextcloud) into
 * its file before editing it, as the TUI does: the edit then replaces the
 * values the copies hold too, instead of making a conflict with them.  A
 * copy that cannot be folded is kept and named, and the edit goes on. */
static void fold_copies(struct cli *c)
{
	struct fold_report rep;
	struct dvk_error err;

	dvk_error_clear(&err);
	if (!store_fold_copies(c->cfg.data_dir, c->dir, c->cfg.unit, &rep, &err)) {
		cli_error(&err);
		return;
	}
	for (size_t i = 0; i < rep.n; i++) {
		const struct fold_item *it = &rep.items[i];
		char where[DVK_ERR_MSG + DVK_ERR_PATH + 64];

		if (it->folded) {
			fprintf(stderr, ngettext("dvk: folded the conflict copy %s into %s (%zu new entry)\n",
						 "dvk: folded the conflict copy %s into %s (%zu new entries)\n",
						 it->added),
				cli_safe(it->path), cli_safe(it->main), it->added);
			continue;
		}
		dvk_error_format(&it->err, where, sizeof where);
		fprintf(stderr, _("dvk: cannot fold the conflict copy %s (kept): %s\n"),
			cli_safe(it->path), cli_safe(where));
	}
	fold_report_free(&rep);
}

/* Apply a rename the config holds (config_unit_apply), before the edit,
 * so both are saved together; a parent in the config that is not a unit
 * id is named but does not stop the edit. */
static int unit_from_config(struct cli *c, struct state *st, struct edit_ctx *ctx)
{
	struct dvk_error err;
	int added;

	dvk_error_clear(&err);
	added = config_unit_apply(&c->cfg, st, c->dir, ctx, &err);
	if (added < 0) {
		cli_fail("%s: %s", cli_safe(c->cfg.config_file), err.message);
		return 0;
	}
	return added;
}

/* What an edit of item is of, for people: the item's id, or for the
 * unit's own fields (a reserved id, never shown) what they are. */
static const char *edit_subject(const char *item, const struct assignment *as, size_t n)
{
	bool name = false, parent = false;

	if (strcmp(item, UNIT_ITEM) != 0)
		return cli_safe(item);
	for (size_t i = 0; i < n; i++) {
		name |= strcmp(as[i].field, UNIT_NAME) == 0;
		parent |= strcmp(as[i].field, UNIT_PARENT) == 0;
	}
	return name && !parent ? checklist_unit_label(UNIT_NAME)
	       : parent && !name ? checklist_unit_label(UNIT_PARENT) : _("The unit's name and parent");
}

int cli_edit_own(struct cli *c, const char *item, const struct assignment *as, size_t n,
		 struct edit_ctx *ctx, struct hlc *clock)
{
	struct state *st = NULL;
	struct dvk_error err;
	char *path = cli_own_path(c);
	int status = EXIT_FAIL, added, renamed;

	if (!path)
		return EXIT_FAIL;
	dvk_error_clear(&err);
	fold_copies(c);
	st = cli_load_state(c, path, true);
	if (!st)
		goto out;
	if (strcmp(st->unit, c->cfg.unit) != 0) {
		/* another unit's file copied into the own place: editing it
		 * would put this unit's work under the other unit's name */
		cli_fail(_("%s: this file is for unit \"%s\", not \"%s\"; refusing to edit it"),
			 path, st->unit, c->cfg.unit);
		goto out;
	}
	cli_attach_journal(c, st, path);
	hlc_observe(clock, checklist_max_at(st->cl), 0, ctx->now);
	renamed = unit_from_config(c, st, ctx);
	added = checklist_apply(st->cl, c->dir, item, as, n, ctx, &err);
	if (added < 0) {
		cli_fail("%s: %s", edit_subject(item, as, n), err.message);
		goto out;
	}
	if (!store_save(path, st, c->dir, NULL, &err)) {
		cli_error(&err);
		goto out;
	}
	cli_publish_directive(c);
	cli_hand_edits_saved(path, st);
	status = EXIT_OK;
	if (renamed)
		printf(_("%s: the unit's name or parent from %s is saved\n"), cli_safe(st->unit),
		       cli_safe(c->cfg.config_file));
	if (added == 0)
		cli_printf(stdout, _("%s: nothing changed\n"), edit_subject(item, as, n));
	else
		cli_printf(stdout, ngettext("%s: saved %d change to %s\n", "%s: saved %d changes to %s\n",
					    (unsigned long)added),
			   edit_subject(item, as, n), added, cli_safe(path));
out:
	free(path);
	state_free(st);
	return status;
}

int verb_set(struct cli *c, int argc, char **argv)
{
	const struct verb *v = c->verb;
	struct assignment *as;
	char **fields, *rid = NULL;
	struct edit_ctx ctx;
	struct hlc clock;
	int n, status;

	if (cli_getopt(c, argc, argv) != -1)
		return cli_usage(v, NULL);
	argc -= optind, argv += optind;
	if (argc < 2)
		return cli_usage(v, argc < 1 ? _("no item given") : _("no FIELD=VALUE given"));
	for (int i = 1; i < argc; i++)
		if (!strchr(argv[i], '=') || argv[i][0] == '=')
			return cli_usage(v, _("\"%s\" is not FIELD=VALUE"), argv[i]);
	n = argc - 1;
	if (!c->cfg.unit) {
		free(cli_own_path(c)); /* says which unit is missing */
		return EXIT_FAIL;
	}
	if (!cli_edit_begin(c, &ctx, &clock))
		return EXIT_FAIL;
	as = xcalloc((size_t)n, sizeof *as);
	fields = xcalloc((size_t)n, sizeof *fields);
	rid = checklist_new_rid(&ctx);
	for (int i = 0; i < n; i++) {
		char *eq = strchr(argv[i + 1], '=');

		*eq = '\0';
		fields[i] = field_name(argv[i + 1], rid);
		as[i].field = fields[i];
		as[i].value = eq + 1;
	}
	status = cli_edit_own(c, argv[0], as, (size_t)n, &ctx, &clock);
	cli_edit_done(c, &ctx);
	for (int i = 0; i < n; i++)
		free(fields[i]);
	free(fields);
	free(as);
	free(rid);
	return status;
}

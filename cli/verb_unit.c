/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * verb_unit.c: `dvk unit [name NAME | parent ID]`: the own unit's display
 * name and parent.
 *
 * They are values like any other (events of UNIT_ITEM, PLAN decision 4):
 * a rename is an edit, saved in the unit's file, carried by every copy
 * and merged; two copies that renamed it differently show a conflict
 * until someone sets it again.  The config keeps the same values, so that
 * the unit's files of other directives start with them, unless the unit
 * is not the config's own (config.h, own_unit).
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static int show(struct cli *c)
{
	char *path = cli_own_path(c);
	struct state *st = path ? cli_load_state(c, path, true) : NULL;

	/* a rename this laptop saved and an older copy took away still
	 * shows (the next save puts it back) */
	if (st)
		cli_attach_journal(c, st, path);
	free(path);
	if (!st)
		return EXIT_FAIL;
	cli_print_unit(c, st);
	state_free(st);
	return EXIT_OK;
}

int verb_unit(struct cli *c, int argc, char **argv)
{
	const struct verb *v = c->verb;
	struct assignment as;
	struct edit_ctx ctx;
	struct hlc clock;
	struct dvk_error err;
	int status;

	if (cli_getopt(c, argc, argv) != -1)
		return cli_usage(v, NULL);
	argc -= optind, argv += optind;
	if (argc == 0)
		return show(c);
	if (argc != 2 || (strcmp(argv[0], UNIT_NAME) != 0 && strcmp(argv[0], UNIT_PARENT) != 0))
		return cli_usage(v, _("give name NAME or parent ID"));
	if (!c->cfg.unit) {
		free(cli_own_path(c)); /* says which unit is missing */
		return EXIT_FAIL;
	}
	if (!cli_edit_begin(c, &ctx, &clock))
		return EXIT_FAIL;
	as = (struct assignment){ argv[0], argv[1] };
	status = cli_edit_own(c, UNIT_ITEM, &as, 1, &ctx, &clock);
	cli_edit_done(c, &ctx);
	dvk_error_clear(&err);
	/* The config keeps its own unit's name and parent, tied to that unit
	 * (unit: is written with them); a cadre acting for another unit
	 * (--unit, DVK_UNIT) renames that unit's file only. */
	if (status == EXIT_OK && c->cfg.own_unit &&
	    (!config_set(&c->cfg, "unit", c->cfg.unit, &err) ||
	     !config_set(&c->cfg, strcmp(argv[0], UNIT_NAME) == 0 ? "unit_name" : "parent", argv[1], &err)))
		cli_fail(_("the unit file is saved, but the config is not: %s"), err.message);
	return status;
}

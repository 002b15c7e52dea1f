/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/* verb_review.c: `dvk review UNIT ITEM approved|needs-work [COMMENT]`: a
 * reviewer's verdict, written into the unit's file in the data folder so
 * it travels back to the unit with the file. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "report/report.h"

int verb_review(struct cli *c, int argc, char **argv)
{
	const struct verb *v = c->verb;
	const char *arg[4] = {0};
	int status = EXIT_FAIL, added;
	char *path = NULL;
	struct state *st = NULL;
	struct edit_ctx ctx;
	struct hlc clock;
	struct dvk_error err;

	if (cli_getopt(c, argc, argv) != -1)
		return cli_usage(v, NULL);
	argc -= optind, argv += optind;
	if (argc > 4)
		return cli_usage(v, _("too many arguments (put the comment in quotes)"));
	if (argc < 3)
		return cli_usage(v, _("need UNIT, ITEM and approved or needs-work"));
	for (int i = 0; i < argc; i++)
		arg[i] = argv[i];
	if (!unit_id_valid(arg[0])) {
		cli_fail(_("bad unit id \"%s\" (lower-case letters, digits, '.', '_' and '-')"), arg[0]);
		return EXIT_FAIL;
	}
	if (!directive_item(c->dir, arg[1])) {
		cli_fail(_("unknown item \"%s\""), arg[1]);
		return EXIT_FAIL;
	}
	if (strcmp(arg[2], "approved") != 0 && strcmp(arg[2], "needs-work") != 0) {
		cli_fail(_("unknown verdict \"%s\" (approved or needs-work)"), arg[2]);
		return EXIT_FAIL;
	}
	path = store_path(c->cfg.data_dir, c->dir->id, arg[0]);
	if (!store_exists(path)) {
		cli_fail(_("no file of unit \"%s\" at %s (receive it first: dvk receive FILE)"), arg[0],
			 path);
		free(path);
		return EXIT_FAIL;
	}
	if (!cli_edit_begin(c, &ctx, &clock)) {
		free(path);
		return EXIT_FAIL;
	}
	dvk_error_clear(&err);
	st = cli_load_state(c, path, false);
	if (!st)
		goto out;
	if (strcmp(st->unit, arg[0]) != 0) {
		cli_fail(_("%s: this file is for unit \"%s\", not \"%s\"; refusing to write into it"), path,
			 st->unit, arg[0]);
		goto out;
	}
	/* a review is an edit this laptop makes: its journal keeps it too */
	cli_attach_journal(c, st, path);
	hlc_observe(&clock, checklist_max_at(st->cl), 0, ctx.now);
	added = report_review(st, c->dir, arg[1], arg[2], arg[3], &ctx, &err);
	if (added < 0) {
		cli_fail("%s: %s", arg[1], err.message);
		goto out;
	}
	if (!store_save(path, st, c->dir, NULL, &err)) {
		cli_error(&err);
		goto out;
	}
	cli_publish_directive(c);
	status = EXIT_OK;
	if (added == 0) {
		cli_printf(stdout, _("%s %s: nothing changed\n"), cli_safe(arg[0]), cli_safe(arg[1]));
	} else {
		/* TRANSLATORS: the verdict as typed: approved or needs-work */
		const char *verdict = strcmp(arg[2], "approved") == 0 ? _("approved") : _("needs-work");

		cli_printf(stdout, _("%s %s: %s, saved to %s\n"), cli_safe(arg[0]), cli_safe(arg[1]), verdict,
			   cli_safe(path));
	}
out:
	cli_edit_done(c, &ctx);
	state_free(st);
	free(path);
	return status;
}

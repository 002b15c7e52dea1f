/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/* verb_log.c: `dvk log [FILE] [ITEM]`: the history, oldest first.
 *
 * The history of a file is its diff against nothing: report_diff lists
 * events oldest first with the values they replaced, the same lines
 * `dvk diff` prints. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "report/report.h"

int verb_log(struct cli *c, int argc, char **argv)
{
	const struct verb *v = c->verb;
	const char *file = NULL, *item = NULL;
	char *own = NULL;
	struct checklist *none;
	struct report_diff df;
	struct state *st;
	struct item_stats stats = {0};
	const struct directive *d;

	if (cli_getopt(c, argc, argv) != -1)
		return cli_usage(v, NULL);
	argc -= optind, argv += optind;
	for (int i = 0; i < argc; i++) {
		if (!file && !item && (strchr(argv[i], '/') || strstr(argv[i], ".yaml")))
			file = argv[i];
		else if (!item)
			item = argv[i];
		else
			return cli_usage(v, _("too many arguments"));
	}
	if (!file && !(file = own = cli_own_path(c)))
		return EXIT_FAIL;
	st = cli_load_state(c, file, own != NULL);
	if (st && own)
		cli_attach_journal(c, st, own);
	free(own);
	if (!st)
		return EXIT_FAIL;
	if (item)
		checklist_item_stats(st->cl, item, &stats);
	d = cli_directive_for(c, st->directive);
	if (item && !directive_item(d, item) && !stats.nevents) {
		cli_fail(_("unknown item \"%s\""), item);
		state_free(st);
		return EXIT_FAIL;
	}
	none = checklist_new();
	report_diff_make(none, st->cl, &df);
	for (size_t i = 0; i < df.n; i++) {
		struct buf line = {0};

		if (item && strcmp(df.added[i]->item, item) != 0)
			continue;
		report_diff_line(&df, i, &line);
		cli_put_fit_note(&line, d, df.added[i]);
		cli_put_hand_note(&line, df.added[i]);
		puts(line.data);
		buf_free(&line);
	}
	report_diff_free(&df);
	checklist_free(none);
	state_free(st);
	return EXIT_OK;
}

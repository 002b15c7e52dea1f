/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/* verb_diff.c: `dvk diff A B`: the events of B that A does not hold, as
 * readable lines, oldest first (what a USB stick brings before it is
 * merged). */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "report/report.h"

int verb_diff(struct cli *c, int argc, char **argv)
{
	const struct verb *v = c->verb;
	const char *files[2];
	int status = EXIT_FAIL;
	struct state *a = NULL, *b = NULL;
	struct report_diff df;
	struct buf line = {0};

	if (cli_getopt(c, argc, argv) != -1)
		return cli_usage(v, NULL);
	argc -= optind, argv += optind;
	if (argc > 2)
		return cli_usage(v, _("too many files (give A and B)"));
	if (argc < 2)
		return cli_usage(v, _("give two files, A and B"));
	files[0] = argv[0];
	files[1] = argv[1];
	if (!(a = cli_load_state(c, files[0], false)) || !(b = cli_load_state(c, files[1], false)))
		goto out;
	if (strcmp(a->unit, b->unit) != 0) {
		cli_fail(_("%s is unit \"%s\" but %s is unit \"%s\": they do not compare"), files[0], a->unit,
			 files[1], b->unit);
		goto out;
	}
	report_diff_make(a->cl, b->cl, &df);
	for (size_t i = 0; i < df.n; i++) {
		line.len = 0;
		report_diff_line(&df, i, &line);
		cli_put_hand_note(&line, df.added[i]);
		fputs(line.data, stdout);
		putchar('\n');
	}
	cli_printf(stderr, ngettext("%zu event in %s not in %s\n", "%zu events in %s not in %s\n", df.n),
		   df.n, cli_safe(files[1]), cli_safe(files[0]));
	report_diff_free(&df);
	status = fflush(stdout) == 0 ? EXIT_OK : EXIT_FAIL;
out:
	buf_free(&line);
	state_free(a);
	state_free(b);
	return status;
}

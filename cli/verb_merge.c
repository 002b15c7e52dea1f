/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * verb_merge.c: `dvk merge [-o OUT] FILE...`: the join of state files.
 *
 * Without -o the join goes to standard output.  With -o an existing OUT
 * is treated like a unit's file being saved (store_save): locked, joined
 * in (so nothing it holds is lost), backed up and replaced atomically;
 * an OUT that does not parse, is no state file, or belongs to another
 * unit or directive is refused and left as it was.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

/* List every conflicting field on stderr: they are data, not errors. */
static void print_conflicts(const struct state *st)
{
	const struct checklist *cl = st->cl;
	const struct event *const *ev = checklist_events(cl);
	size_t nev = checklist_count(cl);

	for (size_t i = 0; i < nev;) {
		size_t j = i;
		const struct event **heads;
		bool conflict;

		while (j < nev && strcmp(ev[j]->item, ev[i]->item) == 0 &&
		       strcmp(ev[j]->field, ev[i]->field) == 0)
			j++;
		checklist_value(cl, ev[i]->item, ev[i]->field, &conflict);
		if (conflict) {
			size_t n = checklist_heads(cl, ev[i]->item, ev[i]->field, &heads);

			if (strcmp(ev[i]->item, UNIT_ITEM) == 0) /* never the reserved id */
				fprintf(stderr, _("conflict: %s:"), checklist_unit_label(ev[i]->field));
			else
				fprintf(stderr, _("conflict: %s %s:"), cli_safe(ev[i]->item),
					cli_safe(ev[i]->field));
			for (size_t k = 0; k < n; k++) {
				fprintf(stderr, "%s \"", k ? "," : "");
				cli_put(stderr, heads[k]->value);
				fprintf(stderr, "\" (");
				cli_put(stderr, heads[k]->by);
				fprintf(stderr, ")");
			}
			fputc('\n', stderr);
			free(heads);
		}
		i = j;
	}
}

/* The join of files[0..n), or NULL with a message printed. */
static struct state *join_inputs(struct cli *c, char **files, int n)
{
	struct state *acc = NULL;
	struct dvk_error err;

	dvk_error_clear(&err);
	for (int i = 0; i < n; i++) {
		struct state *st = cli_load_state(c, files[i], false);

		if (!st) {
			state_free(acc);
			return NULL;
		}
		if (!acc) {
			acc = st;
			continue;
		}
		if (!state_join(acc, st, &err)) {
			cli_fail(_("%s: cannot merge: %s"), files[i], err.message);
			state_free(st);
			state_free(acc);
			return NULL;
		}
		state_free(st);
	}
	return acc;
}

/* The join written to standard output, checked like a file. */
static int to_stdout(struct cli *c, struct state *acc)
{
	struct dvk_error err;
	size_t len;
	char *bytes;
	int ok;

	dvk_error_clear(&err);
	bytes = store_emit_checked(acc, cli_directive_for(c, acc->directive), "-", &len, &err);
	if (!bytes) {
		cli_error(&err);
		return 0;
	}
	ok = fwrite(bytes, 1, len, stdout) == len && fflush(stdout) == 0;
	if (!ok)
		cli_fail(_("cannot write the merged file to standard output"));
	free(bytes);
	return ok;
}

int verb_merge(struct cli *c, int argc, char **argv)
{
	const struct verb *v = c->verb;
	const char *out = NULL;
	struct state *acc;
	struct dvk_error err;
	int status = EXIT_FAIL, ch;

	while ((ch = cli_getopt(c, argc, argv)) != -1)
		switch (ch) {
		case 'o': out = optarg; break;
		default: return cli_usage(v, NULL);
		}
	argc -= optind, argv += optind;
	if (argc == 0)
		return cli_usage(v, _("no file given"));
	if (!(acc = join_inputs(c, argv, argc)))
		return EXIT_FAIL;
	dvk_error_clear(&err);
	if (!out) {
		status = to_stdout(c, acc) ? EXIT_OK : EXIT_FAIL;
	} else if (store_save(out, acc, cli_directive_for(c, acc->directive), NULL, &err)) {
		/* like a save: OUT locked, what it held joined in, the old
		 * file kept in the backup folder, the new one renamed in */
		status = EXIT_OK;
	} else {
		cli_error(&err);
		cli_fail(_("%s was left as it was"), out);
	}
	if (status == EXIT_OK)
		print_conflicts(acc);
	state_free(acc);
	return status;
}

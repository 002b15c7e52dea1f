/* verb_merge.c: `dvk merge FILE... [-o OUT]`: the join of state files. */
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

			fprintf(stderr, "conflict: %s %s:", ev[i]->item, ev[i]->field);
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

int verb_merge(struct cli *c, int argc, char **argv)
{
	const struct verb *v = cli_find_verb("merge");
	const char *out = NULL;
	struct state *acc = NULL;
	struct dvk_error err;
	int status = EXIT_FAIL, nfiles = 0;

	dvk_error_clear(&err);
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) {
			out = argv[++i];
			continue;
		}
		if (argv[i][0] == '-' && argv[i][1]) {
			state_free(acc);
			return cli_usage(v, "unknown option %s", argv[i]);
		}
		struct state *st = cli_load_state(c, argv[i], false);

		nfiles++;
		if (!st)
			goto out;
		if (!acc) {
			acc = st;
			continue;
		}
		if (!state_join(acc, st, &err)) {
			cli_fail("%s: cannot merge: %s", argv[i], err.message);
			state_free(st);
			goto out;
		}
		state_free(st);
	}
	if (!nfiles)
		return cli_usage(v, "no file given");
	size_t len;
	char *bytes = store_emit(acc, c->dir, &len);

	if (out ? store_write_atomic(out, bytes, len, &err) : fwrite(bytes, 1, len, stdout) == len) {
		status = EXIT_OK;
		print_conflicts(acc);
	} else if (out) {
		cli_error(&err);
	}
	free(bytes);
out:
	state_free(acc);
	return status;
}

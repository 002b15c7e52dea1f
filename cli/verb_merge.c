/* verb_merge.c: `dvk merge [-o OUT] FILE...`: the join of state files. */
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

			fprintf(stderr, "conflict: %s %s:", cli_safe(ev[i]->item), cli_safe(ev[i]->field));
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
	const struct verb *v = c->verb;
	const char *out = NULL;
	struct state *acc = NULL;
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
	dvk_error_clear(&err);
	for (int i = 0; i < argc; i++) {
		struct state *st = cli_load_state(c, argv[i], false);

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

/* verb_log.c: `dvk log [FILE] [ITEM]`: the history, oldest first. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "text/text.h"

static int by_time(const void *pa, const void *pb)
{
	const struct event *a = *(const struct event *const *)pa, *b = *(const struct event *const *)pb;

	if (a->at != b->at)
		return a->at < b->at ? -1 : 1;
	if (a->tick != b->tick)
		return a->tick < b->tick ? -1 : 1;
	return event_cmp(a, b);
}

static int by_id(const void *pa, const void *pb)
{
	const struct event *a = *(const struct event *const *)pa, *b = *(const struct event *const *)pb;

	return strcmp(a->id, b->id);
}

static const struct event *find_id(const struct event **ids, size_t n, const char *id)
{
	struct event key = { .id = (char *)id };
	const struct event *kp = &key, **hit = bsearch(&kp, ids, n, sizeof *ids, by_id);

	return hit ? *hit : NULL;
}

/* One line: when, who, item, field: old → new. */
static void print_event(const struct event *e, const struct event **ids, size_t n)
{
	char when[32];

	time_format(e->at, when, sizeof when);
	when[16] = '\0'; /* minutes are enough to read; the file has the rest */
	when[10] = ' ';
	printf("%s  ", when);
	cli_put_padded(stdout, e->by, 20);
	printf("  %-5s %s: ", e->item, e->field);
	for (size_t i = 0; i < e->npred; i++) {
		const struct event *old = find_id(ids, n, e->pred[i]);
		char *one = text_sanitize(old ? old->value : "?", false);

		printf("%s%s", i ? " | " : "", one);
		free(one);
	}
	if (e->npred)
		printf(" → ");
	char *val = text_sanitize(e->value, false);

	printf("%s\n", val);
	free(val);
}

int verb_log(struct cli *c, int argc, char **argv)
{
	const struct verb *v = cli_find_verb("log");
	const char *file = NULL, *item = NULL;
	char *own = NULL;
	struct state *st;
	const struct event **order, **ids;
	size_t n;

	for (int i = 1; i < argc; i++) {
		if (argv[i][0] == '-' && argv[i][1])
			return cli_usage(v, "unknown option %s", argv[i]);
		if (!file && !item && (strchr(argv[i], '/') || strstr(argv[i], ".yaml")))
			file = argv[i];
		else if (!item)
			item = argv[i];
		else
			return cli_usage(v, "too many arguments");
	}
	if (!file && !(file = own = cli_own_path(c)))
		return EXIT_FAIL;
	st = cli_load_state(c, file, own != NULL);
	free(own);
	if (!st)
		return EXIT_FAIL;
	if (item && !directive_item(c->dir, item)) {
		cli_fail("unknown item \"%s\"", item);
		state_free(st);
		return EXIT_FAIL;
	}
	n = st->cl->n;
	order = xmalloc((n ? n : 1) * sizeof *order);
	ids = xmalloc((n ? n : 1) * sizeof *ids);
	memcpy(order, st->cl->ev, n * sizeof *order);
	memcpy(ids, st->cl->ev, n * sizeof *ids);
	qsort(order, n, sizeof *order, by_time);
	qsort(ids, n, sizeof *ids, by_id);
	for (size_t i = 0; i < n; i++)
		if (!item || strcmp(order[i]->item, item) == 0)
			print_event(order[i], ids, n);
	free(order);
	free(ids);
	state_free(st);
	return EXIT_OK;
}

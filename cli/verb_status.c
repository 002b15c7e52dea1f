/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/* verb_status.c: `dvk status`: progress per section and overall. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "text/text.h"

#define TITLE_COLS 44
#define BAR_COLS 20

static void bar(unsigned percent)
{
	unsigned filled = percent * BAR_COLS / 100;

	putchar('[');
	for (unsigned i = 0; i < BAR_COLS; i++)
		putchar(i < filled ? '#' : '.');
	putchar(']');
}

static void text_row(const char *id, const char *title, const struct progress *p)
{
	printf("  %-4s ", id);
	cli_put_padded(stdout, title, TITLE_COLS);
	printf(" %3u/%-3u %3u%% ", p->done, p->total - p->na, progress_percent(p));
	bar(progress_percent(p));
	if (p->na)
		printf(_(" (%u n/a)"), p->na);
	if (p->conflict)
		printf(ngettext(" (%u conflict)", " (%u conflicts)", p->conflict), p->conflict);
	putchar('\n');
}

static void csv_row(const char *id, const char *title, const struct progress *p)
{
	cli_put_csv(stdout, id);
	putchar(',');
	cli_put_csv(stdout, title);
	printf(",%u,%u,%u,%u,%u\n", p->done, p->in_progress, p->na, p->total, progress_percent(p));
}

static int print_status(struct cli *c, const char *path, const struct state *st, bool csv)
{
	const struct directive *d = cli_directive_for(c, st->directive);
	struct progress p;

	if (!d) {
		cli_fail(_("%s is a file of directive %s, which this laptop does not have "
			   "(add it with dvk directive add FILE)"), path, st->directive);
		return 0;
	}

	if (csv) {
		printf("section,title,done,in_progress,not_applicable,total,percent\n");
	} else {
		cli_put(stdout, d->title);
		if (d->revision > 1 || d->revision_date) {
			printf("\n");
			if (d->revision_date)
				printf(_("revision %u, in force from %s"), d->revision, d->revision_date);
			else
				printf(_("revision %u"), d->revision);
		}
		putchar('\n');
		cli_print_unit(c, st);
		putchar('\n');
	}
	for (size_t i = 0; i < d->nsections; i++) {
		checklist_progress(st->cl, d, i, &p);
		(csv ? csv_row : text_row)(d->sections[i].id, d->sections[i].title, &p);
	}
	checklist_progress(st->cl, d, (size_t)-1, &p);
	if (csv) {
		csv_row("all", "", &p);
	} else {
		putchar('\n');
		/* TRANSLATORS: the row of all sections; 4 columns at most */
		text_row(_("all"), "", &p);
		if (checklist_conflict_count(st->cl))
			printf(ngettext("\n%zu conflicting value: see `dvk log`, settle it in dvk\n",
					"\n%zu conflicting values: see `dvk log`, settle them in dvk\n",
					checklist_conflict_count(st->cl)),
			       checklist_conflict_count(st->cl));
		cli_print_orphans(stdout, st, d);
	}
	return 1;
}

/* The journal brought back edits the own file had lost, or someone edited
 * its summary by hand: write them into the file at once (a save: lock,
 * join, atomic), so that the sync tool that lost them carries them out
 * again, and a hand edit is in the log before anyone writes over it.  A
 * failure is said, not fatal: the status shown is right either way, the
 * journal still holds what it brought back, and the hand edits are read
 * again from the file. */
static void put_back(struct cli *c, struct state *st, const char *path, size_t restored)
{
	struct dvk_error err;

	dvk_error_clear(&err);
	if (store_save(path, st, c->dir, NULL, &err)) {
		if (restored) {
			fprintf(stderr, "dvk: ");
			cli_put(stderr, path);
			fprintf(stderr, _(": put back\n"));
		}
		cli_hand_edits_saved(path, st);
		return;
	}
	cli_error(&err);
	if (restored)
		fprintf(stderr, _("dvk: they stay in this laptop's journal and go back into the file "
				  "at the next save that succeeds\n"));
}

int verb_status(struct cli *c, int argc, char **argv)
{
	const struct verb *v = c->verb;
	bool csv = false;
	int nfiles, status = EXIT_OK, ch;
	char **files;

	while ((ch = cli_getopt(c, argc, argv)) != -1)
		switch (ch) {
		case 'f':
			if (strcmp(optarg, "csv") != 0 && strcmp(optarg, "text") != 0)
				return cli_usage(v, _("unknown format \"%s\" (text or csv)"), optarg);
			csv = strcmp(optarg, "csv") == 0;
			break;
		default:
			return cli_usage(v, NULL);
		}
	files = argv + optind;
	nfiles = argc - optind;
	if (nfiles == 0) {
		char *own = cli_own_path(c);
		struct state *st = own ? cli_load_state(c, own, true) : NULL;
		size_t restored = st ? cli_attach_journal(c, st, own) : 0;

		if (st && (restored || st->nhand))
			put_back(c, st, own, restored);
		if (st && print_status(c, own, st, csv))
			cli_clock_warning(own, checklist_max_at(st->cl));
		else
			status = EXIT_FAIL;
		state_free(st);
		free(own);
	}
	for (int i = 0; i < nfiles; i++) {
		struct state *st = cli_load_state(c, files[i], false);

		if (!st) {
			status = EXIT_FAIL;
			continue;
		}
		if (i > 0 && !csv)
			putchar('\n');
		if (print_status(c, files[i], st, csv))
			cli_clock_warning(files[i], checklist_max_at(st->cl));
		else
			status = EXIT_FAIL;
		state_free(st);
	}
	return status;
}

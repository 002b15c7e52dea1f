/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/* verb_check.c: `dvk check FILE...`: validate directive and state files. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "yamlio/yamlio.h"

/* Which kind of file buf holds, by its `format:` key.  Returns the
 * format's value (borrowed from doc) or NULL with err set. */
static const char *file_format(const struct ydoc *doc, const char *path, struct dvk_error *err)
{
	const struct ynode *f;

	if (!doc->root || doc->root->kind != YNODE_MAP) {
		dvk_error_setc(err, DVK_E_SCHEMA, path, doc->root ? doc->root->line : 1,
			       doc->root ? doc->root->col : 1,
			       _("not a dvk file (expected a mapping with a 'format' key)"));
		return NULL;
	}
	f = ynode_get(doc->root, "format");
	if (!f || f->kind != YNODE_SCALAR) {
		dvk_error_setc(err, DVK_E_SCHEMA, path, doc->root->line, doc->root->col,
			       _("not a dvk file: no 'format' key"));
		return NULL;
	}
	if (strcmp(f->str, DIRECTIVE_FORMAT) != 0 && strcmp(f->str, STATE_FORMAT) != 0 &&
	    strcmp(f->str, STATE_FORMAT_V1) != 0) {
		dvk_error_setc(err, DVK_E_SCHEMA, path, f->line, f->col,
			       _("unsupported format \"%s\" (expected %s or %s)"), f->str, STATE_FORMAT,
			       DIRECTIVE_FORMAT);
		return NULL;
	}
	return f->str;
}

/* A file that does not read as a dvk file is most likely a directive a
 * person is writing by hand: dvk writes state files itself, and names
 * their format in the first line.  doc is the parse, or NULL. */
static bool written_by_hand(const char *buf, size_t len, const struct ydoc *doc)
{
	if (memmem(buf, len < 4096 ? len : 4096, "dvk-state/", 10))
		return false;
	if (!doc)
		return true;
	return doc->root && doc->root->kind == YNODE_MAP && ynode_get(doc->root, "sections");
}

static int check_one(struct cli *c, const char *path)
{
	struct dvk_error err;
	struct ydoc *doc = NULL;
	char *buf = NULL;
	size_t len;
	const char *fmt;
	int ok = 0;

	dvk_error_clear(&err);
	if (!yamlio_read_file(path, yamlio_default_limits().max_file, &buf, &len, &err))
		goto out;
	if (!(doc = yamlio_parse(buf, len, path, NULL, &err)) || !(fmt = file_format(doc, path, &err))) {
		struct dvk_error why;

		if (written_by_hand(buf, len, doc)) {
			/* the directive loader says what to change, not only
			 * what the YAML reader saw */
			struct directive *d = directive_load_buffer(buf, len, path, &why);

			if (!d)
				err = why;
			directive_free(d);
		} else {
			/* a state file cut short is named as such by the
			 * store's reader */
			struct state *st = store_parse(buf, len, path, NULL, &why);

			if (!st && why.code == DVK_E_INCOMPLETE)
				err = why;
			state_free(st);
		}
		goto out;
	}
	if (strcmp(fmt, DIRECTIVE_FORMAT) == 0) {
		struct directive *d = directive_load_buffer(buf, len, path, &err);

		if (d) {
			char *ns = xasprintf(ngettext("%zu section", "%zu sections", d->nsections),
					     d->nsections);
			char *ni = xasprintf(ngettext("%zu item", "%zu items", d->nitems), d->nitems);

			cli_printf(stdout, _("%s: ok (directive %s, %s, %s)\n"), cli_safe(path),
				   cli_safe(d->id), ns, ni);
			free(ns);
			free(ni);
			directive_free(d);
			ok = 1;
		}
	} else {
		struct state *st = store_parse(buf, len, path, NULL, &err);
		const struct directive *d = st ? cli_directive_for(c, st->directive) : NULL;

		if (st && !d) {
			/* a directive this laptop does not have: say so where the
			 * header names it */
			state_free(st);
			st = store_parse(buf, len, path, c->dir, &err);
			d = c->dir;
		} else if (st && st->nhand && !state_check_hand_edits(st, d, path, &err)) {
			/* what a summary may be changed to depends on the
			 * directive */
			state_free(st);
			st = NULL;
		}

		if (st) {
			size_t n = checklist_count(st->cl), k = checklist_conflict_count(st->cl);
			char *ne = xasprintf(ngettext("%zu event", "%zu events", n), n);
			char *nk = xasprintf(ngettext("%zu conflict", "%zu conflicts", k), k);

			cli_printf(stdout, _("%s: ok (unit %s, %s, %s)\n"), cli_safe(path),
				   cli_safe(st->unit), ne, nk);
			free(ne);
			free(nk);
			/* edits of the summary: each becomes an entry of the log at
			 * the next save of the file */
			cli_print_hand_edits(stdout, path, st);
			cli_copy_warning(path, st);
			if (d) {
				cli_revision_warning(path, st, d);
				cli_print_orphans(stdout, st, d);
			}
			if (st->format == 1) {
				/* still read, but a copy cut short between two log
				 * entries could not be told from a complete one */
				fflush(stdout);
				fprintf(stderr, "dvk: ");
				cli_put(stderr, path);
				fprintf(stderr, _(": warning: old format %s has no end marker, so a copy "
						  "cut short cannot be told from a complete one; the next "
						  "save writes %s\n"), STATE_FORMAT_V1, STATE_FORMAT);
			}
			state_free(st);
			ok = 1;
		}
	}
out:
	if (!ok)
		cli_error(&err);
	ydoc_free(doc);
	free(buf);
	return ok;
}

int verb_check(struct cli *c, int argc, char **argv)
{
	const struct verb *v = c->verb;
	int bad = 0;

	if (cli_getopt(c, argc, argv) != -1)
		return cli_usage(v, NULL);
	argc -= optind, argv += optind;
	if (argc < 1)
		return cli_usage(v, _("no file given"));
	for (int i = 0; i < argc; i++)
		bad += !check_one(c, argv[i]);
	return bad ? EXIT_FAIL : EXIT_OK;
}

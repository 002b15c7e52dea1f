/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * verb_import.c: `dvk import TEXT [-o FILE]`: a directive's text, as cadres
 * receive it, made into a dvk-directive/1 file; `dvk import --review FILE`
 * walks the result (cli/import_review.c).
 *
 * The analysis is import/'s; this file reads the text, writes the file
 * (atomically, and only bytes the directive loader accepts) and tells the
 * person what was found and what the text did not say.
 */
#include <errno.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "import/import.h"
#include "text/text.h"
#include "yamlio/yamlio.h"

/* The whole of path ("-": standard input), refusing more than max bytes. */
static char *read_text(const char *path, size_t max, size_t *len, struct dvk_error *err)
{
	struct buf b = {0};
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char chunk[65536];
	size_t n;

	if (!f) {
		dvk_error_setc(err, DVK_E_IO, path, 0, 0, _("cannot open the text: %s"), strerror(errno));
		return NULL;
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		buf_add(&b, chunk, n);
		if (b.len > max) {
			dvk_error_setc(err, DVK_E_LIMIT, path, 0, 0,
				       _("the text is too large to be one directive (more than %zu KiB)"),
				       max / 1024);
			break;
		}
	}
	if (ferror(f) && !err->message[0])
		dvk_error_setc(err, DVK_E_IO, path, 0, 0, _("cannot read the text: %s"), strerror(errno));
	if (f != stdin)
		fclose(f);
	if (err->message[0]) {
		buf_free(&b);
		return NULL;
	}
	*len = b.len;
	if (!b.data)
		buf_adds(&b, "");
	return buf_steal(&b);
}

static void fact(const char *label, const char *value)
{
	fputs("  ", stderr);
	cli_put_padded(stderr, label, 20);
	fputc(' ', stderr);
	if (value)
		cli_put(stderr, value);
	else
		fputs(_("not in the text (left empty)"), stderr);
	fputc('\n', stderr);
}

/* What was found, what the text did not say, and what to do next. */
static void summary(const struct directive *d, const struct import_stats *st, const char *out)
{
	struct buf resp = {0};

	char *secs = xasprintf(ngettext("%zu section", "%zu sections", d->nsections), d->nsections);
	char *items = xasprintf(ngettext("%zu item", "%zu items", d->nitems), d->nitems);

	fflush(stdout);
	fprintf(stderr, _("Imported: %s, %s.\n"), secs, items);
	free(secs);
	free(items);
	fact(_("Title:"), d->title);
	fact(_("Issuer:"), d->issuer);
	fact(_("Number and symbol:"), d->number);
	fact(_("Date:"), d->date);
	fact(_("Signer:"), d->signer);
	for (size_t i = 0; i < d->nrecipients; i++) {
		if (resp.len)
			buf_adds(&resp, "; ");
		buf_adds(&resp, d->recipients[i]);
	}
	fact(_("Recipients:"), resp.data);
	buf_free(&resp);
	fprintf(stderr, ngettext("  %zu item names who is responsible for it.\n",
				 "  %zu items name who is responsible for them.\n", st->with_responsible),
		st->with_responsible);
	fprintf(stderr, ngettext("  %zu item has a deadline the text states.\n",
				 "  %zu items have a deadline the text states.\n", st->with_deadline),
		st->with_deadline);
	if (st->furniture || st->duplicates)
		fprintf(stderr, _("  Left out: %zu lines of page furniture, %zu repeated paragraphs.\n"),
			st->furniture, st->duplicates);
	if (st->joined || st->restored)
		fprintf(stderr, _("  Mended: %zu line breaks inside sentences joined, %zu lost paragraph breaks restored.\n"),
			st->joined, st->restored);
	if (st->not_tasks)
		fprintf(stderr, ngettext("  %zu part kept as text only (purpose, legal bases, closing).\n",
					 "  %zu parts kept as text only (purpose, legal bases, closing).\n",
					 st->not_tasks), st->not_tasks);
	if (out) {
		fprintf(stderr, _("Next: check every item with `dvk import --review %s`,\n"
				  "then publish it with `dvk directive add %s`.\n"), cli_safe(out), cli_safe(out));
	}
}

static int import_file(const char *path, const char *out, const char *id, bool force)
{
	struct import_options opt = { .id = id };
	struct import_stats st;
	struct dvk_error err;
	struct directive *d = NULL;
	char *text = NULL, *bytes = NULL;
	size_t len, blen;
	int status = EXIT_FAIL;

	dvk_error_clear(&err);
	if (out && !force && access(out, F_OK) == 0) {
		cli_fail(_("%s already exists: give another file with -o, or --force to replace it"),
			 cli_safe(out));
		return EXIT_FAIL;
	}
	if (!(text = read_text(path, 4 * (size_t)IMPORT_MAX_TEXT, &len, &err)))
		goto fail;
	if (!(d = import_text(text, len, &opt, &st, &err))) {
		err.line = err.col = 0;
		snprintf(err.path, sizeof err.path, "%s", path);
		goto fail;
	}
	if (!(bytes = directive_write(d, out ? out : "<stdout>", &blen, &err)))
		goto fail;
	if (out ? !store_write_atomic(out, bytes, blen, &err) : fwrite(bytes, 1, blen, stdout) != blen)
		goto fail;
	summary(d, &st, out);
	status = EXIT_OK;
	goto done;
fail:
	if (err.message[0])
		cli_error(&err);
done:
	directive_free(d);
	free(text);
	free(bytes);
	return status;
}

int verb_import(struct cli *c, int argc, char **argv)
{
	const char *out = NULL, *review = NULL, *id = NULL;
	bool force = false;
	int ch;

	while ((ch = cli_getopt(c, argc, argv)) != -1)
		switch (ch) {
		case 'o': out = optarg; break;
		case 'r': review = optarg; break;
		case 'i': id = optarg; break;
		case 'f': force = true; break;
		default: return cli_usage(c->verb, NULL);
		}
	argc -= optind, argv += optind;
	if (review) {
		if (argc || out || id)
			return cli_usage(c->verb, _("--review takes only the directive file to walk"));
		return import_review(review);
	}
	if (argc != 1)
		return cli_usage(c->verb, argc ? _("one text at a time") : _("no text given"));
	if (id) {
		/* Same rule as the loader's: a folder name on any system. */
		size_t n = strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789-");

		if (!*id || n != strlen(id) || n > 64 || id[0] == '-')
			return cli_usage(c->verb, _("--id takes lower-case letters, digits and '-' (at most 64)"));
	}
	return import_file(argv[0], out, id, force);
}

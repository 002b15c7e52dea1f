/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * write.c: a directive as canonical dvk-directive/1 bytes (see directive.h).
 *
 * Used by `dvk import` and its review, which make and change directives
 * that a person then reads, edits by hand and publishes.  The bytes are
 * checked by loading them back before they are returned: a writer obeys
 * its reader, so no file dvk writes is one dvk then refuses.
 */
#include "content/directive.h"

#include <stdlib.h>
#include <string.h>

#include "yamlio/yamlio.h"

/* key: text, or key: null when the text is unknown. */
static int pair_opt(struct ywriter *w, const char *key, const char *value)
{
	if (!ywriter_scalar(w, key))
		return 0;
	return value ? ywriter_scalar(w, value) : ywriter_null(w);
}

static int write_list(struct ywriter *w, const char *key, char *const *v, size_t n)
{
	int ok = ywriter_scalar(w, key) && ywriter_seq_start(w, false);

	for (size_t i = 0; ok && i < n; i++)
		ok = ywriter_scalar(w, v[i]);
	return ok && ywriter_seq_end(w);
}

static int write_evidence(struct ywriter *w, const struct item *it)
{
	int ok = ywriter_scalar(w, "evidence") && ywriter_seq_start(w, false);

	for (size_t k = 0; ok && k < it->nevidence; k++) {
		const struct evidence_field *f = &it->evidence[k];

		ok = ywriter_flow_map_start(w) && ywriter_pair(w, "key", f->key) &&
		     ywriter_pair(w, "label", f->label) &&
		     ywriter_pair(w, "type", evidence_type_name(f->type)) &&
		     ywriter_map_end(w);
	}
	return ok && ywriter_seq_end(w);
}

static int write_item(struct ywriter *w, const struct item *it)
{
	int ok = ywriter_map_start(w) && ywriter_scalar(w, "id") &&
		 ywriter_quoted(w, it->id) && ywriter_pair(w, "text", it->text);

	if (ok && it->nresponsible)
		ok = write_list(w, "responsible", it->responsible, it->nresponsible);
	if (ok && it->deadline)
		ok = ywriter_pair(w, "deadline", it->deadline);
	if (ok && it->nevidence)
		ok = write_evidence(w, it);
	return ok && ywriter_map_end(w);
}

static int write_section(struct ywriter *w, const struct directive *d, size_t s)
{
	const struct section *sec = &d->sections[s];
	int ok = ywriter_map_start(w) && ywriter_scalar(w, "id") &&
		 ywriter_quoted(w, sec->id) && ywriter_pair(w, "title", sec->title) &&
		 ywriter_pair(w, "text", sec->text) && ywriter_scalar(w, "items") &&
		 ywriter_seq_start(w, false);

	for (size_t i = 0; ok && i < sec->nitems; i++)
		ok = write_item(w, &d->items[sec->first_item + i]);
	return ok && ywriter_seq_end(w) && ywriter_map_end(w);
}

static int write_root(struct ywriter *w, const struct directive *d)
{
	int ok = ywriter_map_start(w) && ywriter_pair(w, "format", DIRECTIVE_FORMAT) &&
		 ywriter_pair(w, "id", d->id);

	/* Revision 1 without a date is what a file without the keys means:
	 * a first edition stays free of them. */
	if (ok && (d->revision > 1 || d->revision_date))
		ok = ywriter_scalar(w, "revision") && ywriter_int(w, (long long)(d->revision ? d->revision : 1));
	if (ok && d->revision_date)
		ok = ywriter_scalar(w, "revision_date") && ywriter_quoted(w, d->revision_date);
	ok = ok && ywriter_pair(w, "title", d->title) && pair_opt(w, "issuer", d->issuer);

	if (ok && d->nrecipients)
		ok = write_list(w, "recipients", d->recipients, d->nrecipients);
	if (ok && d->scope)
		ok = ywriter_pair(w, "scope", d->scope);
	/* Unknown document facts are written as null, so a reader sees that
	 * the text did not give them rather than wonder whether they were
	 * forgotten. */
	ok = ok && ywriter_scalar(w, "document") && ywriter_map_start(w) &&
	     pair_opt(w, "number", d->number) && pair_opt(w, "date", d->date) &&
	     pair_opt(w, "signer", d->signer) && ywriter_map_end(w);
	if (ok && d->source)
		ok = ywriter_pair(w, "source", d->source);
	if (ok && d->preamble)
		ok = ywriter_pair(w, "preamble", d->preamble);
	ok = ok && ywriter_scalar(w, "sections") && ywriter_seq_start(w, false);
	for (size_t s = 0; ok && s < d->nsections; s++)
		ok = write_section(w, d, s);
	return ok && ywriter_seq_end(w) && ywriter_map_end(w);
}

char *directive_write(const struct directive *d, const char *path, size_t *len,
		      struct dvk_error *err)
{
	struct ywriter *w = ywriter_new();
	struct directive *back;
	char *bytes = NULL, *prefix;

	dvk_error_clear(err);
	prefix = xasprintf("%s\n%s\n",
			   _("# dvk directive (format dvk-directive/1). Item ids never change once"),
			   _("# units use the file. After editing it by hand, run `dvk check` on it."));
	if (write_root(w, d))
		bytes = ywriter_finish(w, prefix, len, err);
	else
		ywriter_finish(w, NULL, NULL, err);
	ywriter_free(w);
	free(prefix);
	if (!bytes)
		return NULL;
	back = directive_load_buffer(bytes, *len, path, err);
	if (!back) {
		free(bytes);
		return NULL;
	}
	directive_free(back);
	return bytes;
}

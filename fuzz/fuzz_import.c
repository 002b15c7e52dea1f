/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_import.c: libFuzzer target for the importer (import/).
 *
 * Any bytes (a paste from a PDF, a Word file saved as text, a web page,
 * or garbage) must give a directive or a refusal with a message, never a
 * crash, a leak, undefined behaviour or a hang.  A directive it gives
 * must be one dvk can publish: directive_write accepts it, the bytes load
 * back with the same sections and items in the same order, and a second
 * import of the same bytes gives the same file.  And it states only what
 * the text says: a deadline is words of the text, a number and symbol is
 * characters of the text.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content/directive.h"
#include "import/import.h"
#include "text/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz_import: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
	abort();
}

/* The text as the importer reads it, flattened for a substring test:
 * NFC, every run of blanks and line breaks one space.  Only for UTF-8
 * input (a UTF-16 text is decoded first by the importer). */
static char *flat(const char *s, size_t n)
{
	char *z = malloc(n + 1), *nfc, *out, *o;
	bool sp = false;

	if (!z)
		abort();
	memcpy(z, s, n);
	z[n] = '\0';
	nfc = text_nfc(z);
	free(z);
	out = o = malloc(strlen(nfc) + 1);
	if (!out)
		abort();
	for (const char *p = nfc; *p; p++) {
		if (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t' || *p == '\f' || *p == '\v') {
			sp = true;
			continue;
		}
		if (sp && o > out)
			*o++ = ' ';
		sp = false;
		*o++ = *p;
	}
	*o = '\0';
	free(nfc);
	return out;
}

static void check_stated(const struct directive *d, const uint8_t *data, size_t size)
{
	char *text;

	/* Only plain UTF-8 without NULs is compared: the importer decodes
	 * UTF-16, replaces bad bytes and drops NULs first. */
	if (!text_valid_utf8((const char *)data, size, NULL) || memchr(data, '\0', size))
		return;
	text = flat((const char *)data, size);
	for (size_t i = 0; i < d->nitems; i++)
		if (d->items[i].deadline && !strstr(text, d->items[i].deadline))
			fail("a deadline the text does not state", d->items[i].deadline);
	if (d->number && !strstr(text, d->number))
		fail("a number the text does not state", d->number);
	free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dvk_error err;
	struct directive *d, *again, *back;
	char *bytes, *bytes2;
	size_t len, len2;

	dvk_error_clear(&err);
	d = import_text((const char *)data, size, NULL, NULL, &err);
	if (!d) {
		if (!err.message[0])
			fail("refused with no message", NULL);
		return 0;
	}
	if (!(bytes = directive_write(d, "fuzz.yaml", &len, &err)))
		fail("the loader refuses the import", err.message);
	if (!(back = directive_load_buffer(bytes, len, "fuzz.yaml", &err)))
		fail("the written file does not load", err.message);
	if (back->nitems != d->nitems || back->nsections != d->nsections)
		fail("the file loads with other sections or items", NULL);
	for (size_t i = 0; i < d->nitems; i++)
		if (strcmp(back->items[i].id, d->items[i].id) != 0)
			fail("items out of reader order", d->items[i].id);
	check_stated(d, data, size);
	if (!(again = import_text((const char *)data, size, NULL, NULL, &err)))
		fail("a second import refuses what the first took", err.message);
	if (!(bytes2 = directive_write(again, "fuzz.yaml", &len2, &err)))
		fail("the loader refuses the second import", err.message);
	if (len != len2 || memcmp(bytes, bytes2, len) != 0)
		fail("the same text gives other bytes", NULL);
	free(bytes2);
	directive_free(again);
	directive_free(back);
	free(bytes);
	directive_free(d);
	return 0;
}

/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * gendirective.c: compile a directive file into C data.
 *
 * Usage: gendirective FILE > builtin_directive.c
 *
 * Loads FILE with the production loader (so an invalid directive fails
 * the build with FILE:LINE:COL) and prints `dvk_builtin_compiled`, a
 * struct directive whose strings are C literals, plus the file's bytes as
 * `dvk_builtin_directive` for tools that want the text itself.
 */
#include <stdio.h>
#include <stdlib.h>

#include "content/directive.h"
#include "yamlio/yamlio.h"

/* A C string literal; octal escapes for every byte outside printable
 * ASCII, so no escape can run into a following digit or letter. */
static void lit(const char *s)
{
	if (!s) {
		fputs("NULL", stdout);
		return;
	}
	putchar('"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			printf("\\%c", *p);
		else if (*p < 0x20 || *p >= 0x7f || *p == '?')
			printf("\\%03o", *p);
		else
			putchar(*p);
	}
	putchar('"');
}

static void print_bytes(const char *buf, size_t len)
{
	printf("const char dvk_builtin_directive[] = {");
	for (size_t i = 0; i < len; i++)
		printf("%s%d,", i % 20 ? "" : "\n\t", (unsigned char)buf[i]);
	printf(" 0 };\nconst unsigned long dvk_builtin_directive_len = %zu;\n\n", len);
}

static void print_items(const struct directive *d)
{
	for (size_t i = 0; i < d->nitems; i++) {
		const struct item *it = &d->items[i];

		printf("static struct evidence_field ev%zu[] = {\n", i);
		for (size_t k = 0; k < it->nevidence; k++) {
			printf("\t{ .key = ");
			lit(it->evidence[k].key);
			printf(", .label = ");
			lit(it->evidence[k].label);
			printf(", .type = %d },\n", (int)it->evidence[k].type);
		}
		printf("\t{ 0 }\n};\n");
		printf("static char *resp%zu[] = {", i);
		for (size_t k = 0; k < it->nresponsible; k++) {
			lit(it->responsible[k]);
			printf(", ");
		}
		printf("NULL };\n");
	}
	printf("static struct item items[] = {\n");
	for (size_t i = 0; i < d->nitems; i++) {
		printf("\t{ .id = ");
		lit(d->items[i].id);
		printf(", .text = ");
		lit(d->items[i].text);
		printf(", .responsible = resp%zu, .nresponsible = %zu, .deadline = ", i,
		       d->items[i].nresponsible);
		lit(d->items[i].deadline);
		printf(", .evidence = ev%zu, .nevidence = %zu, .section = %zu },\n", i,
		       d->items[i].nevidence, d->items[i].section);
	}
	printf("};\n");
}

static void print_sections(const struct directive *d)
{
	printf("static struct section sections[] = {\n");
	for (size_t i = 0; i < d->nsections; i++) {
		printf("\t{ .id = ");
		lit(d->sections[i].id);
		printf(", .title = ");
		lit(d->sections[i].title);
		printf(", .text = ");
		lit(d->sections[i].text);
		printf(", .first_item = %zu, .nitems = %zu },\n", d->sections[i].first_item,
		       d->sections[i].nitems);
	}
	printf("};\nstatic char *recipients[] = {\n");
	for (size_t i = 0; i < d->nrecipients; i++) {
		printf("\t");
		lit(d->recipients[i]);
		printf(",\n");
	}
	printf("\tNULL\n};\n");
}

static void print_directive(const struct directive *d)
{
	const struct {
		const char *name, *value;
	} fields[] = { { "id", d->id },         { "revision_date", d->revision_date },
		       { "title", d->title },   { "issuer", d->issuer },
		       { "scope", d->scope },   { "number", d->number }, { "date", d->date },
		       { "signer", d->signer }, { "source", d->source }, { "preamble", d->preamble } };

	printf("const struct directive dvk_builtin_compiled = {\n");
	for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
		printf("\t.%s = ", fields[i].name);
		lit(fields[i].value);
		printf(",\n");
	}
	printf("\t.revision = %u,\n", d->revision);
	printf("\t.recipients = recipients, .nrecipients = %zu,\n", d->nrecipients);
	printf("\t.sections = sections, .nsections = %zu,\n", d->nsections);
	printf("\t.items = items, .nitems = %zu,\n};\n", d->nitems);
}

int main(int argc, char **argv)
{
	struct dvk_error err;
	struct directive *d;
	char *buf;
	size_t len;

	if (argc != 2) {
		fprintf(stderr, "usage: gendirective FILE\n");
		return 2;
	}
	if (!yamlio_read_file(argv[1], 1 << 24, &buf, &len, &err) ||
	    !(d = directive_load_buffer(buf, len, argv[1], &err))) {
		fprintf(stderr, "%s:%d:%d: %s\n", err.path, err.line, err.col, err.message);
		return 1;
	}
	printf("/* generated from %s by tools/gendirective: do not edit */\n", argv[1]);
	printf("#include \"content/directive.h\"\n\n");
	print_bytes(buf, len);
	print_items(d);
	print_sections(d);
	print_directive(d);
	directive_free(d);
	free(buf);
	return 0;
}

/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * builtin.c: the built-in directive.
 *
 * The build runs tools/gendirective, which loads the directive YAML with the
 * same loader as any other directive and writes it out as C data
 * (build/gen/builtin_directive.c), together with the file's bytes.
 * Start-up then copies a structure instead of parsing 40 KB of YAML:
 * parsing was most of dvk's time to first paint.
 */
#include "content/directive.h"

extern const char dvk_builtin_directive[];
extern const unsigned long dvk_builtin_directive_len;
extern const struct directive dvk_builtin_compiled;

const char *directive_builtin_bytes(size_t *len)
{
	if (len)
		*len = (size_t)dvk_builtin_directive_len;
	return dvk_builtin_directive;
}

struct directive *directive_builtin(struct dvk_error *err)
{
	(void)err;
	/* A copy of the structure only: copying its ~300 strings into the
	 * heap and freeing them at exit was 5 % of the instructions dvk
	 * runs to its first screen and back. */
	struct directive *d = xmalloc(sizeof *d);
	*d = dvk_builtin_compiled;
	d->shared = true;
	return d;
}

const char *directive_builtin_id(void)
{
	return dvk_builtin_compiled.id;
}

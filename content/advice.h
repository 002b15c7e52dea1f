/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * advice.h: what a person writing a directive by hand should do about a
 * problem the directive loader found (internal to content/).
 *
 * The loader and the YAML reader say what they saw ("mapping values are
 * not allowed in this context", "unknown key"); a cán bộ editing a file
 * in Notepad needs to know what to change ("quote a text that contains
 * ': '").  These helpers look at the problem's line in the file's text
 * and say that, only where the slip is recognisable: a wrong hint is
 * worse than none.  Every sentence is translated; none prints.
 */
#ifndef CONTENT_ADVICE_H
#define CONTENT_ADVICE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/base.h"

/* Add to err what to do ("...; quote a text that contains ': ', like
 * text: \"...\""), after its message, when the text buf[0..len) shows
 * at err's line (or the one before: the reader often notices a slip a
 * line late) a slip a person makes writing YAML by hand.  err is a
 * failure of yamlio_parse on buf.  Leaves err as it is otherwise. */
void advice_syntax(const char *buf, size_t len, struct dvk_error *err);

/* Add "; " and the formatted (already translated) advice to err's
 * message, cut on a character boundary if the message is full. */
void advice_add(struct dvk_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The key of allowed[] (NULL-terminated) that key is most likely a slip
 * for (other case, a letter or two wrong, a Vietnamese name for it), or
 * NULL. */
const char *advice_near_key(const char *key, const char *const *allowed);

/* The valid item id a person most likely meant by id ("1,2" → "1.2",
 * "Mục 3" → "3", "a)" → "a", "1.2." → "1.2"), or NULL.  Caller frees. */
char *advice_item_id(const char *id);

/* The evidence type a word for it names ("ngày" → "date", "số lượng" →
 * "count", "văn bản" → "text"), or NULL. */
const char *advice_evidence_type(const char *word);

/* s made a name: ASCII letters without marks, lower case, digits, the
 * words joined by sep ('_' for evidence keys, '-' for directive ids),
 * at most max bytes; NULL if nothing is left.  Caller frees. */
char *advice_name(const char *s, char sep, size_t max);

/* "KEY: VALUE" with VALUE in YAML quotes a person can copy (cut to a
 * readable length with "…" when long).  Caller frees. */
char *advice_quoted_pair(const char *key, const char *value);

/* The text of line `line` (1-based) of buf[0..len), without its line
 * break, in *start and *n; false if there is no such line. */
bool advice_line(const char *buf, size_t len, int line, const char **start, size_t *n);

/* Byte offset in s[0..n) of 1-based character column col (n when past
 * the end). */
size_t advice_col_offset(const char *s, size_t n, int col);

#endif

/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * import.h: a directive's text as cadres receive it, turned into a directive.
 *
 * The input is what a person pastes or saves: text copied out of a PDF or
 * a Word file (hard line breaks mid-sentence, page numbers, running
 * headers, the two-column letterhead run together), or a news report of
 * the document (the lead repeated, photo captions, comment boxes, lost
 * paragraph breaks as in "quốc tế.Tăng cường").  The result is a struct
 * directive (content/directive.h) that dvk can write as dvk-directive/1:
 *
 *   - the structure the text numbers (Chương, I., Điều 1., 1., 1.1., a),
 *     (1), 1), -, +) becomes sections and items whose ids are the
 *     document's own numbering ("II.3.a"); paragraphs it does not number
 *     get numbers in reading order;
 *   - a paragraph that lists several tasks separated by ";" gives one
 *     item per task ("II.3.a.1", "II.3.a.2"), each with its text verbatim
 *     (first letter capitalised, the separator made a full stop);
 *   - purpose and requirements ("Mục đích, yêu cầu"), objectives, legal
 *     bases ("Căn cứ ...") and the closing formula are kept in the
 *     preamble or the section text, never made tasks;
 *   - the agencies a task names as responsible, and its deadline where the
 *     text states one, are kept on the item; the document's number and
 *     symbol, date, issuer, signer and recipients where the text gives
 *     them.  What the text does not say stays NULL: nothing is guessed.
 *
 * Pure text analysis: no file I/O, no terminal, no global state; the same
 * input always gives the same directive.  Errors (empty text, text too
 * large, no task found) fill a struct dvk_error with a translated message
 * and no position.
 */
#ifndef IMPORT_IMPORT_H
#define IMPORT_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/base.h"
#include "content/directive.h"

/* Largest text import_text takes, in bytes after decoding: one directive
 * is tens of kilobytes; a megabyte is some hundreds of pages. */
#define IMPORT_MAX_TEXT (1024 * 1024)

/* Most items one import may give: more is not one directive. */
#define IMPORT_MAX_ITEMS 5000

struct import_options {
	/* The directive id to use ([a-z0-9-], up to 64), or NULL to make one
	 * from the document's number and year, else from its title. */
	const char *id;
};

/* What the analysis did, for the summary a front end prints. */
struct import_stats {
	size_t lines;          /* lines of text read */
	size_t furniture;      /* page numbers, running heads, web page parts dropped */
	size_t duplicates;     /* repeated leads and titles dropped */
	size_t joined;         /* hard line breaks inside a sentence joined */
	size_t restored;       /* lost paragraph breaks restored ("tế.Tăng") */
	size_t not_tasks;      /* paragraphs kept as text but not made tasks */
	size_t split;          /* items that came from splitting a paragraph at ";" */
	size_t with_deadline;  /* items with a deadline the text states */
	size_t with_responsible; /* items with a responsible agency */
};

/* Analyse text[0..len) (UTF-8, or UTF-16 with a byte-order mark; invalid
 * bytes become U+FFFD; CRLF, NFD and NUL are handled).  Returns a new
 * directive that the caller frees with directive_free, and fills *stats
 * when stats is non-NULL; or NULL with err set (DVK_E_INVALID: nothing to
 * import or no task found; DVK_E_LIMIT: over IMPORT_MAX_TEXT or
 * IMPORT_MAX_ITEMS).  The directive always satisfies the loader:
 * directive_write accepts it. */
struct directive *import_text(const char *text, size_t len,
			      const struct import_options *opt,
			      struct import_stats *stats, struct dvk_error *err);

#endif

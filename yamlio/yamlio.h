/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * yamlio.h: safe YAML reading and canonical YAML writing on libyaml.
 *
 * Reading uses libyaml's event API and builds a small tree of scalars,
 * mappings and sequences.  It refuses what dvk's files never need and what
 * makes YAML dangerous: anchors, aliases, explicit tags, duplicate keys,
 * non-scalar keys, more than one document, nesting deeper than a cap,
 * scalars longer than a cap, files larger than a cap, invalid UTF-8, and
 * git conflict markers (named as such, so a person knows what happened).
 * A UTF-8 byte-order mark and CRLF line ends are accepted.
 *
 * Every error fills a struct dvk_error with the file name given by the
 * caller and a 1-based line and column.
 *
 * Writing wraps libyaml's emitter with the settings that make files
 * diff-stable and readable: block style, 2-space indent, UTF-8 unescaped,
 * never folded, LF, literal "|" blocks for multi-line text, and quotes on
 * every scalar a YAML 1.1 reader would otherwise turn into a number, date,
 * bool or null ("1.2", "45", "2023-03-14", "yes").
 */
#ifndef YAMLIO_YAMLIO_H
#define YAMLIO_YAMLIO_H

#include <stdbool.h>
#include <stddef.h>

#include "base/base.h"

/* Caps on what the reader accepts.  yamlio_default_limits() gives dvk's:
 * 32 MiB file, depth 16, 1 MiB scalar.  Every writer of state files
 * checks what it writes against the same caps (store_emit_checked), so a
 * file dvk wrote can always be read again; README.md, "Limits", has the
 * arithmetic behind them. */
struct yamlio_limits {
	size_t max_file;
	int max_depth;
	size_t max_scalar;
};

struct yamlio_limits yamlio_default_limits(void);

enum ynode_kind { YNODE_SCALAR, YNODE_MAP, YNODE_SEQ };

struct ynode;

/* One key/value pair of a mapping: keys are always scalars. */
struct ypair {
	struct ynode *key;
	struct ynode *val;
};

struct ynode {
	enum ynode_kind kind;
	int line, col;     /* 1-based start of the node */
	/* YNODE_SCALAR */
	char *str;         /* NUL-terminated; may hold NULs if len says so */
	size_t len;
	bool plain;        /* written without quotes or block style */
	/* YNODE_MAP: pairs[0..n); YNODE_SEQ: items[0..n) */
	struct ypair *pairs;
	struct ynode **items;
	size_t n;
};

/* A parsed document.  Owns every node and string in it (one arena). */
struct ydoc {
	struct ynode *root; /* NULL for an empty document */
	struct arena *arena;
};

/* Parse buf[0..len) as exactly one YAML document under lim (NULL means the
 * defaults).  path is used only in error messages.  Returns a document
 * that the caller frees with ydoc_free, or NULL with err filled. */
struct ydoc *yamlio_parse(const char *buf, size_t len, const char *path,
			  const struct yamlio_limits *lim, struct dvk_error *err);

/* ---- reading a large file piece by piece ---- */

/* One child of a streamed collection: a log entry, or one item of a
 * mapping such as a state file's summary (then key is its key).
 * bytes[0..len) is its text, from the start of the line it starts on to
 * the start of the line where what follows it starts, so the texts of
 * consecutive children are consecutive bytes of the file; offset is where
 * it starts in the file, index its place in the collection.  Everything
 * is borrowed for the call only. */
struct ychild {
	const struct ynode *key;
	const struct ynode *node;
	const char *bytes;
	size_t len, offset, index;
};

/* What to stream, and what the parse tells about the file. */
struct ystream {
	const char *const *keys; /* top-level keys to stream; NULL-terminated */
	/* Called for each child in turn (key names the collection); returns 1
	 * to go on, or 0 to stop the parse after filling the parse's error. */
	int (*fn)(const char *key, const struct ychild *c, void *arg);
	void *arg;
	struct dvk_digest digest; /* out: the digest of the file's bytes */
};

/* A file up to this size is read whole, once, by yamlio_parse_stream
 * (and may be by its callers); a bigger one in pieces. */
#define YAMLIO_WHOLE_MAX ((size_t)256 * 1024)

/* Parse like yamlio_parse, but hand each child of the collections under
 * s->keys to s->fn as soon as it is read, then forget it: the memory a
 * parse needs is that of its largest child, not of the file.  In the
 * document returned those collections are empty.  Reads the file at path
 * (twice, in pieces, never whole) or, when buf is not NULL, buf[0..len)
 * (path is then used in messages only).  NULL with err on failure,
 * including any failure s->fn reports. */
struct ydoc *yamlio_parse_stream(const char *path, const char *buf, size_t len,
				 const struct yamlio_limits *lim, struct ystream *s,
				 struct dvk_error *err);

/* Read a whole file into memory, refusing files over max bytes.  Returns 1
 * and sets *out (caller frees) and *len, or 0 with err filled. */
int yamlio_read_file(const char *path, size_t max, char **out, size_t *len,
		     struct dvk_error *err);

void ydoc_free(struct ydoc *doc);

/* The value for key in map, or NULL if map is not a mapping or has no
 * such key.  Borrowed from the document. */
const struct ynode *ynode_get(const struct ynode *map, const char *key);

/* True if n is a plain "null", "~", or empty plain scalar, or n is NULL
 * (so an absent key and an empty value read the same). */
bool ynode_is_null(const struct ynode *n);

/* ---- writing ---- */

struct ywriter;

/* A writer that appends to an in-memory buffer.  Free with ywriter_free
 * (also after an error). */
struct ywriter *ywriter_new(void);
void ywriter_free(struct ywriter *w);

/* Events, in document order.  Each returns 1, or 0 after the first
 * failure (later calls then do nothing and also return 0). */
int ywriter_map_start(struct ywriter *w);
/* A mapping on one line, {key: value, ...}: for short records. */
int ywriter_flow_map_start(struct ywriter *w);
int ywriter_map_end(struct ywriter *w);
int ywriter_seq_start(struct ywriter *w, bool flow);
int ywriter_seq_end(struct ywriter *w);
/* A scalar in the canonical style: literal block if it has a newline,
 * double quotes if a YAML 1.1 reader would type it or it is not plain-safe,
 * plain otherwise. */
int ywriter_scalar(struct ywriter *w, const char *s);
/* A scalar always in double quotes (used for ids and timestamps). */
int ywriter_quoted(struct ywriter *w, const char *s);
/* An integer, written plain ("gen: 1"): the one kind of scalar meant to
 * be typed by a YAML reader.  dvk's reader still sees the string "1". */
int ywriter_int(struct ywriter *w, long long v);
/* A plain null ("null"): a value the document does not know. */
int ywriter_null(struct ywriter *w);
/* key: value shorthand for a string value. */
int ywriter_pair(struct ywriter *w, const char *key, const char *value);

/* Finish the document.  Returns the bytes (caller frees; *len set), or
 * NULL with err filled.  prefix (may be NULL) is written first, verbatim:
 * a comment header such as "# dvk state file ...\n". */
char *ywriter_finish(struct ywriter *w, const char *prefix, size_t *len,
		     struct dvk_error *err);

/* Append s to b as a ywriter in block context writes it (quoted: as
 * ywriter_quoted does), without libyaml, and return true, when that text
 * is certain: one line of characters libyaml writes as they are.
 * Otherwise append nothing and return false (write it with a ywriter). */
bool yamlio_fast_scalar(struct buf *b, const char *s, bool quoted);

/* Append s, a text of several lines, as a ywriter writes it as the value
 * of a key in block context whose lines it indents by indent spaces: the
 * literal block header ("|-" or "|") and its lines, each ending in a line
 * break; return true.  When that text is not certain (a blank before a
 * line break, other control characters, ...), append nothing and return
 * false (write it with a ywriter). */
bool yamlio_fast_block(struct buf *b, const char *s, int indent);

/* True if a YAML 1.1 reader would give s a type other than string when
 * written plain (numbers, dates, bools, null, ...), or s cannot be written
 * plain at all. */
bool yamlio_needs_quotes(const char *s);

#endif

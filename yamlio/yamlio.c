/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * yamlio.c: safe YAML reading and canonical YAML writing on libyaml (see
 * yamlio.h).
 *
 * The reader never uses yaml_parser_load: the document API turns aliases
 * into shared nodes (a "billion laughs" file is 23 nodes that a walk visits
 * a million times, a self-alias is a cycle) and silently accepts duplicate
 * keys.  Instead it pulls events one at a time and builds its own tree with
 * an explicit stack, so depth is checked before anything is built and no
 * recursion depends on the input.
 */
#include "yamlio/yamlio.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <unistr.h>
#include <yaml.h>

#include "yamlio/arena.h"

/* Messages are English msgids: reader_error and dvk_error_set look them
 * up (N_ marks them for xgettext). */
#define MSG_ANCHOR N_("anchors and aliases (&, *) are not allowed")
#define MSG_TAG N_("tags (!!\xE2\x80\xA6) are not allowed")
#define MSG_CONFLICT N_("git conflict marker: this file was merged as text by " \
	"git; run `dvk git-resolve FILE` to repair it")

/* Keys quoted in error messages are cut to this many characters. */
#define SHOW_KEY_CHARS 40

struct yamlio_limits yamlio_default_limits(void)
{
	struct yamlio_limits lim = {
		.max_file = (size_t)32 * 1024 * 1024,
		.max_depth = 16,
		.max_scalar = (size_t)1024 * 1024,
	};

	return lim;
}

/* ---- positions ----
 *
 * libyaml counts lines at CRLF, CR, LF, NEL, LS and PS, and columns in
 * characters, not bytes, starting after a byte-order mark.  The checks made
 * before libyaml runs (UTF-8, conflict markers) count the same way, so
 * every position in an error means the same thing. */

/* Bytes of the line break at p[0..left), or 0 if p is not at one. */
static size_t break_len(const unsigned char *p, size_t left)
{
	if (left == 0)
		return 0;
	if (p[0] == '\r')
		return left >= 2 && p[1] == '\n' ? 2 : 1;
	if (p[0] == '\n')
		return 1;
	if (left >= 2 && p[0] == 0xC2 && p[1] == 0x85)
		return 2;
	if (left >= 3 && p[0] == 0xE2 && p[1] == 0x80 &&
	    (p[2] == 0xA8 || p[2] == 0xA9))
		return 3;
	return 0;
}

static size_t bom_len(const char *buf, size_t len)
{
	return len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

static int clamp_int(size_t v)
{
	return v > INT_MAX ? INT_MAX : (int)v;
}

/* The 1-based line and column of byte off in buf. */
static void position_of(const char *buf, size_t len, size_t off, int *line,
			int *col)
{
	const unsigned char *p = (const unsigned char *)buf;
	size_t i = bom_len(buf, len), l = 1, c = 1;

	if (off > len)
		off = len;
	while (i < off) {
		size_t b = break_len(p + i, len - i);

		if (b) {
			l++;
			c = 1;
			i += b;
			continue;
		}
		if ((p[i] & 0xC0) != 0x80) /* not a continuation byte */
			c++;
		i++;
	}
	*line = clamp_int(l);
	*col = clamp_int(c);
}

/* The byte offset of a libyaml mark (0-based line, column in characters). */
static size_t offset_of_mark(const char *buf, size_t len, yaml_mark_t m)
{
	const unsigned char *p = (const unsigned char *)buf;
	size_t i = bom_len(buf, len), line = 0, col = m.column;

	while (i < len && line < m.line) {
		size_t b = break_len(p + i, len - i);

		if (b) {
			line++;
			i += b;
		} else {
			i++;
		}
	}
	while (i < len && col > 0 && !break_len(p + i, len - i)) {
		i++;
		while (i < len && (p[i] & 0xC0) == 0x80)
			i++;
		col--;
	}
	return i;
}

/* ---- checks made before parsing ---- */

/* True if p[0..left) starts with a git conflict marker line. */
static bool is_conflict_marker(const unsigned char *p, size_t left)
{
	static const char *const marks[] = {
		"<<<<<<<", "|||||||", ">>>>>>>", "=======",
	};
	size_t i;

	if (left < 7)
		return false;
	for (i = 0; i < ARRAY_LEN(marks); i++) {
		const unsigned char *rest = p + 7;
		size_t r = left - 7;
		bool eol;

		if (memcmp(p, marks[i], 7) != 0)
			continue;
		eol = r == 0 || break_len(rest, r) > 0;
		/* "=======" stands alone; the others carry a label. */
		if (marks[i][0] == '=')
			return eol;
		return eol || rest[0] == ' ';
	}
	return false;
}

/* True if buf holds seven c in a row somewhere. */
static bool has_run7(const char *buf, size_t len, char c)
{
	const char *p = buf, *end = buf + len;

	while ((p = memchr(p, c, (size_t)(end - p)))) {
		size_t run = 1;

		while (p + run < end && p[run] == c && run < 7)
			run++;
		if (run == 7)
			return true;
		p += run;
	}
	return false;
}

/* True if every line break libyaml counts in buf[0..len) is a '\n' (alone
 * or after a '\r'): no lone CR, no NEL, LS or PS.  Then an event's line
 * number alone says where its line starts, and nothing needs to map
 * libyaml's character counts to bytes.  A '\r' that ends buf is a lone
 * one only at the end of the text (last): the next piece of a file may
 * start with its '\n'. */
static bool newline_breaks_only(const char *buf, size_t len, bool last)
{
	const char *end = buf + len, *p;

	for (p = buf; (p = memchr(p, '\r', (size_t)(end - p))); p++)
		if (p + 1 < end ? p[1] != '\n' : last)
			return false;
	for (p = buf; (p = memchr(p, '\xC2', (size_t)(end - p))); p++)
		if (p + 1 < end && p[1] == '\x85')
			return false;
	for (p = buf; (p = memchr(p, '\xE2', (size_t)(end - p))); p++)
		if (p + 2 < end && p[1] == '\x80' && (p[2] == '\xA8' || p[2] == '\xA9'))
			return false;
	return true;
}

/* The 1-based line of the first conflict marker, or 0 if there is none. */
static int find_conflict_marker(const char *buf, size_t len)
{
	const unsigned char *p = (const unsigned char *)buf;
	size_t i = bom_len(buf, len), line = 1;

	/* Nearly every file has no marker at all: memchr (vectorised) finds
	 * that far faster than walking the lines. */
	if (!has_run7(buf, len, '<') && !has_run7(buf, len, '=') &&
	    !has_run7(buf, len, '>') && !has_run7(buf, len, '|'))
		return 0;
	for (;;) {
		size_t b = 0;

		if (is_conflict_marker(p + i, len - i))
			return clamp_int(line);
		while (i < len && !(b = break_len(p + i, len - i)))
			i++;
		if (i >= len)
			return 0;
		i += b;
		line++;
	}
}

/* ---- the reader ---- */

/* Mappings with fewer keys than this find duplicates by scanning. */
#define SMALL_MAP 12

struct frame {
	struct ynode *node;    /* the open mapping or sequence */
	struct ynode **items;  /* YNODE_SEQ: children so far */
	struct ypair *pairs;   /* YNODE_MAP: complete pairs so far */
	size_t n, icap, pcap;  /* kept apart: a frame is reused for both kinds */
	struct ynode *key;     /* YNODE_MAP: a key still waiting for its value */
	struct ynode **keys;   /* YNODE_MAP: hash set of keys (open addressing) */
	size_t kcap;           /* a power of two, or 0 */
	bool hashed;           /* keys holds this mapping's keys (else scan pairs) */
};

struct reader {
	/* The whole text, when it is in memory (always for yamlio_parse; for
	 * a file being streamed only once an error needs it). */
	const char *buf;
	size_t len;
	char *owned;           /* buf when the reader read it for an error */
	/* A file streamed in pieces: win holds its bytes [win_off, win_off +
	 * win_len), from what a child still pending needs to what libyaml was
	 * last given (served); in memory, win is buf. */
	int fd;
	char *win;
	size_t win_off, win_len, win_cap, served, total;
	size_t bom;
	size_t cur_char, cur_byte; /* libyaml counts characters; this pair maps */
	/* ...or, when every break is a '\n' (newline_breaks_only), the start
	 * of line line_no, found by memchr: far cheaper than counting */
	bool by_line;
	size_t line_no, line_byte;
	/* the children of the streamed collection */
	struct ystream *stream;
	int sframe;            /* depth index of the streamed collection, or -1 */
	bool in_child, child_done;
	size_t child_start, nchild;
	const struct ynode *child_key, *child_node;
	const char *stream_key;
	struct arena_mark mark;
	const char *path;
	const struct yamlio_limits *lim;
	struct dvk_error *err;
	struct arena *arena;
	struct frame *frames; /* frames[0..depth): open collections */
	int depth, frames_cap;
	struct ynode *root;
	int docs;
	bool done;
};

/* Streaming (below): parts of the reader that need them call these. */
static bool stream_wants(const struct ystream *st, const struct ynode *key);
static void reader_need_text(struct reader *r);
static int stream_event(struct reader *r, const yaml_event_t *ev);

static int mark_line(yaml_mark_t m)
{
	return clamp_int(m.line + 1);
}

static int mark_col(yaml_mark_t m)
{
	return clamp_int(m.column + 1);
}

static int reader_error(struct reader *r, int line, int col, const char *fmt,
			...) __attribute__((format(printf, 4, 5)));

static int reader_error(struct reader *r, int line, int col, const char *fmt,
			...)
{
	char msg[DVK_ERR_MSG];
	va_list ap;

	/* fmt is a msgid (update-po.sh: --keyword=reader_error:4) */
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, gettext(fmt), ap);
	va_end(ap);
	return dvk_error_set(r->err, r->path, line, col, "%s", msg);
}

/* A key made safe and short enough to quote in a message: at most
 * SHOW_KEY_CHARS characters, control characters shown as '?'.  The key is
 * valid UTF-8 (the input was checked), so cutting at a lead byte is safe. */
static void show_key(char *out, size_t outsz, const char *s, size_t n)
{
	struct buf b = {0};
	size_t i = 0, chars = 0;

	while (i < n && chars < SHOW_KEY_CHARS) {
		unsigned char c = (unsigned char)s[i];
		size_t w = 1;

		while (i + w < n && ((unsigned char)s[i + w] & 0xC0) == 0x80)
			w++;
		if (c < 0x20 || c == 0x7F)
			buf_addc(&b, '?');
		else
			buf_add(&b, s + i, w);
		i += w;
		chars++;
	}
	if (i < n)
		buf_adds(&b, "\xE2\x80\xA6");
	snprintf(out, outsz, "%s", b.data ? b.data : "");
	buf_free(&b);
}

static uint64_t hash_bytes(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325u; /* FNV-1a */
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3u;
	}
	return h;
}

static bool same_key(const struct ynode *a, const struct ynode *b)
{
	return a->len == b->len && memcmp(a->str, b->str, a->len) == 0;
}

/* Insert key into the frame's key set without checking for equals. */
static void keyset_put(struct frame *f, struct ynode *key)
{
	size_t mask = f->kcap - 1;
	size_t i = (size_t)hash_bytes(key->str, key->len) & mask;

	while (f->keys[i])
		i = (i + 1) & mask;
	f->keys[i] = key;
}

/*
 * The earlier key of f equal to key, or NULL after adding key to the set.
 * A hash set rather than a scan of the pairs: a hostile 16 MiB mapping
 * with a million keys must not cost a million squared comparisons.  Keys
 * are compared by their bytes, so `1` and "1" are the same key: dvk reads
 * every scalar as a string.
 */
static struct ynode *keyset_find_or_add(struct frame *f, struct ynode *key)
{
	size_t mask, i;

	/* A log entry has ten keys: scanning them beats hashing. */
	if (f->n < SMALL_MAP && !f->hashed) {
		for (i = 0; i < f->n; i++)
			if (same_key(f->pairs[i].key, key))
				return f->pairs[i].key;
		return NULL;
	}
	if (!f->hashed || (f->n + 1) * 2 > f->kcap) {
		size_t j;

		if (!f->kcap || (f->n + 1) * 2 > f->kcap) {
			free(f->keys);
			f->kcap = f->kcap ? f->kcap : 16;
			while ((f->n + 1) * 2 > f->kcap)
				f->kcap *= 2;
			f->keys = xmalloc(f->kcap * sizeof *f->keys);
		}
		memset(f->keys, 0, f->kcap * sizeof *f->keys);
		for (j = 0; j < f->n; j++)
			keyset_put(f, f->pairs[j].key);
		f->hashed = true;
	}
	mask = f->kcap - 1;
	i = (size_t)hash_bytes(key->str, key->len) & mask;
	while (f->keys[i]) {
		if (same_key(f->keys[i], key))
			return f->keys[i];
		i = (i + 1) & mask;
	}
	f->keys[i] = key;
	return NULL;
}

static void frame_release(struct frame *f)
{
	free(f->items);
	free(f->pairs);
	free(f->keys);
	memset(f, 0, sizeof *f);
}

/* A node with extra bytes after it (a scalar's text: one allocation
 * instead of two, for the commonest node). */
static struct ynode *new_node(struct reader *r, enum ynode_kind kind,
			      yaml_mark_t m, size_t extra)
{
	struct ynode *node = arena_alloc_uninit(r->arena, sizeof *node + extra);

	/* One store of the whole node: there is one per scalar, and zeroing
	 * it first through memset cost as much as filling it. */
	*node = (struct ynode){ .kind = kind, .line = mark_line(m), .col = mark_col(m) };
	return node;
}

/* Remember the pair key: value of a mapping frame. */
static void frame_add_pair(struct frame *f, struct ynode *key, struct ynode *val)
{
	if (f->n == f->pcap) {
		f->pcap = f->pcap ? f->pcap * 2 : 8;
		f->pairs = xrealloc(f->pairs, f->pcap * sizeof *f->pairs);
	}
	f->pairs[f->n].key = key;
	f->pairs[f->n].val = val;
	f->n++;
}

static int duplicate_key(struct reader *r, const struct ynode *node, const struct ynode *first)
{
	char shown[SHOW_KEY_CHARS * 4 + 8];

	show_key(shown, sizeof shown, node->str, node->len);
	return reader_error(r, node->line, node->col, "duplicate key '%s' (first at line %d)",
			    shown, first->line);
}

/* A node finished in the collection being streamed: a key is kept (for
 * duplicates; the child's memory starts after it), a child is handed over
 * at the next event, when where it ends is known. */
static int attach_streamed(struct reader *r, struct frame *f, struct ynode *node)
{
	struct ynode *first;

	if (f->node->kind == YNODE_MAP && !f->key) {
		if ((first = keyset_find_or_add(f, node)))
			return duplicate_key(r, node, first);
		f->key = node;
		r->child_key = node;
		r->mark = arena_mark(r->arena);
		return 1;
	}
	if (f->node->kind == YNODE_MAP) {
		frame_add_pair(f, f->key, NULL); /* the key stays, for duplicates */
		f->key = NULL;
	}
	r->child_node = node;
	r->child_done = true;
	return 1;
}

/* Hang a finished node on its parent (or make it the root). */
static int attach(struct reader *r, struct ynode *node)
{
	struct frame *f;

	if (r->depth == 0) {
		r->root = node;
		return 1;
	}
	f = &r->frames[r->depth - 1];
	if (r->depth - 1 == r->sframe)
		return attach_streamed(r, f, node);
	if (f->node->kind == YNODE_SEQ) {
		if (f->n == f->icap) {
			f->icap = f->icap ? f->icap * 2 : 8;
			f->items = xrealloc(f->items, f->icap * sizeof *f->items);
		}
		f->items[f->n++] = node;
		return 1;
	}
	if (!f->key) {
		/* Collections used as keys were refused when they started. */
		struct ynode *first = keyset_find_or_add(f, node);

		if (first)
			return duplicate_key(r, node, first);
		f->key = node;
		return 1;
	}
	frame_add_pair(f, f->key, node);
	f->key = NULL;
	return 1;
}

static int check_node_props(struct reader *r, const yaml_event_t *ev,
			    const yaml_char_t *anchor, const yaml_char_t *tag)
{
	/* An anchor and a tag may come in either order; name the first. */
	if (anchor && tag) {
		size_t off = (reader_need_text(r), offset_of_mark(r->buf, r->len, ev->start_mark));
		bool tag_first = off < r->len && r->buf[off] == '!';

		return reader_error(r, mark_line(ev->start_mark),
				    mark_col(ev->start_mark), "%s",
				    tag_first ? MSG_TAG : MSG_ANCHOR);
	}
	if (anchor)
		return reader_error(r, mark_line(ev->start_mark),
				    mark_col(ev->start_mark), MSG_ANCHOR);
	if (tag)
		return reader_error(r, mark_line(ev->start_mark),
				    mark_col(ev->start_mark), MSG_TAG);
	return 1;
}

static int on_scalar(struct reader *r, const yaml_event_t *ev)
{
	struct ynode *node;
	size_t len = ev->data.scalar.length;

	if ((ev->data.scalar.anchor || ev->data.scalar.tag) &&
	    !check_node_props(r, ev, ev->data.scalar.anchor, ev->data.scalar.tag))
		return 0;
	if (len > r->lim->max_scalar) {
		reader_error(r, mark_line(ev->start_mark), mark_col(ev->start_mark),
			     "scalar is too long (%zu bytes; the limit is %zu)",
			     len, r->lim->max_scalar);
		r->err->code = DVK_E_LIMIT;
		return 0;
	}
	/* len is at most the input's length, so the sum cannot wrap. */
	node = new_node(r, YNODE_SCALAR, ev->start_mark, len + 1);
	node->str = (char *)(node + 1);
	if (len)
		memcpy(node->str, ev->data.scalar.value, len);
	node->str[len] = '\0';
	node->len = len;
	node->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	return attach(r, node);
}

static int on_start(struct reader *r, const yaml_event_t *ev,
		    enum ynode_kind kind, const yaml_char_t *anchor,
		    const yaml_char_t *tag)
{
	const char *what = kind == YNODE_MAP ? "mapping" : "sequence";
	int line = mark_line(ev->start_mark), col = mark_col(ev->start_mark);
	struct frame *top = r->depth ? &r->frames[r->depth - 1] : NULL;

	if (!check_node_props(r, ev, anchor, tag))
		return 0;
	if (top && top->node->kind == YNODE_MAP && !top->key)
		return reader_error(r, line, col,
				    "a mapping key must be a scalar, not a %s",
				    what);
	/* Checked here, before the collection exists: libyaml has only read
	 * as far as this event, so a 10,000-deep file stops at level 17. */
	if (r->depth >= r->lim->max_depth) {
		reader_error(r, line, col, "nesting is too deep (more than %d levels)",
			     r->lim->max_depth);
		r->err->code = DVK_E_LIMIT;
		return 0;
	}
	if (r->depth == r->frames_cap) {
		int old = r->frames_cap;

		r->frames_cap = r->frames_cap ? r->frames_cap * 2 : 16;
		r->frames = xrealloc(r->frames,
				     (size_t)r->frames_cap * sizeof *r->frames);
		memset(r->frames + old, 0, (size_t)(r->frames_cap - old) * sizeof *r->frames);
	}
	/* Frames keep their buffers from one collection to the next at the
	 * same depth: a log of 10,000 entries then allocates a handful of
	 * times, not 20,000. */
	top = &r->frames[r->depth++];
	top->n = 0;
	top->key = NULL;
	top->hashed = false;
	top->node = new_node(r, kind, ev->start_mark, 0);
	/* A collection under one of the streamed top-level keys. */
	if (r->stream && r->depth == 2 && r->frames[0].node->kind == YNODE_MAP &&
	    r->frames[0].key && stream_wants(r->stream, r->frames[0].key)) {
		r->sframe = 1;
		r->stream_key = r->frames[0].key->str;
		r->nchild = 0;
	}
	return 1;
}

static int on_end(struct reader *r)
{
	struct frame *f = &r->frames[--r->depth];
	struct ynode *node = f->node;

	if (r->depth == r->sframe) {
		/* its children were handed over one by one */
		r->sframe = -1;
		node->n = 0;
		return attach(r, node);
	}
	node->n = f->n;
	if (f->n && node->kind == YNODE_SEQ) {
		node->items = arena_alloc_uninit(r->arena, f->n * sizeof *node->items);
		memcpy(node->items, f->items, f->n * sizeof *node->items);
	} else if (f->n) {
		node->pairs = arena_alloc_uninit(r->arena, f->n * sizeof *node->pairs);
		memcpy(node->pairs, f->pairs, f->n * sizeof *node->pairs);
	}
	return attach(r, node);
}

static int on_event(struct reader *r, const yaml_event_t *ev)
{
	if (r->stream && !stream_event(r, ev))
		return 0;
	switch (ev->type) {
	case YAML_NO_EVENT:
	case YAML_STREAM_START_EVENT:
	case YAML_DOCUMENT_END_EVENT:
		return 1;
	case YAML_STREAM_END_EVENT:
		r->done = true;
		return 1;
	case YAML_DOCUMENT_START_EVENT:
		if (r->docs++)
			return reader_error(r, mark_line(ev->start_mark),
					    mark_col(ev->start_mark),
					    "more than one document (a file holds exactly one)");
		/* %TAG directives exist only to abbreviate tags. */
		if (ev->data.document_start.tag_directives.start !=
		    ev->data.document_start.tag_directives.end)
			return reader_error(r, mark_line(ev->start_mark),
					    mark_col(ev->start_mark), MSG_TAG);
		return 1;
	case YAML_ALIAS_EVENT:
		return reader_error(r, mark_line(ev->start_mark),
				    mark_col(ev->start_mark), MSG_ANCHOR);
	case YAML_SCALAR_EVENT:
		return on_scalar(r, ev);
	case YAML_SEQUENCE_START_EVENT:
		return on_start(r, ev, YNODE_SEQ, ev->data.sequence_start.anchor,
				ev->data.sequence_start.tag);
	case YAML_MAPPING_START_EVENT:
		return on_start(r, ev, YNODE_MAP, ev->data.mapping_start.anchor,
				ev->data.mapping_start.tag);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		return on_end(r);
	}
	return reader_error(r, mark_line(ev->start_mark),
			    mark_col(ev->start_mark), "unexpected YAML event");
}

/* ---- streaming ----
 *
 * A state file of 70,000 events is 15 MB of text; as a tree of nodes it
 * took ten times that.  When the caller names top-level keys to stream,
 * each child of the collection under such a key (a log entry, one item
 * of the summary) is handed to the caller as soon as the event after it
 * shows where its text ends, and its nodes are then freed, so the memory
 * a parse needs is that of its largest child.  A file is then read in
 * pieces too: the window keeps only the bytes of the child in hand and
 * what libyaml was given beyond it. */

static bool stream_wants(const struct ystream *st, const struct ynode *key)
{
	for (const char *const *k = st->keys; k && *k; k++)
		if (strlen(*k) == key->len && memcmp(*k, key->str, key->len) == 0)
			return true;
	return false;
}

static int read_whole(struct reader *r);
static int read_fd(int fd, const char *path, size_t max, char **out, size_t *len,
		   struct dvk_error *err);

/* Make r->buf the whole text: errors that point into the text (a tab, an
 * anchor next to a tag, a bad byte) need it, and for a streamed file they
 * read it again.  The file is no longer than the limit, or reading would
 * have failed already. */
static void reader_need_text(struct reader *r)
{
	if (!r->buf && read_whole(r) != 1) {
		r->buf = "";
		r->len = 0;
	}
}

/* The byte offset in the file of libyaml's character index idx (which
 * never goes back: events come in the order of the text).  The window
 * holds every byte from the cursor to what libyaml was given. */
static size_t byte_of_index(struct reader *r, size_t idx)
{
	const unsigned char *w = (const unsigned char *)r->win;
	size_t b = r->cur_byte, c = r->cur_char, end = r->win_off + r->win_len;

	while (c < idx && b < end) {
		b++;
		while (b < end && (w[b - r->win_off] & 0xC0) == 0x80)
			b++;
		c++;
	}
	r->cur_char = c;
	r->cur_byte = b;
	return b;
}

/* The byte offset in the file where line number line starts (lines never
 * go back either).  At the end of a text cut inside a line, libyaml counts
 * one more line than there are breaks: that line starts where the last
 * one did, as line_start would say. */
static size_t byte_of_line(struct reader *r, size_t line)
{
	size_t end = r->win_off + r->win_len;

	while (r->line_no < line) {
		const char *from = r->win + (r->line_byte - r->win_off);
		const char *nl = memchr(from, '\n', end - r->line_byte);

		if (!nl)
			break;
		r->line_byte += (size_t)(nl - from) + 1;
		r->line_no++;
	}
	return r->line_byte;
}

/* The start of the line holding byte b (b itself at a line start). */
static size_t line_start(const struct reader *r, size_t b)
{
	size_t low = r->win_off > r->bom ? r->win_off : r->bom;

	if (b > r->win_off + r->win_len)
		return b;
	while (b > low && r->win[b - 1 - r->win_off] != '\n')
		b--;
	return b;
}

/* Called before each event while a collection streams: an event in the
 * streamed collection's own level starts a child (its text starts on the
 * line of the event), and the first event after a finished child shows
 * where the child's text ends, so the child is handed over and freed. */
static int stream_event(struct reader *r, const yaml_event_t *ev)
{
	size_t at;

	if (r->sframe < 0)
		return 1;
	at = r->by_line ? byte_of_line(r, ev->start_mark.line)
			: line_start(r, byte_of_index(r, ev->start_mark.index));
	if (r->child_done) {
		struct ychild c = {
			.key = r->frames[r->sframe].node->kind == YNODE_MAP ? r->child_key : NULL,
			.node = r->child_node,
			.bytes = r->win + (r->child_start - r->win_off),
			.len = at - r->child_start,
			.offset = r->child_start,
			.index = r->nchild++,
		};

		if (!r->stream->fn(r->stream_key, &c, r->stream->arg)) {
			if (r->err && r->err->code == DVK_E_NONE)
				dvk_error_set(r->err, r->path, c.node->line, c.node->col, "%s",
					      "the file could not be read");
			return 0;
		}
		arena_release(r->arena, r->mark);
		r->child_done = r->in_child = false;
		r->child_key = r->child_node = NULL;
	}
	if (!r->in_child && r->depth - 1 == r->sframe &&
	    ev->type != YAML_SEQUENCE_END_EVENT && ev->type != YAML_MAPPING_END_EVENT) {
		r->in_child = true;
		r->child_start = at;
		if (r->frames[r->sframe].node->kind == YNODE_SEQ)
			r->mark = arena_mark(r->arena);
	}
	return 1;
}

/* libyaml's input from a streamed file: give what the window holds beyond
 * what was served, reading the next piece when it runs out; drop what no
 * child still needs first. */
#define STREAM_PIECE ((size_t)64 * 1024)

static int stream_read(void *data, unsigned char *buffer, size_t size, size_t *size_read)
{
	struct reader *r = data;
	size_t end = r->win_off + r->win_len, n;

	if (r->served == end) {
		size_t keep = r->in_child || r->child_done ? r->child_start
				: r->by_line ? r->line_byte : line_start(r, r->cur_byte);
		ssize_t got;

		if (keep > end)
			keep = end; /* nothing read yet: the cursor is past a BOM */
		if (keep > r->win_off) {
			memmove(r->win, r->win + (keep - r->win_off), end - keep);
			r->win_len = end - keep;
			r->win_off = keep;
		}
		GROW(r->win, r->win_len + STREAM_PIECE, r->win_cap);
		do
			got = read(r->fd, r->win + r->win_len, STREAM_PIECE);
		while (got < 0 && errno == EINTR);
		if (got < 0) {
			dvk_error_set(r->err, r->path, 0, 0, "cannot read: %s", strerror(errno));
			return 0;
		}
		r->win_len += (size_t)got;
		end = r->win_off + r->win_len;
		/* The file changed between the two readings: stop, so that
		 * what is handed over is what was checked. */
		if (end > r->total || (got == 0 && end != r->total)) {
			dvk_error_set(r->err, r->path, 0, 0, "%s",
				      "the file changed while it was read; try again");
			return 0;
		}
	}
	n = end - r->served < size ? end - r->served : size;
	memcpy(buffer, r->win + (r->served - r->win_off), n);
	r->served += n;
	*size_read = n;
	return 1;
}

/* What libyaml says (libyaml 0.2.5's scanner, parser and reader), for
 * xgettext: each is looked up in the user's language when shown. */
static const char *const libyaml_messages[] __attribute__((unused)) = {
	N_("block sequence entries are not allowed in this context"),
	N_("control characters are not allowed"),
	N_("could not find expected ':'"),
	N_("could not find expected directive name"),
	N_("did not find URI escaped octet"),
	N_("did not find expected '!'"),
	N_("did not find expected ',' or ']'"),
	N_("did not find expected ',' or '}'"),
	N_("did not find expected '-' indicator"),
	N_("did not find expected <document start>"),
	N_("did not find expected <stream-start>"),
	N_("did not find expected alphabetic or numeric character"),
	N_("did not find expected comment or line break"),
	N_("did not find expected digit or '.' character"),
	N_("did not find expected hexdecimal number"),
	N_("did not find expected key"),
	N_("did not find expected node content"),
	N_("did not find expected tag URI"),
	N_("did not find expected version number"),
	N_("did not find expected whitespace"),
	N_("did not find expected whitespace or line break"),
	N_("did not find the expected '>'"),
	N_("found a tab character that violates indentation"),
	N_("found a tab character where an indentation space is expected"),
	N_("found an incorrect leading UTF-8 octet"),
	N_("found an incorrect trailing UTF-8 octet"),
	N_("found an indentation indicator equal to 0"),
	N_("found character that cannot start any token"),
	N_("found duplicate %TAG directive"),
	N_("found duplicate %YAML directive"),
	N_("found extremely long version number"),
	N_("found incompatible YAML document"),
	N_("found invalid Unicode character escape code"),
	N_("found undefined tag handle"),
	N_("found unexpected ':'"),
	N_("found unexpected document indicator"),
	N_("found unexpected end of stream"),
	N_("found unexpected non-alphabetical character"),
	N_("found unknown directive name"),
	N_("found unknown escape character"),
	N_("incomplete UTF-16 character"),
	N_("incomplete UTF-16 surrogate pair"),
	N_("incomplete UTF-8 octet sequence"),
	N_("input error"),
	N_("input is too long"),
	N_("invalid Unicode character"),
	N_("invalid leading UTF-8 octet"),
	N_("invalid length of a UTF-8 sequence"),
	N_("invalid trailing UTF-8 octet"),
	N_("mapping keys are not allowed in this context"),
	N_("mapping values are not allowed in this context"),
	N_("while parsing a %TAG directive"),
	N_("while parsing a block collection"),
	N_("while parsing a block mapping"),
	N_("while parsing a block node"),
	N_("while parsing a flow mapping"),
	N_("while parsing a flow node"),
	N_("while parsing a flow sequence"),
	N_("while parsing a node"),
	N_("while parsing a quoted scalar"),
	N_("while parsing a tag"),
	N_("while parsing a tag directive"),
	N_("while scanning a %TAG directive"),
	N_("while scanning a %YAML directive"),
	N_("while scanning a block scalar"),
	N_("while scanning a directive"),
	N_("while scanning a plain scalar"),
	N_("while scanning a quoted scalar"),
	N_("while scanning a simple key"),
	N_("while scanning a tag"),
	N_("while scanning a tag directive"),
	N_("while scanning an alias"),
	N_("while scanning an anchor"),
	N_("while scanning for the next token"),
	N_("YAML syntax error"),
};

/* The first line in [from, to] whose value opens a quotation mark and
 * does not close it on that line (dvk and people write one-line quoted
 * values), or 0; *col gets the mark's column.  libyaml reads on to the
 * next quotation mark, lines later, and fails there. */
static int unclosed_quote_line(const char *buf, size_t len, int from, int to, int *col)
{
	int line = 1, block = -1;
	for (size_t i = 0; i < len && line <= to; line++) {
		size_t end = i;
		while (end < len && buf[end] != '\n')
			end++;
		size_t p = i;
		while (p < end && buf[p] == ' ')
			p++;
		int indent = (int)(p - i);
		if (block >= 0 && (indent > block || p == end)) {
			i = end + 1;
			continue; /* inside a | or > block: text, not YAML */
		}
		block = -1;
		if (end > p && (buf[end - 1] == '|' || buf[end - 1] == '>' ||
				((buf[end - 1] == '-' || buf[end - 1] == '+') && end - p > 1 &&
				 (buf[end - 2] == '|' || buf[end - 2] == '>'))))
			block = indent;
		if (line >= from) {
			if (p + 1 < end && buf[p] == '-' && buf[p + 1] == ' ')
				p += 2;
			if (p < end && buf[p] != '"' && buf[p] != '\'') {
				/* past "key: " */
				while (p + 1 < end && !(buf[p] == ':' && buf[p + 1] == ' '))
					p++;
				p += 2;
				while (p < end && buf[p] == ' ')
					p++;
			}
			if (p < end && (buf[p] == '"' || buf[p] == '\'')) {
				char q = buf[p];
				bool closed = false;
				for (size_t k = p + 1; k < end && !closed; k++) {
					if (q == '"' && buf[k] == '\\')
						k++;
					else if (buf[k] == q && q == '\'' && k + 1 < end && buf[k + 1] == '\'')
						k++;
					else if (buf[k] == q)
						closed = true;
				}
				if (!closed) {
					*col = (int)(p - i) + 1;
					return line;
				}
			}
		}
		i = end + 1;
	}
	return 0;
}

/* Turn libyaml's failure into an error with a 1-based position. */
static int libyaml_error(struct reader *r, const yaml_parser_t *p)
{
	const char *problem = gettext(p->problem ? p->problem : "YAML syntax error");
	const char *context = p->context ? gettext(p->context) : NULL;
	int line, col;
	size_t off;

	if (r->err && r->err->code != DVK_E_NONE)
		return 0; /* our reader failed (stream_read) and said why */
	reader_need_text(r);
	switch (p->error) {
	case YAML_MEMORY_ERROR:
		return reader_error(r, 0, 0, "out of memory while reading YAML");
	case YAML_READER_ERROR: {
		/* libyaml decodes every character and stops at the first bad
		 * sequence, so UTF-8 is checked here, on failure only: name it
		 * plainly at its line and column. */
		const uint8_t *bad = u8_check((const uint8_t *)r->buf, r->len);

		if (bad) {
			position_of(r->buf, r->len, (size_t)((const char *)bad - r->buf), &line, &col);
			return reader_error(r, line, col, "invalid UTF-8");
		}
		/* Reader errors carry a byte offset, not a mark. */
		position_of(r->buf, r->len, p->problem_offset, &line, &col);
		if (p->problem_value != -1)
			return reader_error(r, line, col, "%s (U+%04X)", problem,
					    (unsigned)p->problem_value);
		return reader_error(r, line, col, "%s", problem);
	}
	default:
		break;
	}
	line = mark_line(p->problem_mark);
	col = mark_col(p->problem_mark);
	off = offset_of_mark(r->buf, r->len, p->problem_mark);
	if (off < r->len && r->buf[off] == '\t') {
		/*
		 * libyaml only skips a tab where it cannot be indentation, so
		 * it says "found character that cannot start any token".
		 * Name the tab, and say whether it was the indentation.
		 */
		size_t start = off;

		while (start > 0 && (r->buf[start - 1] == ' ' ||
				     r->buf[start - 1] == '\t'))
			start--;
		if (start == 0 || r->buf[start - 1] == '\n' ||
		    r->buf[start - 1] == '\r' ||
		    start == bom_len(r->buf, r->len))
			return reader_error(r, line, col,
					    "tab character used for indentation (use spaces)");
		return reader_error(r, line, col,
				    "tab character where YAML needs a space (use spaces)");
	}
	/* A quotation mark never closed: libyaml runs on to the next one
	 * and fails lines later; name the line that opened it. */
	{
		int qcol, qline = unclosed_quote_line(r->buf, r->len,
						      p->context ? mark_line(p->context_mark) : 1,
						      line, &qcol);
		if (qline)
			return reader_error(r, qline, qcol,
					    "a quotation mark opened here is never closed");
	}
	/* Two slips a person makes editing by hand are found a line later
	 * than they are: name the line where they are. */
	if (p->context && p->problem && !strcmp(p->problem, "could not find expected ':'") &&
	    !strcmp(p->context, "while scanning a simple key"))
		return reader_error(r, mark_line(p->context_mark), mark_col(p->context_mark),
				    "this line has a name without the ':' that must follow it");
	if (p->context && p->problem && !strcmp(p->problem, "found unexpected end of stream") &&
	    !strcmp(p->context, "while scanning a quoted scalar"))
		return reader_error(r, mark_line(p->context_mark), mark_col(p->context_mark),
				    "a quotation mark opened here is never closed");
	if (context && p->context_mark.line != p->problem_mark.line)
		return reader_error(r, line, col, "%s %s (started at line %d)",
				    problem, context,
				    mark_line(p->context_mark));
	if (context)
		return reader_error(r, line, col, "%s %s", problem, context);
	return reader_error(r, line, col, "%s", problem);
}

/* Checks made on the whole text before libyaml runs; 1, or 0 with err. */
static int precheck(const char *buf, size_t len, const char *path,
		    const struct yamlio_limits *lim, struct dvk_error *err)
{
	int line;

	if (len > lim->max_file)
		return dvk_error_setc(err, DVK_E_LIMIT, path, 0, 0,
				      "file is too large (%zu bytes; the limit is %zu)",
				      len, lim->max_file);
	/* Before UTF-8: a merge is the likelier story, and the one that
	 * tells the person what to do. */
	line = find_conflict_marker(buf, len);
	if (line)
		return dvk_error_set(err, path, line, 1, MSG_CONFLICT);
	/* libyaml would follow a UTF-16 byte-order mark; dvk's files are
	 * UTF-8 (a UTF-8 BOM is fine). */
	if (len >= 2 && ((buf[0] == '\xFF' && buf[1] == '\xFE') ||
			 (buf[0] == '\xFE' && buf[1] == '\xFF')))
		return dvk_error_set(err, path, 1, 1, "invalid UTF-8");
	return 1;
}

/* Run libyaml over the reader's input and build the document. */
static struct ydoc *parse_core(struct reader *r, yaml_parser_t *parser)
{
	yaml_event_t ev;
	struct ydoc *doc;
	bool ok = false;
	int i;

	memset(&ev, 0, sizeof ev);
	r->arena = arena_new();
	r->sframe = -1;
	while (!r->done) {
		if (!yaml_parser_parse(parser, &ev)) {
			/* a failure of our own reader (stream_read) said why */
			bool ours = r->err && r->err->code != DVK_E_NONE;

			libyaml_error(r, parser);
			if (r->err && !ours)
				r->err->code = DVK_E_SYNTAX;
			goto cleanup;
		}
		if (!on_event(r, &ev))
			goto cleanup;
		yaml_event_delete(&ev);
	}
	ok = true;
cleanup:
	yaml_event_delete(&ev); /* a no-op on a deleted or zeroed event */
	yaml_parser_delete(parser);
	for (i = 0; i < r->frames_cap; i++)
		frame_release(&r->frames[i]);
	free(r->frames);
	if (!ok) {
		arena_free(r->arena);
		return NULL;
	}
	/* "---" alone or nothing at all: libyaml gives an empty plain
	 * scalar, which is no content, not the string "". */
	if (r->root && r->root->kind == YNODE_SCALAR && r->root->plain &&
	    r->root->len == 0)
		r->root = NULL;
	doc = xmalloc(sizeof *doc);
	doc->root = r->root;
	doc->arena = r->arena;
	return doc;
}

/* Parse buf[0..len), streaming the collections s names (s may be NULL). */
static struct ydoc *parse_buffer(const char *buf, size_t len, const char *path,
				 const struct yamlio_limits *lim, struct ystream *s,
				 struct dvk_error *err)
{
	struct reader r = {0};
	yaml_parser_t parser;

	if (!buf) /* only meaningful with len 0 */
		buf = "";
	if (!precheck(buf, len, path, lim, err))
		return NULL;
	if (s)
		s->digest = dvk_digest_of(buf, len);
	r.buf = r.win = (char *)buf;
	r.len = r.win_len = r.served = r.total = len;
	r.fd = -1;
	r.bom = r.cur_byte = r.line_byte = bom_len(buf, len);
	r.by_line = newline_breaks_only(buf, len, true);
	r.path = path;
	r.lim = lim;
	r.err = err;
	r.stream = s;
	if (!yaml_parser_initialize(&parser)) {
		dvk_error_set(err, path, 0, 0, "out of memory while reading YAML");
		return NULL;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	return parse_core(&r, &parser);
}

struct ydoc *yamlio_parse(const char *buf, size_t len, const char *path,
			  const struct yamlio_limits *lim, struct dvk_error *err)
{
	struct yamlio_limits defaults = yamlio_default_limits();

	dvk_error_clear(err);
	return parse_buffer(buf, len, path, lim ? lim : &defaults, NULL, err);
}

/* Read the streamed file whole into r->buf (for an error's position). */
static int read_whole(struct reader *r)
{
	char *buf;
	size_t len;
	struct dvk_error ignore;

	if (r->fd < 0 || !yamlio_read_file(r->path, r->lim->max_file, &buf, &len, &ignore))
		return 0;
	free(r->owned);
	r->owned = buf;
	r->buf = buf;
	r->len = len;
	return 1;
}

/* The first reading of a file to stream: its size, its digest, and the
 * checks made before parsing, piece by piece.  A piece holding a run of
 * seven '<', '=', '>' or '|' (where a conflict marker could be) makes the
 * caller read the file whole instead, to name the marker's line as
 * yamlio_parse does.  Returns 1, -1 for "read it whole", or 0 with err. */
static int first_reading(struct reader *r, struct dvk_digest *digest)
{
	struct dvk_hasher *h = dvk_hasher_new();
	char *piece = xmalloc(STREAM_PIECE + 8);
	size_t carry = 0, total = 0;
	int ok = 1;

	r->by_line = true;

	for (;;) {
		ssize_t got = read(r->fd, piece + carry, STREAM_PIECE);

		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			ok = dvk_error_set(r->err, r->path, 0, 0, "cannot read: %s", strerror(errno));
			break;
		}
		if (got == 0)
			break;
		if (total == 0 && got >= 2 && ((piece[0] == '\xFF' && piece[1] == '\xFE') ||
					       (piece[0] == '\xFE' && piece[1] == '\xFF'))) {
			ok = dvk_error_set(r->err, r->path, 1, 1, "invalid UTF-8");
			break;
		}
		if (total == 0)
			r->bom = bom_len(piece, (size_t)got);
		dvk_hasher_add(h, piece + carry, (size_t)got);
		total += (size_t)got;
		if (total > r->lim->max_file) {
			ok = dvk_error_set(r->err, r->path, 0, 0,
					   "file is too large (more than %zu bytes)", r->lim->max_file);
			break;
		}
		r->by_line = r->by_line && newline_breaks_only(piece, carry + (size_t)got, false);
		if (has_run7(piece, carry + (size_t)got, '<') || has_run7(piece, carry + (size_t)got, '=') ||
		    has_run7(piece, carry + (size_t)got, '>') || has_run7(piece, carry + (size_t)got, '|')) {
			ok = -1;
			break;
		}
		/* a run may straddle two pieces: keep the last six bytes */
		size_t have = carry + (size_t)got, keep = have < 6 ? have : 6;

		memmove(piece, piece + have - keep, keep);
		carry = keep;
	}
	/* the last bytes again, now known to end the file */
	r->by_line = r->by_line && newline_breaks_only(piece, carry, true);
	free(piece);
	*digest = dvk_hasher_end(h);
	r->total = total;
	return ok;
}

struct ydoc *yamlio_parse_stream(const char *path, const char *buf, size_t len,
				 const struct yamlio_limits *lim, struct ystream *s,
				 struct dvk_error *err)
{
	struct yamlio_limits defaults = yamlio_default_limits();
	struct reader r = {0};
	yaml_parser_t parser;
	struct ydoc *doc = NULL;
	struct stat sb;
	bool regular, small, seekable;
	int first;

	dvk_error_clear(err);
	if (!lim)
		lim = &defaults;
	if (buf || !path)
		return parse_buffer(buf, len, path, lim, s, err);
	r.path = path;
	r.lim = lim;
	r.err = err;
	r.stream = s;
	r.fd = open(path, O_RDONLY | O_CLOEXEC);
	if (r.fd < 0) {
		dvk_error_set(err, path, 0, 0, "cannot open: %s", strerror(errno));
		return NULL;
	}
	regular = fstat(r.fd, &sb) == 0 && S_ISREG(sb.st_mode);
	if (regular && (uintmax_t)sb.st_size > lim->max_file) {
		dvk_error_set(err, path, 0, 0, "file is too large (%jd bytes; the limit is %zu)",
			      (intmax_t)sb.st_size, lim->max_file);
		goto out;
	}
	/* A file of a few pieces is read whole, once: two readings and the
	 * window cost more than the memory they save. */
	small = regular && (uintmax_t)sb.st_size <= YAMLIO_WHOLE_MAX;
	first = small ? -1 : first_reading(&r, &s->digest);
	if (first == 0)
		goto out;
	seekable = small || lseek(r.fd, 0, SEEK_SET) == 0;
	if (first < 0 || !seekable) {
		/* a small file or a marker-like run: the whole text (a file
		 * that cannot be read again from its start, opened again) */
		char *whole;
		size_t n;
		int ok;

		if (seekable) {
			ok = read_fd(r.fd, path, lim->max_file, &whole, &n, err);
		} else {
			close(r.fd);
			ok = yamlio_read_file(path, lim->max_file, &whole, &n, err);
		}
		r.fd = -1;
		if (ok) {
			doc = parse_buffer(whole, n, path, lim, s, err);
			free(whole);
		}
		return doc;
	}
	r.cur_byte = r.line_byte = r.bom;
	if (!yaml_parser_initialize(&parser)) {
		dvk_error_set(err, path, 0, 0, "out of memory while reading YAML");
		goto out;
	}
	yaml_parser_set_input(&parser, stream_read, &r);
	doc = parse_core(&r, &parser);
out:
	close(r.fd);
	free(r.win);
	free(r.owned);
	return doc;
}

/* yamlio_read_file on a file already open (at its start): fd is closed. */
static int read_fd(int fd, const char *path, size_t max, char **out, size_t *len,
		   struct dvk_error *err)
{
	struct stat st;
	char *data;
	size_t n = 0, cap = 64 * 1024;

	*out = NULL;
	*len = 0;
	/* Refuse by size before reading a byte: the file may be huge. */
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		if ((uintmax_t)st.st_size > max) {
			close(fd);
			return dvk_error_setc(err, DVK_E_LIMIT, path, 0, 0,
					     "file is too large (%jd bytes; the limit is %zu)",
					     (intmax_t)st.st_size, max);
		}
		/* Read straight into a buffer of the file's size, with room
		 * for the NUL and for the read that sees the end: no copy
		 * through a bounce buffer, no reallocation. */
		cap = (size_t)st.st_size + 2;
	}
	data = xmalloc(cap);
	for (;;) {
		ssize_t got;

		if (cap - n < 2) {
			cap *= 2;
			data = xrealloc(data, cap);
		}
		got = read(fd, data + n, cap - n - 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			int e = errno;

			close(fd);
			free(data);
			return dvk_error_set(err, path, 0, 0, "cannot read: %s",
					     strerror(e));
		}
		if (got == 0)
			break;
		/* A pipe or a file still growing has no trustworthy size. */
		if ((size_t)got > max - n) {
			close(fd);
			free(data);
			return dvk_error_setc(err, DVK_E_LIMIT, path, 0, 0,
					     "file is too large (more than %zu bytes)",
					     max);
		}
		n += (size_t)got;
	}
	close(fd);
	data[n] = '\0';
	*len = n;
	*out = data;
	return 1;
}

int yamlio_read_file(const char *path, size_t max, char **out, size_t *len,
		     struct dvk_error *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		*out = NULL;
		*len = 0;
		return dvk_error_set(err, path, 0, 0, "cannot open: %s", strerror(errno));
	}
	return read_fd(fd, path, max, out, len, err);
}

void ydoc_free(struct ydoc *doc)
{
	if (!doc)
		return;
	arena_free(doc->arena);
	free(doc);
}

const struct ynode *ynode_get(const struct ynode *map, const char *key)
{
	size_t i, n;

	if (!map || map->kind != YNODE_MAP || !key)
		return NULL;
	n = strlen(key);
	for (i = 0; i < map->n; i++) {
		const struct ynode *k = map->pairs[i].key;

		if (k->len == n && memcmp(k->str, key, n) == 0)
			return map->pairs[i].val;
	}
	return NULL;
}

bool ynode_is_null(const struct ynode *n)
{
	static const char *const nulls[] = { "", "~", "null", "Null", "NULL" };
	size_t i;

	if (!n)
		return true;
	if (n->kind != YNODE_SCALAR || !n->plain)
		return false;
	for (i = 0; i < ARRAY_LEN(nulls); i++)
		if (strlen(nulls[i]) == n->len && memcmp(n->str, nulls[i], n->len) == 0)
			return true;
	return false;
}

/* ---- the writer ---- */

struct ywriter {
	yaml_emitter_t em;
	struct buf out;
	int depth;           /* open mappings and sequences */
	bool ready;          /* em initialised (and so must be deleted) */
	bool failed;
	bool finished;
	const char *problem; /* the first failure: a static string */
};

static int write_handler(void *data, unsigned char *bytes, size_t size)
{
	struct ywriter *w = data;

	buf_add(&w->out, (const char *)bytes, size);
	return 1;
}

static int writer_fail(struct ywriter *w, const char *problem)
{
	if (!w->failed) {
		w->failed = true;
		w->problem = problem;
	}
	return 0;
}

static bool writer_usable(struct ywriter *w)
{
	if (!w)
		return false;
	if (w->finished)
		writer_fail(w, "the document was already finished");
	return !w->failed;
}

/* yaml_emitter_emit owns ev from here on, even when it fails. */
static int emit(struct ywriter *w, yaml_event_t *ev)
{
	if (!yaml_emitter_emit(&w->em, ev))
		return writer_fail(w, w->em.problem ? w->em.problem :
				   "libyaml could not write the document");
	return 1;
}

struct ywriter *ywriter_new(void)
{
	struct ywriter *w = xcalloc(1, sizeof *w);
	yaml_event_t ev;

	if (!yaml_emitter_initialize(&w->em)) {
		writer_fail(w, "out of memory");
		return w;
	}
	w->ready = true;
	yaml_emitter_set_output(&w->em, write_handler, w);
	/* Without unicode, Vietnamese is \u-escaped and literal blocks
	 * turn into double quotes.  A negative width means "never fold". */
	yaml_emitter_set_unicode(&w->em, 1);
	yaml_emitter_set_width(&w->em, -1);
	yaml_emitter_set_indent(&w->em, 2);
	yaml_emitter_set_break(&w->em, YAML_LN_BREAK);
	/* Failures here surface in the next call and in ywriter_finish. */
	if (!yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING))
		writer_fail(w, "out of memory");
	else if (!emit(w, &ev))
		return w;
	else if (!yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1))
		writer_fail(w, "out of memory");
	else
		emit(w, &ev);
	return w;
}

void ywriter_free(struct ywriter *w)
{
	if (!w)
		return;
	if (w->ready)
		yaml_emitter_delete(&w->em);
	buf_free(&w->out);
	free(w);
}

static int write_start(struct ywriter *w, bool map, bool flow)
{
	yaml_event_t ev;
	int ok;

	if (!writer_usable(w))
		return 0;
	if (map)
		ok = yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
			flow ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE);
	else
		ok = yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
			flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE);
	if (!ok)
		return writer_fail(w, "out of memory");
	if (!emit(w, &ev))
		return 0;
	w->depth++;
	return 1;
}

static int write_end(struct ywriter *w, bool map)
{
	yaml_event_t ev;

	if (!writer_usable(w))
		return 0;
	/* libyaml would catch this too, but only some events later. */
	if (w->depth == 0)
		return writer_fail(w, "end of a mapping or sequence that was never started");
	if (map)
		yaml_mapping_end_event_initialize(&ev);
	else
		yaml_sequence_end_event_initialize(&ev);
	if (!emit(w, &ev))
		return 0;
	w->depth--;
	return 1;
}

int ywriter_map_start(struct ywriter *w)
{
	return write_start(w, true, false);
}

int ywriter_flow_map_start(struct ywriter *w)
{
	return write_start(w, true, true);
}

int ywriter_map_end(struct ywriter *w)
{
	return write_end(w, true);
}

int ywriter_seq_start(struct ywriter *w, bool flow)
{
	return write_start(w, false, flow);
}

int ywriter_seq_end(struct ywriter *w)
{
	return write_end(w, false);
}

/*
 * True if s holds a character that only an escape in double quotes can
 * carry through a write and a read unchanged: C0 controls other than LF
 * (tab included: libyaml's reader would take it as whitespace in a plain
 * scalar), DEL, C1 controls (NEL is read back as a line break in a literal
 * block), LS and PS (line breaks to a YAML reader) and the byte-order mark.
 */
static bool needs_escapes(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p; p++) {
		if ((*p < 0x20 && *p != '\n') || *p == 0x7F)
			return true;
		if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
			return true;
		if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9))
			return true;
		if (p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
			return true;
	}
	return false;
}

static int write_scalar(struct ywriter *w, const char *s,
			yaml_scalar_style_t style)
{
	yaml_event_t ev;
	size_t len;

	if (!writer_usable(w))
		return 0;
	len = strlen(s);
	if (len > INT_MAX)
		return writer_fail(w, "a string to write is too long");
	/* Both implicit flags: no tag is written, whatever the style. */
	if (!yaml_scalar_event_initialize(&ev, NULL, NULL,
					  (const yaml_char_t *)s, (int)len, 1, 1,
					  style))
		return writer_fail(w, "a string to write is not valid UTF-8");
	return emit(w, &ev);
}

int ywriter_scalar(struct ywriter *w, const char *s)
{
	yaml_scalar_style_t style;

	if (!s)
		s = "";
	if (needs_escapes(s))
		style = YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	else if (strchr(s, '\n'))
		/* libyaml falls back to double quotes by itself when a line
		 * has trailing blanks or the scalar is a key. */
		style = YAML_LITERAL_SCALAR_STYLE;
	else if (yamlio_needs_quotes(s))
		style = YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	else
		style = YAML_PLAIN_SCALAR_STYLE;
	return write_scalar(w, s, style);
}

int ywriter_quoted(struct ywriter *w, const char *s)
{
	return write_scalar(w, s ? s : "", YAML_DOUBLE_QUOTED_SCALAR_STYLE);
}

int ywriter_int(struct ywriter *w, long long v)
{
	char digits[32];

	snprintf(digits, sizeof digits, "%lld", v);
	return write_scalar(w, digits, YAML_PLAIN_SCALAR_STYLE);
}

int ywriter_null(struct ywriter *w)
{
	return write_scalar(w, "null", YAML_PLAIN_SCALAR_STYLE);
}

int ywriter_pair(struct ywriter *w, const char *key, const char *value)
{
	return ywriter_scalar(w, key) && ywriter_scalar(w, value);
}

char *ywriter_finish(struct ywriter *w, const char *prefix, size_t *len,
		     struct dvk_error *err)
{
	struct buf b = {0};
	yaml_event_t ev;

	if (len)
		*len = 0;
	if (!w) {
		dvk_error_set(err, NULL, 0, 0, "cannot write YAML: no writer");
		return NULL;
	}
	if (writer_usable(w) && w->depth)
		writer_fail(w, "a mapping or sequence was left open");
	/* Implicit end: no "..." (libyaml still writes one after a "|+"
	 * block, which must not run into a next document). */
	if (writer_usable(w) && yaml_document_end_event_initialize(&ev, 1) &&
	    emit(w, &ev)) {
		/* Neither allocates, so neither initialiser can fail. */
		yaml_stream_end_event_initialize(&ev);
		if (emit(w, &ev) && !yaml_emitter_flush(&w->em))
			writer_fail(w, w->em.problem ? w->em.problem :
				    "libyaml could not flush the document");
	}
	if (w->failed) {
		dvk_error_set(err, NULL, 0, 0, "cannot write YAML: %s", w->problem);
		return NULL;
	}
	w->finished = true;
	if (prefix)
		buf_adds(&b, prefix);
	buf_add(&b, w->out.data ? w->out.data : "", w->out.len);
	buf_free(&w->out);
	if (len)
		*len = b.len;
	return buf_steal(&b);
}

/* ---- quoting ---- */

/* True if s is shaped like a YAML 1.1 or 1.2 number, date or time: after
 * an optional sign it starts with a digit (or a dot and a digit) and holds
 * nothing but digits, hex letters, base prefixes, separators and the
 * letters and blanks of a timestamp.  Broader than any one resolver on
 * purpose: "1.1.2" and "3d" get quotes they do not need, which is harmless;
 * a missed "1_000" would be read as 1000. */
static bool looks_numeric(const char *s)
{
	const char *p = s;

	if (*p == '+' || *p == '-')
		p++;
	if (!isdigit((unsigned char)p[0]) &&
	    !(p[0] == '.' && isdigit((unsigned char)p[1])))
		return false;
	return strspn(p, "0123456789abcdefABCDEF_.:xXoO+-TtZz ") == strlen(p);
}

bool yamlio_needs_quotes(const char *s)
{
	/* Bools, nulls, infinities and the merge and value keys of YAML
	 * 1.1, compared without case (PyYAML only knows three spellings of
	 * each, other readers know more). */
	static const char *const words[] = {
		"y", "n", "yes", "no", "true", "false", "on", "off",
		"null", "~", "<<", "=",
		".inf", "+.inf", "-.inf", ".nan", "inf", "+inf", "-inf", "nan",
		"infinity", "+infinity", "-infinity",
	};
	size_t n, i;

	if (!s || !*s)
		return true;
	n = strlen(s);
	if (strchr("-?:,[]{}#&*!|>'\"%@`", s[0]))
		return true;
	if (s[0] == ' ' || s[n - 1] == ' ')
		return true;
	if (strstr(s, ": ") || strstr(s, " #") || s[n - 1] == ':')
		return true;
	if (strncmp(s, "...", 3) == 0)
		return true;
	if (strchr(s, '\n') || needs_escapes(s))
		return true;
	/* Every word is at most 9 bytes and starts with one of these: most
	 * scalars (ids, names, notes) skip the 23 comparisons. */
	if (n <= 9 && strchr("yYnNtTfFoO~<=.+-iI", s[0]))
		for (i = 0; i < ARRAY_LEN(words); i++)
			if (strcasecmp(s, words[i]) == 0)
				return true;
	return looks_numeric(s);
}

/* ---- writing without libyaml, where the result is certain ----
 *
 * A save copies most log entries from the file it read, but must know
 * that their text is the canonical one, and writes a few new ones: both
 * need the canonical text of an entry, tens of thousands of times in a
 * big file.  libyaml's emitter takes as long as its parser for that; for
 * the scalars nearly every entry holds (ids, names, statuses, dates,
 * counts, one-line text) its output is simply the text, or the text in
 * double quotes, so it is written here directly.  Anything else (line
 * breaks, characters libyaml escapes or rejects as plain) is declined and
 * left to libyaml: tests compare both writers over many strings. */

/* Scan s once: false if libyaml's emitter would not write it in double
 * quotes as just "s" (a character it escapes or takes for a line break:
 * controls, C1, NEL, LS, PS, the BOM, U+FFFE/U+FFFF, the 4-byte
 * characters it does not take as printable, '"' and '\\'); else true,
 * with *len its length and *inner whether it holds ": " or " #" (which a
 * plain scalar cannot). */
static bool scan_verbatim(const char *s, size_t *len, bool *inner)
{
	const unsigned char *p = (const unsigned char *)s;
	bool in = false;

	for (; *p; p++) {
		if (*p >= 0x80) {
			if (*p == 0xC2 && p[1] < 0xA0) /* C1 controls, NEL */
				return false;
			if (*p >= 0xF0 || (*p == 0xED && p[1] >= 0xA0))
				return false;
			if (*p == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9))
				return false; /* LS, PS: line breaks */
			if (*p == 0xEF && ((p[1] == 0xBB && p[2] == 0xBF) ||
					   (p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF))))
				return false;
			continue;
		}
		if (*p < 0x20 || *p == 0x7F || *p == '"' || *p == '\\')
			return false;
		if ((*p == ':' && p[1] == ' ') || (*p == ' ' && p[1] == '#'))
			in = true;
	}
	*len = (size_t)(p - (const unsigned char *)s);
	*inner = in;
	return true;
}

/* yamlio_needs_quotes for a string scan_verbatim took (no line break, no
 * escape; inner as it found). */
static bool clean_needs_quotes(const char *s, size_t n, bool inner)
{
	static const char *const words[] = {
		"y", "n", "yes", "no", "true", "false", "on", "off",
		"null", "~", "<<", "=",
		".inf", "+.inf", "-.inf", ".nan", "inf", "+inf", "-inf", "nan",
		"infinity", "+infinity", "-infinity",
	};

	if (!n || inner || strchr("-?:,[]{}#&*!|>'\"%@`", s[0]) || s[0] == ' ' ||
	    s[n - 1] == ' ' || s[n - 1] == ':' || (n >= 3 && s[0] == '.' && s[1] == '.' && s[2] == '.'))
		return true;
	if (n <= 9 && strchr("yYnNtTfFoO~<=.+-iI", s[0]))
		for (size_t i = 0; i < ARRAY_LEN(words); i++)
			if (strcasecmp(s, words[i]) == 0)
				return true;
	return looks_numeric(s);
}

/* True if libyaml writes s, which has a line break, as a literal block
 * with the hints this fast path knows ("|-", or "|" for one final line
 * break): every character printable for libyaml, the only break '\n',
 * nothing it writes with double quotes instead (a blank before a break or
 * at the end), no indentation hint (a leading blank or break), no "|+"
 * (two final breaks). */
static bool block_certain(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);

	if (!n || s[0] == ' ' || s[0] == '\n' || s[n - 1] == ' ' ||
	    (n >= 2 && s[n - 1] == '\n' && s[n - 2] == '\n') || !memchr(s, '\n', n))
		return false;
	for (; *p; p++) {
		if (*p >= 0x80) {
			if ((*p == 0xC2 && p[1] < 0xA0) || *p >= 0xF0 || (*p == 0xED && p[1] >= 0xA0))
				return false;
			if (*p == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9))
				return false;
			if (*p == 0xEF && ((p[1] == 0xBB && p[2] == 0xBF) ||
					   (p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF))))
				return false;
			continue;
		}
		if (*p == '\n' ? p[-1] == ' ' : (*p < 0x20 || *p == 0x7F))
			return false;
	}
	return true;
}

bool yamlio_fast_block(struct buf *b, const char *s, int indent)
{
	const char *line = s;

	if (!block_certain(s))
		return false;
	buf_adds(b, s[strlen(s) - 1] == '\n' ? "|\n" : "|-\n");
	while (*line) {
		const char *nl = strchr(line, '\n');
		size_t n = nl ? (size_t)(nl - line) : strlen(line);

		if (n) {
			for (int i = 0; i < indent; i++)
				buf_addc(b, ' ');
			buf_add(b, line, n);
		}
		buf_addc(b, '\n');
		line += n + (nl != NULL);
	}
	return true;
}

bool yamlio_fast_scalar(struct buf *b, const char *s, bool quoted)
{
	size_t n;
	bool inner;

	if (!s)
		s = "";
	if (!scan_verbatim(s, &n, &inner))
		return false;
	/* what ywriter_scalar would choose: plain unless a YAML 1.1 reader
	 * would type it (then quoted); libyaml keeps plain for every such
	 * string, since yamlio_needs_quotes refuses what it would not */
	if (quoted || clean_needs_quotes(s, n, inner)) {
		buf_addc(b, '"');
		buf_add(b, s, n);
		buf_addc(b, '"');
	} else {
		buf_add(b, s, n);
	}
	return true;
}

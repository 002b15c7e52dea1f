/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_yamlio.c: the safe YAML reader and the canonical writer.
 *
 * Hostile inputs are checked for their exact line, column and message, as
 * a person would see them ("FILE:LINE:COL: message").  Written documents
 * are read back (by our reader and, where installed, by PyYAML, the YAML
 * 1.1 reader most likely to mistype a plain "1.2" or "yes").
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>

#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/base.h"
#include "yamlio/arena.h"
#include "yamlio/yamlio.h"
#include "tests/helpers/sim.h"

/* ---- helpers ---- */

static char *fixture_path(const char *name)
{
	const char *src = getenv("DVK_SRC");

	return xasprintf("%s/tests/fixtures/yaml/%s", src ? src : ".", name);
}

static char *read_fixture(const char *name, size_t *len)
{
	struct dvk_error err;
	char *path = fixture_path(name), *data;

	if (!yamlio_read_file(path, (size_t)1 << 20, &data, len, &err))
		cr_assert_fail("cannot read fixture %s: %s", path, err.message);
	free(path);
	return data;
}

static struct ydoc *parse_str(const char *s, struct dvk_error *err)
{
	return yamlio_parse(s, strlen(s), "t.yaml", NULL, err);
}

/* Parse s and expect exactly this error. */
static int accept_child(const char *key, const struct ychild *c, void *arg)
{
	(void)key;
	(void)c;
	++*(size_t *)arg;
	return 1;
}

static void expect_error(const char *s, size_t len,
			 const struct yamlio_limits *lim, int line, int col,
			 const char *msg)
{
	static const char *const keys[] = { "a", "b", "c", NULL };
	struct dvk_error err;
	struct ydoc *doc = yamlio_parse(s, len, "t.yaml", lim, &err);
	char *dir = sim_tmpdir(), *path = xasprintf("%s/t.yaml", dir);
	size_t children = 0;
	struct ystream st = { keys, accept_child, &children, {0, 0} };

	cr_assert_null(doc, "expected \"%s\" but the input was accepted", msg);
	cr_expect_str_eq(err.path, "t.yaml");
	cr_expect_str_eq(err.message, msg);
	cr_expect_eq(err.line, line, "line %d, want %d (%s)", err.line, line,
		     err.message);
	cr_expect_eq(err.col, col, "col %d, want %d (%s)", err.col, col,
		     err.message);
	/* streamed, from the text and from a file read in pieces: the same */
	for (int from_file = 0; from_file < 2; from_file++) {
		if (from_file)
			sim_write(path, s, len);
		doc = yamlio_parse_stream(path, from_file ? NULL : s, len, lim, &st, &err);
		cr_assert_null(doc, "streamed (%s): \"%s\" was accepted",
			       from_file ? "file" : "text", msg);
		cr_expect_str_eq(err.message, msg, "streamed (%s)", from_file ? "file" : "text");
		cr_expect(err.line == line && err.col == col, "streamed (%s): %d:%d, want %d:%d",
			  from_file ? "file" : "text", err.line, err.col, line, col);
	}
	free(path);
	free(dir);
}

static void expect_fixture_error(const char *name, int line, int col,
				 const char *msg)
{
	size_t len;
	char *data = read_fixture(name, &len);
	char *path = fixture_path(name);
	struct dvk_error err;
	struct ydoc *doc = yamlio_parse(data, len, path, NULL, &err);
	char shown[1024], want[1024];

	cr_assert_null(doc, "%s was accepted", name);
	snprintf(want, sizeof want, "%s:%d:%d: %s", path, line, col, msg);
	cr_expect_str_eq(dvk_error_format(&err, shown, sizeof shown), want);
	free(data);
	free(path);
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) +
	       (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* Trees are equal in shape, strings, styles and positions.  Recursion is
 * fine here: the reader caps depth at 16. */
static void expect_same_tree(const struct ynode *a, const struct ynode *b)
{
	size_t i;

	if (!a || !b) {
		cr_expect(a == b, "one tree is empty");
		return;
	}
	cr_expect_eq(a->kind, b->kind);
	cr_expect_eq(a->line, b->line);
	cr_expect_eq(a->col, b->col, "col %d vs %d at line %d", a->col, b->col,
		     a->line);
	cr_expect_eq(a->n, b->n);
	if (a->kind != b->kind || a->n != b->n)
		return;
	switch (a->kind) {
	case YNODE_SCALAR:
		cr_expect_eq(a->len, b->len);
		cr_expect(a->len == b->len && memcmp(a->str, b->str, a->len) == 0,
			  "\"%s\" vs \"%s\"", a->str, b->str);
		cr_expect_eq(a->plain, b->plain);
		break;
	case YNODE_MAP:
		for (i = 0; i < a->n; i++) {
			expect_same_tree(a->pairs[i].key, b->pairs[i].key);
			expect_same_tree(a->pairs[i].val, b->pairs[i].val);
		}
		break;
	case YNODE_SEQ:
		for (i = 0; i < a->n; i++)
			expect_same_tree(a->items[i], b->items[i]);
		break;
	}
}

/* Write a parsed tree back out in the canonical style. */
static void write_tree(struct ywriter *w, const struct ynode *n)
{
	size_t i;

	switch (n->kind) {
	case YNODE_SCALAR:
		cr_assert_eq(strlen(n->str), n->len, "NUL in a test scalar");
		ywriter_scalar(w, n->str);
		break;
	case YNODE_MAP:
		ywriter_map_start(w);
		for (i = 0; i < n->n; i++) {
			write_tree(w, n->pairs[i].key);
			write_tree(w, n->pairs[i].val);
		}
		ywriter_map_end(w);
		break;
	case YNODE_SEQ:
		ywriter_seq_start(w, false);
		for (i = 0; i < n->n; i++)
			write_tree(w, n->items[i]);
		ywriter_seq_end(w);
		break;
	}
}

static char *finish_ok(struct ywriter *w, const char *prefix, size_t *len)
{
	struct dvk_error err;
	char *out = ywriter_finish(w, prefix, len, &err);

	cr_assert_not_null(out, "ywriter_finish: %s", err.message);
	return out;
}

/* Write {key: value} with ywriter_scalar for both, and the bytes. */
static char *write_one_pair(const char *key, const char *value)
{
	struct ywriter *w = ywriter_new();
	char *out;

	cr_assert(ywriter_map_start(w));
	cr_assert(ywriter_pair(w, key, value));
	cr_assert(ywriter_map_end(w));
	out = finish_ok(w, NULL, NULL);
	ywriter_free(w);
	return out;
}

/* Write {key: value}, read it back, and expect both exactly. */
static void expect_round_trip(const char *key, const char *value)
{
	char *out = write_one_pair(key, value);
	struct dvk_error err;
	struct ydoc *doc = parse_str(out, &err);
	const struct ynode *v;

	cr_assert_not_null(doc, "cannot read back:\n%s\n%d:%d: %s", out,
			   err.line, err.col, err.message);
	cr_assert_eq(doc->root->kind, YNODE_MAP);
	cr_assert_eq(doc->root->n, 1);
	cr_expect_str_eq(doc->root->pairs[0].key->str, key, "key in:\n%s", out);
	v = ynode_get(doc->root, key);
	cr_assert_not_null(v, "key lost in:\n%s", out);
	cr_expect_eq(v->kind, YNODE_SCALAR);
	cr_expect_eq(v->len, strlen(value));
	cr_expect_str_eq(v->str, value, "value in:\n%s", out);
	ydoc_free(doc);
	free(out);
}

/* ---- defaults and reading files ---- */

Test(yamlio, default_limits_are_32mib_depth_16_and_1mib_scalars)
{
	struct yamlio_limits lim = yamlio_default_limits();

	cr_expect_eq(lim.max_file, (size_t)32 * 1024 * 1024);
	cr_expect_eq(lim.max_depth, 16);
	cr_expect_eq(lim.max_scalar, (size_t)1024 * 1024);
}

Test(yamlio, rejects_a_64_mib_file_without_reading_it)
{
	char dir[] = "/tmp/dvk-yamlio-XXXXXX";
	struct dvk_error err;
	struct timespec t0;
	char *path, *data = (char *)1;
	size_t len = 99;
	int fd;

	cr_assert_not_null(mkdtemp(dir));
	path = xasprintf("%s/huge.dvk.yaml", dir);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	cr_assert(fd >= 0);
	/* Sparse: 64 MiB of holes, no disk used. */
	cr_assert_eq(ftruncate(fd, (off_t)64 * 1024 * 1024), 0);
	close(fd);

	clock_gettime(CLOCK_MONOTONIC, &t0);
	cr_expect_eq(yamlio_read_file(path, (size_t)16 * 1024 * 1024, &data,
				      &len, &err), 0);
	cr_expect_lt(seconds_since(&t0), 1.0);
	cr_expect_null(data);
	cr_expect_eq(len, 0);
	cr_expect_str_eq(err.message,
			 "file is too large (67108864 bytes; the limit is 16777216)");
	cr_expect_str_eq(err.path, path);
	cr_expect_eq(err.line, 0);
	cr_expect_eq(err.col, 0);

	unlink(path);
	rmdir(dir);
	free(path);
}

Test(yamlio, parse_refuses_a_buffer_over_max_file)
{
	struct yamlio_limits lim = yamlio_default_limits();
	struct dvk_error err;

	lim.max_file = 4;
	cr_expect_null(yamlio_parse("a: 12", 5, "t.yaml", &lim, &err));
	cr_expect_str_eq(err.message, "file is too large (5 bytes; the limit is 4)");
	cr_expect_eq(err.line, 0);
	cr_expect_eq(err.col, 0);
}

Test(yamlio, reads_a_file_exactly)
{
	size_t len;
	char *data = read_fixture("bad-utf8.yaml", &len);

	/* Raw bytes, untouched: the bad byte is still there. */
	cr_expect_eq(len, 45);
	cr_expect_eq(memcmp(data + 37, "\xe1ng", 3), 0);
	cr_expect_eq(data[len], '\0');
	free(data);
}

Test(yamlio, reads_a_file_of_exactly_the_limit)
{
	struct dvk_error err;
	char *path = fixture_path("anchor.yaml"), *data;
	size_t len;

	cr_assert_eq(yamlio_read_file(path, 47, &data, &len, &err), 1);
	cr_expect_eq(len, 47);
	free(data);
	cr_expect_eq(yamlio_read_file(path, 46, &data, &len, &err), 0);
	cr_expect_str_eq(err.message, "file is too large (47 bytes; the limit is 46)");
	free(path);
}

Test(yamlio, reports_a_missing_file_with_its_name)
{
	struct dvk_error err;
	char *data;
	size_t len;

	cr_expect_eq(yamlio_read_file("/nonexistent/dir/x.yaml", 100, &data,
				      &len, &err), 0);
	cr_expect_str_eq(err.path, "/nonexistent/dir/x.yaml");
	cr_expect_str_eq(err.message, "cannot open: No such file or directory");
	cr_expect_eq(err.line, 0);
}

Test(yamlio, refuses_a_pipe_that_goes_past_the_limit)
{
	struct dvk_error err;
	char *data;
	size_t len;

	/* No size to check up front: the cap must hold while reading. */
	cr_expect_eq(yamlio_read_file("/dev/zero", 100000, &data, &len, &err), 0);
	cr_expect_str_eq(err.message, "file is too large (more than 100000 bytes)");
}

/* ---- hostile files, each with its position ---- */

Test(yamlio, rejects_a_tab_used_for_indentation)
{
	expect_fixture_error("tab-indent.yaml", 3, 1,
			     "tab character used for indentation (use spaces)");
}

Test(yamlio, rejects_an_anchor_with_its_position)
{
	expect_fixture_error("anchor.yaml", 2, 7,
			     "anchors and aliases (&, *) are not allowed");
}

Test(yamlio, rejects_an_alias_with_its_position)
{
	expect_fixture_error("alias.yaml", 4, 10,
			     "anchors and aliases (&, *) are not allowed");
}

Test(yamlio, rejects_a_core_tag_with_its_position)
{
	expect_fixture_error("tag-core.yaml", 3, 7,
			     "tags (!!\xE2\x80\xA6) are not allowed");
}

Test(yamlio, rejects_a_custom_tag_with_its_position)
{
	expect_fixture_error("tag-custom.yaml", 2, 8,
			     "tags (!!\xE2\x80\xA6) are not allowed");
}

Test(yamlio, rejects_a_duplicate_key_naming_the_first)
{
	expect_fixture_error("duplicate-key.yaml", 3, 1,
			     "duplicate key 'unit' (first at line 2)");
}

Test(yamlio, rejects_a_sequence_used_as_a_key)
{
	expect_fixture_error("non-scalar-key.yaml", 3, 5,
			     "a mapping key must be a scalar, not a sequence");
}

Test(yamlio, rejects_a_second_document)
{
	expect_fixture_error("two-documents.yaml", 3, 1,
			     "more than one document (a file holds exactly one)");
}

Test(yamlio, names_git_conflict_markers)
{
	expect_fixture_error("conflict-markers.yaml", 4, 1,
			     "git conflict marker: this file was merged as text by "
			     "git; run `dvk git-resolve FILE` to repair it");
}

Test(yamlio, rejects_invalid_utf8_at_its_line_and_col)
{
	/* "unit: ubnd-xã-qu" is 16 characters, then a bare 0xE1. */
	expect_fixture_error("bad-utf8.yaml", 2, 17, "invalid UTF-8");
}

/* ---- hostile snippets, table-driven ---- */

/*
 * Criterion runs each parameter in a fresh process image (at another
 * address), so parameters hold their strings in arrays, not pointers.
 */
struct bad_case {
	char name[48];
	char input[160];
	int line, col;
	char message[160];
};

#define ANCHORS "anchors and aliases (&, *) are not allowed"
#define TAGS "tags (!!\xE2\x80\xA6) are not allowed"
#define CONFLICT "git conflict marker: this file was merged as text by git; " \
	"run `dvk git-resolve FILE` to repair it"

ParameterizedTestParameters(yamlio, rejects_hostile_snippets)
{
	static struct bad_case cases[] = {
		{ "anchor on a mapping", "a: &m\n  b: 1\n", 1, 4, ANCHORS },
		{ "anchor on a flow sequence", "a: &s [1, 2]\n", 1, 4, ANCHORS },
		{ "anchor on the root", "&r\na: 1\n", 1, 1, ANCHORS },
		{ "self alias", "a: &s [1, *s]\n", 1, 4, ANCHORS },
		{ "alias in a flow sequence", "a: [*x]\n", 1, 5, ANCHORS },
		{ "merge key alias", "a:\n  <<: *base\n", 2, 7, ANCHORS },
		{ "tag on a sequence", "a: !!seq [1]\n", 1, 4, TAGS },
		{ "tag on a key", "!!str a: 1\n", 1, 1, TAGS },
		{ "non-specific tag", "a: ! 12\n", 1, 4, TAGS },
		{ "verbatim tag", "a: !<tag:yaml.org,2002:int> 12\n", 1, 4, TAGS },
		{ "tag then anchor", "a: !t &x 1\n", 1, 4, TAGS },
		{ "anchor then tag", "a: &x !t 1\n", 1, 4, ANCHORS },
		{ "TAG directive", "%TAG ! tag:example.com,2000:\n--- a\n", 1, 1, TAGS },
		{ "duplicate flow key", "{a: 1, b: 2, a: 3}\n", 1, 14,
		  "duplicate key 'a' (first at line 1)" },
		{ "duplicate key, quoted and plain", "\"1.1\": x\n1.1: y\n", 2, 1,
		  "duplicate key '1.1' (first at line 1)" },
		{ "duplicate nested key", "a:\n  b: 1\n  c: 2\n  b: 3\n", 4, 3,
		  "duplicate key 'b' (first at line 2)" },
		{ "duplicate empty key", "\"\": 1\n'': 2\n", 2, 1,
		  "duplicate key '' (first at line 1)" },
		{ "duplicate long key shown cut",
		  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: 1\n"
		  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: 2\n", 2, 1,
		  "duplicate key 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\xE2\x80\xA6' "
		  "(first at line 1)" },
		{ "duplicate key with an escape", "\"a\\tb\": 1\n\"a\\tb\": 2\n", 2, 1,
		  "duplicate key 'a?b' (first at line 1)" },
		{ "flow sequence key", "[a]: 1\n", 1, 1,
		  "a mapping key must be a scalar, not a sequence" },
		{ "flow mapping key", "{a: 1}: 2\n", 1, 1,
		  "a mapping key must be a scalar, not a mapping" },
		{ "block mapping key", "? a: 1\n: 2\n", 1, 3,
		  "a mapping key must be a scalar, not a mapping" },
		{ "explicit second document", "--- a\n--- b\n", 2, 1,
		  "more than one document (a file holds exactly one)" },
		{ "second document after an end marker", "a: 1\n...\n---\nb: 2\n", 3, 1,
		  "more than one document (a file holds exactly one)" },
		{ "tab after indentation spaces", "a:\n  b: 1\n  \tc: 2\n", 3, 3,
		  "tab character used for indentation (use spaces)" },
		{ "tab indenting a sequence", "a:\n\t- 1\n", 2, 1,
		  "tab character used for indentation (use spaces)" },
		{ "tab indenting the first line", "\ta: 1\n", 1, 1,
		  "tab character used for indentation (use spaces)" },
		{ "tab after a BOM", "\xEF\xBB\xBF\ta: 1\n", 1, 1,
		  "tab character used for indentation (use spaces)" },
		{ "tab after a dash", "-\t- a\n", 1, 2,
		  "tab character where YAML needs a space (use spaces)" },
		/* named where the quote opens, not where the file ends */
		{ "unclosed quote", "a: \"abc\nb: 1\n", 1, 4,
		  "a quotation mark opened here is never closed" },
		/* and when a later line has quotes of its own, as a state
		 * file's lines do: libyaml fails lines later */
		{ "unclosed quote, quotes below", "log:\n- id: A\n  value: \"Sổ tiếp dân\n  by: x\n"
		  "  at: \"2026-12-02\"\n  tick: 0\n", 3, 10,
		  "a quotation mark opened here is never closed" },
		{ "unclosed single quote, quotes below", "a: 'it\nb: 1\nc: 'x'\nd: 2\n", 1, 4,
		  "a quotation mark opened here is never closed" },
		/* named on the line whose key lacks ':', not the next one */
		{ "key without a colon", "a: 1\nb 2\nc: 3\n", 2, 1,
		  "this line has a name without the ':' that must follow it" },
		{ "bad indentation", "a:\n  - x\n  y: 1\n", 3, 3,
		  "did not find expected '-' indicator while parsing a block "
		  "collection (started at line 2)" },
		{ "unclosed flow sequence", "a: [1, 2\nb: 3\n", 2, 2,
		  "did not find expected ',' or ']' while parsing a flow sequence "
		  "(started at line 1)" },
		{ "mapping in a plain scalar", "a: b: c\n", 1, 5,
		  "mapping values are not allowed in this context" },
		{ "raw ESC", "a: b\x1b" "c\n", 1, 5,
		  "control characters are not allowed (U+001B)" },
		{ "raw BEL after CRLF and a BOM", "\xEF\xBB\xBF" "a: 1\r\nb: \a\r\n",
		  2, 4, "control characters are not allowed (U+0007)" },
		{ "overlong UTF-8", "a: \xC0\xAF\n", 1, 4, "invalid UTF-8" },
		{ "UTF-16 surrogate in UTF-8", "a: x\nb: \xED\xA0\x80\n", 2, 4,
		  "invalid UTF-8" },
		{ "truncated at the end", "a: \xE1\xBA", 1, 4, "invalid UTF-8" },
		{ "lone continuation byte", "a: Vi\xE1\xBB\x87t\x80\n", 1, 8,
		  "invalid UTF-8" },
		{ "Latin-1 after CRLF lines", "a: 1\r\nb: 2\r\nc: caf\xE9\r\n", 3, 7,
		  "invalid UTF-8" },
		{ "conflict separator", "a: 1\n=======\nb: 2\n", 2, 1, CONFLICT },
		{ "conflict end", "a: 1\n>>>>>>> theirs\n", 2, 1, CONFLICT },
		{ "diff3 base marker", "a: 1\n||||||| base\n", 2, 1, CONFLICT },
		{ "conflict start after a BOM", "\xEF\xBB\xBF<<<<<<< HEAD\na: 1\n",
		  1, 1, CONFLICT },
		{ "conflict with CRLF", "a: 1\r\nb: 2\r\n=======\r\n", 3, 1, CONFLICT },
		{ "conflict before bad UTF-8", "a: \xFF\n<<<<<<< ours\n", 2, 1,
		  CONFLICT },
	};

	return cr_make_param_array(struct bad_case, cases, ARRAY_LEN(cases));
}

ParameterizedTest(struct bad_case *c, yamlio, rejects_hostile_snippets)
{
	cr_log_info("%s", c->name);
	expect_error(c->input, strlen(c->input), NULL, c->line, c->col,
		     c->message);
}

/* ---- streaming ---- */

struct seen {
	struct buf text;   /* the children's texts, one after another */
	size_t n, items, first_offset;
	bool keyed_ok;
};

static int collect_child(const char *key, const struct ychild *c, void *arg)
{
	struct seen *s = arg;

	cr_assert_str_eq(key, "log");
	cr_assert_eq(c->index, s->n);
	if (s->n == 0)
		s->first_offset = c->offset;
	cr_assert_eq(c->offset, s->first_offset + s->text.len, "child %zu is not where the last ended",
		     s->n);
	buf_add(&s->text, c->bytes, c->len);
	cr_assert_eq(c->node->kind, YNODE_MAP);
	cr_assert_str_eq(ynode_get(c->node, "id")->str, "E");
	s->items += ynode_get(c->node, "n") != NULL;
	s->n++;
	return 1;
}

#define BOM_LOG_HEAD "\xEF\xBB\xBF" "format: x\nlog:\n"

/* A log of 20,000 entries (1.2 MB, so the file is read in many pieces):
 * each entry comes whole, in order, with its exact text; the texts laid
 * end to end are the log's text; the document keeps the rest and an empty
 * log; the digest is that of the file's bytes; text and file agree. */
Test(yamlio, streams_each_entry_of_a_long_log_with_its_text)
{
	static const char *const keys[] = { "log", NULL };
	struct buf in = {0}, want = {0};
	char *dir = sim_tmpdir(), *path = xasprintf("%s/log.yaml", dir);
	struct dvk_error err;

	buf_adds(&in, BOM_LOG_HEAD);
	for (int i = 0; i < 20000; i++)
		buf_printf(&want, "- id: E\n  n: \"%d\"\n  note: |\n    dòng %d\n    Việt\n", i, i);
	buf_add(&in, want.data, want.len);
	buf_adds(&in, "end: 1\n");
	sim_write(path, in.data, in.len);
	for (int from_file = 0; from_file < 2; from_file++) {
		struct seen s = {0};
		struct ystream st = { keys, collect_child, &s, {0, 0} };
		struct ydoc *doc = yamlio_parse_stream(path, from_file ? NULL : in.data, in.len, NULL,
						       &st, &err);

		cr_assert_not_null(doc, "%s", err.message);
		cr_assert_eq(s.n, 20000);
		cr_assert_eq(s.items, 20000);
		cr_assert_eq(s.first_offset, strlen(BOM_LOG_HEAD));
		cr_assert(s.text.len == want.len && memcmp(s.text.data, want.data, want.len) == 0,
			  "the children's texts are not the log's text");
		cr_assert_eq(ynode_get(doc->root, "log")->kind, YNODE_SEQ);
		cr_assert_eq(ynode_get(doc->root, "log")->n, 0);
		cr_assert_str_eq(ynode_get(doc->root, "end")->str, "1");
		cr_assert(dvk_digest_eq(st.digest, dvk_digest_of(in.data, in.len)));
		ydoc_free(doc);
		buf_free(&s.text);
	}
	buf_free(&in);
	buf_free(&want);
	free(path);
	free(dir);
}

static int refuse_third(const char *key, const struct ychild *c, void *arg)
{
	(void)key;
	(void)arg;
	if (c->index == 2) {
		dvk_error_set(arg, "x", c->node->line, c->node->col, "third");
		return 0;
	}
	return 1;
}

/* A mapping streams too (each child with its key), duplicates are still
 * found, and a child the caller refuses stops the parse. */
Test(yamlio, streams_a_mapping_and_stops_when_told)
{
	static const char *const keys[] = { "items", NULL };
	static const char dup[] = "items:\n  \"1.1\": {a: 1}\n  \"1.2\": {a: 2}\n  \"1.1\": {a: 3}\n";
	static const char three[] = "items:\n  \"1.1\": {a: 1}\n  \"1.2\": {a: 2}\n  \"1.3\": {a: 3}\n";
	size_t n = 0;
	struct ystream st = { keys, accept_child, &n, {0, 0} };
	struct dvk_error err, mine;
	struct ydoc *doc = yamlio_parse_stream("t.yaml", dup, sizeof dup - 1, NULL, &st, &err);

	cr_assert_null(doc);
	cr_assert_str_eq(err.message, "duplicate key '1.1' (first at line 2)");
	cr_assert_eq(err.line, 4);
	st.fn = refuse_third;
	st.arg = &mine;
	doc = yamlio_parse_stream("t.yaml", three, sizeof three - 1, NULL, &st, &mine);
	cr_assert_null(doc);
	cr_assert_str_eq(mine.message, "third");
	cr_assert_eq(mine.line, 4);
}

Test(yamlio, rejects_a_raw_nul_and_utf16)
{
	static const char nul[] = "a: b\n\0";
	static const char utf16[] = "\xFF\xFE" "a\0:\0";

	expect_error(nul, sizeof nul - 1, NULL, 2, 1,
		     "control characters are not allowed (U+0000)");
	expect_error(utf16, sizeof utf16 - 1, NULL, 1, 1, "invalid UTF-8");
}

Test(yamlio, accepts_what_looks_like_a_marker_but_is_not)
{
	static const char *const ok[] = {
		"a: |\n  =======\n  <<<<<<< HEAD\n",  /* indented in a note */
		"a: ========\n",
		"b: 1\n\"<<<<<<<x\": 2\n",
		"========: 1\n",
		"x: a >>>>>>>\n",
	};
	size_t i;

	for (i = 0; i < ARRAY_LEN(ok); i++) {
		struct dvk_error err;
		struct ydoc *doc = parse_str(ok[i], &err);

		cr_expect_not_null(doc, "%s: %d:%d: %s", ok[i], err.line, err.col,
				   err.message);
		ydoc_free(doc);
	}
}

/* ---- limits ---- */

static char *repeat(const char *unit, size_t times, const char *end)
{
	struct buf b = {0};
	size_t i;

	for (i = 0; i < times; i++)
		buf_adds(&b, unit);
	buf_adds(&b, end);
	return buf_steal(&b);
}

struct deep_case {
	char name[48];
	char open[8];  /* one level */
	char close[8]; /* one level */
	int col_step;  /* columns per level */
	char leaf[8];
};

ParameterizedTestParameters(yamlio, rejects_10000_levels_quickly)
{
	static struct deep_case cases[] = {
		{ "flow sequences", "[", "]", 1, "x" },
		{ "block sequences", "- ", "", 2, "x" },
		{ "flow mappings", "a: {", "}", 4, "b: x" },
		{ "flow mapping values in sequences", "[{a: ", "}]", 5, "x" },
	};

	return cr_make_param_array(struct deep_case, cases, ARRAY_LEN(cases));
}

ParameterizedTest(struct deep_case *c, yamlio, rejects_10000_levels_quickly)
{
	struct buf b = {0};
	struct dvk_error err;
	struct timespec t0;
	struct ydoc *doc;
	int i, want_col;

	for (i = 0; i < 10000; i++)
		buf_adds(&b, c->open);
	buf_adds(&b, c->leaf);
	for (i = 0; i < 10000; i++)
		buf_adds(&b, c->close);
	buf_addc(&b, '\n');

	clock_gettime(CLOCK_MONOTONIC, &t0);
	doc = yamlio_parse(b.data, b.len, "t.yaml", NULL, &err);
	cr_expect_lt(seconds_since(&t0), 2.0, "%s took too long", c->name);
	cr_assert_null(doc, "%s: accepted", c->name);
	cr_expect_str_eq(err.message, "nesting is too deep (more than 16 levels)");
	cr_expect_eq(err.line, 1);
	/* The 17th collection starts here; for "a: {" it is the 17th "{",
	 * because the root mapping is the first level. */
	if (strcmp(c->open, "a: {") == 0)
		want_col = 16 * c->col_step;
	else if (strcmp(c->open, "[{a: ") == 0)
		want_col = 8 * c->col_step + 1;
	else
		want_col = 16 * c->col_step + 1;
	cr_expect_eq(err.col, want_col, "%s: col %d, want %d", c->name, err.col,
		     want_col);
	buf_free(&b);
}

Test(yamlio, rejects_deep_block_mappings)
{
	struct buf b = {0};
	struct dvk_error err;
	int i;

	/* Indentation grows by one space a level, so stay modest: the
	 * other forms show 10,000 levels. */
	for (i = 0; i < 300; i++)
		buf_printf(&b, "%*sk%d:\n", i, "", i);
	buf_printf(&b, "%*sleaf\n", i, "");
	cr_expect_null(yamlio_parse(b.data, b.len, "t.yaml", NULL, &err));
	cr_expect_str_eq(err.message, "nesting is too deep (more than 16 levels)");
	/* Level 17 is the mapping under k15, starting at k16. */
	cr_expect_eq(err.line, 17);
	cr_expect_eq(err.col, 17);
	buf_free(&b);
}

Test(yamlio, accepts_nesting_at_the_limit_and_not_past_it)
{
	char *ok = repeat("[", 16, "x");
	char *closed = repeat("]", 16, "\n");
	char *both = xasprintf("%s%s", ok, closed);
	struct yamlio_limits lim = yamlio_default_limits();
	struct dvk_error err;
	struct ydoc *doc = parse_str(both, &err);
	const struct ynode *n;
	int depth = 0;

	cr_assert_not_null(doc, "%s", err.message);
	for (n = doc->root; n->kind == YNODE_SEQ; n = n->items[0])
		depth++;
	cr_expect_eq(depth, 16);
	cr_expect_str_eq(n->str, "x");
	ydoc_free(doc);

	lim.max_depth = 15;
	expect_error(both, strlen(both), &lim, 1, 16,
		     "nesting is too deep (more than 15 levels)");
	lim.max_depth = 0; /* scalars only */
	expect_error("[]", 2, &lim, 1, 1, "nesting is too deep (more than 0 levels)");
	doc = yamlio_parse("just text", 9, "t.yaml", &lim, &err);
	cr_expect_not_null(doc);
	ydoc_free(doc);
	free(ok);
	free(closed);
	free(both);
}

Test(yamlio, rejects_a_scalar_over_the_limit)
{
	struct yamlio_limits lim = yamlio_default_limits();
	struct dvk_error err;
	struct ydoc *doc;
	char *s;

	lim.max_scalar = 10;
	doc = yamlio_parse("a: 0123456789\n", 14, "t.yaml", &lim, &err);
	cr_expect_not_null(doc, "exactly the limit is fine");
	ydoc_free(doc);
	expect_error("a: 1\nb: |\n  0123456789\n", 23, &lim, 2, 4,
		     "scalar is too long (11 bytes; the limit is 10)");
	/* Keys are scalars too. */
	expect_error("\"0123456789a\": 1\n", 17, &lim, 1, 1,
		     "scalar is too long (11 bytes; the limit is 10)");

	/* And the default: 1 MiB + 1 is refused. */
	s = repeat("x", (size_t)1024 * 1024 + 1, "\n");
	expect_error(s, strlen(s), NULL, 1, 1,
		     "scalar is too long (1048577 bytes; the limit is 1048576)");
	free(s);
}

Test(yamlio, many_keys_are_checked_for_duplicates_in_linear_time)
{
	struct yamlio_limits lim = yamlio_default_limits();
	struct buf b = {0};
	struct dvk_error err;
	struct timespec t0;
	struct ydoc *doc;
	int i;

	/* Comparing each key with every earlier one (2e10 comparisons)
	 * takes minutes; a hash set takes a fraction of a second, and the
	 * bound leaves room for valgrind. */
	for (i = 0; i < 200000; i++)
		buf_printf(&b, "k%d: %d\n", i, i);
	buf_adds(&b, "k177777: again\n");
	lim.max_file = b.len;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	doc = yamlio_parse(b.data, b.len, "t.yaml", &lim, &err);
	cr_expect_lt(seconds_since(&t0), 60.0);
	cr_expect_null(doc);
	cr_expect_str_eq(err.message, "duplicate key 'k177777' (first at line 177778)");
	cr_expect_eq(err.line, 200001);
	buf_free(&b);
}

/* ---- the tree ---- */

Test(yamlio, builds_the_tree_with_positions_and_styles)
{
	size_t len;
	char *data = read_fixture("state.yaml", &len);
	struct dvk_error err;
	struct ydoc *doc = yamlio_parse(data, len, "state.yaml", NULL, &err);
	const struct ynode *root, *items, *i11, *note, *acts, *log, *ev, *pred;

	cr_assert_not_null(doc, "%d:%d: %s", err.line, err.col, err.message);
	root = doc->root;
	cr_assert_eq(root->kind, YNODE_MAP);
	cr_expect_eq(root->n, 5);
	cr_expect_eq(root->line, 2);
	cr_expect_eq(root->col, 1);
	cr_expect_str_eq(ynode_get(root, "format")->str, "dvk-state/1");
	cr_expect_eq(ynode_get(root, "format")->line, 2);
	cr_expect_eq(ynode_get(root, "format")->col, 9);
	cr_expect(ynode_get(root, "format")->plain);
	cr_expect_null(ynode_get(root, "missing"));
	cr_expect_null(ynode_get(ynode_get(root, "format"), "x"), "not a map");

	items = ynode_get(root, "items");
	cr_assert_eq(items->kind, YNODE_MAP);
	cr_expect_eq(items->n, 2);
	cr_expect_str_eq(items->pairs[0].key->str, "1.1");
	cr_expect_not(items->pairs[0].key->plain);
	cr_expect_eq(items->pairs[0].key->line, 6);
	cr_expect_eq(items->pairs[0].key->col, 3);
	i11 = ynode_get(items, "1.1");
	cr_assert_not_null(i11);
	cr_expect_str_eq(ynode_get(i11, "title")->str,
			 "Tổ chức quán triệt cho cán bộ, đảng viên và Nhân dân");
	/* Columns count characters: "title: " then the value. */
	cr_expect_eq(ynode_get(i11, "title")->col, 12);
	note = ynode_get(i11, "note");
	cr_expect_str_eq(note->str, "Đã tổ chức hội nghị quán triệt ngày 14/3/2023.\n"
			 "Có 45 người tham dự.\n");
	cr_expect_not(note->plain);
	cr_expect_eq(note->line, 9);
	cr_expect_eq(note->col, 11);
	acts = ynode_get(i11, "activities");
	cr_assert_eq(acts->kind, YNODE_SEQ);
	cr_expect_eq(acts->n, 1);
	cr_expect_eq(acts->items[0]->line, 13);
	cr_expect_eq(acts->items[0]->col, 7);
	cr_expect_str_eq(ynode_get(acts->items[0], "participants")->str, "45");

	pred = ynode_get(ynode_get(ynode_get(ynode_get(items, "1.2"), "conflicts"),
				   "status"), "x");
	cr_expect_null(pred, "a sequence has no keys");

	log = ynode_get(root, "log");
	cr_assert_eq(log->kind, YNODE_SEQ);
	ev = log->items[0];
	cr_expect_eq(ev->n, 10);
	pred = ynode_get(ev, "pred");
	cr_assert_eq(pred->kind, YNODE_SEQ);
	cr_expect_eq(pred->n, 1);
	cr_expect_str_eq(pred->items[0]->str, "V84VPBGNE1HDKCA0");
	cr_expect_eq(pred->items[0]->col, 10);
	cr_expect(ynode_is_null(ynode_get(ev, "reason")));
	cr_expect_not(ynode_is_null(ynode_get(ev, "gen")));
	ydoc_free(doc);
	free(data);
}

Test(yamlio, accepts_a_bom_and_crlf_with_the_same_tree_as_lf)
{
	size_t lf_len, crlf_len;
	char *lf = read_fixture("state.yaml", &lf_len);
	char *crlf = read_fixture("state-bom-crlf.yaml", &crlf_len);
	struct dvk_error err;
	struct ydoc *a, *b;

	cr_assert_eq(memcmp(crlf, "\xEF\xBB\xBF", 3), 0, "fixture lost its BOM");
	cr_assert_not_null(strstr(crlf, "\r\n"), "fixture lost its CRLF");
	a = yamlio_parse(lf, lf_len, "lf.yaml", NULL, &err);
	cr_assert_not_null(a, "%s", err.message);
	b = yamlio_parse(crlf, crlf_len, "crlf.yaml", NULL, &err);
	cr_assert_not_null(b, "%d:%d: %s", err.line, err.col, err.message);
	/* Same strings (the note's lines end in LF), positions and styles. */
	expect_same_tree(a->root, b->root);
	ydoc_free(a);
	ydoc_free(b);
	free(lf);
	free(crlf);
}

Test(yamlio, an_empty_document_has_no_root)
{
	static const char *const empty[] = {
		"", "\n", "# only a comment\n", "---\n", "--- # c\n...\n",
		"\xEF\xBB\xBF", "\xEF\xBB\xBF# c\r\n",
	};
	size_t i;

	for (i = 0; i < ARRAY_LEN(empty); i++) {
		struct dvk_error err;
		struct ydoc *doc = parse_str(empty[i], &err);

		cr_assert_not_null(doc, "%zu: %s", i, err.message);
		cr_expect_null(doc->root, "case %zu has a root", i);
		ydoc_free(doc);
	}
}

Test(yamlio, a_quoted_empty_root_is_a_string)
{
	struct dvk_error err;
	struct ydoc *doc = parse_str("\"\"\n", &err);

	cr_assert_not_null(doc);
	cr_assert_not_null(doc->root);
	cr_expect_eq(doc->root->len, 0);
	cr_expect_not(ynode_is_null(doc->root));
	ydoc_free(doc);
}

Test(yamlio, keeps_nul_in_a_scalar_with_its_length)
{
	struct dvk_error err;
	struct ydoc *doc = parse_str("a: \"x\\0y\"\n", &err);
	const struct ynode *v;

	cr_assert_not_null(doc);
	v = ynode_get(doc->root, "a");
	cr_expect_eq(v->len, 3);
	cr_expect_eq(memcmp(v->str, "x\0y", 4), 0);
	ydoc_free(doc);
}

Test(yamlio, a_success_clears_the_error)
{
	struct dvk_error err;
	struct ydoc *doc;

	dvk_error_set(&err, "old", 3, 4, "stale");
	doc = parse_str("a: 1\n", &err);
	cr_assert_not_null(doc);
	cr_expect_str_eq(err.message, "");
	cr_expect_eq(err.line, 0);
	ydoc_free(doc);
	ydoc_free(NULL);
}

struct null_case {
	char input[16]; /* a document "v: <input>" */
	bool is_null;
};

ParameterizedTestParameters(yamlio, ynode_is_null_only_for_plain_nulls)
{
	static struct null_case cases[] = {
		{ "", true }, { "~", true }, { "null", true }, { "Null", true },
		{ "NULL", true }, { "nULL", false }, { "\"\"", false },
		{ "\"null\"", false }, { "'~'", false }, { "none", false },
		{ "0", false }, { "[]", false }, { "{}", false },
	};

	return cr_make_param_array(struct null_case, cases, ARRAY_LEN(cases));
}

ParameterizedTest(struct null_case *c, yamlio, ynode_is_null_only_for_plain_nulls)
{
	char *s = xasprintf("v: %s\n", c->input);
	struct dvk_error err;
	struct ydoc *doc = parse_str(s, &err);

	cr_assert_not_null(doc, "%s", err.message);
	cr_expect_eq(ynode_is_null(ynode_get(doc->root, "v")), c->is_null,
		     "v: %s", c->input);
	cr_expect(ynode_is_null(NULL), "absent reads as null");
	ydoc_free(doc);
	free(s);
}

/* ---- writing ---- */

Test(yamlio, writes_the_canonical_layout)
{
	struct ywriter *w = ywriter_new();
	size_t len;
	char *out;

	ywriter_map_start(w);
	ywriter_pair(w, "format", "dvk-state/1");
	ywriter_scalar(w, "items");
	ywriter_map_start(w);
	ywriter_scalar(w, "1.1");
	ywriter_map_start(w);
	ywriter_pair(w, "status", "done");
	ywriter_pair(w, "note", "Dòng một.\nDòng hai.\n");
	ywriter_scalar(w, "activities");
	ywriter_seq_start(w, false);
	ywriter_map_start(w);
	ywriter_pair(w, "date", "2023-03-14");
	ywriter_pair(w, "participants", "45");
	ywriter_map_end(w);
	ywriter_seq_end(w);
	ywriter_map_end(w);
	ywriter_map_end(w);
	ywriter_scalar(w, "log");
	ywriter_seq_start(w, false);
	ywriter_map_start(w);
	ywriter_scalar(w, "id");
	ywriter_quoted(w, "QZ5FP330RT3VYQJ9");
	ywriter_scalar(w, "pred");
	ywriter_seq_start(w, true);
	ywriter_scalar(w, "V84VPBGNE1HDKCA0");
	ywriter_scalar(w, "A, B");
	ywriter_seq_end(w);
	ywriter_scalar(w, "conflict");
	ywriter_flow_map_start(w);
	ywriter_pair(w, "value", "in-progress");
	ywriter_pair(w, "by", "Trần Văn Minh");
	ywriter_map_end(w);
	ywriter_pair(w, "gen", "1");
	ywriter_scalar(w, "tick");
	ywriter_int(w, 0);
	ywriter_scalar(w, "min");
	ywriter_int(w, -9223372036854775807LL - 1);
	ywriter_map_end(w);
	ywriter_seq_end(w);
	ywriter_map_end(w);
	out = finish_ok(w, "# dvk state file\n", &len);

	/* libyaml 0.2.5 writes a block sequence inside a mapping without
	 * extra indentation ("log:\n- id"); it is valid and stable. */
	cr_expect_str_eq(out,
			 "# dvk state file\n"
			 "format: dvk-state/1\n"
			 "items:\n"
			 "  \"1.1\":\n"
			 "    status: done\n"
			 "    note: |\n"
			 "      Dòng một.\n"
			 "      Dòng hai.\n"
			 "    activities:\n"
			 "    - date: \"2023-03-14\"\n"
			 "      participants: \"45\"\n"
			 "log:\n"
			 "- id: \"QZ5FP330RT3VYQJ9\"\n"
			 "  pred: [V84VPBGNE1HDKCA0, 'A, B']\n"
			 "  conflict: {value: in-progress, by: Trần Văn Minh}\n"
			 "  gen: \"1\"\n"
			 "  tick: 0\n"
			 "  min: -9223372036854775808\n");
	cr_expect_eq(len, strlen(out));
	ywriter_free(w);
	free(out);
}

Test(yamlio, round_trips_vietnamese_text_unescaped)
{
	const char *vi = "Tổ chức quán triệt cho cán bộ, đảng viên và Nhân dân; "
			 "NĂM ĐẨY MẠNH — “trích dẫn”";
	char *out = write_one_pair("tiêu đề", vi);

	cr_expect_not_null(strstr(out, "Tổ chức"), "escaped:\n%s", out);
	cr_expect_null(strstr(out, "\\u"), "escaped:\n%s", out);
	free(out);
	expect_round_trip("tiêu đề", vi);
}

Test(yamlio, writes_multi_line_notes_as_literal_blocks)
{
	const char *note = "Đã tổ chức hội nghị.\n  Thụt lề giữ nguyên.\n\nDòng cuối";
	char *out = write_one_pair("note", note);

	cr_expect_str_eq(out, "note: |-\n"
			 "  Đã tổ chức hội nghị.\n"
			 "    Thụt lề giữ nguyên.\n"
			 "\n"
			 "  Dòng cuối\n");
	free(out);
	expect_round_trip("note", note);
}

Test(yamlio, never_folds_long_lines)
{
	char *longline = repeat("từ ", 400, "cuối");
	char *out = write_one_pair("note", longline);

	/* One line for the pair, however long. */
	cr_expect_eq(strchr(out, '\n'), out + strlen(out) - 1, "folded:\n%s", out);
	free(out);
	expect_round_trip("note", longline);
	free(longline);
}

Test(yamlio, round_trips_escape_and_bell_in_double_quotes)
{
	const char *s = "xoá màn hình: \x1b[2J chuông: \a xong";
	char *out = write_one_pair("note", s);

	cr_expect_str_eq(out, "note: \"xoá màn hình: \\e[2J chuông: \\a xong\"\n");
	cr_expect_null(strchr(out, '\x1b'), "raw ESC written");
	free(out);
	expect_round_trip("note", s);
}

Test(yamlio, multi_line_text_with_controls_goes_double_quoted)
{
	const char *s = "dòng một\n\x1b[31mđỏ\x1b[0m\n";
	char *out = write_one_pair("note", s);

	cr_expect_eq(strncmp(out, "note: \"", 7), 0, "not double-quoted:\n%s", out);
	free(out);
	expect_round_trip("note", s);
}

struct trip_case {
	char name[48];
	char s[160];
};

ParameterizedTestParameters(yamlio, round_trips_awkward_strings)
{
	static struct trip_case cases[] = {
		{ "empty", "" },
		{ "trailing spaces", "trailing spaces   " },
		{ "leading spaces", "   leading" },
		{ "trailing spaces in a note", "line one  \nline two\n" },
		{ "tabs in a note", "a\tb\n\tc\n" },
		{ "only a newline", "\n" },
		{ "two newlines", "\n\n" },
		{ "kept trailing newlines", "a\n\n\n" },
		{ "leading newline", "\nafter" },
		{ "leading space in a note", " indented first\nsecond\n" },
		{ "CR alone", "a\rb" },
		{ "CRLF inside", "a\r\nb\r\n" },
		{ "NEL", "a\xC2\x85" "b\nc" },
		{ "LS and PS", "a\xE2\x80\xA8" "b\xE2\x80\xA9" "c" },
		{ "BOM inside", "\xEF\xBB\xBF" "x" },
		{ "DEL", "a\x7f" "b" },
		{ "C1 control", "a\xC2\x9B" "b" },
		{ "emoji", "xong rồi \xF0\x9F\x8E\x89" },
		{ "noncharacter", "a\xEF\xBF\xBE" },
		{ "quotes", "he said \"hi\" and 'bye'" },
		{ "backslashes", "C:\\dvk\\data\\" },
		{ "yes", "yes" },
		{ "No", "No" },
		{ "null", "null" },
		{ "tilde", "~" },
		{ "float", "1.10" },
		{ "int", "007" },
		{ "date", "2023-03-14" },
		{ "colon space", "a: b" },
		{ "hash", "a #b" },
		{ "indicator", "- item" },
		{ "flow indicators", "[a, {b}]" },
		{ "document markers", "---" },
		{ "document end", "..." },
		{ "percent", "%YAML" },
		{ "ampersand", "&anchor" },
		{ "star", "*alias" },
		{ "bang", "!tag" },
		{ "long key-like", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" },
		{ "multi-line with colon", "key: value\n# not a comment\n" },
		{ "ends with colon", "ghi chú:" },
		{ "Vietnamese NFD", "Vie\xCC\xA3\xCC\x82t" },
	};

	return cr_make_param_array(struct trip_case, cases, ARRAY_LEN(cases));
}

ParameterizedTest(struct trip_case *c, yamlio, round_trips_awkward_strings)
{
	cr_log_info("%s", c->name);
	/* As a value, and as a key (where literal blocks are not allowed). */
	expect_round_trip("k", c->s);
	expect_round_trip(c->s, "v");
}

Test(yamlio, rewriting_a_read_document_gives_the_same_bytes)
{
	size_t len;
	char *data = read_fixture("state.yaml", &len);
	struct dvk_error err;
	struct ydoc *doc = yamlio_parse(data, len, "state.yaml", NULL, &err);
	struct ywriter *w;
	struct ydoc *doc2;
	char *once, *twice;

	cr_assert_not_null(doc);
	w = ywriter_new();
	write_tree(w, doc->root);
	once = finish_ok(w, NULL, NULL);
	ywriter_free(w);

	doc2 = parse_str(once, &err);
	cr_assert_not_null(doc2, "%s\n%d:%d: %s", once, err.line, err.col,
			   err.message);
	w = ywriter_new();
	write_tree(w, doc2->root);
	twice = finish_ok(w, NULL, NULL);
	ywriter_free(w);
	cr_expect_str_eq(twice, once);

	ydoc_free(doc);
	ydoc_free(doc2);
	free(once);
	free(twice);
	free(data);
}

Test(yamlio, a_document_of_one_scalar)
{
	struct ywriter *w = ywriter_new();
	char *out;

	cr_assert(ywriter_scalar(w, "hello"));
	out = finish_ok(w, NULL, NULL);
	cr_expect_str_eq(out, "hello\n");
	free(out);
	ywriter_free(w);
}

Test(yamlio, writer_refuses_invalid_utf8)
{
	struct ywriter *w = ywriter_new();
	struct dvk_error err;

	cr_assert(ywriter_map_start(w));
	cr_expect_eq(ywriter_pair(w, "a", "caf\xE9"), 0);
	/* Once failed, everything after fails too. */
	cr_expect_eq(ywriter_map_end(w), 0);
	cr_expect_null(ywriter_finish(w, NULL, NULL, &err));
	cr_expect_str_eq(err.message, "cannot write YAML: a string to write is not valid UTF-8");
	ywriter_free(w);
}

Test(yamlio, writer_reports_unbalanced_structure)
{
	struct ywriter *w = ywriter_new();
	struct dvk_error err;

	ywriter_map_start(w);
	ywriter_pair(w, "a", "b");
	cr_expect_null(ywriter_finish(w, NULL, NULL, &err));
	cr_expect_str_eq(err.message, "cannot write YAML: a mapping or sequence was left open");
	ywriter_free(w);

	w = ywriter_new();
	cr_expect_eq(ywriter_seq_end(w), 0);
	cr_expect_null(ywriter_finish(w, NULL, NULL, &err));
	cr_expect_str_eq(err.message, "cannot write YAML: end of a mapping or "
			 "sequence that was never started");
	ywriter_free(w);

	/* A key with no value: libyaml itself notices. */
	w = ywriter_new();
	ywriter_map_start(w);
	ywriter_scalar(w, "a");
	ywriter_map_end(w);
	cr_expect_null(ywriter_finish(w, NULL, NULL, &err));
	cr_expect_not_null(strstr(err.message, "cannot write YAML: "));
	ywriter_free(w);

	/* Nothing at all. */
	w = ywriter_new();
	cr_expect_null(ywriter_finish(w, NULL, NULL, &err));
	ywriter_free(w);

	/* Freeing a writer that was never finished is fine. */
	w = ywriter_new();
	ywriter_map_start(w);
	ywriter_free(w);
}

Test(yamlio, finishing_twice_is_an_error)
{
	struct ywriter *w = ywriter_new();
	struct dvk_error err;
	char *out;

	ywriter_scalar(w, "x");
	out = finish_ok(w, NULL, NULL);
	free(out);
	cr_expect_eq(ywriter_scalar(w, "y"), 0);
	cr_expect_null(ywriter_finish(w, NULL, NULL, &err));
	cr_expect_str_eq(err.message, "cannot write YAML: the document was already finished");
	ywriter_free(w);
}

struct quote_case {
	char s[40];
	bool quote;
};

ParameterizedTestParameters(yamlio, needs_quotes_where_yaml_1_1_would_type)
{
	static struct quote_case cases[] = {
		/* numbers in every YAML 1.1 and 1.2 form */
		{ "1.2", true }, { "1.10", true }, { "45", true }, { "0", true },
		{ "007", true }, { "1_000", true }, { "0x1f", true }, { "0X1F", true },
		{ "0o17", true }, { "0b101", true }, { "1e3", true }, { "1E-3", true },
		{ "6.8523015e+5", true }, { ".5", true }, { "+1", true }, { "-1", true },
		{ "+.5", true }, { "1.", true }, { "1:20", true }, { "190:20:30.15", true },
		{ ".inf", true }, { "-.inf", true }, { "+.INF", true }, { ".Inf", true },
		{ ".nan", true }, { ".NaN", true }, { "inf", true }, { "NaN", true },
		{ "1.1.2", true }, { "3d", true },
		/* dates and timestamps */
		{ "2023-03-14", true }, { "2023-3-4", true },
		{ "2023-03-14T10:00:00Z", true }, { "2023-03-12T14:21:07.000Z", true },
		{ "2001-12-14t21:59:43.10-05:00", true },
		{ "2001-12-14 21:59:43.10 -5", true },
		/* bools and nulls, any case */
		{ "yes", true }, { "Yes", true }, { "YES", true }, { "yEs", true },
		{ "no", true }, { "No", true }, { "on", true }, { "ON", true },
		{ "off", true }, { "Off", true }, { "true", true }, { "True", true },
		{ "FALSE", true }, { "y", true }, { "Y", true }, { "n", true },
		{ "N", true }, { "null", true }, { "Null", true }, { "NULL", true },
		{ "~", true }, { "", true }, { "<<", true }, { "=", true },
		/* indicators at the start */
		{ "-", true }, { "- a", true }, { "-x", true }, { "?", true },
		{ "? a", true }, { ":a", true }, { ",a", true }, { "[a", true },
		{ "]", true }, { "{a}", true }, { "}", true }, { "#a", true },
		{ "&a", true }, { "*a", true }, { "!a", true }, { "|", true },
		{ ">", true }, { "'a'", true }, { "\"a\"", true }, { "%a", true },
		{ "@a", true }, { "`a", true }, { "...", true }, { "---", true },
		/* blanks, comments, values, controls */
		{ " a", true }, { "a ", true }, { " ", true }, { "a: b", true },
		{ "a #b", true }, { "a:", true }, { "a\tb", true }, { "a\nb", true },
		{ "a\x1b" "b", true }, { "a\x7f", true }, { "a\xC2\x85", true },
		{ "a\xE2\x80\xA8", true },
		/* ordinary text stays plain */
		{ "done", false }, { "in-progress", false }, { "dvk-state/1", false },
		{ "QZ5FP330RT3VYQJ9", false }, { "V84VPBGNE1HDKCA0", false },
		{ "Trần Văn Minh", false }, { "a:b", false }, { "a#b", false },
		{ "14/3/2023", false }, { "2 người", false }, { "yesterday", false },
		{ "nothing", false }, { "E5", false }, { "1.1 Tổ chức", false },
		{ "activity.r1.date", false }, { "it's", false }, { ".", false },
		{ "ubnd-xa-quang-hoa", false }, { "CONFLICT", false },
	};

	return cr_make_param_array(struct quote_case, cases, ARRAY_LEN(cases));
}

ParameterizedTest(struct quote_case *c, yamlio, needs_quotes_where_yaml_1_1_would_type)
{
	cr_expect_eq(yamlio_needs_quotes(c->s), c->quote, "\"%s\": want %s",
		     c->s, c->quote ? "quotes" : "plain");
	/* Whatever the answer, the written string reads back the same. */
	expect_round_trip("k", c->s);
}

/*
 * PyYAML is the YAML 1.1 reader most likely to meet these files (scripts,
 * older yq).  Write the needs_quotes table and some awkward text, and have
 * it check every value loads as the same string.
 */
Test(yamlio, pyyaml_reads_every_written_value_as_the_same_string)
{
	static const char *const values[] = {
		"1.2", "1.10", "45", "007", "1_000", "0x1f", "1e3", ".5", "+1", "-1",
		".inf", ".nan", "1:20", "2023-03-14", "2023-03-14T10:00:00Z", "yes",
		"No", "on", "OFF", "y", "n", "true", "null", "~", "", "<<", "=",
		"a: b", "a #b", "- x", "[x]", "...", "---", " lead", "trail ",
		"done", "Trần Văn Minh", "xoá \x1b[2J chuông \a", "dòng 1\ndòng 2\n",
		"a  \nb", "tab\there", "emoji \xF0\x9F\x8E\x89", "a\xE2\x80\xA8" "b",
		"\xEF\xBB\xBF" "bom", "a\xC2\x85" "b", "DEL\x7f",
	};
	char dir[] = "/tmp/dvk-pyyaml-XXXXXX";
	struct ywriter *w;
	struct buf hex = {0};
	char *yaml_path, *hex_path, *script_path, *cmd, *out;
	size_t i, len, j;
	FILE *f;
	int rc;

	if (system("python3 -c 'import yaml' >/dev/null 2>&1") != 0)
		cr_skip("python3 with PyYAML is not installed");

	w = ywriter_new();
	ywriter_seq_start(w, false);
	for (i = 0; i < ARRAY_LEN(values); i++) {
		ywriter_map_start(w);
		ywriter_pair(w, values[i], values[i]);
		ywriter_map_end(w);
		for (j = 0; values[i][j]; j++)
			buf_printf(&hex, "%02x", (unsigned char)values[i][j]);
		buf_adds(&hex, "-\n"); /* "-" keeps empty strings on the line */
	}
	ywriter_seq_end(w);
	out = finish_ok(w, "# written by test_yamlio\n", &len);
	ywriter_free(w);

	cr_assert_not_null(mkdtemp(dir));
	yaml_path = xasprintf("%s/t.yaml", dir);
	hex_path = xasprintf("%s/want.hex", dir);
	script_path = xasprintf("%s/check.py", dir);
	f = fopen(yaml_path, "wb");
	fwrite(out, 1, len, f);
	fclose(f);
	f = fopen(hex_path, "wb");
	fwrite(hex.data, 1, hex.len, f);
	fclose(f);
	f = fopen(script_path, "wb");
	fputs("import sys, yaml\n"
	      "got = yaml.safe_load(open(sys.argv[1], encoding='utf-8'))\n"
	      "want = [bytes.fromhex(l[:-1]).decode('utf-8')\n"
	      "        for l in open(sys.argv[2]).read().split('\\n') if l]\n"
	      "bad = 0\n"
	      "for g, w in zip(got, want):\n"
	      "    k, v = next(iter(g.items()))\n"
	      "    if k != w or v != w or type(v) is not str:\n"
	      "        print('mismatch:', repr(w), '->', repr(k), repr(v))\n"
	      "        bad += 1\n"
	      "if len(got) != len(want):\n"
	      "    print('count', len(got), len(want)); bad += 1\n"
	      "sys.exit(1 if bad else 0)\n", f);
	fclose(f);
	cmd = xasprintf("python3 %s %s %s 1>&2", script_path, yaml_path, hex_path);
	rc = system(cmd);
	cr_expect_eq(rc, 0, "PyYAML disagreed (see stderr); the file:\n%s", out);

	unlink(yaml_path);
	unlink(hex_path);
	unlink(script_path);
	rmdir(dir);
	free(cmd);
	free(yaml_path);
	free(hex_path);
	free(script_path);
	free(out);
	buf_free(&hex);
}

/* ---- the arena ---- */

Test(arena, hands_out_aligned_zeroed_memory_and_frees_it_all)
{
	struct arena *a = arena_new();
	size_t i;

	for (i = 0; i < 100000; i++) {
		size_t n = i % 37 + 1;
		unsigned char *p = arena_alloc(a, n);
		size_t j;

		cr_assert_eq((uintptr_t)p % _Alignof(max_align_t), 0);
		for (j = 0; j < n; j++)
			cr_assert_eq(p[j], 0);
		memset(p, 0xAB, n);
	}
	/* A block bigger than a chunk, then small ones again. */
	{
		unsigned char *big = arena_alloc(a, (size_t)1 << 20);
		char *s;

		cr_assert_eq(big[0], 0);
		cr_assert_eq(big[(1 << 20) - 1], 0);
		memset(big, 1, (size_t)1 << 20);
		s = arena_strndup(a, "abc\0def", 7);
		cr_expect_eq(memcmp(s, "abc\0def", 8), 0);
	}
	cr_expect_geq(arena_used(a), (size_t)1 << 20);
	arena_free(a);
	arena_free(NULL);
}

/* ---- the writer's fast path ---- */

/* What a ywriter writes for "k: s" (plain or quoted), without "k: " and
 * the line end. */
static char *ywriter_value(const char *s, bool quoted)
{
	struct ywriter *w = ywriter_new();
	struct dvk_error err;
	size_t len;
	char *out;

	ywriter_map_start(w);
	ywriter_scalar(w, "k");
	if (quoted)
		ywriter_quoted(w, s);
	else
		ywriter_scalar(w, s);
	ywriter_map_end(w);
	out = ywriter_finish(w, NULL, &len, &err);
	ywriter_free(w);
	cr_assert_not_null(out, "%s", err.message);
	cr_assert(len >= 4 && strncmp(out, "k: ", 3) == 0, "%s", out);
	memmove(out, out + 3, len - 3);
	out[len - 4] = '\0'; /* the final newline */
	return out;
}

/* What a ywriter writes for s as a value two levels down ("a:\n  b:\n
 * c: S") and in a record of a list below that ("    d:\n    - e: S"),
 * each without its key and what comes before. */
static void ywriter_nested(const char *s, char **in_map, char **in_list)
{
	static const char head[] = "a:\n  b:\n    c: ", mid[] = "    d:\n    - e: ";
	struct ywriter *w = ywriter_new();
	struct dvk_error err;
	size_t len;
	char *out, *m;

	ywriter_map_start(w);
	ywriter_scalar(w, "a");
	ywriter_map_start(w);
	ywriter_scalar(w, "b");
	ywriter_map_start(w);
	ywriter_pair(w, "c", s);
	ywriter_scalar(w, "d");
	ywriter_seq_start(w, false);
	ywriter_map_start(w);
	ywriter_pair(w, "e", s);
	ywriter_map_end(w);
	ywriter_seq_end(w);
	ywriter_map_end(w);
	ywriter_map_end(w);
	ywriter_map_end(w);
	out = ywriter_finish(w, NULL, &len, &err);
	ywriter_free(w);
	cr_assert_not_null(out, "%s", err.message);
	cr_assert(strncmp(out, head, sizeof head - 1) == 0, "%s", out);
	m = strstr(out, mid);
	cr_assert_not_null(m, "%s", out);
	*in_list = strdup(m + sizeof mid - 1);
	*m = '\0';
	*in_map = strdup(out + sizeof head - 1);
	free(out);
}

/* Wherever the fast path writes a text of several lines, it writes what
 * libyaml writes, at the two depths a summary has: over 100,000 texts of
 * lines, blanks, breaks, Vietnamese and characters libyaml escapes.  It
 * must take the common ones (a note of a few lines). */
Test(yamlio, the_fast_writer_writes_blocks_as_libyaml_does)
{
	static const char *const atoms[] = {
		"a", "Đã họp", "b c", "Nhân dân", "x.", "\n", "\n", "\n", "\n\n", " ", "  ", "\t", "#",
		"- ", ": ", "\"", "'", "|",
		"\\", "\r", "\xC2\x85", "\xE2\x80\xA8", "\xC2\xA0", "\xEF\xBB\xBF",
		"\xF0\x9F\x98\x80", "\x7F", "---", "...", "1.5",
	};
	static const char *const common[] = {
		"Đã ban hành kế hoạch số 12/KH-UBND.\nPhân công cán bộ phụ trách từng thôn.",
		"Dòng một\n\nDòng ba\n", "- gạch đầu dòng\n- thứ hai",
	};
	uint64_t rng = 7;
	size_t fast = 0;

	for (int i = 0; i < 100000; i++) {
		char s[96] = "";
		unsigned n = 1 + sim_below(&rng, 6);
		struct buf in_map = {0}, in_list = {0};
		char *want_map, *want_list;

		for (unsigned k = 0; k < n; k++)
			strcat(s, atoms[sim_below(&rng, ARRAY_LEN(atoms))]);
		if (!yamlio_fast_block(&in_map, s, 6)) {
			cr_assert_eq(in_map.len, 0, "declined but wrote \"%s\"", s);
			continue;
		}
		cr_assert(yamlio_fast_block(&in_list, s, 8));
		fast++;
		ywriter_nested(s, &want_map, &want_list);
		cr_assert_str_eq(in_map.data, want_map, "\"%s\"", s);
		cr_assert_str_eq(in_list.data, want_list, "\"%s\"", s);
		free(want_map);
		free(want_list);
		buf_free(&in_map);
		buf_free(&in_list);
	}
	cr_assert_gt(fast, 3000, "the fast path took only %zu texts", fast);
	for (size_t i = 0; i < ARRAY_LEN(common); i++) {
		struct buf b = {0};
		char *want_map, *want_list;

		ywriter_nested(common[i], &want_map, &want_list);
		cr_assert(yamlio_fast_block(&b, common[i], 6), "declined \"%s\"", common[i]);
		cr_assert_str_eq(b.data, want_map);
		free(want_map);
		free(want_list);
		buf_free(&b);
	}
}

/* Wherever the fast path writes a scalar, it writes what libyaml writes:
 * over 200,000 strings made of the characters that change how YAML is
 * written (indicators, blanks, quotes, escapes, digits, Vietnamese,
 * NEL, LS, NBSP, BOM, a 4-byte letter, U+FFFE), and words YAML 1.1 types.
 * It must also take the common strings, or it would be no use. */
Test(yamlio, the_fast_writer_writes_what_libyaml_writes)
{
	static const char *const atoms[] = {
		"a", "Z", "0", "7", ".", "-", "+", ":", ": ", "#", " #", "?", ",", "[", "]", "{",
		"}", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`", "\\", " ", "  ", "\t",
		"\n", "~", "=", "<<", "e", "E", "x", "o", "_", "/", "ệ", "Đ", "ơ", "…",
		"\xC2\x85", "\xE2\x80\xA8", "\xC2\xA0", "\xEF\xBB\xBF", "\xF0\x9F\x98\x80",
		"\xEF\xBF\xBE", "\x7F", "yes", "No", "null", "true", "2023-03-14", "1.5", "0x1F",
		"1_000", ".inf", "...", "---",
	};
	static const char *const common[] = {
		"done", "in-progress", "Lê Thị Hạnh", "hanh-x220", "activity.ABCDEFGH.date",
		"Văn bản số 12/UBND", "Đã tổ chức hội nghị quán triệt, có 45 người tham dự.",
		"XVFXC3DKJ7STFSCY", "", "45", "2023-03-14", "1.2", "yes",
	};
	uint64_t rng = 42;
	size_t fast = 0;

	for (int i = 0; i < 200000; i++) {
		char s[64] = "";
		unsigned n = sim_below(&rng, 5);

		for (unsigned k = 0; k < n; k++)
			strcat(s, atoms[sim_below(&rng, ARRAY_LEN(atoms))]);
		for (int quoted = 0; quoted < 2; quoted++) {
			struct buf b = {0};

			if (!yamlio_fast_scalar(&b, s, quoted))
				continue;
			fast++;
			char *want = ywriter_value(s, quoted);

			cr_assert_str_eq(b.data ? b.data : "", want, "%s \"%s\"", quoted ? "quoted" : "plain", s);
			free(want);
			buf_free(&b);
		}
	}
	cr_assert_gt(fast, 20000, "the fast path took only %zu strings", fast);
	for (size_t i = 0; i < ARRAY_LEN(common); i++) {
		struct buf b = {0};
		char *want = ywriter_value(common[i], false);

		cr_assert(yamlio_fast_scalar(&b, common[i], false), "declined \"%s\"", common[i]);
		cr_assert_str_eq(b.data ? b.data : "", want);
		free(want);
		buf_free(&b);
	}
}

/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_content.c: the shipped directive and the directive loader.
 *
 * The shipped file is checked through the bytes compiled into the binary
 * (what users actually run) and against the file on disk (so a stale build
 * is caught).  Invalid directives are table-driven: each row is a small
 * document, and the FILE:LINE:COL a person would be sent to.
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content/directive.h"
#include "text/text.h"

static const char *src_dir(void)
{
	const char *s = getenv("DVK_SRC");

	return s && *s ? s : ".";
}

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	cr_assert_not_null(f, "cannot open %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	cr_assert_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static struct directive *builtin(void)
{
	struct dvk_error err;
	struct directive *d = directive_builtin(&err);
	char msg[1024];

	cr_assert_not_null(d, "built-in directive fails to load: %s",
			   dvk_error_format(&err, msg, sizeof msg));
	return d;
}

/* ---- the shipped directive ---- */

Test(shipped_directive, has_nine_sections_holding_38_items_in_order)
{
	static const size_t per_section[9] = {4, 3, 7, 5, 5, 4, 5, 2, 3};
	struct directive *d = builtin();
	size_t s, k, n = 0;

	cr_assert_str_eq(d->id, "thanh-hoa-dvk-2023");
	cr_assert_eq(d->nsections, 9);
	cr_assert_eq(d->nitems, 38);
	for (s = 0; s < d->nsections; s++) {
		const struct section *sec = &d->sections[s];
		char want[48];

		snprintf(want, sizeof want, "%zu", s + 1);
		cr_expect_str_eq(sec->id, want);
		cr_expect_eq(sec->nitems, per_section[s], "section %s", sec->id);
		cr_expect_eq(sec->first_item, n, "section %s", sec->id);
		cr_expect(sec->title[0] != '\0');
		for (k = 0; k < sec->nitems; k++) {
			const struct item *it = &d->items[sec->first_item + k];

			snprintf(want, sizeof want, "%zu.%zu", s + 1, k + 1);
			cr_expect_str_eq(it->id, want);
			cr_expect_eq(it->section, s, "item %s", it->id);
		}
		n += sec->nitems;
	}
	directive_free(d);
}

Test(shipped_directive, has_unique_item_ids_each_with_a_date_and_more_evidence)
{
	struct directive *d = builtin();
	size_t i;

	for (i = 0; i < d->nitems; i++) {
		const struct item *it = &d->items[i];
		const struct evidence_field *date = item_evidence(it, "date");

		cr_expect_eq(directive_item_index(d, it->id), (long)i, "item %s is not unique", it->id);
		cr_expect_geq(it->nevidence, 2, "item %s", it->id);
		cr_expect_not_null(date, "item %s has no date", it->id);
		if (date)
			cr_expect_eq(date->type, EVIDENCE_DATE);
		cr_expect(strlen(it->text) > 10, "item %s", it->id);
	}
	directive_free(d);
}

Test(shipped_directive, uses_one_type_and_label_per_evidence_key_so_reports_can_sum)
{
	struct directive *d = builtin();
	size_t i, j, a, b;

	for (i = 0; i < d->nitems; i++)
		for (a = 0; a < d->items[i].nevidence; a++)
			for (j = i; j < d->nitems; j++)
				for (b = 0; b < d->items[j].nevidence; b++) {
					const struct evidence_field *x = &d->items[i].evidence[a];
					const struct evidence_field *y = &d->items[j].evidence[b];

					if (strcmp(x->key, y->key) != 0)
						continue;
					cr_expect_eq(x->type, y->type, "%s", x->key);
					/* The date says what happened on it
					 * ("Ngày tổ chức", "Ngày ban hành"). */
					if (strcmp(x->key, "date") != 0)
						cr_expect_str_eq(x->label, y->label, "%s", x->key);
				}
	cr_expect_eq(item_evidence(directive_item(d, "1.1"), "participants")->type, EVIDENCE_COUNT);
	cr_expect_str_eq(item_evidence(directive_item(d, "1.1"), "participants")->label,
			 "Số người tham dự");
	cr_expect_str_eq(item_evidence(directive_item(d, "1.1"), "document")->label,
			 "Số, ký hiệu văn bản");
	directive_free(d);
}

Test(shipped_directive, records_only_counts_for_complaints_and_discipline_cases)
{
	/* Denouncers' identities are confidential by law and files travel on
	 * USB sticks: these items must offer no free-text field to type a
	 * name into. */
	static const char *const counted[] = {"4.5", "8.2"};
	struct directive *d = builtin();
	size_t i, k;

	for (i = 0; i < ARRAY_LEN(counted); i++) {
		const struct item *it = directive_item(d, counted[i]);

		cr_assert_not_null(it);
		for (k = 0; k < it->nevidence; k++)
			cr_expect_neq(it->evidence[k].type, EVIDENCE_TEXT, "%s %s",
				      it->id, it->evidence[k].key);
	}
	cr_expect_not_null(item_evidence(directive_item(d, "4.5"), "petitions_received"));
	cr_expect_not_null(item_evidence(directive_item(d, "8.2"), "cases_handled"));
	directive_free(d);
}

Test(shipped_directive, keeps_the_unknown_document_metadata_null)
{
	struct directive *d = builtin();

	cr_expect_null(d->number);
	cr_expect_null(d->date);
	cr_expect_null(d->signer);
	cr_expect_str_eq(d->title, "Triển khai thực hiện chủ đề “Năm đẩy mạnh phong trào thi đua Dân vận khéo”");
	cr_expect_str_eq(d->issuer, "UBND tỉnh Thanh Hóa");
	cr_expect_str_eq(d->scope, "2023 và những năm tiếp theo");
	cr_assert_eq(d->nrecipients, 2);
	cr_expect_str_eq(d->recipients[0], "Các sở, ban, ngành, đoàn thể cấp tỉnh");
	cr_expect_str_eq(d->recipients[1], "UBND các huyện, thị xã, thành phố trong tỉnh");
	cr_expect_not_null(d->source);
	directive_free(d);
}

static void expect_no_furniture(const char *what, const char *s)
{
	static const char *const furniture[] = {
		"Ảnh:", "Thu Thủy", "Quảng Hòa (Quảng Xương)", "{name}", "{time}",
		"{body}", "Trả lời", "bình luận", "Ý kiến của bạn", "Xem thêm",
		"Thời tiết", "Chia sẻ", "Tắt [X]", "Baothanhhoa", "baothanhhoa",
	};
	size_t i;

	if (!s)
		return;
	for (i = 0; i < ARRAY_LEN(furniture); i++)
		cr_expect_null(strstr(s, furniture[i]), "%s contains \"%s\"", what, furniture[i]);
	cr_expect_null(strstr(s, "\nTS\n"), "%s contains the byline", what);
}

Test(shipped_directive, carries_no_page_furniture)
{
	struct directive *d = builtin();
	size_t len, i, k;
	char path[1024];
	char *raw;

	snprintf(path, sizeof path, "%s/content/thanh-hoa-dvk-2023.yaml", src_dir());
	raw = read_all(path, &len);

	expect_no_furniture("the file", raw);
	expect_no_furniture("preamble", d->preamble);
	expect_no_furniture("source", d->source);
	for (i = 0; i < d->nsections; i++)
		expect_no_furniture(d->sections[i].id, d->sections[i].text);
	for (i = 0; i < d->nitems; i++) {
		expect_no_furniture(d->items[i].id, d->items[i].text);
		for (k = 0; k < d->items[i].nevidence; k++)
			expect_no_furniture(d->items[i].id, d->items[i].evidence[k].label);
	}
	/* The lead appears once, without the news site's prefix. */
	cr_expect_eq(strncmp(d->preamble, "Để triển khai thực hiện hiệu quả", strlen("Để triển khai thực hiện hiệu quả")), 0);
	cr_expect_null(strstr(strstr(raw, "Để triển khai") + 1, "Để triển khai"));
	free(raw);
	directive_free(d);
}

static size_t codepoints(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

Test(shipped_directive, section_texts_rejoin_into_the_source_body)
{
	struct directive *d = builtin();
	size_t i, total = 0;
	const char *first = d->sections[0].text, *last = d->sections[8].text;

	/* The scraped body was one line of 5,220 characters; the nine
	 * paragraphs are it, cut at the lost breaks and nothing else. */
	for (i = 0; i < d->nsections; i++) {
		const char *t = d->sections[i].text;
		size_t n = strlen(t);

		cr_expect(n > 0 && t[n - 1] != '\n' && t[n - 1] != ' ', "section %zu", i + 1);
		cr_expect(t[n - 1] == '.' || strcmp(t + n - 3, "…") == 0, "section %zu", i + 1);
		total += codepoints(t);
	}
	cr_expect_eq(total, 5220);
	cr_expect_eq(strncmp(first, "Theo đó, UBND tỉnh yêu cầu", strlen("Theo đó, UBND tỉnh yêu cầu")), 0);
	cr_expect_eq(strncmp(d->sections[4].text, "Thường xuyên tiếp xúc", strlen("Thường xuyên tiếp xúc")), 0);
	cr_expect_str_eq(d->sections[7].text, "Tăng cường công tác kiểm tra, thanh tra công vụ, xử lý nghiêm những cán bộ, công chức, viên chức có hành vi cửa quyền, gây phiền hà cho Nhân dân, xâm phạm quyền và lợi ích chính đáng của Nhân dân.");
	cr_expect_str_eq(last + strlen(last) - strlen("phong trào thi đua."), "phong trào thi đua.");
	directive_free(d);
}

Test(shipped_directive, is_stored_in_nfc)
{
	struct directive *d = builtin();
	size_t i;

	for (i = 0; i < d->nitems; i++) {
		char *n = text_nfc(d->items[i].text);

		cr_expect_str_eq(n, d->items[i].text);
		free(n);
	}
	directive_free(d);
}

Test(shipped_directive, compiled_bytes_match_the_file_on_disk)
{
	char path[1024];
	size_t len, blen;
	char *raw;
	const char *bytes = directive_builtin_bytes(&blen);
	struct dvk_error err;
	struct directive *d;

	snprintf(path, sizeof path, "%s/content/thanh-hoa-dvk-2023.yaml", src_dir());
	raw = read_all(path, &len);
	cr_expect_eq(blen, len);
	cr_expect(len == blen && memcmp(raw, bytes, len) == 0, "rebuild: the embedded directive is stale");
	d = directive_load_file(path, &err);
	cr_expect_not_null(d);
	if (d)
		cr_expect_eq(d->nitems, 38);
	directive_free(d);
	free(raw);
}

/* ---- lookups ---- */

Test(lookup, finds_items_and_fields_by_id_and_key)
{
	struct directive *d = builtin();
	const struct item *it = directive_item(d, "3.4");

	cr_assert_not_null(it);
	cr_expect_str_eq(it->id, "3.4");
	cr_expect_eq(it->section, 2);
	cr_expect_eq(directive_item_index(d, "1.1"), 0);
	cr_expect_eq(directive_item_index(d, "9.3"), 37);
	cr_expect_null(directive_item(d, "10.1"));
	cr_expect_null(directive_item(d, "1"));
	cr_expect_null(directive_item(d, ""));
	cr_expect_eq(directive_item_index(d, "3.40"), -1);
	cr_expect_not_null(item_evidence(it, "procedures_simplified"));
	cr_expect_null(item_evidence(it, "nope"));
	cr_expect_str_eq(evidence_type_name(EVIDENCE_DATE), "date");
	cr_expect_str_eq(evidence_type_name(EVIDENCE_COUNT), "count");
	cr_expect_str_eq(evidence_type_name(EVIDENCE_TEXT), "text");
	directive_free(d);
	directive_free(NULL);
}

/* ---- loading small directives ---- */

static struct directive *load(const char *yaml, struct dvk_error *err)
{
	return directive_load_buffer(yaml, strlen(yaml), "t.yaml", err);
}

Test(loader, reads_a_small_directive_from_a_fixture_file)
{
	char path[1024];
	struct dvk_error err;
	struct directive *d;

	snprintf(path, sizeof path, "%s/tests/fixtures/directive/minimal.yaml", src_dir());
	d = directive_load_file(path, &err);
	cr_assert_not_null(d, "%s", err.message);
	cr_expect_str_eq(d->id, "xa-thu-nghiem-2024");
	cr_expect_str_eq(d->scope, "2024");
	cr_expect_str_eq(d->number, "12/KH-UBND");
	cr_expect_null(d->date, "an empty date is unknown, like null");
	cr_expect_null(d->signer);
	cr_expect_null(d->source);
	/* A literal block's final line break is layout, not text. */
	cr_expect_str_eq(d->preamble, "Đoạn mở đầu.");
	cr_expect_str_eq(d->sections[0].text, "Tăng cường tuyên truyền.");
	cr_expect_eq(d->nitems, 2);
	cr_expect_eq(d->items[0].nevidence, 2);
	cr_expect_eq(d->items[0].evidence[1].type, EVIDENCE_COUNT);
	cr_expect_eq(d->items[1].nevidence, 0, "evidence is optional");
	directive_free(d);
}

Test(loader, names_the_file_and_line_of_a_duplicate_in_a_fixture_file)
{
	char path[1024], want[1200], got[1200];
	struct dvk_error err;

	snprintf(path, sizeof path, "%s/tests/fixtures/directive/duplicate-item.yaml", src_dir());
	cr_assert_null(directive_load_file(path, &err));
	snprintf(want, sizeof want, "%s:12:13: duplicate item id \"1.1\" (first at line 10); give each "
		 "item an id of its own; a further task of item 1.1 can be 1.1.1", path);
	cr_expect_str_eq(dvk_error_format(&err, got, sizeof got), want);
}

Test(loader, names_a_state_file_given_as_a_directive_by_its_format)
{
	char path[1024];
	struct dvk_error err;

	snprintf(path, sizeof path, "%s/tests/fixtures/directive/state-file.yaml", src_dir());
	cr_assert_null(directive_load_file(path, &err));
	cr_expect_eq(err.line, 2);
	cr_expect_eq(err.col, 9);
	cr_expect_str_eq(err.message, "unsupported format \"dvk-state/1\" (expected dvk-directive/1)");
}

Test(loader, reports_a_missing_file_with_its_name)
{
	struct dvk_error err;

	cr_assert_null(directive_load_file("tests/fixtures/directive/no-such-file.yaml", &err));
	cr_expect_str_eq(err.path, "tests/fixtures/directive/no-such-file.yaml");
	cr_expect(err.message[0] != '\0');
}

Test(loader, stores_text_typed_in_nfd_as_nfc)
{
	/* "Dân vận" with the circumflex and the dot below as combining marks,
	 * as a Mac or some input methods produce it. */
	static const char yaml[] =
		"format: dvk-directive/1\n"
		"id: nfd\n"
		"title: \"Da\xCC\x82n va\xCC\xA3\xCC\x82n\"\n"
		"issuer: U\n"
		"sections:\n"
		"  - id: \"1\"\n"
		"    title: S\n"
		"    text: P.\n"
		"    items:\n"
		"      - id: \"1.1\"\n"
		"        text: \"Da\xCC\x82n\"\n";
	struct dvk_error err;
	struct directive *d = load(yaml, &err);

	cr_assert_not_null(d, "%s", err.message);
	cr_expect_str_eq(d->title, "Dân vận");
	cr_expect_str_eq(d->items[0].text, "Dân");
	directive_free(d);
}

/* Lines 1-13 of every invalid case below, so positions are easy to read:
 *  6: "  - id: \"1\""       map at col 5, value at col 9
 * 10: "      - id: \"1.1\"" map at col 9, value at col 13
 * 13: "          - {key: date, label: Day, type: date}"
 *     '{' col 13, key value col 19, label value col 32, type value col 43 */
#define HEAD "format: dvk-directive/1\nid: test\ntitle: T\nissuer: U\nsections:\n"
#define SEC1 "  - id: \"1\"\n    title: S\n    text: P.\n    items:\n"
#define ITEM11 "      - id: \"1.1\"\n        text: I.\n        evidence:\n" \
	"          - {key: date, label: Day, type: date}\n"

struct bad_case {
	const char *name;
	const char *yaml;
	int line, col;
	const char *message; /* exact, or a prefix when it ends in '*' */
};

static const struct bad_case bad_cases[] = {
	{"wrong format", "format: dvk-state/1\nid: x\n", 1, 9,
	 "unsupported format \"dvk-state/1\" (expected dvk-directive/1)"},
	{"future format", "format: dvk-directive/2\n", 1, 9,
	 "unsupported format \"dvk-directive/2\" (expected dvk-directive/1)"},
	{"format as a list", "format: [dvk-directive/1]\n", 1, 9,
	 "unsupported format (expected dvk-directive/1)"},
	{"no format", "id: test\ntitle: T\n", 1, 1, "missing key 'format' in directive"},
	{"root is a list", "- format: dvk-directive/1\n", 1, 1, "a directive must be a mapping"},
	{"missing title", "format: dvk-directive/1\nid: test\nissuer: U\nsections: []\n", 1, 1,
	 "missing key 'title' in directive"},
	{"missing sections", "format: dvk-directive/1\nid: test\ntitle: T\nissuer: U\n", 1, 1,
	 "missing key 'sections' in directive"},
	{"unknown top-level key", HEAD SEC1 ITEM11 "colour: red\n", 14, 1,
	 "unknown key 'colour' in directive"},
	{"empty title", "format: dvk-directive/1\nid: test\ntitle: \"  \"\nissuer: U\nsections: []\n", 3, 8,
	 "'title' must not be empty"},
	{"issuer as a list", "format: dvk-directive/1\nid: test\ntitle: T\nissuer: [U]\nsections: []\n", 4, 9,
	 "'issuer' must be text"},
	{"directive id with a path in it", "format: dvk-directive/1\nid: ../etc\ntitle: T\nissuer: U\nsections: []\n", 2, 5,
	 "bad directive id \"../etc\"*"},
	{"empty sections", "format: dvk-directive/1\nid: test\ntitle: T\nissuer: U\nsections: []\n", 5, 11,
	 "'sections' must not be empty"},
	{"sections as a mapping", HEAD "  a: b\n", 6, 3, "'sections' must be a list"},
	{"section as text", HEAD "  - hello\n", 6, 5, "a section must be a mapping"},
	{"unknown key in section", HEAD SEC1 "    foo: bar\n", 10, 5, "unknown key 'foo' in section"},
	{"misspelt evidence", HEAD SEC1 "      - id: \"1.1\"\n        text: I.\n        evidance: []\n", 12, 9,
	 "unknown key 'evidance' in item"},
	{"section without items", HEAD "  - id: \"1\"\n    title: S\n    text: P.\n", 6, 5,
	 "missing key 'items' in section"},
	{"section without text", HEAD "  - id: \"1\"\n    title: S\n    items: []\n", 6, 5,
	 "missing key 'text' in section"},
	{"items as text", HEAD "  - id: \"1\"\n    title: S\n    text: P.\n    items: none\n", 9, 12,
	 "'items' must be a list"},
	{"duplicate section id", HEAD SEC1 ITEM11 "  - id: \"1\"\n    title: S2\n    text: P2.\n    items: []\n", 14, 9,
	 "duplicate section id \"1\" (first at line 6)"},
	{"item without text", HEAD SEC1 "      - id: \"1.1\"\n        evidence: []\n", 10, 9,
	 "missing key 'text' in item"},
	{"item without id", HEAD SEC1 "      - text: I.\n", 10, 9, "missing key 'id' in item"},
	{"duplicate item id", HEAD SEC1 ITEM11 "      - id: \"1.1\"\n        text: J.\n", 14, 13,
	 "duplicate item id \"1.1\" (first at line 10)"},
	{"duplicate item id across sections",
	 HEAD SEC1 ITEM11 "  - id: \"2\"\n    title: S2\n    text: P2.\n    items:\n      - id: \"1.1\"\n        text: J.\n", 18, 13,
	 "duplicate item id \"1.1\" (first at line 10)"},
	{"item id with a dash", HEAD SEC1 "      - id: \"1.a-b\"\n        text: I.\n", 10, 13,
	 "bad item id \"1.a-b\" (expected numbers, Roman numerals or letters joined by dots, like \"1.2\" or \"II.3.a\")"},
	{"item id with a closing parenthesis", HEAD SEC1 "      - id: \"1.a)\"\n        text: I.\n", 10, 13, "bad item id \"1.a)\"*"},
	{"item id reserved for dvk", HEAD SEC1 "      - id: \"_unit\"\n        text: I.\n", 10, 13, "bad item id \"_unit\"*"},
	{"section id with a space", HEAD "  - id: \"I I\"\n    title: S\n    text: P.\n    items: []\n", 6, 9,
	 "bad section id \"I I\" (expected numbers, Roman numerals or letters joined by dots, like \"1\", \"II\" or \"A\")"},
	{"item id with two dots", HEAD SEC1 "      - id: \"1..2\"\n        text: I.\n", 10, 13, "bad item id \"1..2\"*"},
	{"item id ending in a dot", HEAD SEC1 "      - id: \"1.\"\n        text: I.\n", 10, 13, "bad item id \"1.\"*"},
	{"item id with a space", HEAD SEC1 "      - id: \"1. 2\"\n        text: I.\n", 10, 13, "bad item id \"1. 2\"*"},
	{"empty item id", HEAD SEC1 "      - id: \"\"\n        text: I.\n", 10, 13, "'id' must not be empty"},
	{"item text with a NUL", HEAD SEC1 "      - id: \"1.1\"\n        text: \"a\\0b\"\n", 11, 15,
	 "'text' contains a NUL character"},
	{"bad evidence type",
	 HEAD SEC1 "      - id: \"1.1\"\n        text: I.\n        evidence:\n          - {key: date, label: Day, type: number}\n",
	 13, 43, "unknown evidence type \"number\" (expected date, count or text)"},
	{"evidence key in capitals",
	 HEAD SEC1 "      - id: \"1.1\"\n        text: I.\n        evidence:\n          - {key: Date, label: Day, type: date}\n",
	 13, 19, "bad evidence key \"Date\"*"},
	{"evidence key starting with a digit",
	 HEAD SEC1 "      - id: \"1.1\"\n        text: I.\n        evidence:\n          - {key: 2nd, label: Day, type: date}\n",
	 13, 19, "bad evidence key \"2nd\"*"},
	{"duplicate evidence key", HEAD SEC1 ITEM11 "          - {key: date, label: Day, type: date}\n", 14, 19,
	 "duplicate evidence key 'date' (first at line 13)"},
	{"evidence field without a type", HEAD SEC1 "      - id: \"1.1\"\n        text: I.\n        evidence:\n          - {key: date, label: Day}\n",
	 13, 13, "missing key 'type' in evidence field"},
	{"unknown key in an evidence field",
	 HEAD SEC1 "      - id: \"1.1\"\n        text: I.\n        evidence:\n          - {key: date, label: Day, kind: date}\n",
	 13, 37, "unknown key 'kind' in evidence field"},
	{"one key with two types",
	 HEAD SEC1 ITEM11 "      - id: \"1.2\"\n        text: J.\n        evidence:\n          - {key: date, label: Day, type: text}\n",
	 17, 43, "evidence key 'date' is text here but date at line 13"},
	{"document number as a list", HEAD SEC1 ITEM11 "document: {number: [1], date: null, signer: null}\n", 14, 20,
	 "'number' must be text"},
	{"unknown key in document", HEAD SEC1 ITEM11 "document: {number: null, year: 2023}\n", 14, 26,
	 "unknown key 'year' in document"},
	{"recipients as text", HEAD SEC1 ITEM11 "recipients: all\n", 14, 13, "'recipients' must be a list"},
	/* What yamlio refuses keeps its position through the loader. */
	{"tab indentation", HEAD "  - id: \"1\"\n\ttitle: S\n", 7, 1, "*"},
	{"duplicate mapping key", "format: dvk-directive/1\nid: a\nid: b\n", 3, 1, "*"},
	{"an alias", "format: dvk-directive/1\nid: &x a\ntitle: *x\n", 2, 5, "*"},
};

Test(loader, rejects_each_invalid_directive_at_its_file_line_and_column)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(bad_cases); i++) {
		const struct bad_case *c = &bad_cases[i];
		struct dvk_error err;
		struct directive *d = load(c->yaml, &err);
		size_t n = strlen(c->message);

		cr_expect_null(d, "%s: loaded", c->name);
		directive_free(d);
		if (d)
			continue;
		cr_expect_str_eq(err.path, "t.yaml", "%s", c->name);
		cr_expect_eq(err.line, c->line, "%s: line %d, want %d (%s)", c->name, err.line, c->line, err.message);
		cr_expect_eq(err.col, c->col, "%s: col %d, want %d (%s)", c->name, err.col, c->col, err.message);
		/* what the loader saw; what to do follows after "; " and
		 * has tests of its own (hand_slips below) */
		char *advice = strstr(err.message, "; ");

		if (advice)
			*advice = '\0';
		if (n > 0 && c->message[n - 1] == '*')
			cr_expect_eq(strncmp(err.message, c->message, n - 1), 0, "%s: \"%s\"", c->name, err.message);
		else
			cr_expect_str_eq(err.message, c->message, "%s", c->name);
		cr_expect(err.message[0] != '\0', "%s", c->name);
	}
}

/* ---- what to do about a slip in a directive written by hand ----
 *
 * Each case is one slip a cán bộ makes writing the file in a text editor,
 * made in a good file (SLIP_BASE) by replacing one piece of it.  The
 * message must keep the reader's finding and then say, after "; ", what
 * to change.  The syntax cases do not pin a position: the reader may
 * notice a slip a line late, and the advice names the line itself. */
#define SLIP_BASE \
	"format: dvk-directive/1\n" \
	"id: ke-hoach-thu\n" \
	"title: Kế hoạch thử\n" \
	"issuer: UBND tỉnh\n" \
	"sections:\n" \
	"  - id: \"I\"\n" \
	"    title: Tuyên truyền\n" \
	"    text: Công tác tuyên truyền.\n" \
	"    items:\n" \
	"      - id: \"I.1\"\n" \
	"        text: Tổ chức hội nghị quán triệt.\n" \
	"        evidence:\n" \
	"          - {key: date, label: Ngày tổ chức, type: date}\n" \
	"          - key: participants\n" \
	"            label: Số người tham dự\n" \
	"            type: count\n" \
	"      - id: \"I.2\"\n" \
	"        text: Báo cáo kết quả.\n"

struct slip {
	const char *name;
	const char *from, *to; /* the good piece of SLIP_BASE and the slip */
	const char *advice;    /* what the message must say after "; " */
};

static const struct slip slips[] = {
	{"a label with a comma in a {...} field", "label: Ngày tổ chức,", "label: Ngày, tháng tổ chức,",
	 "quote a label that contains a comma, like label: \"Ngày, tháng tổ chức\""},
	{"a label with ': ' in a {...} field", "label: Ngày tổ chức,", "label: Ngày: tổ chức,",
	 "quote a text that contains ': ' or ends with ':', like label: \"Ngày: tổ chức\""},
	{"a text with ': '", "text: Tổ chức hội nghị quán triệt.", "text: Thời gian: trước ngày 30/6.",
	 "quote a text that contains ': ' or ends with ':', like text: \"Thời gian: trước ngày 30/6.\""},
	{"a text that ends with ':'", "text: Báo cáo kết quả.", "text: Báo cáo gồm các nội dung sau:",
	 "quote a text that contains ': ' or ends with ':', like text: \"Báo cáo gồm các nội dung sau:\""},
	{"a text that starts with a quotation", "text: Tổ chức hội nghị quán triệt.",
	 "text: \"Dân vận khéo\" là phong trào thi đua.",
	 "quote a text that begins with a quotation mark and goes on after it, like "
	 "text: '\"Dân vận khéo\" là phong trào thi đua.'"},
	{"a text that starts with a dash", "text: Tổ chức hội nghị quán triệt.", "text: - Tổ chức hội nghị.",
	 "quote a text that begins with '-', like text: \"- Tổ chức hội nghị.\""},
	{"a text that starts with '*'", "text: Tổ chức hội nghị quán triệt.", "text: *Lưu ý* tổ chức sớm.",
	 "quote a text that begins with '*', like text: \"*Lưu ý* tổ chức sớm.\""},
	{"a text that starts with '['", "text: Tổ chức hội nghị quán triệt.", "text: [Dự thảo] Tổ chức hội nghị.",
	 "quote a text that begins with '[', like text: \"[Dự thảo] Tổ chức hội nghị.\""},
	{"a text that starts with '#'", "text: Báo cáo kết quả.", "text: #1 ưu tiên",
	 "quote a text that begins with '#': YAML reads the rest of the line as a comment"},
	{"a text that goes on at the left margin", "text: Tổ chức hội nghị quán triệt.",
	 "text: Tổ chức hội nghị\nquán triệt.",
	 "if line 12 goes on with the text of 'text:' on line 11, indent it further than 'text:' "
	 "(at least 9 spaces) or join the two lines"},
	{"no space after the colon", "text: Tổ chức hội nghị quán triệt.", "text:Tổ chức hội nghị.",
	 "put a space after 'text:'"},
	{"a key indented one space more", "        text: Tổ chức hội nghị quán triệt.", "         text: Tổ chức.",
	 "start 'text:' in the same column as 'id:' on line 10 (column 9)"},
	{"a key indented one space less", "        text: Tổ chức hội nghị quán triệt.", "       text: Tổ chức.",
	 "start 'text:' in the same column as 'id:' on line 10 (column 9)"},
	{"an item without its dash", "      - id: \"I.2\"", "        id: \"I.2\"",
	 "each item or section begins with '- ': write '- id: ...' here (line 10 starts the one before)"},
	{"a quotation never closed", "text: Báo cáo kết quả.", "text: \"Báo cáo kết quả.",
	 "the quotation mark opened on line 18 is never closed: end the text with \""},
	{"a misspelt key", "evidence:", "evidance:", "did you mean 'evidence'?"},
	{"a key named in Vietnamese", "text: Báo cáo kết quả.", "nội dung: Báo cáo kết quả.",
	 "did you mean 'text'?"},
	{"an evidence type in Vietnamese", "type: count", "type: số lượng",
	 "write type: count (date: a day; count: a whole number; text: anything else)"},
	{"an evidence type named as a day", "type: date}", "type: ngày}",
	 "write type: date (date: a day; count: a whole number; text: anything else)"},
	{"an evidence key in Vietnamese", "key: participants", "key: Số người",
	 "write a short name without marks, like so_nguoi: people read the label, not the key"},
	{"an item id with a comma", "id: \"I.2\"", "id: \"I,2\"", "write it as \"I.2\""},
	{"an item id as a list mark", "id: \"I.2\"", "id: \"I.2)\"", "write it as \"I.2\""},
	{"a section id with its word", "id: \"I\"", "id: \"Phần I\"", "write it as \"I\""},
	{"an item id with its word", "id: \"I.2\"", "id: \"Mục I.2\"", "write it as \"I.2\""},
	{"an item id with đ", "id: \"I.2\"", "id: \"I.(đ)\"", "write it as \"I.đ\""},
	{"a directive id as a title", "id: ke-hoach-thu", "id: Kế hoạch 46/KH-UBND",
	 "write it as ke-hoach-46-kh-ubnd (it names the directive's folder, so it never changes)"},
	{"a title with ': ' on the next line", "title: Kế hoạch thử", "title:\n  Kế hoạch: năm 2023",
	 "quote a text that contains ': ' or ends with ':', like title: \"Kế hoạch: năm 2023\""},
	{"no format line", "format: dvk-directive/1\n", "",
	 "begin the file with the line 'format: dvk-directive/1'"},
	{"sections without dashes", "  - id: \"I\"", "    id: \"I\"",
	 "write each entry on a line of its own below it, after '- '"},
	{"a file saved in Windows-1258", "Tuyên truyền", "Tuy\xea\xf2n truy\xea\xf2n",
	 "save the file with the encoding UTF-8 (dvk does not read TCVN3, VNI or Windows-1258 text): "
	 "in Notepad, Save As, Encoding UTF-8"},
	{"Windows line ends", "text: Tổ chức hội nghị quán triệt.\n", "text: Thời gian: quý II.\r\n",
	 "quote a text that contains ': ' or ends with ':', like text: \"Thời gian: quý II.\""},
};

static char *slipped(const struct slip *c)
{
	const char *at = strstr(SLIP_BASE, c->from);
	char *out;

	cr_assert_not_null(at, "%s: \"%s\" is not in the base", c->name, c->from);
	out = xasprintf("%.*s%s%s", (int)(at - SLIP_BASE), SLIP_BASE, c->to, at + strlen(c->from));
	return out;
}

ParameterizedTestParameters(advice, says_what_to_change_for_each_slip_made_by_hand)
{
	static size_t idx[ARRAY_LEN(slips)];

	for (size_t i = 0; i < ARRAY_LEN(idx); i++)
		idx[i] = i;
	return cr_make_param_array(size_t, idx, ARRAY_LEN(idx));
}

ParameterizedTest(size_t *i, advice, says_what_to_change_for_each_slip_made_by_hand)
{
	const struct slip *c = &slips[*i];
	char *yaml = slipped(c);
	struct dvk_error err;
	struct directive *d = load(yaml, &err);
	const char *advice;

	cr_assert_null(d, "%s: loaded", c->name);
	cr_assert_gt(err.line, 0, "%s: no position: %s", c->name, err.message);
	advice = strstr(err.message, "; ");
	cr_assert_not_null(advice, "%s: no advice in \"%s\"", c->name, err.message);
	cr_assert_str_eq(advice + 2, c->advice, "%s: %s", c->name, err.message);
	free(yaml);
}

Test(advice, the_base_of_the_slips_loads)
{
	struct dvk_error err;
	struct directive *d = load(SLIP_BASE, &err);

	cr_assert_not_null(d, "%s", err.message);
	directive_free(d);
}

/* A wrong hint is worse than none: where the text shows no known slip,
 * the reader's finding stands alone. */
Test(advice, gives_none_where_no_slip_is_recognised)
{
	static const char *const plain[] = {
		/* a tab: the reader already says what to do */
		"format: dvk-directive/1\nid: x\n\ttitle: T\n",
		/* a duplicate top-level key is not a missing "- " */
		"format: dvk-directive/1\nid: a\nid: b\n",
		/* an item id reserved for dvk has no better spelling */
		"format: dvk-directive/1\nid: x\ntitle: T\nsections:\n  - id: \"1\"\n    title: S\n"
		"    text: P.\n    items:\n      - id: _unit\n        text: I.\n",
	};

	for (size_t i = 0; i < ARRAY_LEN(plain); i++) {
		struct dvk_error err;

		cr_assert_null(load(plain[i], &err));
		cr_expect(!strstr(err.message, "- id") && !strstr(err.message, "write it as") &&
			  !strstr(err.message, "quote"), "case %zu: %s", i, err.message);
	}
}

Test(loader, reports_an_empty_file_without_a_position)
{
	struct dvk_error err;

	cr_assert_null(load("", &err));
	cr_expect_eq(err.line, 0);
	cr_expect_str_eq(err.path, "t.yaml");
	cr_expect(err.message[0] != '\0');
}

Test(loader, quotes_hostile_values_in_errors_without_escape_sequences)
{
	static const char yaml[] = "format: \"\\e[2J\\e]0;pwned\\a\"\n";
	struct dvk_error err;

	cr_assert_null(load(yaml, &err));
	cr_expect_null(strchr(err.message, '\033'), "%s", err.message);
	cr_expect_null(strchr(err.message, '\a'));
}

/* ---- evidence values ---- */

struct value_case {
	enum evidence_type type;
	const char *value;
	int ok;
};

static const struct value_case value_cases[] = {
	{EVIDENCE_DATE, "2023-03-14", 1},
	{EVIDENCE_DATE, "2024-02-29", 1},
	{EVIDENCE_DATE, "2000-02-29", 1},
	{EVIDENCE_DATE, "2023-12-31", 1},
	{EVIDENCE_DATE, "2023-02-29", 0},
	{EVIDENCE_DATE, "1900-02-29", 0},
	{EVIDENCE_DATE, "2023-13-01", 0},
	{EVIDENCE_DATE, "2023-00-10", 0},
	{EVIDENCE_DATE, "2023-04-31", 0},
	{EVIDENCE_DATE, "2023-04-00", 0},
	{EVIDENCE_DATE, "0000-01-01", 0},
	{EVIDENCE_DATE, "14/03/2023", 0},
	{EVIDENCE_DATE, "2023-3-14", 0},
	{EVIDENCE_DATE, "2023-03-14 ", 0},
	{EVIDENCE_DATE, "2023-03-1", 0},
	{EVIDENCE_DATE, "", 0},
	{EVIDENCE_COUNT, "45", 1},
	{EVIDENCE_COUNT, "0", 1},
	{EVIDENCE_COUNT, "9999999999", 1},
	{EVIDENCE_COUNT, "10000000000", 0},
	{EVIDENCE_COUNT, "045", 0},
	{EVIDENCE_COUNT, "00", 0},
	{EVIDENCE_COUNT, "-1", 0},
	{EVIDENCE_COUNT, "+1", 0},
	{EVIDENCE_COUNT, "4.5", 0},
	{EVIDENCE_COUNT, "45 ", 0},
	{EVIDENCE_COUNT, "mười", 0},
	{EVIDENCE_COUNT, "", 0},
	{EVIDENCE_TEXT, "Hội trường UBND xã", 1},
	{EVIDENCE_TEXT, "x", 1},
	{EVIDENCE_TEXT, "", 0},
	{EVIDENCE_TEXT, " \t\n ", 0},
	{EVIDENCE_TEXT, "\xC3(", 0},
};

Test(evidence, checks_dates_counts_and_text_by_the_rules)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(value_cases); i++) {
		const struct value_case *c = &value_cases[i];
		struct dvk_error err;
		int ok = evidence_check_value(c->type, c->value, &err);

		cr_expect_eq(ok, c->ok, "%s \"%s\": got %d (%s)", evidence_type_name(c->type),
			     c->value, ok, err.message);
		if (ok)
			cr_expect_str_eq(err.message, "", "%s", c->value);
		else
			cr_expect(err.message[0] != '\0' && err.line == 0,
				  "%s \"%s\" needs a message and no position", evidence_type_name(c->type), c->value);
	}
	cr_expect_eq(evidence_check_value(EVIDENCE_TEXT, "", NULL), 0);
}

static void same_str(const char *a, const char *b, const char *what)
{
	if (!a || !b)
		cr_expect(a == b, "%s: one is NULL", what);
	else
		cr_expect_str_eq(a, b, "%s", what);
}

/* The built-in directive is C data made at build time: it must be exactly
 * what loading the shipped file gives. */
Test(content, the_compiled_directive_equals_the_loaded_file)
{
	char path[4096];
	struct dvk_error err;
	struct directive *file, *built;

	snprintf(path, sizeof path, "%s/content/thanh-hoa-dvk-2023.yaml", src_dir());
	file = directive_load_file(path, &err);
	cr_assert_not_null(file, "%s", err.message);
	built = directive_builtin(&err);
	cr_assert_not_null(built);
	same_str(file->id, built->id, "id");
	same_str(file->title, built->title, "title");
	same_str(file->issuer, built->issuer, "issuer");
	same_str(file->scope, built->scope, "scope");
	same_str(file->number, built->number, "number");
	same_str(file->preamble, built->preamble, "preamble");
	cr_assert_eq(file->nrecipients, built->nrecipients);
	for (size_t i = 0; i < file->nrecipients; i++)
		same_str(file->recipients[i], built->recipients[i], "recipient");
	cr_assert_eq(file->nsections, built->nsections);
	for (size_t i = 0; i < file->nsections; i++) {
		same_str(file->sections[i].text, built->sections[i].text, "section text");
		same_str(file->sections[i].title, built->sections[i].title, "section title");
		cr_expect_eq(file->sections[i].first_item, built->sections[i].first_item);
		cr_expect_eq(file->sections[i].nitems, built->sections[i].nitems);
	}
	cr_assert_eq(file->nitems, built->nitems);
	for (size_t i = 0; i < file->nitems; i++) {
		same_str(file->items[i].id, built->items[i].id, "item id");
		same_str(file->items[i].text, built->items[i].text, "item text");
		cr_expect_eq(file->items[i].section, built->items[i].section);
		cr_assert_eq(file->items[i].nevidence, built->items[i].nevidence);
		for (size_t k = 0; k < file->items[i].nevidence; k++) {
			same_str(file->items[i].evidence[k].key, built->items[i].evidence[k].key, "key");
			same_str(file->items[i].evidence[k].label, built->items[i].evidence[k].label, "label");
			cr_expect_eq(file->items[i].evidence[k].type, built->items[i].evidence[k].type);
		}
	}
	directive_free(file);
	directive_free(built);
}

/* ---- ids as documents write them ---- */

/* Arrays, not pointers: Criterion copies parameters into the process
 * that runs the test. */
struct id_case {
	char a[48], b[48];
	int sign; /* of directive_id_cmp(a, b) */
};

ParameterizedTestParameters(ids, compare_as_a_reader_expects)
{
	static struct id_case cases[] = {
		{ "I", "II", -1 },          { "II", "III", -1 },       { "III", "IV", -1 },
		{ "IV", "V", -1 },          { "V", "IX", -1 },         { "IX", "X", -1 },
		{ "X", "XI", -1 },          { "XIV", "XL", -1 },       { "9", "10", -1 },
		{ "2", "10", -1 },          { "1.9", "1.10", -1 },     { "a", "b", -1 },
		{ "d", "\xc4\x91", -1 },    { "\xc4\x91", "e", -1 },   { "a", "ab", -1 },      { "ab", "b", -1 },
		{ "II", "II.1", -1 },       { "II.1", "II.1.a", -1 },  { "II.1.b", "II.2", -1 },
		{ "II.3.a", "II.3.b", -1 }, { "I.10", "II.1", -1 },    { "3.a", "3.b", -1 },
		{ "3.b", "4", -1 },         { "1", "1", 0 },           { "II.3.a", "II.3.a", 0 },
		/* kinds: Roman numerals, then numbers, then letters, then others */
		{ "X", "1", -1 },           { "10", "a", -1 },         { "a", "_unit", -1 },
		{ "9.9", "_unit", -1 },
		/* a lone C or D is a letter: parts A, B, C, D */
		{ "B", "C", -1 },           { "C", "D", -1 },          { "D", "E", -1 },
		/* equal values, different bytes: still ordered, never equal */
		{ "01", "1", -1 },          { "A", "a", -1 },
	};
	return cr_make_param_array(struct id_case, cases, ARRAY_LEN(cases));
}

ParameterizedTest(struct id_case *c, ids, compare_as_a_reader_expects)
{
	int r = directive_id_cmp(c->a, c->b), back = directive_id_cmp(c->b, c->a);

	cr_assert_eq((r > 0) - (r < 0), c->sign, "cmp(%s, %s) = %d", c->a, c->b, r);
	cr_assert_eq((back > 0) - (back < 0), -c->sign, "cmp(%s, %s) = %d", c->b, c->a, back);
}

static int id_qsort(const void *a, const void *b)
{
	return directive_id_cmp(*(const char *const *)a, *(const char *const *)b);
}

Test(ids, sort_a_plan_numbered_with_roman_numerals_numbers_and_letters)
{
	const char *ids[] = { "10", "II.3.a", "I", "IX", "II", "II.3.b", "9", "V", "I.2",
			      "II.10", "II.3", "IV", "3.b", "3.a", "II.9", "I.1", "3.\xc4\x91", "3.d" };
	const char *want[] = { "I", "I.1", "I.2", "II", "II.3", "II.3.a", "II.3.b", "II.9",
			       "II.10", "IV", "V", "IX", "3.a", "3.b", "3.d", "3.\xc4\x91", "9", "10" };

	qsort(ids, ARRAY_LEN(ids), sizeof ids[0], id_qsort);
	for (size_t i = 0; i < ARRAY_LEN(ids); i++)
		cr_expect_str_eq(ids[i], want[i], "position %zu", i);
}

Test(ids, order_numeric_ids_as_text_natcmp_did_so_old_files_keep_their_bytes)
{
	char a[32], b[32];
	unsigned seed = 7;

	for (int n = 0; n < 20000; n++) {
		int x, y;

		seed = seed * 1103515245u + 12345u;
		snprintf(a, sizeof a, "%u.%u", seed % 13, (seed >> 8) % 23);
		seed = seed * 1103515245u + 12345u;
		snprintf(b, sizeof b, n % 3 ? "%u.%u" : "%u", seed % 13, (seed >> 8) % 23);
		x = directive_id_cmp(a, b);
		y = text_natcmp(a, b);
		cr_assert_eq((x > 0) - (x < 0), (y > 0) - (y < 0), "%s vs %s", a, b);
	}
	cr_assert_gt(directive_id_cmp("_unit", "9.4"), 0, "the reserved item stays last");
}

Test(ids, are_a_total_order_over_any_strings)
{
	/* Ids, near-ids and strings no directive has: the order of a state
	 * file's events depends on this being a strict total order. */
	const char *pool[] = { "I", "II", "IV", "V", "IX", "X", "C", "D", "L", "M", "CM", "1",
			       "01", "10", "9", "a", "b", "A", "z", "aa", "\xc4\x91", "d",
			       "II.3.a", "II.3", "II.3.A", "1.a", "1..2", "1.", ".1", "", "_unit",
			       "_", "a-b", "IIII", "VX", "x.1", "Ab", "\xc4\x90", "1.10", "1.9" };
	size_t n = ARRAY_LEN(pool);

	for (size_t i = 0; i < n; i++) {
		cr_assert_eq(directive_id_cmp(pool[i], pool[i]), 0);
		for (size_t j = 0; j < n; j++) {
			int ij = directive_id_cmp(pool[i], pool[j]);

			cr_assert_eq(ij == 0, i == j, "%s vs %s", pool[i], pool[j]);
			cr_assert_eq((ij > 0) - (ij < 0), -((directive_id_cmp(pool[j], pool[i]) > 0) -
							     (directive_id_cmp(pool[j], pool[i]) < 0)));
			for (size_t k = 0; k < n; k++)
				if (ij < 0 && directive_id_cmp(pool[j], pool[k]) < 0)
					cr_assert_lt(directive_id_cmp(pool[i], pool[k]), 0,
						     "%s < %s < %s", pool[i], pool[j], pool[k]);
		}
	}
}

ParameterizedTestParameters(ids, valid_and_invalid)
{
	static struct id_case cases[] = {
		{ "II.3.a", "", 1 }, { "I.2", "", 1 },  { "3.b", "", 1 },
		{ "10", "", 1 },     { "1.1", "", 1 },  { "IV", "", 1 },
		{ "3.\xc4\x91", "", 1 }, { "A.1", "", 1 }, { "C", "", 1 },
		{ "", "", 0 },       { "1..2", "", 0 }, { "1.", "", 0 },
		{ ".1", "", 0 },     { "a)", "", 0 },   { "(1)", "", 0 },
		{ "1 2", "", 0 },    { "_unit", "", 0 }, { "1a", "", 0 },
		{ "\xc3\xa1", "", 0 }, /* á is not numbering */
		{ "1.2.3.4.5.6.7.8.9.10.11.12.13.14.15", "", 0 }, /* over 32 bytes */
	};
	return cr_make_param_array(struct id_case, cases, ARRAY_LEN(cases));
}

ParameterizedTest(struct id_case *c, ids, valid_and_invalid)
{
	cr_assert_eq(item_id_valid(c->a), c->sign == 1, "%s", c->a);
}

Test(loader, puts_sections_and_items_in_the_order_of_their_ids)
{
	static const char yaml[] =
		"format: dvk-directive/1\nid: ke-hoach-thu\ntitle: T\nissuer: U\nsections:\n"
		"  - id: \"10\"\n    title: Mười\n    text: P.\n    items:\n"
		"      - {id: \"10.b\", text: B.}\n      - {id: \"10.a\", text: A.}\n"
		"  - id: \"II\"\n    title: Hai\n    text: P.\n    items:\n"
		"      - {id: \"II.10\", text: X.}\n      - {id: \"II.3.a\", text: Y.}\n"
		"      - {id: \"II.9\", text: Z.}\n"
		"  - id: \"I\"\n    title: Một\n    text: P.\n    items:\n"
		"      - {id: \"I.2\", text: W.}\n"
		"  - id: \"9\"\n    title: Chín\n    text: P.\n    items: []\n";
	const char *sections[] = { "I", "II", "9", "10" };
	const char *items[] = { "I.2", "II.3.a", "II.9", "II.10", "10.a", "10.b" };
	const size_t owner[] = { 0, 1, 1, 1, 3, 3 };
	struct dvk_error err;
	struct directive *d = load(yaml, &err);

	cr_assert_not_null(d, "%s", err.message);
	cr_assert_eq(d->nsections, 4);
	cr_assert_eq(d->nitems, 6);
	for (size_t i = 0; i < 4; i++)
		cr_expect_str_eq(d->sections[i].id, sections[i]);
	for (size_t i = 0; i < 6; i++) {
		cr_expect_str_eq(d->items[i].id, items[i]);
		cr_expect_eq(d->items[i].section, owner[i], "%s", items[i]);
	}
	cr_expect_eq(d->sections[1].first_item, 1);
	cr_expect_eq(d->sections[1].nitems, 3);
	cr_expect_eq(d->sections[2].nitems, 0);
	cr_expect_eq(d->sections[3].first_item, 4);
	cr_expect_str_eq(directive_item(d, "II.9")->text, "Z.");
	directive_free(d);
}

/* ---- writing ---- */

/* Every field of a and b that the file holds is the same. */
static void assert_same_directive(const struct directive *a, const struct directive *b)
{
#define SAME(x) cr_assert((!(x) && !(y_##x)) || ((x) && (y_##x) && strcmp((x), (y_##x)) == 0), "%s differs", #x)
	const char *y_title = b->title, *y_issuer = b->issuer, *y_number = b->number,
		   *y_date = b->date, *y_signer = b->signer, *y_scope = b->scope,
		   *y_source = b->source;
	const char *title = a->title, *issuer = a->issuer, *number = a->number,
		   *date = a->date, *signer = a->signer, *scope = a->scope, *source = a->source;

	SAME(title);
	SAME(issuer);
	SAME(number);
	SAME(date);
	SAME(signer);
	SAME(scope);
	SAME(source);
#undef SAME
	cr_assert_str_eq(a->id, b->id);
	cr_assert_eq(a->nrecipients, b->nrecipients);
	for (size_t i = 0; i < a->nrecipients; i++)
		cr_assert_str_eq(a->recipients[i], b->recipients[i]);
	cr_assert_eq(a->nsections, b->nsections);
	for (size_t s = 0; s < a->nsections; s++) {
		cr_assert_str_eq(a->sections[s].id, b->sections[s].id);
		cr_assert_str_eq(a->sections[s].title, b->sections[s].title);
		cr_assert_str_eq(a->sections[s].text, b->sections[s].text);
		cr_assert_eq(a->sections[s].nitems, b->sections[s].nitems);
	}
	cr_assert_eq(a->nitems, b->nitems);
	for (size_t i = 0; i < a->nitems; i++) {
		const struct item *x = &a->items[i], *y = &b->items[i];

		cr_assert_str_eq(x->id, y->id);
		cr_assert_str_eq(x->text, y->text);
		cr_assert_eq(!x->deadline, !y->deadline);
		if (x->deadline)
			cr_assert_str_eq(x->deadline, y->deadline);
		cr_assert_eq(x->nresponsible, y->nresponsible);
		for (size_t k = 0; k < x->nresponsible; k++)
			cr_assert_str_eq(x->responsible[k], y->responsible[k]);
		cr_assert_eq(x->nevidence, y->nevidence);
		for (size_t k = 0; k < x->nevidence; k++) {
			cr_assert_str_eq(x->evidence[k].key, y->evidence[k].key);
			cr_assert_str_eq(x->evidence[k].label, y->evidence[k].label);
			cr_assert_eq(x->evidence[k].type, y->evidence[k].type);
		}
	}
}

Test(directive_write, the_shipped_directive_written_and_read_back_is_the_same)
{
	struct directive *d = builtin(), *back;
	struct dvk_error err;
	char msg[1024], *bytes;
	size_t len;

	bytes = directive_write(d, "w.yaml", &len, &err);
	cr_assert_not_null(bytes, "%s", dvk_error_format(&err, msg, sizeof msg));
	/* What the text does not give is written as null, not left out. */
	cr_assert(strstr(bytes, "\ndocument:\n  number: null\n  date: null\n  signer: null\n"), "%s", bytes);
	cr_assert(strstr(bytes, "label: \"Số, ký hiệu văn bản\"") ||
		  strstr(bytes, "label: 'Số, ký hiệu văn bản'"), "%s", bytes);
	back = directive_load_buffer(bytes, len, "w.yaml", &err);
	cr_assert_not_null(back, "%s", dvk_error_format(&err, msg, sizeof msg));
	assert_same_directive(d, back);
	directive_free(back);
	directive_free(d);
	free(bytes);
}

Test(directive_write, responsible_agencies_and_deadlines_are_kept)
{
	static const char doc[] =
		"format: dvk-directive/1\nid: kh-46\ntitle: Kế hoạch\nissuer: UBND tỉnh\n"
		"document: {number: 46/KH-UBND, date: \"2023-03-14\", signer: null}\n"
		"sections:\n- id: \"II\"\n  title: Nhiệm vụ\n  text: Sở Nội vụ chủ trì.\n  items:\n"
		"  - id: \"II.1\"\n    text: \"Báo cáo kết quả: trước ngày 15/12/2023\"\n"
		"    responsible: [Sở Nội vụ, \"UBND các huyện, thị xã, thành phố\"]\n"
		"    deadline: trước ngày 15/12/2023\n";
	struct dvk_error err;
	struct directive *d = directive_load_buffer(doc, sizeof doc - 1, "kh.yaml", &err), *back;
	char msg[1024], *bytes;
	size_t len;

	cr_assert_not_null(d, "%s", dvk_error_format(&err, msg, sizeof msg));
	cr_assert_eq(d->items[0].nresponsible, 2);
	cr_assert_str_eq(d->items[0].responsible[1], "UBND các huyện, thị xã, thành phố");
	cr_assert_str_eq(d->items[0].deadline, "trước ngày 15/12/2023");
	bytes = directive_write(d, "kh.yaml", &len, &err);
	cr_assert_not_null(bytes, "%s", dvk_error_format(&err, msg, sizeof msg));
	cr_assert(strstr(bytes, "  signer: null\n"), "%s", bytes);
	back = directive_load_buffer(bytes, len, "kh.yaml", &err);
	cr_assert_not_null(back, "%s", dvk_error_format(&err, msg, sizeof msg));
	assert_same_directive(d, back);
	directive_free(back);
	back = directive_dup(d);
	assert_same_directive(d, back);
	directive_free(back);
	directive_free(d);
	free(bytes);
}

Test(loader, an_issuer_the_text_does_not_name_is_null)
{
	static const char *const docs[] = {
		"format: dvk-directive/1\nid: t\ntitle: T\nissuer: null\n"
		"sections:\n- {id: \"1\", title: S, text: P, items: [{id: \"1.1\", text: X}]}\n",
		"format: dvk-directive/1\nid: t\ntitle: T\n"
		"sections:\n- {id: \"1\", title: S, text: P, items: [{id: \"1.1\", text: X}]}\n",
	};

	for (size_t i = 0; i < ARRAY_LEN(docs); i++) {
		struct dvk_error err;
		struct directive *d = directive_load_buffer(docs[i], strlen(docs[i]), "t.yaml", &err);
		char *bytes;
		size_t len;

		cr_assert_not_null(d, "%s", err.message);
		cr_assert_null(d->issuer);
		bytes = directive_write(d, "t.yaml", &len, &err);
		cr_assert(strstr(bytes, "\nissuer: null\n"), "%s", bytes);
		free(bytes);
		directive_free(d);
	}
}

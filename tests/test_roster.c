/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_roster.c: the roster of expected units (roster/) and `dvk roster`.
 *
 * The file is read strictly and written canonically; a CSV an office
 * already has is imported whatever its separator, header language, quoting,
 * byte-order mark or code page; `dvk roster check` names the units that
 * sent nothing and the files of units not on the roster; two reviewers
 * adding units at once both keep theirs.
 */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "roster/roster.h"
#include "tests/helpers/sim.h"
#include "text/text.h"

#define DIRID "thanh-hoa-dvk-2023"

static struct roster *parse_ok(const char *yaml)
{
	struct dvk_error err;
	struct roster *r;

	dvk_error_clear(&err);
	r = roster_parse(yaml, strlen(yaml), "roster.yaml", &err);
	cr_assert_not_null(r, "roster did not parse: %s:%d:%d: %s", err.path, err.line, err.col,
			   err.message);
	return r;
}

static void parse_fails_at(const char *yaml, int line, int col, const char *words)
{
	struct dvk_error err;
	struct roster *r;

	dvk_error_clear(&err);
	r = roster_parse(yaml, strlen(yaml), "roster.yaml", &err);
	cr_assert_null(r, "accepted: %s", yaml);
	cr_assert_eq(err.line, line, "line %d, want %d (%s)", err.line, line, err.message);
	cr_assert_eq(err.col, col, "col %d, want %d (%s)", err.col, col, err.message);
	cr_assert(strstr(err.message, words), "message \"%s\" lacks \"%s\"", err.message, words);
}

static struct roster *import_ok(struct roster *r, const char *csv, size_t len,
				struct roster_import *im)
{
	struct dvk_error err;

	dvk_error_clear(&err);
	cr_assert(roster_import_csv(r, csv, len, "ds.csv", 0, im, &err), "import failed: %d:%d: %s",
		  err.line, err.col, err.message);
	return r;
}

static void assert_unit(const struct roster *r, const char *id, const char *name,
			const char *parent, const char *contact)
{
	const struct roster_unit *u = roster_find(r, id);

	cr_assert_not_null(u, "no unit %s", id);
	if (name)
		cr_assert_str_eq(u->name, name);
	else
		cr_assert_null(u->name);
	if (parent)
		cr_assert_str_eq(u->parent, parent);
	else
		cr_assert_null(u->parent, "%s has parent %s", id, u->parent);
	if (contact)
		cr_assert_str_eq(u->contact, contact);
	else
		cr_assert_null(u->contact);
}

TestSuite(roster, .timeout = 60);

/* ------------------------------------------------------------------ */
/* The file                                                            */
/* ------------------------------------------------------------------ */

Test(roster, a_written_roster_reads_back_the_same_and_is_canonical)
{
	struct roster *r = roster_new(), *back;
	struct dvk_error err;
	char *a, *b;
	size_t la, lb;

	dvk_error_clear(&err);
	cr_assert_eq(roster_set_unit(r, "xa-quang-hoa", "UBND xã Quảng Hòa", "huyen-quang-xuong",
				     "Lê Thị Hạnh, 0912 345 678", &err), ROSTER_ADDED);
	cr_assert_eq(roster_set_unit(r, "xa-01", "Xã \"Số 1\": yes", NULL, NULL, &err), ROSTER_ADDED);
	cr_assert_eq(roster_set_unit(r, "123", "1.5", NULL, "- gạch đầu dòng", &err), ROSTER_ADDED);
	cr_assert(roster_set_office(r, "place", "Quảng Xương", &err));
	cr_assert(roster_set_office(r, "recipients", "UBND tỉnh Thanh Hóa;  Ban Dân vận ; ", &err));
	a = roster_emit(r, &la, &err);
	cr_assert_not_null(a, "%s", err.message);
	back = parse_ok(a);
	cr_assert_eq(roster_count(back), 3);
	/* The office's order is kept, not sorted. */
	cr_assert_str_eq(roster_unit_at(back, 0)->id, "xa-quang-hoa");
	cr_assert_str_eq(roster_unit_at(back, 2)->id, "123");
	assert_unit(back, "xa-01", "Xã \"Số 1\": yes", NULL, NULL);
	assert_unit(back, "123", "1.5", NULL, "- gạch đầu dòng");
	cr_assert_eq(roster_office(back)->nrecipients, 2);
	cr_assert_str_eq(roster_office(back)->recipients[1], "Ban Dân vận");
	cr_assert_str_eq(roster_office(back)->place, "Quảng Xương");
	b = roster_emit(back, &lb, &err);
	cr_assert_eq(la, lb);
	cr_assert(memcmp(a, b, la) == 0, "emit is not canonical:\n%s\n---\n%s", a, b);
	free(a);
	free(b);
	roster_free(r);
	roster_free(back);
}

Test(roster, reading_is_strict_and_names_line_and_column)
{
	parse_fails_at("format: dvk-roster/1\nunits:\n- id: xa-1\n  nam: X\n", 4, 3, "nam");
	parse_fails_at("format: dvk-roster/1\nunits:\n- id: xa-1\n- id: xa-2\n- id: xa-1\n", 5, 7,
		       "twice");
	parse_fails_at("format: dvk-roster/1\nunits:\n- id: Xa 1\n", 3, 7, "Xa 1");
	parse_fails_at("format: dvk-roster/1\nunits:\n- id: xa-1\n  parent: Huyện X\n", 4, 11,
		       "parent");
	parse_fails_at("format: dvk-roster/9\n", 1, 9, "dvk-roster/9");
	parse_fails_at("units: []\n", 1, 1, "format");
	parse_fails_at("format: dvk-roster/1\noffice:\n  mayor: X\n", 3, 3, "mayor");
	parse_fails_at("format: dvk-roster/1\nunits:\n- name: X\n", 3, 3, "id");
}

Test(roster, names_are_stored_in_nfc)
{
	/* "Hòa" typed with a combining grave (NFD). */
	struct roster *r = parse_ok("format: dvk-roster/1\nunits:\n- id: xa-1\n  name: \"Ho\xcc\x80"
				    "a\"\n");

	cr_assert_str_eq(roster_find(r, "xa-1")->name, "Hòa");
	roster_free(r);
}

/* ------------------------------------------------------------------ */
/* Importing                                                           */
/* ------------------------------------------------------------------ */

Test(roster, import_reads_vietnamese_headers_semicolons_bom_and_crlf)
{
	static const char csv[] =
		"\xEF\xBB\xBF" "STT;Mã đơn vị;Tên đơn vị;Đơn vị cấp trên;Người liên hệ;Điện thoại\r\n"
		"1;xa-quang-hoa;UBND xã Quảng Hòa;huyen-quang-xuong;Lê Thị Hạnh;0912 345 678\r\n"
		"2;xa-quang-dinh;\"UBND xã Quảng Định; thôn \"\"Mới\"\"\";huyen-quang-xuong;;\r\n"
		"\r\n"
		"3;huyen-quang-xuong;UBND huyện Quảng Xương;;;\r\n";
	struct roster_import im;
	struct roster *r = import_ok(roster_new(), csv, sizeof csv - 1, &im);

	cr_assert_eq(im.sep, ';');
	cr_assert_eq(im.rows, 3);
	cr_assert_eq(im.added, 3);
	cr_assert_not(im.ids_made);
	cr_assert_eq(im.nignored, 1);
	cr_assert_str_eq(im.ignored[0], "STT");
	assert_unit(r, "xa-quang-hoa", "UBND xã Quảng Hòa", "huyen-quang-xuong",
		    "Lê Thị Hạnh, 0912 345 678");
	assert_unit(r, "xa-quang-dinh", "UBND xã Quảng Định; thôn \"Mới\"", "huyen-quang-xuong", NULL);
	assert_unit(r, "huyen-quang-xuong", "UBND huyện Quảng Xương", NULL, NULL);
	roster_import_free(&im);
	roster_free(r);
}

Test(roster, import_reads_english_headers_tabs_and_commas)
{
	static const char tsv[] = "id\tname\tparent\tcontact\nxa-1\tXã Một\thuyen-a\tlan@example.vn\n";
	static const char csv[] = "Unit ID,Unit name,Parent,Phone\n"
				  "xa-2,\"Xã Hai, huyện A\",huyen-a,\"091 \"\"nhà\"\"\"\n"
				  "xa-1,Xã Một (mới),,\n";
	struct roster_import im;
	struct roster *r = import_ok(roster_new(), tsv, sizeof tsv - 1, &im);

	cr_assert_eq(im.sep, '\t');
	roster_import_free(&im);
	import_ok(r, csv, sizeof csv - 1, &im);
	cr_assert_eq(im.sep, ',');
	cr_assert_eq(im.added, 1);
	cr_assert_eq(im.updated, 1);
	assert_unit(r, "xa-2", "Xã Hai, huyện A", "huyen-a", "091 \"nhà\"");
	/* An empty cell leaves the old value: an import fills in. */
	assert_unit(r, "xa-1", "Xã Một (mới)", "huyen-a", "lan@example.vn");
	roster_import_free(&im);
	roster_free(r);
}

Test(roster, import_without_ids_makes_them_from_names_and_parents_from_names)
{
	static const char csv[] = "TT,Tên đơn vị,Huyện\n"
				  "1,UBND xã Quảng Hòa,UBND huyện Quảng Xương\n"
				  "2,Ủy ban nhân dân phường Đông Sơn,Thành phố Thanh Hóa\n"
				  "3,UBND huyện Quảng Xương,\n";
	struct roster_import im;
	struct roster *r = import_ok(roster_new(), csv, sizeof csv - 1, &im);

	cr_assert(im.ids_made);
	assert_unit(r, "xa-quang-hoa", "UBND xã Quảng Hòa", "huyen-quang-xuong", NULL);
	assert_unit(r, "phuong-dong-son", "Ủy ban nhân dân phường Đông Sơn", "thanh-pho-thanh-hoa",
		    NULL);
	assert_unit(r, "huyen-quang-xuong", "UBND huyện Quảng Xương", NULL, NULL);
	roster_import_free(&im);
	roster_free(r);
}

/* Windows-1258 keeps the tone marks apart (U+0300, 0301, 0303, 0309,
 * 0323) after a base letter that may carry its own mark (â, ơ, ư). */
static const char cp1258_py[] =
	"import sys, unicodedata\n"
	"tones = '\\u0300\\u0301\\u0303\\u0309\\u0323'\n"
	"out = b''\n"
	"for ch in sys.argv[1]:\n"
	"    try:\n"
	"        out += ch.encode('cp1258'); continue\n"
	"    except UnicodeEncodeError: pass\n"
	"    d = unicodedata.normalize('NFD', ch)\n"
	"    t = ''.join(c for c in d if c in tones)\n"
	"    base = unicodedata.normalize('NFC', ''.join(c for c in d if c not in tones))\n"
	"    out += base.encode('cp1258') + t.encode('cp1258')\n"
	"sys.stdout.buffer.write(out)\n";

Test(roster, import_reads_windows_1258)
{
	char *dir = sim_tmpdir(), *script = xasprintf("%s/cp.py", dir), *out = NULL;
	struct roster_import im;
	struct roster *r;
	int st;

	sim_write(script, cp1258_py, sizeof cp1258_py - 1);
	st = sim_run(&out, "python3 '%s' \"$(printf 'Mã đơn vị,Tên đơn vị\\r\\nxa-1,Xã Quảng Hòa, Đức Phổ\\r\\n')\"",
		     script);
	cr_assert_eq(st, 0);
	cr_assert(!text_valid_utf8(out, strlen(out), NULL), "the test data is UTF-8");
	r = import_ok(roster_new(), out, strlen(out), &im);
	cr_assert(im.from_cp1258);
	assert_unit(r, "xa-1", "Xã Quảng Hòa", NULL, NULL);
	roster_import_free(&im);
	roster_free(r);
	free(out);
	free(script);
	free(dir);
}

Test(roster, a_failed_import_changes_nothing_and_names_the_row)
{
	static const char dup[] = "Tên đơn vị\nUBND xã A\nXã Bình\nUBND xã A\n";
	static const char bad[] = "id;name\nxa-1;X\nXã 2;Y\n";
	static const char none[] = "STT,Ghi chú\n1,x\n";
	struct roster *r = roster_new();
	struct roster_import im;
	struct dvk_error err;

	roster_set_unit(r, "xa-0", "Xã Không", NULL, NULL, &err);
	cr_assert_not(roster_import_csv(r, dup, sizeof dup - 1, "ds.csv", 0, &im, &err));
	cr_assert_eq(err.line, 4);
	cr_assert(strstr(err.message, "xa-a") && strstr(err.message, "line 2"), "%s", err.message);
	cr_assert_not(roster_import_csv(r, bad, sizeof bad - 1, "ds.csv", 0, &im, &err));
	cr_assert_eq(err.line, 3);
	cr_assert_eq(err.col, 1);
	cr_assert_not(roster_import_csv(r, none, sizeof none - 1, "ds.csv", 0, &im, &err));
	cr_assert_eq(err.line, 1);
	cr_assert_eq(roster_count(r), 1, "a failed import added units");
	roster_free(r);
}

Test(roster, ids_from_names)
{
	static const char *const cases[][2] = {
		{ "UBND xã Quảng Hòa", "xa-quang-hoa" },
		{ "Ủy ban nhân dân Thị trấn Rừng Thông", "thi-tran-rung-thong" },
		{ "Sở Nội vụ", "so-noi-vu" },
		{ "  Phường 3 (cũ)  ", "phuong-3-cu" },
		{ "UBND", "ubnd" },
		{ "—", NULL },
	};

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *id = roster_id_from_name(cases[i][0]);

		if (cases[i][1])
			cr_assert_str_eq(id, cases[i][1], "\"%s\" gave \"%s\"", cases[i][0], id);
		else
			cr_assert_null(id);
		free(id);
	}
}

/* ------------------------------------------------------------------ */
/* The verb                                                            */
/* ------------------------------------------------------------------ */

static void write_unit_file(const char *dir, const char *unit, const char *name)
{
	struct state *st = state_new(DIRID, unit);
	char *path = xasprintf("%s/%s.dvk.yaml", dir, unit);
	size_t len;
	char *bytes;

	if (name)
		sim_set_unit(st, UNIT_NAME, name);
	bytes = store_emit(st, sim_directive(), &len);
	sim_write(path, bytes, len);
	free(bytes);
	free(path);
	state_free(st);
}

Test(roster, check_names_who_has_not_reported_and_who_is_not_on_the_roster)
{
	char *home = sim_tmpdir(), *out, *data = xasprintf("%s/data/" DIRID, home);
	int st;

	cr_assert_eq(sim_run(NULL, "mkdir -p '%s'", data), 0);
	for (int i = 1; i <= 5; i++) {
		char id[16];

		snprintf(id, sizeof id, "xa-%d", i);
		st = sim_run(NULL, "DVK_DATA='%s/data' $DVK roster add %s 'Xã số %d' --contact '09%d' >/dev/null",
			     home, id, i, i);
		cr_assert_eq(st, 0);
		if (i <= 3)
			write_unit_file(data, id, NULL);
	}
	write_unit_file(data, "xa-la", "Xã Lạ");
	st = sim_run(&out, "DVK_LANG=en DVK_DATA='%s/data' $DVK roster check", home);
	cr_assert_eq(st, 0, "%s", out);
	cr_assert(strstr(out, "5 units; 3 reported, 2 not reported; 1 files"), "%s", out);
	cr_assert(strstr(out, "xa-4") && strstr(out, "Xã số 4") && strstr(out, "094"), "%s", out);
	cr_assert(strstr(out, "xa-5"), "%s", out);
	cr_assert(strstr(out, "Not on the roster (1)") && strstr(out, "xa-la") && strstr(out, "Xã Lạ"),
		  "%s", out);
	cr_assert_null(strstr(out, "xa-1 "), "%s", out);
	free(out);
	free(data);
	free(home);
}

Test(roster, two_reviewers_adding_at_once_both_keep_theirs)
{
	char *home = sim_tmpdir(), *path = xasprintf("%s/data/roster.yaml", home);
	struct dvk_error err;
	struct roster *r;
	int st;

	st = sim_run(NULL, "export DVK_DATA='%s/data'; for i in $(seq 1 16); do "
			   "$DVK roster add xa-$i \"Xã $i\" >/dev/null & done; wait", home);
	cr_assert_eq(st, 0);
	r = roster_load(path, &err);
	cr_assert_not_null(r, "%s", err.message);
	cr_assert_eq(roster_count(r), 16, "lost %zu of 16 adds", 16 - roster_count(r));
	roster_free(r);
	free(path);
	free(home);
}

Test(roster, import_and_list_through_the_verb)
{
	char *home = sim_tmpdir(), *csv = xasprintf("%s/ds.csv", home), *out;
	static const char body[] = "Mã;Tên đơn vị\nxa-1;Xã \"Một\", A\nxa-2;=cmd\n";
	int st;

	sim_write(csv, body, sizeof body - 1);
	st = sim_run(&out, "DVK_DATA='%s/data' $DVK roster import '%s' 2>/dev/null", home, csv);
	cr_assert_eq(st, 0);
	cr_assert(strstr(out, "2 added") || strstr(out, "2"), "%s", out);
	free(out);
	st = sim_run(&out, "DVK_DATA='%s/data' $DVK roster list --format csv | python3 -c \""
			   "import csv,sys; r=list(csv.reader(sys.stdin)); print(len(r), r[1][1], r[2][1])\"",
		     home);
	cr_assert_eq(st, 0);
	cr_assert_str_eq(out, "3 Xã \"Một\", A =cmd\n");
	free(out);
	st = sim_run(NULL, "DVK_DATA='%s/data' $DVK roster import '%s/none.csv' 2>/dev/null", home, home);
	cr_assert_eq(st, 1);
	st = sim_run(NULL, "DVK_DATA='%s/data' $DVK roster frobnicate 2>/dev/null", home);
	cr_assert_eq(st, 2);
	free(csv);
	free(home);
}

/* A province's roster is thousands of units long, and a report lists
 * every one that sent nothing twice (who has not reported, the open
 * work), which is more than a table keeps in memory (report/table.c
 * moves the cells to a temporary file).  The tables must come out whole,
 * in order and aligned: python3 rebuilds each row from the CSV the test
 * wrote and the column starts of the table's header line, cutting long
 * names at 32 columns with "…" as the report promises. */
static const char check_tables_py[] =
	"import sys\n"
	"out, csv = open(sys.argv[1], encoding='utf-8').read().split('\\n'), sys.argv[2]\n"
	"units = [l.split(';') for l in open(csv, encoding='utf-8').read().split('\\n')[1:] if l]\n"
	"missing = [u for u in units if u[0] != 'xa-0001']\n"
	"def cut(s, w):\n"
	"    return s if len(s) <= w else s[:w - 1] + '…'\n"
	"def check(title, header, rows):\n"
	"    at = out.index(title)\n"
	"    head = out[at + 2]\n"
	"    assert head.split() == header, (head, header)\n"
	"    starts = [head.index(h) for h in header]\n"
	"    for k, cells in enumerate(rows):\n"
	"        line = ''\n"
	"        for c, s in enumerate(cells):\n"
	"            line += s if c + 1 == len(cells) else s.ljust(starts[c + 1] - starts[c])\n"
	"        got = out[at + 3 + k]\n"
	"        assert got == line, '%s row %d:\\n got  %r\\n want %r' % (title, k, got, line)\n"
	"    return len(rows)\n"
	"n = check('Not reported (%d)' % len(missing), ['unit', 'unit_name', 'parent_name', 'contact'],\n"
	"          [(u[0], cut(u[1], 32), '', u[2]) for u in missing])\n"
	"n += check('Open work', ['unit_name', 'item', 'to_do', 'details'],\n"
	"           [(cut(u[1], 32), '', 'no file received', u[2]) for u in missing])\n"
	"print(n)\n";

static const char check_annex_py[] =
	"import re, sys, zipfile\n"
	"d = zipfile.ZipFile(sys.argv[1]).read('word/document.xml').decode('utf-8')\n"
	"names = [l.split(';')[1] for l in open(sys.argv[2], encoding='utf-8').read().split('\\n')[1:] if l]\n"
	"rows = [[''.join(re.findall(r'<w:t(?: [^>]*)?>([^<]*)</w:t>', tc))\n"
	"         for tc in re.findall(r'<w:tc>(.*?)</w:tc>', tr)] for tr in re.findall(r'<w:tr>(.*?)</w:tr>', d)]\n"
	"at = [i for i, r in enumerate(rows) if r[:2] == ['No.', 'Unit']][0] + 1\n"
	"for k, name in enumerate(names):\n"
	"    assert rows[at + k][:2] == [str(k + 1), name], (k, rows[at + k])\n"
	"assert rows[at + len(names)][1] == 'Total', rows[at + len(names)]\n"
	"print(len(names), 'rows, more than 1 MiB' if len(d) > 1 << 20 else 'rows, small')\n";

Test(roster, thousands_of_missing_units_come_out_whole_in_order_and_aligned, .timeout = 120)
{
	char *home = sim_tmpdir(), *out, *data = xasprintf("%s/data/" DIRID, home);
	char *csv = xasprintf("%s/ds.csv", home), *py = xasprintf("%s/check.py", home);
	struct buf b = { 0 };
	int st;

	cr_assert_eq(sim_run(NULL, "mkdir -p '%s'", data), 0);
	buf_adds(&b, "Mã đơn vị;Tên đơn vị;Liên hệ\n");
	for (unsigned i = 1; i <= 9000; i++)
		buf_printf(&b, "xa-%04u;Xã Thử Nghiệm Số %u%s;09%07u\n", i, i,
			   i % 7 ? "" : " thuộc huyện Miền Núi Rất Xa Xôi", i);
	sim_write(csv, b.data, b.len);
	buf_free(&b);
	sim_write(py, check_tables_py, sizeof check_tables_py - 1);
	st = sim_run(NULL, "DVK_DATA='%s/data' $DVK roster import '%s' >/dev/null", home, csv);
	cr_assert_eq(st, 0);
	write_unit_file(data, "xa-0001", NULL);
	st = sim_run(&out, "DVK_LANG=en DVK_DATA='%s/data' $DVK report >'%s/out.txt' && "
			   "python3 '%s' '%s/out.txt' '%s' 2>&1", home, home, py, home, csv);
	cr_assert_eq(st, 0, "%s", out);
	cr_assert_str_eq(out, "17998\n");
	free(out);
	/* The báo cáo's annex has a row per unit; in Word its text is more
	 * than report/docx.c keeps in memory, so it goes through a file. */
	sim_write(py, check_annex_py, sizeof check_annex_py - 1);
	st = sim_run(&out, "DVK_LANG=en DVK_DATA='%s/data' $DVK report --draft --format docx -o '%s/bc.docx' && "
			   "python3 '%s' '%s/bc.docx' '%s' 2>&1", home, home, py, home, csv);
	cr_assert_eq(st, 0, "%s", out);
	cr_assert_str_eq(out, "9000 rows, more than 1 MiB\n");
	free(out);
	free(py);
	free(csv);
	free(data);
	free(home);
}

/* A report's worker threads look units up in the roster at the same time
 * (report/reduce.c), the first lookups included, when the roster's index
 * is still to be made. */
struct lookups {
	const struct roster *r;
	pthread_barrier_t *start;
	unsigned n, found;
};

static void *look_up_all(void *arg)
{
	struct lookups *l = arg;

	pthread_barrier_wait(l->start);
	for (unsigned i = 0; i < l->n; i++) {
		char id[16];

		snprintf(id, sizeof id, "xa-%05u", (i * 7919u) % l->n);
		if (roster_find(l->r, id))
			l->found++;
	}
	return NULL;
}

Test(roster, threads_looking_units_up_at_once_all_find_them)
{
	enum { UNITS = 20000, THREADS = 4, ROUNDS = 10 };
	struct buf y = { 0 };

	buf_adds(&y, "format: dvk-roster/1\nunits:\n  - id: zz-gone\n");
	for (unsigned i = 0; i < UNITS; i++)
		buf_printf(&y, "  - id: xa-%05u\n    name: Xã %u\n", (i * 104729u) % UNITS, i);
	for (int round = 0; round < ROUNDS; round++) {
		struct roster *r = parse_ok(y.data);
		pthread_barrier_t start;
		pthread_t th[THREADS];
		struct lookups l[THREADS];

		/* A removal leaves the index to be made again, by the
		 * threads' first lookups. */
		cr_assert(roster_remove(r, "zz-gone"));

		pthread_barrier_init(&start, NULL, THREADS);
		for (int t = 0; t < THREADS; t++) {
			l[t] = (struct lookups){ r, &start, UNITS, 0 };
			cr_assert_eq(pthread_create(&th[t], NULL, look_up_all, &l[t]), 0);
		}
		for (int t = 0; t < THREADS; t++) {
			pthread_join(th[t], NULL);
			cr_assert_eq(l[t].found, UNITS, "round %d, thread %d found %u of %u units", round, t,
				     l[t].found, UNITS);
		}
		pthread_barrier_destroy(&start);
		roster_free(r);
	}
	buf_free(&y);
}

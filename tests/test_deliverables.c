/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_deliverables.c: what a reviewer's office hands in (issue #12),
 * checked with readers dvk did not write.
 *
 * The fixture is a district's: 40 units on the roster, 34 of them sent a
 * file, and 2 files came from units not on it.  The units wrote notes,
 * "not applicable" reasons, evidence records; a reviewer wrote verdicts
 * with comments; one unit has a value in conflict.  While making it the
 * test keeps its own list of every text it wrote, so what the report
 * holds is compared with that, never with dvk's own figures.  Outputs are
 * read back with python3 (csv, json and its jsonschema, zipfile and the
 * sheet XML) and pandoc.
 *
 * A second fixture has events stamped across 2023, for --as-of and
 * --from/--to, whose counts the test computes itself.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "report/report.h"
#include "tests/helpers/sim.h"
#include "text/text.h"

#define DIRID "thanh-hoa-dvk-2023"
#define NROSTER 40
#define NSENT 34
#define DAY_MS 86400000LL
#define T2023 1672531200000LL /* 2023-01-01T00:00:00Z */

static const char *const extra_ids[] = { "xa-la-mot", "xa-la-hai" };
static const char *const extra_names[] = { "Xã Lạ, \"Một\"", "=Xã Lạ Hai" };

struct written {
	char **texts; /* every note, reason, evidence value, review comment */
	size_t n, cap;
};

static char *home, *data, *dir;
static struct written w;

static void keep(const char *s)
{
	GROW(w.texts, w.n + 1, w.cap);
	w.texts[w.n++] = xstrdup(s);
}

static char *unit_id(unsigned i)
{
	return xasprintf("xa-%02u", i + 1);
}

/* Names with what breaks CSV and formulas: commas, quotes, '='. */
static char *unit_name(unsigned i)
{
	if (i == 2)
		return xstrdup("UBND xã \"Hòa, Bình\" =1");
	if (i == 5)
		return xstrdup("=SUM(A1:A9), xã Đông");
	return xasprintf("UBND xã Quảng Thành %u", i + 1);
}

static void apply(struct state *st, const char *item, const struct assignment *as, size_t n,
		  struct edit_ctx *ctx)
{
	struct dvk_error err;

	ctx->now += 60000;
	cr_assert(checklist_apply(st->cl, sim_directive(), item, as, n, ctx, &err) >= 0, "%s: %s", item,
		  err.message);
}

static void save(struct state *st, const char *path)
{
	size_t len;
	char *bytes = store_emit(st, sim_directive(), &len);

	sim_write(path, bytes, len);
	free(bytes);
}

/* One unit's work: a note, a done item with an activity record, an item
 * not applicable with its reason, and on every third unit a review. */
static void work(struct state *st, unsigned i, uint64_t *seed)
{
	struct hlc clock = { 0, 0 };
	struct edit_ctx ctx = { .by = "Lê Thị Hạnh", .replica = "may-xa", .clock = &clock,
				.now = T2023 + 60 * DAY_MS + (int64_t)i * 3600000, .random = sim_random,
				.random_arg = seed };
	char note[96], reason[96], doc[96], people[16], *rid = checklist_new_rid(&ctx);
	char f1[64], f2[64], f3[64];

	snprintf(note, sizeof note, "Đã họp quán triệt, đơn vị %u; có biên bản", i + 1);
	snprintf(reason, sizeof reason, "Đơn vị %u không có đơn thư trong kỳ", i + 1);
	snprintf(doc, sizeof doc, "Kế hoạch số %u/KH-UBND, \"đợt 1\"", 100 + i);
	snprintf(people, sizeof people, "%u", 20 + i);
	snprintf(f1, sizeof f1, "activity.%s.date", rid);
	snprintf(f2, sizeof f2, "activity.%s.participants", rid);
	snprintf(f3, sizeof f3, "activity.%s.document", rid);
	{
		struct assignment as[] = { { "status", "done" }, { "note", note } };

		apply(st, "1.1", as, 2, &ctx);
	}
	{
		struct assignment as[] = { { f1, "2023-03-14" }, { f2, people }, { f3, doc } };

		apply(st, "1.1", as, 3, &ctx);
	}
	{
		struct assignment as[] = { { "status", "not-applicable" }, { "reason", reason } };

		apply(st, "4.3", as, 2, &ctx);
	}
	keep(note);
	keep(reason);
	keep(doc);
	keep(people);
	keep("2023-03-14");
	if (i % 3 == 0) {
		char comment[96];
		struct hlc rclock = { 0, 0 };
		struct edit_ctx rctx = ctx;
		struct dvk_error err;

		rctx.by = "Nguyễn Văn Rà Soát";
		rctx.replica = "huyen-01";
		rctx.clock = &rclock;
		rctx.now = ctx.now + DAY_MS;
		snprintf(comment, sizeof comment, "Bổ sung biên bản hội nghị của đơn vị %u", i + 1);
		cr_assert_eq(report_review(st, sim_directive(), "1.1", "needs-work", comment, &rctx, &err), 2,
			     "%s", err.message);
		keep(comment);
	}
	free(rid);
}

/* Two laptops disagree on a note. */
static void conflict(struct state *st, uint64_t *seed)
{
	struct state *other = state_new(DIRID, st->unit);
	struct hlc c1 = { 0, 0 }, c2 = { 0, 0 };
	struct edit_ctx a = { .by = "Minh", .replica = "may-a", .clock = &c1, .now = T2023 + 100 * DAY_MS,
			      .random = sim_random, .random_arg = seed };
	struct edit_ctx b = a;
	struct assignment x = { "note", "Ghi chú máy A" }, y = { "note", "Ghi chú máy B" };

	b.by = "Lan";
	b.replica = "may-b";
	b.clock = &c2;
	checklist_join(other->cl, st->cl);
	apply(st, "2.1", &x, 1, &a);
	apply(other, "2.1", &y, 1, &b);
	checklist_join(st->cl, other->cl);
	state_free(other);
	keep("Ghi chú máy A");
	keep("Ghi chú máy B");
}

static void make_fixture(void)
{
	uint64_t seed = 42;
	char *roster = NULL;
	struct buf csv = { 0 };
	int st;

	home = sim_tmpdir();
	data = xasprintf("%s/data", home);
	dir = xasprintf("%s/%s", data, DIRID);
	cr_assert_eq(sim_run(NULL, "mkdir -p '%s'", dir), 0);
	/* The roster comes from the office's own spreadsheet. */
	buf_adds(&csv, "STT;Mã đơn vị;Tên đơn vị;Đơn vị cấp trên;Người liên hệ\r\n");
	buf_adds(&csv, "0;huyen-a;UBND huyện An Phú;;\r\n");
	for (unsigned i = 0; i < NROSTER - 1; i++) {
		char *id = unit_id(i), *name = unit_name(i), *q = NULL;
		struct buf cell = { 0 };

		/* Quotes doubled inside a quoted cell, as Excel writes them. */
		for (const char *p = name; *p; p++) {
			if (*p == '"')
				buf_addc(&cell, '"');
			buf_addc(&cell, *p);
		}
		buf_printf(&csv, "%u;%s;\"%s\";UBND huyện An Phú;Cán bộ %u, 09%08u\r\n", i + 1, id,
			   cell.data, i + 1, i);
		buf_free(&cell);
		free(q);
		free(id);
		free(name);
	}
	roster = xasprintf("%s/ds.csv", home);
	sim_write(roster, csv.data, csv.len);
	buf_free(&csv);
	st = sim_run(NULL, "DVK_DATA='%s' $DVK roster import '%s' >/dev/null 2>&1", data, roster);
	cr_assert_eq(st, 0);
	st = sim_run(NULL, "DVK_DATA='%s' $DVK roster office name='UBND huyện An Phú' "
			   "superior='UBND tỉnh Thanh Hóa' place='An Phú' symbol=UBND "
			   "signer_authority='TM. ỦY BAN NHÂN DÂN' signer_title='CHỦ TỊCH' "
			   "'recipients=Ban Dân vận Huyện ủy; UBND các xã' >/dev/null",
		     data);
	cr_assert_eq(st, 0);
	free(roster);
	/* 34 of the 39 communes and the district... the district files too. */
	for (unsigned i = 0; i < NSENT; i++) {
		char *id = unit_id(i), *path = xasprintf("%s/%s.dvk.yaml", dir, id);
		struct state *s = state_new(DIRID, id);

		if (i % 2 == 0) {
			char *name = unit_name(i);

			sim_set_unit(s, UNIT_NAME, name);
			free(name);
		}
		sim_set_unit(s, UNIT_PARENT, "huyen-a");
		work(s, i, &seed);
		if (i == 7)
			conflict(s, &seed);
		save(s, path);
		state_free(s);
		free(path);
		free(id);
	}
	for (size_t k = 0; k < ARRAY_LEN(extra_ids); k++) {
		char *path = xasprintf("%s/%s.dvk.yaml", dir, extra_ids[k]);
		struct state *s = state_new(DIRID, extra_ids[k]);

		sim_set_unit(s, UNIT_NAME, extra_names[k]);
		work(s, 100 + (unsigned)k, &seed);
		save(s, path);
		state_free(s);
		free(path);
	}
}

static void free_fixture(void)
{
	for (size_t i = 0; i < w.n; i++)
		free(w.texts[i]);
	free(w.texts);
	memset(&w, 0, sizeof w);
	free(dir);
	free(data);
	free(home);
}

TestSuite(deliverables, .init = make_fixture, .fini = free_fixture, .timeout = 120);

/* dvk report ARGS over the fixture, in Vietnamese; its output. */
static char *report(const char *args)
{
	char *out;
	int st = sim_run(&out, "DVK_LANG=vi DVK_DATA='%s' $DVK report %s 2>&1", data, args);

	cr_assert_eq(st, 0, "dvk report %s exited %d:\n%s", args, st, out);
	return out;
}

static char *py(const char *script, const char *arg)
{
	char *path = xasprintf("%s/t.py", home), *out;
	int st;

	sim_write(path, script, strlen(script));
	st = sim_run(&out, "python3 '%s' '%s' 2>&1", path, arg);
	cr_assert_eq(st, 0, "python3 failed:\n%s", out);
	free(path);
	return out;
}

/* The 6 units that sent nothing and the 2 not on the roster, by id. */
static void assert_lists_missing_and_extra(const char *what, const char *out, bool by_name)
{
	for (unsigned i = NSENT; i < NROSTER - 1; i++) {
		char *id = unit_id(i), *name = unit_name(i);

		cr_expect(strstr(out, by_name ? name : id), "%s: missing unit %s not listed", what, id);
		free(id);
		free(name);
	}
	cr_expect(strstr(out, by_name ? "UBND huyện An Phú" : "huyen-a"), "%s: the district did not report",
		  what);
	for (size_t k = 0; k < ARRAY_LEN(extra_ids); k++) {
		char *esc = by_name ? xstrdup(extra_names[k]) : xstrdup(extra_ids[k]);

		cr_expect(strstr(out, esc), "%s: unit %s not on the roster not listed", what, extra_ids[k]);
		free(esc);
	}
}

Test(deliverables, every_format_lists_who_has_not_reported_and_who_is_not_on_the_roster)
{
	char *out;

	out = report("");
	cr_expect(strstr(out, "Chưa báo cáo (6)"), "%s", out);
	cr_expect(strstr(out, "Không có trong danh sách (2)"));
	assert_lists_missing_and_extra("text", out, false);
	free(out);
	out = report("--format md");
	assert_lists_missing_and_extra("md", out, false);
	free(out);
	out = report("--format json");
	assert_lists_missing_and_extra("json", out, false);
	free(out);
	out = report("--draft");
	assert_lists_missing_and_extra("draft", out, true);
	free(out);
	{
		static const char rows[] =
			"import csv, sys\n"
			"rows = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8-sig'), delimiter=';'))\n"
			"h = rows[0]\n"
			"for r in rows[1:]:\n"
			"    d = dict(zip(h, r))\n"
			"    if d['Đã báo cáo'] == 'không': print('MISSING', d['Mã đơn vị'])\n"
			"    if d['Trong danh sách'] == 'không': print('EXTRA', d['Mã đơn vị'])\n";
		char *path = xasprintf("%s/r.csv", home);

		cr_assert_eq(sim_run(NULL, "DVK_LANG=vi DVK_DATA='%s' $DVK report --sep ';' --excel -o '%s'", data,
				     path), 0);
		out = py(rows, path);
		assert_lists_missing_and_extra("csv", out, false);
		{
			size_t missing = 0, extra = 0;

			for (const char *q = out; (q = strstr(q, "MISSING ")); q++)
				missing++;
			for (const char *q = out; (q = strstr(q, "EXTRA ")); q++)
				extra++;
			cr_expect_eq(missing, 6, "missing rows:\n%s", out);
			cr_expect_eq(extra, 2, "rows not on the roster:\n%s", out);
		}
		free(out);
		free(path);
	}
	{
		char *path = xasprintf("%s/r.xlsx", home);
		static const char sheets[] =
			"import sys, zipfile, re\n"
			"z = zipfile.ZipFile(sys.argv[1])\n"
			"for n in sorted(z.namelist()):\n"
			"    if n.startswith('xl/worksheets/sheet'): print(z.read(n).decode('utf-8'))\n";

		cr_assert_eq(sim_run(NULL, "DVK_LANG=vi DVK_DATA='%s' $DVK report -o '%s'", data, path), 0);
		out = py(sheets, path);
		assert_lists_missing_and_extra("xlsx", out, false);
		free(out);
		free(path);
	}
	{
		char *path = xasprintf("%s/r.docx", home);

		cr_assert_eq(sim_run(NULL, "DVK_LANG=vi DVK_DATA='%s' $DVK report --format docx -o '%s'", data,
				     path), 0);
		cr_assert_eq(sim_run(&out, "pandoc '%s' -t plain --wrap=none", path), 0);
		assert_lists_missing_and_extra("docx", out, true);
		free(out);
		free(path);
	}
}

Test(deliverables, json_holds_every_note_reason_evidence_record_and_review_comment_and_fits_its_schema)
{
	static const char check[] =
		"import json, sys, jsonschema\n"
		"r = json.load(open(sys.argv[1], encoding='utf-8'))\n"
		"s = json.load(open(sys.argv[2], encoding='utf-8'))\n"
		"jsonschema.validate(r, s)\n"
		"print('VALID')\n"
		"for u in r['units']:\n"
		"    for it in u['items']:\n"
		"        for k in ('note', 'reason'):\n"
		"            if it[k]: print('T', it[k])\n"
		"        if it['review'] and it['review']['comment']: print('T', it['review']['comment'])\n"
		"        for a in it['activities']:\n"
		"            for v in a['values'].values():\n"
		"                if v: print('T', v)\n"
		"        for c in it['conflicts']:\n"
		"            for v in c['values']: print('T', v['value'])\n";
	char *json = report("--format json"), *path = xasprintf("%s/r.json", home);
	char *args = NULL, *out, *script = xasprintf("%s/check.py", home);
	int st;

	sim_write(path, json, strlen(json));
	sim_write(script, check, sizeof check - 1);
	args = xasprintf("python3 '%s' '%s' '%s/schema/dvk-report.schema.json'", script, path,
			 getenv("DVK_SRC") ? getenv("DVK_SRC") : ".");
	st = sim_run(&out, "%s 2>&1", args);
	cr_assert_eq(st, 0, "%s", out);
	cr_assert(strncmp(out, "VALID\n", 6) == 0, "%s", out);
	for (size_t i = 0; i < w.n; i++) {
		char *line = xasprintf("\nT %s\n", w.texts[i]);

		cr_expect(strstr(out, line), "JSON lacks \"%s\"", w.texts[i]);
		free(line);
	}
	free(out);
	free(args);
	free(script);
	free(path);
	free(json);
}

Test(deliverables, csv_with_semicolons_splits_like_csv_with_commas)
{
	static const char split[] =
		"import csv, sys\n"
		"a = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8-sig')))\n"
		"b = list(csv.reader(open(sys.argv[1] + '.semi', newline='', encoding='utf-8-sig'), delimiter=';'))\n"
		"assert a == b, 'the separators split differently'\n"
		"assert all(len(r) == len(a[0]) for r in a), 'ragged rows'\n"
		"names = [r[1] for r in a[1:]]\n"
		"print(len(a), len(a[0]))\n"
		"for n in names: print('N', n)\n";
	const char *const variants[] = { "", "--excel", "--detail", "--detail --excel" };

	for (size_t v = 0; v < ARRAY_LEN(variants); v++) {
		char *path = xasprintf("%s/c%zu.csv", home, v), *out;

		cr_assert_eq(sim_run(NULL, "DVK_LANG=vi DVK_DATA='%s' $DVK report --format csv %s > '%s' && "
					   "DVK_LANG=vi DVK_DATA='%s' $DVK report --format csv --sep ';' %s > '%s.semi'",
				     data, variants[v], path, data, variants[v], path), 0);
		out = py(split, path);
		/* Names with commas, quotes and '=' come back whole; with
		 * --excel a formula gets its apostrophe inside the cell. */
		if (strstr(variants[v], "excel")) {
			cr_expect(strstr(out, "\nN 'UBND xã \"Hòa, Bình\" =1\n") || strstr(out, "\nN UBND xã \"Hòa, Bình\" =1\n"),
				  "%s: %s", variants[v], out);
			cr_expect(strstr(out, "\nN '=SUM(A1:A9), xã Đông\n"), "%s: %s", variants[v], out);
			cr_expect(strstr(out, "\nN '=Xã Lạ Hai\n"), "%s: %s", variants[v], out);
		} else {
			cr_expect(strstr(out, "\nN UBND xã \"Hòa, Bình\" =1\n"), "%s: %s", variants[v], out);
			cr_expect(strstr(out, "\nN =SUM(A1:A9), xã Đông\n"), "%s: %s", variants[v], out);
		}
		cr_expect(strstr(out, "\nN Xã Lạ, \"Một\"\n"), "%s: %s", variants[v], out);
		free(out);
		free(path);
	}
}

/* The sheet XML of a workbook, read with the standard library only. */
static const char xlsx_py[] =
	"import sys, zipfile, re\n"
	"import xml.etree.ElementTree as ET\n"
	"NS = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',\n"
	"      'r': 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'}\n"
	"z = zipfile.ZipFile(sys.argv[1])\n"
	"wb = ET.fromstring(z.read('xl/workbook.xml'))\n"
	"rels = ET.fromstring(z.read('xl/_rels/workbook.xml.rels'))\n"
	"target = {r.get('Id'): r.get('Target') for r in rels}\n"
	"styles = ET.fromstring(z.read('xl/styles.xml'))\n"
	"numfmts = {'9': '0%', '10': '0.00%'}  # Excel's built-in percent formats\n"
	"numfmts.update({n.get('numFmtId'): n.get('formatCode') for n in styles.iter('{%s}numFmt' % NS['m'])})\n"
	"xfs = [x.get('numFmtId') for x in styles.find('m:cellXfs', NS)]\n"
	"shared = []\n"
	"if 'xl/sharedStrings.xml' in z.namelist():\n"
	"    for si in ET.fromstring(z.read('xl/sharedStrings.xml')).findall('m:si', NS):\n"
	"        shared.append(''.join(t.text or '' for t in si.iter('{%s}t' % NS['m'])))\n"
	"def col(ref):\n"
	"    n = 0\n"
	"    for ch in re.match('[A-Z]+', ref).group(0): n = n * 26 + ord(ch) - 64\n"
	"    return n - 1\n"
	"for s in wb.find('m:sheets', NS):\n"
	"    name = s.get('name')\n"
	"    x = ET.fromstring(z.read('xl/' + target[s.get('{%s}id' % NS['r'])]))\n"
	"    pane = x.find('.//m:pane', NS)\n"
	"    print('SHEET', name, 'FROZEN', pane.get('topLeftCell') if pane is not None else '-')\n"
	"    for row in x.iter('{%s}row' % NS['m']):\n"
	"        cells = {}\n"
	"        for c in row.findall('m:c', NS):\n"
	"            t = c.get('t'); v = c.find('m:v', NS); isv = c.find('m:is', NS)\n"
	"            if t == 's': val = shared[int(v.text)]\n"
	"            elif t == 'inlineStr': val = ''.join(e.text or '' for e in isv.iter('{%s}t' % NS['m']))\n"
	"            elif v is not None:\n"
	"                fmt = numfmts.get(xfs[int(c.get('s', '0'))], '')\n"
	"                val = ('PCT:%.6f' % float(v.text)) if '%' in fmt else ('NUM:' + v.text)\n"
	"            else: val = ''\n"
	"            cells[col(c.get('r'))] = val\n"
	"        print('ROW', name, row.get('r'), '\\t'.join(cells.get(i, '') for i in range(max(cells) + 1 if cells else 0)))\n";

/* The static binary (make static), when it has been built: it links the
 * writers in instead of opening them at run time (report/dl.c). */
static char *static_dvk(void)
{
	const char *given = getenv("DVK_STATIC"), *src = getenv("DVK_SRC");
	char *bin = given && *given ? xstrdup(given) : xasprintf("%s/build-static/dvk", src ? src : ".");
	struct stat sb;

	if (stat(bin, &sb) == 0)
		return bin;
	free(bin);
	return NULL;
}

/* dvk (bin, or NULL for the build's) report ARGS -o PATH, in Vietnamese. */
static void write_report(const char *bin, const char *args, const char *path)
{
	char *out;
	int st = sim_run(&out, "%s%s%sDVK_LANG=vi DVK_DATA='%s' $DVK report %s -o '%s' 2>&1",
			 bin ? "DVK_BIN='" : "", bin ? bin : "", bin ? "'; " : "", data, args, path);

	cr_assert_eq(st, 0, "dvk report %s exited %d:\n%s", args, st, out);
	free(out);
}

/* The workbook bin writes, as the standard library reads it; checked. */
static char *check_workbook(const char *bin)
{
	char *path = xasprintf("%s/th.xlsx", home), *out, *p;
	int units = 0;

	write_report(bin, "--format xlsx", path);
	out = py(xlsx_py, path);
	cr_expect(strstr(out, "SHEET Tổng hợp FROZEN C2"), "summary not frozen at the header:\n%.400s", out);
	cr_expect(strstr(out, "SHEET Chi tiết FROZEN"), "%.300s", out);
	cr_expect(strstr(out, "SHEET Danh sách đơn vị"));
	cr_expect(strstr(out, "ROW Tổng hợp 1 Mã đơn vị\tTên đơn vị\tĐơn vị cấp trên"), "%.600s", out);
	/* Every unit: 1 done of 37 that apply (1.1 done, 4.3 not applicable),
	 * 1/4 of group 1 and 0 of group 4's applicable items. */
	for (p = out; (p = strstr(p, "ROW Tổng hợp ")); p++) {
		char line[2048];
		const char *end = strchr(p, '\n');

		snprintf(line, sizeof line, "%.*s", (int)(end - p), p);
		if (!strstr(line, "\txa-") && !strstr(line, " xa-"))
			continue;
		if (strstr(line, "\tcó\tkhông") || strstr(line, "chưa"))
			continue;
		units++;
		cr_expect(strstr(line, "\tPCT:0.250000\t"), "group 1 is 1/4:\n%s", line);
		cr_expect(strstr(line, "\tPCT:0.027027\t"), "overall is 1/37:\n%s", line);
	}
	cr_expect_eq(units, NSENT + 2, "summary rows of units that reported: %d", units);
	cr_expect(strstr(out, "UBND xã \"Hòa, Bình\" =1"), "Vietnamese names in the sheet");
	cr_expect(strstr(out, "Đã họp quán triệt, đơn vị 1; có biên bản"), "a note in the detail sheet");
	cr_expect(strstr(out, "Kế hoạch số 100/KH-UBND, \"đợt 1\""), "evidence in the detail sheet");
	free(path);
	return out;
}

Test(deliverables, the_workbook_opens_with_the_standard_library_with_the_right_numbers_and_vietnamese)
{
	free(check_workbook(NULL));
}

/* The Word document bin writes: pandoc's text of it, checked, and the
 * page and fonts from its XML. */
static char *check_word(const char *bin)
{
	static const char xml[] =
		"import sys, zipfile, re\n"
		"z = zipfile.ZipFile(sys.argv[1])\n"
		"d = z.read('word/document.xml').decode('utf-8')\n"
		"s = z.read('word/styles.xml').decode('utf-8')\n"
		"print('PGSZ', re.search(r'<w:pgSz w:w=\"(\\d+)\" w:h=\"(\\d+)\"', d).groups())\n"
		"m = re.search(r'<w:pgMar w:top=\"(\\d+)\" w:right=\"(\\d+)\" w:bottom=\"(\\d+)\" w:left=\"(\\d+)\"', d)\n"
		"print('MARGINS', m.groups())\n"
		"print('FONTS', sorted(set(re.findall(r'w:ascii=\"([^\"]+)\"', s + d))))\n"
		"print('SIZES', sorted(set(int(x) for x in re.findall(r'<w:sz w:val=\"(\\d+)\"', s + d))))\n"
		"print('TABLES', d.count('<w:tbl>'))\n";
	char *path = xasprintf("%s/bc.docx", home), *out;
	const char *const want[] = {
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Số: …/BC-UBND",
		"UBND TỈNH THANH HÓA", "UBND HUYỆN AN PHÚ", "An Phú, ngày … tháng … năm", "BÁO CÁO",
		"I. KẾT QUẢ THỰC HIỆN", "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
		"III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI", "IV. KIẾN NGHỊ, ĐỀ XUẤT", "Nơi nhận:",
		"- UBND tỉnh Thanh Hóa (để báo cáo);", "- Ban Dân vận Huyện ủy;", "- Lưu: VT.",
		"TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "[...]", "PHỤ LỤC",
	};

	char *text;

	write_report(bin, "--draft", path);
	cr_assert_eq(sim_run(&text, "pandoc '%s' -t plain --wrap=none", path), 0);
	for (size_t i = 0; i < ARRAY_LEN(want); i++)
		cr_expect(strstr(text, want[i]), "the document lacks \"%s\"", want[i]);
	out = py(xml, path);
	/* A4: 210 x 297 mm; margins 20/15/20/30 mm in twentieths of a point. */
	cr_expect(strstr(out, "PGSZ ('11906', '16838')"), "%s", out);
	cr_expect(strstr(out, "MARGINS ('1134', '850', '1134', '1701')"), "%s", out);
	cr_expect(strstr(out, "FONTS ['Times New Roman']"), "%s", out);
	/* 11 to 14 pt (half-points), body 14. */
	cr_expect(strstr(out, "SIZES [22, 24, 26, 28]"), "%s", out);
	cr_expect(strstr(out, "TABLES ") && atoi(strstr(out, "TABLES ") + 7) >= 2, "%s", out);
	free(out);
	free(path);
	return text;
}

Test(deliverables, the_word_document_holds_the_decree_layout_on_a4_in_times_new_roman)
{
	free(check_word(NULL));
}

/* The static binary writes the same workbook and document as the build's
 * (same readers, same checks, same content), or the test is skipped when
 * `make static` has not been run (as test_static is). */
Test(deliverables, the_static_binary_writes_the_same_workbook_and_word_document)
{
	char *bin = static_dvk();

	if (!bin) {
		cr_skip_test("no build-static/dvk (make static)");
		return;
	}
	char *dyn = check_workbook(NULL), *sta = check_workbook(bin);

	cr_expect_str_eq(sta, dyn, "the static binary's workbook differs");
	free(dyn);
	free(sta);
	dyn = check_word(NULL);
	sta = check_word(bin);
	cr_expect_str_eq(sta, dyn, "the static binary's Word document differs");
	free(dyn);
	free(sta);
	free(bin);
}

/* ------------------------------------------------------------------ */
/* Periods                                                             */
/* ------------------------------------------------------------------ */

/* What happened when, in 2023: (unit, item, day of the year, what). */
struct step {
	unsigned unit;
	const char *item;
	int day;          /* days after 1 January */
	const char *status; /* NULL: an activity */
	const char *date;   /* the activity's date, NULL for none */
	unsigned people;
};

static const struct step steps[] = {
	{ 0, "1.1", 20, "in-progress", NULL, 0 },  { 0, "1.1", 40, "done", NULL, 0 },
	{ 0, "1.1", 41, NULL, "2023-02-10", 30 },   { 0, "1.2", 120, "done", NULL, 0 },
	{ 0, "1.1", 130, NULL, "2023-05-11", 50 },  { 0, "2.1", 200, "done", NULL, 0 },
	{ 1, "1.1", 95, "done", NULL, 0 },          { 1, "1.1", 96, NULL, "2023-04-06", 12 },
	{ 1, "1.3", 150, "in-progress", NULL, 0 },  { 1, "1.3", 185, "done", NULL, 0 },
	{ 1, "1.1", 300, NULL, "2023-10-28", 7 },   { 2, "1.2", 10, "done", NULL, 0 },
	{ 2, "1.2", 100, "in-progress", NULL, 0 },  { 2, "1.2", 170, "done", NULL, 0 },
	{ 2, "1.1", 171, NULL, NULL, 99 },
};

static char *pdata;

static void make_period_fixture(void)
{
	char *d, *p;

	pdata = xasprintf("%s/pdata", sim_tmpdir());
	d = xasprintf("%s/%s", pdata, DIRID);
	cr_assert_eq(sim_run(NULL, "mkdir -p '%s'", d), 0);
	for (unsigned u = 0; u < 3; u++) {
		char id[16];
		struct state *st;
		struct hlc clock = { 0, 0 };
		uint64_t seed = u + 7;
		struct edit_ctx ctx = { .by = "Cán bộ", .replica = "may", .clock = &clock,
					.random = sim_random, .random_arg = &seed };

		snprintf(id, sizeof id, "xa-p%u", u);
		st = state_new(DIRID, id);
		for (size_t k = 0; k < ARRAY_LEN(steps); k++) {
			const struct step *s = &steps[k];
			struct dvk_error err;

			if (s->unit != u)
				continue;
			ctx.now = T2023 + (int64_t)s->day * DAY_MS + 12 * 3600000;
			if (s->status) {
				struct assignment as = { "status", s->status };

				cr_assert(checklist_apply(st->cl, sim_directive(), s->item, &as, 1, &ctx, &err) >= 0);
			} else {
				char *rid = checklist_new_rid(&ctx), f1[64], f2[64], n[16];
				struct assignment as[2];
				size_t na = 0;

				snprintf(f1, sizeof f1, "activity.%s.date", rid);
				snprintf(f2, sizeof f2, "activity.%s.participants", rid);
				snprintf(n, sizeof n, "%u", s->people);
				if (s->date)
					as[na++] = (struct assignment){ f1, s->date };
				as[na++] = (struct assignment){ f2, n };
				cr_assert(checklist_apply(st->cl, sim_directive(), s->item, as, na, &ctx, &err) >= 0,
					  "%s", err.message);
				free(rid);
			}
		}
		p = xasprintf("%s/%s.dvk.yaml", d, id);
		save(st, p);
		free(p);
		state_free(st);
	}
	free(d);
}

/* The test's own count: items done at the end of day `until` (from the
 * last status step of each item up to then), items that became done
 * between the start of day `since` and the end of `until`, and the
 * participants of activities in the period (by their date, or when
 * undated by the day they were recorded). */
static void expect(int since, int until, unsigned *done, unsigned *done_in, unsigned *people,
		   unsigned *acts)
{
	*done = *done_in = *people = *acts = 0;
	for (unsigned u = 0; u < 3; u++) {
		const char *items[] = { "1.1", "1.2", "1.3", "2.1" };

		for (size_t i = 0; i < ARRAY_LEN(items); i++) {
			const char *at_end = NULL, *at_start = NULL;

			for (size_t k = 0; k < ARRAY_LEN(steps); k++) {
				const struct step *s = &steps[k];

				if (s->unit != u || strcmp(s->item, items[i]) || !s->status)
					continue;
				if (s->day <= until)
					at_end = s->status;
				if (since >= 0 && s->day < since)
					at_start = s->status;
			}
			if (at_end && !strcmp(at_end, "done")) {
				(*done)++;
				if (since >= 0 && !(at_start && !strcmp(at_start, "done")))
					(*done_in)++;
			}
		}
	}
	for (size_t k = 0; k < ARRAY_LEN(steps); k++) {
		const struct step *s = &steps[k];
		int day = s->day;

		if (s->status || s->day > until)
			continue;
		if (s->date) {
			struct tm tm = { 0 };

			sscanf(s->date, "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday);
			tm.tm_year -= 1900;
			tm.tm_mon -= 1;
			day = (int)((timegm(&tm) * 1000LL - T2023) / DAY_MS);
		}
		if (since >= 0 && (day < since || day > until))
			continue;
		*people += s->people;
		(*acts)++;
	}
}

static const char period_py[] =
	"import json, sys\n"
	"r = json.load(open(sys.argv[1], encoding='utf-8'))\n"
	"p = r['progress']\n"
	"people = sum(e.get('sum', 0) for e in r['evidence'] if e['key'] == 'participants')\n"
	"print('DONE', p['done'], 'IN', r['done_in_period'], 'PEOPLE', people, 'ACTS', r['activities'],\n"
	"      'PERIOD', (r['period'] or {}).get('name'))\n";

static char *period_json(const char *args)
{
	char *out, *path = xasprintf("%s/p.json", pdata), *res;

	cr_assert_eq(sim_run(&out, "DVK_LANG=vi DVK_DATA='%s' $DVK report --format json %s", pdata, args), 0,
		     "%s", args);
	sim_write(path, out, strlen(out));
	free(out);
	res = py(period_py, path);
	free(path);
	return res;
}

TestSuite(periods, .init = make_period_fixture, .timeout = 120);

Test(periods, as_of_and_from_to_give_the_counts_computed_here)
{
	static const struct {
		const char *args;
		int since, until; /* days after 1 January; since -1: no period */
		const char *name;
	} cases[] = {
		{ "--as-of 2023-06-30", -1, 180, "tính đến ngày 30/6/2023" },
		{ "--as-of 31/3/2023", -1, 89, "tính đến ngày 31/3/2023" },
		{ "--from 2023-04-01 --to 2023-06-30", 90, 180, "quý II năm 2023" },
		{ "--from 2023-01-01 --to 2023-06-30", 0, 180, "6 tháng đầu năm 2023" },
		{ "--from 1/7/2023 --to 31/12/2023", 181, 364, "6 tháng cuối năm 2023" },
		{ "--from 2023-02-15 --to 2023-05-20", 45, 139, "từ ngày 15/2/2023 đến ngày 20/5/2023" },
		{ "", -1, 100000, NULL },
	};

	home = xstrdup(pdata);
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		unsigned done, done_in, people, acts;
		char want[256], *got = period_json(cases[i].args);

		expect(cases[i].since, cases[i].until, &done, &done_in, &people, &acts);
		if (cases[i].since >= 0)
			snprintf(want, sizeof want, "DONE %u IN %u PEOPLE %u ACTS %u PERIOD %s\n", done, done_in,
				 people, acts, cases[i].name);
		else
			snprintf(want, sizeof want, "DONE %u IN None PEOPLE %u ACTS %u PERIOD %s\n", done, people,
				 acts, cases[i].name ? cases[i].name : "None");
		cr_expect_str_eq(got, want, "%s", cases[i].args);
		free(got);
	}
	cr_expect_eq(sim_run(NULL, "DVK_DATA='%s' $DVK report --as-of 2023-02-30 2>/dev/null", pdata), 2);
	cr_expect_eq(sim_run(NULL, "DVK_DATA='%s' $DVK report --from 2023-05-01 --to 2023-04-01 2>/dev/null",
			     pdata), 2);
	free(home);
	home = NULL;
	free(pdata);
}

/* ------------------------------------------------------------------ */
/* Rounding and wording                                                */
/* ------------------------------------------------------------------ */

static char *wdata;

static void make_wording_fixture(void)
{
	wdata = xasprintf("%s/w", sim_tmpdir());
	cr_assert_eq(sim_run(NULL, "export DVK_DATA='%s' DVK_USER=An F='%s/tests/fixtures/directives/empty-section.yaml'; "
				   "$DVK --directive \"$F\" --unit xa-a set 1.1 status=done >/dev/null && "
				   "$DVK --directive \"$F\" --unit xa-a set 1.2 status=done >/dev/null && "
				   "$DVK --directive \"$F\" --unit xa-b set 1.1 status=done >/dev/null && "
				   "$DVK roster add huyen-thu 'UBND huyện Thử' >/dev/null && "
				   "$DVK roster add xa-a 'UBND xã A' --parent huyen-thu >/dev/null && "
				   "$DVK roster add xa-b 'UBND xã B' --parent huyen-thu >/dev/null",
			     wdata, getenv("DVK_SRC") ? getenv("DVK_SRC") : "."), 0);
}

static void free_wording_fixture(void)
{
	free(wdata);
}

TestSuite(wording, .init = make_wording_fixture, .fini = free_wording_fixture, .timeout = 60);

static char *wreport(const char *lang, const char *args)
{
	char *out;
	int st = sim_run(&out, "DVK_LANG=%s DVK_DATA='%s' $DVK --directive '%s/tests/fixtures/directives/empty-section.yaml' "
			       "report %s 2>&1", lang, wdata, getenv("DVK_SRC") ? getenv("DVK_SRC") : ".", args);

	cr_assert_eq(st, 0, "%s", out);
	return out;
}

Test(wording, percentages_round_half_up_and_an_empty_group_has_no_items)
{
	char *out = wreport("vi", "");

	/* xa-a: 2 of 3 done is 67 %, not 66; xa-b 1 of 3 is 33 %; the total
	 * 3 of 6 is 50 %. */
	cr_expect(strstr(out, "\nUBND xã A  67%     67%"), "%s", out);
	cr_expect(strstr(out, "\nUBND xã B  33%     33%"), "%s", out);
	cr_expect(strstr(out, "Nhóm nhiệm vụ này không có mục."), "%s", out);
	cr_expect(!strstr(out, "2 không áp dụng") && !strstr(out, "Nhóm nhiệm vụ này không áp dụng"), "%s", out);
	free(out);
	out = wreport("vi", "--draft");
	cr_expect(strstr(out, "### 2.2. Phần chỉ có lời dẫn\n\nNhóm nhiệm vụ này không có mục."), "%s", out);
	cr_expect(strstr(out, "đã hoàn thành 3 (50%)"), "%s", out);
	free(out);
	out = wreport("vi", "--format json");
	cr_expect(strstr(out, "\"percent\":67}"), "%s", out);
	cr_expect(strstr(out, "\"no_items\":2}"), "both units: group 2 has no items\n%s", out);
	free(out);
}

Test(wording, by_parent_shows_the_parents_name)
{
	char *out = wreport("vi", "--by parent");

	const char *row = strstr(out, "\nĐơn vị cấp trên ");

	/* The matrix's first row is the parent, by its roster name (the
	 * district itself sent no file: it is listed as not reported). */
	cr_assert(row, "%s", out);
	row = strchr(row + 1, '\n');
	cr_expect(strncmp(row, "\nUBND huyện Thử ", strlen("\nUBND huyện Thử ")) == 0, "%s", out);
	free(out);
	out = wreport("vi", "--by parent --format csv");
	cr_expect(strstr(out, "huyen-thu,UBND huyện Thử,2,0,"), "%s", out);
	free(out);
}

Test(wording, lang_en_gives_an_english_report_and_vi_a_vietnamese_one)
{
	char *en = wreport("en", ""), *vi = wreport("vi", ""), *den = wreport("en", "--draft");

	cr_expect(strstr(en, "PROGRESS REPORT") && strstr(en, "Share of tasks done by unit"), "%s", en);
	cr_expect(strstr(en, "This task group has no items."), "%s", en);
	cr_expect(strstr(en, "Open work"), "%s", en);
	cr_expect(!strstr(en, "Tỷ lệ hoàn thành") && !strstr(en, "Danh sách việc còn tồn") &&
		  !strstr(en, "Tổng cộng"), "Vietnamese words in the English report:\n%s", en);
	cr_expect(strstr(vi, "BÁO CÁO TỔNG HỢP TIẾN ĐỘ THỰC HIỆN") && strstr(vi, "Danh sách việc còn tồn"), "%s", vi);
	cr_expect(!strstr(vi, "PROGRESS REPORT") && !strstr(vi, "Open work"), "%s", vi);
	cr_expect(strstr(den, "SOCIALIST REPUBLIC OF VIET NAM") && strstr(den, "I. RESULTS") &&
		  strstr(den, "IV. RECOMMENDATIONS AND PROPOSALS"), "%s", den);
	cr_expect(!strstr(den, "KẾT QUẢ THỰC HIỆN"), "%s", den);
	free(en);
	free(vi);
	free(den);
}

/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_directives.c: directives as documents number them, revisions,
 * directives in the data folder, `dvk directive ...`: run as a user
 * would, build/dvk in a shell, each test in a data folder of its own.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "content/directive.h"
#include "tests/helpers/sim.h"

static char *data;

static void fresh(void)
{
	data = sim_tmpdir();
}

static void done(void)
{
	free(data);
}

#define ENV "export DVK_LANG=en DVK_DATA='%s' DVK_UNIT=xa-thu DVK_USER='Lê Thị Hạnh'; "
#define NUMBERED "\"$DVK_SRC/tests/fixtures/directives/numbered.yaml\""

/* Index of needle in hay, failing the test when absent. */
static size_t pos(const char *hay, const char *needle)
{
	const char *p = strstr(hay, needle);

	cr_assert_not_null(p, "\"%s\" not in:\n%s", needle, hay);
	return (size_t)(p - hay);
}

static void in_order(const char *out, const char *const *want, size_t n)
{
	for (size_t i = 1; i < n; i++)
		cr_assert_lt(pos(out, want[i - 1]), pos(out, want[i]), "%s before %s in:\n%s",
			     want[i - 1], want[i], out);
}

Test(numbering, status_lists_sections_in_the_order_of_their_ids, .init = fresh, .fini = done)
{
	static const char *const rows[] = { "\nI,", "\nII,", "\nV,", "\nIX,", "\n9,", "\n10,", "\nall," };
	char *out;

	cr_assert_eq(sim_run(&out, ENV "$DVK --directive " NUMBERED " set II.3.a status=done >/dev/null && "
			     "$DVK --directive " NUMBERED " status --format csv", data), 0);
	in_order(out, rows, ARRAY_LEN(rows));
	cr_assert(strstr(out, "\nII,Phần hai,1,0,0,4,25\n"), "%s", out);
	free(out);
	cr_assert_eq(sim_run(&out, ENV "$DVK --directive " NUMBERED " status", data), 0);
	cr_assert(strstr(out, "  II   Phần hai"), "%s", out);
	free(out);
}

Test(numbering, the_state_file_lists_items_and_log_in_reader_order, .init = fresh, .fini = done)
{
	static const char *const items[] = { "\n  \"I\":", "\n  \"I.2\":", "\n  \"II.3.a\":",
					     "\n  \"II.3.b\":", "\n  \"II.9\":", "\n  \"II.10\":",
					     "\n  \"10\":" };
	char *out;

	cr_assert_eq(sim_run(NULL, ENV "for i in 10 II.10 II.9 II.3.b II.3.a I.2 I; do "
			     "$DVK --directive " NUMBERED " set $i status=done >/dev/null || exit 1; done",
			     data), 0);
	cr_assert_eq(sim_run(&out, "cat '%s/ke-hoach-danh-so/xa-thu.dvk.yaml'", data), 0);
	in_order(out, items, ARRAY_LEN(items));
	in_order(strstr(out, "\nlog:"), (const char *const[]){ "item: \"I\"\n", "item: \"I.2\"",
			"item: \"II.3.a\"", "item: \"II.3.b\"", "item: \"II.9\"", "item: \"II.10\"",
			"item: \"10\"" }, 7);
	free(out);
}

Test(numbering, reports_list_sections_and_open_items_in_reader_order, .init = fresh, .fini = done)
{
	char *out;

	cr_assert_eq(sim_run(&out, ENV "$DVK --directive " NUMBERED " set II.3.a status=done >/dev/null && "
			     "$DVK --directive " NUMBERED " report --format csv", data), 0);
	cr_assert(strstr(out, ",percent_I,percent_II,percent_V,percent_IX,percent_9,percent_10,percent_all,"),
		  "%s", out);
	free(out);
	cr_assert_eq(sim_run(&out, ENV "$DVK --directive " NUMBERED " report", data), 0);
	cr_assert(strstr(out, "(9): I, I.2, II.3.b, II.9, II.10, V.1, IX.1, 9.a, 10\n"), "%s", out);
	in_order(out, (const char *const[]){ "\nI. Phần một", "\nII. Phần hai", "\nV. Phần năm",
			"\nIX. Phần chín", "\n9. Mục chín", "\n10. Mục mười" }, 6);
	free(out);
}

/* ---- revisions: a unit file written against revision 1, read with 2 ----
 *
 * rev2.yaml removes item 1.4, removes 1.1's evidence field "document",
 * changes 1.2's "quantity" from text to count, and adds item 1.5. */

#define REV1 "--directive \"$DVK_SRC/tests/fixtures/directives/rev1.yaml\""
#define REV2 "--directive \"$DVK_SRC/tests/fixtures/directives/rev2.yaml\""
#define UNIT_FILE "%s/ke-hoach-sua-doi/xa-thu.dvk.yaml"

static void unit_on_rev1(void)
{
	fresh();
	cr_assert_eq(sim_run(NULL, ENV "$DVK " REV1 " set 1.1 status=done && "
			     "$DVK " REV1 " set 1.1 activity.date=2023-03-14 activity.participants=45 "
			     "activity.document=12/KH-UBND && "
			     "$DVK " REV1 " set 1.2 activity.date=2023-03-20 'activity.quantity=khoảng 500' && "
			     "$DVK " REV1 " set 1.4 status=done 'note=Đã đăng 3 lần' && "
			     "$DVK " REV1 " set 1.3 status=in-progress", data), 0);
}

static int count(const char *hay, const char *needle)
{
	int n = 0;

	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

Test(revisions, status_counts_revision_2s_items_and_shows_the_rest_apart, .init = unit_on_rev1, .fini = done)
{
	char *out;

	cr_assert_eq(sim_run(&out, ENV "$DVK " REV2 " status 2>&1", data), 0, "%s", out);
	cr_assert(strstr(out, "revision 2, in force from 2023-06-01\n"), "%s", out);
	/* 1.1 done of 1.1, 1.2, 1.3, 1.5 and 2.1; 1.4's "done" is not counted */
	cr_assert(strstr(out, "  all ") && strstr(out, "1/5    20%"), "%s", out);
	cr_assert(strstr(out, "Item no longer in the directive (revision 2): kept, not counted in progress\n"
			      "  1.4      done            2 entries\n"), "%s", out);
	cr_assert(strstr(out, "  1.1      document = 12/KH-UBND  (a field revision 2 does not have)\n"), "%s", out);
	cr_assert(strstr(out, "  1.2      quantity = khoảng 500  (not a count)\n"), "%s", out);
	free(out);
	cr_assert_eq(sim_run(&out, ENV "$DVK " REV2 " status --format csv", data), 0);
	cr_assert(strstr(out, "\nall,,1,1,0,5,20\n"), "%s", out);
	free(out);
}

Test(revisions, set_works_and_a_save_keeps_the_events_of_the_removed_item, .init = unit_on_rev1, .fini = done)
{
	char *out, *file;

	cr_assert_eq(sim_run(&out, ENV "$DVK " REV2 " set 1.5 status=done 2>&1", data), 0, "%s", out);
	free(out);
	file = xasprintf(UNIT_FILE, data);
	out = sim_read(file, NULL);
	cr_assert(strstr(out, "\ndirective: ke-hoach-sua-doi\nrevision: 2\nunit: xa-thu\n"), "%s", out);
	cr_assert_eq(count(out, "item: \"1.4\""), 2, "%s", out);
	cr_assert(strstr(out, "value: Đã đăng 3 lần\n"), "%s", out);
	cr_assert(strstr(out, "field: activity.") && strstr(out, ".document\n  value: 12/KH-UBND\n"), "%s", out);
	cr_assert(strstr(out, "value: khoảng 500\n"), "%s", out);
	free(out);
	cr_assert_eq(sim_run(&out, ENV "$DVK " REV2 " status --format csv", data), 0);
	cr_assert(strstr(out, "\nall,,2,1,0,5,40\n"), "%s", out);
	free(out);
	/* edits stay strict: nothing new for what revision 2 lacks */
	cr_assert_eq(sim_run(&out, ENV "$DVK " REV2 " set 1.4 status=todo 2>&1", data), 1);
	cr_assert(strstr(out, "revision 2 of the directive has no such item"), "%s", out);
	free(out);
	cr_assert_eq(sim_run(&out, ENV "$DVK " REV2 " set 1.1 activity.document=5/BC 2>&1", data), 1);
	free(out);
	cr_assert_eq(sim_run(&out, ENV "$DVK " REV2 " set 1.2 'activity.quantity=khoảng 600' 2>&1", data), 1);
	free(out);
	out = sim_read(file, NULL);
	cr_assert_eq(count(out, "item: \"1.4\""), 2, "%s", out);
	free(out);
	free(file);
}

Test(revisions, log_marks_what_revision_2_lacks_and_shows_a_removed_items_history, .init = unit_on_rev1,
     .fini = done)
{
	char *out;

	cr_assert_eq(sim_run(&out, ENV "$DVK " REV2 " log 2>&1", data), 0, "%s", out);
	cr_assert(strstr(out, "  1.4  status: done  [item not in revision 2]\n"), "%s", out);
	cr_assert(strstr(out, ".document: 12/KH-UBND  [field not in revision 2]\n"), "%s", out);
	cr_assert(strstr(out, ".quantity: khoảng 500  [not a count in revision 2]\n"), "%s", out);
	cr_assert(strstr(out, "  1.1  status: done\n"), "%s", out);
	free(out);
	cr_assert_eq(sim_run(&out, ENV "$DVK " REV2 " log 1.4 2>&1", data), 0, "%s", out);
	cr_assert_eq(count(out, "\n"), 2, "%s", out);
	free(out);
}

Test(revisions, check_passes_and_lists_what_is_kept, .init = unit_on_rev1, .fini = done)
{
	char *out;

	cr_assert_eq(sim_run(&out, ENV "$DVK " REV2 " check " UNIT_FILE " 2>&1", data, data), 0, "%s", out);
	cr_assert(strstr(out, ": ok (unit xa-thu, 9 events, 0 conflicts)\n"), "%s", out);
	cr_assert(strstr(out, "  1.4      done"), "%s", out);
	free(out);
}

Test(revisions, the_report_shows_them_apart_and_sums_no_value_of_the_old_type, .init = unit_on_rev1,
     .fini = done)
{
	char *out;

	cr_assert_eq(sim_run(&out, ENV "$DVK " REV2 " report 2>&1", data), 0, "%s", out);
	cr_assert(strstr(out, "Revision 2, in force from 2023-06-01.\n"), "%s", out);
	cr_assert(strstr(out, "Open (4): 1.2, 1.3, 1.5, 2.1\n"), "%s", out);
	cr_assert(strstr(out, "  Items no longer in the directive (revision 2; not counted): 1.4 (done)\n"),
		  "%s", out);
	cr_assert(strstr(out, "1.2 quantity = khoảng 500 (does not fit the new type)"), "%s", out);
	cr_assert_null(strstr(out, "Số lượng: 0"), "a text value was summed as 0:\n%s", out);
	free(out);
	cr_assert_eq(sim_run(&out, ENV "$DVK " REV2 " report --format json", data), 0);
	cr_assert(strstr(out, "\"not_in_directive\":[{\"item\":\"1.4\",\"status\":\"done\",\"events\":2}]"), "%s", out);
	cr_assert(strstr(out, "\"revision\":2,\"revision_date\":\"2023-06-01\""), "%s", out);
	free(out);
}

Test(revisions, receive_and_merge_carry_the_removed_items_events, .init = unit_on_rev1, .fini = done)
{
	char *out;

	cr_assert_eq(sim_run(&out, "mkdir -p %s/other && DVK_LANG=en DVK_DATA=%s/other DVK_UNIT=huyen "
			     "$DVK " REV2 " receive " UNIT_FILE " 2>&1", data, data, data), 0, "%s", out);
	cr_assert(strstr(out, ": 9 new entries in new file"), "%s", out);
	free(out);
	cr_assert_eq(sim_run(&out, "cat %s/other/ke-hoach-sua-doi/xa-thu.dvk.yaml", data), 0);
	cr_assert_eq(count(out, "item: \"1.4\""), 2, "%s", out);
	free(out);
	cr_assert_eq(sim_run(&out, ENV "$DVK " REV2 " merge " UNIT_FILE " %s/other/ke-hoach-sua-doi/xa-thu.dvk.yaml",
			     data, data, data), 0);
	cr_assert_eq(count(out, "item: \"1.4\""), 2, "%s", out);
	free(out);
}

Test(revisions, a_reviewer_on_revision_1_is_told_and_still_sees_the_unit, .init = unit_on_rev1, .fini = done)
{
	char *out;

	/* the unit works on with revision 2: its file now says so */
	cr_assert_eq(sim_run(NULL, ENV "$DVK " REV2 " set 1.5 status=done", data), 0);
	cr_assert_eq(sim_run(&out, "mkdir -p %s/rv && DVK_LANG=en DVK_DATA=%s/rv DVK_UNIT=huyen "
			     "$DVK " REV1 " receive " UNIT_FILE " 2>&1", data, data, data), 0, "%s", out);
	cr_assert(strstr(out, "xa-thu.dvk.yaml was written against revision 2 of directive ke-hoach-sua-doi; "
			      "this laptop has revision 1."), "%s", out);
	free(out);
	cr_assert_eq(sim_run(&out, "DVK_LANG=en DVK_DATA=%s/rv $DVK " REV1 " report 2>&1", data), 0, "%s", out);
	cr_assert(strstr(out, "written against revision 2 of the directive; this report uses revision 1"), "%s", out);
	cr_assert(strstr(out, "\nxa-thu    "), "the unit is missing from the matrix:\n%s", out);
	cr_assert(strstr(out, "Items no longer in the directive (revision 1; not counted): 1.5 (done)"),
		  "%s", out);
	cr_assert_null(strstr(out, "no state files"), "%s", out);
	free(out);
	cr_assert_eq(sim_run(&out, "DVK_LANG=en DVK_DATA=%s/rv DVK_UNIT=xa-thu $DVK " REV1 " status 2>&1", data), 0);
	cr_assert(strstr(out, "  1.4 ") == NULL && strstr(out, "  1.5      done"), "%s", out);
	free(out);
}

Test(revisions, a_directive_written_back_keeps_its_revision_and_date)
{
	char *path = xasprintf("%s/tests/fixtures/directives/rev2.yaml", getenv("DVK_SRC") ? getenv("DVK_SRC") : ".");
	struct dvk_error err;
	struct directive *d = directive_load_file(path, &err), *back;
	size_t len;
	char *bytes;

	cr_assert_not_null(d, "%s", err.message);
	cr_assert_eq(d->revision, 2);
	cr_assert_str_eq(d->revision_date, "2023-06-01");
	bytes = directive_write(d, "rev2.yaml", &len, &err);
	cr_assert_not_null(bytes, "%s", err.message);
	cr_assert(strstr(bytes, "\nid: ke-hoach-sua-doi\nrevision: 2\nrevision_date: \"2023-06-01\"\n"), "%s", bytes);
	back = directive_load_buffer(bytes, len, "back.yaml", &err);
	cr_assert_not_null(back, "%s", err.message);
	cr_assert_eq(back->revision, 2);
	cr_assert_str_eq(back->revision_date, "2023-06-01");
	directive_free(back);
	directive_free(d);
	free(bytes);
	free(path);
}

/* ---- the directive in the data folder ---- */

#define FIX "\"$DVK_SRC/tests/fixtures/directives/"
#define DIRFILE "%s/ke-hoach-sua-doi/directive.yaml"

Test(folder, the_built_in_directive_is_used_when_none_is_there, .init = fresh, .fini = done)
{
	char *out;

	cr_assert_eq(sim_run(&out, ENV "$DVK status --format csv", data), 0);
	cr_assert(strstr(out, "\nall,,0,0,0,38,0\n"), "%s", out);
	free(out);
	cr_assert_eq(sim_run(&out, ENV "$DVK directive list", data), 0);
	cr_assert(strstr(out, "thanh-hoa-dvk-2023  revision 1, built into dvk\n"), "%s", out);
	free(out);
}

Test(folder, add_publishes_newer_revisions_and_never_an_older_one, .init = fresh, .fini = done)
{
	char *out;

	cr_assert_eq(sim_run(&out, ENV "$DVK directive add " FIX "rev1.yaml\" 2>&1", data), 0, "%s", out);
	cr_assert(strstr(out, "directive ke-hoach-sua-doi, revision 1: added to "), "%s", out);
	free(out);
	cr_assert_eq(sim_run(NULL, "cmp " DIRFILE " \"$DVK_SRC/tests/fixtures/directives/rev1.yaml\"", data), 0,
		     "the published file is not the office's file as it was");
	cr_assert_eq(sim_run(&out, ENV "$DVK directive add " FIX "rev2.yaml\" 2>&1", data), 0, "%s", out);
	cr_assert(strstr(out, "directive ke-hoach-sua-doi: revision 2 replaces revision 1 in "), "%s", out);
	free(out);
	cr_assert_eq(sim_run(&out, ENV "$DVK directive add " FIX "rev1.yaml\" 2>&1", data), 1, "%s", out);
	cr_assert(strstr(out, "revision 1 of directive ke-hoach-sua-doi is older than revision 2, which stays"),
		  "%s", out);
	free(out);
	cr_assert_eq(sim_run(NULL, "cmp " DIRFILE " \"$DVK_SRC/tests/fixtures/directives/rev2.yaml\"", data), 0,
		     "an older revision replaced a newer one");
	/* the same revision with other content: refused, the file stays */
	cr_assert_eq(sim_run(&out, ENV "sed 's/Lập trang tin/Lập trang web/' " FIX "rev2.yaml\" > %s/other.yaml && "
			     "$DVK directive add %s/other.yaml 2>&1", data, data, data), 1, "%s", out);
	cr_assert(strstr(out, "is already there with other content; a correction must raise the revision "
			      "(revision: 3)"), "%s", out);
	free(out);
	cr_assert_eq(sim_run(&out, ENV "$DVK directive add " FIX "rev2.yaml\" 2>&1", data), 0, "%s", out);
	cr_assert(strstr(out, "revision 2: already there, unchanged"), "%s", out);
	free(out);
	cr_assert_eq(sim_run(&out, ENV "$DVK directive list --format csv", data), 0);
	cr_assert_str_eq(out, "id,revision,revision_date,title,issuer,origin,items,unit_files,percent\n"
			      "ke-hoach-sua-doi,2,2023-06-01,Kế hoạch thử nghiệm sửa đổi,UBND huyện Thử,data,5,0,\n");
	free(out);
	/* an invalid directive is refused with its position */
	cr_assert_eq(sim_run(&out, ENV "printf 'format: dvk-directive/1\\nid: x\\n' > %s/bad.yaml && "
			     "$DVK directive add %s/bad.yaml 2>&1", data, data, data), 1, "%s", out);
	cr_assert(strstr(out, "bad.yaml:"), "%s", out);
	free(out);
}

/* A correction that moves a deadline or hands a task to other agencies
 * is what units most need to see: diff names it, show prints both. */
Test(folder, diff_and_show_name_deadlines_and_responsible_agencies, .init = fresh, .fini = done)
{
	char *out;

	cr_assert_eq(sim_run(&out, ENV "cd %s && "
				   "sed 's/^        text: Tổ chức hội nghị quán triệt.$/&\\n        responsible: [UBND xã]\\n"
				   "        deadline: trước ngày 30\\/6\\/2023/' " FIX "rev2.yaml\" > a.yaml && "
				   "sed -e 's/^revision: 2/revision: 3/' -e 's/30\\/6\\/2023/31\\/7\\/2023/' "
				   "-e 's/\\[UBND xã\\]/[UBND xã, Công an xã]/' -e 's/^        text: Phát tờ rơi.$/&\\n"
				   "        deadline: trong tháng 8/' a.yaml > b.yaml && "
				   "$DVK check a.yaml b.yaml && $DVK directive diff a.yaml b.yaml && "
				   "$DVK directive show b.yaml", data, data), 0, "%s", out);
	cr_assert(strstr(out, "\nDeadlines and responsible agencies changed (3):\n"
			      "  ~ 1.1  deadline: trước ngày 30/6/2023 → trước ngày 31/7/2023\n"
			      "  ~ 1.1  responsible: UBND xã → UBND xã; Công an xã\n"
			      "  ~ 1.2  deadline: not given → trong tháng 8\n"), "%s", out);
	cr_assert(strstr(out, "  1.1  Tổ chức hội nghị quán triệt.\n"
			      "        Responsible: UBND xã; Công an xã\n"
			      "        Deadline: trước ngày 31/7/2023\n"
			      "        - Ngày tổ chức (date, date)\n"), "%s", out);
	free(out);
}

Test(folder, diff_lists_items_added_removed_text_and_evidence_changed, .init = fresh, .fini = done)
{
	char *out;

	cr_assert_eq(sim_run(NULL, ENV "$DVK directive add " FIX "rev2.yaml\"", data), 0);
	cr_assert_eq(sim_run(&out, ENV "$DVK directive diff " FIX "rev1.yaml\" ke-hoach-sua-doi", data), 0,
		     "%s", out);
	cr_assert(strstr(out, "directive ke-hoach-sua-doi: revision 1 → revision 2\n"), "%s", out);
	cr_assert(strstr(out, "\nItems added (1):\n  + 1.5  Lập trang tin điện tử.\n"), "%s", out);
	cr_assert(strstr(out, "\nItems removed (1):\n  - 1.4  Đăng tin trên loa truyền thanh.\n"), "%s", out);
	cr_assert(strstr(out, "\nText changed (1):\n  ~ 1.3\n      was: Treo băng rôn.\n"
			      "      now: Treo băng rôn, khẩu hiệu.\n"), "%s", out);
	cr_assert(strstr(out, "\nEvidence changed (2):\n  ~ 1.1  removed document (Số, ký hiệu văn bản)\n"
			      "  ~ 1.2  quantity: text → count\n"), "%s", out);
	free(out);
	cr_assert_eq(sim_run(&out, ENV "$DVK directive diff ke-hoach-sua-doi ke-hoach-sua-doi", data), 0);
	cr_assert(strstr(out, "No item, evidence field or section differs."), "%s", out);
	free(out);
	cr_assert_eq(sim_run(&out, ENV "$DVK directive show ke-hoach-sua-doi", data), 0);
	cr_assert(strstr(out, "Revision: 2, in force from 2023-06-01\n"), "%s", out);
	cr_assert(strstr(out, "\n1. Tuyên truyền\n  1.1  Tổ chức hội nghị quán triệt.\n"
			      "        - Ngày tổ chức (date, date)\n"), "%s", out);
	free(out);
	cr_assert_eq(sim_run(&out, ENV "$DVK directive show --format yaml ke-hoach-sua-doi | cmp - " FIX "rev2.yaml\"",
			     data), 0);
	free(out);
}

Test(folder, a_unit_that_records_progress_publishes_its_directive, .init = fresh, .fini = done)
{
	cr_assert_eq(sim_run(NULL, ENV "$DVK --directive " FIX "rev1.yaml\" set 1.1 status=done", data), 0);
	cr_assert_eq(sim_run(NULL, "cmp " DIRFILE " \"$DVK_SRC/tests/fixtures/directives/rev1.yaml\"", data), 0);
	/* now it is the folder's: plain dvk uses it, by id too */
	cr_assert_eq(sim_run(NULL, ENV "$DVK status --format csv | grep -q '^all,,1,0,0,5,20$' && "
			     "$DVK --directive ke-hoach-sua-doi status --format csv | grep -q '^all,,1,'", data), 0);
}

Test(folder, a_newer_revision_meeting_an_older_one_is_used_and_named, .init = fresh, .fini = done)
{
	char *out;

	cr_assert_eq(sim_run(NULL, ENV "$DVK directive add " FIX "rev2.yaml\"", data), 0);
	cr_assert_eq(sim_run(&out, ENV "$DVK --directive " FIX "rev1.yaml\" status 2>&1", data), 0, "%s", out);
	cr_assert(strstr(out, "note: using revision 2 of directive ke-hoach-sua-doi (in the data folder), newer "
			      "than revision 1 in "), "%s", out);
	cr_assert(strstr(out, "revision 2, in force from 2023-06-01\n"), "%s", out);
	free(out);
	/* a sync tool's copy with a newer revision wins, and `dvk fold` puts it in place */
	cr_assert_eq(sim_run(&out, ENV "cp " FIX "rev1.yaml\" " DIRFILE " && cp " FIX "rev2.yaml\" "
			     "%s/ke-hoach-sua-doi/directive.sync-conflict-20230601-101010-ABCDEFG.yaml && "
			     "$DVK status | sed -n 2p && $DVK fold && ls %s/ke-hoach-sua-doi && cmp " DIRFILE " "
			     FIX "rev2.yaml\"", data, data, data, data, data), 0, "%s", out);
	cr_assert(strstr(out, "revision 2, in force from 2023-06-01\n"), "%s", out);
	cr_assert(strstr(out, "(directive, revision 2); the copy is deleted\n"), "%s", out);
	cr_assert_null(strstr(out, "sync-conflict-20230601-101010-ABCDEFG.yaml\n"), "%s", out);
	free(out);
}

/* A correction of the built-in directive in the folder: the list names
 * the older built-in revision so that it cannot be read as "in an older
 * dvk" ("có sẵn trong dvk cũ hơn" said that in Vietnamese). */
Test(folder, list_names_the_older_built_in_revision_plainly, .init = fresh, .fini = done)
{
	char *out;

	cr_assert_eq(sim_run(&out, ENV "sed 's/^id: thanh-hoa-dvk-2023$/&\\nrevision: 2/' "
			     "\"$DVK_SRC/content/thanh-hoa-dvk-2023.yaml\" > %s/rev2.yaml && "
			     "$DVK directive add %s/rev2.yaml >/dev/null && $DVK directive list && "
			     "DVK_LANG=vi $DVK directive list", data, data, data), 0, "%s", out);
	cr_assert(strstr(out, "revision 2, in the data folder; revision 1 (built into dvk) is older\n"), "%s", out);
	cr_assert(strstr(out, "bản sửa đổi 2, trong thư mục dữ liệu; bản sửa đổi 1 (có sẵn trong dvk) cũ hơn\n"),
		  "%s", out);
	free(out);
}

/* A task is a long sentence: `directive show` wraps it (and the agencies)
 * to the terminal, the lines after the first under its first word, so a
 * line is never folded mid-word by an 80- or 60-column terminal. */
Test(folder, show_wraps_long_tasks_under_their_first_word, .init = fresh, .fini = done)
{
	char *out;

	cr_assert_eq(sim_run(&out, ENV "$DVK directive add \"$DVK_SRC/tests/fixtures/directives/duties.yaml\" "
			     ">/dev/null && COLUMNS=60 $DVK directive show ke-hoach-nhiem-vu", data), 0, "%s", out);
	cr_assert(strstr(out, "  1.1  Cung cấp dịch vụ công trực tuyến toàn trình đạt tối\n"
			      "       thiểu 80% trên tổng số thủ tục hành chính đủ điều\n"
			      "       kiện.\n"), "%s", out);
	cr_assert(strstr(out, "        Responsible: Phòng Văn hóa và Thông tin; UBND các\n"
			      "                     xã, thị trấn\n"), "%s", out);
	cr_assert(strstr(out, "        Deadline: trước ngày 30/6/2024\n"), "%s", out);
	free(out);
}

/* ---- several directives ---- */

static void two_directives(void)
{
	fresh();
	cr_assert_eq(sim_run(NULL, ENV "$DVK set 1.1 status=done && $DVK directive add " FIX "numbered.yaml\"", data),
		     0);
}

Test(several, verbs_ask_which_one_and_take_it_by_id_file_or_config, .init = two_directives, .fini = done)
{
	char *out;

	cr_assert_eq(sim_run(&out, ENV "$DVK status 2>&1", data), 2, "%s", out);
	cr_assert(strstr(out, "holds several directives (ke-hoach-danh-so, thanh-hoa-dvk-2023): choose one with "
			      "--directive ID or \"directive: ID\" in the config"), "%s", out);
	free(out);
	cr_assert_eq(sim_run(&out, ENV "$DVK --directive thanh-hoa-dvk-2023 status --format csv", data), 0);
	/* 1 of 38 is 2.6 %, rounded half up */
	cr_assert(strstr(out, "\nall,,1,0,0,38,3\n"), "%s", out);
	free(out);
	cr_assert_eq(sim_run(&out, ENV "$DVK status --format csv --directive ke-hoach-danh-so", data), 0);
	cr_assert(strstr(out, "\nall,,0,0,0,10,0\n"), "%s", out);
	free(out);
	cr_assert_eq(sim_run(&out, ENV "$DVK --directive " NUMBERED " set II.9 status=done && "
			     "$DVK --directive ke-hoach-danh-so log", data), 0);
	cr_assert(strstr(out, "  II.9  status: done\n"), "%s", out);
	free(out);
	cr_assert_eq(sim_run(&out, ENV "export XDG_CONFIG_HOME=$DVK_DATA/cfg; mkdir -p \"$XDG_CONFIG_HOME/dvk\" && "
			     "echo 'directive: ke-hoach-danh-so' > \"$XDG_CONFIG_HOME/dvk/config.yaml\" && "
			     "$DVK status --format csv; rc=$?; rm \"$XDG_CONFIG_HOME/dvk/config.yaml\"; exit $rc", data), 0);
	cr_assert(strstr(out, "\nall,,1,0,0,10,10\n"), "%s", out);
	free(out);
	cr_assert_eq(sim_run(&out, ENV "$DVK directive list", data), 0);
	cr_assert(strstr(out, "ke-hoach-danh-so  revision 1, in the data folder\n"), "%s", out);
	cr_assert(strstr(out, "thanh-hoa-dvk-2023  revision 1, in the data folder\n"), "%s", out);
	free(out);
	/* verbs that read each file with its own directive need no choice */
	cr_assert_eq(sim_run(&out, ENV "$DVK check %s/*/*.dvk.yaml", data, data), 0, "%s", out);
	cr_assert(strstr(out, "xa-thu.dvk.yaml: ok (unit xa-thu, 1 event, 0 conflicts)"), "%s", out);
	free(out);
}

Test(several, export_and_receive_carry_the_directive_file, .init = two_directives, .fini = done)
{
	char *out;

	cr_assert_eq(sim_run(&out, ENV "mkdir %s/usb && $DVK --directive ke-hoach-danh-so set I.2 status=done && "
			     "$DVK --directive ke-hoach-danh-so export %s/usb && ls %s/usb", data, data, data, data),
		     0, "%s", out);
	cr_assert(strstr(out, "wrote %s/usb/ke-hoach-danh-so.directive.yaml (directive ke-hoach-danh-so, revision 1) "
			      "and read it back: identical.\n") || strstr(out, "ke-hoach-danh-so.directive.yaml "
			      "(directive ke-hoach-danh-so, revision 1) and read it back: identical.\n"), "%s", out);
	cr_assert(strstr(out, "\nke-hoach-danh-so.directive.yaml\nxa-thu.dvk.yaml\n"), "%s", out);
	free(out);
	cr_assert_eq(sim_run(NULL, "cmp %s/usb/ke-hoach-danh-so.directive.yaml " NUMBERED, data), 0);
	/* a reviewer who never had this directive receives the unit's file */
	cr_assert_eq(sim_run(&out, "mkdir %s/rv && DVK_LANG=en DVK_DATA=%s/rv DVK_UNIT=huyen "
			     "$DVK receive %s/usb/xa-thu.dvk.yaml 2>&1", data, data, data), 0, "%s", out);
	cr_assert(strstr(out, "usb/ke-hoach-danh-so.directive.yaml: directive ke-hoach-danh-so, revision 1: added to "
			      "the data folder\n"), "%s", out);
	cr_assert(strstr(out, "usb/xa-thu.dvk.yaml: unit xa-thu: 1 new entry in new file"), "%s", out);
	free(out);
	cr_assert_eq(sim_run(NULL, "cmp %s/rv/ke-hoach-danh-so/directive.yaml " NUMBERED, data), 0);
	cr_assert_eq(sim_run(&out, "DVK_LANG=en DVK_DATA=%s/rv $DVK report --format csv", data), 0, "%s", out);
	cr_assert(strstr(out, "\nxa-thu,xa-thu,,,,yes,50,0,0,0,0,0,10,"), "%s", out);
	free(out);
}

Test(several, receive_takes_a_newer_revision_and_never_an_older_one, .init = unit_on_rev1, .fini = done)
{
	char *out;

	cr_assert_eq(sim_run(&out, ENV "mkdir %s/usb && cp " FIX "rev2.yaml\" %s/usb/ke-hoach-sua-doi.directive.yaml && "
			     "$DVK receive %s/usb/ke-hoach-sua-doi.directive.yaml", data, data, data, data), 0, "%s", out);
	cr_assert(strstr(out, ": directive ke-hoach-sua-doi updated from revision 1 to revision 2\n"), "%s", out);
	free(out);
	cr_assert_eq(sim_run(&out, ENV "cp " FIX "rev1.yaml\" %s/usb/ke-hoach-sua-doi.directive.yaml && "
			     "$DVK receive %s/usb/ke-hoach-sua-doi.directive.yaml", data, data, data), 0, "%s", out);
	cr_assert(strstr(out, ": directive ke-hoach-sua-doi, revision 1: older than revision 2 here, not taken\n"),
		  "%s", out);
	free(out);
	cr_assert_eq(sim_run(NULL, "cmp " DIRFILE " " FIX "rev2.yaml\"", data), 0);
	/* the unit carries on with revision 2 from the folder, by itself */
	cr_assert_eq(sim_run(&out, ENV "$DVK status --format csv", data), 0);
	cr_assert(strstr(out, "\nall,,1,1,0,5,20\n"), "%s", out);
	free(out);
}

Test(folder, a_directive_file_that_does_not_load_is_named_never_passed_over, .init = fresh, .fini = done)
{
	char *out;

	cr_assert_eq(sim_run(NULL, "mkdir -p %s/ke-x && printf 'format: dvk-directive/1\\nid: ke-x\\ntitle: T\\n' "
			     "> %s/ke-x/directive.yaml", data, data), 0);
	cr_assert_eq(sim_run(&out, ENV "$DVK status 2>&1", data), 1, "%s", out);
	cr_assert(strstr(out, "ke-x/directive.yaml:1:1: missing key 'sections' in directive"), "%s", out);
	free(out);
	/* the verbs that diagnose still run */
	cr_assert_eq(sim_run(&out, ENV "$DVK directive list 2>&1", data), 1, "%s", out);
	cr_assert(strstr(out, "thanh-hoa-dvk-2023  revision 1, built into dvk\n"), "%s", out);
	cr_assert(strstr(out, "ke-x/directive.yaml:1:1: missing key 'sections'"), "%s", out);
	free(out);
	cr_assert_eq(sim_run(&out, ENV "$DVK check %s/ke-x/directive.yaml 2>&1", data, data), 1, "%s", out);
	free(out);
	/* another directive asked for by id is fine */
	cr_assert_eq(sim_run(&out, ENV "$DVK --directive thanh-hoa-dvk-2023 status --format csv 2>&1", data), 0,
		     "%s", out);
	free(out);
}

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
	cr_assert(strstr(out, "Bản sửa đổi 2, hiệu lực từ ngày 2023-06-01.\n"), "%s", out);
	cr_assert(strstr(out, "Còn mở (4): 1.2, 1.3, 1.5, 2.1\n"), "%s", out);
	cr_assert(strstr(out, "  Mục không còn trong văn bản (bản sửa đổi 2; không tính vào tiến độ): 1.4 (đã xong)\n"),
		  "%s", out);
	cr_assert(strstr(out, "1.2 quantity = khoảng 500 (không đúng kiểu dữ liệu mới)"), "%s", out);
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
	cr_assert(strstr(out, "Mục không còn trong văn bản (bản sửa đổi 1; không tính vào tiến độ): 1.5 (đã xong)"),
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

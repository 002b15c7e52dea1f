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

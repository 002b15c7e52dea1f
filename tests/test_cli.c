/*
 * test_cli.c: the command-line verbs, run as a user would run them: the
 * real build/dvk in a shell, each test in its own data folder.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

#define ENV "export DVK_DATA='%s' DVK_UNIT=xa-quang-hoa DVK_USER='Lê Thị Hạnh'; "
#define STATE "%s/thanh-hoa-dvk-2023/xa-quang-hoa.dvk.yaml"

Test(cli, check_accepts_the_shipped_directive)
{
	char *out;

	cr_assert_eq(sim_run(&out, "cd \"$DVK_SRC\" && $DVK check content/thanh-hoa-dvk-2023.yaml"), 0);
	cr_assert(strstr(out, "9 sections, 38 items"), "%s", out);
	free(out);
}

Test(cli, status_of_an_empty_folder_shows_nine_sections_at_zero, .init = fresh, .fini = done)
{
	char *out;
	int rows = 0;

	cr_assert_eq(sim_run(&out, ENV "$DVK status --format csv", data), 0);
	cr_assert(strncmp(out, "section,title,done,in_progress,not_applicable,total,percent\n", 60) == 0, "%s", out);
	for (char *p = out; (p = strchr(p, '\n')); p++)
		rows++;
	cr_assert_eq(rows, 11, "%s", out);
	cr_assert(strstr(out, "\nall,,0,0,0,38,0\n"), "%s", out);
	free(out);
	cr_assert_eq(sim_run(&out, ENV "$DVK status", data), 0);
	cr_assert(strstr(out, "  all "), "%s", out);
	cr_assert(strstr(out, "  0/38 "), "%s", out);
	free(out);
}

Test(cli, set_moves_the_section_and_the_total, .init = fresh, .fini = done)
{
	char *out;

	cr_assert_eq(sim_run(NULL, ENV "$DVK set 1.1 status=done", data), 0);
	cr_assert_eq(sim_run(&out, ENV "$DVK status --format csv", data), 0);
	cr_assert(strstr(out, "\n1,Quán triệt và lập kế hoạch công tác dân vận,1,0,0,4,25\n"), "%s", out);
	cr_assert(strstr(out, "\nall,,1,0,0,38,2\n"), "%s", out);
	free(out);
}

Test(cli, bad_edits_are_refused_and_write_nothing, .init = fresh, .fini = done)
{
	static const char *const bad[] = {
		"9.9 status=done", "1.1 status=xong", "1.1 colour=red",
		"1.1 activity.participants=abc", "1.1 activity.date=2023-02-30",
		"4.3 status=not-applicable",
	};
	char *out;

	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		cr_assert_eq(sim_run(&out, ENV "$DVK set %s 2>&1", data, bad[i]), 1, "accepted: %s", bad[i]);
		cr_assert(strlen(out) > 10, "no message for %s", bad[i]);
		free(out);
		cr_assert_eq(sim_run(NULL, "test ! -e " STATE, data), 0, "%s wrote a file", bad[i]);
	}
	cr_assert_eq(sim_run(NULL, ENV "$DVK set 1.1 2>/dev/null", data), 2, "usage error expected");
}

Test(cli, the_state_file_reads_in_pyyaml_with_ids_and_counts_as_strings, .init = fresh, .fini = done)
{
	char *out;

	if (sim_run(NULL, "python3 -c 'import yaml' 2>/dev/null") != 0)
		cr_skip_test("python3-yaml is not installed");
	cr_assert_eq(sim_run(NULL, ENV "$DVK set 1.1 status=done note='Đã họp\nngày 14/3' >/dev/null && "
				 "$DVK set 1.1 activity.date=2023-03-14 activity.participants=45 >/dev/null && "
				 "$DVK set 4.3 status=not-applicable reason='Không có đơn' >/dev/null", data), 0);
	cr_assert_eq(sim_run(&out, "python3 - " STATE " <<'EOF'\n"
				   "import sys, yaml\n"
				   "d = yaml.safe_load(open(sys.argv[1], encoding='utf-8'))\n"
				   "assert d['format'] == 'dvk-state/1', d['format']\n"
				   "assert all(isinstance(k, str) for k in d['items']), d['items'].keys()\n"
				   "a = d['items']['1.1']['activities'][0]\n"
				   "assert a['participants'] == '45' and a['date'] == '2023-03-14', a\n"
				   "assert d['items']['1.1']['note'] == 'Đã họp\\nngày 14/3', d['items']['1.1']['note']\n"
				   "assert d['items']['4.3']['status'] == 'not-applicable'\n"
				   "for e in d['log']:\n"
				   "    assert isinstance(e['id'], str) and isinstance(e['item'], str) and isinstance(e['value'], str), e\n"
				   "print('ok', len(d['log']))\n"
				   "EOF", data), 0, "%s", out);
	cr_assert_str_eq(out, "ok 6\n");
	free(out);
}

/* Two data folders that both changed 1.2, one also 2.1. */
static void two_copies(void)
{
	fresh();
	cr_assert_eq(sim_run(NULL, "mkdir -p %s/a %s/b && "
				   "export DVK_UNIT=xa-quang-hoa; "
				   "$DVK --data %s/a --user Minh set 1.2 status=in-progress >/dev/null && "
				   "$DVK --data %s/b --user Hạnh set 1.2 status=done >/dev/null && "
				   "$DVK --data %s/b --user Hạnh set 2.1 status=done note=x >/dev/null",
			     data, data, data, data, data), 0);
}

#define A "%s/a/thanh-hoa-dvk-2023/xa-quang-hoa.dvk.yaml"
#define B "%s/b/thanh-hoa-dvk-2023/xa-quang-hoa.dvk.yaml"

Test(cli, merge_is_symmetric_idempotent_and_keeps_conflicts, .init = two_copies, .fini = done)
{
	char *out;

	cr_assert_eq(sim_run(NULL, "$DVK merge " A " " B " -o %s/ab.yaml 2>/dev/null", data, data, data), 0);
	cr_assert_eq(sim_run(NULL, "$DVK merge " B " " A " > %s/ba.yaml 2>/dev/null", data, data, data), 0);
	cr_assert_eq(sim_run(NULL, "cmp %s/ab.yaml %s/ba.yaml", data, data), 0, "merge A B != merge B A");
	cr_assert_eq(sim_run(NULL, "$DVK merge %s/ab.yaml " A " > %s/m2.yaml 2>/dev/null", data, data, data), 0);
	cr_assert_eq(sim_run(NULL, "cmp %s/ab.yaml %s/m2.yaml", data, data), 0, "merge M A != M");
	cr_assert_eq(sim_run(&out, "$DVK merge " A " " B " 2>&1 >/dev/null", data, data), 0);
	cr_assert(strstr(out, "conflict: 1.2 status"), "%s", out);
	free(out);
	cr_assert_eq(sim_run(&out, "cat %s/ab.yaml", data), 0);
	cr_assert(strstr(out, "    status: CONFLICT\n"), "%s", out);
	cr_assert(strstr(out, "- value: in-progress\n") && strstr(out, "- value: done\n"), "%s", out);
	cr_assert(strstr(out, "by: Minh") && strstr(out, "by: Hạnh"), "%s", out);
	free(out);
}

Test(cli, merge_refuses_files_of_different_units, .init = fresh, .fini = done)
{
	cr_assert_eq(sim_run(NULL, "$DVK --data %s --unit xa-a --user x set 1.1 status=done >/dev/null && "
				   "$DVK --data %s --unit xa-b --user x set 1.1 status=done >/dev/null",
			     data, data), 0);
	cr_assert_eq(sim_run(NULL, "$DVK merge %s/thanh-hoa-dvk-2023/xa-a.dvk.yaml "
				   "%s/thanh-hoa-dvk-2023/xa-b.dvk.yaml >/dev/null 2>&1", data, data), 1);
}

Test(cli, two_processes_of_100_sets_keep_all_200_edits, .init = fresh, .fini = done)
{
	char *out;

	cr_assert_eq(sim_run(NULL, ENV "for p in 1 2; do ( for i in $(seq 1 100); do "
				   "$DVK set 1.$p note=\"p$p lần $i\" >/dev/null || exit 1; done ) & done; wait",
			     data), 0);
	cr_assert_eq(sim_run(&out, "grep -c '^- id: ' " STATE, data), 0);
	cr_assert_str_eq(out, "200\n");
	free(out);
}

Test(cli, check_names_file_line_and_column_of_each_problem, .init = fresh, .fini = done)
{
	static const struct {
		const char *name, *text, *want;
	} bad[] = {
		{ "tab.yaml", "format: dvk-state/1\n\tunit: x\n", "tab.yaml:2:1: " },
		{ "anchor.yaml", "format: &a dvk-state/1\n", "anchor.yaml:1:9: " },
		{ "alias.yaml", "format: dvk-state/1\nunit: *a\n", "alias.yaml:2:7: " },
		{ "tag.yaml", "format: !!str dvk-state/1\n", "tag.yaml:1:9: " },
		{ "dup.yaml", "format: dvk-state/1\nformat: dvk-state/1\n", "dup.yaml:2:1: " },
		{ "status.yaml", "format: dvk-state/1\ndirective: thanh-hoa-dvk-2023\nunit: x\nlog:\n"
		  "  - {id: XVFXC3DKJ7STFSCY, item: \"1.1\", field: status, value: xong, by: a, replica: b, "
		  "at: \"2023-03-15T10:21:07.000Z\"}\n", "status.yaml:5:" },
		{ "format.yaml", "format: dvk-state/2\n", "format.yaml:1:9: unsupported format" },
		{ "utf8.yaml", "format: dvk-state/1\nunit: \xC3\x28\n", "utf8.yaml:2:7: " },
		{ "git.yaml", "format: dvk-state/1\n<<<<<<< HEAD\n", "git.yaml:2:1: " },
	};
	char *out;

	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		char *path = xasprintf("%s/%s", data, bad[i].name);

		sim_write(path, bad[i].text, strlen(bad[i].text));
		cr_assert_eq(sim_run(&out, "cd %s && $DVK check %s 2>&1", data, bad[i].name), 1,
			     "%s accepted", bad[i].name);
		cr_assert(strstr(out, bad[i].want), "%s: got \"%s\"", bad[i].name, out);
		free(out);
		free(path);
	}
	/* nesting 10,000 deep and a 64 MiB file */
	cr_assert_eq(sim_run(&out, "cd %s && python3 -c \"print('a: ' + '[' * 10000)\" > deep.yaml && "
				   "$DVK check deep.yaml 2>&1", data), 1);
	cr_assert(strstr(out, "deep.yaml:1:"), "%s", out);
	free(out);
	cr_assert_eq(sim_run(&out, "cd %s && truncate -s 64M big.yaml && $DVK check big.yaml 2>&1", data), 1);
	cr_assert(strstr(out, "big.yaml") && strstr(out, "too large"), "%s", out);
	free(out);
}

Test(cli, set_on_a_broken_file_fails_and_leaves_it_byte_identical, .init = fresh, .fini = done)
{
	cr_assert_eq(sim_run(NULL, ENV "$DVK set 1.1 status=done >/dev/null && "
				   "printf 'log: [\\n' >> " STATE " && cp " STATE " %s/before", data, data, data, data), 0);
	cr_assert_eq(sim_run(NULL, ENV "$DVK set 1.2 status=done 2>/dev/null", data), 1);
	cr_assert_eq(sim_run(NULL, "cmp " STATE " %s/before", data, data), 0, "the broken file was changed");
}

Test(cli, one_set_on_a_file_of_200_events_changes_few_lines, .init = fresh, .fini = done)
{
	char *out;
	int added = 0, deleted = 0;

	cr_assert_eq(sim_run(NULL, ENV "for i in $(seq 1 50); do for it in 1.1 2.1 3.1 4.1; do "
				   "$DVK set $it note=\"n$i\" >/dev/null || exit 1; done; done", data), 0);
	cr_assert_eq(sim_run(&out, ENV "cd %s && git init -q . && git add -A && "
				   "git -c user.name=t -c user.email=t@t commit -qm base && "
				   "$DVK set 1.2 status=done >/dev/null && git diff --numstat", data, data), 0);
	cr_assert_eq(sscanf(out, "%d %d", &added, &deleted), 2, "%s", out);
	cr_assert_leq(added + deleted, 15, "one edit changed %d lines", added + deleted);
	free(out);
}

Test(cli, escape_sequences_in_a_note_are_kept_but_never_printed_raw, .init = fresh, .fini = done)
{
	char *out;

	/* dvk set refuses control characters; a file written by hand (or
	 * by an older dvk) can still hold them */
	cr_assert_eq(sim_run(NULL, ENV "$DVK set 1.1 note=placeholder >/dev/null && "
				   "sed -i 's/placeholder/\"x\\\\e[2Jy\\\\e]0;x\\\\az\"/g' " STATE,
			     data, data), 0);
	cr_assert_eq(sim_run(&out, "python3 -c \"import yaml,sys; d=yaml.safe_load(open(sys.argv[1])); "
				   "sys.stdout.write(repr(d['items']['1.1']['note']))\" " STATE, data), 0);
	cr_assert_str_eq(out, "'x\\x1b[2Jy\\x1b]0;x\\x07z'");
	free(out);
	cr_assert_eq(sim_run(&out, ENV "{ $DVK status; $DVK log; $DVK log 1.1; } 2>&1", data), 0);
	cr_assert_null(strchr(out, '\033'), "raw ESC printed");
	cr_assert_null(strchr(out, '\007'), "raw BEL printed");
	cr_assert(strstr(out, "^[[2J"), "%s", out);
	free(out);
}

Test(cli, log_shows_who_changed_what_oldest_first, .init = fresh, .fini = done)
{
	char *out, *first, *second;

	cr_assert_eq(sim_run(&out, ENV "$DVK set 1.1 status=in-progress >/dev/null && "
				   "$DVK set 1.1 status=done >/dev/null && $DVK log 1.1", data), 0);
	first = strstr(out, "status: in-progress");
	second = strstr(out, "status: in-progress → done");
	cr_assert(first && second && first < second, "%s", out);
	cr_assert(strstr(out, "Lê Thị Hạnh"), "%s", out);
	free(out);
}

Test(cli, every_verb_has_help_and_bad_usage_exits_2)
{
	static const char *const verbs[] = { "check", "status", "set", "log", "merge" };
	char *out;

	for (size_t i = 0; i < ARRAY_LEN(verbs); i++) {
		cr_assert_eq(sim_run(&out, "$DVK %s --help", verbs[i]), 0);
		cr_assert(strstr(out, "usage: dvk "), "%s", out);
		free(out);
	}
	cr_assert_eq(sim_run(NULL, "$DVK frobnicate 2>/dev/null"), 2);
	cr_assert_eq(sim_run(NULL, "$DVK --data 2>/dev/null"), 2);
	cr_assert_eq(sim_run(&out, "$DVK --version"), 0);
	cr_assert(strncmp(out, "dvk ", 4) == 0);
	free(out);
}

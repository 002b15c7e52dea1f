/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
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
	/* 1/38 is 2.6 %, rounded half up like every report */
	cr_assert(strstr(out, "\nall,,1,0,0,38,3\n"), "%s", out);
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
				   "assert d['format'] == 'dvk-state/2', d['format']\n"
				   "assert d['events'] == len(d['log']) and list(d)[-1] == 'events', d['events']\n"
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

/* #10 item 2: an existing OUT is saved into like a unit's file. */
Test(cli, merge_into_an_existing_output_joins_it_and_keeps_a_backup, .init = two_copies, .fini = done)
{
	char *out;

	/* OUT already holds an edit of its own (3.1), which must stay */
	cr_assert_eq(sim_run(NULL, "cd %s && $DVK --data c --unit xa-quang-hoa --user Lan set 3.1 status=done "
				   ">/dev/null && cp c/thanh-hoa-dvk-2023/xa-quang-hoa.dvk.yaml out.yaml", data), 0);
	cr_assert_eq(sim_run(&out, "cd %s && $DVK merge " A " --output out.yaml 2>&1 && $DVK merge " B
				   " -o out.yaml 2>&1 && $DVK check out.yaml && ls .dvk-backups | wc -l",
			     data, data, data), 0, "%s", out);
	/* one backup: the second merge comes within BACKUP_EVERY_MS of the first */
	cr_assert(strstr(out, "out.yaml: ok (unit xa-quang-hoa, 5 events, 1 conflict)\n1\n"), "%s", out);
	free(out);
	cr_assert_eq(sim_run(&out, "cd %s && grep -c 'by: Lan' out.yaml .dvk-backups/*", data), 0);
	cr_assert(strstr(out, "out.yaml:1\n"), "%s", out);
	free(out);
}

/* ...and an OUT that is not this unit's state file is never touched. */
Test(cli, merge_refuses_an_output_that_is_not_this_units_file, .init = two_copies, .fini = done)
{
	static const struct {
		const char *name, *make, *say;
	} outs[] = {
		{ "notes.txt", "printf 'keep me\\n' > notes.txt", "not a dvk state file" },
		{ "broken.yaml", "printf 'format: dvk-state/2\\nlog: [\\n' > broken.yaml", "broken.yaml:" },
		{ "cut.yaml", "head -c 300 \"$A\" > cut.yaml", "incomplete file" },
		{ "other.yaml", "$DVK --data o --unit xa-khac --user X set 1.1 status=done >/dev/null && "
		  "cp o/thanh-hoa-dvk-2023/xa-khac.dvk.yaml other.yaml", "for unit \"xa-khac\"" },
		{ "dir.yaml", "printf 'format: dvk-state/1\\ndirective: ha-noi-2024\\nunit: xa-quang-hoa\\n' > dir.yaml",
		  "ha-noi-2024" },
	};

	for (size_t i = 0; i < ARRAY_LEN(outs); i++) {
		char *out;

		cr_assert_eq(sim_run(&out, "cd %s && A=" A " && %s && cp %s before && $DVK merge \"$A\" " B
					   " -o %s 2>&1; echo rc=$?; cmp before %s && echo same; "
					   "ls -a | grep '\\.tmp-' | wc -l",
				     data, data, outs[i].make, outs[i].name, data, outs[i].name, outs[i].name), 0);
		cr_assert(strstr(out, outs[i].say), "%s: %s", outs[i].name, out);
		cr_assert(strstr(out, "rc=1\nsame\n0\n"), "%s: %s", outs[i].name, out);
		free(out);
	}
}

/* Python that writes big state files by hand: f(name, seed, n, size)
 * makes NAME.dvk.yaml with n notes of size bytes each, in chains of
 * edits on items 1.1-1.4 (so the summary holds four of them). */
#define BIG_FILES "python3 - <<'EOF'\n" \
	"import random\n" \
	"def f(name, seed, n, size):\n" \
	"    r = random.Random(seed); a = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; last = {}\n" \
	"    out = ['format: dvk-state/2\\ndirective: thanh-hoa-dvk-2023\\nunit: xa-quang-hoa\\nlog:\\n']\n" \
	"    for i in range(n):\n" \
	"        eid = 'K' + ''.join(r.choice(a) for _ in range(15)); it = '1.%%d' %% (i %% 4 + 1)\n" \
	"        pred = '  pred: [%%s]\\n' %% last[it] if it in last else ''\n" \
	"        out.append('- id: %%s\\n  item: \"%%s\"\\n  field: note\\n  value: %%s\\n%%s  gen: %%d\\n'\n" \
	"                   '  by: T\\n  replica: r\\n  at: \"2023-03-15T10:21:07.000Z\"\\n  tick: %%d\\n'\n" \
	"                   %% (eid, it, name[0] * size, pred, i // 4 + 1, i))\n" \
	"        last[it] = eid\n" \
	"    out.append('events: %%d\\n' %% n)\n" \
	"    open(name + '.dvk.yaml', 'w').write(''.join(out))\n"

/* #10 item 4, the other writers: fold, export, the git merge driver and
 * restore also refuse a join over the limit, name it, and change nothing. */
Test(cli, fold_export_restore_and_the_merge_driver_obey_the_readers_limits_too, .init = fresh, .fini = done,
     .timeout = 180)
{
	char *out;

	cr_assert_eq(sim_run(&out, ENV "cd %s && " BIG_FILES "f('a', 1, 14, 1000000); f('b', 2, 14, 1000000)\n"
				   "EOF\n"
				   "D=thanh-hoa-dvk-2023; mkdir -p $D stick && cp a.dvk.yaml " STATE " && cp a.dvk.yaml a.before && "
				   "cp b.dvk.yaml $D/xa-quang-hoa.dvk.sync-conflict-20240101-101010-ABCDEFG.yaml && "
				   "r=0; $DVK fold 2>&1 || r=$?; echo fold=$r; ls $D | grep -c sync-conflict; "
				   "cmp a.before " STATE " && echo same; rm $D/*sync-conflict*; "
				   "cp b.dvk.yaml stick/xa-quang-hoa.dvk.yaml; cp b.dvk.yaml b.before; "
				   "r=0; $DVK export stick 2>&1 || r=$?; echo export=$r; "
				   "cmp b.before stick/xa-quang-hoa.dvk.yaml && echo same; "
				   "cp a.dvk.yaml ours.yaml; r=0; $DVK merge-driver a.dvk.yaml ours.yaml b.dvk.yaml x.dvk.yaml 2>&1 "
				   "|| r=$?; echo driver=$r; cmp a.before ours.yaml && echo same; "
				   /* restore: a backup of b's events merged into a file of a's */
				   "cp b.dvk.yaml " STATE " && $DVK set 1.1 status=done >/dev/null && "
				   "cp a.dvk.yaml " STATE " && r=0; $DVK restore 1 2>&1 || r=$?; echo restore=$r; "
				   "cmp a.before " STATE " && echo same",
			     data, data, data, data, data, data, data), 0, "%s", out);
	cr_assert(strstr(out, "fold=1\n1\nsame\n"), "%s", out);
	cr_assert(strstr(out, "export=1\nsame\n"), "%s", out);
	cr_assert(strstr(out, "driver=1\nsame\n"), "%s", out);
	cr_assert(strstr(out, "restore=1\nsame\n"), "%s", out);
	const char *p = out;
	int named = 0;
	while ((p = strstr(p, "the limit is 32 MiB")))
		named++, p++;
	cr_assert_geq(named, 4, "not every refusal names the limit:\n%s", out);
	free(out);
}

/* #10 item 4: writers obey the readers' limits. */
Test(cli, no_writer_writes_a_file_over_the_readers_limits, .init = fresh, .fini = done, .timeout = 180)
{
	char *out;

	/* Two files of 18 MB each (notes of a million bytes, the kind of
	 * file a unit could reach by hand) read; their join would be over
	 * 32 MiB, so merge (to stdout or -o) and receive refuse with the
	 * limit named, and nothing changes. */
	cr_assert_eq(sim_run(&out, "cd %s && " BIG_FILES "f('a', 1, 14, 1000000); f('b', 2, 14, 1000000)\n"
				   "EOF\n"
				   "$DVK check a.dvk.yaml b.dvk.yaml && cp a.dvk.yaml a.before && "
				   "$DVK merge a.dvk.yaml b.dvk.yaml > m.yaml 2>m.err; echo rc=$?; cat m.err; wc -c < m.yaml; "
				   "$DVK merge b.dvk.yaml -o a.dvk.yaml 2>&1; echo rc=$?; cmp a.before a.dvk.yaml && echo same; "
				   "mkdir -p d/thanh-hoa-dvk-2023 && cp a.dvk.yaml d/thanh-hoa-dvk-2023/xa-quang-hoa.dvk.yaml && "
				   "$DVK --data d receive b.dvk.yaml 2>&1; echo rc=$?; "
				   "cmp a.before d/thanh-hoa-dvk-2023/xa-quang-hoa.dvk.yaml && echo same", data), 0);
	cr_assert(strstr(out, "a.dvk.yaml: ok (unit xa-quang-hoa, 14 events"), "%s", out);
	cr_assert(strstr(out, "rc=1\n-: file would be ") && strstr(out, "0\na.dvk.yaml: file would be "),
		  "%s", out);
	cr_assert(strstr(out, " MB; the limit is 32 MiB (see README.md, \"Limits\"); nothing was written\n"),
		  "%s", out);
	cr_assert(!strstr(out, "rc=0") && strstr(out, "was left as it was\nrc=1\nsame\n") &&
		  strstr(out, "nothing was written\nrc=1\nsame\n"), "%s", out);
	free(out);
	/* A unit near the limit: `dvk set` goes on until the next save would
	 * pass it, then refuses that one, and the file still reads. */
	cr_assert_eq(sim_run(&out, ENV "cd %s && " BIG_FILES "f('c', 3, 28, 1030000)\n"
				   "EOF\n"
				   "mkdir -p thanh-hoa-dvk-2023 && mv c.dvk.yaml " STATE " && "
				   "python3 -c 'import sys; sys.stdout.write(\"x\" * 120000)' > note && i=0; "
				   "while [ $i -lt 40 ] && $DVK set $((i %% 7 + 3)).1 note=\"$(cat note)$i\" >/dev/null; "
				   "do i=$((i + 1)); done; echo sets=$i; cp " STATE " before; "
				   "$DVK set 2.1 note=\"$(cat note)\" 2>&1; echo rc=$?; cmp before " STATE " && echo same; "
				   "$DVK check " STATE " | sed 's/.*: ok/ok/'",
			     data, data, data, data, data, data), 0);
	cr_assert(strstr(out, "file would be ") && strstr(out, "the limit is 32 MiB"), "%s", out);
	cr_assert(strstr(out, "rc=1\nsame\nok (unit xa-quang-hoa"), "%s", out);
	cr_assert(!strstr(out, "sets=0\n") && !strstr(out, "sets=40\n"), "%s", out);
	free(out);
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
		{ "format.yaml", "format: dvk-state/9\n", "format.yaml:1:9: unsupported format" },
		{ "cut.yaml", "format: dvk-state/2\ndirective: thanh-hoa-dvk-2023\nunit: xa-sync\nitems:\n",
		  "cut.yaml:4: incomplete file" },
		{ "cutval.yaml", "format: dvk-state/2\ndirective: thanh-hoa-dvk-2023\nunit: xa-sync\nlog:\n"
		  "- id: XVFXC3DKJ7STFSCY\n  item: \"1.1\"\n  field: note\n  value: \"Đã h", "cutval.yaml:8: incomplete file" },
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

/* Times are the laptop's own, as the screen shows them: an edit made at
 * 22:33 in Hanoi (15:33 UTC) reads 22:33 in `dvk log` (and `dvk diff`,
 * which prints its lines the same way). */
Test(cli, log_and_diff_show_local_time, .init = fresh, .fini = done)
{
	char *out;

	cr_assert_eq(sim_run(&out, "cd \"$DVK_SRC\" && TZ=ICT-7 $DVK log tests/fixtures/store/golden-v1.dvk.yaml"), 0);
	cr_assert(strstr(out, "2026-12-02 22:33  "), "%s", out);
	cr_assert_null(strstr(out, "15:33"), "%s", out);
	free(out);
	cr_assert_eq(sim_run(&out, "cd \"$DVK_SRC\" && TZ=UTC $DVK log tests/fixtures/store/golden-v1.dvk.yaml"), 0);
	cr_assert(strstr(out, "2026-12-02 15:33  "), "%s", out);
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

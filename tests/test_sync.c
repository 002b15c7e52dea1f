/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_sync.c: every way a file travels: git (the merge driver, a third
 * clone settling a conflict, repairing a text merge), conflict copies of
 * Syncthing, Dropbox and Nextcloud, USB stick and email, backups, and
 * four laptops with wrong clocks exchanging files in random orders.
 *
 * The transports are driven as a person would drive them: real git and
 * the real build/dvk in a shell, each test in its own folder.  The
 * property test calls the store directly, to run 1,000 seeds quickly.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/base.h"
#include "store/store.h"
#include "tests/helpers/sim.h"

#define DIRECTIVE "thanh-hoa-dvk-2023"
#define UNIT "xa-quang-hoa"
#define REL DIRECTIVE "/" UNIT ".dvk.yaml"
#define DAY (24LL * 3600 * 1000)
#define T0 1678406400000LL /* 2023-03-10T00:00:00Z */

static char *tmp;

static void fresh(void)
{
	tmp = sim_tmpdir();
}

static void done(void)
{
	free(tmp);
}

/* Every shell snippet starts from this: no global git config (HOME is
 * sealed), so name the committer here. */
#define SH "set -e; cd '%s'; trunc() { head -c $(( $(grep -b 'at: \"' \"$1\" | tail -n 1 | cut -d: -f1) + 10 )) \"$1\"; }; " \
	"export DVK_UNIT=" UNIT " GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org " \
	"GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org; "

/* ------------------------------------------------------------------ */
/* git                                                                 */
/* ------------------------------------------------------------------ */

Test(git, setup_writes_attributes_ignores_and_an_absolute_driver, .init = fresh, .fini = done)
{
	char *out;

	cr_assert_eq(sim_run(&out, SH "$DVK git-setup repo >/dev/null 2>&1 && "
				  "cat repo/.gitattributes repo/.gitignore && git -C repo config merge.dvk.driver", tmp), 0);
	cr_assert(strstr(out, "*.dvk.yaml merge=dvk text eol=lf\n"), "%s", out);
	cr_assert(strstr(out, "\n.*.lock\n") && strstr(out, "\n.*.tmp-*\n") && strstr(out, "\n.*.old-*\n") &&
		  strstr(out, "\n.dvk-backups\n"), "%s", out);
	cr_assert(strstr(out, "'/") && strstr(out, "dvk' merge-driver %O %A %B %P\n"), "%s", out);
	free(out);
	/* twice changes nothing; other lines of the files are kept */
	cr_assert_eq(sim_run(NULL, SH "echo 'notes.txt' >> repo/.gitignore; cp repo/.gitignore g1; "
				   "cp repo/.gitattributes a1; $DVK git-setup repo >/dev/null 2>&1; "
				   "cmp g1 repo/.gitignore && cmp a1 repo/.gitattributes", tmp), 0);
	cr_assert_eq(sim_run(&out, SH "$DVK sync-setup repo >/dev/null && cat repo/.stignore", tmp), 0);
	cr_assert(strstr(out, "(?d).*.tmp-*\n") && strstr(out, "(?d).*.lock\n") &&
		  strstr(out, "(?d).*.old-*\n") && strstr(out, "\n.dvk-backups\n"), "%s", out);
	free(out);
}

/* The acceptance test: two clones change 1.2 differently and one
 * also 2.1; git pull joins them; a third clone settles 1.2 and pulling
 * everywhere clears the conflict everywhere. */
Test(git, pull_with_the_driver_joins_and_a_third_clone_settles, .init = fresh, .fini = done)
{
	char *out;
	int rc;

	rc = sim_run(&out, SH
		"exec 2>&1; "
		"git init -q --bare origin.git; "
		"git init -q a; $DVK git-setup a >/dev/null; "
		"$DVK --data a --user 'Lê Thị Hạnh' set 1.1 status=done >/dev/null; "
		"(cd a && git add -A && git commit -qm start && git branch -M main && "
		" git remote add origin ../origin.git && git push -q -u origin main); "
		"git -C origin.git symbolic-ref HEAD refs/heads/main; "
		"git clone -q origin.git b; git clone -q origin.git c; "
		"$DVK git-setup b >/dev/null; $DVK git-setup c >/dev/null; "
		/* Minh (a) and Hạnh (b) edit offline */
		"$DVK --data a --user 'Trần Văn Minh' set 1.2 status=in-progress >/dev/null; "
		"(cd a && git commit -qam minh && git push -q); "
		"$DVK --data b --user 'Lê Thị Hạnh' set 1.2 status=done >/dev/null; "
		"$DVK --data b --user 'Lê Thị Hạnh' set 2.1 status=done note='Đã họp' >/dev/null; "
		"(cd b && git commit -qam hanh && git pull -q --no-rebase --no-edit); "
		"! grep -n '^<<<<<<<\\|^=======\\|^>>>>>>>' b/" REL "; "
		"$DVK check b/" REL "; "
		"test -z \"$(git -C b status --porcelain)\"; "
		"(cd b && git push -q); (cd a && git pull -q --no-rebase); "
		"cmp a/" REL " b/" REL "; "
		"$DVK --data a status --format csv | grep '^2,'; "
		"echo ---; cat a/" REL, tmp);
	cr_assert_eq(rc, 0, "%s", out);
	cr_assert(strstr(out, " ok (unit xa-quang-hoa, 5 events, 1 conflict)"), "%s", out);
	{
		const char *item = strstr(out, "  \"1.2\":\n"), *next = item ? strstr(item, "  \"2.1\":\n") : NULL;

		cr_assert(item && next, "%s", out);
		cr_assert(memmem(item, (size_t)(next - item), "    status: CONFLICT\n", 21), "%s", out);
		cr_assert(memmem(item, (size_t)(next - item), "- value: in-progress\n", 21) &&
			  memmem(item, (size_t)(next - item), "- value: done\n", 14), "%s", out);
		cr_assert(strstr(next, "    status: done\n    note: Đã họp\n"), "%s", out);
	}
	free(out);
	/* Lan settles it on a third clone; everyone pulls. */
	rc = sim_run(&out, SH
		"exec 2>&1; "
		"(cd c && git pull -q --no-rebase); "
		"$DVK --data c --user 'Nguyễn Thị Lan' set 1.2 status=done >/dev/null; "
		"(cd c && git commit -qam settle && git push -q); "
		"(cd a && git pull -q --no-rebase); (cd b && git pull -q --no-rebase); "
		"cmp a/" REL " c/" REL "; cmp b/" REL " c/" REL "; "
		"! grep -n CONFLICT a/" REL "; "
		"$DVK check a/" REL, tmp);
	cr_assert_eq(rc, 0, "%s", out);
	cr_assert(strstr(out, "6 events, 0 conflicts"), "%s", out);
	free(out);
}

Test(git, resolve_repairs_a_file_git_merged_as_text, .init = fresh, .fini = done)
{
	char *out;
	int rc;

	rc = sim_run(&out, SH
		"exec 2>&1; git init -q r; cd r; "
		"$DVK --data . --user Hạnh set 1.1 status=done >/dev/null; "
		"git add -A; git commit -qm start; git branch -q minh; "
		"$DVK --data . --user Hạnh set 1.2 status=done >/dev/null; git commit -qam hanh; "
		"git checkout -q minh; "
		/* Minh works on the same clone from a laptop of his own */
		"(export DVK_DATA=. XDG_STATE_HOME=$PWD/../minh.laptop; "
		" $DVK --user Minh set 1.2 status=in-progress >/dev/null; "
		" $DVK --user Minh set 3.1 note=x >/dev/null); git commit -qam minh; "
		"git checkout -q -; "
		"if git merge -q minh >/dev/null; then echo 'merged without conflict?'; exit 1; fi; "
		"grep -q '^<<<<<<<' " REL "; "
		"if $DVK check " REL " > check.txt 2>&1; then exit 1; fi; cat check.txt; "
		"$DVK git-resolve " REL "; "
		"$DVK check " REL "; "
		"test -z \"$(git diff --name-only --diff-filter=U)\"; "
		"git commit -q --no-edit; "
		"grep -c 'status: CONFLICT' " REL, tmp);
	cr_assert_eq(rc, 0, "%s", out);
	cr_assert(strstr(out, "run `dvk git-resolve FILE`"), "%s", out);
	cr_assert(strstr(out, "repaired (4 entries) and staged; 1 conflicting value kept"), "%s", out);
	cr_assert(strstr(out, "ok (unit xa-quang-hoa, 4 events, 1 conflict)\n1\n"), "%s", out);
	free(out);
	/* From a sub-folder too, with a relative path. */
	cr_assert_eq(sim_run(&out, SH "cd r/" DIRECTIVE "; $DVK git-resolve " UNIT ".dvk.yaml 2>&1", tmp), 1);
	cr_assert(strstr(out, "no conflicting versions"), "%s", out);
	free(out);
}

Test(git, the_driver_refuses_a_side_that_does_not_parse_and_leaves_ours, .init = fresh, .fini = done)
{
	char *out;

	cr_assert_eq(sim_run(NULL, SH "$DVK --data a --user Minh set 1.2 status=done >/dev/null; "
				   "$DVK --data b --user Hạnh set 1.3 status=done >/dev/null; "
				   "cp a/" REL " ours; cp ours ours.orig; cp b/" REL " theirs; "
				   ": > base; trunc theirs > broken; "
				   "printf 'format: dvk-state/1\\ndirective: " DIRECTIVE "\\nunit: xa-khac\\n' > other", tmp), 0);
	/* theirs truncated */
	cr_assert_eq(sim_run(&out, SH "$DVK merge-driver base ours broken " REL " 2>&1", tmp), 1);
	cr_assert(strstr(out, REL " (theirs):"), "%s", out);
	free(out);
	cr_assert_eq(sim_run(NULL, SH "cmp ours ours.orig", tmp), 0, "%%A changed");
	/* ours broken: the message names ours */
	cr_assert_eq(sim_run(&out, SH "cp broken b2; $DVK merge-driver base b2 theirs " REL " 2>&1 || echo rc=$?; "
				   "cmp b2 broken", tmp), 0);
	cr_assert(strstr(out, REL " (ours):") && strstr(out, "rc=1\n"), "%s", out);
	free(out);
	/* another unit */
	cr_assert_eq(sim_run(&out, SH "$DVK merge-driver base ours other " REL " 2>&1", tmp), 1);
	cr_assert(strstr(out, "unit"), "%s", out);
	free(out);
	cr_assert_eq(sim_run(NULL, SH "cmp ours ours.orig", tmp), 0, "%%A changed");
	/* and a good pair merges with exit 0 */
	cr_assert_eq(sim_run(&out, SH "$DVK merge-driver base ours theirs " REL " 2>&1 && $DVK check ours", tmp), 0,
		     "%s", out);
	cr_assert(strstr(out, "2 events"), "%s", out);
	free(out);
}

/* ------------------------------------------------------------------ */
/* Conflict copies                                                     */
/* ------------------------------------------------------------------ */

Test(fold, names_of_conflict_copies)
{
	static const struct {
		const char *name;
		bool copy;
		const char *unit;
	} t[] = {
		{ "xa-quang-hoa.dvk.sync-conflict-20231114-101010-ABCDEFG.yaml", true, "xa-quang-hoa" },
		{ "xa-quang-hoa.dvk.sync-conflict-20231114-101010.yaml", true, "xa-quang-hoa" },
		{ "xa.b.dvk.sync-conflict-20231114-101010-Q7Z4K2M.yaml", true, "xa.b" },
		{ "xa-quang-hoa (Minh's conflicted copy 2023-11-14).dvk.yaml", true, "xa-quang-hoa" },
		{ "xa-quang-hoa.dvk (conflicted copy 2023-11-14 101010).yaml", true, "xa-quang-hoa" },
		{ "Xa Quang Hoa (Conflicted Copy).yaml", true, "" },
		{ "xa-quang-hoa.dvk.yaml", false, "" },
		{ "xa-quang-hoa (1).yaml", false, "" },
		{ "x.sync-conflict-2023111-101010.yaml", false, "" },
		{ "x.sync-conflict-20231114-101010-abcdefg.yaml", false, "" },
		{ "x.sync-conflict-20231114-101010-ABCDEFG.dvk.yaml", false, "" },
		{ "x.sync-conflict-20231114-101010-ABCDEFGH.yaml", false, "" },
	};

	for (size_t i = 0; i < ARRAY_LEN(t); i++) {
		size_t ulen = 99;

		cr_expect_eq(store_conflict_name(t[i].name, &ulen), t[i].copy, "%s", t[i].name);
		if (t[i].copy)
			cr_expect(ulen == strlen(t[i].unit) && strncmp(t[i].name, t[i].unit, ulen) == 0,
				  "%s: unit length %zu", t[i].name, ulen);
	}
}

#define FOLDER DIRECTIVE "/"

/* A folder holding a state file, two Syncthing copies (one truncated), a
 * Dropbox copy, a renamed email attachment, and another unit's file.  The
 * copies wait in hold/ until the end: `dvk set` folds the copies it finds. */
static void copies(void)
{
	fresh();
	cr_assert_eq(sim_run(NULL, SH
		"exec >/dev/null; mkdir d hold; export DVK_DATA=$PWD/d; F=d/" REL "; "
		/* each edit on a laptop of its own (journal, replica): the
		 * copies come from different laptops */
		"on() { (export XDG_STATE_HOME=$PWD/laptop-$1; shift; $DVK \"$@\"); }; "
		"on 1 --user Minh set 1.1 status=done; cp $F base; "
		/* each copy: the base plus an edit of its own */
		"on 2 --user Minh set 1.2 status=done; "
		"mv $F hold/" UNIT ".dvk.sync-conflict-20231114-101010-ABCDEFG.yaml; cp base $F; "
		"on 3 --user Lan set 1.3 status=in-progress; "
		"mv $F 'hold/" UNIT " (Lan'\\''s conflicted copy 2023-11-14).dvk.yaml'; cp base $F; "
		"on 4 --user Hà set 1.4 note='gửi qua email'; "
		"mv $F 'hold/" UNIT " (1).yaml'; cp base $F; "
		"on 5 --user Tú set 2.1 status=done; "
		"trunc $F > hold/" UNIT ".dvk.sync-conflict-20231115-090000-ZZZZZZZ.yaml; cp base $F; "
		/* the main file moved on meanwhile */
		"on 1 --user Minh set 3.1 status=done; "
		"on 6 --unit xa-khac --user Khác set 1.1 status=done; cp d/" FOLDER "xa-khac.dvk.yaml khac; "
		"mv hold/* d/" FOLDER "; "
		"echo 'not: dvk' > d/" FOLDER "notes.yaml", tmp), 0);
}

Test(fold, folds_good_copies_and_keeps_the_truncated_one, .init = copies, .fini = done)
{
	char *out;

	cr_assert_eq(sim_run(&out, SH "cd d; $DVK --data . fold 2>&1", tmp), 1, "kept a copy: exit 1");
	cr_assert(strstr(out, ".dvk.sync-conflict-20231115-090000-ZZZZZZZ.yaml:"), "%s", out);
	cr_assert(strstr(out, "unreadable conflict copy, kept"), "%s", out);
	cr_assert(strstr(out, "1 new entry; the copy is deleted"), "%s", out);
	free(out);
	cr_assert_eq(sim_run(&out, SH "ls d/" DIRECTIVE, tmp), 0);
	/* directive.yaml: the directive travels with the units' files */
	cr_assert_str_eq(out, "directive.yaml\nnotes.yaml\nxa-khac.dvk.yaml\n"
			      "xa-quang-hoa.dvk.sync-conflict-20231115-090000-ZZZZZZZ.yaml\nxa-quang-hoa.dvk.yaml\n");
	free(out);
	cr_assert_eq(sim_run(&out, SH "$DVK check d/" REL " && $DVK --data d log", tmp), 0);
	cr_assert(strstr(out, "5 events, 0 conflicts"), "%s", out); /* 1.1 1.2 1.3 1.4 3.1 */
	cr_assert(strstr(out, "gửi qua email"), "%s", out);
	free(out);
	cr_assert_eq(sim_run(NULL, SH "cmp khac d/" FOLDER "xa-khac.dvk.yaml", tmp), 0, "the other unit changed");
	/* folding again: nothing to do but the unreadable copy */
	cr_assert_eq(sim_run(&out, SH "$DVK --data d fold 2>&1 | grep -c kept", tmp), 0);
	cr_assert_str_eq(out, "1\n");
	free(out);
}

Test(fold, the_api_folds_one_unit_and_reports_the_line, .init = copies, .fini = done)
{
	char *data = xasprintf("%s/d", tmp);
	char *khac_copy = xasprintf("%s/" FOLDER "xa-khac.dvk.sync-conflict-20231114-101010.yaml", data);
	char *khac = xasprintf("%s/" FOLDER "xa-khac.dvk.yaml", data);
	struct fold_report rep;
	struct dvk_error err;
	size_t len, kept = 0, folded = 0;
	char *bytes = sim_read(khac, &len);

	sim_write(khac_copy, bytes, len);
	cr_assert(store_fold_copies(data, sim_directive(), UNIT, &rep, &err), "%s", err.message);
	for (size_t i = 0; i < rep.n; i++) {
		const struct fold_item *it = &rep.items[i];

		cr_assert_str_eq(it->unit, UNIT);
		if (it->folded) {
			folded++;
			cr_assert_eq(it->added, 1, "%s", it->path);
			cr_assert(!store_exists(it->path));
		} else {
			kept++;
			cr_assert_null(it->main);
			cr_assert_gt(it->err.line, 1, "no line for the TUI's \"dòng N\": %s", it->err.message);
			cr_assert(strstr(it->path, "ZZZZZZZ"), "%s", it->path);
		}
	}
	cr_assert_eq(folded, 3);
	cr_assert_eq(kept, 1);
	fold_report_free(&rep);
	cr_assert(store_exists(khac_copy), "another unit's copy was folded with unit = " UNIT);
	cr_assert(store_fold_copies(data, sim_directive(), "xa-khac", &rep, &err), "%s", err.message);
	cr_assert_eq(rep.n, 1);
	cr_assert(rep.items[0].folded && rep.items[0].added == 0);
	cr_assert(!store_exists(khac_copy));
	fold_report_free(&rep);
	/* a main file that does not parse is no conflict copy: loading it
	 * reports it, folding leaves it alone */
	{
		char *broken = xasprintf("%s/" FOLDER "xa-hong.dvk.yaml", data);
		const char *text = "format: dvk-state/1\ndirective: " DIRECTIVE "\nunit: xa-hong\nlog: [\n";

		sim_write(broken, text, strlen(text));
		cr_assert(store_fold_copies(data, sim_directive(), NULL, &rep, &err), "%s", err.message);
		cr_assert_eq(rep.n, 1);
		cr_assert(strstr(rep.items[0].path, "ZZZZZZZ"), "%s", rep.items[0].path);
		fold_report_free(&rep);
		cr_assert(store_exists(broken));
		free(broken);
	}
	/* no folder at all is no error */
	cr_assert(store_fold_copies("/nonexistent/dvk", sim_directive(), NULL, &rep, &err));
	cr_assert_eq(rep.n, 0);
	free(bytes); free(khac); free(khac_copy); free(data);
}

/* #10 item 3: a file cut between log entries, cut inside `items:`, or with
 * no `log:` at all is "incomplete" for every reader (check, receive, fold,
 * report), with FILE:LINE, and nothing is changed; an old /1 file without
 * the end marker is still read, with a warning from `dvk check`. */
Test(truncation, every_reader_says_incomplete_with_the_line_and_changes_nothing, .init = fresh, .fini = done)
{
	char *out;
	int rc;

	rc = sim_run(&out, SH "exec 2>&1; export DVK_DATA=$PWD/d DVK_USER=Minh; F=d/" REL "; "
		"$DVK set 1.1 status=done >/dev/null; $DVK set 1.2 note='Đã họp' >/dev/null; "
		"$DVK set 2.1 status=in-progress >/dev/null; cp $F full; cp $F before; "
		"n=$(grep -n '^- id: ' full | sed -n 2p | cut -d: -f1); head -n $((n - 1)) full > cutlog.yaml; "
		"n=$(grep -n '^items:' full | cut -d: -f1); head -n $((n + 3)) full > cutitems.yaml; "
		"sed '/^log:/,$d' full > nolog.yaml; "
		"for c in cutlog cutitems nolog; do "
		"  r=0; $DVK check $c.yaml || r=$?; echo \"check $c: $r\"; "
		"  r=0; $DVK receive $c.yaml || r=$?; echo \"receive $c: $r\"; "
		"  cp $c.yaml d/" DIRECTIVE "/" UNIT ".dvk.sync-conflict-20240101-101010-ABCDEFG.yaml; "
		"  r=0; $DVK fold || r=$?; echo \"fold $c: $r\"; "
		"  ls d/" DIRECTIVE " | grep -c sync-conflict; "
		"  mkdir rep-$c; cp $c.yaml rep-$c/" UNIT ".dvk.yaml; "
		"  r=0; $DVK report rep-$c > /dev/null || r=$?; echo \"report $c: $r\"; "
		"  rm d/" DIRECTIVE "/*sync-conflict*; "
		"  cmp -s before $F && echo \"$c: file unchanged\"; "
		"done; "
		/* an old /1 file: no end marker, still read, a warning */
		"sed -e 's|^format: dvk-state/2$|format: dvk-state/1|' -e '/^events: /d' full > old.yaml; "
		"r=0; $DVK check old.yaml || r=$?; echo \"check old: $r\"; "
		"$DVK status --format csv old.yaml | grep '^all,'", tmp);
	cr_assert_eq(rc, 0, "%s", out);
	for (int i = 0; i < 3; i++) {
		static const char *const cut[] = { "cutlog", "cutitems", "nolog" };
		char want[256];

		snprintf(want, sizeof want, "check %s: 1\n", cut[i]);
		cr_assert(strstr(out, want), "%s", out);
		snprintf(want, sizeof want, "receive %s: 1\n", cut[i]);
		cr_assert(strstr(out, want), "%s", out);
		snprintf(want, sizeof want, "fold %s: 1\n1\n", cut[i]);
		cr_assert(strstr(out, want), "%s", out);
		snprintf(want, sizeof want, "report %s: ", cut[i]);
		cr_assert(strstr(out, want), "%s", out);
		snprintf(want, sizeof want, "%s: file unchanged\n", cut[i]);
		cr_assert(strstr(out, want), "%s", out);
		/* FILE:LINE: incomplete file, from check, receive and report */
		snprintf(want, sizeof want, "%s.yaml:", cut[i]);
		const char *p = out;
		int seen = 0;

		while ((p = strstr(p, want))) {
			const char *q = p + strlen(want);

			seen += q[0] >= '1' && q[0] <= '9' && strstr(q, ": incomplete file") &&
				strstr(q, ": incomplete file") - q < 12;
			p = q;
		}
		cr_assert_geq(seen, 2, "%s: %s", cut[i], out);
	}
	/* fold names the copy with its line too */
	cr_assert(strstr(out, UNIT ".dvk.sync-conflict-20240101-101010-ABCDEFG.yaml:"), "%s", out);
	cr_assert(strstr(out, "check old: 0\n"), "%s", out);
	cr_assert(strstr(out, "warning: old format dvk-state/1 has no end marker"), "%s", out);
	cr_assert(strstr(out, "\nall,,1,1,0,"), "%s", out);
	free(out);
}

/* #10 item 3: a copy is joined only into the file it is a copy of. */
Test(fold, a_copy_whose_header_names_another_unit_is_kept_and_never_made_a_file, .init = fresh,
     .fini = done)
{
	char *out;
	int rc;

	rc = sim_run(&out, SH "exec 2>&1; export DVK_DATA=$PWD/d; F=d/" FOLDER "; "
		     "$DVK --unit xa-a --user Minh set 1.1 status=done >/dev/null; "
		     "$DVK --unit xa-sync --user Minh set 1.2 status=done >/dev/null; "
		     /* the trial's copy: named for xa-a, its header says xa-b */
		     "sed 's/^unit: xa-a$/unit: xa-b/' $F/xa-a.dvk.yaml "
		     "> $F/xa-a.sync-conflict-20240104-101010-DDDDDDD.dvk.yaml; "
		     /* of another directive */
		     "sed 's/^directive: " DIRECTIVE "$/directive: ke-hoach-khac/' $F/xa-a.dvk.yaml "
		     "> $F/xa-a.sync-conflict-20240105-101010-EEEEEEE.dvk.yaml; "
		     /* cut inside `unit: xa-sync` */
		     "head -c $(( $(grep -b '^unit: ' $F/xa-sync.dvk.yaml | cut -d: -f1) + 10 )) $F/xa-sync.dvk.yaml "
		     "> $F/xa-sync.sync-conflict-20240106-101010-FFFFFFF.dvk.yaml; "
		     /* saved by hand under another unit's main name */
		     "cp $F/xa-a.dvk.yaml $F/xa-c.dvk.yaml; "
		     "cp $F/xa-a.dvk.yaml a-before; "
		     "r=0; $DVK fold || r=$?; echo \"fold: $r\"; ls $F; cmp a-before $F/xa-a.dvk.yaml && echo 'xa-a unchanged'",
		     tmp);
	cr_assert_eq(rc, 0, "%s", out);
	cr_assert(strstr(out, "fold: 1\n"), "%s", out);
	cr_assert(strstr(out, "its name says it belongs to xa-a.dvk.yaml, but its header says unit "
			      "\"xa-b\" of directive \"" DIRECTIVE "\""), "%s", out);
	cr_assert(strstr(out, "its name says it belongs to xa-a.dvk.yaml, but its header says unit "
			      "\"xa-a\" of directive \"ke-hoach-khac\""), "%s", out);
	cr_assert(strstr(out, "its name says it belongs to xa-c.dvk.yaml"), "%s", out);
	cr_assert(strstr(out, "xa-sync.sync-conflict-20240106-101010-FFFFFFF.dvk.yaml:") &&
		  strstr(out, "incomplete file"), "%s", out);
	/* every copy kept, no new unit's file, the named unit's file as it was */
	cr_assert(strstr(out, "\ndirective.yaml\nxa-a.dvk.yaml\n"
			      "xa-a.sync-conflict-20240104-101010-DDDDDDD.dvk.yaml\n"
			      "xa-a.sync-conflict-20240105-101010-EEEEEEE.dvk.yaml\n"
			      "xa-c.dvk.yaml\nxa-sync.dvk.yaml\n"
			      "xa-sync.sync-conflict-20240106-101010-FFFFFFF.dvk.yaml\nxa-a unchanged\n"),
		  "%s", out);
	free(out);
	/* `dvk set` of xa-a folds before saving: the copies are named, the
	 * edit is made, nothing is joined */
	rc = sim_run(&out, SH "exec 2>&1; export DVK_DATA=$PWD/d; "
		     "r=0; $DVK --unit xa-a --user Minh set 2.1 status=done || r=$?; echo \"set: $r\"; "
		     "grep -c '^- id:' d/" FOLDER "xa-a.dvk.yaml; ls d/" FOLDER " | wc -l", tmp);
	cr_assert_eq(rc, 0, "%s", out);
	cr_assert(strstr(out, "cannot fold the conflict copy") && strstr(out, "\"xa-b\""), "%s", out);
	cr_assert(strstr(out, "set: 0\n2\n7\n"), "%s", out);
	free(out);
}

/* ------------------------------------------------------------------ */
/* A shared folder on a server                                         */
/* ------------------------------------------------------------------ */

/* #10 item 8: cadres of one district share a group folder on a server
 * over SSH.  Played with two real users (uids of their own, the group as
 * a supplementary group, as `adduser minh canbo` makes them): Minh has
 * the usual umask 022, Hạnh 002, the folder is setgid and group-writable.
 * Both save, each after the other, both edits survive, everything dvk
 * made stays writable for the group, and a third user outside the group
 * is refused with the whole reason.  Needs root (to become the users)
 * and setpriv (util-linux). */
#define GID_SHARED 64000
Test(shared, two_users_of_one_group_save_in_a_setgid_folder_and_neither_is_locked_out)
{
	char shared[] = "/tmp/dvk-shared-XXXXXX", *out;
	int rc;

	if (geteuid() != 0 || sim_run(NULL, "command -v setpriv >/dev/null 2>&1") != 0)
		cr_skip_test("playing two users needs root and setpriv");
	/* under /tmp: the users must reach it, and the sealed test folder
	 * is root's alone */
	cr_assert_not_null(mkdtemp(shared));
	rc = sim_run(&out, "exec 2>&1; set -e; S=%s; cd $S; chmod 755 $S; "
		"mkdir data; chgrp %d data; chmod 2775 data; "
		"for u in 64001 64002 64003; do mkdir home-$u; chown $u home-$u; done; "
		/* as UID UMASK NAME DVK-ARGS...: a user's login over SSH */
		"as() { u=$1 m=$2 n=$3; shift 3; setpriv --reuid=$u --regid=$u "
		"  $( [ $u != 64003 ] && echo --groups=%d || echo --clear-groups ) "
		"  env HOME=$S/home-$u XDG_STATE_HOME=$S/home-$u/state XDG_CONFIG_HOME=$S/home-$u/cfg "
		"  DVK_DATA=$S/data DVK_UNIT=huyen-quang-xuong DVK_USER=\"$n\" "
		"  sh -c 'umask '$m'; exec \"$0\" \"$@\"' \"$DVK_BIN\" \"$@\"; }; "
		"as 64001 022 'Trần Văn Minh' set 1.1 status=done >/dev/null; echo minh: $?; "
		"as 64002 002 'Lê Thị Hạnh' set 1.2 status=done >/dev/null; echo hanh: $?; "
		"as 64001 022 'Trần Văn Minh' set 2.1 note='Đã họp' >/dev/null; echo minh: $?; "
		"sleep 1; as 64002 002 'Lê Thị Hạnh' set 2.2 status=in-progress >/dev/null; echo hanh: $?; "
		"as 64002 002 'Lê Thị Hạnh' status --format csv | grep '^all,'; "
		"F=data/thanh-hoa-dvk-2023/huyen-quang-xuong.dvk.yaml; "
		"grep -c '^- id: ' $F; grep -q 'by: Trần Văn Minh' $F && grep -q 'by: Lê Thị Hạnh' $F && echo both; "
		/* everything dvk made: the group's, writable by the group */
		"echo not-shared: $(find data -mindepth 1 \\( ! -group %d -o ! -perm -g+rw \\) -printf '%%p %%m ' ); "
		"echo folders: $(find data -mindepth 1 -type d ! -perm -2070 -printf '%%p ' ); "
		"ls -A data/thanh-hoa-dvk-2023 | grep -c lock; "
		"cp $F before; "
		"r=0; as 64003 022 'Người Ngoài' set 3.1 status=done || r=$?; echo outsider: $r; "
		"cmp -s before $F && echo unchanged",
		shared, GID_SHARED, GID_SHARED, GID_SHARED);
	sim_run(NULL, "rm -rf '%s'", shared);
	cr_assert_eq(rc, 0, "%s", out);
	cr_assert(strstr(out, "minh: 0\nhanh: 0\nminh: 0\nhanh: 0\nall,,2,1,0,"), "%s", out);
	cr_assert(strstr(out, "\n4\nboth\nnot-shared:\nfolders:\n2\n"), "%s", out);
	cr_assert(strstr(out, "Permission denied (the lock file is not writable for you: in a shared "
			      "folder every user must be in the folder's group; see README.md, \"A shared "
			      "folder\")"), "%s", out);
	cr_assert(strstr(out, "outsider: 1\nunchanged\n"), "%s", out);
	free(out);
}

/* ------------------------------------------------------------------ */
/* USB stick and email                                                 */
/* ------------------------------------------------------------------ */

Test(usb, export_then_receive_gives_the_same_events_and_twice_changes_nothing, .init = fresh, .fini = done)
{
	char *out;

	cr_assert_eq(sim_run(&out, SH "exec 2>&1; mkdir stick; "
				  "$DVK --data a --user Minh set 1.1 status=done note='Đã họp' >/dev/null; "
				  "$DVK --data a --user Minh set 1.1 activity.date=2023-03-14 activity.participants=45 >/dev/null; "
				  "$DVK --data b --user Hạnh set 2.1 status=in-progress >/dev/null; "
				  "$DVK --data a export stick", tmp), 0, "%s", out);
	cr_assert(strstr(out, "read it back: identical"), "%s", out);
	cr_assert(strstr(out, "safe to remove the stick"), "%s", out);
	free(out);
	/* by email: a renamed attachment */
	cr_assert_eq(sim_run(&out, SH "cp stick/" UNIT ".dvk.yaml 'tệp đính kèm (1).yaml'; "
				  "$DVK --data b receive 'tệp đính kèm (1).yaml'", tmp), 0);
	cr_assert(strstr(out, ": 4 new entries into "), "%s", out);
	cr_assert(strstr(out, "; nothing lost\n"), "%s", out);
	free(out);
	/* b sends back by stick; both have the same events, byte for byte */
	cr_assert_eq(sim_run(&out, SH "exec 2>&1; $DVK --data b export stick && $DVK --data a receive stick/" UNIT ".dvk.yaml && "
				  "cmp a/" REL " b/" REL, tmp), 0, "%s", out);
	free(out);
	/* receiving the same file twice changes nothing, not even the mtime */
	cr_assert_eq(sim_run(&out, SH "cp a/" REL " before; touch -d 2020-01-01 a/" REL "; "
				  "$DVK --data a receive stick/" UNIT ".dvk.yaml; $DVK --data a receive stick/" UNIT ".dvk.yaml; "
				  "cmp before a/" REL "; test $(stat -c %%Y a/" REL ") -lt 1600000000", tmp), 0, "%s", out);
	cr_assert(strstr(out, ": nothing new; nothing lost\n"), "%s", out);
	free(out);
	/* a new unit's file is created in its own place */
	cr_assert_eq(sim_run(&out, SH "$DVK --data c --unit xa-khac --user K set 1.1 status=done >/dev/null; "
				  "$DVK --data a receive c/" DIRECTIVE "/xa-khac.dvk.yaml && cmp c/" DIRECTIVE "/xa-khac.dvk.yaml "
				  "a/" DIRECTIVE "/xa-khac.dvk.yaml", tmp), 0, "%s", out);
	cr_assert(strstr(out, "unit xa-khac: 1 new entry in new file"), "%s", out);
	free(out);
}

/* A reviewer receives a whole stick: a folder stands for the state and
 * directive files directly in it, as the TUI's R takes it. */
Test(usb, receive_takes_a_folder_as_the_files_in_it, .init = fresh, .fini = done)
{
	char *out;

	cr_assert_eq(sim_run(&out, SH "exec 2>&1; mkdir stick empty; "
				  "$DVK --data a --user Minh set 1.1 status=done >/dev/null; "
				  "$DVK --data c --unit xa-khac --user K set 2.1 status=done >/dev/null; "
				  "$DVK --data a export stick >/dev/null; $DVK --data c --unit xa-khac export stick/ >/dev/null; "
				  "echo notes > stick/ghi-chu.txt; "
				  "$DVK --data r --unit huyen receive stick/ && cmp a/" REL " r/" REL " && "
				  "cmp c/" DIRECTIVE "/xa-khac.dvk.yaml r/" DIRECTIVE "/xa-khac.dvk.yaml", tmp), 0, "%s", out);
	cr_assert(strstr(out, "unit " UNIT ": 1 new entry in new file"), "%s", out);
	cr_assert(strstr(out, "unit xa-khac: 1 new entry in new file"), "%s", out);
	cr_assert_null(strstr(out, "ghi-chu.txt"), "%s", out);
	free(out);
	/* a folder with nothing to receive says so and fails */
	cr_assert_eq(sim_run(&out, SH "exec 2>&1; $DVK --data r --unit huyen receive empty", tmp), 1, "%s", out);
	cr_assert(strstr(out, "empty: no state files (*.dvk.yaml) in this folder"), "%s", out);
	free(out);
}

Test(usb, export_keeps_what_the_stick_already_holds, .init = fresh, .fini = done)
{
	char *out;

	cr_assert_eq(sim_run(&out, SH "exec 2>&1; mkdir stick; "
				  "$DVK --data a --user Minh set 1.1 status=done >/dev/null; "
				  "$DVK --data b --user Hạnh set 2.1 status=done >/dev/null; "
				  "$DVK --data b export stick >/dev/null; $DVK --data a export stick; "
				  "$DVK check stick/" UNIT ".dvk.yaml", tmp), 0, "%s", out);
	cr_assert(strstr(out, "It already held 1 entry this laptop lacks"), "%s", out);
	cr_assert(strstr(out, "ok (unit xa-quang-hoa, 2 events"), "%s", out);
	free(out);
	cr_assert_eq(sim_run(&out, SH "$DVK --data a export nowhere 2>&1", tmp), 1);
	cr_assert(strstr(out, "no such folder"), "%s", out);
	free(out);
	cr_assert_eq(sim_run(&out, SH "echo 'log: [' > stick/" UNIT ".dvk.yaml; $DVK --data a export stick 2>&1", tmp), 1);
	cr_assert(strstr(out, "move it away first"), "%s", out);
	free(out);
}

Test(usb, receive_reports_bad_files_and_a_clock_that_looks_wrong, .init = fresh, .fini = done)
{
	char *path = xasprintf("%s/future.yaml", tmp), *out;
	struct state *st = state_new(DIRECTIVE, UNIT);
	struct hlc h = {0};
	uint64_t rng = 3;
	int64_t now = (int64_t)time(NULL) * 1000;
	struct edit_ctx ctx = { "Hạnh", "hanh-x220", &h, now + 3 * DAY, sim_random, &rng };
	struct assignment a = { "status", "done" };
	struct dvk_error err;
	size_t len;
	char *bytes;

	cr_assert_eq(checklist_apply(st->cl, sim_directive(), "1.1", &a, 1, &ctx, &err), 1);
	bytes = store_emit(st, sim_directive(), &len);
	sim_write(path, bytes, len);
	cr_assert_eq(sim_run(&out, SH "echo 'format: [' > bad.yaml; $DVK --data a receive future.yaml bad.yaml 2>&1", tmp), 1);
	cr_assert(strstr(out, "future.yaml: unit xa-quang-hoa: 1 new entry"), "%s", out);
	cr_assert(strstr(out, "this laptop's date looks wrong"), "%s", out);
	cr_assert(strstr(out, "bad.yaml:2:1: "), "%s", out);
	free(out);
	cr_assert_eq(sim_run(&out, SH "$DVK --data a status 2>&1 >/dev/null", tmp), 0);
	cr_assert(strstr(out, "date looks wrong"), "%s", out);
	free(out);
	cr_assert(store_clock_behind(now + 2 * 3600 * 1000, now));
	cr_assert_not(store_clock_behind(now + 30 * 60 * 1000, now));
	cr_assert_not(store_clock_behind(now - 5 * DAY, now));
	cr_assert_not(store_clock_behind(0, now));
	free(bytes); state_free(st); free(path);
}

/* ------------------------------------------------------------------ */
/* Backups                                                             */
/* ------------------------------------------------------------------ */

/* #10 item 1, the acceptance line: `cp` of a week-old copy over the
 * unit's file (what a sync tool, rsync --inplace, an editor or a stick
 * can do), then `dvk status` shows the newer edits again; after the next
 * `dvk set` they are in the file.  Then once more without the status. */
Test(journal, cp_of_a_week_old_copy_then_status_shows_the_newer_edits_and_set_puts_them_back,
     .init = fresh, .fini = done)
{
	char *out;
	int rc;

	/* this laptop's own journal: not one another test of this process used */
	rc = sim_run(&out, SH "exec 2>&1; export DVK_DATA=$PWD/d DVK_USER='Lê Thị Hạnh' XDG_STATE_HOME=$PWD/laptop XDG_CONFIG_HOME=$PWD/cfg; "
		"F=d/" REL "; "
		"$DVK set 1.1 status=done >/dev/null; cp $F week-old; "
		"$DVK set 1.2 status=done >/dev/null; $DVK set 2.1 note='Đã họp ngày 14/3' >/dev/null; "
		"$DVK set 1.1 activity.date=2023-03-14 activity.participants=45 >/dev/null; "
		"cp $F newest; cp week-old $F; "
		"echo file:$(grep -c '^- id: ' $F); "
		"$DVK status --format csv; "
		"echo file:$(grep -c '^- id: ' $F); "
		"$DVK set 4.1 status=in-progress >/dev/null; "
		"echo file:$(grep -c '^- id: ' $F); "
		"$DVK merge newest $F | cmp - $F >/dev/null && echo 'nothing of newest missing'; "
		/* the same, with no status in between: set alone puts them back */
		"cp week-old $F; $DVK set 4.2 status=done; echo file:$(grep -c '^- id: ' $F); "
		"grep -q 'Đã họp ngày 14/3' $F && grep -q 'value: \"45\"' $F && echo 'note and count back'", tmp);
	cr_assert_eq(rc, 0, "%s", out);
	cr_assert(strstr(out, "file:1\n"), "%s", out);
	/* status says what came back, shows 1.1 and 1.2 done, and puts
	 * them back into the file at once */
	cr_assert(strstr(out, "4 changes kept on this laptop were missing from the file"), "%s", out);
	cr_assert(strstr(out, "\n1,Quán triệt và lập kế hoạch công tác dân vận,2,"), "%s", out);
	cr_assert(strstr(out, "\nall,,2,0,0,38,5\n"), "%s", out);
	cr_assert(strstr(out, "\nfile:5\nfile:6\nnothing of newest missing\n"), "%s", out);
	cr_assert(strstr(out, "5 changes kept on this laptop were missing from the file"), "%s", out);
	cr_assert(strstr(out, "file:7\nnote and count back"), "%s", out);
	free(out);
}

/* The same for the unit's name: `dvk unit` shows the rename this laptop
 * saved, though a week-old copy went over the file. */
Test(journal, dvk_unit_shows_a_rename_an_older_copy_took_away, .init = fresh, .fini = done)
{
	char *out;
	int rc;

	rc = sim_run(&out, SH "exec 2>&1; export DVK_DATA=$PWD/d DVK_USER='Lê Thị Hạnh' XDG_STATE_HOME=$PWD/laptop XDG_CONFIG_HOME=$PWD/cfg; "
		"F=d/" REL "; "
		"$DVK set 1.1 status=done >/dev/null; cp $F week-old; "
		"$DVK unit name 'UBND xã Quảng Hòa' >/dev/null; cp week-old $F; "
		"$DVK unit", tmp);
	cr_assert_eq(rc, 0, "%s", out);
	cr_assert(strstr(out, "1 change kept on this laptop was missing from the file"), "%s", out);
	cr_assert(strstr(out, "unit: UBND xã Quảng Hòa (" UNIT ")"), "%s", out);
	free(out);
}

Test(backup, a_week_old_backup_restored_loses_nothing_done_since, .init = fresh, .fini = done)
{
	char *out;
	int rc;

	rc = sim_run(&out, SH "exec 2>&1; export DVK_DATA=$PWD/d DVK_USER=Minh TZ=UTC; "
		"$DVK set 1.1 status=done >/dev/null; $DVK set 1.2 status=in-progress >/dev/null; "
		"$DVK set 4.1 note='chỉ trong bản sao lưu' >/dev/null; "
		/* the state a week ago is the backup made by this save (the
		 * backups of the saves before are younger than five minutes:
		 * out of the way, so that this one is kept) */
		"rm d/.dvk-backups/" DIRECTIVE "/*; "
		"$DVK set 2.1 status=done >/dev/null; "
		"B=$(ls d/.dvk-backups/" DIRECTIVE "/ | tail -n 1); "
		"mv d/.dvk-backups/" DIRECTIVE "/$B d/.dvk-backups/" DIRECTIVE "/" UNIT ".20230301-080000-000.dvk.yaml; "
		/* since then: more edits, and the note lost by a bad hand edit */
		"$DVK set 1.2 status=done >/dev/null; $DVK set 3.1 status=done note='mới' >/dev/null; "
		"python3 - d/" REL " <<'EOF'\n"
		"import sys, re\n"
		"p = sys.argv[1]; s = open(p, encoding='utf-8').read()\n"
		"i = s.index('chỉ trong', s.index('\\nlog:')); a = s.rindex('- id:', 0, i); b = s.find('- id:', i)\n"
		"s = s[:a] + s[b if b > 0 else s.index('\\nevents:') + 1:]\n"
		/* ... and from the summary, or it would be a hand edit (handedit.h) */
		"s = s.replace('\\n    note: chỉ trong bản sao lưu\\n', '\\n', 1)\n"
		"s = re.sub(r'\\nevents: \\d+\\n$', '\\nevents: %%d\\n' %% s.count('\\n- id:'), s)\n"
		"open(p, 'w', encoding='utf-8').write(s)\n"
		"EOF\n"
		"$DVK check d/" REL "; cp d/" REL " before; "
		"$DVK restore | grep '2023-03-01 08:00:00  xa-quang-hoa  3 entries'; "
		"$DVK restore " UNIT ".20230301-080000-000.dvk.yaml; "
		"$DVK status --format csv | grep '^all,'; "
		"$DVK log | grep -c 'chỉ trong bản sao lưu'; "
		"$DVK merge before d/" REL " 2>/dev/null | cmp - d/" REL, tmp);
	cr_assert_eq(rc, 0, "%s", out);
	cr_assert(strstr(out, "1 entry brought back; nothing done since was lost"), "%s", out);
	/* 1.1, 1.2 and 2.1 done: nothing since the backup was undone */
	/* 4/38 is 10.5 %, rounded half up */
	cr_assert(strstr(out, "\nall,,4,0,0,38,11\n1\n"), "%s", out);
	free(out);
}

static void touch_backup(const char *dir, const char *stamp)
{
	char *p = xasprintf("%s/" UNIT ".%s.dvk.yaml", dir, stamp);

	sim_write(p, "x", 1);
	free(p);
}

Test(backup, keeps_the_last_twenty_and_one_a_day, .init = fresh, .fini = done)
{
	char *dir = xasprintf("%s/b", tmp), *path;
	struct dvk_error err;

	cr_assert(dvk_mkdirs(dir, &err));
	/* 30 backups today, 3 a day on the 5 days before, one of another unit */
	for (int i = 0; i < 30; i++) {
		char s[64];

		snprintf(s, sizeof s, "20231114-10%02d00-000", i);
		touch_backup(dir, s);
	}
	for (int d = 9; d <= 13; d++)
		for (int h = 8; h <= 10; h++) {
			char s[64];

			snprintf(s, sizeof s, "202311%02d-%02d0000-000", d, h);
			touch_backup(dir, s);
		}
	path = xasprintf("%s/xa-khac.20231101-000000-000.dvk.yaml", dir);
	sim_write(path, "x", 1);
	cr_assert_eq(store_backup_prune(dir, UNIT, 20), 10 + 10);
	free(path);
	path = xasprintf("%s/" UNIT ".20231113-100000-000.dvk.yaml", dir);
	cr_assert(store_exists(path), "the newest of a day was deleted");
	free(path);
	path = xasprintf("%s/" UNIT ".20231113-090000-000.dvk.yaml", dir);
	cr_assert_not(store_exists(path), "two of one old day were kept");
	free(path);
	path = xasprintf("%s/" UNIT ".20231114-102900-000.dvk.yaml", dir);
	cr_assert(store_exists(path));
	free(path);
	path = xasprintf("%s/xa-khac.20231101-000000-000.dvk.yaml", dir);
	cr_assert(store_exists(path), "another unit's backup was pruned");
	free(path);
	free(dir);
}

Test(backup, a_save_keeps_the_file_it_replaces_and_a_broken_backup_never_fails_it,
     .init = fresh, .fini = done)
{
	char *path = store_path(tmp, DIRECTIVE, UNIT), *bdir = xasprintf("%s/.dvk-backups", tmp);
	struct state *st = state_new(DIRECTIVE, UNIT);
	struct hlc h = {0};
	uint64_t rng = 9;
	struct edit_ctx ctx = { "Hạnh", "hanh-x220", &h, T0, sim_random, &rng };
	struct assignment a = { "status", "done" }, b = { "status", "in-progress" };
	struct dvk_error err;
	struct backup *list;
	struct stat sb;
	size_t n, len, oldlen;
	char *old, *kept;

	cr_assert_eq(checklist_apply(st->cl, sim_directive(), "1.1", &a, 1, &ctx, &err), 1);
	cr_assert(store_save(path, st, sim_directive(), NULL, &err), "%s", err.message);
	cr_assert_eq(store_backups(tmp, DIRECTIVE, NULL, &list), 0, "a new file has nothing to back up");
	old = sim_read(path, &oldlen);
	stat(path, &sb);
	cr_assert_eq(checklist_apply(st->cl, sim_directive(), "1.2", &b, 1, &ctx, &err), 1);
	cr_assert(store_save(path, st, sim_directive(), NULL, &err), "%s", err.message);
	n = store_backups(tmp, DIRECTIVE, UNIT, &list);
	cr_assert_eq(n, 1);
	kept = sim_read(list[0].path, &len);
	cr_assert(len == oldlen && memcmp(kept, old, len) == 0);
	{
		struct stat kb;

		stat(list[0].path, &kb);
		/* the replaced file itself, moved: nothing was copied */
		cr_assert_eq(kb.st_ino, sb.st_ino, "the backup is not the file the save replaced");
	}
	free(kept);
	/* saving what is already there makes no backup */
	cr_assert(store_save(path, st, sim_directive(), NULL, &err), "%s", err.message);
	store_backups_free(list, n);
	cr_assert_eq(store_backups(tmp, DIRECTIVE, UNIT, &list), 1);
	store_backups_free(list, 1);
	/* the backup folder cannot be made: the save still succeeds */
	cr_assert_eq(sim_run(NULL, "rm -rf '%s' && echo x > '%s'", bdir, bdir), 0);
	cr_assert_eq(checklist_apply(st->cl, sim_directive(), "1.3", &a, 1, &ctx, &err), 1);
	cr_assert(store_save(path, st, sim_directive(), NULL, &err), "%s", err.message);
	free(old); state_free(st); free(bdir); free(path);
}

/* ------------------------------------------------------------------ */
/* Four laptops, wrong clocks, files in random order                   */
/* ------------------------------------------------------------------ */

#define LAPTOPS 4
#define SEEDS 1000

struct laptop {
	char *data, *path;
	struct hlc clock;
	int64_t skew;
	char replica[32], by[32];
};

struct parcel {
	char *bytes; /* a snapshot of a laptop's file, as on a stick */
	size_t len;
	int to;
};

static int rm_one(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb, (void)flag, (void)ftw;
	return remove(p);
}

static char *fast_tmpdir(void)
{
	/* The store fsyncs every save; on tmpfs that is free, which keeps
	 * 1,000 seeds of real saves within seconds. */
	char *t = xstrdup("/dev/shm/dvk-sync-XXXXXX");

	if (access("/dev/shm", W_OK) == 0 && mkdtemp(t))
		return t;
	free(t);
	return sim_tmpdir();
}

/* Physical time of laptop k at step s: clocks days apart, and laptop 3's
 * battery dies half-way and it wakes up in 2001. */
static int64_t phys(const struct laptop *l, int k, int s, int steps)
{
	if (k == 3 && s > steps / 2)
		return 978307200000LL + s * 420000LL;
	return T0 + l->skew + s * 420000LL;
}

static void laptop_edit(struct laptop *l, int k, int s, int steps, uint64_t *rng,
			struct checklist *truth, size_t *made, unsigned seed)
{
	static const char *const items[] = { "1.1", "1.2", "2.1", "3.1", "9.1" };
	static const char *const statuses[] = { "todo", "in-progress", "done" };
	const char *item = items[sim_below(rng, ARRAY_LEN(items))];
	struct edit_ctx ctx = { l->by, l->replica, &l->clock, phys(l, k, s, steps), sim_random, rng };
	struct assignment as[2];
	size_t n = 1;
	char note[64];
	struct dvk_error err;
	struct state *st;
	int added;

	st = store_exists(l->path) ? store_load(l->path, sim_directive(), &err) : state_new(DIRECTIVE, UNIT);
	cr_assert_not_null(st, "seed %u: %s", seed, err.message);
	hlc_observe(&l->clock, checklist_max_at(st->cl), 0, ctx.now);
	switch (sim_below(rng, 4)) {
	case 0:
	case 1:
		as[0] = (struct assignment){ "status", statuses[sim_below(rng, 3)] };
		break;
	case 2:
		snprintf(note, sizeof note, "Ghi chú %u của %s", sim_below(rng, 5), l->by);
		as[0] = (struct assignment){ "note", note };
		break;
	default:
		as[0] = (struct assignment){ "status", "not-applicable" };
		as[1] = (struct assignment){ "reason", "Không có đối tượng" };
		n = 2;
	}
	added = checklist_apply(st->cl, sim_directive(), item, as, n, &ctx, &err);
	cr_assert_geq(added, 0, "seed %u: %s", seed, err.message);
	cr_assert(store_save(l->path, st, sim_directive(), NULL, &err), "seed %u: %s", seed, err.message);
	*made += (size_t)added;
	checklist_join(truth, st->cl);
	state_free(st);
}

static struct parcel pack(const struct laptop *l, int to)
{
	struct parcel p = { NULL, 0, to };

	p.bytes = store_exists(l->path) ? sim_read(l->path, &p.len) : NULL;
	return p;
}

/* Arrives as a file in the receiver's inbox and is joined in, as `dvk
 * receive` does. */
static void deliver(struct laptop *ls, const struct parcel *p, unsigned seed)
{
	struct laptop *l = &ls[p->to];
	char *inbox = xasprintf("%s/inbox.yaml", l->data);
	struct dvk_error err;
	struct state *st;

	if (!p->bytes) {
		free(inbox);
		return;
	}
	sim_write(inbox, p->bytes, p->len);
	st = store_load(inbox, sim_directive(), &err);
	cr_assert_not_null(st, "seed %u: %s", seed, err.message);
	cr_assert(store_merge_into(l->path, st, sim_directive(), NULL, &err), "seed %u: %s", seed,
		  err.message);
	state_free(st);
	free(inbox);
}

static void one_seed(const char *root, unsigned seed)
{
	static const int64_t skews[LAPTOPS] = { 0, -3 * DAY, 2 * DAY, 0 };
	struct laptop l[LAPTOPS];
	struct parcel *q = NULL;
	size_t nq = 0, made = 0;
	uint64_t rng = seed * 0x9E3779B97F4A7C15ULL + 1;
	int steps = 10 + (int)sim_below(&rng, 20);
	struct checklist *truth = checklist_new();
	char *first = NULL;
	size_t firstlen = 0;

	for (int k = 0; k < LAPTOPS; k++) {
		memset(&l[k], 0, sizeof l[k]);
		l[k].data = xasprintf("%s/s%u-%d", root, seed, k);
		l[k].path = store_path(l[k].data, DIRECTIVE, UNIT);
		l[k].skew = skews[k];
		snprintf(l[k].replica, sizeof l[k].replica, "laptop-%d", k);
		snprintf(l[k].by, sizeof l[k].by, "Cán bộ %d", k);
		cr_assert_eq(mkdir(l[k].data, 0755), 0, "%s", strerror(errno));
	}
	for (int s = 0; s < steps; s++) {
		int k = (int)sim_below(&rng, LAPTOPS);

		switch (sim_below(&rng, 3)) {
		case 0:
			laptop_edit(&l[k], k, s, steps, &rng, truth, &made, seed);
			break;
		case 1: { /* send a snapshot, sometimes twice */
			int to = (int)sim_below(&rng, LAPTOPS), copies = 1 + (sim_below(&rng, 4) == 0);

			for (int c = 0; c < copies; c++) {
				q = xrealloc(q, (nq + 1) * sizeof *q);
				q[nq++] = pack(&l[k], to);
			}
			break;
		}
		default: /* a parcel arrives, in any order, possibly late */
			if (nq) {
				size_t i = sim_below(&rng, (unsigned)nq);

				deliver(l, &q[i], seed);
				if (sim_below(&rng, 5)) { /* usually used up; else comes again */
					free(q[i].bytes);
					q[i] = q[--nq];
				}
			}
		}
	}
	/* the rest arrives in random order, then everyone sends to everyone */
	while (nq) {
		size_t i = sim_below(&rng, (unsigned)nq);

		deliver(l, &q[i], seed);
		free(q[i].bytes);
		q[i] = q[--nq];
	}
	free(q);
	/* One round suffices: the last sender already holds everything and
	 * everyone hears from it last. */
	for (int a = 0; a < LAPTOPS; a++)
		for (int b = 0; b < LAPTOPS; b++) {
			struct parcel p = pack(&l[a], b);

			if (a != b)
				deliver(l, &p, seed);
			free(p.bytes);
		}
	cr_assert_eq(checklist_count(truth), made, "seed %u: %zu events for %zu edits", seed, checklist_count(truth), made);
	for (int k = 0; k < LAPTOPS; k++) {
		size_t len;
		char *bytes = store_exists(l[k].path) ? sim_read(l[k].path, &len) : NULL;
		struct dvk_error err;
		struct state *st;

		if (!made) {
			cr_assert_null(bytes, "seed %u", seed);
			continue;
		}
		cr_assert_not_null(bytes, "seed %u: laptop %d has no file", seed, k);
		st = store_parse(bytes, len, l[k].path, sim_directive(), &err);
		cr_assert_not_null(st, "seed %u: %s", seed, err.message);
		cr_assert(checklist_subset(truth, st->cl) && checklist_count(st->cl) == checklist_count(truth),
			  "seed %u: laptop %d holds %zu of %zu edits", seed, k, checklist_count(st->cl), checklist_count(truth));
		state_free(st);
		if (!first) {
			first = bytes;
			firstlen = len;
			continue;
		}
		cr_assert(len == firstlen && memcmp(bytes, first, len) == 0,
			  "seed %u: laptop %d's file differs from laptop 0's", seed, k);
		free(bytes);
	}
	free(first);
	checklist_free(truth);
	for (int k = 0; k < LAPTOPS; k++) {
		nftw(l[k].data, rm_one, 16, FTW_DEPTH | FTW_PHYS);
		free(l[k].data);
		free(l[k].path);
	}
}

Test(converge, four_laptops_with_wrong_clocks_end_byte_identical)
{
	char *root = fast_tmpdir();
	const char *env = getenv("DVK_SEEDS");
	unsigned seeds = env && atoi(env) > 0 ? (unsigned)atoi(env) : SEEDS;

	for (unsigned seed = 1; seed <= seeds; seed++)
		one_seed(root, seed);
	nftw(root, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(root);
}

/* ------------------------------------------------------------------ */
/* Two real Syncthing instances                                        */
/* ------------------------------------------------------------------ */

/* The script does the work (tests/syncthing.sh); here it is only run,
 * and skipped where Debian's syncthing is not installed. */
Test(syncthing, a_conflict_copy_between_two_instances_folds_into_one_file)
{
	char *out;
	int rc;

	if (sim_run(NULL, "command -v syncthing >/dev/null 2>&1") != 0)
		cr_skip_test("syncthing is not installed (apt-get install syncthing)");
	rc = sim_run(&out, "cd \"${DVK_SRC:-.}\" && DVK=\"$DVK_BIN\" timeout 240 sh tests/syncthing.sh 2>&1");
	if (rc == 77) {
		cr_log_info("%s", out);
		free(out);
		cr_skip_test("syncthing test skipped");
	}
	cr_assert_eq(rc, 0, "%s", out);
	cr_assert(strstr(out, "ok: one file with both sides' edits on both machines"), "%s", out);
	free(out);
}

/* #10's acceptance: both sides save 40 times at once, with random short
 * pauses, while Syncthing syncs; every acknowledged edit is on both sides
 * after each round (tests/syncthing.sh race).  `make test` runs 2 rounds;
 * `make torture` runs the 10 the issue asks for (DVK_SYNC_ROUNDS). */
Test(syncthing, forty_concurrent_saves_a_side_lose_no_acknowledged_edit, .timeout = 1800)
{
	const char *r = getenv("DVK_SYNC_ROUNDS");
	char *out;
	int rc;

	if (sim_run(NULL, "command -v syncthing >/dev/null 2>&1") != 0)
		cr_skip_test("syncthing is not installed (apt-get install syncthing)");
	rc = sim_run(&out, "cd \"${DVK_SRC:-.}\" && DVK=\"$DVK_BIN\" timeout 1700 sh tests/syncthing.sh race %d 40 2>&1",
		     r && atoi(r) > 0 ? atoi(r) : 2);
	if (rc == 77) {
		free(out);
		cr_skip_test("syncthing test skipped");
	}
	cr_assert_eq(rc, 0, "%s", out);
	cr_assert(strstr(out, "every acknowledged edit on both sides"), "%s", out);
	cr_log_info("%s", out);
	free(out);
}

Test(backup, older_than_ninety_days_keeps_one_a_month, .init = fresh, .fini = done)
{
	char *dir = xasprintf("%s/b", tmp);
	struct dvk_error err;
	static const char *const kept[] = {
		"20231231-120000-000", /* the newest */
		"20231003-120000-000", /* 89 days before: still one a day */
		"20231002-120000-000", /* 90 days: the newest of 2023-10 left */
		"20230930-120000-000", /* the newest of 2023-09 */
		"20230831-120000-000", /* of 2023-08 */
	};
	static const char *const gone[] = { "20231001-120000-000", "20230929-120000-000" };

	cr_assert(dvk_mkdirs(dir, &err));
	/* one backup a day, 2023-08-01 .. 2023-12-31 */
	for (int64_t day = 19570; day <= 19722; day++) {
		time_t t = (time_t)(day * 86400 + 12 * 3600);
		struct tm tm;
		char s[64];

		gmtime_r(&t, &tm);
		strftime(s, sizeof s, "%Y%m%d-%H%M%S-000", &tm);
		touch_backup(dir, s);
	}
	store_backup_prune(dir, UNIT, 1);
	for (size_t i = 0; i < ARRAY_LEN(kept); i++) {
		char *p = xasprintf("%s/" UNIT ".%s.dvk.yaml", dir, kept[i]);

		cr_assert(store_exists(p), "%s was deleted", kept[i]);
		free(p);
	}
	for (size_t i = 0; i < ARRAY_LEN(gone); i++) {
		char *p = xasprintf("%s/" UNIT ".%s.dvk.yaml", dir, gone[i]);

		cr_assert_not(store_exists(p), "%s: two of one old month were kept", gone[i]);
		free(p);
	}
	cr_assert_eq(store_backup_prune(dir, UNIT, 1), 0, "a second prune deleted more");
	free(dir);
}

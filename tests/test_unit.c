/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_unit.c: the unit's name and parent are values like any other
 * (issue #10 item 6, PLAN decision 4): renames take effect and travel,
 * copies that disagree show a conflict everywhere a unit is named, older
 * files' headers are still read, and a config that names the unit
 * differently renames it once, never back and forth.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "config/config.h"
#include "store/store.h"
#include "tests/helpers/sim.h"
#include "tests/helpers/tuirun.h"

static char *tmp;

static void fresh(void)
{
	tmp = sim_tmpdir();
}

static void done(void)
{
	free(tmp);
}

/* Two laptops of one unit: folders a and b, each with its own config and
 * state (XDG), so their configs may say different things. */
#define LAPTOP(x, user) \
	"export DVK_LANG=en DVK_UNIT=xa-quang-hoa DVK_DATA=%s/" x " XDG_CONFIG_HOME=%s/" x \
	"-cfg XDG_STATE_HOME=%s/" x "-state DVK_USER='" user "'; "
#define A LAPTOP("a", "Lê Thị Hạnh")
#define B LAPTOP("b", "Trần Văn Minh")
#define FILE_OF(x) "%s/" x "/thanh-hoa-dvk-2023/xa-quang-hoa.dvk.yaml"

static struct state *load(const char *fmt, const char *dir)
{
	char *path = xasprintf(fmt, dir);
	struct dvk_error err;
	struct state *st = store_load(path, sim_directive(), &err);

	cr_assert_not_null(st, "%s", err.message);
	free(path);
	return st;
}

/* ---- renames take effect and travel ---- */

Test(unit, a_rename_takes_effect_and_travels_with_the_file, .init = fresh, .fini = done)
{
	char *out;
	struct state *st;

	cr_assert_eq(sim_run(NULL, A "$DVK unit name 'UBND xã Quảng Hòa' && $DVK set 1.1 status=done && "
				   "mkdir -p %s/b/thanh-hoa-dvk-2023 && cp " FILE_OF("a") " " FILE_OF("b"),
			     tmp, tmp, tmp, tmp, tmp, tmp), 0);
	/* laptop a renames the unit and moves it to another district */
	cr_assert_eq(sim_run(&out, A "$DVK unit name 'UBND xã Quảng Hòa (mới)' && "
				       "$DVK unit parent huyen-quang-xuong && $DVK status", tmp, tmp, tmp), 0);
	cr_expect(strstr(out, "unit: UBND xã Quảng Hòa (mới) (xa-quang-hoa)"), "%s", out);
	cr_expect(strstr(out, "parent: huyen-quang-xuong"), "%s", out);
	free(out);
	/* laptop b still has the old copy, receives the new one */
	cr_assert_eq(sim_run(NULL, B "$DVK receive " FILE_OF("a"), tmp, tmp, tmp, tmp), 0);
	cr_assert_eq(sim_run(&out, B "$DVK status", tmp, tmp, tmp), 0);
	cr_expect(strstr(out, "unit: UBND xã Quảng Hòa (mới) (xa-quang-hoa)"), "%s", out);
	cr_expect(strstr(out, "parent: huyen-quang-xuong"), "%s", out);
	free(out);
	/* in the file: events of _unit, and the header as their summary */
	st = load(FILE_OF("b"), tmp);
	cr_expect_str_eq(state_unit_name(st, NULL), "UBND xã Quảng Hòa (mới)");
	cr_expect_str_eq(state_unit_parent(st, NULL), "huyen-quang-xuong");
	state_free(st);
	cr_assert_eq(sim_run(&out, "grep -c '^unit_name: UBND xã Quảng Hòa (mới)$\\|^parent: huyen-quang-xuong$\\|item: \"_unit\"' "
				   FILE_OF("b"), tmp), 0);
	cr_expect_str_eq(out, "5\n"); /* two header lines, three events */
	free(out);
}

Test(unit, moving_to_another_district_moves_it_in_the_report, .init = fresh, .fini = done)
{
	char *out;

	cr_assert_eq(sim_run(NULL, A "$DVK unit name 'Xã Một' && $DVK unit parent huyen-a && "
				   "$DVK set 1.1 status=done", tmp, tmp, tmp), 0);
	cr_assert_eq(sim_run(&out, A "$DVK report --by parent --format csv", tmp, tmp, tmp), 0);
	cr_expect(strstr(out, "\nhuyen-a,"), "%s", out);
	free(out);
	cr_assert_eq(sim_run(NULL, A "$DVK unit parent huyen-b", tmp, tmp, tmp), 0);
	cr_assert_eq(sim_run(&out, A "$DVK report --by parent --format csv", tmp, tmp, tmp), 0);
	cr_expect(strstr(out, "\nhuyen-b,"), "%s", out);
	cr_expect_null(strstr(out, "huyen-a"), "%s", out);
	free(out);
}

Test(unit, set_takes_the_unit_fields_and_checks_them, .init = fresh, .fini = done)
{
	char *out;

	cr_assert_eq(sim_run(NULL, A "$DVK set _unit name='Xã Hai' parent=huyen-c", tmp, tmp, tmp), 0);
	cr_assert_eq(sim_run(&out, A "$DVK unit", tmp, tmp, tmp), 0);
	cr_expect(strstr(out, "unit: Xã Hai (xa-quang-hoa)\nparent: huyen-c\n"), "%s", out);
	free(out);
	cr_expect_eq(sim_run(&out, A "$DVK set _unit parent='Huyện C' 2>&1", tmp, tmp, tmp), 1);
	cr_expect(strstr(out, "parent"), "%s", out);
	free(out);
	cr_expect_eq(sim_run(NULL, A "$DVK set _unit colour=red 2>/dev/null", tmp, tmp, tmp), 1);
	cr_expect_eq(sim_run(NULL, A "$DVK unit size 3 2>/dev/null", tmp, tmp, tmp), 2);
}

/* ---- copies that disagree ---- */

/* Laptops a and b rename the unit differently from one base; a receives
 * b's copy. */
static void renamed_twice(void)
{
	fresh();
	cr_assert_eq(sim_run(NULL, A "$DVK unit name 'Xã Cũ' >/dev/null && mkdir -p %s/b/thanh-hoa-dvk-2023 && "
				   "cp " FILE_OF("a") " " FILE_OF("b") " && $DVK unit name 'Xã Quảng Hòa' >/dev/null",
			     tmp, tmp, tmp, tmp, tmp, tmp), 0);
	cr_assert_eq(sim_run(NULL, B "$DVK unit name 'UBND xã Quảng Hoà' >/dev/null", tmp, tmp, tmp), 0);
	cr_assert_eq(sim_run(NULL, A "$DVK receive " FILE_OF("b") " >/dev/null", tmp, tmp, tmp, tmp), 0);
}

Test(unit, copies_that_rename_differently_show_a_conflict, .init = renamed_twice, .fini = done)
{
	char *out;
	struct state *st;
	bool conflict;

	st = load(FILE_OF("a"), tmp);
	cr_expect_null(state_unit_name(st, &conflict), "one name won silently");
	cr_expect(conflict);
	cr_expect_eq(checklist_conflict_count(st->cl), 1);
	state_free(st);
	cr_assert_eq(sim_run(&out, A "$DVK status", tmp, tmp, tmp), 0);
	cr_expect(strstr(out, "the copies disagree on the unit's name: \"Xã Quảng Hòa\" (Lê Thị Hạnh) | "
			      "\"UBND xã Quảng Hoà\" (Trần Văn Minh)") ||
		  strstr(out, "the copies disagree on the unit's name: \"UBND xã Quảng Hoà\" (Trần Văn Minh) | "
			      "\"Xã Quảng Hòa\" (Lê Thị Hạnh)"), "%s", out);
	cr_expect(strstr(out, "1 conflicting"), "%s", out);
	free(out);
	cr_assert_eq(sim_run(&out, "grep '^unit_name:' " FILE_OF("a"), tmp), 0);
	cr_expect_str_eq(out, "unit_name: CONFLICT\n");
	free(out);
	cr_assert_eq(sim_run(&out, A "$DVK check " FILE_OF("a"), tmp, tmp, tmp, tmp), 0);
	cr_expect(strstr(out, "1 conflict"), "%s", out);
	free(out);
	/* the report names the unit by both names */
	cr_assert_eq(sim_run(&out, A "$DVK report --format csv", tmp, tmp, tmp), 0);
	cr_expect(strstr(out, "Xã Quảng Hòa") && strstr(out, "UBND xã Quảng Hoà") && strstr(out, " | "),
		  "%s", out);
	free(out);
	/* the merge of the two copies says so too, and keeps both */
	cr_assert_eq(sim_run(&out, A "$DVK merge " FILE_OF("a") " " FILE_OF("b") " 2>&1 >/dev/null",
			     tmp, tmp, tmp, tmp, tmp), 0);
	cr_expect(strstr(out, "conflict: Name of the unit:"), "%s", out);
	cr_expect_null(strstr(out, "_unit"), "the reserved id reached the user: %s", out);
	free(out);
}

Test(unit, renaming_again_settles_the_conflict, .init = renamed_twice, .fini = done)
{
	char *out;
	struct state *st;

	cr_assert_eq(sim_run(NULL, A "$DVK unit name 'UBND xã Quảng Hòa'", tmp, tmp, tmp), 0);
	st = load(FILE_OF("a"), tmp);
	cr_expect_str_eq(state_unit_name(st, NULL), "UBND xã Quảng Hòa");
	cr_expect_eq(checklist_conflict_count(st->cl), 0);
	state_free(st);
	cr_assert_eq(sim_run(&out, "grep '^unit_name:' " FILE_OF("a"), tmp), 0);
	cr_expect_str_eq(out, "unit_name: UBND xã Quảng Hòa\n");
	free(out);
}

Test(unit, a_conflict_joins_the_same_both_ways_round)
{
	struct state *a = state_new("thanh-hoa-dvk-2023", "xa-a"), *b = state_new("thanh-hoa-dvk-2023", "xa-a");
	struct state *ab = state_new("thanh-hoa-dvk-2023", "xa-a"), *ba = state_new("thanh-hoa-dvk-2023", "xa-a");
	struct dvk_error err;
	char *x, *y;
	size_t lx, ly;

	sim_set_unit(a, UNIT_NAME, "Xã A");
	sim_set_unit(b, UNIT_NAME, "Xã B");
	cr_assert(state_join(ab, a, &err) && state_join(ab, b, &err));
	cr_assert(state_join(ba, b, &err) && state_join(ba, a, &err));
	x = store_emit(ab, sim_directive(), &lx);
	y = store_emit(ba, sim_directive(), &ly);
	cr_expect(lx == ly && memcmp(x, y, lx) == 0, "A⊔B and B⊔A differ:\n%s\n--\n%s", x, y);
	cr_expect(strstr(x, "\nunit_name: CONFLICT\n"), "%s", x);
	free(x);
	free(y);
	state_free(a);
	state_free(b);
	state_free(ab);
	state_free(ba);
}

/* ---- older files ---- */

#define OLD_FILE \
	"format: dvk-state/1\ndirective: thanh-hoa-dvk-2023\nunit: xa-quang-hoa\n" \
	"unit_name: UBND xã Quảng Hòa\nparent: Huyện Quảng Xương\nitems:\n  \"1.1\":\n    status: done\n" \
	"log:\n- id: XVFXC3DKJ7STFSCY\n  item: \"1.1\"\n  field: status\n  value: done\n  gen: 0\n" \
	"  by: Lê Thị Hạnh\n  replica: hanh-x220\n  at: \"2023-03-15T10:21:07.000Z\"\n  tick: 0\n"

Test(unit, an_older_files_header_is_read_the_same_on_every_laptop)
{
	struct dvk_error err;
	struct state *one = store_parse(OLD_FILE, strlen(OLD_FILE), "a.yaml", sim_directive(), &err);
	struct state *two = store_parse(OLD_FILE, strlen(OLD_FILE), "b.yaml", sim_directive(), &err);
	char *x, *y;
	size_t lx, ly, n;

	cr_assert_not_null(one, "%s", err.message);
	cr_assert_not_null(two, "%s", err.message);
	cr_expect_str_eq(state_unit_name(one, NULL), "UBND xã Quảng Hòa");
	cr_expect_str_eq(state_unit_parent(one, NULL), "Huyện Quảng Xương"); /* older files: any text */
	n = checklist_count(one->cl);
	cr_expect_eq(n, 3, "the status and the two header values");
	/* two laptops reading the file make the same events: joining adds none */
	cr_assert(state_join(one, two, &err), "%s", err.message);
	cr_expect_eq(checklist_count(one->cl), n);
	x = store_emit(one, sim_directive(), &lx);
	y = store_emit(two, sim_directive(), &ly);
	cr_expect(lx == ly && memcmp(x, y, lx) == 0);
	/* written out, the header is the summary of those events: read back,
	 * nothing more is made */
	state_free(two);
	two = store_parse(x, lx, "c.yaml", sim_directive(), &err);
	cr_assert_not_null(two, "%s", err.message);
	cr_expect_eq(checklist_count(two->cl), n);
	free(y);
	y = store_emit(two, sim_directive(), &ly);
	cr_expect(lx == ly && memcmp(x, y, lx) == 0);
	free(x);
	free(y);
	state_free(one);
	state_free(two);
}

Test(unit, an_older_file_keeps_its_name_through_a_save, .init = fresh, .fini = done)
{
	char *out, *path = xasprintf(FILE_OF("a"), tmp), *dir = xasprintf("%s/a/thanh-hoa-dvk-2023", tmp);

	cr_assert_eq(sim_run(NULL, "mkdir -p '%s'", dir), 0);
	sim_write(path, OLD_FILE, strlen(OLD_FILE));
	cr_assert_eq(sim_run(&out, A "$DVK status", tmp, tmp, tmp), 0);
	cr_expect(strstr(out, "unit: UBND xã Quảng Hòa (xa-quang-hoa)"), "%s", out);
	free(out);
	cr_assert_eq(sim_run(NULL, A "$DVK set 1.2 status=done", tmp, tmp, tmp), 0);
	cr_assert_eq(sim_run(&out, A "$DVK unit", tmp, tmp, tmp), 0);
	cr_expect(strstr(out, "unit: UBND xã Quảng Hòa (xa-quang-hoa)\nparent: Huyện Quảng Xương\n"), "%s",
		  out);
	free(out);
	free(path);
	free(dir);
}

/* ---- the config ---- */

Test(unit, a_new_name_in_the_config_renames_the_unit_once, .init = fresh, .fini = done)
{
	char *out;
	struct state *st;

	/* both laptops start with the same name in their configs */
	cr_assert_eq(sim_run(NULL, A "mkdir -p %s/a-cfg/dvk && printf 'unit_name: Xã Cũ\\n' > %s/a-cfg/dvk/config.yaml && "
				   "$DVK set 1.1 status=done", tmp, tmp, tmp, tmp, tmp), 0);
	st = load(FILE_OF("a"), tmp);
	cr_expect_str_eq(state_unit_name(st, NULL), "Xã Cũ", "the config's name starts the file");
	state_free(st);
	cr_assert_eq(sim_run(NULL, B "mkdir -p %s/b-cfg/dvk %s/b/thanh-hoa-dvk-2023 && "
				   "printf 'unit_name: Xã Cũ\\n' > %s/b-cfg/dvk/config.yaml && cp " FILE_OF("a") " " FILE_OF("b"),
			     tmp, tmp, tmp, tmp, tmp, tmp, tmp, tmp), 0);
	/* laptop a's config gets the new name: status says it is coming,
	 * the next edit saves it */
	cr_assert_eq(sim_run(&out, A "printf 'unit_name: UBND xã Quảng Hòa\\n' > %s/a-cfg/dvk/config.yaml && $DVK status",
			     tmp, tmp, tmp, tmp), 0);
	cr_expect(strstr(out, "becomes the unit's name at the next save"), "%s", out);
	free(out);
	cr_assert_eq(sim_run(NULL, A "$DVK set 1.2 status=done", tmp, tmp, tmp), 0);
	st = load(FILE_OF("a"), tmp);
	cr_expect_str_eq(state_unit_name(st, NULL), "UBND xã Quảng Hòa");
	state_free(st);
	/* laptop b, whose config still has the old name, takes the file in
	 * and edits: the rename stands */
	cr_assert_eq(sim_run(NULL, B "$DVK receive " FILE_OF("a") " && $DVK set 1.3 status=done",
			     tmp, tmp, tmp, tmp), 0);
	st = load(FILE_OF("b"), tmp);
	cr_expect_str_eq(state_unit_name(st, NULL), "UBND xã Quảng Hòa", "the old config renamed it back");
	cr_expect_eq(checklist_conflict_count(st->cl), 0);
	state_free(st);
}

/* ---- the terminal ---- */

Test(unit, the_tui_lists_a_name_the_copies_disagree_on_and_a_rename_as_changes)
{
	char *root = tr_root(), *dir = xasprintf("%s/data/thanh-hoa-dvk-2023", root);
	char *path = xasprintf("%s/xa-thu.dvk.yaml", dir);
	struct state *a = state_new("thanh-hoa-dvk-2023", "xa-thu"), *b = state_new("thanh-hoa-dvk-2023", "xa-thu");
	struct dvk_error err;
	struct vt *v;
	char *bytes;
	size_t len;

	sim_set_unit(a, UNIT_NAME, "Xã Thử Một");
	sim_set_unit(b, UNIT_NAME, "Xã Thử Hai");
	cr_assert(state_join(a, b, &err), "%s", err.message);
	cr_assert_eq(sim_run(NULL, "mkdir -p '%s'", dir), 0);
	bytes = store_emit(a, sim_directive(), &len);
	sim_write(path, bytes, len);
	free(bytes);
	v = tr_start(root, 24, 80, NULL, NULL);
	cr_assert_not_null(v);
	EXPECT(v, "Tiến độ");
	vt_type(v, "c");
	EXPECT(v, "Xung đột cần giải quyết");
	EXPECT(v, "(thống nhất lại bằng lệnh dvk unit name)");
	char *scr = vt_screen(v);
	cr_expect(strstr(scr, "Tên đơn vị: Xã Thử Hai | Xã Thử Một") || strstr(scr, "Tên đơn vị: Xã Thử Một | Xã Thử Hai"),
		  "%s", scr);
	free(scr);
	vt_key(v, VTERM_KEY_ESCAPE);
	EXPECT(v, "Tiến độ");
	tr_quit(v);
	vt_free(v);
	/* someone settles it on another laptop: the rename is news here */
	sim_set_unit(a, UNIT_NAME, "UBND xã Thử");
	bytes = store_emit(a, sim_directive(), &len);
	sim_write(path, bytes, len);
	free(bytes);
	v = tr_start(root, 24, 80, NULL, NULL);
	cr_assert_not_null(v);
	EXPECT(v, "Thay đổi mới");
	EXPECT(v, "→ UBND xã Thử");
	scr = vt_screen(v);
	cr_expect(strstr(scr, "  sim  Tên đơn vị: Xã Thử"), "%s", scr);
	free(scr);
	vt_key(v, VTERM_KEY_ESCAPE);
	EXPECT(v, "Tiến độ");
	tr_quit(v);
	vt_free(v);
	state_free(a);
	state_free(b);
	free(path);
	free(dir);
	free(root);
}

/* A district cadre entering data for a commune without a computer: the
 * config's name and parent are the config's own unit's, and never rename
 * another unit's file (nor are shown as its name). */
Test(unit, the_configs_name_belongs_to_its_own_unit_only, .init = fresh, .fini = done)
{
	char *out, *other = xasprintf("%s/a/thanh-hoa-dvk-2023/xa-khac.dvk.yaml", tmp);
	struct state *st;
	struct dvk_error err;

	cr_assert_eq(sim_run(NULL, A "mkdir -p %s/a-cfg/dvk && printf 'unit: xa-quang-hoa\\n"
				   "unit_name: UBND xã Quảng Hòa\\nparent: huyen-quang-xuong\\n' > %s/a-cfg/dvk/config.yaml",
			     tmp, tmp, tmp, tmp, tmp), 0);
	cr_assert_eq(sim_run(&out, A "DVK_UNIT=xa-khac $DVK set 1.1 status=done && $DVK --unit xa-khac status",
			     tmp, tmp, tmp), 0);
	cr_expect_null(strstr(out, "Quảng Hòa"), "another unit shown under the config's name: %s", out);
	cr_expect_null(strstr(out, "name or parent"), "%s", out);
	cr_expect(strstr(out, "unit: xa-khac"), "%s", out);
	free(out);
	st = store_load(other, sim_directive(), &err);
	cr_assert_not_null(st, "%s", err.message);
	cr_expect_null(state_unit_name(st, NULL), "the config's name was written into xa-khac's file");
	cr_expect_null(state_unit_parent(st, NULL));
	state_free(st);
	/* renaming that unit renames its file only, not the config's unit */
	cr_assert_eq(sim_run(&out, A "$DVK --unit xa-khac unit name 'UBND xã Khác' && cat %s/a-cfg/dvk/config.yaml",
			     tmp, tmp, tmp, tmp), 0);
	cr_expect(strstr(out, "unit_name: UBND xã Quảng Hòa\n"), "%s", out);
	cr_expect(strstr(out, "unit: xa-quang-hoa\n"), "%s", out);
	free(out);
	st = store_load(other, sim_directive(), &err);
	cr_assert_not_null(st, "%s", err.message);
	cr_expect_str_eq(state_unit_name(st, NULL), "UBND xã Khác");
	state_free(st);
	/* the own unit still takes the config's values */
	cr_assert_eq(sim_run(NULL, A "$DVK set 1.1 status=done >/dev/null", tmp, tmp, tmp), 0);
	st = load(FILE_OF("a"), tmp);
	cr_expect_str_eq(state_unit_name(st, NULL), "UBND xã Quảng Hòa");
	cr_expect_str_eq(state_unit_parent(st, NULL), "huyen-quang-xuong");
	state_free(st);
	free(other);
}

/* `_unit` is dvk's reserved id: people read what it is. */
Test(unit, the_reserved_id_never_reaches_the_user, .init = fresh, .fini = done)
{
	char *out;

	cr_assert_eq(sim_run(&out, A "$DVK unit name 'UBND xã Quảng Hòa' && cp " FILE_OF("a") " %s/before.yaml && "
				       "$DVK unit parent huyen-a && $DVK log && echo diff: && "
				       "$DVK diff %s/before.yaml " FILE_OF("a"), tmp, tmp, tmp, tmp, tmp, tmp, tmp), 0);
	cr_expect(strstr(out, "Name of the unit: saved 1 change to "), "%s", out);
	cr_expect(strstr(out, "Parent unit: saved 1 change to "), "%s", out);
	cr_expect(strstr(out, "  Name of the unit: UBND xã Quảng Hòa\n"), "%s", out);
	cr_expect(strstr(out, "  Parent unit: huyen-a\n"), "%s", out);
	cr_expect(strstr(strstr(out, "diff:") ? strstr(out, "diff:") : "", "  Parent unit: huyen-a\n"), "%s", out);
	cr_expect_null(strstr(out, "_unit"), "%s", out);
	free(out);
	cr_assert_eq(sim_run(&out, A "unset DVK_LANG; $DVK unit name 'UBND xã Quảng Hòa mới'", tmp, tmp, tmp), 0);
	cr_expect(strstr(out, "Tên đơn vị: đã lưu 1 thay đổi vào "), "%s", out);
	cr_expect_null(strstr(out, "_unit"), "%s", out);
	free(out);
	cr_assert_eq(sim_run(&out, A "$DVK set _unit name='Xã Hai' parent=huyen-c", tmp, tmp, tmp), 0);
	cr_expect(strstr(out, "The unit's name and parent: saved 2 changes to "), "%s", out);
	free(out);
}

/* Someone else names the unit: "Thay đổi mới" says so at the next start
 * (it used to open with no row at all), as "xa-thu → the name", who, when. */
Test(unit, the_tui_lists_a_first_name_given_by_someone_else)
{
	char *root = tr_root();
	const char *other[] = { "DVK_USER=Trần Văn Minh", NULL };
	char *set[] = { "set", "1.1", "status=done", NULL };
	char *name[] = { "unit", "name", "UBND xã Thử", NULL };
	struct vt *v;

	cr_assert_eq(tr_cli(root, other, set, NULL), 0);
	v = tr_start(root, 24, 80, NULL, NULL); /* a first start: this is seen */
	cr_assert_not_null(v);
	EXPECT(v, "Tiến độ");
	tr_quit(v);
	vt_free(v);
	cr_assert_eq(tr_cli(root, other, name, NULL), 0);
	v = tr_start(root, 24, 80, NULL, NULL);
	cr_assert_not_null(v);
	EXPECT(v, "Thay đổi mới");
	EXPECT(v, "Trần Văn Minh  Tên đơn vị: xa-thu → UBND xã Thử");
	char *scr = vt_screen(v);
	cr_expect_null(strstr(scr, "không có gì mới"), "%s", scr);
	cr_expect_null(strstr(scr, "_unit"), "%s", scr);
	free(scr);
	vt_key(v, VTERM_KEY_ENTER); /* no item to open: it stays */
	EXPECT(v, "Thay đổi mới");
	vt_key(v, VTERM_KEY_ESCAPE);
	EXPECT(v, "Tiến độ");
	tr_quit(v);
	vt_free(v);
	free(root);
}

/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_static.c: the static binary (make static) alone in an empty chroot:
 * no shared libraries, no terminfo database, no locale files, nothing but
 * the one file.  `dvk status`, `dvk set` and the terminal UI at 80x24 with
 * TERM=putty must work, in Vietnamese.
 *
 * Skipped unless the static binary is built (make static; `make
 * static-test` builds it and runs this suite) and the suite runs as root
 * (chroot).
 */
#include <criterion/criterion.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/base.h"
#include "tests/helpers/sim.h"
#include "tests/helpers/tuirun.h"
#include "tests/helpers/vt.h"

static char *bin, *root;

/* An empty root with the static binary in it, and a home folder. */
static void chroot_up(void)
{
	const char *src = getenv("DVK_SRC");
	const char *given = getenv("DVK_STATIC");
	struct stat sb;

	bin = given && *given ? xstrdup(given) : xasprintf("%s/build-static/dvk", src ? src : ".");
	if (stat(bin, &sb) != 0)
		cr_skip_test("no static binary at %s (make static)", bin);
	if (geteuid() != 0)
		cr_skip_test("chroot needs root");
	root = sim_tmpdir();
	cr_assert_eq(sim_run(NULL, "mkdir '%s/home' && cp '%s' '%s/dvk'", root, bin, root), 0);
}

static void chroot_down(void)
{
	free(bin);
	free(root);
}

/* dvk ARGS in the chroot, with only what a bare system has. */
#define IN_ROOT "env -i HOME=/home DVK_UNIT=xa-quang-hoa DVK_USER='Lê Thị Hạnh' TERM=putty " \
		"/usr/sbin/chroot '%s' /dvk "

Test(static_binary, is_one_file_and_needs_nothing_else, .init = chroot_up, .fini = chroot_down)
{
	char *out;

	cr_assert_eq(sim_run(&out, "file -b '%s'", bin), 0);
	cr_assert(strstr(out, "statically linked"), "%s", out);
	free(out);
	cr_assert_eq(sim_run(&out, "find '%s' | wc -l", root), 0);
	cr_assert_str_eq(out, "3\n", "the root holds more than /dvk and /home");
	free(out);
}

Test(static_binary, status_and_set_run_in_vietnamese, .init = chroot_up, .fini = chroot_down)
{
	char *out;

	cr_assert_eq(sim_run(&out, IN_ROOT "status 2>&1", root), 0, "%s", out);
	cr_assert(strstr(out, "Dân vận khéo"), "%s", out);
	cr_assert(strstr(out, "\nĐơn vị: xa-quang-hoa\n"), "%s", out);
	free(out);
	cr_assert_eq(sim_run(&out, IN_ROOT "set 1.2 status=done note='Đã họp' 2>&1", root), 0, "%s", out);
	cr_assert(strstr(out, "1.2: đã lưu 2 thay đổi vào /home/"), "%s", out);
	free(out);
	cr_assert_eq(sim_run(&out, IN_ROOT "status --format csv", root), 0);
	cr_assert(strstr(out, "\nall,,1,0,0,38,3\n"), "%s", out);
	free(out);
	/* a refused edit is refused in Vietnamese too, and writes nothing */
	cr_assert_eq(sim_run(&out, IN_ROOT "set 1.2 colour=red 2>&1", root), 1, "%s", out);
	cr_assert(strstr(out, "dvk"), "%s", out);
	free(out);
}

Test(static_binary, the_terminal_ui_runs_with_term_putty_and_no_terminfo, .init = chroot_up,
     .fini = chroot_down)
{
	const char *env[] = { "HOME=/home", "TERM=putty", "DVK_UNIT=xa-quang-hoa", "DVK_USER=Lê Thị Hạnh",
			      "LANG", "LC_ALL", "LANGUAGE", "DVK_LANG", "DVK_DATA", "XDG_CONFIG_HOME",
			      "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "TERMINFO",
			      "TERMINFO_DIRS", "ESCDELAY=25", NULL };
	char *argv[] = { "/usr/sbin/chroot", root, "/dvk", NULL };
	struct vt *v = vt_spawn(24, 80, argv, env);

	cr_assert_not_null(v);
	EXPECT(v, "Dân vận khéo");
	EXPECT(v, "1. Quán triệt");
	EXPECT(v, "0/38");
	vt_key(v, VTERM_KEY_ENTER);
	EXPECT(v, "[ ] 1.2");
	vt_key(v, VTERM_KEY_DOWN);
	EXPECT_SELECTED(v, "[ ] 1.2");
	vt_type(v, " ");
	EXPECT_SELECTED(v, "[x] 1.2");
	vt_key(v, VTERM_KEY_ESCAPE);
	EXPECT(v, "1/38");
	tr_quit(v);
	vt_free(v);

	/* the key press was saved, in the chroot's home */
	char *out;

	cr_assert_eq(sim_run(&out, IN_ROOT "status --format csv", root), 0);
	cr_assert(strstr(out, "\nall,,1,0,0,38,3\n"), "%s", out);
	free(out);
}

/* The other terminals it carries start too (one screen each). */
Test(static_binary, every_built_in_terminal_starts, .init = chroot_up, .fini = chroot_down)
{
	static const char *const terms[] = { "xterm", "xterm-256color", "linux", "screen",
					      "tmux", "vt100" };

	for (size_t i = 0; i < ARRAY_LEN(terms); i++) {
		char *term = xasprintf("TERM=%s", terms[i]);
		const char *env[] = { "HOME=/home", term, "DVK_UNIT=xa-quang-hoa", "DVK_USER=An", "LANG",
				      "LC_ALL", "DVK_LANG", "DVK_DATA", "XDG_CONFIG_HOME", "XDG_DATA_HOME",
				      "XDG_STATE_HOME", "XDG_CACHE_HOME", "ESCDELAY=25", NULL };
		char *argv[] = { "/usr/sbin/chroot", root, "/dvk", NULL };
		struct vt *v = vt_spawn(24, 80, argv, env);

		cr_assert_not_null(v);
		if (!vt_wait(v, "1. Quán triệt", WAIT_MS) && !vt_wait(v, "1. Quan triet", 1)) {
			char *scr = vt_screen(v);
			cr_assert_fail("TERM=%s: no overview:\n%s", terms[i], scr);
		}
		tr_quit(v);
		vt_free(v);
		free(term);
	}
}

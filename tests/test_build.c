/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_build.c: the Makefile as a packager meets it, read from `make -n`
 * (what make would run, nothing built): the packager's CPPFLAGS, CFLAGS
 * and LDFLAGS add to the project's flags, the build-time generator is
 * compiled with CC_FOR_BUILD, plain `make` installs nothing, `make install`
 * takes PREFIX at install time, and every source file carries its licence.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "tests/helpers/sim.h"

/* The commands `make -n -B ARGS TARGET` prints, from a fresh build folder. */
static char *dry_run(const char *args, const char *target)
{
	char *dir = sim_tmpdir(), *out;

	cr_assert_eq(sim_run(&out, "cd \"$DVK_SRC\" && make -n -B --no-print-directory BUILD='%s/b' %s %s 2>&1",
			     dir, args, target),
		     0, "make -n %s %s failed", args, target);
	free(dir);
	return out;
}

/* Each line of out that contains all of has[] must contain every of
 * want[]; returns how many lines matched. */
static int lines_with(const char *out, const char *const has[], const char *const want[])
{
	int n = 0;

	for (const char *p = out; *p;) {
		size_t len = strcspn(p, "\n");
		char *line = xstrndup(p, len);
		bool all = true;

		for (size_t i = 0; has[i] && all; i++)
			all = strstr(line, has[i]) != NULL;
		if (all) {
			n++;
			for (size_t i = 0; want[i]; i++)
				cr_expect(strstr(line, want[i]), "missing %s in:\n%s", want[i], line);
		}
		free(line);
		p += len + (p[len] == '\n');
	}
	return n;
}

Test(build, a_packagers_flags_add_to_the_projects)
{
	char *out = dry_run("CPPFLAGS=-DFROM_PACKAGER CFLAGS=-O1 LDFLAGS=-Wl,-z,now CC=cc",
			    "all");
	const char *compile[] = { "cc ", " -c -o ", "cli/main.o", NULL };
	const char *compile_flags[] = { "-D_GNU_SOURCE", "-DDVK_VERSION=", "-DFROM_PACKAGER", "-std=c11",
					"-Wall", "-O1", NULL };
	const char *link[] = { "-o ", "/b/dvk ", NULL };
	const char *link_flags[] = { "-Wl,-z,now", "yaml", NULL };

	cr_assert_eq(lines_with(out, compile, compile_flags), 1, "%s", out);
	cr_assert_eq(lines_with(out, link, link_flags), 1, "%s", out);
	free(out);
}

Test(build, the_generator_is_compiled_for_the_build_machine)
{
	char *out = dry_run("CC=target-cc CC_FOR_BUILD=build-cc", "all");
	const char *gen_compile[] = { " -c -o ", "host/tools/gendirective.o", NULL };
	const char *gen_link[] = { "-o ", "host/tools/gendirective ", NULL };
	const char *by_build_cc[] = { "build-cc ", NULL };
	const char *main_compile[] = { " -c -o ", "cli/main.o", NULL };
	const char *by_target_cc[] = { "target-cc ", NULL };

	cr_assert_eq(lines_with(out, gen_compile, by_build_cc), 1, "%s", out);
	cr_assert_eq(lines_with(out, gen_link, by_build_cc), 1, "%s", out);
	cr_assert_eq(lines_with(out, main_compile, by_target_cc), 1, "%s", out);
	/* the only program make runs while building is the host's generator */
	cr_assert(strstr(out, "/b/host/tools/gendirective content/"), "%s", out);
	free(out);
}

Test(build, plain_make_installs_nothing)
{
	char *out = dry_run("", "all");

	cr_assert_null(strstr(out, "apt-get"), "%s", out);
	cr_assert(strstr(out, "tools/deps.sh --check build"), "%s", out);
	free(out);
	out = dry_run("", "deps");
	cr_assert(strstr(out, "tools/deps.sh test"), "%s", out);
	free(out);
}

/* The binary of a plain `make` (built for /usr/local) installed with
 * PREFIX=/usr finds the catalogue installed with it, relative to itself;
 * the man pages (both languages), completion and README go in too. */
Test(build, install_with_another_prefix_needs_no_rebuild)
{
	const char *bin = getenv("DVK_BIN");
	char *dir = sim_tmpdir(), *build = xstrndup(bin, strrchr(bin, '/') - bin), *out;
	static const char *const files[] = {
		"usr/bin/dvk", "usr/share/locale/vi/LC_MESSAGES/dvk.mo", "usr/share/man/man1/dvk.1",
		"usr/share/man/man5/dvk-state.5", "usr/share/man/vi/man1/dvk.1",
		"usr/share/man/vi/man5/dvk-state.5", "usr/share/bash-completion/completions/dvk",
		"usr/share/doc/dvk/README.md",
	};

	/* -o all: install what is built, never rebuild it */
	cr_assert_eq(sim_run(&out, "cd \"$DVK_SRC\" && make -s -o all BUILD='%s' DESTDIR='%s' PREFIX=/usr install 2>&1",
			     build, dir), 0, "%s", out);
	free(out);
	for (size_t i = 0; i < ARRAY_LEN(files); i++)
		cr_expect_eq(sim_run(NULL, "test -s '%s/%s'", dir, files[i]), 0, "missing %s", files[i]);
	cr_assert_eq(sim_run(&out, "unset DVK_LANG LANGUAGE; LANG=C.UTF-8 '%s/usr/bin/dvk' --help", dir), 0);
	cr_assert(strstr(out, "cách dùng:\n  dvk [TÙY_CHỌN]"), "%s", out);
	free(out);
	cr_assert_eq(sim_run(NULL, "cd \"$DVK_SRC\" && make -s BUILD='%s' DESTDIR='%s' PREFIX=/usr uninstall",
			     build, dir), 0);
	cr_assert_eq(sim_run(&out, "find '%s' -type f | wc -l", dir), 0);
	cr_assert_str_eq(out, "0\n", "uninstall left files behind");
	free(out);
	free(build);
	free(dir);
}

/* Every source file says whose it is and under which licence, in its first
 * lines (after a #! line): a file copied out of the tree keeps both. */
Test(build, every_source_file_has_a_copyright_header)
{
	char *out;

	sim_run(&out, "cd \"$DVK_SRC\" && find . -path './build*' -prune -o -path ./tests/fixtures -prune -o "
		      "-path ./fuzz/corpus -prune -o -path ./.git -prune -o -type f "
		      "\\( -name '*.[ch]' -o -name '*.sh' -o -name '*.awk' -o -name '*.py' -o -name Makefile -o -path ./.ci/run "
		      "-o -path ./completion/dvk \\) -print | sort | tr '\\n' '\\0' | xargs -0 awk "
		      "'FNR == 1 { if (f != \"\" && !ok) print f; f = FILENAME; ok = 0 } "
		      "FNR <= 2 && /Copyright 20[0-9][0-9] the dvk developers.*SPDX-License-Identifier: GPL-3.0-or-later/ "
		      "{ ok = 1 } END { if (f != \"\" && !ok) print f }'");
	cr_expect_str_eq(out, "", "these files lack the line \"Copyright 2026 the dvk developers.  "
			 "SPDX-License-Identifier: GPL-3.0-or-later\" (a comment, first or after #!):\n%s", out);
	free(out);
	/* the walk saw the tree at all */
	cr_assert_eq(sim_run(&out, "cd \"$DVK_SRC\" && head -n 1 base/base.c"), 0);
	cr_assert(strstr(out, "SPDX-License-Identifier: GPL-3.0-or-later"), "%s", out);
	free(out);
}

/* The catalogue is what the sources give and complete: `make update-po`
 * would change nothing, and msgfmt counts nothing untranslated or fuzzy. */
Test(build, the_vietnamese_catalogue_is_complete_and_current)
{
	char *out;
	int rc = sim_run(&out, "cd \"$DVK_SRC\" && make -s check-po 2>&1 && "
			       "LC_ALL=C msgfmt --statistics -o /dev/null po/vi.po 2>&1");

	cr_assert_eq(rc, 0, "%s", out);
	cr_assert(strstr(out, " translated messages.\n") && !strstr(out, "fuzzy") &&
		  !strstr(out, "untranslated"), "%s", out);
	free(out);
}

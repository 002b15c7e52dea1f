/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_config.c: settings precedence, the config file, identity.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "tests/helpers/sim.h"

static char *home;

static void sealed(void)
{
	char *p;

	home = sim_tmpdir();
	setenv("HOME", home, 1);
	p = xasprintf("%s/cfg", home);
	setenv("XDG_CONFIG_HOME", p, 1);
	free(p);
	p = xasprintf("%s/state", home);
	setenv("XDG_STATE_HOME", p, 1);
	free(p);
	p = xasprintf("%s/share", home);
	setenv("XDG_DATA_HOME", p, 1);
	free(p);
	unsetenv("DVK_DATA");
	unsetenv("DVK_UNIT");
	unsetenv("DVK_USER");
	unsetenv("DVK_LANG");
}

static void cleanup(void)
{
	free(home);
}

TestSuite(config, .init = sealed, .fini = cleanup);

Test(config, defaults_follow_xdg)
{
	struct config c;
	struct dvk_error err;
	char *want = xasprintf("%s/share/dvk", home);

	cr_assert(config_load(&c, NULL, &err), "%s", err.message);
	cr_assert_str_eq(c.data_dir, want);
	cr_assert_null(c.unit);
	cr_assert_null(c.user);
	cr_assert_str_eq(c.lang, "vi");
	config_free(&c);
	free(want);
}

Test(config, flags_beat_environment_which_beats_the_file)
{
	struct config c;
	struct dvk_error err;
	struct config_flags flags = { .unit = "xa-tu-co" };
	char *dir = xasprintf("%s/cfg/dvk", home), *file = xasprintf("%s/config.yaml", dir);
	const char *text = "unit: xa-tu-file\nuser: Người Trong Tệp\ndata: /srv/dvk\n";

	cr_assert(dvk_mkdirs(dir, &err));
	sim_write(file, text, strlen(text));
	setenv("DVK_USER", "Người Trong Biến", 1);
	cr_assert(config_load(&c, &flags, &err), "%s", err.message);
	cr_assert_str_eq(c.unit, "xa-tu-co");
	cr_assert_str_eq(c.user, "Người Trong Biến");
	cr_assert_str_eq(c.data_dir, "/srv/dvk");
	config_free(&c);
	free(dir);
	free(file);
}

Test(config, config_set_remembers_and_keeps_other_settings)
{
	struct config c, again;
	struct dvk_error err;

	cr_assert(config_load(&c, NULL, &err));
	cr_assert(config_set(&c, "unit", "xa-quang-hoa", &err), "%s", err.message);
	cr_assert(config_set(&c, "user", "Lê Thị Hạnh", &err), "%s", err.message);
	cr_assert(config_load(&again, NULL, &err), "%s", err.message);
	cr_assert_str_eq(again.unit, "xa-quang-hoa");
	cr_assert_str_eq(again.user, "Lê Thị Hạnh");
	config_free(&c);
	config_free(&again);
}

Test(config, a_broken_config_file_names_its_line)
{
	struct config c;
	struct dvk_error err;
	char *dir = xasprintf("%s/cfg/dvk", home), *file = xasprintf("%s/config.yaml", dir);
	const char *text = "unit: xa\ncolour: red\n";

	cr_assert(dvk_mkdirs(dir, &err));
	sim_write(file, text, strlen(text));
	cr_assert_not(config_load(&c, NULL, &err));
	cr_assert_eq(err.line, 2);
	cr_assert(strstr(err.message, "colour"), "%s", err.message);
	config_free(&c);
	free(dir);
	free(file);
}

Test(config, a_bad_unit_id_is_refused)
{
	struct config c;
	struct dvk_error err;
	struct config_flags flags = { .unit = "Xã Quảng Hòa" };

	cr_assert_not(config_load(&c, &flags, &err));
	cr_assert(strstr(err.message, "unit id"), "%s", err.message);
	config_free(&c);
}

Test(config, the_replica_id_is_made_once)
{
	struct config c;
	struct dvk_error err;
	char *a, *b;

	cr_assert(config_load(&c, NULL, &err));
	a = config_replica(&c, &err);
	b = config_replica(&c, &err);
	cr_assert_not_null(a);
	cr_assert_str_eq(a, b);
	cr_assert_gt(strlen(a), 5);
	free(a);
	free(b);
	config_free(&c);
}

Test(config, the_saved_clock_never_goes_backwards)
{
	struct config c;
	struct dvk_error err;
	struct hlc h = { 2000, 5 }, low = { 1000, 0 }, back;

	cr_assert(config_load(&c, NULL, &err));
	cr_assert(config_clock_save(&c, &h, &err), "%s", err.message);
	cr_assert(config_clock_save(&c, &low, &err), "%s", err.message);
	cr_assert(config_clock_load(&c, &back, &err));
	cr_assert_eq(back.l, 2000);
	cr_assert_eq(back.c, 5);
	config_free(&c);
}

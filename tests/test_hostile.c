/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_hostile.c: malformed, malicious and odd files, each with its clear
 * message, run through the real build/dvk as a user would meet them.
 *
 * tests/fixtures/hostile/NAME.yaml holds one case and NAME.expect either
 * "ok" (accepted) or the start of what `dvk check` prints on stderr,
 * "NAME.yaml:LINE:COL: message".  Every fixture is also put in place as
 * the own unit's state file for `dvk set` and given to `dvk merge`: a
 * refused file must make both fail and leave every file in the folder
 * byte-identical (no temp file, no partial write, no new output file).
 * Nothing dvk prints may carry a raw escape character.
 *
 * Cases too big to commit (64 MiB, 10 MB note, 100,000 items, nesting
 * 10,000 deep, a line longer than the scalar cap) are generated here.
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/base.h"
#include "tests/helpers/sim.h"

#define DIR_ID "thanh-hoa-dvk-2023"
#define STATE_HEADER "format: dvk-state/1\ndirective: " DIR_ID "\nunit: xa-a\n"
#define ENV "export DVK_DATA='%s' DVK_UNIT=xa-a DVK_USER='Lê Thị Hạnh'; "

static const char *src_dir(void)
{
	const char *s = getenv("DVK_SRC");

	return s && *s ? s : ".";
}

static char *fixture_dir(void)
{
	return xasprintf("%s/tests/fixtures/hostile", src_dir());
}

/* ---- snapshots: every file under a folder, by name, size and hash ---- */

static uint64_t fnv(const char *p, size_t n)
{
	uint64_t h = 1469598103934665603ULL;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)p[i]) * 1099511628211ULL;
	return h;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void snap_walk(const char *root, const char *rel, struct buf *out)
{
	char *dir = xasprintf("%s%s%s", root, *rel ? "/" : "", rel);
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0;

	cr_assert_not_null(d, "cannot open %s", dir);
	while ((e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		names = xrealloc(names, (n + 1) * sizeof *names);
		names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof *names, cmp_str);
	for (size_t i = 0; i < n; i++) {
		char *r = xasprintf("%s%s%s", rel, *rel ? "/" : "", names[i]);
		char *full = xasprintf("%s/%s", root, r);
		struct stat sb;

		cr_assert_eq(lstat(full, &sb), 0);
		if (S_ISDIR(sb.st_mode)) {
			buf_printf(out, "%s/\n", r);
			snap_walk(root, r, out);
		} else {
			size_t len;
			char *bytes = sim_read(full, &len);

			buf_printf(out, "%s %zu %016llx\n", r, len,
				   (unsigned long long)fnv(bytes, len));
			free(bytes);
		}
		free(full);
		free(r);
		free(names[i]);
	}
	free(names);
	free(dir);
}

static char *snapshot(const char *root)
{
	struct buf b = {0};

	snap_walk(root, "", &b);
	buf_adds(&b, "");
	return buf_steal(&b);
}

static void assert_no_escape(const char *out, const char *what)
{
	const char *esc = strchr(out, '\x1b');

	cr_assert_null(esc, "%s printed a raw ESC: ...%.40s", what, esc ? esc : "");
	cr_assert_null(strstr(out, "\xc2\x9b"), "%s printed a raw CSI (U+009B)", what);
	cr_assert_null(strchr(out, '\a'), "%s printed a raw BEL", what);
}

static char *read_expect(const char *dir, const char *name)
{
	char *path = xasprintf("%s/%s.expect", dir, name), *s;
	size_t len;

	s = sim_read(path, &len);
	cr_assert_not_null(s, "%s is missing: every hostile file needs its expected message", path);
	while (len && (s[len - 1] == '\n' || s[len - 1] == '\r'))
		s[--len] = '\0';
	free(path);
	return s;
}

/* A data folder with a good file of another unit beside the own one, so
 * "every other file untouched" has something to watch. */
static char *data_with(const char *own_path, const char *own_bytes, size_t own_len)
{
	char *data = sim_tmpdir();
	char *folder = xasprintf("%s/" DIR_ID, data);
	char *own = xasprintf("%s/xa-a.dvk.yaml", folder);
	char *other = xasprintf("%s/xa-b.dvk.yaml", folder);
	static const char good_b[] = "format: dvk-state/1\ndirective: " DIR_ID "\nunit: xa-b\nlog: []\n";
	struct dvk_error err;

	cr_assert(dvk_mkdirs(folder, &err), "%s", err.message);
	sim_write(other, good_b, strlen(good_b));
	if (own_path) {
		char *cmd = xasprintf("cp '%s' '%s'", own_path, own);

		cr_assert_eq(system(cmd), 0);
		free(cmd);
	} else {
		sim_write(own, own_bytes, own_len);
	}
	free(folder);
	free(own);
	free(other);
	return data;
}

/* Run `dvk set` with the hostile file as the own state file and `dvk
 * merge` with it as an input; when refused (expect_ok false) both must fail
 * and change nothing.  msg (may be NULL) must appear in set's output. */
static void set_and_merge(const char *file, bool expect_ok, const char *msg, const char *name)
{
	char *data = data_with(file, NULL, 0);
	char *before = snapshot(data), *after, *out;
	int rc;

	rc = sim_run(&out, ENV "$DVK set 1.2 status=done 2>&1", data);
	assert_no_escape(out, name);
	after = snapshot(data);
	if (expect_ok) {
		cr_expect_eq(rc, 0, "%s: dvk set refused an acceptable file: %s", name, out);
	} else {
		cr_expect_eq(rc, 1, "%s: dvk set exit %d: %s", name, rc, out);
		cr_expect_str_eq(after, before, "%s: dvk set changed the folder:\n%s\nwas\n%s", name, after, before);
		if (msg)
			cr_expect(strstr(out, msg), "%s: dvk set said \"%s\", not \"%s\"", name, out, msg);
	}
	free(out);
	free(after);
	free(before);

	/* merge: into a fresh output file, and over an existing one */
	char *good = xasprintf("%s/" DIR_ID "/xa-b.dvk.yaml", data);
	char *newout = xasprintf("%s/merged.yaml", data);
	char *oldout = xasprintf("%s/existing.yaml", data);

	sim_write(oldout, "keep me\n", 8);
	before = snapshot(data);
	rc = sim_run(&out, "$DVK merge '%s' '%s' -o '%s' 2>&1; echo \"rc=$?\"; "
		     "$DVK merge '%s' '%s' -o '%s' 2>&1; echo \"rc=$?\"",
		     file, file, newout, file, good, oldout);
	assert_no_escape(out, name);
	if (!expect_ok) {
		cr_expect(strstr(out, "rc=1\n") && !strstr(out, "rc=0\n"), "%s: dvk merge: %s", name, out);
		after = snapshot(data);
		cr_expect_str_eq(after, before, "%s: dvk merge changed the folder:\n%s\nwas\n%s", name, after, before);
		free(after);
	}
	free(out);
	free(before);
	free(good);
	free(newout);
	free(oldout);
	free(data);
}

static void check_one(const char *dir, const char *name, const char *expect)
{
	char *out, *file = xasprintf("%s/%s.yaml", dir, name), *before, *after;
	size_t blen, alen;
	int rc;

	before = sim_read(file, &blen);
	rc = sim_run(&out, "cd '%s' && $DVK check '%s.yaml' 2>&1", dir, name);
	assert_no_escape(out, name);
	if (strcmp(expect, "ok") == 0) {
		char *want = xasprintf("%s.yaml: ok", name);

		cr_expect_eq(rc, 0, "%s: refused: %s", name, out);
		cr_expect(strstr(out, want), "%s: %s", name, out);
		free(want);
	} else {
		cr_expect_eq(rc, 1, "%s: exit %d: %s", name, rc, out);
		cr_expect(strncmp(out, expect, strlen(expect)) == 0,
			  "%s: got\n  %s\nwant a line starting\n  %s", name, out, expect);
		cr_expect_null(strchr(out, '\n') == out + strlen(out) - 1 ? NULL : out,
			       "%s: more than one line of output: %s", name, out);
	}
	after = sim_read(file, &alen);
	cr_expect(alen == blen && memcmp(before, after, alen) == 0, "%s: dvk check changed the file", name);
	free(before);
	free(after);
	free(out);
	free(file);
}

static bool is_state_fixture(const char *file)
{
	size_t len;
	char *s = sim_read(file, &len);
	bool yes = s && strstr(s, "dvk-directive/1") == NULL;

	free(s);
	return yes;
}

Test(hostile, every_fixture_gets_its_message, .timeout = 120)
{
	char *dir = fixture_dir();
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	cr_assert_not_null(d, "no %s", dir);
	while ((e = readdir(d))) {
		size_t l = strlen(e->d_name);

		if (l < 6 || strcmp(e->d_name + l - 5, ".yaml") != 0)
			continue;
		char *name = xstrndup(e->d_name, l - 5);
		char *expect = read_expect(dir, name);

		check_one(dir, name, expect);
		free(expect);
		free(name);
		n++;
	}
	closedir(d);
	cr_assert_geq(n, 25, "only %d hostile fixtures found in %s", n, dir);
	free(dir);
}

Test(hostile, refused_files_leave_every_file_untouched, .timeout = 120)
{
	char *dir = fixture_dir();
	DIR *d = opendir(dir);
	struct dirent *e;

	cr_assert_not_null(d);
	while ((e = readdir(d))) {
		size_t l = strlen(e->d_name);

		if (l < 6 || strcmp(e->d_name + l - 5, ".yaml") != 0)
			continue;
		char *name = xstrndup(e->d_name, l - 5);
		char *expect = read_expect(dir, name);
		char *file = xasprintf("%s/%s", dir, e->d_name);
		bool ok = strcmp(expect, "ok") == 0 && is_state_fixture(file);
		/* set names the file by its place in the data folder, and
		 * words some whole-file problems as a state file's; the
		 * position must be the same as check's */
		char *pos = NULL;
		const char *colon = strchr(expect, ':');
		int line, col, used = 0;

		if (colon && sscanf(colon, ":%d:%d:%n", &line, &col, &used) == 2 && used)
			pos = xasprintf("xa-a.dvk.yaml:%d:%d: ", line, col);
		set_and_merge(file, ok, ok || !is_state_fixture(file) ? NULL : pos, name);
		free(pos);
		free(file);
		free(expect);
		free(name);
	}
	closedir(d);
	free(dir);
}

/* The accepted files with escape sequences in names, notes and titles
 * print sanitised everywhere. */
Test(hostile, escape_sequences_in_names_are_printed_harmless)
{
	char *dir = fixture_dir(), *out;
	char *data = xasprintf("%s/escape-names.yaml", dir);
	char *own = data_with(data, NULL, 0);

	cr_assert_eq(sim_run(&out, ENV "$DVK status 2>&1; $DVK log 2>&1; $DVK status --format csv 2>&1; "
			     "$DVK merge \"$DVK_DATA/" DIR_ID "/xa-a.dvk.yaml\" 2>&1", own), 0);
	assert_no_escape(out, "status/log/merge of escape-names");
	cr_assert(strstr(out, "^[]0;pwned^G"), "the name should show in caret notation: %s", out);
	cr_assert(strstr(out, "^[[2J"), "the note should show in caret notation: %s", out);
	free(out);
	cr_assert_eq(sim_run(&out, "cd '%s' && export DVK_DATA=\"$(mktemp -d)\" DVK_UNIT=xa-a; "
			     "$DVK --directive escape-directive.yaml status 2>&1 && "
			     "$DVK --directive escape-directive.yaml check escape-directive.yaml 2>&1",
			     dir), 0);
	assert_no_escape(out, "status with escape-directive");
	cr_assert(strstr(out, "^[]0;pwned^G"), "%s", out);
	free(out);
	free(own);
	free(data);
	free(dir);
}

/* Another unit's file in the own unit's place is refused by `dvk set`,
 * not silently edited. */
Test(hostile, another_units_file_in_the_own_place_is_refused)
{
	static const char other[] = "format: dvk-state/1\ndirective: " DIR_ID "\nunit: xa-b\nlog: []\n";
	char *data = data_with(NULL, other, strlen(other));
	char *before = snapshot(data), *after, *out;

	cr_assert_eq(sim_run(&out, ENV "$DVK set 1.2 status=done 2>&1", data), 1, "%s", out);
	cr_assert(strstr(out, "xa-b"), "%s", out);
	after = snapshot(data);
	cr_assert_str_eq(after, before);
	free(out);
	free(after);
	free(before);
	free(data);
}

/* ---- generated cases ---- */

/* Write a file in a fresh folder; returns the folder. */
static char *gen_file(const char *name, const struct buf *b)
{
	char *dir = sim_tmpdir(), *path = xasprintf("%s/%s", dir, name);

	sim_write(path, b->data, b->len);
	free(path);
	return dir;
}

static void expect_check(const char *dir, const char *name, int want_rc, const char *want)
{
	char *out;
	int rc = sim_run(&out, "cd '%s' && $DVK check '%s' 2>&1", dir, name);

	assert_no_escape(out, name);
	cr_expect_eq(rc, want_rc, "%s: exit %d: %.300s", name, rc, out);
	cr_expect(strncmp(out, want, strlen(want)) == 0, "%s: got\n  %.300s\nwant\n  %s", name, out, want);
	free(out);
}

Test(hostile, a_64_mib_file_is_refused_before_it_is_read, .timeout = 60)
{
	char *dir = sim_tmpdir(), *path = xasprintf("%s/big.yaml", dir);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	cr_assert_geq(fd, 0);
	cr_assert_eq(write(fd, STATE_HEADER "log: []\n# ", sizeof STATE_HEADER + 10 - 1),
		     (ssize_t)(sizeof STATE_HEADER + 10 - 1));
	cr_assert_eq(ftruncate(fd, 64 << 20), 0); /* the rest reads as NULs */
	close(fd);
	expect_check(dir, "big.yaml", 1, "big.yaml: file is too large (67108864 bytes");
	set_and_merge(path, false, "file is too large", "64 MiB");
	free(path);
	free(dir);
}

Test(hostile, nesting_ten_thousand_deep_is_refused, .timeout = 60)
{
	struct buf b = {0};
	char *dir;

	buf_adds(&b, STATE_HEADER "unit_name: ");
	for (int i = 0; i < 10000; i++)
		buf_addc(&b, '[');
	for (int i = 0; i < 10000; i++)
		buf_addc(&b, ']');
	buf_adds(&b, "\nlog: []\n");
	dir = gen_file("deep.yaml", &b);
	expect_check(dir, "deep.yaml", 1, "deep.yaml:4:");
	char *out, *path = xasprintf("%s/deep.yaml", dir);

	sim_run(&out, "cd '%s' && $DVK check deep.yaml 2>&1", dir);
	cr_expect(strstr(out, "nesting is too deep"), "%s", out);
	free(out);
	set_and_merge(path, false, "nesting is too deep", "deep");

	free(path);
	free(dir);
	buf_free(&b);
}

Test(hostile, a_line_longer_than_the_scalar_cap_is_refused, .timeout = 60)
{
	struct buf b = {0};
	char *dir, *path;

	/* 2 MiB on one line, in a directive's title */
	buf_adds(&b, "format: dvk-directive/1\nid: x\ntitle: ");
	for (int i = 0; i < (1 << 20); i++)
		buf_add(&b, "á", 2);
	buf_addc(&b, '\n');
	dir = gen_file("long-line.yaml", &b);
	expect_check(dir, "long-line.yaml", 1, "long-line.yaml:3:8: scalar is too long (2097152 bytes");
	free(dir);
	buf_free(&b);

	/* 900 kB on one line in a note is long but allowed */
	buf_adds(&b, STATE_HEADER "log:\n  - id: XVFXC3DKJ7STFSCY\n    item: \"1.1\"\n    field: note\n    value: ");
	for (int i = 0; i < 300000; i++)
		buf_adds(&b, "ệ");
	buf_adds(&b, "\n    gen: 0\n    by: a\n    replica: b\n    at: \"2023-03-15T10:21:07.000Z\"\n    tick: 0\n");
	dir = gen_file("long-note.yaml", &b);
	expect_check(dir, "long-note.yaml", 0, "long-note.yaml: ok (unit xa-a, 1 event,");
	path = xasprintf("%s/long-note.yaml", dir);
	set_and_merge(path, true, NULL, "long note");
	free(path);
	free(dir);
	buf_free(&b);
}

Test(hostile, a_10_mb_note_is_refused, .timeout = 60)
{
	struct buf b = {0};
	char *dir, *path;

	buf_adds(&b, STATE_HEADER "log:\n  - id: XVFXC3DKJ7STFSCY\n    item: \"1.1\"\n    field: note\n    value: |\n");
	for (int i = 0; i < 10 * 1000 * 1000 / 80; i++)
		buf_adds(&b, "      Đã tổ chức hội nghị quán triệt ngày 14/3/2023, có 45 người dự.\n");
	buf_adds(&b, "    gen: 0\n    by: a\n    replica: b\n    at: \"2023-03-15T10:21:07.000Z\"\n    tick: 0\n");
	cr_assert_gt(b.len, 10 * 1000 * 1000);
	dir = gen_file("note.yaml", &b);
	expect_check(dir, "note.yaml", 1, "note.yaml:8:12: scalar is too long");
	path = xasprintf("%s/note.yaml", dir);
	set_and_merge(path, false, "scalar is too long", "10 MB note");
	free(path);
	free(dir);
	buf_free(&b);
}

static double now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* content/directive.c grows its item array one element at a time, which
 * AddressSanitizer's realloc (always a copy) makes quadratic: 100,000
 * items take over ten minutes there, so `make asan` loads fewer. */
#ifdef __SANITIZE_ADDRESS__
#define MANY_ITEMS 10000
#else
#define MANY_ITEMS 100000
#endif

Test(hostile, a_directive_with_100000_items_loads_in_seconds, .timeout = 300)
{
	struct buf b = {0};
	char *dir, *out, want[128];
	double t0;
	int rc;

	buf_adds(&b, "format: dvk-directive/1\nid: lon-2024\ntitle: Rất nhiều việc\nissuer: UBND\n"
		     "sections:\n  - id: \"1\"\n    title: Một\n    text: Đoạn.\n    items:\n");
	for (int i = 1; i <= MANY_ITEMS; i++)
		buf_printf(&b, "      - id: \"1.%d\"\n        text: Việc số %d.\n", i, i);
	dir = gen_file("many.yaml", &b);
	snprintf(want, sizeof want, "many.yaml: ok (directive lon-2024, 1 section, %d items)", MANY_ITEMS);
	expect_check(dir, "many.yaml", 0, want);
	t0 = now_s();
	rc = sim_run(&out, "cd '%s' && export DVK_DATA=\"$PWD/data\" DVK_UNIT=xa-a DVK_USER=a; "
		     "$DVK --directive many.yaml set 1.%d status=done 2>&1 && "
		     "$DVK --directive many.yaml status --format csv 2>&1 | tail -1", dir, MANY_ITEMS - 1);
	cr_expect_eq(rc, 0, "%s", out);
	snprintf(want, sizeof want, "all,,1,0,0,%d,0", MANY_ITEMS);
	cr_expect(strstr(out, want), "%s", out);
	cr_expect_lt(now_s() - t0, 30.0, "set + status over %d items took %.1f s", MANY_ITEMS, now_s() - t0);
	free(out);

	/* the same directive with one id repeated at the very end */
	buf_printf(&b, "      - id: \"1.7\"\n        text: Lặp.\n");
	free(dir);
	dir = gen_file("many-dup.yaml", &b);
	snprintf(want, sizeof want, "many-dup.yaml:%d:13: duplicate item id \"1.7\"", 2 * MANY_ITEMS + 10);
	expect_check(dir, "many-dup.yaml", 1, want);
	free(dir);
	buf_free(&b);
}

/* Found by fuzz/fuzz_roundtrip (fuzz/regress/roundtrip/
 * at-before-1970-changes-on-save.yaml): a time before 1970 was accepted
 * but written back as 1970-01-01, so saving a file changed its events
 * (and a join with the old copy then held both).  Now it is refused. */
Test(hostile, a_time_before_1970_is_refused_not_rewritten)
{
	static const char *ok[] = { "1970-01-01T00:00:00.000Z", "2023-03-15T10:21:07Z", "2099-12-31T23:59:59.999Z" };
	static const char *bad[] = { "1969-12-31T23:59:59.999Z", "1013-11-27T14:40:25.926Z", "0000-01-01T00:00:00Z",
				     "+023-03-15T10:21:07Z", "2023-3-15T10:21:07.000Z", "2023-03-15 10:21:07Z" };
	char buf[40];
	int64_t ms;

	for (size_t i = 0; i < ARRAY_LEN(ok); i++) {
		cr_assert(time_parse(ok[i], &ms), "%s refused", ok[i]);
		time_format(ms, buf, sizeof buf);
		int64_t again;

		cr_assert(time_parse(buf, &again) && again == ms, "%s does not survive a round trip (%s)", ok[i], buf);
	}
	for (size_t i = 0; i < ARRAY_LEN(bad); i++)
		cr_assert_not(time_parse(bad[i], &ms), "%s accepted", bad[i]);
}

/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_tui_msg.c: what the TUI says when something goes wrong: messages
 * in Vietnamese, the reason before the path, wrapped rather than cut, m
 * to see one whole; a state file broken by hand opens a recovery screen
 * that names the line, never writes the file, and puts the newest good
 * backup back on request.  At 80x24 and 60x20.
 */
#include <criterion/criterion.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "tests/helpers/tuirun.h"
#include "tests/helpers/vt.h"

static const int sizes[][2] = {{24, 80}, {20, 60}};

static void mkdirs(const char *path)
{
	char tmp[2048];
	snprintf(tmp, sizeof tmp, "%s", path);
	for (char *p = tmp + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(tmp, 0700);
			*p = '/';
		}
	mkdir(tmp, 0700);
}

/* The screen as one text, rows joined by spaces: a message wrapped over
 * lines reads on. */
static char *screen_flat(struct vt *v)
{
	char *s = vt_screen(v);
	for (char *p = s; *p; p++)
		if (*p == '\n')
			*p = ' ';
	return s;
}

/* ---- messages ---- */

Test(tui_msg, a_long_message_keeps_its_reason_first_is_wrapped_and_m_shows_it_whole)
{
	for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
		char *root = tr_root();
		char *data, *dir, *file, *env;
		cr_assert(asprintf(&data, "%s/Tài liệu dùng chung của Ủy ban nhân dân xã Quảng Hòa/"
				   "báo cáo công tác dân vận năm 2023/dữ liệu", root) > 0);
		cr_assert(asprintf(&dir, "%s/thanh-hoa-dvk-2023", data) > 0);
		cr_assert(asprintf(&file, "%s/xa-thu.dvk.yaml", dir) > 0);
		cr_assert(asprintf(&env, "DVK_DATA=%s", data) > 0);
		mkdirs(dir);
		const char *extra[] = {env, NULL};
		struct vt *v = tr_start(root, sizes[k][0], sizes[k][1], extra, NULL);
		cr_assert_not_null(v);
		EXPECT(v, "Tiến độ");
		/* a folder where the file goes: the save fails */
		cr_assert_eq(mkdir(file, 0700), 0);
		vt_type(v, "1.1\r ");
		EXPECT(v, "Chưa lưu được");
		char *s = screen_flat(v);
		const char *m = strstr(s, "Chưa lưu được");
		cr_assert(m);
		m = strstr(m, ": ");
		cr_assert(m, "%s", s);
		m += 2;
		/* the reason first, in Vietnamese; the path after it */
		cr_expect(m[0] != '/' && strstr(m, "(/") > m, "reason before the path:\n%s", s);
		cr_expect(strstr(s, "xa-thu.dvk.yaml") || strstr(s, "(m: xem cả thông báo)"),
			  "the message is cut and says nothing of it:\n%s", s);
		free(s);
		vt_type(v, "m");
		EXPECT(v, "Thông báo vừa hiện");
		EXPECT(v, "xa-thu.dvk.yaml");
		EXPECT(v, "thử lưu lại");
		s = screen_flat(v);
		cr_expect(strstr(s, "báo cáo công tác dân vận năm 2023"), "the path whole:\n%s", s);
		free(s);
		vt_key(v, VTERM_KEY_ESCAPE);
		cr_assert_eq(rmdir(file), 0);
		EXPECT(v, "Đã lưu.");
		vt_key(v, VTERM_KEY_ESCAPE);
		vt_key(v, VTERM_KEY_ESCAPE);
		tr_quit(v);
		vt_free(v);
		free(env);
		free(file);
		free(dir);
		free(data);
		free(root);
	}
}

/* ---- a file broken by hand ---- */

static char *state_path(const char *root)
{
	char *p;
	cr_assert(asprintf(&p, "%s/data/thanh-hoa-dvk-2023/xa-thu.dvk.yaml", root) > 0);
	return p;
}

static void cli(const char *root, char *const args[])
{
	cr_assert_eq(tr_cli(root, NULL, args, NULL), 0, "dvk %s %s failed", args[0], args[1]);
}

/* Break the first "  field: note" line (a key without its colon, as a
 * slip of the hand leaves it); returns its line number. */
static int break_by_hand(const char *path, char **good, char **broken)
{
	*good = tr_slurp(path);
	cr_assert_not_null(*good);
	char *at = strstr(*good, "\n  field: note\n");
	cr_assert_not_null(at, "no note entry in:\n%s", *good);
	int line = 2;
	for (const char *p = *good; p < at; p++)
		line += *p == '\n';
	*broken = strdup(*good);
	char *b = *broken + (at - *good);
	memmove(b + 8, b + 9, strlen(b + 9) + 1); /* "  field note" */
	cr_assert(tr_write(path, *broken, strlen(*broken)));
	return line;
}

/* The one file in dir whose name has ".broken-" (caller frees), or NULL. */
static char *find_aside(const char *dir)
{
	DIR *dh = opendir(dir);
	char *found = NULL;
	struct dirent *de;
	while (dh && (de = readdir(dh)))
		if (strstr(de->d_name, ".dvk.yaml.broken-") && !found)
			cr_assert(asprintf(&found, "%s/%s", dir, de->d_name) > 0);
	if (dh)
		closedir(dh);
	return found;
}

Test(tui_msg, a_hand_broken_file_opens_the_recovery_screen_and_a_backup_comes_back)
{
	for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
		char *root = tr_root();
		char *s1[] = {"set", "1.1", "status=done", NULL};
		char *s2[] = {"set", "1.2", "note=Đã họp ngày 14/3", NULL};
		cli(root, s1);
		cli(root, s2); /* the file as it was after 1.1 is a backup now */
		char *path = state_path(root);
		char *good, *broken;
		int line = break_by_hand(path, &good, &broken);

		struct vt *v = tr_start(root, sizes[k][0], sizes[k][1], NULL, NULL);
		cr_assert_not_null(v);
		EXPECT(v, "Không đọc được tệp của đơn vị này");
		char want[128];
		snprintf(want, sizeof want, "Dòng %d, cột 3:", line);
		EXPECT(v, want);
		EXPECT(v, "thiếu dấu ':'");
		/* the line itself, marked, with its number */
		snprintf(want, sizeof want, ">%6d    field note", line);
		EXPECT(v, want);
		EXPECT(v, "B lấy lại bản lưu");
		EXPECT(v, "Những việc đã làm trên máy này");
		/* leaving changes nothing, and says it was not a normal end */
		vt_type(v, "q");
		int st = vt_wait_exit(v, WAIT_MS);
		cr_expect(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 1, "exit status %d", st);
		vt_free(v);
		char *now = tr_slurp(path);
		cr_expect_str_eq(now, broken, "the broken file was written");
		free(now);

		v = tr_start(root, sizes[k][0], sizes[k][1], NULL, NULL);
		EXPECT(v, "Không đọc được tệp của đơn vị này");
		vt_type(v, "B");
		EXPECT(v, "Đã đặt lại bản sao lưu lúc");
		EXPECT(v, "Tiến độ");
		EXPECT(v, "1/38");
		tr_quit(v);
		vt_free(v);
		/* the broken file is kept aside, byte for byte */
		char *dir = strdup(path);
		*strrchr(dir, '/') = '\0';
		char *aside = find_aside(dir);
		cr_assert_not_null(aside, "the broken file is gone");
		char *kept = tr_slurp(aside);
		cr_expect_str_eq(kept, broken, "the file kept aside is not the broken one");
		free(kept);
		/* and the file in place is the backup, which dvk reads */
		char *out = NULL;
		char *chk[] = {"check", path, NULL};
		cr_expect_eq(tr_cli(root, NULL, chk, &out), 0, "dvk check: %s", out);
		free(out);
		/* the backup, and what this laptop's journal kept since */
		now = tr_slurp(path);
		cr_expect(strstr(now, "status: done") && strstr(now, "Đã họp ngày 14/3"),
			  "not the backup with the journal joined:\n%s", now);
		free(now);
		free(aside);
		free(dir);
		free(good);
		free(broken);
		free(path);
		free(root);
	}
}

/* #10 item 3: the unit's own file cut short between two log entries (a
 * copy or a sync that stopped half way) is "incomplete" on the screen
 * too, with its line; leaving writes nothing. */
Test(tui_msg, a_file_cut_between_log_entries_is_incomplete_and_never_written)
{
	char *root = tr_root();
	char *s1[] = {"set", "1.1", "status=done", NULL};
	char *s2[] = {"set", "1.2", "note=Đã họp", NULL};
	cli(root, s1);
	cli(root, s2);
	char *path = state_path(root);
	char *whole = tr_slurp(path);
	cr_assert_not_null(whole);
	/* up to the start of the second entry: a file that parses, one entry short */
	char *second = strstr(strstr(whole, "\n- id: ") + 1, "\n- id: ");
	cr_assert_not_null(second);
	size_t len = (size_t)(second - whole) + 1;
	cr_assert(tr_write(path, whole, len));
	int line = 0;
	for (size_t i = 0; i < len; i++)
		line += whole[i] == '\n';
	struct vt *v = tr_start(root, 24, 80, NULL, NULL);
	cr_assert_not_null(v);
	EXPECT(v, "Không đọc được tệp của đơn vị này");
	EXPECT(v, "tệp không đầy đủ");
	char want[64];
	snprintf(want, sizeof want, "Dòng %d", line);
	EXPECT(v, want);
	vt_type(v, "q");
	int st = vt_wait_exit(v, WAIT_MS);
	cr_expect(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 1, "exit status %d", st);
	vt_free(v);
	char *now = tr_slurp(path);
	cr_expect(strlen(now) == len && memcmp(now, whole, len) == 0, "the cut file was written");
	free(now);
	free(whole);
	free(path);
	free(root);
}

Test(tui_msg, a_file_corrected_by_hand_reads_again_with_r)
{
	char *root = tr_root();
	char *s1[] = {"set", "1.2", "note=Đã họp", NULL};
	cli(root, s1);
	char *path = state_path(root);
	char *good, *broken;
	int line = break_by_hand(path, &good, &broken);
	struct vt *v = tr_start(root, 24, 80, NULL, NULL);
	EXPECT(v, "Không đọc được tệp của đơn vị này");
	char want[64];
	snprintf(want, sizeof want, "Dòng %d", line);
	EXPECT(v, want);
	/* only one save so far: no backup to offer */
	EXPECT(v, "Không có bản sao lưu nào của tệp này còn đọc được.");
	char *s = vt_screen(v);
	cr_expect(!strstr(s, "B lấy lại"), "a backup offered that is not there:\n%s", s);
	free(s);
	vt_type(v, "r");
	EXPECT(v, "Tệp vẫn chưa đọc được.");
	cr_assert(tr_write(path, good, strlen(good)));
	vt_type(v, "r");
	EXPECT(v, "Tệp đã đọc được.");
	EXPECT(v, "Tiến độ");
	tr_quit(v);
	vt_free(v);
	free(good);
	free(broken);
	free(path);
	free(root);
}

/* ---- no English inside the Vietnamese UI, and the other way round ---- */

/* Modules whose messages the TUI can show (its own and the engine's). */
static const char *const tui_modules[] = {"tui/", "checklist/", "content/", "store/", "yamlio/",
					  "text/", "i18n/", "config/", "catalog/", "base/", NULL};

/* Words a Vietnamese message may hold as they are: what a person types
 * into a file or a terminal (field and status names of the file format,
 * key names, programs), and Vietnamese syllables written without marks
 * in examples ("tiep cong dan"). */
static const char *const kept_words[] = {
	"dvk", "yaml", "utf", "byte", "bytes", "tab", "enter", "esc", "ctrl", "terminal", "xterm",
	"screen", "linux", "git", "usb", "uri", "mib", "kib", "readme", "unicode", "notepad", "tag",
	"status", "reason", "note", "activity", "todo", "done", "approved", "name", "parent", "date",
	"count", "text", "type", "key", "label", "format", "log", "events", "pred", "replica",
	"deleted", "yes", "crockford", "base", "document",
	/* keys of the state and directive files, named where a hand edit
	 * put something else */
	"title", "activities", "review", "conflicts", "items", "sections", "evidence", "issuer",
	"number", "signer", "recipients", "source", "preamble", "revision", "responsible",
	"deadline", "value", "field", "item", "unit", "directive", "tick", "gen",
	"tiep", "cong", "dan", "hoa", "quang", "danh", "bao", "thu", "xa", "van", "kheo", NULL};

struct po_msg {
	char *locs, *id, *str;
};

static bool in_list(const char *const *l, const char *w)
{
	for (; *l; l++)
		if (!strcmp(*l, w))
			return true;
	return false;
}

/* The text of a PO string line ("..." with C escapes), appended to b. */
static void po_unquote(const char *p, char **b, size_t *n)
{
	p = strchr(p, '"');
	if (!p)
		return;
	for (p++; *p && *p != '"'; p++) {
		char c = *p;
		if (c == '\\' && p[1]) {
			p++;
			c = *p == 'n' ? '\n' : *p == 't' ? '\t' : *p;
		}
		*b = realloc(*b, *n + 2);
		(*b)[(*n)++] = c;
		(*b)[*n] = '\0';
	}
}

/* Every message of po/vi.po (plural forms joined by a space). */
static size_t po_read(struct po_msg **out)
{
	const char *src = getenv("DVK_SRC");
	char *path;
	cr_assert(asprintf(&path, "%s/po/vi.po", src && *src ? src : ".") > 0);
	FILE *f = fopen(path, "r");
	cr_assert_not_null(f, "%s", path);
	free(path);
	struct po_msg *v = NULL, cur = {0};
	size_t n = 0, idn = 0, strn = 0, locn = 0;
	char line[4096], **into = NULL;
	size_t *inton = NULL;
	for (;;) {
		bool eof = !fgets(line, sizeof line, f);
		if (eof || line[0] == '\n') {
			if (cur.id && *cur.id && cur.str) {
				v = realloc(v, (n + 1) * sizeof *v);
				v[n++] = cur;
			} else {
				free(cur.locs), free(cur.id), free(cur.str);
			}
			memset(&cur, 0, sizeof cur);
			idn = strn = locn = 0;
			into = NULL;
			if (eof)
				break;
			continue;
		}
		if (!strncmp(line, "#:", 2)) {
			cur.locs = realloc(cur.locs, locn + strlen(line) + 1);
			strcpy(cur.locs + locn, line);
			locn += strlen(line);
			continue;
		}
		if (!strncmp(line, "msgid", 5)) {
			into = &cur.id, inton = &idn;
			if (cur.id)
				po_unquote(" \" \"", into, inton);
		} else if (!strncmp(line, "msgstr", 6)) {
			into = &cur.str, inton = &strn;
			if (!cur.str)
				cur.str = calloc(1, 1);
			else
				po_unquote(" \" \"", into, inton);
		} else if (line[0] != '"') {
			into = NULL;
			continue;
		}
		if (into)
			po_unquote(line, into, inton);
	}
	fclose(f);
	*out = v;
	return n;
}

static bool shown_by_tui(const struct po_msg *m)
{
	for (size_t i = 0; m->locs && tui_modules[i]; i++)
		if (strstr(m->locs, tui_modules[i]))
			return true;
	return false;
}

/* The plain words of a message, lower-cased, each passed to fn: what is
 * quoted, format directives, options, file names, keys with dots or
 * dashes, system calls and keys ("rename: ...", "status: done"), dvk's
 * verbs ("dvk check") and capitalised names are not words of the
 * sentence. */
static void plain_words(const char *msg, void (*fn)(const char *w, void *arg), void *arg)
{
	char *s = strdup(msg);
	/* quoted spans out */
	static const char *const q[][2] = {{"\"", "\""}, {"'", "'"}, {"`", "`"},
					   {"\xe2\x80\x9c", "\xe2\x80\x9d"}, {"\xc2\xab", "\xc2\xbb"}};
	for (size_t k = 0; k < sizeof q / sizeof q[0]; k++) {
		char *p = s;
		while ((p = strstr(p, q[k][0]))) {
			char *e = strstr(p + strlen(q[k][0]), q[k][1]);
			if (!e)
				break;
			e += strlen(q[k][1]);
			memset(p, ' ', (size_t)(e - p));
			p = e;
		}
	}
	int skip = 0;
	for (char *tok = strtok(s, " \t\n"); tok; tok = strtok(NULL, " \t\n")) {
		size_t len = strlen(tok);
		while (len && strchr(".,;:!?()[]", tok[len - 1]))
			len--;
		/* "rename:", "status:": a system call or a file's key */
		bool call = len < strlen(tok) && tok[len] == ':';
		tok[len] = '\0';
		while (*tok && strchr("([", *tok))
			tok++;
		if (skip > 0) {
			skip--;
			continue;
		}
		if (!strcmp(tok, "dvk")) {
			skip = 2;
			continue;
		}
		bool plain = *tok && !call && !(tok[0] >= 'A' && tok[0] <= 'Z');
		for (const char *p = tok; *p && plain; p++)
			plain = *p >= 'a' && *p <= 'z';
		if (plain && strlen(tok) >= 3)
			fn(tok, arg);
	}
	free(s);
}

struct words {
	char **v;
	size_t n;
};

static void words_add(const char *w, void *arg)
{
	struct words *ws = arg;
	for (size_t i = 0; i < ws->n; i++)
		if (!strcmp(ws->v[i], w))
			return;
	ws->v = realloc(ws->v, (ws->n + 1) * sizeof *ws->v);
	ws->v[ws->n++] = strdup(w);
}

struct english_check {
	const struct words *english;
	const char *msg;
	size_t found;
	bool quiet;
};

static void english_check(const char *w, void *arg)
{
	struct english_check *c = arg;
	if (in_list(kept_words, w))
		return;
	for (size_t i = 0; i < c->english->n; i++)
		if (!strcmp(c->english->v[i], w)) {
			if (!c->quiet)
				cr_expect_fail("English word \"%s\" in Vietnamese: %s", w, c->msg);
			c->found++;
			return;
		}
}

/* English is the words of the messages' English originals; every
 * translation the TUI can show must be free of them.  A test that cannot
 * fail is a defect: an English sentence put in place of a translation
 * must be caught. */
Test(tui_msg, no_english_word_in_any_message_the_tui_can_show_in_vietnamese)
{
	struct po_msg *m;
	size_t n = po_read(&m), checked = 0, found = 0;
	cr_assert_gt(n, 500, "po/vi.po read badly: %zu messages", n);
	struct words en = {0};
	for (size_t i = 0; i < n; i++)
		plain_words(m[i].id, words_add, &en);
	cr_assert_gt(en.n, 500);
	for (size_t i = 0; i < n; i++) {
		if (!shown_by_tui(&m[i]))
			continue;
		checked++;
		struct english_check c = {&en, m[i].str, 0, false};
		plain_words(m[i].str, english_check, &c);
		found += c.found;
	}
	cr_expect_gt(checked, 300, "only %zu TUI messages found", checked);
	/* the check itself: an untranslated message is caught */
	struct english_check c = {&en, "cannot save the file: the disk is full", 0, true};
	plain_words(c.msg, english_check, &c);
	cr_expect_geq(c.found, 3, "the scan missed English (%zu words)", c.found);
	for (size_t i = 0; i < en.n; i++)
		free(en.v[i]);
	free(en.v);
	for (size_t i = 0; i < n; i++)
		free(m[i].locs), free(m[i].id), free(m[i].str);
	free(m);
}

/* A Vietnamese letter (Latin with marks, đ) anywhere in s. */
static bool has_vietnamese(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		unsigned cp = 0;
		if ((p[0] & 0xe0) == 0xc0 && p[1])
			cp = (unsigned)(p[0] & 0x1f) << 6 | (p[1] & 0x3f);
		else if ((p[0] & 0xf0) == 0xe0 && p[1] && p[2])
			cp = (unsigned)(p[0] & 0x0f) << 12 | (unsigned)(p[1] & 0x3f) << 6 | (p[2] & 0x3f);
		if ((cp >= 0xc0 && cp <= 0x24f && cp != 0xd7 && cp != 0xf7) || (cp >= 0x1ea0 && cp <= 0x1ef9))
			return true;
	}
	return false;
}

/* The other way round: the English originals hold no Vietnamese, except
 * in an example of what a person writes ("for example: UBND xã …",
 * "{key: date, label: Ngày tổ chức, …}") and the name of the document an
 * office files, "báo cáo" (a form of its own, named as such in English). */
Test(tui_msg, no_vietnamese_in_the_english_messages_the_tui_can_show)
{
	struct po_msg *m;
	size_t n = po_read(&m), checked = 0;
	for (size_t i = 0; i < n; i++) {
		if (!shown_by_tui(&m[i]))
			continue;
		checked++;
		char *s = strdup(m[i].id);
		char *ex = strstr(s, "for example");
		if (ex)
			*ex = '\0';
		for (char *b = strchr(s, '{'), *e; b && (e = strchr(b, '}')); b = strchr(e, '{'))
			memset(b, ' ', (size_t)(e - b));
		for (char *b = strstr(s, "báo cáo"); b; b = strstr(b, "báo cáo"))
			memset(b, ' ', strlen("báo cáo"));
		cr_expect(!has_vietnamese(s), "Vietnamese in an English message: %s", m[i].id);
		free(s);
	}
	cr_expect_gt(checked, 300);
	cr_expect(has_vietnamese("Ghi chú"), "the check itself");
	for (size_t i = 0; i < n; i++)
		free(m[i].locs), free(m[i].id), free(m[i].str);
	free(m);
}

/* What the screens show: the chrome of every screen a cadre opens, under
 * the default language, holds no English word; under --lang en, the help,
 * title and key bars hold no Vietnamese. */
static size_t screen_words(struct vt *v, const struct words *en, const char *where)
{
	char *s = vt_screen(v);
	struct english_check c = {en, s, 0, true};
	plain_words(s, english_check, &c);
	if (where)
		cr_expect_eq(c.found, 0, "English on the screen (%s):\n%s", where, s);
	free(s);
	return c.found;
}

Test(tui_msg, the_screens_speak_one_language)
{
	struct po_msg *m;
	size_t n = po_read(&m);
	struct words en = {0};
	for (size_t i = 0; i < n; i++)
		plain_words(m[i].id, words_add, &en);
	for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
		char *root = tr_root();
		struct vt *v = tr_start(root, sizes[k][0], sizes[k][1], NULL, NULL);
		EXPECT(v, "Tiến độ");
		screen_words(v, &en, "overview");
		vt_type(v, "?");
		EXPECT(v, "Trợ giúp");
		screen_words(v, &en, "help");
		vt_key(v, VTERM_KEY_PAGEDOWN);
		screen_words(v, &en, "help, page 2");
		vt_key(v, VTERM_KEY_ESCAPE);
		vt_type(v, "4");
		EXPECT(v, "Đến mục: 4");
		screen_words(v, &en, "go to");
		vt_type(v, ".9");
		vt_key(v, VTERM_KEY_ENTER);
		vt_settle(v, 100, 500);
		screen_words(v, &en, "go to a missing item");
		vt_key(v, VTERM_KEY_ESCAPE);
		vt_type(v, "/zzqx");
		vt_key(v, VTERM_KEY_ENTER);
		vt_settle(v, 100, 500);
		screen_words(v, &en, "search found nothing");
		vt_type(v, "1.1\r");
		EXPECT(v, "Mục 1.1");
		screen_words(v, &en, "item");
		vt_type(v, "s");
		EXPECT(v, "không áp dụng");
		screen_words(v, &en, "status menu");
		vt_key(v, VTERM_KEY_ESCAPE);
		vt_type(v, "e");
		EXPECT(v, "Ghi chú cho mục 1.1");
		screen_words(v, &en, "note editor");
		vt_key(v, VTERM_KEY_ESCAPE);
		vt_key(v, VTERM_KEY_ESCAPE);
		vt_type(v, "R");
		EXPECT(v, "Nhận một tệp");
		screen_words(v, &en, "receive");
		vt_key(v, VTERM_KEY_ESCAPE);
		vt_key(v, VTERM_KEY_ESCAPE);
		vt_type(v, "B");
		EXPECT(v, "bản sao lưu");
		screen_words(v, &en, "restore");
		vt_key(v, VTERM_KEY_ESCAPE);
		vt_key(v, VTERM_KEY_ESCAPE);
		EXPECT(v, "Tiến độ");
		tr_quit(v);
		vt_free(v);

		/* English: no Vietnamese in the help or on a key bar */
		const char *extra[] = {"DVK_LANG=en", NULL};
		v = tr_start(root, sizes[k][0], sizes[k][1], extra, NULL);
		EXPECT(v, "Progress");
		char *bar = vt_row(v, sizes[k][0] - 1);
		cr_expect(!has_vietnamese(bar), "Vietnamese on the key bar: %s", bar);
		free(bar);
		vt_type(v, "?");
		EXPECT(v, "Help");
		/* the check itself: English is found on an English screen */
		cr_expect_geq(screen_words(v, &en, NULL), 5, "the scan finds no English in English");
		char *s = vt_screen(v);
		cr_expect(!has_vietnamese(s), "Vietnamese in the English help:\n%s", s);
		free(s);
		vt_key(v, VTERM_KEY_ESCAPE);
		vt_type(v, "1.1\r");
		EXPECT(v, "Item 1.1");
		bar = vt_row(v, sizes[k][0] - 1);
		cr_expect(!has_vietnamese(bar), "Vietnamese on the key bar: %s", bar);
		free(bar);
		vt_key(v, VTERM_KEY_ESCAPE);
		vt_key(v, VTERM_KEY_ESCAPE);
		tr_quit(v);
		vt_free(v);
		free(root);
	}
	for (size_t i = 0; i < en.n; i++)
		free(en.v[i]);
	free(en.v);
	for (size_t i = 0; i < n; i++)
		free(m[i].locs), free(m[i].id), free(m[i].str);
	free(m);
}

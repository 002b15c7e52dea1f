/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/* i18n.c: choosing the language and finding the catalogue (see i18n.h). */
#include "i18n/i18n.h"

#include <fcntl.h>
#include <libintl.h>
#include <limits.h>
#include <locale.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/base.h"

#ifndef DVK_LOCALEDIR
#define DVK_LOCALEDIR "/usr/local/share/locale"
#endif

static const char *cur_lang = "vi";
static char *found_dir;   /* where vi/LC_MESSAGES/dvk.mo is, once looked for */
static bool looked;       /* the search ran (found_dir may still be NULL) */
static bool used;         /* i18n_use ran at least once */

/* "en" or "vi" for a locale or language name such as en_GB.UTF-8, or
 * NULL when the name is empty, C or POSIX (no preference). */
static const char *lang_of(const char *name, size_t n)
{
	if (n == 0 || (n == 1 && name[0] == 'C') || (n == 5 && !strncmp(name, "POSIX", 5)) ||
	    (n >= 2 && name[0] == 'C' && name[1] == '.'))
		return NULL;
	if (n >= 2 && !strncmp(name, "en", 2) && (n == 2 || strchr("_.@", name[2])))
		return "en";
	return "vi";
}

const char *i18n_locale_lang(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	const char *loc = NULL;

	for (size_t i = 0; i < ARRAY_LEN(vars) && !loc; i++) {
		const char *v = getenv(vars[i]);
		if (v && *v)
			loc = v;
	}
	if (!loc || !lang_of(loc, strlen(loc)))
		return "vi";
	/* gettext reads LANGUAGE, a list, before the locale (but not in
	 * the C locale): its first entry that is vi or en decides. */
	const char *list = getenv("LANGUAGE");
	for (const char *p = list; p && *p;) {
		size_t n = strcspn(p, ":");
		if (n >= 2 && (!strncmp(p, "vi", 2) || !strncmp(p, "en", 2)))
			return lang_of(p, n);
		p += n + (p[n] == ':');
	}
	return lang_of(loc, strlen(loc));
}

/* A language the program speaks, as --lang and DVK_LANG name it. */
static bool known_lang(const char *s)
{
	return s && (strcmp(s, "vi") == 0 || strcmp(s, "en") == 0);
}

const char *i18n_early_lang(const char *flag)
{
	const char *env = getenv("DVK_LANG");

	/* One it does not speak is refused by the config (in the language
	 * the next source names), not taken for Vietnamese. */
	if (known_lang(flag))
		return flag;
	if (known_lang(env))
		return env;
	return i18n_locale_lang();
}

/* The folder this program was started from (caller frees), or NULL. */
static char *exe_dir(void)
{
	char path[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);

	if (n > 0) {
		path[n] = '\0';
	} else {
		/* no /proc (a bare chroot): the name exec was given */
		const char *fn = (const char *)getauxval(AT_EXECFN);
		if (!fn || !realpath(fn, path))
			return NULL;
	}
	char *slash = strrchr(path, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	return xstrdup(path[0] ? path : "/");
}

static bool has_catalog(const char *dir)
{
	char *p = xasprintf("%s/vi/LC_MESSAGES/dvk.mo", dir);
	struct stat sb;
	bool ok = stat(p, &sb) == 0 && S_ISREG(sb.st_mode);

	free(p);
	return ok;
}

#ifdef DVK_EMBED_MO
/* The static binary carries its catalogue (BUILD/gen/catalog_mo.c) so
 * that one file is all a cadre copies.  gettext reads catalogues only
 * from files, so it is written once into the cache folder, under a name
 * that changes with its bytes (another version's never gets used), by a
 * temp file and a rename (two starts at once both see a whole file). */
extern const unsigned char dvk_mo[];
extern const size_t dvk_mo_len;

static char *embedded_catalog(void)
{
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	uint32_t h = 2166136261u; /* FNV-1a */
	char *dir, *sub, *file, *tmp;
	struct stat sb;
	bool ok = false;

	for (size_t i = 0; i < dvk_mo_len; i++)
		h = (h ^ dvk_mo[i]) * 16777619u;
	if (xdg && xdg[0] == '/')
		dir = xasprintf("%s/dvk/locale-%08x", xdg, (unsigned)h);
	else if (home && home[0] == '/')
		dir = xasprintf("%s/.cache/dvk/locale-%08x", home, (unsigned)h);
	else
		return NULL;
	sub = xasprintf("%s/vi/LC_MESSAGES", dir);
	file = xasprintf("%s/dvk.mo", sub);
	tmp = xasprintf("%s.%ld.tmp", file, (long)getpid());
	if (stat(file, &sb) == 0 && sb.st_size == (off_t)dvk_mo_len) {
		ok = true;
	} else if (dvk_mkdirs(sub, NULL)) {
		int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

		ok = fd >= 0 && write(fd, dvk_mo, dvk_mo_len) == (ssize_t)dvk_mo_len;
		ok = fd >= 0 && close(fd) == 0 && ok && rename(tmp, file) == 0;
		if (!ok)
			unlink(tmp);
	}
	free(sub);
	free(file);
	free(tmp);
	if (!ok) {
		free(dir);
		return NULL;
	}
	return dir;
}
#endif

/* Beside the binary, then PREFIX/share/locale relative to it, then the
 * folder configured at build time; a static binary's own copy last. */
static void find_catalog(void)
{
	char *dir = exe_dir();

	looked = true;
	if (dir) {
		char *cand[] = { xasprintf("%s/locale", dir), xasprintf("%s/../share/locale", dir) };

		for (size_t i = 0; i < ARRAY_LEN(cand); i++) {
			if (!found_dir && has_catalog(cand[i])) {
				char real[PATH_MAX];
				found_dir = xstrdup(realpath(cand[i], real) ? real : cand[i]);
			}
			free(cand[i]);
		}
		free(dir);
	}
	if (!found_dir && has_catalog(DVK_LOCALEDIR))
		found_dir = xstrdup(DVK_LOCALEDIR);
#ifdef DVK_EMBED_MO
	if (!found_dir)
		found_dir = embedded_catalog();
#endif
}

/* gettext reads LANGUAGE only when LC_MESSAGES is not C: move it to a
 * locale that is always there and shows nothing of its own.  glibc
 * ignores names it has no locale for; musl keeps any name for
 * LC_MESSAGES and looks the catalogue up by that name, so the language
 * itself is tried first. */
static void messages_locale(const char *lang)
{
	static const char *const fallbacks[] = { "C.UTF-8", "C.utf8", "vi_VN.UTF-8", "en_US.UTF-8" };
	const char *m;

	if (setlocale(LC_MESSAGES, lang))
		return;
	m = setlocale(LC_MESSAGES, NULL);
	if (m && strcmp(m, "C") != 0 && strcmp(m, "POSIX") != 0)
		return;
	for (size_t i = 0; i < ARRAY_LEN(fallbacks); i++)
		if (setlocale(LC_MESSAGES, fallbacks[i]))
			return;
}

void i18n_use(const char *lang)
{
	lang = lang && strcmp(lang, "en") == 0 ? "en" : "vi";
	if (used && strcmp(lang, cur_lang) == 0)
		return;
	cur_lang = lang;
	setenv("LANGUAGE", lang, 1);
	messages_locale(lang);
	if (strcmp(lang, "vi") == 0 && !looked)
		find_catalog();
	bindtextdomain("dvk", found_dir ? found_dir : DVK_LOCALEDIR);
	/* Catalogues come out in UTF-8 whatever LC_CTYPE is; terminals
	 * that cannot show it get it transliterated by the front end. */
	bind_textdomain_codeset("dvk", "UTF-8");
	/* strerror's messages come from the C library's catalogue: under
	 * LANG=C glibc would turn its Vietnamese into "Kh?ng c?" */
	bind_textdomain_codeset("libc", "UTF-8");
	textdomain("dvk");
#ifdef __GLIBC__
	if (used) {
		/* glibc caches translations by locale, not by LANGUAGE:
		 * this counter tells it the language changed (the gettext
		 * manual's documented way). */
		extern int _nl_msg_cat_cntr;
		++_nl_msg_cat_cntr;
	}
#endif
	used = true;
}

const char *i18n_lang(void)
{
	return cur_lang;
}

const char *i18n_localedir(void)
{
	return strcmp(cur_lang, "vi") == 0 ? found_dir : NULL;
}

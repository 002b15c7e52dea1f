/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * config.c: settings, XDG paths, identity and the local clock (see
 * config.h).
 */
#include "config/config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "i18n/i18n.h"
#include "store/store.h"
#include "text/text.h"
#include "yamlio/yamlio.h"

/* The settings the config file may hold, and where each goes. */
static const struct {
	const char *key;
	size_t offset;
} config_keys[] = {
	{ "data", offsetof(struct config, data_dir) },
	{ "unit", offsetof(struct config, unit) },
	{ "user", offsetof(struct config, user) },
	{ "unit_name", offsetof(struct config, unit_name) },
	{ "parent", offsetof(struct config, parent) },
	{ "lang", offsetof(struct config, lang) },
	{ "directive", offsetof(struct config, directive) },
	{ "ascii", offsetof(struct config, ascii) },
	{ "office_name", offsetof(struct config, office_name) },
	{ "office_superior", offsetof(struct config, office_superior) },
	{ "office_place", offsetof(struct config, office_place) },
	{ "office_symbol", offsetof(struct config, office_symbol) },
	{ "office_recipients", offsetof(struct config, office_recipients) },
	{ "signer_authority", offsetof(struct config, signer_authority) },
	{ "signer_title", offsetof(struct config, signer_title) },
	{ "signer_name", offsetof(struct config, signer_name) },
};

static char **slot(struct config *c, size_t i)
{
	return (char **)((char *)c + config_keys[i].offset);
}

static void set_str(char **dst, const char *s)
{
	free(*dst);
	*dst = s ? text_nfc(s) : NULL;
}

/* $VAR/dvk, or $HOME/fallback/dvk when VAR is unset or relative (the XDG
 * spec says relative values are to be ignored). */
static char *xdg_dir(const char *var, const char *fallback)
{
	const char *v = getenv(var), *home = getenv("HOME");

	if (v && v[0] == '/')
		return xasprintf("%s/dvk", v);
	return xasprintf("%s/%s/dvk", home && *home ? home : ".", fallback);
}

static const char *env(const char *name)
{
	const char *v = getenv(name);

	return v && *v ? v : NULL;
}

static int read_config_file(struct config *c, struct dvk_error *err)
{
	char *buf;
	size_t len;
	struct ydoc *doc;
	int ok = 1;

	if (access(c->config_file, F_OK) != 0)
		return 1;
	if (!yamlio_read_file(c->config_file, 1 << 20, &buf, &len, err))
		return 0;
	doc = yamlio_parse(buf, len, c->config_file, NULL, err);
	free(buf);
	if (!doc)
		return 0;
	if (doc->root && doc->root->kind != YNODE_MAP)
		ok = dvk_error_set(err, c->config_file, doc->root->line, doc->root->col,
				   "the config file must be a mapping (key: value)");
	for (size_t i = 0; ok && doc->root && i < doc->root->n; i++) {
		const struct ypair *kv = &doc->root->pairs[i];
		size_t k;

		for (k = 0; k < ARRAY_LEN(config_keys); k++)
			if (strcmp(kv->key->str, config_keys[k].key) == 0)
				break;
		if (k == ARRAY_LEN(config_keys))
			ok = dvk_error_set(err, c->config_file, kv->key->line, kv->key->col,
					   "unknown setting '%s'", kv->key->str);
		else if (kv->val->kind != YNODE_SCALAR)
			ok = dvk_error_set(err, c->config_file, kv->val->line, kv->val->col,
					   "'%s' must be a text value", kv->key->str);
		else if (!ynode_is_null(kv->val))
			set_str(slot(c, k), kv->val->str);
	}
	ydoc_free(doc);
	return ok;
}

int config_load(struct config *c, const struct config_flags *flags, struct dvk_error *err)
{
	char *cfgdir = xdg_dir("XDG_CONFIG_HOME", ".config");
	char *file_unit;

	memset(c, 0, sizeof *c);
	c->config_file = xasprintf("%s/config.yaml", cfgdir);
	free(cfgdir);
	c->state_dir = xdg_dir("XDG_STATE_HOME", ".local/state");
	if (!read_config_file(c, err))
		return 0;
	file_unit = c->unit ? xstrdup(c->unit) : NULL;
	if (env("DVK_DATA"))
		set_str(&c->data_dir, env("DVK_DATA"));
	if (env("DVK_UNIT"))
		set_str(&c->unit, env("DVK_UNIT"));
	if (env("DVK_USER"))
		set_str(&c->user, env("DVK_USER"));
	if (env("DVK_LANG"))
		set_str(&c->lang, env("DVK_LANG"));
	if (flags) {
		if (flags->data_dir)
			set_str(&c->data_dir, flags->data_dir);
		if (flags->unit)
			set_str(&c->unit, flags->unit);
		if (flags->user)
			set_str(&c->user, flags->user);
		if (flags->lang)
			set_str(&c->lang, flags->lang);
		if (flags->directive)
			set_str(&c->directive, flags->directive);
	}
	/* A district cadre entering data for a commune, a reviewer acting
	 * for a unit: the config's name and parent are its own unit's, not
	 * theirs.  A config that names no unit names whatever unit is used. */
	c->own_unit = !file_unit || (c->unit && strcmp(file_unit, c->unit) == 0);
	free(file_unit);
	if (!c->own_unit) {
		free(c->unit_name);
		free(c->parent);
		c->unit_name = c->parent = NULL;
	}
	if (!c->data_dir)
		c->data_dir = xdg_dir("XDG_DATA_HOME", ".local/share");
	if (!c->lang)
		c->lang = xstrdup(i18n_locale_lang());
	if (!c->ascii)
		c->ascii = xstrdup("auto");
	if (c->unit && !unit_id_valid(c->unit))
		return dvk_error_set(err, NULL, 0, 0,
				     "bad unit id \"%s\": use lower-case letters, digits, '.', '_' and '-' (e.g. xa-quang-hoa)",
				     c->unit);
	if (strcmp(c->lang, "vi") != 0 && strcmp(c->lang, "en") != 0)
		return dvk_error_set(err, NULL, 0, 0, "unknown language \"%s\" (vi or en)", c->lang);
	return 1;
}

void config_free(struct config *c)
{
	for (size_t i = 0; i < ARRAY_LEN(config_keys); i++)
		free(*slot(c, i));
	free(c->config_file);
	free(c->state_dir);
	memset(c, 0, sizeof *c);
}

/* Rewrite the config file with key set to value, keeping the rest. */
int config_set(const struct config *c, const char *key, const char *value,
	       struct dvk_error *err)
{
	struct config file = {0};
	struct ywriter *w;
	char *bytes, *dir;
	size_t len, k;
	int ok;

	for (k = 0; k < ARRAY_LEN(config_keys); k++)
		if (strcmp(config_keys[k].key, key) == 0)
			break;
	if (k == ARRAY_LEN(config_keys))
		return dvk_error_set(err, NULL, 0, 0, "unknown setting '%s'", key);
	file.config_file = xstrdup(c->config_file);
	if (!read_config_file(&file, err)) {
		config_free(&file);
		return 0;
	}
	set_str(slot(&file, k), value);
	w = ywriter_new();
	ywriter_map_start(w);
	for (size_t i = 0; i < ARRAY_LEN(config_keys); i++)
		if (*slot(&file, i))
			ywriter_pair(w, config_keys[i].key, *slot(&file, i));
	ywriter_map_end(w);
	bytes = ywriter_finish(w, "# dvk settings (see README.md, \"Settings\")\n", &len, err);
	ywriter_free(w);
	dir = xstrdup(c->config_file);
	*strrchr(dir, '/') = '\0';
	ok = bytes && dvk_mkdirs(dir, err) && store_write_atomic(c->config_file, bytes, len, err);
	free(dir);
	free(bytes);
	config_free(&file);
	return ok;
}

/* Read a small local file (caller frees), NULL if absent. */
static char *read_small(const char *path)
{
	FILE *f = fopen(path, "r");
	char buf[256];
	size_t n;

	if (!f)
		return NULL;
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	buf[strcspn(buf, "\r\n")] = '\0';
	return xstrdup(buf);
}

char *config_replica(const struct config *c, struct dvk_error *err)
{
	char *path = xasprintf("%s/replica", c->state_dir);
	char *id = read_small(path), *line;
	char host[64] = "", clean[32];
	unsigned char r[4];
	size_t n = 0;

	if (id && *id) {
		free(path);
		return id;
	}
	free(id);
	gethostname(host, sizeof host - 1);
	for (const char *h = host; *h && n < 20; h++) {
		char ch = *h >= 'A' && *h <= 'Z' ? (char)(*h - 'A' + 'a') : *h;

		if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-')
			clean[n++] = ch;
	}
	clean[n] = '\0';
	dvk_random(r, sizeof r);
	id = xasprintf("%s-%c%c%c%c", n ? clean : "laptop", "abcdefghjkmnpqrstvwxyz0123456789"[r[0] % 32],
		       "abcdefghjkmnpqrstvwxyz0123456789"[r[1] % 32],
		       "abcdefghjkmnpqrstvwxyz0123456789"[r[2] % 32],
		       "abcdefghjkmnpqrstvwxyz0123456789"[r[3] % 32]);
	line = xasprintf("%s\n", id);
	if (!dvk_mkdirs(c->state_dir, err) || !store_write_atomic(path, line, strlen(line), err)) {
		free(id);
		id = NULL;
	}
	free(line);
	free(path);
	return id;
}

static int clock_read(const char *path, struct hlc *h)
{
	char *s = read_small(path);
	long long l = 0;
	unsigned long c = 0;
	int ok = s && sscanf(s, "%lld %lu", &l, &c) == 2;

	free(s);
	if (ok) {
		h->l = l;
		h->c = c;
	}
	return ok;
}

int config_clock_load(const struct config *c, struct hlc *h, struct dvk_error *err)
{
	char *path = xasprintf("%s/clock", c->state_dir);

	(void)err;
	h->l = 0;
	h->c = 0;
	clock_read(path, h); /* a missing or unreadable clock starts at zero */
	free(path);
	return 1;
}

int config_clock_save(const struct config *c, const struct hlc *h, struct dvk_error *err)
{
	char *path = xasprintf("%s/clock", c->state_dir), *line;
	struct hlc on_disk = {0}, out = *h;
	int lock, ok = 0;

	if (!dvk_mkdirs(c->state_dir, err) || (lock = store_lock(path, err)) < 0) {
		free(path);
		return 0;
	}
	/* Another session may have moved the clock further: keep the max,
	 * so the clock never runs backwards. */
	if (clock_read(path, &on_disk) &&
	    (on_disk.l > out.l || (on_disk.l == out.l && on_disk.c > out.c)))
		out = on_disk;
	line = xasprintf("%lld %lu\n", (long long)out.l, out.c);
	ok = store_write_atomic(path, line, strlen(line), err);
	store_unlock(lock);
	free(line);
	free(path);
	return ok;
}

int64_t config_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void config_random(unsigned char *buf, size_t n, void *arg)
{
	(void)arg;
	dvk_random(buf, n);
}

int config_mkdirs(const char *path, struct dvk_error *err)
{
	return dvk_mkdirs(path, err);
}

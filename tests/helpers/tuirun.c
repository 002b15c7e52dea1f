/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * tuirun.c: the sealed environment and process helpers of tuirun.h.
 */
#include "tests/helpers/tuirun.h"

#include <criterion/criterion.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define TR_MAX_ENV 40
#define TR_MAX_ARGS 24

const char *tr_bin(void)
{
	const char *b = getenv("DVK_BIN");
	return b && *b ? b : "build/dvk";
}

char *tr_root(void)
{
	const char *base = getenv("HOME");
	char tmpl[512];
	snprintf(tmpl, sizeof tmpl, "%s/tuir-XXXXXX", base && *base ? base : "/tmp");
	char *dir = mkdtemp(tmpl);
	return dir ? strdup(dir) : NULL;
}

struct tr_env {
	char *v[TR_MAX_ENV + 1];
	int n;
};

static void tr_env_add(struct tr_env *e, const char *fmt, const char *arg)
{
	char buf[2048];
	if (e->n >= TR_MAX_ENV)
		return;
	snprintf(buf, sizeof buf, fmt, arg);
	e->v[e->n++] = strdup(buf);
	e->v[e->n] = NULL;
}

static void tr_env_free(struct tr_env *e)
{
	for (int i = 0; i < e->n; i++)
		free(e->v[i]);
	e->n = 0;
}

/* The laptop a run is: root/state, or, for `--data DIR`, DIR.laptop, so
 * that two folders play two laptops (each with its own journal, replica
 * id and clock) as in sim_run. */
static void tr_env_laptop(struct tr_env *e, const char *root, char *const args[])
{
	for (int i = 0; args && args[i]; i++)
		if (strcmp(args[i], "--data") == 0 && args[i + 1]) {
			char buf[2048];
			snprintf(buf, sizeof buf, "XDG_STATE_HOME=%s.laptop", args[i + 1]);
			tr_env_add(e, "%s", buf);
			return;
		}
	tr_env_add(e, "XDG_STATE_HOME=%s/state", root);
}

static void tr_env_make(struct tr_env *e, const char *root, const char *const extra[],
			char *const args[])
{
	e->n = 0;
	e->v[0] = NULL;
	tr_env_add(e, "XDG_CONFIG_HOME=%s/config", root);
	tr_env_laptop(e, root, args);
	tr_env_add(e, "XDG_DATA_HOME=%s/xdgdata", root);
	tr_env_add(e, "DVK_DATA=%s/data", root);
	tr_env_add(e, "%s", "LANG=C.UTF-8");
	tr_env_add(e, "%s", "LC_ALL");
	tr_env_add(e, "%s", "LANGUAGE");
	tr_env_add(e, "%s", "TERM=xterm-256color");
	tr_env_add(e, "%s", "TZ=UTC");
	tr_env_add(e, "%s", "ESCDELAY=25");
	tr_env_add(e, "%s", "DVK_LANG");
	tr_env_add(e, "%s", "DVK_UNIT=xa-thu");
	tr_env_add(e, "%s", "DVK_USER=Người Thử");
	for (size_t i = 0; extra && extra[i]; i++)
		tr_env_add(e, "%s", extra[i]);
}

static void tr_argv(char **argv, char *const args[])
{
	int n = 0;
	argv[n++] = (char *)tr_bin();
	for (int i = 0; args && args[i] && n < TR_MAX_ARGS - 1; i++)
		argv[n++] = args[i];
	argv[n] = NULL;
}

struct vt *tr_start(const char *root, int rows, int cols, const char *const extra[],
		    char *const args[])
{
	if (access(tr_bin(), X_OK) != 0)
		return NULL;
	struct tr_env e;
	tr_env_make(&e, root, extra, args);
	char *argv[TR_MAX_ARGS];
	tr_argv(argv, args);
	struct vt *v = vt_spawn(rows, cols, argv, (const char *const *)e.v);
	tr_env_free(&e);
	return v;
}

int tr_cli(const char *root, const char *const extra[], char *const args[], char **out)
{
	int pfd[2];
	if (pipe(pfd) != 0)
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		struct tr_env e;
		/* the TUI is Vietnamese; the verbs' output is compared in
		 * English unless extra says otherwise */
		const char *en[] = { "DVK_LANG=en", NULL };
		tr_env_make(&e, root, en, args);
		for (size_t i = 0; extra && extra[i]; i++)
			tr_env_add(&e, "%s", extra[i]);
		for (int i = 0; i < e.n; i++) {
			char *eq = strchr(e.v[i], '=');
			if (eq) {
				*eq = '\0';
				setenv(e.v[i], eq + 1, 1);
			} else {
				unsetenv(e.v[i]);
			}
		}
		dup2(pfd[1], 1);
		int null = open("/dev/null", O_WRONLY);
		dup2(null, 2);
		close(pfd[0]);
		char *argv[TR_MAX_ARGS];
		tr_argv(argv, args);
		execv(argv[0], argv);
		_exit(127);
	}
	close(pfd[1]);
	size_t cap = 4096, len = 0;
	char *buf = malloc(cap);
	ssize_t r;
	while ((r = read(pfd[0], buf + len, cap - len - 1)) > 0) {
		len += (size_t)r;
		if (cap - len < 2)
			buf = realloc(buf, cap *= 2);
	}
	buf[len] = '\0';
	close(pfd[0]);
	int st;
	waitpid(pid, &st, 0);
	if (out)
		*out = buf;
	else
		free(buf);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

char *tr_slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 4096, len = 0, n;
	char *buf = malloc(cap);
	while ((n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
		len += n;
		if (cap - len < 2)
			buf = realloc(buf, cap *= 2);
	}
	buf[len] = '\0';
	fclose(f);
	return buf;
}

bool tr_write(const char *path, const char *bytes, size_t n)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return false;
	bool ok = fwrite(bytes, 1, n, f) == n;
	return fclose(f) == 0 && ok;
}

bool tr_selected(struct vt *v, const char *text)
{
	for (int tries = 0; tries < 100; tries++) {
		int row;
		if (vt_find(v, text, &row, NULL)) {
			char *r = vt_row(v, row);
			bool sel = r[0] == '>';
			free(r);
			if (sel)
				return true;
		}
		vt_settle(v, 20, 50);
	}
	return false;
}

void tr_quit(struct vt *v)
{
	vt_type(v, "q");
	int st = vt_wait_exit(v, TR_WAIT_MS);
	cr_expect(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0, "dvk did not quit cleanly");
}

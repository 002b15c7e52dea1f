/* Copyright 2026 the dvk developers.  SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * yamlfloor.c: the floor for reading state files: read each file and run
 * libyaml's parser over it, events only (no tree, no schema, no output).
 *
 *   yamlfloor FILE...      prints "floor_ms MS FILES BYTES EVENTS"
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <yaml.h>

static double now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
	double t0 = now_ms();
	unsigned long long bytes = 0, events = 0;

	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		char *buf;
		long len;
		yaml_parser_t p;
		yaml_event_t e;
		int done = 0;

		if (!f || fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
			perror(argv[i]);
			return 1;
		}
		buf = malloc((size_t)len + 1);
		if (!buf || fread(buf, 1, (size_t)len, f) != (size_t)len) {
			perror(argv[i]);
			return 1;
		}
		fclose(f);
		yaml_parser_initialize(&p);
		yaml_parser_set_input_string(&p, (const unsigned char *)buf, (size_t)len);
		while (!done) {
			if (!yaml_parser_parse(&p, &e)) {
				fprintf(stderr, "%s: %s\n", argv[i], p.problem);
				return 1;
			}
			done = e.type == YAML_STREAM_END_EVENT;
			events++;
			yaml_event_delete(&e);
		}
		yaml_parser_delete(&p);
		free(buf);
		bytes += (unsigned long long)len;
	}
	printf("floor_ms %.3f %d %llu %llu\n", now_ms() - t0, argc - 1, bytes, events);
	return 0;
}

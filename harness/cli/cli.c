/* SPDX-License-Identifier: Apache-2.0
 * cli/cli.c: dispatch, --help and --version. */
#include "cli/cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/stat.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/paths.h"
#include "core/text.h"
#include "report/report.h"

/* One printer: the report layer's (secrets redacted, control characters
 * made visible). */
void sdkc_cli_vfprintf(FILE *f, const char *fmt, va_list ap)
{
    sdkc_report_vfprintf(f, fmt, ap);
}

void sdkc_cli_fprintf(FILE *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sdkc_cli_vfprintf(f, fmt, ap);
    va_end(ap);
}

int sdkc_cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "sdkconform %s: ", cmd);
    va_start(ap, fmt);
    sdkc_cli_vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n(see 'sdkconform %s --help')\n", cmd);
    return SDKC_EXIT_USAGE;
}

void sdkc_cli_print_error(const char *cmd, const struct sdkc_error *err)
{
    if (err->offset != SDKC_NO_OFFSET)
        sdkc_cli_fprintf(stderr, "sdkconform %s: %s (byte %zu)\n", cmd, err->msg, err->offset);
    else
        sdkc_cli_fprintf(stderr, "sdkconform %s: %s\n", cmd, err->msg);
}

int sdkc_cli_parse_ulong(const char *s, unsigned long max, unsigned long *out)
{
    char *end = NULL;
    unsigned long v;
    if (!s || *s < '0' || *s > '9')
        return -1;
    errno = 0;
    v = strtoul(s, &end, 10);
    if (errno || *end || v > max)
        return -1;
    *out = v;
    return 0;
}

/* The bundled corpus, resolved at run time (the binary may be run from any
 * folder), as core/paths.h finds it. */
int sdkc_cli_default_corpus(char *out, size_t n)
{
    return sdkc_paths_find(SDKC_PATH_CORPUS, out, n, NULL) == SDKC_OK ? 0 : -1;
}

static void s_help(FILE *out)
{
    size_t i;
    fprintf(out, "usage: sdkconform <command> [options]\n\n"
                 "Conformance and fuzz-testing harness for clients of AWS rest-json services.\n\n"
                 "commands:\n");
    for (i = 0; sdkc_commands[i].name; i++)
        fprintf(out, "  %-10s %s\n", sdkc_commands[i].name, sdkc_commands[i].summary);
    fprintf(out, "\n'sdkconform <command> --help' describes one command.\n"
                 "exit codes: 0 ok, 1 conformance failures, 2 bad usage or input, "
                 "3 implementation could not run\n");
}

int sdkc_cli_main(int argc, char **argv)
{
    size_t i;
    if (argc < 2) {
        s_help(stderr);
        return SDKC_EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        s_help(stdout);
        return SDKC_EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
        printf("sdkconform %s\n", SDKC_VERSION);
        return SDKC_EXIT_OK;
    }
    for (i = 0; sdkc_commands[i].name; i++)
        if (strcmp(argv[1], sdkc_commands[i].name) == 0)
            return sdkc_commands[i].run(argc - 1, argv + 1);
    sdkc_cli_fprintf(stderr, "sdkconform: unknown command '%s'\n\n", argv[1]);
    s_help(stderr);
    return SDKC_EXIT_USAGE;
}

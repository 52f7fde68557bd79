/* SPDX-License-Identifier: Apache-2.0
 *
 * cli/spec_arg.c: --spec FILE and --operation NAME, shared by commands.
 * See spec_arg.h. All model parsing and checking lives in spec/; this file
 * only turns its errors into the CLI's messages and exit codes.
 */
#include "cli/spec_arg.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/error.h"

/* Names are compared on at most this many bytes when ranking suggestions:
 * operation names are short; a longer one just ranks by its start. */
#define SDKC_CLI_SUGGEST_NAME_MAX 128

int sdkc_cli_load_spec(const char *cmd, const char *path_or_null, struct sdkc_spec **out)
{
    struct sdkc_error err;
    sdkc_result result;
    sdkc_error_init(&err);
    *out = NULL;
    if (path_or_null)
        result = sdkc_spec_load_file(path_or_null, out, &err);
    else
        result = sdkc_spec_load_default(out, &err);
    if (result) {
        /* The spec layer's messages already start with the file name and
         * name the JSON path or line/column (and byte offset). */
        sdkc_cli_fprintf(stderr, "sdkconform %s: %s\n", cmd,
                         err.msg[0] ? err.msg : sdkc_result_str(result));
        return SDKC_EXIT_USAGE;
    }
    return SDKC_EXIT_OK;
}

/* Levenshtein distance, ASCII case folded, on the first
 * SDKC_CLI_SUGGEST_NAME_MAX bytes of each name. */
static size_t s_distance(const char *a, const char *b)
{
    size_t row[2][SDKC_CLI_SUGGEST_NAME_MAX + 1];
    size_t la = strlen(a), lb = strlen(b), i, j;
    if (la > SDKC_CLI_SUGGEST_NAME_MAX)
        la = SDKC_CLI_SUGGEST_NAME_MAX;
    if (lb > SDKC_CLI_SUGGEST_NAME_MAX)
        lb = SDKC_CLI_SUGGEST_NAME_MAX;
    for (j = 0; j <= lb; j++)
        row[0][j] = j;
    for (i = 1; i <= la; i++) {
        size_t *prev = row[(i - 1) & 1], *cur = row[i & 1];
        cur[0] = i;
        for (j = 1; j <= lb; j++) {
            size_t sub = prev[j - 1] +
                         (tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]));
            size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
            cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
        }
    }
    return row[la & 1][lb];
}

int sdkc_cli_find_operation(const char *cmd, const struct sdkc_spec *spec, const char *name,
                            const struct sdkc_operation **out)
{
    size_t best[SDKC_CLI_SUGGEST_MAX], best_d[SDKC_CLI_SUGGEST_MAX];
    size_t nbest = 0, i, k;

    *out = name ? sdkc_spec_find_operation(spec, name) : NULL;
    if (*out)
        return SDKC_EXIT_OK;
    /* Keep the closest few (operations are sorted, so ties stay in name
     * order); without a name, the first few. */
    for (i = 0; i < spec->operation_count; i++) {
        size_t d = name ? s_distance(name, spec->operations[i].name) : 0;
        if (nbest == SDKC_CLI_SUGGEST_MAX && d >= best_d[nbest - 1])
            continue;
        k = nbest < SDKC_CLI_SUGGEST_MAX ? nbest++ : nbest - 1;
        while (k > 0 && best_d[k - 1] > d) {
            best[k] = best[k - 1];
            best_d[k] = best_d[k - 1];
            k--;
        }
        best[k] = i;
        best_d[k] = d;
    }
    if (name)
        sdkc_cli_fprintf(stderr, "sdkconform %s: no operation named \"%s\" in %s", cmd, name,
                         spec->source);
    else
        sdkc_cli_fprintf(stderr, "sdkconform %s: missing --operation NAME (%s has %zu)", cmd,
                         spec->source, spec->operation_count);
    if (nbest) {
        sdkc_cli_fprintf(stderr, "; %s: ", name ? "closest" : "for example");
        for (k = 0; k < nbest; k++)
            sdkc_cli_fprintf(stderr, "%s%s", k ? ", " : "", spec->operations[best[k]].name);
        if (spec->operation_count > nbest)
            sdkc_cli_fprintf(stderr, " (of %zu)", spec->operation_count);
    }
    sdkc_cli_fprintf(stderr, "\n");
    return SDKC_EXIT_USAGE;
}

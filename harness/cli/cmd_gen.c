/* SPDX-License-Identifier: Apache-2.0
 *
 * cli/cmd_gen.c: `sdkconform gen`: write the systematic part of a vector
 * corpus for one operation or every operation of a model (docs/DESIGN.md;
 * what is generated: vectors/gen.h). Files are written atomically as
 * <DIR>/<Operation>/<category>.json; the same model always gives the same
 * bytes, so a committed corpus can be checked against a fresh run.
 */
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/opts.h"
#include "cli/spec_arg.h"
#include "core/alloc.h"
#include "vectors/gen.h"

enum { S_SPEC = 1, S_OPERATION, S_ALL, S_OUT };

static const struct sdkc_cli_opt s_opts[] = {
    {S_SPEC, "--spec", 0, "FILE", 1,
     "service model (botocore service-2.json, plain or gzip);\n"
     "default: the bundled DataZone CreateUserProfile"},
    {S_OPERATION, "--operation", 0, "NAME", 1, "generate for this operation"},
    {S_ALL, "--all", 0, NULL, 1, "generate for every operation of the model"},
    {S_OUT, "--out", 0, "DIR", 1, "output folder (created when missing)"},
};

const struct sdkc_cli_syntax sdkc_cmd_gen_syntax = {
    "gen",
    "sdkconform gen [--spec FILE] (--operation NAME | --all) --out DIR",
    "Generates conformance vectors from the service model: the required\n"
    "members, label escaping, idempotency tokens and each required member\n"
    "missing (request side); every union reachable from the output (each\n"
    "member, an unknown member, a null sibling, zero and two members); every\n"
    "output enum value and an unknown one; every error of the operation with\n"
    "its code in the X-Amzn-Errortype header, body code and body __type, each\n"
    "plain, with a namespace#, with a :uri suffix, and both. Output:\n"
    "DIR/<Operation>/{request,response,unions,enums,errors}.json, byte-identical\n"
    "for the same model. Params honour the model's constraints (enums, lengths,\n"
    "counts, ranges, patterns); expected responses carry every header, status\n"
    "and payload binding. Operations with an event stream are skipped, and\n"
    "what gen could not honour (a pattern beyond its generator) is noted on\n"
    "stderr as \"gen: note: ...\".",
    s_opts,
    sizeof(s_opts) / sizeof(s_opts[0]),
    "exit: 0 files written, 2 bad usage or a bad model, 1 a file could not be written"};

/* 1 when dir/name exists. */
static int s_exists_under(const char *dir, const char *name)
{
    char p[PATH_MAX];
    if (snprintf(p, sizeof(p), "%s/%s", dir, name) >= (int)sizeof(p))
        return 1; /* too long to have been made by us: never removed */
    return access(p, F_OK) == 0;
}

static int s_rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    if (flag == FTW_DP)
        rmdir(path);
    else
        unlink(path);
    return 0;
}

/* Remove dir/name and what is under it (a folder gen made this run). */
static void s_remove_under(const char *dir, const char *name)
{
    char p[PATH_MAX];
    if (snprintf(p, sizeof(p), "%s/%s", dir, name) >= (int)sizeof(p))
        return;
    (void)nftw(p, s_rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

int sdkc_cmd_gen(int argc, char **argv)
{
    const char *spec_path = NULL, *op_name = NULL, *out_dir = NULL;
    int all = 0, rc, out_existed = 0;
    unsigned char *made = NULL; /* per operation: its folder did not exist before */
    struct sdkc_spec *spec = NULL;
    struct sdkc_gen_output out;
    struct sdkc_error err;
    size_t files = 0, vectors = 0, skipped = 0, k;
    sdkc_result result;
    struct sdkc_cli_opts p;
    struct sdkc_cli_arg arg;

    sdkc_cli_opts_init(&p, &sdkc_cmd_gen_syntax, argc, argv);
    while ((rc = sdkc_cli_opts_next(&p, &arg)) == SDKC_CLI_OPTS_NEXT) {
        switch (arg.id) {
        case S_SPEC: spec_path = arg.value; break;
        case S_OPERATION: op_name = arg.value; break;
        case S_ALL: all = 1; break;
        default: out_dir = arg.value; break;
        }
    }
    if (rc != SDKC_CLI_OPTS_END)
        return rc == SDKC_CLI_OPTS_HELP ? SDKC_EXIT_OK : rc;
    if (all == (op_name != NULL))
        return sdkc_cli_usage_error("gen", "give exactly one of --operation NAME and --all");
    if ((rc = sdkc_cli_opts_require(&p, S_OUT)))
        return rc;
    if ((rc = sdkc_cli_load_spec("gen", spec_path, &spec)))
        return rc;

    sdkc_error_init(&err);
    sdkc_gen_output_init(&out);
    rc = SDKC_EXIT_OK;
    /* Names from a model never become paths unchecked: every operation to
     * generate is checked before anything is written. */
    for (k = 0; k < spec->operation_count; k++) {
        const char *name = spec->operations[k].name;
        if ((all || strcmp(name, op_name) == 0) && !sdkc_gen_safe_name(name)) {
            sdkc_cli_fprintf(stderr,
                             "sdkconform gen: %s: operations.%s: the operation name cannot be "
                             "a folder name (one component of A-Z a-z 0-9 . _ -, not starting "
                             "with '.'); nothing written\n",
                             spec->source ? spec->source : "(spec)", name);
            rc = SDKC_EXIT_USAGE;
            goto done;
        }
    }
    out_existed = access(out_dir, F_OK) == 0;
    if (!(made = sdkc_calloc(spec->operation_count + 1, sizeof(*made)))) {
        sdkc_cli_fprintf(stderr, "sdkconform gen: out of memory\n");
        rc = SDKC_EXIT_FAIL;
        goto done;
    }
    for (k = 0; k < spec->operation_count; k++)
        made[k] = !s_exists_under(out_dir, spec->operations[k].name);
    if (!all) {
        const struct sdkc_operation *op = NULL;
        if ((rc = sdkc_cli_find_operation("gen", spec, op_name, &op)))
            goto done;
        result = sdkc_gen_operation(spec, op, &out, &err);
        if (!result)
            result = sdkc_gen_write(&out, out_dir, &err);
        files = out.count;
        vectors = out.vector_count;
        skipped = out.skipped;
        if (out.notes.len)
            fputs(out.notes.data, stderr);
    } else {
        /* One operation at a time, so memory stays that of the largest. */
        result = SDKC_OK;
        for (k = 0; k < spec->operation_count && !result; k++) {
            sdkc_gen_output_clean_up(&out);
            sdkc_gen_output_init(&out);
            result = sdkc_gen_operation(spec, &spec->operations[k], &out, &err);
            if (!result)
                result = sdkc_gen_write(&out, out_dir, &err);
            files += out.count;
            vectors += out.vector_count;
            skipped += out.skipped;
            if (out.notes.len)
                fputs(out.notes.data, stderr);
        }
    }
    if (result) {
        /* Leave nothing half-written: the folders this run created go. */
        for (k = 0; made && k < spec->operation_count; k++)
            if (made[k])
                s_remove_under(out_dir, spec->operations[k].name);
        if (!out_existed)
            rmdir(out_dir);
        sdkc_cli_print_error("gen", &err);
        rc = result == SDKC_ERR_IO                                     ? SDKC_EXIT_FAIL
             : result == SDKC_ERR_SPEC || result == SDKC_ERR_TOO_LARGE ? SDKC_EXIT_USAGE
                                                                       : SDKC_EXIT_FAIL;
        goto done;
    }
    sdkc_cli_fprintf(stderr, "sdkconform gen: %zu vectors in %zu files under %s", vectors, files,
                     out_dir);
    if (skipped)
        fprintf(stderr, " (%zu event-stream operation%s skipped)", skipped,
                skipped == 1 ? "" : "s");
    fputc('\n', stderr);
done:
    sdkc_free(made);
    sdkc_gen_output_clean_up(&out);
    sdkc_spec_destroy(spec);
    return rc;
}

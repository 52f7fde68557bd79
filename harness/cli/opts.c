/* SPDX-License-Identifier: Apache-2.0
 *
 * cli/opts.c: the table-driven option parser of every command (opts.h).
 *
 * A hand-written walker rather than getopt_long: getopt_long permutes argv
 * unless told not to, prints its own messages unless opterr is 0, keeps its
 * position in globals (optind) that a test running commands in-process
 * would have to reset by a GNU-only trick, accepts abbreviated long names,
 * and knows neither repeat counts, empty values nor operand caps, all of
 * which the commands need worded alike. The walker is short, and the
 * table it walks is the one --help prints.
 */
#include "cli/opts.h"

#include <string.h>

#include "cli/cli.h"

#define S_HELP_LONG "--help"
#define S_HELP_ROW  "-h, --help"
#define S_HELP_TEXT "print this help and exit"

void sdkc_cli_opts_init(struct sdkc_cli_opts *p, const struct sdkc_cli_syntax *syntax, int argc,
                        char **argv)
{
    memset(p, 0, sizeof(*p));
    p->syntax = syntax;
    p->argc = argc;
    p->argv = argv;
    p->next = 1;
}

/* How many bytes of s a message echoes: up to `stop` (or the end), at most
 * SDKC_CLI_OPTS_ECHO_MAX. */
static int s_echo_len(const char *s, char stop)
{
    size_t n = 0;
    while (s[n] && s[n] != stop && n < SDKC_CLI_OPTS_ECHO_MAX)
        n++;
    return (int)n;
}

static const struct sdkc_cli_opt *s_row_by_name(const struct sdkc_cli_syntax *syn, const char *name,
                                                size_t n)
{
    size_t i;
    for (i = 0; i < syn->opt_count; i++) {
        const char *r = syn->opts[i].name;
        if (r && strlen(r) == n && memcmp(r, name, n) == 0)
            return &syn->opts[i];
    }
    return NULL;
}

static const struct sdkc_cli_opt *s_row_by_alias(const struct sdkc_cli_syntax *syn, char c)
{
    size_t i;
    for (i = 0; i < syn->opt_count; i++)
        if (syn->opts[i].name && syn->opts[i].alias == c)
            return &syn->opts[i];
    return NULL;
}

static const struct sdkc_cli_opt *s_operand_row(const struct sdkc_cli_syntax *syn)
{
    size_t i;
    for (i = 0; i < syn->opt_count; i++)
        if (!syn->opts[i].name)
            return &syn->opts[i];
    return NULL;
}

static const struct sdkc_cli_opt *s_row_by_id(const struct sdkc_cli_syntax *syn, int id)
{
    size_t i;
    for (i = 0; i < syn->opt_count; i++)
        if (syn->opts[i].id == id)
            return &syn->opts[i];
    return NULL;
}

static sdkc_result s_operand(struct sdkc_cli_opts *p, const char *a, struct sdkc_cli_arg *arg,
                             struct sdkc_error *err)
{
    const struct sdkc_cli_opt *row = s_operand_row(p->syntax);
    if (!row)
        return sdkc_error_set(err, SDKC_ERR_PARSE, SDKC_NO_OFFSET, "unexpected argument '%.*s'",
                              s_echo_len(a, '\0'), a);
    if (p->operands >= row->max)
        return sdkc_error_set(err, SDKC_ERR_TOO_LARGE, SDKC_NO_OFFSET,
                              "unexpected argument '%.*s' (at most %u %s)", s_echo_len(a, '\0'), a,
                              row->max, row->value ? row->value : "operands");
    p->count[row - p->syntax->opts]++;
    p->operands++;
    p->next++;
    arg->kind = SDKC_CLI_ARG_OPERAND;
    arg->id = row->id;
    arg->value = a;
    return SDKC_OK;
}

sdkc_result sdkc_cli_opts_scan(struct sdkc_cli_opts *p, struct sdkc_cli_arg *arg,
                               struct sdkc_error *err)
{
    const struct sdkc_cli_syntax *syn = p->syntax;
    const struct sdkc_cli_opt *row = NULL;
    const char *a, *inline_value = NULL, *value = NULL;
    int taken = 1;

    memset(arg, 0, sizeof(*arg));
    arg->kind = SDKC_CLI_ARG_END;
    if (syn->opt_count > SDKC_CLI_OPTS_MAX)
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                              "%s: more than %d rows in the option table", syn->command,
                              SDKC_CLI_OPTS_MAX);
    while (p->next < p->argc && !p->operands_only && strcmp(p->argv[p->next], "--") == 0) {
        p->operands_only = 1;
        p->next++;
    }
    if (p->next >= p->argc)
        return SDKC_OK;
    a = p->argv[p->next];
    /* "-" alone is stdin by convention: an operand like any word. */
    if (p->operands_only || a[0] != '-' || a[1] == '\0')
        return s_operand(p, a, arg, err);

    if (a[1] == '-') {
        const char *eq = strchr(a, '=');
        size_t n = eq ? (size_t)(eq - a) : strlen(a);
        inline_value = eq ? eq + 1 : NULL;
        if (n == strlen(S_HELP_LONG) && memcmp(a, S_HELP_LONG, n) == 0) {
            if (inline_value)
                return sdkc_error_set(err, SDKC_ERR_PARSE, SDKC_NO_OFFSET,
                                      S_HELP_LONG " takes no value");
            p->next++;
            arg->kind = SDKC_CLI_ARG_HELP;
            return SDKC_OK;
        }
        row = s_row_by_name(syn, a, n);
    } else if (a[2] == '\0') {
        if (a[1] == 'h') {
            p->next++;
            arg->kind = SDKC_CLI_ARG_HELP;
            return SDKC_OK;
        }
        row = s_row_by_alias(syn, a[1]);
    }
    if (!row)
        return sdkc_error_set(err, SDKC_ERR_PARSE, SDKC_NO_OFFSET, "unknown option '%.*s'",
                              s_echo_len(a, a[1] == '-' ? '=' : '\0'), a);

    if (!row->value && inline_value)
        return sdkc_error_set(err, SDKC_ERR_PARSE, SDKC_NO_OFFSET, "%s takes no value", row->name);
    if (row->value) {
        /* The next argument is the value whatever it looks like, so a
         * value may start with '-'. An empty value is never meaningful
         * for any command, so it reads as a missing one. */
        if (inline_value) {
            value = inline_value;
        } else if (p->next + 1 < p->argc) {
            value = p->argv[p->next + 1];
            taken = 2;
        }
        if (!value || !*value)
            return sdkc_error_set(err, SDKC_ERR_PARSE, SDKC_NO_OFFSET, "%s needs a value",
                                  row->name);
    }
    if (p->count[row - syn->opts] >= row->max) {
        if (row->max <= 1)
            return sdkc_error_set(err, SDKC_ERR_PARSE, SDKC_NO_OFFSET, "%s given twice", row->name);
        return sdkc_error_set(err, SDKC_ERR_TOO_LARGE, SDKC_NO_OFFSET,
                              "%s given more than %u times", row->name, row->max);
    }
    p->count[row - syn->opts]++;
    p->next += taken;
    arg->kind = SDKC_CLI_ARG_OPTION;
    arg->id = row->id;
    arg->name = row->name;
    arg->value = value;
    return SDKC_OK;
}

int sdkc_cli_opts_next(struct sdkc_cli_opts *p, struct sdkc_cli_arg *arg)
{
    struct sdkc_error err;
    sdkc_error_init(&err);
    if (sdkc_cli_opts_scan(p, arg, &err) != SDKC_OK)
        return sdkc_cli_usage_error(p->syntax->command, "%s", err.msg);
    switch (arg->kind) {
    case SDKC_CLI_ARG_END: return SDKC_CLI_OPTS_END;
    case SDKC_CLI_ARG_HELP: sdkc_cli_opts_help(p->syntax, stdout); return SDKC_CLI_OPTS_HELP;
    default: return SDKC_CLI_OPTS_NEXT;
    }
}

unsigned sdkc_cli_opts_count(const struct sdkc_cli_opts *p, int id)
{
    const struct sdkc_cli_opt *row = s_row_by_id(p->syntax, id);
    return row && row - p->syntax->opts < SDKC_CLI_OPTS_MAX ? p->count[row - p->syntax->opts] : 0;
}

int sdkc_cli_opts_require(const struct sdkc_cli_opts *p, int id)
{
    const struct sdkc_cli_opt *row = s_row_by_id(p->syntax, id);
    if (!row || sdkc_cli_opts_count(p, id) > 0)
        return 0;
    if (!row->name)
        return sdkc_cli_usage_error(p->syntax->command, "%s is required", row->value);
    if (!row->value)
        return sdkc_cli_usage_error(p->syntax->command, "%s is required", row->name);
    return sdkc_cli_usage_error(p->syntax->command, "%s %s is required", row->name, row->value);
}

/* The left part of a row as help prints it: "-v, --verbose",
 * "--spec FILE" or the operand name. */
static void s_left(const struct sdkc_cli_opt *row, char *out, size_t n)
{
    char alias[5] = "";
    if (!row->name) {
        snprintf(out, n, "%s", row->value ? row->value : "");
        return;
    }
    if (row->alias)
        snprintf(alias, sizeof(alias), "-%c, ", row->alias);
    snprintf(out, n, "%s%s%s%s", alias, row->name, row->value ? " " : "",
             row->value ? row->value : "");
}

static void s_print_row(FILE *out, size_t col, const char *left, const char *help)
{
    const char *line = help ? help : "";
    size_t width = strlen(left);
    /* two spaces at least between the left part and the help */
    fprintf(out, "  %s%*s", left, (int)(width + 4 <= col ? col - 2 - width : 2), "");
    for (;;) {
        const char *nl = strchr(line, '\n');
        if (!nl) {
            fprintf(out, "%s\n", line);
            return;
        }
        fprintf(out, "%.*s\n%*s", (int)(nl - line), line, (int)col, "");
        line = nl + 1;
    }
}

void sdkc_cli_opts_help(const struct sdkc_cli_syntax *syntax, FILE *out)
{
    size_t i, widest = strlen(S_HELP_ROW), col;
    char left[SDKC_CLI_OPTS_HELP_COLUMN * 4];

    /* The help column: right of the widest left part that fits under
     * SDKC_CLI_OPTS_HELP_COLUMN; a wider one is followed by two spaces. */
    for (i = 0; i < syntax->opt_count; i++) {
        size_t w;
        s_left(&syntax->opts[i], left, sizeof(left));
        w = strlen(left);
        if (w > widest && w + 4 <= SDKC_CLI_OPTS_HELP_COLUMN)
            widest = w;
    }
    col = widest + 4;
    fprintf(out, "usage: %s\n", syntax->usage);
    if (syntax->about)
        fprintf(out, "\n%s\n", syntax->about);
    fputc('\n', out);
    for (i = 0; i < syntax->opt_count; i++) {
        s_left(&syntax->opts[i], left, sizeof(left));
        s_print_row(out, col, left, syntax->opts[i].help);
    }
    s_print_row(out, col, S_HELP_ROW, S_HELP_TEXT);
    if (syntax->footer)
        fprintf(out, "\n%s\n", syntax->footer);
}

/* Every "--word" of the synopsis must be a row (or --help). */
static sdkc_result s_check_synopsis(const struct sdkc_cli_syntax *syn, struct sdkc_error *err)
{
    const char *s = syn->usage;
    for (; s && (s = strstr(s, "--")) != NULL; s += 2) {
        size_t n = 2;
        while ((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= '0' && s[n] <= '9') || s[n] == '-')
            n++;
        if (n == 2 ||
            (s > syn->usage && s[-1] != ' ' && s[-1] != '[' && s[-1] != '(' && s[-1] != '|'))
            continue;
        if (!s_row_by_name(syn, s, n) &&
            !(n == strlen(S_HELP_LONG) && memcmp(s, S_HELP_LONG, n) == 0))
            return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                                  "%s: the usage names %.*s, which the table lacks", syn->command,
                                  (int)n, s);
        s += n - 2;
    }
    return SDKC_OK;
}

sdkc_result sdkc_cli_opts_check(const struct sdkc_cli_syntax *syntax, struct sdkc_error *err)
{
    size_t i, j, operand_rows = 0;
    if (!syntax->command || !syntax->usage)
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                              "a syntax without a command name or usage");
    if (syntax->opt_count > SDKC_CLI_OPTS_MAX)
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET, "%s: more than %d rows",
                              syntax->command, SDKC_CLI_OPTS_MAX);
    for (i = 0; i < syntax->opt_count; i++) {
        const struct sdkc_cli_opt *r = &syntax->opts[i];
        const char *what = r->name ? r->name : "the operand row";
        if (r->name && (strncmp(r->name, "--", 2) != 0 || !r->name[2] || strchr(r->name, '=') ||
                        strcmp(r->name, S_HELP_LONG) == 0))
            return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                                  "%s: '%s' is not a long option name of its own", syntax->command,
                                  r->name);
        if (r->alias == 'h' || (r->alias && !r->name))
            return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                                  "%s: %s: alias -%c not allowed", syntax->command, what, r->alias);
        if (!r->name && (!r->value || ++operand_rows > 1))
            return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                                  "%s: one operand row at most, and it needs a name",
                                  syntax->command);
        if (r->max < 1 || !r->help || !*r->help)
            return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                                  "%s: %s: max 0 or no help", syntax->command, what);
        for (j = 0; j < i; j++) {
            const struct sdkc_cli_opt *o = &syntax->opts[j];
            if (o->id == r->id || (o->name && r->name && strcmp(o->name, r->name) == 0) ||
                (o->alias && o->alias == r->alias))
                return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                                      "%s: %s repeats the id, name or alias of row %zu",
                                      syntax->command, what, j);
        }
    }
    return s_check_synopsis(syntax, err);
}

/* SPDX-License-Identifier: Apache-2.0
 * Tests of the one option parser of every command (cli/opts.h): the
 * grammar (--opt value, --opt=value, --, -, aliases, --help), each refusal
 * and its exact wording, repeat and operand caps, the help printed from the
 * table, and the table check. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/opts.h"
#include "tests/test.h"

/* MARK: - a table like a command's */

enum { T_SPEC = 1, T_HEADER, T_PRETTY, T_FILE };

static const struct sdkc_cli_opt s_rows[] = {
    {T_SPEC, "--spec", 0, "FILE", 1, "service model\nsecond line"},
    {T_HEADER, "--header", 0, "'N: v'", 3, "a header; repeatable"},
    {T_PRETTY, "--pretty", 'p', NULL, 1, "indent"},
    {T_FILE, NULL, 0, "FILE", 2, "input files"},
};

static const struct sdkc_cli_syntax s_syn = {
    "demo",
    "sdkconform demo [--spec FILE] [--header 'N: v']... [--pretty] [FILE]...",
    "Demo about.",
    s_rows,
    sizeof(s_rows) / sizeof(s_rows[0]),
    "exit: 0 ok"};

/* The same without operands. */
static const struct sdkc_cli_syntax s_no_operands = {
    "bare", "sdkconform bare [--spec FILE]", NULL, s_rows, 3, NULL};

/* MARK: - helpers */

#define S_MAX_ARGS 16

struct s_run {
    struct sdkc_cli_arg got[S_MAX_ARGS];
    size_t n;
    sdkc_result result; /* of the last scan */
    struct sdkc_error err;
};

/* Scan argv (argv[0] = the command) to the end or the first error. */
static void s_scan_all(const struct sdkc_cli_syntax *syn, int argc, char **argv, struct s_run *r)
{
    struct sdkc_cli_opts p;
    memset(r, 0, sizeof(*r));
    sdkc_error_init(&r->err);
    sdkc_cli_opts_init(&p, syn, argc, argv);
    while (r->n < S_MAX_ARGS) {
        struct sdkc_cli_arg a;
        r->result = sdkc_cli_opts_scan(&p, &a, &r->err);
        if (r->result || a.kind == SDKC_CLI_ARG_END)
            return;
        r->got[r->n++] = a;
    }
    CU_FAIL("more arguments than the test expects");
}

#define S_ARGV(...)                                                                                \
    (char *[])                                                                                     \
    {                                                                                              \
        "demo", __VA_ARGS__                                                                        \
    }
#define S_ARGC(...)         ((int)(sizeof((char *[]){"demo", __VA_ARGS__}) / sizeof(char *)))
#define S_SCAN(syn, r, ...) s_scan_all((syn), S_ARGC(__VA_ARGS__), S_ARGV(__VA_ARGS__), (r))

/* Expect a refusal with this result and exactly this message. */
static void s_refused(const struct s_run *r, sdkc_result want, const char *msg)
{
    CU_ASSERT_EQUAL(r->result, want);
    CU_ASSERT_STRING_EQUAL(r->err.msg, msg);
    if (strcmp(r->err.msg, msg) != 0)
        fprintf(stderr, "got \"%s\", want \"%s\"\n", r->err.msg, msg);
}

/* MARK: - the grammar */

SDKC_TEST(cli_opts_value_forms_agree)
{
    struct s_run a, b;
    S_SCAN(&s_syn, &a, "--spec", "m.json", "--header", "X: 1");
    S_SCAN(&s_syn, &b, "--spec=m.json", "--header=X: 1");
    CU_ASSERT_EQUAL(a.result, SDKC_OK);
    CU_ASSERT_EQUAL(b.result, SDKC_OK);
    CU_ASSERT_EQUAL_FATAL(a.n, 2);
    CU_ASSERT_EQUAL_FATAL(b.n, 2);
    CU_ASSERT_EQUAL(a.got[0].kind, SDKC_CLI_ARG_OPTION);
    CU_ASSERT_EQUAL(a.got[0].id, T_SPEC);
    CU_ASSERT_STRING_EQUAL(a.got[0].name, "--spec");
    CU_ASSERT_STRING_EQUAL(a.got[0].value, "m.json");
    CU_ASSERT_EQUAL(b.got[0].id, T_SPEC);
    CU_ASSERT_STRING_EQUAL(b.got[0].value, "m.json");
    CU_ASSERT_STRING_EQUAL(a.got[1].value, "X: 1");
    CU_ASSERT_STRING_EQUAL(b.got[1].value, "X: 1");
}

/* The value is the next argument whatever it looks like; "=" splits at the
 * first '=' only. */
SDKC_TEST(cli_opts_value_may_look_like_an_option)
{
    struct s_run r;
    S_SCAN(&s_syn, &r, "--spec", "--pretty", "--header=a=b", "--header", "-");
    CU_ASSERT_EQUAL(r.result, SDKC_OK);
    CU_ASSERT_EQUAL_FATAL(r.n, 3);
    CU_ASSERT_STRING_EQUAL(r.got[0].value, "--pretty");
    CU_ASSERT_STRING_EQUAL(r.got[1].value, "a=b");
    CU_ASSERT_STRING_EQUAL(r.got[2].value, "-");
}

/* Arguments come back in command-line order, options and operands mixed
 * (replay's --impl / --impl-cmd order is its matrix order). */
SDKC_TEST(cli_opts_order_kept)
{
    struct s_run r;
    S_SCAN(&s_syn, &r, "a.json", "--header", "A: 1", "-p", "--header", "B: 2", "-");
    CU_ASSERT_EQUAL(r.result, SDKC_OK);
    CU_ASSERT_EQUAL_FATAL(r.n, 5);
    CU_ASSERT_EQUAL(r.got[0].kind, SDKC_CLI_ARG_OPERAND);
    CU_ASSERT_EQUAL(r.got[0].id, T_FILE);
    CU_ASSERT_PTR_NULL(r.got[0].name);
    CU_ASSERT_STRING_EQUAL(r.got[0].value, "a.json");
    CU_ASSERT_STRING_EQUAL(r.got[1].value, "A: 1");
    CU_ASSERT_EQUAL(r.got[2].id, T_PRETTY);
    CU_ASSERT_STRING_EQUAL(r.got[2].name, "--pretty");
    CU_ASSERT_PTR_NULL(r.got[2].value);
    CU_ASSERT_STRING_EQUAL(r.got[3].value, "B: 2");
    /* "-" alone is an operand (stdin) */
    CU_ASSERT_EQUAL(r.got[4].kind, SDKC_CLI_ARG_OPERAND);
    CU_ASSERT_STRING_EQUAL(r.got[4].value, "-");
}

SDKC_TEST(cli_opts_double_dash_ends_options)
{
    struct s_run r;
    S_SCAN(&s_syn, &r, "-p", "--", "--pretty", "--");
    CU_ASSERT_EQUAL(r.result, SDKC_OK);
    CU_ASSERT_EQUAL_FATAL(r.n, 3);
    CU_ASSERT_EQUAL(r.got[0].kind, SDKC_CLI_ARG_OPTION);
    CU_ASSERT_EQUAL(r.got[1].kind, SDKC_CLI_ARG_OPERAND);
    CU_ASSERT_STRING_EQUAL(r.got[1].value, "--pretty");
    /* only the first "--" is the marker */
    CU_ASSERT_EQUAL(r.got[2].kind, SDKC_CLI_ARG_OPERAND);
    CU_ASSERT_STRING_EQUAL(r.got[2].value, "--");
    /* a trailing "--" with nothing after it is fine, operands or not */
    S_SCAN(&s_no_operands, &r, "--spec", "x", "--");
    CU_ASSERT_EQUAL(r.result, SDKC_OK);
    CU_ASSERT_EQUAL(r.n, 1);
    /* after "--", --help is an operand like any word */
    S_SCAN(&s_syn, &r, "--", "--help");
    CU_ASSERT_EQUAL(r.result, SDKC_OK);
    CU_ASSERT_EQUAL_FATAL(r.n, 1);
    CU_ASSERT_EQUAL(r.got[0].kind, SDKC_CLI_ARG_OPERAND);
}

SDKC_TEST(cli_opts_help_forms)
{
    struct s_run r;
    S_SCAN(&s_syn, &r, "--spec", "x", "--help", "-p");
    CU_ASSERT_EQUAL(r.result, SDKC_OK);
    CU_ASSERT_EQUAL_FATAL(r.n, 3);
    CU_ASSERT_EQUAL(r.got[1].kind, SDKC_CLI_ARG_HELP);
    /* the caller stops at HELP; had it not, the next argument is parsed */
    CU_ASSERT_EQUAL(r.got[2].kind, SDKC_CLI_ARG_OPTION);
    S_SCAN(&s_syn, &r, "-h");
    CU_ASSERT_EQUAL_FATAL(r.n, 1);
    CU_ASSERT_EQUAL(r.got[0].kind, SDKC_CLI_ARG_HELP);
    S_SCAN(&s_syn, &r, "--help=yes");
    s_refused(&r, SDKC_ERR_PARSE, "--help takes no value");
}

/* Arguments are taken left to right: an error before --help wins. */
SDKC_TEST(cli_opts_error_before_help_wins)
{
    struct s_run r;
    S_SCAN(&s_syn, &r, "--bogus", "--help");
    s_refused(&r, SDKC_ERR_PARSE, "unknown option '--bogus'");
    CU_ASSERT_EQUAL(r.n, 0);
}

SDKC_TEST(cli_opts_end_is_sticky)
{
    struct sdkc_cli_opts p;
    struct sdkc_cli_arg a;
    char *argv[] = {"demo", "-p"};
    sdkc_cli_opts_init(&p, &s_syn, 2, argv);
    CU_ASSERT_EQUAL(sdkc_cli_opts_scan(&p, &a, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(a.kind, SDKC_CLI_ARG_OPTION);
    CU_ASSERT_EQUAL(sdkc_cli_opts_scan(&p, &a, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(a.kind, SDKC_CLI_ARG_END);
    CU_ASSERT_EQUAL(sdkc_cli_opts_scan(&p, &a, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(a.kind, SDKC_CLI_ARG_END);
    /* no arguments at all */
    sdkc_cli_opts_init(&p, &s_syn, 1, argv);
    CU_ASSERT_EQUAL(sdkc_cli_opts_scan(&p, &a, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(a.kind, SDKC_CLI_ARG_END);
}

/* MARK: - refusals, worded alike for every command */

SDKC_TEST(cli_opts_unknown_option)
{
    struct s_run r;
    S_SCAN(&s_syn, &r, "-p", "--bogus");
    s_refused(&r, SDKC_ERR_PARSE, "unknown option '--bogus'");
    CU_ASSERT_EQUAL(r.n, 1);
    /* the name, not the value, of --name=value */
    S_SCAN(&s_syn, &r, "--bogus=1");
    s_refused(&r, SDKC_ERR_PARSE, "unknown option '--bogus'");
    S_SCAN(&s_syn, &r, "-x");
    s_refused(&r, SDKC_ERR_PARSE, "unknown option '-x'");
    /* no bundling of one-letter aliases, and no abbreviations */
    S_SCAN(&s_syn, &r, "-pp");
    s_refused(&r, SDKC_ERR_PARSE, "unknown option '-pp'");
    S_SCAN(&s_syn, &r, "--spe", "x");
    s_refused(&r, SDKC_ERR_PARSE, "unknown option '--spe'");
    S_SCAN(&s_syn, &r, "--=x");
    s_refused(&r, SDKC_ERR_PARSE, "unknown option '--'");
}

/* A hostile argument is echoed cut to SDKC_CLI_OPTS_ECHO_MAX bytes. */
SDKC_TEST(cli_opts_echo_is_capped)
{
    struct s_run r;
    char big[SDKC_CLI_OPTS_ECHO_MAX * 4], want[SDKC_CLI_OPTS_ECHO_MAX + 64];
    memset(big, 'x', sizeof(big) - 1);
    big[0] = big[1] = '-';
    big[sizeof(big) - 1] = '\0';
    S_SCAN(&s_syn, &r, big);
    snprintf(want, sizeof(want), "unknown option '%.*s'", SDKC_CLI_OPTS_ECHO_MAX, big);
    s_refused(&r, SDKC_ERR_PARSE, want);
}

SDKC_TEST(cli_opts_missing_value)
{
    struct s_run r;
    S_SCAN(&s_syn, &r, "--spec");
    s_refused(&r, SDKC_ERR_PARSE, "--spec needs a value");
    /* an empty value reads as a missing one, in both forms */
    S_SCAN(&s_syn, &r, "--spec=");
    s_refused(&r, SDKC_ERR_PARSE, "--spec needs a value");
    S_SCAN(&s_syn, &r, "--spec", "");
    s_refused(&r, SDKC_ERR_PARSE, "--spec needs a value");
}

SDKC_TEST(cli_opts_flag_takes_no_value)
{
    struct s_run r;
    S_SCAN(&s_syn, &r, "--pretty=1");
    s_refused(&r, SDKC_ERR_PARSE, "--pretty takes no value");
    S_SCAN(&s_syn, &r, "--pretty=");
    s_refused(&r, SDKC_ERR_PARSE, "--pretty takes no value");
}

SDKC_TEST(cli_opts_repeats)
{
    struct s_run r;
    S_SCAN(&s_syn, &r, "--spec", "a", "--spec=b");
    s_refused(&r, SDKC_ERR_PARSE, "--spec given twice");
    /* a flag, through its alias and its name alike */
    S_SCAN(&s_syn, &r, "-p", "--pretty");
    s_refused(&r, SDKC_ERR_PARSE, "--pretty given twice");
    /* a repeatable row up to its cap, not past it */
    S_SCAN(&s_syn, &r, "--header", "A: 1", "--header", "A: 2", "--header=A: 3");
    CU_ASSERT_EQUAL(r.result, SDKC_OK);
    CU_ASSERT_EQUAL(r.n, 3);
    S_SCAN(&s_syn, &r, "--header", "A: 1", "--header", "A: 2", "--header=A: 3", "--header", "A: 4");
    s_refused(&r, SDKC_ERR_TOO_LARGE, "--header given more than 3 times");
    CU_ASSERT_EQUAL(r.n, 3);
}

SDKC_TEST(cli_opts_stray_operands)
{
    struct s_run r;
    S_SCAN(&s_no_operands, &r, "--spec", "x", "stray");
    s_refused(&r, SDKC_ERR_PARSE, "unexpected argument 'stray'");
    S_SCAN(&s_no_operands, &r, "--", "--spec");
    s_refused(&r, SDKC_ERR_PARSE, "unexpected argument '--spec'");
    S_SCAN(&s_no_operands, &r, "-");
    s_refused(&r, SDKC_ERR_PARSE, "unexpected argument '-'");
    S_SCAN(&s_syn, &r, "a", "b", "c");
    s_refused(&r, SDKC_ERR_TOO_LARGE, "unexpected argument 'c' (at most 2 FILE)");
    CU_ASSERT_EQUAL(r.n, 2);
}

/* After an error the parser stays on the offending argument. */
SDKC_TEST(cli_opts_error_does_not_advance)
{
    struct sdkc_cli_opts p;
    struct sdkc_cli_arg a;
    struct sdkc_error err;
    char *argv[] = {"demo", "-p", "--spec"};
    sdkc_error_init(&err);
    sdkc_cli_opts_init(&p, &s_syn, 3, argv);
    CU_ASSERT_EQUAL(sdkc_cli_opts_scan(&p, &a, &err), SDKC_OK);
    CU_ASSERT_EQUAL(sdkc_cli_opts_scan(&p, &a, &err), SDKC_ERR_PARSE);
    CU_ASSERT_EQUAL(a.kind, SDKC_CLI_ARG_END);
    CU_ASSERT_EQUAL(sdkc_cli_opts_scan(&p, &a, NULL), SDKC_ERR_PARSE);
    CU_ASSERT_EQUAL(p.next, 2);
}

SDKC_TEST(cli_opts_counts_and_require)
{
    struct sdkc_cli_opts p;
    struct sdkc_cli_arg a;
    char *argv[] = {"demo", "--header", "A: 1", "x", "--header=B: 2"};
    sdkc_cli_opts_init(&p, &s_syn, 5, argv);
    while (sdkc_cli_opts_scan(&p, &a, NULL) == SDKC_OK && a.kind != SDKC_CLI_ARG_END)
        ;
    CU_ASSERT_EQUAL(a.kind, SDKC_CLI_ARG_END);
    CU_ASSERT_EQUAL(sdkc_cli_opts_count(&p, T_HEADER), 2);
    CU_ASSERT_EQUAL(sdkc_cli_opts_count(&p, T_FILE), 1);
    CU_ASSERT_EQUAL(sdkc_cli_opts_count(&p, T_SPEC), 0);
    CU_ASSERT_EQUAL(sdkc_cli_opts_count(&p, 999), 0);
    CU_ASSERT_EQUAL(sdkc_cli_opts_require(&p, T_HEADER), 0);
    CU_ASSERT_EQUAL(sdkc_cli_opts_require(&p, T_FILE), 0);
    /* prints "sdkconform demo: --spec FILE is required" */
    CU_ASSERT_EQUAL(sdkc_cli_opts_require(&p, T_SPEC), SDKC_EXIT_USAGE);
    CU_ASSERT_EQUAL(sdkc_cli_opts_require(&p, T_PRETTY), SDKC_EXIT_USAGE);
}

/* sdkc_cli_opts_next maps the scan onto the loop a command writes. */
SDKC_TEST(cli_opts_next_steps)
{
    struct sdkc_cli_opts p;
    struct sdkc_cli_arg a;
    char *ok[] = {"demo", "-p"}, *bad[] = {"demo", "--bogus"};
    sdkc_cli_opts_init(&p, &s_syn, 2, ok);
    CU_ASSERT_EQUAL(sdkc_cli_opts_next(&p, &a), SDKC_CLI_OPTS_NEXT);
    CU_ASSERT_EQUAL(a.id, T_PRETTY);
    CU_ASSERT_EQUAL(sdkc_cli_opts_next(&p, &a), SDKC_CLI_OPTS_END);
    sdkc_cli_opts_init(&p, &s_syn, 2, bad);
    CU_ASSERT_EQUAL(sdkc_cli_opts_next(&p, &a), SDKC_EXIT_USAGE);
}

/* The parser allocates nothing, so it has no out-of-memory path: the fault
 * walk finds no allocation site in a parse that visits every branch. */
static int s_parse_everything(void *ctx)
{
    struct s_run *r = ctx;
    S_SCAN(&s_syn, r, "--spec=a", "--header", "A: 1", "-p", "f", "--", "-");
    if (r->result || r->n != 5)
        return SDKC_ERR_STATE;
    S_SCAN(&s_syn, r, "--bogus");
    return r->result == SDKC_ERR_PARSE ? SDKC_OK : SDKC_ERR_STATE;
}

SDKC_TEST(cli_opts_allocates_nothing)
{
    struct s_run r;
    CU_ASSERT_EQUAL(sdkc_test_fault_walk("cli opts", s_parse_everything, &r, NULL), 0);
}

/* MARK: - help from the table */

static char *s_help_text(const struct sdkc_cli_syntax *syn, char *out, size_t n)
{
    FILE *f = tmpfile();
    size_t len;
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    sdkc_cli_opts_help(syn, f);
    rewind(f);
    len = fread(out, 1, n - 1, f);
    out[len] = '\0';
    fclose(f);
    return out;
}

SDKC_TEST(cli_opts_help_from_table)
{
    char text[2048];
    CU_ASSERT_STRING_EQUAL(
        s_help_text(&s_syn, text, sizeof(text)),
        "usage: sdkconform demo [--spec FILE] [--header 'N: v']... [--pretty] [FILE]...\n"
        "\n"
        "Demo about.\n"
        "\n"
        "  --spec FILE      service model\n"
        "                   second line\n"
        "  --header 'N: v'  a header; repeatable\n"
        "  -p, --pretty     indent\n"
        "  FILE             input files\n"
        "  -h, --help       print this help and exit\n"
        "\n"
        "exit: 0 ok\n");
    /* without about and footer */
    CU_ASSERT_STRING_EQUAL(s_help_text(&s_no_operands, text, sizeof(text)),
                           "usage: sdkconform bare [--spec FILE]\n"
                           "\n"
                           "  --spec FILE      service model\n"
                           "                   second line\n"
                           "  --header 'N: v'  a header; repeatable\n"
                           "  -p, --pretty     indent\n"
                           "  -h, --help       print this help and exit\n");
}

/* A row wider than SDKC_CLI_OPTS_HELP_COLUMN does not push the column. */
SDKC_TEST(cli_opts_help_wide_row)
{
    static const struct sdkc_cli_opt rows[] = {
        {1, "--expected-failures", 0, "FILE", 4, "xfail list\nmore"},
        {2, "--jobs", 0, "N", 1, "threads"},
    };
    static const struct sdkc_cli_syntax syn = {"w", "sdkconform w", NULL, rows, 2, NULL};
    char text[1024];
    CU_ASSERT_STRING_EQUAL(s_help_text(&syn, text, sizeof(text)),
                           "usage: sdkconform w\n"
                           "\n"
                           "  --expected-failures FILE  xfail list\n"
                           "              more\n"
                           "  --jobs N    threads\n"
                           "  -h, --help  print this help and exit\n");
}

/* MARK: - the table check */

SDKC_TEST(cli_opts_check_accepts_a_good_table)
{
    struct sdkc_error err;
    sdkc_error_init(&err);
    CU_ASSERT_EQUAL(sdkc_cli_opts_check(&s_syn, &err), SDKC_OK);
    CU_ASSERT_EQUAL(sdkc_cli_opts_check(&s_no_operands, &err), SDKC_OK);
}

static void s_check_refuses(const struct sdkc_cli_opt *rows, size_t n, const char *usage,
                            const char *msg_part)
{
    struct sdkc_cli_syntax syn = {"t", usage, NULL, rows, n, NULL};
    struct sdkc_error err;
    sdkc_error_init(&err);
    CU_ASSERT_EQUAL(sdkc_cli_opts_check(&syn, &err), SDKC_ERR_INVALID_ARG);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, msg_part));
    if (!strstr(err.msg, msg_part))
        fprintf(stderr, "check said \"%s\", want \"%s\"\n", err.msg, msg_part);
}

SDKC_TEST(cli_opts_check_refuses_bad_tables)
{
    static const struct sdkc_cli_opt dup_name[] = {{1, "--a", 0, NULL, 1, "x"},
                                                   {2, "--a", 0, NULL, 1, "y"}};
    static const struct sdkc_cli_opt dup_id[] = {{1, "--a", 0, NULL, 1, "x"},
                                                 {1, "--b", 0, NULL, 1, "y"}};
    static const struct sdkc_cli_opt dup_alias[] = {{1, "--a", 'a', NULL, 1, "x"},
                                                    {2, "--b", 'a', NULL, 1, "y"}};
    static const struct sdkc_cli_opt two_operands[] = {{1, NULL, 0, "F", 1, "x"},
                                                       {2, NULL, 0, "G", 1, "y"}};
    static const struct sdkc_cli_opt no_help[] = {{1, "--a", 0, NULL, 1, ""}};
    static const struct sdkc_cli_opt no_max[] = {{1, "--a", 0, NULL, 0, "x"}};
    static const struct sdkc_cli_opt short_name[] = {{1, "-a", 0, NULL, 1, "x"}};
    static const struct sdkc_cli_opt help_row[] = {{1, "--help", 0, NULL, 1, "x"}};
    static const struct sdkc_cli_opt alias_h[] = {{1, "--host", 'h', "H", 1, "x"}};
    static const struct sdkc_cli_opt fine[] = {{1, "--a", 0, NULL, 1, "x"}};

    s_check_refuses(dup_name, 2, "t", "repeats");
    s_check_refuses(dup_id, 2, "t", "repeats");
    s_check_refuses(dup_alias, 2, "t", "repeats");
    s_check_refuses(two_operands, 2, "t", "one operand row");
    s_check_refuses(no_help, 1, "t", "no help");
    s_check_refuses(no_max, 1, "t", "max 0");
    s_check_refuses(short_name, 1, "t", "'-a'");
    s_check_refuses(help_row, 1, "t", "'--help'");
    s_check_refuses(alias_h, 1, "t", "alias -h");
    /* the synopsis names an option the parser would refuse */
    s_check_refuses(fine, 1, "sdkconform t [--a] [--b N]", "--b");
    s_check_refuses(fine, 1, "sdkconform t (--a | --bee)", "--bee");
    s_check_refuses(NULL, SDKC_CLI_OPTS_MAX + 1, "t", "rows");
}

/* The synopsis may name --help and the "--" marker; prose words with a
 * double dash inside them are not options. */
SDKC_TEST(cli_opts_check_synopsis_words)
{
    static const struct sdkc_cli_opt rows[] = {{1, "--a", 0, NULL, 1, "x"}};
    struct sdkc_cli_syntax syn = {
        "t", "sdkconform t [--a] [--help] [--] FILE\n  x--y", NULL, rows, 1, NULL};
    struct sdkc_error err;
    sdkc_error_init(&err);
    CU_ASSERT_EQUAL(sdkc_cli_opts_check(&syn, &err), SDKC_OK);
}

/* A table past SDKC_CLI_OPTS_MAX rows is refused by the parser too. */
SDKC_TEST(cli_opts_oversized_table)
{
    struct sdkc_cli_syntax syn = {"t", "t", NULL, s_rows, SDKC_CLI_OPTS_MAX + 1, NULL};
    struct s_run r;
    S_SCAN(&syn, &r, "-p");
    CU_ASSERT_EQUAL(r.result, SDKC_ERR_INVALID_ARG);
}

/* MARK: - every command's table */

/* Every command has a table, it passes the check (its synopsis names only
 * options its parser takes), and it names its own command. */
SDKC_TEST(cli_opts_every_command_table_checks)
{
    size_t i;
    for (i = 0; sdkc_commands[i].name; i++) {
        const struct sdkc_cli_syntax *syn = sdkc_commands[i].syntax;
        struct sdkc_error err;
        CU_ASSERT_PTR_NOT_NULL_FATAL(syn);
        sdkc_error_init(&err);
        CU_ASSERT_EQUAL(sdkc_cli_opts_check(syn, &err), SDKC_OK);
        if (err.msg[0])
            fprintf(stderr, "%s\n", err.msg);
        CU_ASSERT_STRING_EQUAL(syn->command, sdkc_commands[i].name);
    }
    CU_ASSERT_EQUAL(i, 9); /* fuzz-client is the ninth */
}

/* Every command's help fits an 80-column terminal. */
SDKC_TEST(cli_opts_every_help_fits_80_columns)
{
    size_t i;
    for (i = 0; sdkc_commands[i].name; i++) {
        char text[8192], *line, *save = NULL;
        s_help_text(sdkc_commands[i].syntax, text, sizeof(text));
        CU_ASSERT_TRUE(strlen(text) < sizeof(text) - 1);
        for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
            CU_ASSERT_TRUE(strlen(line) <= 80);
            if (strlen(line) > 80)
                fprintf(stderr, "%s --help: %zu columns: %s\n", sdkc_commands[i].name, strlen(line),
                        line);
        }
    }
}

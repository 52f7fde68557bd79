/* SPDX-License-Identifier: Apache-2.0
 *
 * cli/opts.h: the one option parser of every `sdkconform` command
 * (docs/DESIGN.md, layer cli: "one parser for all commands").
 *
 * A command describes its syntax once, in a table (struct sdkc_cli_syntax):
 * each option's long name, an optional one-letter alias, the name of its
 * value (NULL for a flag), how many times it may be given, and its help.
 * The same table drives the parser and `--help`, so the two cannot
 * disagree. Every command thereby accepts the same grammar:
 *
 *   --opt value    --opt=value    -x (a row's one-letter alias)
 *   --             ends the options; what follows is an operand
 *   -              an operand (stdin, by convention)
 *   -h, --help     the help from the table on stdout, exit 0
 *
 * and refuses the same things with the same words (exit 2 through
 * sdkc_cli_usage_error, which adds "(see 'sdkconform CMD --help')"):
 *
 *   unknown option '--x'
 *   --x needs a value                    (missing, or empty: "--x=" / "--x ''")
 *   --x takes no value                   (a flag given "--x=...")
 *   --x given twice                      (a row with max 1)
 *   --x given more than N times          (a repeatable row's cap)
 *   unexpected argument 'y'              (no operands taken)
 *   unexpected argument 'y' (at most N FILE)
 *   --x VALUE is required                (sdkc_cli_opts_require)
 *
 * Arguments are taken strictly left to right and never permuted (what
 * getopt_long does by default): the value of an option is the next
 * argument whatever it looks like (`--filter '-x*'`), and long names must
 * be spelled in full (getopt_long's unambiguous abbreviations would make
 * every new option a possible break of existing scripts). The parser holds
 * no global state and allocates nothing, so a test can run it any number
 * of times.
 */
#ifndef SDKC_CLI_OPTS_H
#define SDKC_CLI_OPTS_H

#include <stddef.h>
#include <stdio.h>

#include "core/error.h"

/* Rows in one table: the per-row counters live in the parser struct. */
#define SDKC_CLI_OPTS_MAX 48
/* An option or operand echoed in a message is cut to this many bytes. */
#define SDKC_CLI_OPTS_ECHO_MAX 128
/* The help text of a row starts at most this far right ("  --name VALUE"
 * wider than that puts its help two spaces after it). */
#define SDKC_CLI_OPTS_HELP_COLUMN 24

/* One row: an option, or (name NULL) the command's operands. */
struct sdkc_cli_opt {
    int id;            /* what the parser reports for it (the command's enum) */
    const char *name;  /* "--spec"; NULL: this row describes the operands */
    char alias;        /* 'v' for "-v", or 0 */
    const char *value; /* value name in help ("FILE"): the option takes a value;
                          NULL: a flag. The operand row's name in help and errors */
    unsigned max;      /* times it may be given (1: not repeatable), or the
                          number of operands taken; a named cap of the command */
    const char *help;  /* help text; each '\n' starts an indented line */
};

/* A command's syntax: its table and the prose of its --help. */
struct sdkc_cli_syntax {
    const char *command; /* "decode" */
    const char *usage;   /* synopsis, printed after "usage: " */
    const char *about;   /* what the command does, or NULL */
    const struct sdkc_cli_opt *opts;
    size_t opt_count;
    const char *footer; /* the "exit: ..." lines, or NULL */
};

enum sdkc_cli_arg_kind {
    SDKC_CLI_ARG_END,     /* every argument was taken */
    SDKC_CLI_ARG_HELP,    /* -h or --help */
    SDKC_CLI_ARG_OPTION,  /* id, name, value (NULL for a flag) */
    SDKC_CLI_ARG_OPERAND, /* id of the operand row, value */
};

struct sdkc_cli_arg {
    enum sdkc_cli_arg_kind kind;
    int id;
    const char *name;  /* the row's long name (for messages), NULL for operands */
    const char *value; /* points into argv */
};

struct sdkc_cli_opts {
    const struct sdkc_cli_syntax *syntax;
    int argc;
    char **argv;
    int next;          /* the next argv index to read */
    int operands_only; /* after "--" */
    size_t operands;
    unsigned count[SDKC_CLI_OPTS_MAX]; /* times each row was given */
};

/* Start parsing argv[1..argc-1] (argv[0] is the command name). */
void sdkc_cli_opts_init(struct sdkc_cli_opts *p, const struct sdkc_cli_syntax *syntax, int argc,
                        char **argv);

/* The next argument, printing nothing: SDKC_OK with *arg filled (kind END
 * once argv is used up, and on every call after), or SDKC_ERR_PARSE (a
 * grammar error) / SDKC_ERR_TOO_LARGE (a count past its row's max) /
 * SDKC_ERR_INVALID_ARG (a table with more than SDKC_CLI_OPTS_MAX rows),
 * with err's message in the wording listed above, without the command
 * name. After an error the parser stays at the offending argument. */
sdkc_result sdkc_cli_opts_scan(struct sdkc_cli_opts *p, struct sdkc_cli_arg *arg,
                               struct sdkc_error *err);

/* What a command's loop calls: sdkc_cli_opts_scan, with the help printed
 * on stdout and errors on stderr (sdkc_cli_usage_error). Returns
 * SDKC_CLI_OPTS_NEXT when *arg holds an option or operand,
 * SDKC_CLI_OPTS_END when argv is used up, SDKC_CLI_OPTS_HELP after
 * printing the help (the command exits 0), or SDKC_EXIT_USAGE (2) after
 * printing the message. */
#define SDKC_CLI_OPTS_END  0
#define SDKC_CLI_OPTS_HELP (-1)
#define SDKC_CLI_OPTS_NEXT (-2)
int sdkc_cli_opts_next(struct sdkc_cli_opts *p, struct sdkc_cli_arg *arg);

/* Times the row with this id was given so far (operands: how many). */
unsigned sdkc_cli_opts_count(const struct sdkc_cli_opts *p, int id);

/* 0 when the row with this id was given; else prints "--x VALUE is
 * required" and returns SDKC_EXIT_USAGE. */
int sdkc_cli_opts_require(const struct sdkc_cli_opts *p, int id);

/* The help: "usage: " + usage, about, one line per row (in table order,
 * then -h/--help), footer. */
void sdkc_cli_opts_help(const struct sdkc_cli_syntax *syntax, FILE *out);

/* Check a table: names start with "--" and are unique, ids and aliases
 * unique, at most one operand row, every max at least 1, every row has
 * help, at most SDKC_CLI_OPTS_MAX rows, and every "--word" of the usage
 * synopsis is a row or --help (the synopsis and the parser agree; the
 * about text may cite other commands' options). SDKC_OK or
 * SDKC_ERR_INVALID_ARG naming the first problem. */
sdkc_result sdkc_cli_opts_check(const struct sdkc_cli_syntax *syntax, struct sdkc_error *err);

#endif

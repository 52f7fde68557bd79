/* SPDX-License-Identifier: Apache-2.0
 *
 * fuzz/standalone_main.c: the replay driver of the SDKC_FUZZ=standalone
 * build (gcc, no fuzzing engine). It runs one target's
 * LLVMFuzzerTestOneInput over files and folders (recursively), so the
 * seeds and regressions/ of every target are ctests, and a crash found by
 * libFuzzer or AFL++ reproduces anywhere with
 *     build/fuzz/fuzz_<target> corpus/fuzz/<target>/regressions/<file>
 *
 * Each input runs under a per-input alarm (SDKC_FUZZ_INPUT_TIMEOUT_S, or
 * -timeout=N as libFuzzer spells it): a hang is reported with the file name
 * and fails the run, as libFuzzer's -timeout does. Inputs are copied into a
 * buffer of exactly their size so AddressSanitizer sees any over-read.
 * Exit: 0 all inputs ran; 1 no input was found (an empty corpus is a
 * broken test, not a pass); 2 a path could not be read; a crash aborts.
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/buf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#define SDKC_FUZZ_INPUT_TIMEOUT_S 25 /* libFuzzer's -timeout default is 1200; ours is per ctest */
#define SDKC_FUZZ_MAX_FILE        ((size_t)16 << 20) /* inputs past this are a harness input error */
#define SDKC_FUZZ_MAX_WALK_DEPTH  16                 /* folder recursion */

static const char *volatile s_current = "(none)";
static unsigned s_timeout = SDKC_FUZZ_INPUT_TIMEOUT_S;
static size_t s_ran;

static void s_on_alarm(int sig)
{
    /* Only async-signal-safe calls here. */
    static const char a[] = "fuzz standalone: timeout (per-input alarm) on ";
    const char *f = s_current;
    (void)sig;
    if (write(2, a, sizeof(a) - 1) < 0 || write(2, f, strlen(f)) < 0 || write(2, "\n", 1) < 0)
        _exit(71);
    _exit(70);
}

/* A crash names its input before dying, so a failing ctest log says which
 * file to minimize (libFuzzer prints the input itself). */
static void s_on_fatal(int sig)
{
    static const char a[] = "fuzz standalone: crashed on ";
    const char *f = s_current;
    if (write(2, a, sizeof(a) - 1) < 0 || write(2, f, strlen(f)) < 0 || write(2, "\n", 1) < 0)
        _exit(72);
    signal(sig, SIG_DFL);
    raise(sig);
}

static int s_run_file(const char *path)
{
    struct sdkc_buf b;
    struct sdkc_error err;
    unsigned char *exact;
    int rc = 0;

    sdkc_buf_init(&b, SDKC_FUZZ_MAX_FILE);
    sdkc_error_init(&err);
    if (sdkc_buf_read_file(&b, path, &err) != SDKC_OK) {
        fprintf(stderr, "fuzz standalone: %s\n", err.msg);
        sdkc_buf_clean_up(&b);
        return 2;
    }
    exact = sdkc_malloc(b.len ? b.len : 1);
    if (!exact) {
        fprintf(stderr, "fuzz standalone: %s: out of memory\n", path);
        sdkc_buf_clean_up(&b);
        return 2;
    }
    if (b.len)
        memcpy(exact, b.data, b.len);
    s_current = path;
    alarm(s_timeout);
    LLVMFuzzerTestOneInput(exact, b.len);
    alarm(0);
    s_current = "(none)";
    s_ran++;
    sdkc_free(exact);
    sdkc_buf_clean_up(&b);
    return rc;
}

static int s_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Files in a deterministic (sorted) order; dot files (README notes,
 * .gitkeep) are skipped, and so are folders named "regressions" below the
 * given path (they are their own ctest, fuzz.<target>.regressions, so a
 * known open finding does not hide a new seed failure). */
static int s_walk(const char *path, int depth)
{
    struct stat st;
    DIR *d;
    struct dirent *e;
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;

    if (stat(path, &st) != 0) {
        fprintf(stderr, "fuzz standalone: %s: %s\n", path, strerror(errno));
        return 2;
    }
    if (!S_ISDIR(st.st_mode))
        return s_run_file(path);
    if (depth >= SDKC_FUZZ_MAX_WALK_DEPTH) {
        fprintf(stderr, "fuzz standalone: %s: folders nest deeper than %d\n", path,
                SDKC_FUZZ_MAX_WALK_DEPTH);
        return 2;
    }
    d = opendir(path);
    if (!d) {
        fprintf(stderr, "fuzz standalone: %s: %s\n", path, strerror(errno));
        return 2;
    }
    while ((e = readdir(d)) != NULL) {
        char *full;
        size_t len;
        if (e->d_name[0] == '.' || !strcmp(e->d_name, "REPRODUCE") ||
            (depth == 0 && !strcmp(e->d_name, "regressions")))
            continue;
        len = strlen(path) + strlen(e->d_name) + 2;
        full = sdkc_malloc(len);
        if (!full || (n == cap && !(names = sdkc_realloc(names, (cap = cap ? 2 * cap : 64) *
                                                                    sizeof(*names))))) {
            fprintf(stderr, "fuzz standalone: out of memory\n");
            exit(2);
        }
        snprintf(full, len, "%s/%s", path, e->d_name);
        names[n++] = full;
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof(*names), s_cmp);
    for (size_t i = 0; i < n; i++) {
        int r = s_walk(names[i], depth + 1);
        if (r > rc)
            rc = r;
        sdkc_free(names[i]);
    }
    sdkc_free(names);
    return rc;
}

int main(int argc, char **argv)
{
    int rc = 0, paths = 0;
    const char *env = getenv("SDKC_FUZZ_INPUT_TIMEOUT_S");
    struct sigaction sa;

    if (env && atoi(env) > 0)
        s_timeout = (unsigned)atoi(env);
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = s_on_alarm;
    sigaction(SIGALRM, &sa, NULL);
    sa.sa_handler = s_on_fatal;
    sigaction(SIGABRT, &sa, NULL);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    sigaction(SIGFPE, &sa, NULL);
    LLVMFuzzerInitialize(&argc, &argv);
    for (int i = 1; i < argc; i++) {
        int r;
        if (!strncmp(argv[i], "-timeout=", 9)) {
            if (atoi(argv[i] + 9) > 0)
                s_timeout = (unsigned)atoi(argv[i] + 9);
            continue;
        }
        if (argv[i][0] == '-' && argv[i][1])
            continue; /* other libFuzzer flags mean nothing here */
        paths++;
        r = s_walk(argv[i], 0);
        if (r > rc)
            rc = r;
    }
    if (!paths) {
        fprintf(stderr, "usage: %s [-timeout=S] FILE|DIR...\n", argv[0]);
        return 2;
    }
    fprintf(stderr, "fuzz standalone: %zu input(s) ran\n", s_ran);
    if (rc == 0 && s_ran == 0) {
        fprintf(stderr, "fuzz standalone: no input found under the given paths\n");
        return 1;
    }
    return rc;
}

/* SPDX-License-Identifier: Apache-2.0
 * core/paths.c: see paths.h. */
#include "core/paths.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef SDKC_SOURCE_DIR_DEFAULT
#define SDKC_SOURCE_DIR_DEFAULT ""
#endif
#ifndef SDKC_DATA_DIR
#define SDKC_DATA_DIR ""
#endif
#ifndef SDKC_DATA_DIR_REL
#define SDKC_DATA_DIR_REL "share/sdkconform"
#endif

struct s_kind {
    const char *env;       /* override */
    const char *in_source; /* below the source folder */
    const char *in_data;   /* below an install data folder */
    const char *marker;    /* a file that must exist inside, or NULL: a folder */
};

static const struct s_kind s_kinds[] = {
    [SDKC_PATH_CORPUS] = {"SDKC_CORPUS", "corpus/vectors", "corpus/vectors", NULL},
    [SDKC_PATH_ADAPTERS] = {"SDKC_ADAPTERS_DIR", "harness/adapters", "adapters", "PROTOCOL.md"},
    [SDKC_PATH_SPECS] = {"SDKC_SPECS", "specs", "specs", NULL},
};

sdkc_result sdkc_paths_self_exe(char *out, size_t n, struct sdkc_error *err)
{
    ssize_t len = readlink("/proc/self/exe", out, n ? n - 1 : 0);
    if (len <= 0)
        return sdkc_error_set(err, SDKC_ERR_NOT_FOUND, SDKC_NO_OFFSET,
                              "cannot read /proc/self/exe");
    if ((size_t)len >= n - 1)
        return sdkc_error_set(err, SDKC_ERR_TOO_LARGE, SDKC_NO_OFFSET,
                              "the executable's path is longer than %zu bytes", n);
    out[len] = '\0';
    return SDKC_OK;
}

/* 1 when dir is a folder holding marker (or any folder when marker is NULL). */
static int s_holds(const char *dir, const char *marker)
{
    char probe[PATH_MAX];
    struct stat st;
    if (!marker)
        return stat(dir, &st) == 0 && S_ISDIR(st.st_mode);
    if ((size_t)snprintf(probe, sizeof(probe), "%s/%s", dir, marker) >= sizeof(probe))
        return 0;
    return stat(probe, &st) == 0 && S_ISREG(st.st_mode);
}

/* out = base/sub when that fits and holds the marker. */
static int s_try(char *out, size_t n, const char *base, const char *sub, const char *marker)
{
    if (!base || !*base)
        return 0;
    if ((size_t)snprintf(out, n, "%s/%s", base, sub) >= n)
        return 0;
    return s_holds(out, marker);
}

sdkc_result sdkc_paths_find(enum sdkc_path_kind kind, char *out, size_t n, struct sdkc_error *err)
{
    const struct s_kind *k;
    const char *env;
    char exe[PATH_MAX], data[PATH_MAX + 32];

    if (!out || !n || (size_t)kind >= sizeof(s_kinds) / sizeof(s_kinds[0]))
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET, "bad path kind");
    k = &s_kinds[kind];
    out[0] = '\0';
    env = getenv(k->env);
    if (env && *env) {
        if ((size_t)snprintf(out, n, "%s", env) >= n)
            return sdkc_error_set(err, SDKC_ERR_TOO_LARGE, SDKC_NO_OFFSET, "%s is too long",
                                  k->env);
        /* a folder override is taken as given (its reader names it when it
         * is missing); one with a marker is checked here */
        if (k->marker && !s_holds(out, k->marker))
            return sdkc_error_set(err, SDKC_ERR_NOT_FOUND, SDKC_NO_OFFSET, "%s=%s has no %s",
                                  k->env, env, k->marker ? k->marker : "such folder");
        return SDKC_OK;
    }
    if (sdkc_paths_self_exe(exe, sizeof(exe), NULL) == SDKC_OK) {
        /* <prefix>/bin/sdkconform -> <prefix>/share/sdkconform */
        char *slash = strrchr(exe, '/');
        if (slash)
            *slash = '\0';
        slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            if ((size_t)snprintf(data, sizeof(data), "%s/%s", exe, SDKC_DATA_DIR_REL) <
                    sizeof(data) &&
                s_try(out, n, data, k->in_data, k->marker))
                return SDKC_OK;
        }
    }
    if (s_try(out, n, SDKC_SOURCE_DIR_DEFAULT, k->in_source, k->marker) ||
        s_try(out, n, SDKC_DATA_DIR, k->in_data, k->marker))
        return SDKC_OK;
    out[0] = '\0';
    return sdkc_error_set(err, SDKC_ERR_NOT_FOUND, SDKC_NO_OFFSET,
                          "cannot find the bundled %s (looked next to the executable, in %s/%s "
                          "and in %s/%s): set %s",
                          k->in_data, SDKC_SOURCE_DIR_DEFAULT, k->in_source, SDKC_DATA_DIR,
                          k->in_data, k->env);
}

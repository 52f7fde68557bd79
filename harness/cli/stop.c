/* SPDX-License-Identifier: Apache-2.0
 *
 * cli/stop.c: the signal handling the long commands share (stop.h).
 */
#include "cli/stop.h"

#include <string.h>
#include <unistd.h>

#include "impl/adapter.h"

static volatile sig_atomic_t g_stop;
static char g_cleanup_path[SDKC_CLI_STOP_CLEANUP_PATH_MAX];

static void s_on_signal(int sig)
{
    if (g_stop) {
        sdkc_adapter_kill_all_from_signal();
        if (g_cleanup_path[0])
            unlink(g_cleanup_path);
        signal(sig, SIG_DFL);
        raise(sig);
        return;
    }
    g_stop = 1;
}

volatile sig_atomic_t *sdkc_cli_stop_install(struct sdkc_cli_stop *s)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = s_on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    g_stop = 0;
    g_cleanup_path[0] = '\0';
    sigaction(SIGINT, &sa, &s->old_int);
    sigaction(SIGTERM, &sa, &s->old_term);
    return &g_stop;
}

void sdkc_cli_stop_restore(struct sdkc_cli_stop *s)
{
    sigaction(SIGINT, &s->old_int, NULL);
    sigaction(SIGTERM, &s->old_term, NULL);
    g_cleanup_path[0] = '\0';
}

char *sdkc_cli_stop_cleanup_path(void)
{
    return g_cleanup_path;
}

/* SPDX-License-Identifier: Apache-2.0
 *
 * impl/adapter.c: a real SDK in a child process, driven over the adapter
 * protocol (contract in adapter.h, wire format in
 * harness/adapters/PROTOCOL.md).
 *
 * Process management:
 *   - posix_spawn of `/bin/sh -c COMMAND` in a new process group, so a
 *     timeout can SIGKILL the adapter and anything it started (sh may fork
 *     the interpreter rather than exec it);
 *   - three pipes, O_CLOEXEC on our ends (several adapters may run at once
 *     and must not inherit each other's pipes) and O_NONBLOCK, multiplexed
 *     with poll(2): we write the request while draining stdout and stderr,
 *     so neither side can deadlock on a full pipe;
 *   - SIGPIPE restored to default in the child (we ignore it ourselves);
 *   - every child is reaped (waitpid) when it is killed or exits: no zombies.
 *
 * Ownership: struct s_adapter embeds the impl (impl.data points back at
 * it); sdkc_impl_destroy -> s_destroy stops the process and frees it all.
 *
 * DEBUGGING HINTS: run the adapter command by hand and paste a hello line
 * (PROTOCOL.md) into it; what it prints on stderr is what shows up in
 * r->diagnostics here.
 */
#include "impl/adapter.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/alloc.h"
#include "core/text.h"
#include "core/buf.h"
#include "core/json.h"
#include "core/paths.h"
#include "server/server.h"

extern char **environ;

/* Grace given to an adapter to exit on its own after EOF on stdin, and to a
 * crashed one to be reaped, before the process group is SIGKILLed. */
#define S_EXIT_GRACE_MS 2000
/* After the run's last call the adapter is stopped, then its endpoint is
 * given this long for a request still in flight (a client that fired one
 * and exited without waiting for the answer) before the final drain. */
#define S_FINAL_GRACE_MS 200
/* Bytes read from a pipe per read(2). */
#define S_READ_CHUNK 65536
/* Stderr bytes quoted in an err->msg (which holds SDKC_ERROR_MSG_MAX). */
#define S_ERR_STDERR_BYTES 300

static const char s_vtable_tag[] = "adapter";

/* The model file of a spec (hello "model"): its own path when the spec is a
 * plain JSON file, else a file written into the private temp folder. */
struct s_model_file {
    const struct sdkc_spec *spec;
    char *path;
    int written; /* 1: ours, removed with the folder */
};

struct s_adapter {
    struct sdkc_impl impl; /* first: impl.data == this */
    const char *tag;       /* s_vtable_tag: identifies an adapter impl */
    char *command;
    char *endpoint;
    char *region;
    char *access_key;
    char *secret_key;
    char *session_token; /* NULL = none */
    /* The loopback mock endpoint of this adapter alone (docs/DESIGN.md
     * "impl"), so that nothing it sends can land on another
     * implementation's call; NULL when the caller gave an endpoint URL. */
    struct sdkc_server *srv;
    struct sdkc_credentials creds; /* the ones handed out in hello, for the signature check */
    const struct sdkc_spec *spec;  /* borrowed, may be NULL: the run's model */
    int timeout_ms;
    int ready_timeout_ms;
    volatile sig_atomic_t *stop; /* borrowed; set: stop waiting for ready */
    const char *hello_w;         /* the hello being sent: s_pump is waiting for ready */

    /* The model of the hello it last answered ready to (PROTOCOL.md
     * "Models"); compared by address: the specs outlive the impl. */
    const struct sdkc_spec *cur;
    int have_cur; /* cur is set (NULL, no model, is one too) */
    /* The base path of the endpoint in that hello (PROTOCOL.md "Models":
     * the mock endpoint with the path of the vector's own endpoint, Smithy
     * RestJsonHostWithPath), and the one the next hello is to carry (a
     * slice of the call's endpoint). NULL / 0: none. */
    char *cur_base;
    const char *next_base;
    size_t next_base_len;
    int peer_protocol; /* the "protocol" of its ready line; 0 = not given */
    /* The model it last answered `unavailable` for, and why: the vectors
     * of that model are skipped without asking again. */
    const struct sdkc_spec *unavail;
    int have_unavail;
    char *unavail_reason;
    /* Model files handed to it (hello "model"), one per spec. */
    struct s_model_file *files;
    size_t file_count, file_cap;
    char *tmpdir; /* private folder of the files written; NULL = none yet */

    pid_t pid;                 /* 0 = not running */
    int in_fd, out_fd, err_fd; /* our ends; -1 = closed */
    int need_restart;
    unsigned starts;
    struct sdkc_buf out; /* stdout bytes not yet cut into lines */

    /* stderr ring: the last SDKC_ADAPTER_STDERR_RING_BYTES bytes */
    char ring[SDKC_ADAPTER_STDERR_RING_BYTES];
    size_t ring_head;   /* next write position */
    uint64_t err_total; /* bytes ever written to the ring */
};

/* ---- small helpers ------------------------------------------------------- */

static void s_close(int *fd)
{
    if (*fd >= 0)
        close(*fd);
    *fd = -1;
}

static void s_ring_put(struct s_adapter *a, const char *p, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        a->ring[a->ring_head] = p[i];
        a->ring_head = (a->ring_head + 1) % SDKC_ADAPTER_STDERR_RING_BYTES;
    }
    a->err_total += n;
}

/* The ring's bytes written since `since` (at most the ring size) as a new
 * string, or NULL when there are none or on NOMEM. */
static char *s_ring_since(const struct s_adapter *a, uint64_t since)
{
    uint64_t avail = a->err_total - since;
    size_t n, start, i;
    char *s;
    if (a->err_total <= since)
        return NULL;
    if (avail > SDKC_ADAPTER_STDERR_RING_BYTES)
        avail = SDKC_ADAPTER_STDERR_RING_BYTES;
    n = (size_t)avail;
    start = (a->ring_head + SDKC_ADAPTER_STDERR_RING_BYTES - n) % SDKC_ADAPTER_STDERR_RING_BYTES;
    s = sdkc_malloc(n + 1);
    if (!s)
        return NULL;
    for (i = 0; i < n; i++)
        s[i] = a->ring[(start + i) % SDKC_ADAPTER_STDERR_RING_BYTES];
    s[n] = '\0';
    return s;
}

/* Append "; stderr: <last bytes>" to err->msg (which cannot allocate). */
static void s_err_add_stderr(const struct s_adapter *a, struct sdkc_error *err)
{
    size_t n, used, i, start;
    if (!err || a->err_total == 0)
        return;
    n = a->err_total < S_ERR_STDERR_BYTES ? (size_t)a->err_total : S_ERR_STDERR_BYTES;
    used = strlen(err->msg);
    if (used + 16 >= sizeof(err->msg))
        return;
    used += (size_t)snprintf(err->msg + used, sizeof(err->msg) - used, "; adapter stderr: ");
    start = (a->ring_head + SDKC_ADAPTER_STDERR_RING_BYTES - n) % SDKC_ADAPTER_STDERR_RING_BYTES;
    for (i = 0; i < n && used + 1 < sizeof(err->msg); i++) {
        char c = a->ring[(start + i) % SDKC_ADAPTER_STDERR_RING_BYTES];
        err->msg[used++] = c == '\0' ? ' ' : c;
    }
    err->msg[used] = '\0';
}

/* Format a path into out; -1 when it does not fit (never a cut path). */
static int s_fmt_path(char *out, size_t n, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
static int s_fmt_path(char *out, size_t n, const char *fmt, ...)
{
    va_list ap;
    int w;
    va_start(ap, fmt);
    w = vsnprintf(out, n, fmt, ap);
    va_end(ap);
    return w < 0 || (size_t)w >= n ? -1 : 0;
}

/* ---- process lifecycle ------------------------------------------------- */

static void s_ignore_sigpipe(void)
{
    struct sigaction old;
    if (sigaction(SIGPIPE, NULL, &old) == 0 && old.sa_handler == SIG_DFL) {
        struct sigaction sa;
        memset(&sa, 0, sizeof(sa));
        sa.sa_handler = SIG_IGN;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGPIPE, &sa, NULL);
    }
}

/* Process groups of the adapters alive in this process, for
 * sdkc_adapter_kill_all_from_signal: a signal handler cannot walk the
 * implementations, so spawn and stop keep this table (process-wide, like
 * the allocator seam; slots are claimed and released with atomics). */
#define S_LIVE_MAX 64
static volatile sig_atomic_t s_live[S_LIVE_MAX];

static void s_live_add(pid_t pgid)
{
    size_t i;
    for (i = 0; i < S_LIVE_MAX; i++)
        if (__sync_bool_compare_and_swap(&s_live[i], 0, (sig_atomic_t)pgid))
            return;
    /* more adapters than slots: the normal clean-up still stops them */
}

static void s_live_remove(pid_t pgid)
{
    size_t i;
    for (i = 0; i < S_LIVE_MAX; i++)
        if (__sync_bool_compare_and_swap(&s_live[i], (sig_atomic_t)pgid, 0))
            return;
}

void sdkc_adapter_kill_all_from_signal(void)
{
    size_t i;
    for (i = 0; i < S_LIVE_MAX; i++) {
        pid_t g = (pid_t)s_live[i];
        if (g > 0)
            kill(-g, SIGKILL); /* async-signal-safe (POSIX.1-2008 §2.4.3) */
    }
}

static void s_describe_status(int status, char *out, size_t n)
{
    if (WIFEXITED(status))
        snprintf(out, n, "exit status %d", WEXITSTATUS(status));
    else if (WIFSIGNALED(status))
        snprintf(out, n, "signal %d (%s)", WTERMSIG(status), strsignal(WTERMSIG(status)));
    else
        snprintf(out, n, "wait status 0x%x", (unsigned)status);
}

/* Drain whatever stderr holds right now (non-blocking). */
static void s_drain_stderr(struct s_adapter *a)
{
    char chunk[4096];
    while (a->err_fd >= 0) {
        ssize_t n = read(a->err_fd, chunk, sizeof(chunk));
        if (n > 0) {
            s_ring_put(a, chunk, (size_t)n);
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n == 0)
            s_close(&a->err_fd);
        break;
    }
}

/* Stop the process: with graceful != 0, close stdin and give it
 * S_EXIT_GRACE_MS to exit; then SIGKILL the whole process group (strays
 * included) and reap the child. Fills *status (when not NULL) with the
 * wait status, or -1 if there was no child. */
static void s_stop(struct s_adapter *a, int graceful, int *status)
{
    int st = -1;
    if (status)
        *status = -1;
    s_close(&a->in_fd);
    if (a->pid > 0) {
        if (graceful) {
            int64_t deadline = sdkc_clock_ms() + S_EXIT_GRACE_MS;
            for (;;) {
                siginfo_t si;
                memset(&si, 0, sizeof(si));
                /* WNOWAIT: the group id stays reserved until we reap, so
                 * the kill below cannot hit a recycled process group. */
                if (waitid(P_PID, (id_t)a->pid, &si, WEXITED | WNOHANG | WNOWAIT) == 0 &&
                    si.si_pid == a->pid)
                    break;
                if (sdkc_clock_ms() >= deadline)
                    break;
                s_drain_stderr(a);
                poll(NULL, 0, 10);
            }
        }
        kill(-a->pid, SIGKILL);
        kill(a->pid, SIGKILL);
        while (waitpid(a->pid, &st, 0) < 0 && errno == EINTR)
            ;
        s_live_remove(a->pid);
        if (status)
            *status = st;
    }
    a->pid = 0;
    s_drain_stderr(a);
    s_close(&a->out_fd);
    s_close(&a->err_fd);
    sdkc_buf_reset(&a->out);
}

static sdkc_result s_set_nonblock(int fd)
{
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0)
        return SDKC_ERR_IO;
    return SDKC_OK;
}

/* The adapter's environment: ours without any AWS_* variable, plus the
 * settings that keep an SDK hermetic. Real credentials, profiles and
 * endpoint overrides of the machine running the harness must not reach the
 * client under test: they are secrets (DESIGN.md: never written anywhere),
 * and AWS_ENDPOINT_URL* would point the SDK away from the mock endpoint.
 * The array (free with sdkc_free) borrows environ's strings and literals. */
static const char *const s_env_fixed[] = {
    "AWS_CONFIG_FILE=/dev/null",
    "AWS_SHARED_CREDENTIALS_FILE=/dev/null",
    "AWS_EC2_METADATA_DISABLED=true",
};

static char **s_adapter_env(void)
{
    size_t n = 0, i, k = 0, fixed = sizeof(s_env_fixed) / sizeof(s_env_fixed[0]);
    char **env;
    while (environ && environ[n])
        n++;
    env = sdkc_calloc(n + fixed + 1, sizeof(*env));
    if (!env)
        return NULL;
    for (i = 0; i < n; i++)
        if (strncmp(environ[i], "AWS_", 4) != 0)
            env[k++] = environ[i];
    for (i = 0; i < fixed; i++)
        env[k++] = (char *)s_env_fixed[i];
    env[k] = NULL;
    return env;
}

static sdkc_result s_spawn(struct s_adapter *a, struct sdkc_error *err)
{
    int in[2] = {-1, -1}, out[2] = {-1, -1}, errp[2] = {-1, -1};
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t attr;
    int fa_ok = 0, attr_ok = 0, rc;
    sigset_t none, def;
    char *argv[4];
    char **envp = NULL;
    pid_t pid = 0;
    sdkc_result result = SDKC_OK;

    if (pipe2(in, O_CLOEXEC) || pipe2(out, O_CLOEXEC) || pipe2(errp, O_CLOEXEC)) {
        result = sdkc_error_set(err, SDKC_ERR_IO, SDKC_NO_OFFSET, "pipe: %s", strerror(errno));
        goto done;
    }
    if (posix_spawn_file_actions_init(&fa) != 0) {
        result =
            sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "posix_spawn_file_actions_init");
        goto done;
    }
    fa_ok = 1;
    if (posix_spawnattr_init(&attr) != 0) {
        result = sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "posix_spawnattr_init");
        goto done;
    }
    attr_ok = 1;
    /* dup2 onto 0/1/2 clears O_CLOEXEC there; the originals close at exec. */
    if (posix_spawn_file_actions_adddup2(&fa, in[0], 0) ||
        posix_spawn_file_actions_adddup2(&fa, out[1], 1) ||
        posix_spawn_file_actions_adddup2(&fa, errp[1], 2)) {
        result = sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "posix_spawn_file_actions");
        goto done;
    }
    sigemptyset(&none);
    sigemptyset(&def);
    sigaddset(&def, SIGPIPE); /* we ignore SIGPIPE; the adapter gets the default */
    if (posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK |
                                            POSIX_SPAWN_SETSIGDEF) ||
        posix_spawnattr_setpgroup(&attr, 0) || posix_spawnattr_setsigmask(&attr, &none) ||
        posix_spawnattr_setsigdefault(&attr, &def)) {
        result = sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "posix_spawnattr");
        goto done;
    }
    argv[0] = (char *)"sh";
    argv[1] = (char *)"-c";
    argv[2] = a->command;
    argv[3] = NULL;
    envp = s_adapter_env();
    if (!envp) {
        result = sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
        goto done;
    }
    rc = posix_spawn(&pid, "/bin/sh", &fa, &attr, argv, envp);
    if (rc != 0) {
        result = sdkc_error_set(err, SDKC_ERR_IO, SDKC_NO_OFFSET, "cannot start /bin/sh -c %s: %s",
                                a->command, strerror(rc));
        goto done;
    }
    a->pid = pid;
    s_live_add(pid); /* its process group id: POSIX_SPAWN_SETPGROUP with 0 */
    a->in_fd = in[1];
    a->out_fd = out[0];
    a->err_fd = errp[0];
    in[1] = out[0] = errp[0] = -1;
    a->starts++;
    if (s_set_nonblock(a->in_fd) || s_set_nonblock(a->out_fd) || s_set_nonblock(a->err_fd)) {
        result = sdkc_error_set(err, SDKC_ERR_IO, SDKC_NO_OFFSET, "fcntl O_NONBLOCK: %s",
                                strerror(errno));
        s_stop(a, 0, NULL);
        goto done;
    }
done:
    sdkc_free(envp);
    if (fa_ok)
        posix_spawn_file_actions_destroy(&fa);
    if (attr_ok)
        posix_spawnattr_destroy(&attr);
    s_close(&in[0]);
    s_close(&in[1]);
    s_close(&out[0]);
    s_close(&out[1]);
    s_close(&errp[0]);
    s_close(&errp[1]);
    return result;
}

/* ---- the line pump --------------------------------------------------------- */

#define S_STOP_POLL_MS 100 /* how soon a stop flag ends the wait for ready */

enum s_pump_outcome {
    S_LINE = 0, /* a whole line is in *line */
    S_TIMEOUT,
    S_EOF,      /* stdout closed: the adapter exited or crashed */
    S_TOO_LONG, /* a line passed SDKC_ADAPTER_MAX_LINE_BYTES */
    S_NOMEM,
    S_STOPPED /* the stop flag was set (an interrupt while waiting for ready) */
};

/* Cut the first line out of a->out into a new string (newline dropped, a
 * trailing CR too). 0 = no complete line yet. */
static int s_cut_line(struct s_adapter *a, char **line, size_t *len, int *nomem)
{
    char *nl;
    size_t n;
    *nomem = 0;
    if (a->out.len == 0)
        return 0;
    nl = memchr(a->out.data, '\n', a->out.len);
    if (!nl)
        return 0;
    n = (size_t)(nl - a->out.data);
    *line = sdkc_strndup(a->out.data, n);
    if (!*line) {
        *nomem = 1;
        return 1;
    }
    /* strndup stops at NUL bytes; keep the real length for display */
    *len = n;
    if (strlen(*line) != n) {
        sdkc_free(*line);
        *line = sdkc_memdup(a->out.data, n + 1);
        if (!*line) {
            *nomem = 1;
            return 1;
        }
        (*line)[n] = '\0';
    }
    if (n > 0 && (*line)[n - 1] == '\r')
        (*line)[--(*len)] = '\0';
    memmove(a->out.data, nl + 1, a->out.len - n - 1);
    a->out.len -= n + 1;
    a->out.data[a->out.len] = '\0';
    return 1;
}

/* Write `w` (from *woff on) to the adapter's stdin while reading its
 * stdout and stderr, until one line has arrived or the deadline passes. */
static enum s_pump_outcome s_pump(struct s_adapter *a, const char *w, size_t wlen, size_t *woff,
                                  int64_t deadline, char **line, size_t *line_len)
{
    *line = NULL;
    *line_len = 0;
    for (;;) {
        struct pollfd p[3];
        nfds_t np = 0;
        int in_i = -1, out_i = -1, err_i = -1, nomem, timeout, rc;
        int64_t left;

        if (s_cut_line(a, line, line_len, &nomem))
            return nomem ? S_NOMEM : S_LINE;
        if (a->out.len > SDKC_ADAPTER_MAX_LINE_BYTES)
            return S_TOO_LONG;
        if (a->out_fd < 0)
            return S_EOF;
        /* An interrupt while waiting for ready: the flag may have been set
         * before poll started (no EINTR then), so it is checked every turn
         * and a turn lasts at most S_STOP_POLL_MS. */
        if (a->stop && *a->stop && w && w == a->hello_w)
            return S_STOPPED;
        left = deadline - sdkc_clock_ms();
        if (left <= 0)
            return S_TIMEOUT;
        timeout = left > INT_MAX ? INT_MAX : (int)left;
        if (a->stop && w && w == a->hello_w && timeout > S_STOP_POLL_MS)
            timeout = S_STOP_POLL_MS;
        if (w && *woff < wlen && a->in_fd >= 0) {
            p[np].fd = a->in_fd;
            p[np].events = POLLOUT;
            in_i = (int)np++;
        }
        p[np].fd = a->out_fd;
        p[np].events = POLLIN;
        out_i = (int)np++;
        if (a->err_fd >= 0) {
            p[np].fd = a->err_fd;
            p[np].events = POLLIN;
            err_i = (int)np++;
        }
        rc = poll(p, np, timeout);
        if (rc < 0) {
            if (errno == EINTR) {
                if (a->stop && *a->stop && w == a->hello_w)
                    return S_STOPPED;
                continue;
            }
            return S_EOF;
        }
        if (rc == 0)
            continue; /* the deadline check above decides */
        if (in_i >= 0 && (p[in_i].revents & (POLLOUT | POLLERR | POLLHUP))) {
            ssize_t n = write(a->in_fd, w + *woff, wlen - *woff);
            if (n > 0)
                *woff += (size_t)n;
            else if (n < 0 && errno != EAGAIN && errno != EINTR)
                s_close(&a->in_fd); /* EPIPE: it stopped reading; stdout EOF will follow */
        }
        if (err_i >= 0 && (p[err_i].revents & (POLLIN | POLLERR | POLLHUP)))
            s_drain_stderr(a);
        if (p[out_i].revents & (POLLIN | POLLERR | POLLHUP)) {
            sdkc_result result = sdkc_buf_reserve(&a->out, S_READ_CHUNK);
            ssize_t n;
            if (result == SDKC_ERR_TOO_LARGE)
                return S_TOO_LONG;
            if (result)
                return S_NOMEM;
            n = read(a->out_fd, a->out.data + a->out.len, S_READ_CHUNK);
            if (n > 0) {
                a->out.len += (size_t)n;
                a->out.data[a->out.len] = '\0';
            } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
                s_close(&a->out_fd);
            }
        }
    }
}

/* ---- hello / ready ----------------------------------------------------------- */

/* A JSON string, or null for NULL. */
static sdkc_result s_json_str_or_null(struct sdkc_buf *b, const char *s)
{
    return s ? sdkc_json_quote(b, s, strlen(s)) : sdkc_buf_append_str(b, "null");
}

/* Write len bytes to a new file (O_EXCL: never through a planted link). */
static sdkc_result s_write_new_file(const char *path, const char *data, size_t len,
                                    struct sdkc_error *err)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    size_t off = 0;
    if (fd < 0)
        return sdkc_error_set(err, SDKC_ERR_IO, SDKC_NO_OFFSET, "%s: %s", path, strerror(errno));
    while (off < len) {
        ssize_t n = write(fd, data + off, len - off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            int e = n < 0 ? errno : EIO;
            close(fd);
            unlink(path);
            return sdkc_error_set(err, SDKC_ERR_IO, SDKC_NO_OFFSET, "writing %s: %s", path,
                                  strerror(e));
        }
        off += (size_t)n;
    }
    if (close(fd) != 0) {
        int e = errno;
        unlink(path);
        return sdkc_error_set(err, SDKC_ERR_IO, SDKC_NO_OFFSET, "writing %s: %s", path,
                              strerror(e));
    }
    return SDKC_OK;
}

/* The path of a plain JSON file holding exactly `spec`'s model, for hello
 * "model" (PROTOCOL.md): the spec's own file when it was loaded from plain
 * JSON (made absolute: the adapter may change folder), else a file written
 * once into a private folder (mkdtemp: mode 0700) from the text the spec
 * was parsed from (a gzip file inflated, the bundled model). *path is
 * borrowed (the impl keeps it) and NULL when spec is NULL or has no text
 * (a spec built from a cJSON tree). */
static sdkc_result s_model_path(struct s_adapter *a, const struct sdkc_spec *spec,
                                const char **path, struct sdkc_error *err)
{
    struct s_model_file *f;
    char buf[PATH_MAX];
    size_t i;
    sdkc_result result;

    *path = NULL;
    if (!spec || (!spec->plain_file && !spec->text))
        return SDKC_OK;
    for (i = 0; i < a->file_count; i++)
        if (a->files[i].spec == spec) {
            *path = a->files[i].path;
            return SDKC_OK;
        }
    if (a->file_count >= SDKC_ADAPTER_MAX_MODELS)
        return sdkc_error_set(err, SDKC_ERR_TOO_LARGE, SDKC_NO_OFFSET,
                              "more than %d models for one adapter", SDKC_ADAPTER_MAX_MODELS);
    if (a->file_count == a->file_cap) {
        size_t ncap = a->file_cap ? a->file_cap * 2 : 4;
        struct s_model_file *nf = sdkc_realloc(a->files, ncap * sizeof(*nf));
        if (!nf)
            return sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
        a->files = nf;
        a->file_cap = ncap;
    }
    f = &a->files[a->file_count];
    memset(f, 0, sizeof(*f));
    f->spec = spec;
    if (spec->plain_file) {
        /* A file that went away since loading is named as given. */
        f->path = sdkc_strdup(realpath(spec->source, buf) ? buf : spec->source);
        if (!f->path)
            return sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
    } else {
        if (!a->tmpdir) {
            const char *t = getenv("TMPDIR");
            if (s_fmt_path(buf, sizeof(buf), "%s/sdkconform-model-XXXXXX", t && *t ? t : "/tmp"))
                return sdkc_error_set(err, SDKC_ERR_TOO_LARGE, SDKC_NO_OFFSET,
                                      "$TMPDIR is too long");
            if (!mkdtemp(buf))
                return sdkc_error_set(err, SDKC_ERR_IO, SDKC_NO_OFFSET,
                                      "cannot make a folder for the model files (%s): %s", buf,
                                      strerror(errno));
            a->tmpdir = sdkc_strdup(buf);
            if (!a->tmpdir) {
                rmdir(buf);
                return sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
            }
        }
        if (s_fmt_path(buf, sizeof(buf), "%s/model-%zu.json", a->tmpdir, a->file_count))
            return sdkc_error_set(err, SDKC_ERR_TOO_LARGE, SDKC_NO_OFFSET, "$TMPDIR is too long");
        f->path = sdkc_strdup(buf);
        if (!f->path)
            return sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
        if ((result = s_write_new_file(f->path, spec->text, spec->text_len, err))) {
            sdkc_free(f->path);
            f->path = NULL;
            return result;
        }
        f->written = 1;
    }
    a->file_count++;
    *path = f->path;
    return SDKC_OK;
}

/* The hello's endpoint as a JSON string: the mock endpoint, with the base
 * path the next hello carries. */
static sdkc_result s_quote_endpoint(const struct s_adapter *a, struct sdkc_buf *b)
{
    struct sdkc_buf u;
    sdkc_result result;
    size_t n = strlen(a->endpoint);
    while (n && a->endpoint[n - 1] == '/')
        n--;
    sdkc_buf_init(&u, 0);
    result = sdkc_buf_append(&u, a->endpoint, n);
    if (!result && a->next_base_len)
        result = sdkc_buf_append(&u, a->next_base, a->next_base_len);
    if (!result)
        result = sdkc_json_quote(b, u.data, u.len);
    sdkc_buf_clean_up(&u);
    return result;
}

/* PROTOCOL.md message 1: the hello for the model `spec` (may be NULL). */
static sdkc_result s_hello_line(struct s_adapter *a, const struct sdkc_spec *spec,
                                const char *model_path, struct sdkc_buf *b)
{
    sdkc_result result;
    result = sdkc_buf_appendf(
        b, "{\"hello\":{\"protocol\":%d,\"endpoint\":", SDKC_ADAPTER_PROTOCOL_VERSION);
    if (!result)
        result = s_quote_endpoint(a, b);
    if (!result)
        result = sdkc_buf_append_str(b, ",\"region\":");
    if (!result)
        result = sdkc_json_quote(b, a->region, strlen(a->region));
    if (!result)
        result = sdkc_buf_append_str(b, ",\"credentials\":{\"accessKeyId\":");
    if (!result)
        result = sdkc_json_quote(b, a->access_key, strlen(a->access_key));
    if (!result)
        result = sdkc_buf_append_str(b, ",\"secretAccessKey\":");
    if (!result)
        result = sdkc_json_quote(b, a->secret_key, strlen(a->secret_key));
    if (!result)
        result = sdkc_buf_append_str(b, ",\"sessionToken\":");
    if (!result)
        result = s_json_str_or_null(b, a->session_token);
    if (!result)
        result = sdkc_buf_append_str(b, "},\"service\":");
    if (!result && !spec)
        result = sdkc_buf_append_str(b, "null");
    if (!result && spec) {
        const struct sdkc_spec_metadata *m = &spec->metadata;
        result = sdkc_buf_append_str(b, "{\"serviceId\":");
        if (!result)
            result = s_json_str_or_null(b, m->service_id);
        if (!result)
            result = sdkc_buf_append_str(b, ",\"signingName\":");
        if (!result)
            result = s_json_str_or_null(b, m->signing_name);
        if (!result)
            result = sdkc_buf_append_str(b, ",\"endpointPrefix\":");
        if (!result)
            result = s_json_str_or_null(b, m->endpoint_prefix);
        if (!result)
            result = sdkc_buf_append_str(b, ",\"apiVersion\":");
        if (!result)
            result = s_json_str_or_null(b, m->api_version);
        if (!result)
            result = sdkc_buf_append_str(b, ",\"protocol\":");
        if (!result)
            result = s_json_str_or_null(b, m->protocol);
        if (!result)
            result = sdkc_buf_append_byte(b, '}');
    }
    if (!result)
        result = sdkc_buf_append_str(b, ",\"model\":");
    if (!result)
        result = s_json_str_or_null(b, model_path);
    if (!result)
        result = sdkc_buf_append_str(b, "}}\n");
    return result;
}

/* Send hello for the model `spec` to the running process and wait for
 * its answer (PROTOCOL.md "Models"). SDKC_OK: ready, cur = spec. An
 * `unavailable` answer gives SDKC_ERR_UNSUPPORTED with the reason in err
 * and remembered for spec; the process is stopped unless keep (a second
 * hello: it waits for another). Any other failure stops the process, and
 * err says why (stderr tail included). */
static sdkc_result s_hello(struct s_adapter *a, const struct sdkc_spec *spec, int keep,
                           struct sdkc_error *err)
{
    struct sdkc_buf hello;
    char *line = NULL;
    size_t line_len = 0, woff = 0;
    cJSON *doc = NULL;
    const cJSON *ready, *unavailable;
    const char *model = NULL;
    enum s_pump_outcome o;
    sdkc_result result;
    int status;
    char how[96];

    sdkc_buf_init(&hello, 0);
    a->have_cur = 0;
    if ((result = s_model_path(a, spec, &model, err)))
        goto stop_quiet;
    result = s_hello_line(a, spec, model, &hello);
    if (result) {
        result = sdkc_error_set(err, result, SDKC_NO_OFFSET, "out of memory");
        goto stop_quiet;
    }
    a->hello_w = hello.data;
    o = s_pump(a, hello.data, hello.len, &woff, sdkc_clock_ms() + a->ready_timeout_ms, &line,
               &line_len);
    a->hello_w = NULL;
    switch (o) {
    case S_LINE: break;
    case S_NOMEM:
        result = sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
        goto stop;
    case S_TIMEOUT:
        result = sdkc_error_set(err, SDKC_ERR_TIMEOUT, SDKC_NO_OFFSET,
                                "adapter `%s` did not say ready within %d ms", a->command,
                                a->ready_timeout_ms);
        goto stop;
    case S_STOPPED:
        result = sdkc_error_set(err, SDKC_ERR_INTERRUPTED, SDKC_NO_OFFSET,
                                "interrupted while adapter `%s` was starting", a->command);
        goto stop;
    case S_TOO_LONG:
        result = sdkc_error_set(err, SDKC_ERR_PARSE, SDKC_NO_OFFSET,
                                "adapter `%s` sent a first line longer than %zu bytes", a->command,
                                (size_t)SDKC_ADAPTER_MAX_LINE_BYTES);
        goto stop;
    case S_EOF:
    default:
        s_stop(a, 0, &status);
        s_describe_status(status, how, sizeof(how));
        result = sdkc_error_set(err, SDKC_ERR_IO, SDKC_NO_OFFSET,
                                "adapter `%s` exited before saying ready (%s)", a->command, how);
        s_err_add_stderr(a, err);
        goto done;
    }
    result = sdkc_json_parse(line, line_len, NULL, &doc, NULL);
    if (result == SDKC_ERR_NOMEM) {
        result = sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
        goto stop_quiet;
    }
    if (result || !cJSON_IsObject(doc)) {
        char *shown = sdkc_adapter_show_bytes("line", line, line_len);
        result = sdkc_error_set(err, SDKC_ERR_PARSE, SDKC_NO_OFFSET,
                                "adapter `%s` answered hello with a line that is not a JSON "
                                "object: %s",
                                a->command, shown ? shown : "(out of memory)");
        sdkc_free(shown);
        goto stop;
    }
    unavailable = sdkc_json_get(doc, "unavailable");
    if (unavailable) {
        const cJSON *reason = sdkc_json_get(unavailable, "reason");
        result = sdkc_error_set(err, SDKC_ERR_UNSUPPORTED, SDKC_NO_OFFSET,
                                "implementation %s is unavailable here%s%s: %s",
                                a->impl.name ? a->impl.name : a->command,
                                spec && spec->source ? " for the model " : "",
                                spec && spec->source ? spec->source : "",
                                cJSON_IsString(reason) ? reason->valuestring : "(no reason given)");
        sdkc_free(a->unavail_reason);
        a->unavail_reason = sdkc_strdup(err ? err->msg : "unavailable");
        a->unavail = spec;
        a->have_unavail = a->unavail_reason != NULL;
        if (keep)
            goto done;
        goto stop_quiet;
    }
    ready = sdkc_json_get(doc, "ready");
    if (!cJSON_IsObject(ready)) {
        char *shown = sdkc_adapter_show_bytes("line", line, line_len);
        result = sdkc_error_set(err, SDKC_ERR_PARSE, SDKC_NO_OFFSET,
                                "adapter `%s` answered hello without a \"ready\" object: %s",
                                a->command, shown ? shown : "(out of memory)");
        sdkc_free(shown);
        goto stop;
    }
    {
        /* PROTOCOL.md "Versions": 3 and later switch models on a hello. */
        const cJSON *p = sdkc_json_get(ready, "protocol");
        a->peer_protocol = cJSON_IsNumber(p) && p->valuedouble >= 0 && p->valuedouble <= 1000
                               ? (int)p->valuedouble
                               : 0;
    }
    if (!a->impl.version) {
        const cJSON *v = sdkc_json_get(ready, "version");
        const cJSON *n = sdkc_json_get(ready, "name");
        a->impl.version = sdkc_strdup(cJSON_IsString(v) ? v->valuestring : "unknown");
        if (!a->impl.name)
            a->impl.name = sdkc_strdup(cJSON_IsString(n) ? n->valuestring : a->command);
        if (!a->impl.version || !a->impl.name) {
            result = sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
            goto stop;
        }
    }
    sdkc_free(a->cur_base);
    a->cur_base = a->next_base_len ? sdkc_strndup(a->next_base, a->next_base_len) : NULL;
    if (a->next_base_len && !a->cur_base) {
        result = sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
        goto stop;
    }
    a->need_restart = 0;
    a->cur = spec;
    a->have_cur = 1;
    result = SDKC_OK;
    goto done;
stop:
    s_err_add_stderr(a, err);
stop_quiet:
    s_stop(a, 0, NULL);
done:
    cJSON_Delete(doc);
    sdkc_free(line);
    sdkc_buf_clean_up(&hello);
    return result;
}

/* Start the process and say hello for the model `spec`; see s_hello. */
static sdkc_result s_start(struct s_adapter *a, const struct sdkc_spec *spec,
                           struct sdkc_error *err)
{
    sdkc_result result = s_spawn(a, err);
    return result ? result : s_hello(a, spec, 0, err);
}

/* ---- one call -------------------------------------------------------------------- */

static sdkc_result s_request_line(const struct sdkc_impl_call *call, struct sdkc_buf *b)
{
    sdkc_result result = sdkc_buf_append_str(b, "{\"id\":");
    if (!result)
        result = sdkc_json_quote(b, call->id, strlen(call->id));
    if (!result)
        result = sdkc_buf_append_str(b, ",\"operation\":");
    if (!result)
        result = sdkc_json_quote(b, call->operation, strlen(call->operation));
    if (!result)
        result = sdkc_buf_append_str(b, ",\"params\":");
    if (!result)
        result = call->params ? sdkc_json_print_buf(call->params, b) : sdkc_buf_append_str(b, "{}");
    if (!result)
        result = sdkc_buf_append_str(b, "}\n");
    return result;
}

/* Set r->doc to a clientError; NOMEM when it cannot be built. */
static sdkc_result s_client_error(struct sdkc_impl_result *r, const char *kind, const char *fmt,
                                  ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
static sdkc_result s_client_error(struct sdkc_impl_result *r, const char *kind, const char *fmt,
                                  ...)
{
    char msg[512];
    cJSON *doc, *ce;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    doc = cJSON_CreateObject();
    ce = doc ? cJSON_AddObjectToObject(doc, "clientError") : NULL;
    if (!ce || !cJSON_AddStringToObject(ce, "kind", kind) ||
        !cJSON_AddStringToObject(ce, "message", msg)) {
        cJSON_Delete(doc);
        return SDKC_ERR_NOMEM;
    }
    r->doc = doc;
    return SDKC_OK;
}

static sdkc_result s_protocol_error(struct s_adapter *a, struct sdkc_impl_result *r,
                                    const char *what, const char *line, size_t len)
{
    r->protocol_error = sdkc_adapter_show_bytes(what, line, len);
    a->need_restart = 1; /* resynchronise: the stream position is unknown */
    return r->protocol_error ? SDKC_OK : SDKC_ERR_NOMEM;
}

/* Prune r->doc's output to the spec and put the notes before
 * r->diagnostics. */
static sdkc_result s_prune_output(const struct s_adapter *a, const struct sdkc_impl_call *call,
                                  struct sdkc_impl_result *r)
{
    char *notes = NULL;
    sdkc_result result = sdkc_adapter_prune_output(call->spec ? call->spec : a->spec,
                                                   call->operation, r->doc, &notes);
    if (result || !notes)
        return result;
    if (r->diagnostics) {
        struct sdkc_buf b;
        sdkc_buf_init(&b, 0);
        result = sdkc_buf_append_str(&b, notes);
        if (!result)
            result = sdkc_buf_append_str(&b, r->diagnostics);
        sdkc_free(notes);
        notes = result ? NULL : sdkc_buf_steal(&b, NULL);
        sdkc_buf_clean_up(&b);
        if (!notes)
            return SDKC_ERR_NOMEM;
    }
    sdkc_free(r->diagnostics);
    r->diagnostics = notes;
    return SDKC_OK;
}

/* Take what reached the endpoint since the previous take into t (and the
 * last captured request into req, when not NULL), waiting up to wait_ms
 * for a first one. */
static sdkc_result s_take(struct s_adapter *a, int wait_ms, struct sdkc_impl_traffic *t,
                          struct sdkc_http_request *req, struct sdkc_error *err)
{
    struct sdkc_http_request last;
    struct sdkc_server_capture cap;
    sdkc_result result;
    sdkc_http_request_init(&last);
    memset(&cap, 0, sizeof(cap));
    result = sdkc_server_take(a->srv, wait_ms, req ? req : &last, &cap, err);
    if (!result)
        sdkc_impl_traffic_set(t, cap.requests, cap.refused, cap.framing, cap.reason,
                              req ? req : &last);
    sdkc_http_request_clean_up(&last);
    return result;
}

/* r->not_applicable = reason (impl.h): the call cannot be served. */
static sdkc_result s_skip(struct sdkc_impl_result *r, const char *reason, struct sdkc_error *err)
{
    r->not_applicable = sdkc_strdup(reason && *reason ? reason : "unavailable");
    return r->not_applicable ? SDKC_OK
                             : sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
}

static sdkc_result s_skip_f(struct sdkc_impl_result *r, struct sdkc_error *err, const char *fmt,
                            ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
static sdkc_result s_skip_f(struct sdkc_impl_result *r, struct sdkc_error *err, const char *fmt,
                            ...)
{
    char msg[SDKC_ERROR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    return s_skip(r, msg, err);
}

static sdkc_result s_call(struct sdkc_impl *impl, const struct sdkc_impl_call *call,
                          struct sdkc_impl_result *r, struct sdkc_error *err)
{
    struct s_adapter *a = impl->data;
    struct sdkc_buf req;
    char *line = NULL;
    size_t line_len = 0, woff = 0;
    cJSON *doc = NULL;
    uint64_t err_mark;
    double t0 = sdkc_clock_ms_f();
    enum s_pump_outcome o;
    const struct sdkc_spec *want;
    sdkc_result result = SDKC_OK;
    int status, same_base;
    char how[96];

    sdkc_buf_init(&req, 0);
    if (!call || !call->id || !call->operation || !r)
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                              "adapter call needs an id, an operation and a result");
    want = call->spec ? call->spec : a->spec;
    err_mark = a->err_total;
    {
        /* The vector's endpoint's base path goes with the mock endpoint
         * (its host is the mock's: the runner rebases the expected host). */
        struct sdkc_url_parts up;
        int split = call->endpoint && sdkc_url_split(call->endpoint, &up);
        a->next_base = split ? up.base : NULL;
        a->next_base_len = split ? up.base_len : 0;
    }
    same_base = a->cur_base ? a->next_base_len == strlen(a->cur_base) &&
                                  memcmp(a->cur_base, a->next_base, a->next_base_len) == 0
                            : a->next_base_len == 0;
    if (a->have_unavail && a->unavail == want)
        return s_skip(r, a->unavail_reason, err);
    if (a->need_restart || a->pid <= 0) {
        if (a->pid > 0)
            s_stop(a, 0, NULL);
        if (a->starts > SDKC_ADAPTER_MAX_RESTARTS) {
            return sdkc_error_set(err, SDKC_ERR_IO, SDKC_NO_OFFSET,
                                  "adapter `%s` was restarted %u times; giving up", a->command,
                                  a->starts - 1);
        }
        result = s_start(a, want, err);
        if (result == SDKC_ERR_UNSUPPORTED)
            return s_skip(r, err ? err->msg : NULL, err);
        if (result) {
            sdkc_error_prefix(err, "restarting adapter: ");
            return result;
        }
    } else if (!a->have_cur || a->cur != want || !same_base) {
        /* Another model than the one it said ready for (a vector bound to
         * a folder's model), or another endpoint base path: a second
         * hello, PROTOCOL.md "Models". */
        if (a->peer_protocol < 3)
            return s_skip_f(r, err,
                            "not applicable: the vector is bound to the model %s%s%.*s and %s "
                            "speaks adapter protocol %d, which cannot switch models or "
                            "endpoints (a second hello needs version 3, "
                            "harness/adapters/PROTOCOL.md)",
                            want && want->source ? want->source : "(none)",
                            a->next_base_len ? " with the endpoint path " : "",
                            (int)a->next_base_len, a->next_base ? a->next_base : "",
                            a->impl.name ? a->impl.name : a->command,
                            a->peer_protocol ? a->peer_protocol : 2);
        result = s_hello(a, want, 1, err);
        if (result == SDKC_ERR_UNSUPPORTED)
            return s_skip(r, err ? err->msg : NULL, err);
        if (result) {
            a->need_restart = 1;
            sdkc_error_prefix(err, "switching adapter `%s` to the model %s: ", a->command,
                              want && want->source ? want->source : "(none)");
            return result;
        }
    }
    /* What arrived since the previous call answered is no call's: a late
     * request, handed to the runner and discarded (runner.h). Then the
     * canned response this call's request is answered with. */
    if (a->srv && ((result = s_take(a, 0, &r->late, NULL, err)) ||
                   (result = sdkc_server_set_response(a->srv, call->canned, err))))
        return result;
    result = s_request_line(call, &req);
    if (result) {
        result = sdkc_error_set(err, result, SDKC_NO_OFFSET, "out of memory");
        goto done;
    }
    o = s_pump(a, req.data, req.len, &woff, sdkc_clock_ms() + a->timeout_ms, &line, &line_len);
    switch (o) {
    case S_LINE:
        result = sdkc_adapter_parse_answer(line, line_len, call->id, &r->doc, &r->protocol_error);
        if (result)
            goto nomem;
        if (r->protocol_error)
            a->need_restart = 1; /* resynchronise: the stream position is unknown */
        break;
    case S_TIMEOUT:
        s_stop(a, 0, NULL);
        a->need_restart = 1;
        result = s_client_error(r, "timeout",
                                "no answer within %d ms; the adapter was killed and is restarted "
                                "for the next vector",
                                a->timeout_ms);
        if (result)
            goto nomem;
        break;
    case S_TOO_LONG: {
        char what[128];
        snprintf(what, sizeof(what), "adapter sent a line longer than %zu bytes; it starts",
                 (size_t)SDKC_ADAPTER_MAX_LINE_BYTES);
        result = s_protocol_error(a, r, what, a->out.data ? a->out.data : "",
                                  a->out.len < SDKC_ADAPTER_SHOW_BYTES ? a->out.len
                                                                       : SDKC_ADAPTER_SHOW_BYTES);
        s_stop(a, 0, NULL);
        if (result)
            goto nomem;
        break;
    }
    case S_NOMEM: goto nomem;
    case S_EOF:
    default: {
        /* The answer never came: whatever partial bytes it left are shown. */
        s_stop(a, 1, &status);
        s_describe_status(status, how, sizeof(how));
        a->need_restart = 1;
        result = s_client_error(r, "crash",
                                "the adapter process ended during the call (%s); it is restarted "
                                "for the next vector",
                                how);
        if (result)
            goto nomem;
        break;
    }
    }
    s_drain_stderr(a);
    r->diagnostics = s_ring_since(a, err_mark);
    if (s_prune_output(a, call, r))
        goto nomem;
    if (a->srv) {
        /* The call's own request: the last one that arrived during it. */
        sdkc_http_request_clean_up(&r->request);
        sdkc_http_request_init(&r->request);
        if ((result = s_take(a, 0, &r->during, &r->request, err)))
            goto done;
        r->request_sent = 1;
        r->has_request = r->during.requests > 0;
    }
    r->duration_ms = sdkc_clock_ms_f() - t0;
    result = SDKC_OK;
    goto done;
nomem:
    result = sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
    cJSON_Delete(r->doc);
    r->doc = NULL;
    sdkc_free(r->protocol_error);
    r->protocol_error = NULL;
    a->need_restart = 1;
done:
    cJSON_Delete(doc);
    sdkc_free(line);
    sdkc_buf_clean_up(&req);
    return result;
}

/* ---- lifecycle ------------------------------------------------------------------ */

static sdkc_result s_drain(struct sdkc_impl *impl, int final, struct sdkc_impl_traffic *late,
                           struct sdkc_error *err)
{
    struct s_adapter *a = impl->data;
    memset(late, 0, sizeof(*late));
    if (!a->srv)
        return SDKC_OK;
    if (final && a->pid > 0) {
        /* PROTOCOL.md: stdin closed, the adapter exits; whatever its client
         * sent until then (after its last answer) is on the endpoint. */
        s_stop(a, 1, NULL);
        return s_take(a, S_FINAL_GRACE_MS, late, NULL, err);
    }
    return s_take(a, 0, late, NULL, err);
}

static void s_destroy(struct sdkc_impl *impl)
{
    struct s_adapter *a;
    size_t i;
    if (!impl)
        return;
    a = impl->data;
    if (a) {
        s_stop(a, 1, NULL);
        sdkc_server_destroy(a->srv);
        sdkc_credentials_clean_up(&a->creds);
        sdkc_buf_clean_up(&a->out);
        sdkc_free(a->command);
        sdkc_free(a->endpoint);
        sdkc_free(a->region);
        sdkc_free(a->access_key);
        sdkc_free(a->secret_key);
        sdkc_free(a->session_token);
        sdkc_free(a->cur_base);
        sdkc_free(a->unavail_reason);
        for (i = 0; i < a->file_count; i++) {
            if (a->files[i].written)
                unlink(a->files[i].path);
            sdkc_free(a->files[i].path);
        }
        sdkc_free(a->files);
        if (a->tmpdir)
            rmdir(a->tmpdir);
        sdkc_free(a->tmpdir);
    }
    sdkc_free(impl->name);
    sdkc_free(impl->version);
    sdkc_free(a);
}

static const struct sdkc_impl_vtable s_vtable = {
    .call = s_call, .destroy = s_destroy, .drain = s_drain};

/* A timeout from the environment, or def when unset or not in
 * 1..SDKC_ADAPTER_MAX_TIMEOUT_MS. */
static int s_env_ms(const char *name, int def)
{
    const char *v = getenv(name);
    char *end = NULL;
    long n;
    if (!v || !*v)
        return def;
    errno = 0;
    n = strtol(v, &end, 10);
    if (errno || *end || n < 1 || n > SDKC_ADAPTER_MAX_TIMEOUT_MS)
        return def;
    return (int)n;
}

sdkc_result sdkc_impl_adapter_new(const struct sdkc_adapter_options *opts, struct sdkc_impl **out,
                                  struct sdkc_error *err)
{
    struct s_adapter *a = NULL;
    const struct sdkc_adapter_credentials *c;
    sdkc_result result;

    if (!out)
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET, "out is NULL");
    *out = NULL;
    if (!opts || !opts->command || !*opts->command)
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                              "an adapter needs a command");
    s_ignore_sigpipe();
    a = sdkc_calloc(1, sizeof(*a));
    if (!a)
        return sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
    a->impl.vtable = &s_vtable;
    a->impl.data = a;
    a->impl.serial = 1; /* one process, one endpoint: one call at a time */
    a->tag = s_vtable_tag;
    sdkc_credentials_init(&a->creds);
    a->in_fd = a->out_fd = a->err_fd = -1;
    sdkc_buf_init(&a->out, SDKC_ADAPTER_MAX_LINE_BYTES + S_READ_CHUNK + 1);
    c = &opts->credentials;
    a->spec = opts->spec;
    a->timeout_ms = opts->timeout_ms > 0
                        ? opts->timeout_ms
                        : s_env_ms("SDKC_ADAPTER_TIMEOUT_MS", SDKC_ADAPTER_TIMEOUT_MS_DEFAULT);
    a->stop = opts->stop;
    a->ready_timeout_ms =
        opts->ready_timeout_ms > 0
            ? opts->ready_timeout_ms
            : s_env_ms("SDKC_ADAPTER_READY_TIMEOUT_MS", SDKC_ADAPTER_READY_TIMEOUT_MS_DEFAULT);
    a->command = sdkc_strdup(opts->command);
    if (!opts->endpoint) {
        /* Its own endpoint, started before the process, which is told its
         * URL in hello. */
        if ((result = sdkc_server_new(NULL, &a->srv, err)))
            goto fail;
        a->endpoint = sdkc_strdup(sdkc_server_url(a->srv));
    } else {
        a->endpoint = sdkc_strdup(opts->endpoint);
    }
    a->region = sdkc_strdup(opts->region ? opts->region : SDKC_ADAPTER_DEFAULT_REGION);
    a->access_key =
        sdkc_strdup(c->access_key_id ? c->access_key_id : SDKC_ADAPTER_DEFAULT_ACCESS_KEY);
    a->secret_key =
        sdkc_strdup(c->secret_access_key ? c->secret_access_key : SDKC_ADAPTER_DEFAULT_SECRET_KEY);
    if (c->session_token)
        a->session_token = sdkc_strdup(c->session_token);
    if (opts->name)
        a->impl.name = sdkc_strdup(opts->name);
    if (!a->command || !a->endpoint || !a->region || !a->access_key || !a->secret_key ||
        (c->session_token && !a->session_token) || (opts->name && !a->impl.name)) {
        result = sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
        goto fail;
    }
    if (a->srv) {
        /* The signature check verifies what arrives with exactly what the
         * client was handed (runner.h); only a captured request is checked. */
        if ((result = sdkc_credentials_set(&a->creds, a->access_key, a->secret_key,
                                           a->session_token, err)))
            goto fail;
        a->impl.signing_creds = &a->creds;
        a->impl.signing_region = a->region;
    }
    a->impl.endpoint = a->endpoint;
    result = s_start(a, a->spec, err);
    if (result)
        goto fail;
    *out = &a->impl;
    return SDKC_OK;
fail:
    s_destroy(&a->impl);
    return result;
}

static const struct s_adapter *s_as_adapter(const struct sdkc_impl *impl)
{
    const struct s_adapter *a;
    if (!impl || impl->vtable != &s_vtable)
        return NULL;
    a = impl->data;
    return a && a->tag == s_vtable_tag ? a : NULL;
}

char *sdkc_adapter_stderr_tail(const struct sdkc_impl *impl)
{
    const struct s_adapter *a = s_as_adapter(impl);
    if (!a)
        return NULL;
    if (a->err_total == 0)
        return sdkc_strdup("");
    return s_ring_since(a, 0);
}

unsigned sdkc_adapter_starts(const struct sdkc_impl *impl)
{
    const struct s_adapter *a = s_as_adapter(impl);
    return a ? a->starts : 0;
}

/* ---- bundled adapters -------------------------------------------------------- */

static int s_is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Find PROG on $PATH (execvp's search, without running it). */
static int s_on_path(const char *prog)
{
    const char *path = getenv("PATH");
    char buf[PATH_MAX];
    if (!path)
        path = "/usr/local/bin:/usr/bin:/bin";
    while (*path) {
        const char *colon = strchr(path, ':');
        size_t n = colon ? (size_t)(colon - path) : strlen(path);
        if (n > 0 && n + strlen(prog) + 2 < sizeof(buf)) {
            memcpy(buf, path, n);
            buf[n] = '/';
            memcpy(buf + n + 1, prog, strlen(prog) + 1);
            if (access(buf, X_OK) == 0 && s_is_file(buf))
                return 1;
        }
        if (!colon)
            break;
        path = colon + 1;
    }
    return 0;
}

/* The bundled adapters: folder-relative script, interpreter, and the file
 * whose presence says its packages are installed (NULL: none to install). */
static const struct {
    const char *name, *script, *exec, *installed;
} s_bundled[] = {
    {"boto3", "boto3/adapter.py", "exec python3 -u ", NULL},
    {"js-v2", "js-v2/adapter.mjs", "exec node ", "js-v2/node_modules/aws-sdk/package.json"},
    {"js-v3", "js-v3/adapter.mjs", "exec node ",
     "js-v3/node_modules/@aws-sdk/client-datazone/package.json"},
};

sdkc_result sdkc_adapter_builtin_command(const char *name, char **command_out,
                                         struct sdkc_error *err)
{
    char dir[PATH_MAX], path[PATH_MAX + 128];
    struct sdkc_buf b;
    sdkc_result result;
    size_t k, n = sizeof(s_bundled) / sizeof(s_bundled[0]);
    int node;

    if (!name || !command_out)
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                              "name and command_out are required");
    *command_out = NULL;
    for (k = 0; k < n && strcmp(name, s_bundled[k].name) != 0; k++)
        ;
    if (k == n)
        return sdkc_error_set(err, SDKC_ERR_NOT_FOUND, SDKC_NO_OFFSET,
                              "no bundled adapter named \"%s\" (bundled: boto3, js-v2, js-v3; "
                              "use --impl-cmd for others)",
                              name);
    node = strstr(s_bundled[k].exec, "node") != NULL;
    result = sdkc_paths_find(SDKC_PATH_ADAPTERS, dir, sizeof(dir), err);
    if (result)
        return result;
    if (!s_on_path(node ? "node" : "python3"))
        return sdkc_error_set(err, SDKC_ERR_UNSUPPORTED, SDKC_NO_OFFSET,
                              "%s skipped: %s is not on PATH", name, node ? "node" : "python3");
    if (s_bundled[k].installed &&
        (s_fmt_path(path, sizeof(path), "%s/%s", dir, s_bundled[k].installed) || !s_is_file(path)))
        return sdkc_error_set(err, SDKC_ERR_UNSUPPORTED, SDKC_NO_OFFSET,
                              "%s skipped: %s/%s/node_modules is not installed (run "
                              "tools/install-adapters, which runs npm ci)",
                              name, dir, name);
    if (s_fmt_path(path, sizeof(path), "%s/%s", dir, s_bundled[k].script) || !s_is_file(path))
        return sdkc_error_set(err, SDKC_ERR_NOT_FOUND, SDKC_NO_OFFSET, "%s/%s is missing", dir,
                              s_bundled[k].script);
    sdkc_buf_init(&b, 0);
    /* exec: the interpreter replaces sh, so it is the process we signal */
    result = sdkc_buf_append_str(&b, s_bundled[k].exec);
    if (!result)
        result = sdkc_text_shell_quote(&b, path);
    if (result) {
        sdkc_buf_clean_up(&b);
        return sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
    }
    *command_out = sdkc_buf_steal(&b, NULL);
    return SDKC_OK;
}

#include "support/run_cmd.h"
#include "support/strbuf.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/banned.h"

extern char **environ;

static size_t name_len(const char *entry)
{
    const char *eq = strchr(entry, '=');
    return eq ? (size_t)(eq - entry) : strlen(entry);
}

/* environ with `env` entries replacing same-named ones; array only. */
static char **merge_env(const char *const *env)
{
    size_t n = 0, k = 0;
    while (environ[n])
        n++;
    while (env && env[k])
        k++;
    char **out = calloc(n + k + 1, sizeof *out);
    if (!out)
        return NULL;
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        int replaced = 0;
        for (size_t j = 0; j < k && !replaced; j++)
            replaced = name_len(environ[i]) == name_len(env[j]) &&
                       strncmp(environ[i], env[j], name_len(env[j])) == 0;
        if (!replaced)
            out[m++] = environ[i];
    }
    for (size_t j = 0; j < k; j++)
        out[m++] = (char *)env[j];
    return out;
}

static void close_fd(int *fd)
{
    if (*fd >= 0)
        close(*fd);
    *fd = -1;
}

static int make_pipes(int in[2], int out[2], int err[2])
{
    in[0] = in[1] = out[0] = out[1] = err[0] = err[1] = -1;
    if (pipe2(in, O_CLOEXEC) || pipe2(out, O_CLOEXEC) || pipe2(err, O_CLOEXEC))
        return -1;
    return 0;
}

static pid_t spawn(const char *const *argv, const char *const *env, int in[2], int out[2],
                   int err[2])
{
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, in[0], 0);
    posix_spawn_file_actions_adddup2(&fa, out[1], 1);
    posix_spawn_file_actions_adddup2(&fa, err[1], 2);
    char **envp = merge_env(env);
    pid_t pid = -1;
    if (envp && posix_spawn(&pid, argv[0], &fa, NULL, (char *const *)argv, envp) != 0)
        pid = -1;
    free(envp);
    posix_spawn_file_actions_destroy(&fa);
    return pid;
}

/* Feeds input and drains both outputs until the child closes them. */
static int pump(int fds[3], const char *input, strbuf_t *out, strbuf_t *err, time_t deadline)
{
    size_t in_len = input ? strlen(input) : 0, in_pos = 0;
    if (in_len == 0)
        close_fd(&fds[0]);
    while (fds[1] >= 0 || fds[2] >= 0) {
        struct pollfd p[3];
        for (int i = 0; i < 3; i++) {
            p[i].fd = fds[i];
            p[i].events = i == 0 ? POLLOUT : POLLIN;
            p[i].revents = 0;
        }
        int rc = poll(p, 3, 1000);
        if (rc < 0 && errno != EINTR)
            return -1;
        if (time(NULL) > deadline)
            return -2;
        if (fds[0] >= 0 && (p[0].revents & (POLLOUT | POLLERR | POLLHUP))) {
            ssize_t w = write(fds[0], input + in_pos, in_len - in_pos);
            if (w > 0)
                in_pos += (size_t)w;
            if (w < 0 || in_pos == in_len)
                close_fd(&fds[0]);
        }
        for (int i = 1; i < 3; i++) {
            if (fds[i] < 0 || !(p[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            char chunk[8192];
            ssize_t r = read(fds[i], chunk, sizeof chunk);
            if (r > 0) {
                strbuf_t *to = i == 1 ? out : err;
                strbuf_add(to, chunk, (size_t)r);
                if (to->bad)
                    return -1;
            } else if (r == 0 || errno != EINTR) {
                close_fd(&fds[i]);
            }
        }
    }
    return 0;
}

int run_cmd(const char *const *argv, const char *const *env, const char *input, int timeout_s,
            run_result_t *r)
{
    memset(r, 0, sizeof *r);
    r->status = -1;
    signal(SIGPIPE, SIG_IGN);
    int in[2], out[2], err[2];
    pid_t pid = -1;
    if (make_pipes(in, out, err) == 0)
        pid = spawn(argv, env, in, out, err);
    close_fd(&in[0]);
    close_fd(&out[1]);
    close_fd(&err[1]);
    strbuf_t so = {0}, se = {0};
    int rc = -1;
    if (pid > 0) {
        time_t deadline = time(NULL) + (timeout_s > 0 ? timeout_s : 120);
        int fds[3] = {in[1], out[0], err[0]};
        int prc = pump(fds, input, &so, &se, deadline);
        in[1] = fds[0];
        out[0] = fds[1];
        err[0] = fds[2];
        close_fd(&in[1]);
        if (prc != 0)
            kill(pid, SIGKILL);
        int st = 0;
        while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
            ;
        r->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
        rc = 0;
    }
    close_fd(&in[1]);
    close_fd(&out[0]);
    close_fd(&err[0]);
    /* what was captured, also when an allocation failed on the way */
    r->out = so.p ? so.p : calloc(1, 1);
    r->err = se.p ? se.p : calloc(1, 1);
    r->out_len = so.n;
    r->err_len = se.n;
    return rc;
}

void run_result_free(run_result_t *r)
{
    free(r->out);
    free(r->err);
    memset(r, 0, sizeof *r);
}

/*
 * berth-init exec: the first process of an `exec` or a healthcheck in a running container
 * (ContainerExec). It is spawned on a JVM thread that has joined the container's ipc, uts, net,
 * pid, cgroup and mount namespaces, so it starts inside all of them; before it runs a single
 * instruction of the image it joins every cgroup of the container (v1 and v2, through cgroup.procs
 * descriptors the JVM opened on the host), then takes on what PID 1 has: rlimits, the working
 * directory, the seccomp filter, groups, user, capabilities, no_new_privs. Only then
 * does it execve the command, which is therefore never outside the container's cgroups, not even
 * for the microseconds in which a spawned-then-moved process could fork a child that stays out.
 *
 * Descriptors: 0-2 the command's stdio (a pty slave the spawn opened as the controlling terminal,
 * for exec -t); 3 the config (ExecStageConfig); 4 status ("exec" or
 * "error MESSAGE"); 5 this program's memfd; the cgroup.procs descriptors named by "cgroupfd" lines.
 */
#define _GNU_SOURCE
#include "berth-init.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

/* Writes "0" (this process) into each cgroup.procs descriptor: the kernel moves it there. */
static void join_cgroups(const struct config *config) {
    char **fds = config_list(config, "cgroupfd");
    if (fds[0] == NULL) {
        fail("no cgroup.procs descriptors in the exec stage's config");
    }
    for (char **fd = fds; *fd; fd++) {
        int number = atoi(*fd);
        if (write(number, "0", 1) != 1) {
            fail_errno("write", "cgroup.procs (fd %d)", number);
        }
        close(number);
    }
}

_Noreturn void run_exec(const struct config *config) {
    // Not dumpable until execve: no process of the container may ptrace or open /proc of this
    // one while it still holds the JVM's capabilities (runc's nsexec does the same).
    if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) < 0) {
        fail_errno("prctl", "PR_SET_DUMPABLE");
    }
    join_cgroups(config);
    apply_rlimits(config);
    char **argv = config_list(config, "arg");
    char **env = config_list(config, "env");
    int root_fd = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (root_fd < 0) {
        fail_errno("open", "/");
    }
    const char *working_dir = config_value(config, "cwd", "/");
    char *executable = resolve_executable(root_fd, argv, env, working_dir);
    close(root_fd);
    if (chdir(working_dir[0] ? working_dir : "/") < 0) {
        fail_working_dir(working_dir);
    }
    load_seccomp(config);
    drop_privileges(config);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    if (close_range(3, ~0U, CLOSE_RANGE_CLOEXEC) < 0) {
        fail_errno("close_range", "3..");
    }
    write_all(STATUS_FD, "exec\n", 5, "the status pipe");
    execve(executable, argv, env);
    fail_exec(executable);
}

/*
 * init: true (Compose's docker-init, which is tini): berth-init stays PID 1, forks the service's
 * command and, as tini does, forwards every signal it gets to that child, reaps every zombie that
 * the namespace's orphans leave, and exits with the child's status (128 + signal when it was killed).
 * The child gets a process group of its own and the terminal's foreground, for job control.
 */
#define _GNU_SOURCE
#include "berth-init.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

/* Signals that are a fault of this process itself: never blocked, never forwarded (as tini). */
static bool is_fault(int signal_number) {
    return signal_number == SIGFPE || signal_number == SIGILL || signal_number == SIGSEGV
        || signal_number == SIGBUS || signal_number == SIGABRT || signal_number == SIGTRAP
        || signal_number == SIGSYS || signal_number == SIGTTIN || signal_number == SIGTTOU;
}

/* Runs in the forked child: a process group of its own, the terminal, the signal mask cleared, exec. */
_Noreturn static void exec_child(const char *executable, char **argv, char **env) {
    if (setpgid(0, 0) < 0) {
        fprintf(stderr, "berth-init: setpgid: %s\n", strerror(errno));
        _exit(127);
    }
    // SIGTTOU is still blocked here, so a background group may take the terminal.
    if (tcsetpgrp(STDIN_FILENO, getpgrp()) < 0 && errno != ENOTTY && errno != ENXIO && errno != EBADF) {
        fprintf(stderr, "berth-init: tcsetpgrp: %s\n", strerror(errno));
    }
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    execve(executable, argv, env);
    fprintf(stderr, "berth-init: exec %s: %s\n", executable, strerror(errno));
    _exit(errno == ENOENT ? 127 : 126);
}

/* Reaps every exited child; returns true (and the status) once the service's command was one. */
static bool reap(pid_t child, int *child_status) {
    bool child_exited = false;
    for (;;) {
        int status;
        pid_t pid = waitpid(-1, &status, WNOHANG);
        if (pid <= 0) {
            return child_exited;
        }
        if (pid == child) {
            *child_status = status;
            child_exited = true;
        }
    }
}

/* Never runs (the signals stay blocked and are taken by sigwaitinfo): it only makes them "caught". */
static void on_signal(int signal_number) {
    (void) signal_number;
}

_Noreturn void run_as_init(const char *executable, char **argv, char **env) {
    sigset_t all;
    sigfillset(&all);
    for (int s = 1; s < NSIG; s++) {
        if (is_fault(s)) {
            sigdelset(&all, s);
        }
    }
    sigprocmask(SIG_SETMASK, &all, NULL);
    // Caught, not just blocked: the supervisor sends the stop signal only to a PID 1 that catches it
    // (SigCgt), as the kernel drops the others; handlers are reset to the defaults by the child's execve.
    struct sigaction action = {.sa_handler = on_signal};
    sigemptyset(&action.sa_mask);
    for (int s = 1; s < NSIG; s++) {
        if (sigismember(&all, s) && s != SIGKILL && s != SIGSTOP) {
            sigaction(s, &action, NULL);
        }
    }
    signal(SIGTTIN, SIG_IGN);
    signal(SIGTTOU, SIG_IGN);
    pid_t child = fork();
    if (child < 0) {
        fail_errno("fork", "%s", executable);
    }
    if (child == 0) {
        signal(SIGTTIN, SIG_DFL);
        signal(SIGTTOU, SIG_DFL);
        exec_child(executable, argv, env);
    }
    // The launcher reads the status pipe to its end: this process's copy closes here, the child's at exec.
    close_range(3, ~0U, 0);
    prctl(PR_SET_NAME, "berth-init", 0, 0, 0);
    int status = 0;
    for (;;) {
        siginfo_t info;
        int signal_number = sigwaitinfo(&all, &info);
        if (signal_number < 0) {
            continue; // EINTR
        }
        if (signal_number != SIGCHLD) {
            kill(child, signal_number);
        }
        if (reap(child, &status)) {
            break;
        }
    }
    exit(WIFEXITED(status) ? WEXITSTATUS(status) : WIFSIGNALED(status) ? 128 + WTERMSIG(status) : 1);
}

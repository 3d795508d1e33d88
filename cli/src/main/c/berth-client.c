/*
 * berth-client: hands a berth command to the warm CLI server (docs/cli-server.md) and returns its
 * exit code, so that short commands skip a JVM start. It sends, over $BERTH_RUN_ROOT/cli.sock,
 * its fds 0, 1, 2 (SCM_RIGHTS) and a payload of NUL-terminated strings: protocol version, argc,
 * the arguments, the number of environment entries, the entries, the working directory. The server
 * answers 'A' (accepted) or 'R' (run it yourself), then 'X' with the exit code; each reply is one
 * type byte and a native int. Signals are forwarded as 'S' + number. No server, or "run it
 * yourself": exec the launcher ($BERTH_LAUNCHER) with BERTH_NO_SERVER=1. Everything Berth does
 * stays in Java; this file only relays.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define PROTOCOL_VERSION "1"
#define REASON_STEPPED_ASIDE 1

extern char **environ;
static int signal_pipe[2] = {-1, -1};

static void on_signal(int signo) {
    unsigned char byte = (unsigned char) signo;
    int saved = errno;
    if (write(signal_pipe[1], &byte, 1) < 0) {
        /* a full pipe already has a signal to forward */
    }
    errno = saved;
}

/* The JVM path: the launcher, told not to use the server; maybe to start one for next time. */
static void run_it_yourself(char **argv, int start_server) {
    const char *launcher = getenv("BERTH_LAUNCHER");
    if (launcher == NULL || launcher[0] == '\0') {
        fprintf(stderr, "berth: BERTH_LAUNCHER is not set (run berth-client through ./berth)\n");
        exit(1);
    }
    setenv("BERTH_NO_SERVER", "1", 1);
    if (start_server) {
        setenv("BERTH_START_SERVER", "1", 1);
    }
    argv[0] = (char *) launcher;
    execv(launcher, argv);
    fprintf(stderr, "berth: cannot run %s: %s\n", launcher, strerror(errno));
    exit(127);
}

static int write_all(int fd, const char *data, size_t length) {
    while (length > 0) {
        ssize_t written = write(fd, data, length);
        if (written < 0 && errno == EINTR) {
            continue;
        }
        if (written <= 0) {
            return -1;
        }
        data += written;
        length -= (size_t) written;
    }
    return 0;
}

/* Appends a NUL-terminated string to the growing payload. */
static void append(char **buffer, size_t *length, size_t *capacity, const char *text) {
    size_t size = strlen(text) + 1;
    while (*length + size > *capacity) {
        *capacity = *capacity * 2 + size;
        *buffer = realloc(*buffer, *capacity);
        if (*buffer == NULL) {
            fprintf(stderr, "berth: out of memory\n");
            exit(1);
        }
    }
    memcpy(*buffer + *length, text, size);
    *length += size;
}

static char *payload_of(int argc, char **argv, size_t *length) {
    size_t capacity = 4096;
    char *buffer = malloc(capacity);
    char number[32];
    char cwd[4096];
    size_t env_count = 0;
    *length = 0;
    if (buffer == NULL || getcwd(cwd, sizeof cwd) == NULL) {
        fprintf(stderr, "berth: cannot read the working directory: %s\n", strerror(errno));
        exit(1);
    }
    append(&buffer, length, &capacity, PROTOCOL_VERSION);
    snprintf(number, sizeof number, "%d", argc - 1);
    append(&buffer, length, &capacity, number);
    for (int i = 1; i < argc; i++) {
        append(&buffer, length, &capacity, argv[i]);
    }
    while (environ[env_count] != NULL) {
        env_count++;
    }
    snprintf(number, sizeof number, "%zu", env_count);
    append(&buffer, length, &capacity, number);
    for (size_t i = 0; i < env_count; i++) {
        append(&buffer, length, &capacity, environ[i]);
    }
    append(&buffer, length, &capacity, cwd);
    return buffer;
}

/* Sends the payload's length with fds 0, 1, 2 attached, then the payload. */
static int send_request(int sock, const char *payload, uint32_t length) {
    struct iovec iov = {.iov_base = &length, .iov_len = sizeof length};
    union {
        struct cmsghdr header;
        char space[CMSG_SPACE(3 * sizeof(int))];
    } control;
    struct msghdr message = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control.space,
                             .msg_controllen = sizeof control.space};
    struct cmsghdr *cmsg = CMSG_FIRSTHDR(&message);
    int fds[3] = {0, 1, 2};
    memset(&control, 0, sizeof control);
    cmsg->cmsg_level = SOL_SOCKET;
    cmsg->cmsg_type = SCM_RIGHTS;
    cmsg->cmsg_len = CMSG_LEN(sizeof fds);
    memcpy(CMSG_DATA(cmsg), fds, sizeof fds);
    while (sendmsg(sock, &message, MSG_NOSIGNAL) < 0) {
        if (errno != EINTR) {
            return -1;
        }
    }
    return write_all(sock, payload, length);
}

/* One reply of the server: 1 when read, 0 at end of stream (the server is gone). */
static int read_reply(int sock, char *type, int32_t *value) {
    char reply[1 + sizeof(int32_t)];
    size_t got = 0;
    while (got < sizeof reply) {
        ssize_t count = read(sock, reply + got, sizeof reply - got);
        if (count < 0 && errno == EINTR) {
            continue;
        }
        if (count <= 0) {
            return 0;
        }
        got += (size_t) count;
    }
    *type = reply[0];
    memcpy(value, reply + 1, sizeof *value);
    return 1;
}

static void forward_signals(int sock) {
    unsigned char signo;
    while (read(signal_pipe[0], &signo, 1) == 1) {
        char message[1 + sizeof(int32_t)] = {'S'};
        int32_t number = signo;
        memcpy(message + 1, &number, sizeof number);
        write_all(sock, message, sizeof message);
    }
}

/*
 * The launcher starts the CLI server through here (BERTH_DETACHED_EXEC=1): a process that outlives
 * the command must hold nothing of its caller, yet a shell cannot close descriptors it does not know
 * (a pipe of `$(berth up)` or a CI runner's, kept open, makes the caller wait for ever). So: close
 * every fd above 2 (stdio is already /dev/null and the log), a session of its own, then exec.
 */
static void detached_exec(char **argv) {
    unsetenv("BERTH_DETACHED_EXEC");
    if (close_range(3, ~0U, 0) < 0) {
        for (int fd = 3; fd < 65536; fd++) {
            close(fd);
        }
    }
    if (setsid() < 0) {
        /* already a process group leader (a shell with job control): a child can lead a session */
        pid_t child = fork();
        if (child != 0) {
            _exit(child < 0 ? 127 : 0);
        }
        setsid();
    }
    execvp(argv[0], argv);
    fprintf(stderr, "berth: cannot run %s: %s\n", argv[0], strerror(errno));
    exit(127);
}

int main(int argc, char **argv) {
    const char *run_root = getenv("BERTH_RUN_ROOT");
    struct sockaddr_un address = {.sun_family = AF_UNIX};
    int sock = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    size_t length;
    char *payload;
    char type;
    int32_t value;

    if (argc > 1 && getenv("BERTH_DETACHED_EXEC") != NULL) {
        detached_exec(argv + 1);
    }
    for (int fd = 0; fd <= 2; fd++) {
        if (fcntl(fd, F_GETFD) < 0) {
            run_it_yourself(argv, 0); /* a closed stdio cannot be passed; the JVM copes with it */
        }
    }
    if (run_root == NULL || run_root[0] == '\0') {
        run_root = "/run/berth";
    }
    if (sock < 0 || (size_t) snprintf(address.sun_path, sizeof address.sun_path, "%s/cli.sock", run_root)
                        >= sizeof address.sun_path) {
        run_it_yourself(argv, 0);
    }
    if (connect(sock, (struct sockaddr *) &address, sizeof address) < 0) {
        /* ENOENT, ECONNREFUSED: no server; anything else (EACCES): the JVM path says what is wrong */
        run_it_yourself(argv, errno == ENOENT || errno == ECONNREFUSED);
    }
    if (pipe2(signal_pipe, O_CLOEXEC | O_NONBLOCK) < 0) {
        run_it_yourself(argv, 0);
    }
    int forwarded[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
    for (size_t i = 0; i < sizeof forwarded / sizeof forwarded[0]; i++) {
        struct sigaction action = {.sa_handler = on_signal};
        sigemptyset(&action.sa_mask);
        sigaction(forwarded[i], &action, NULL);
    }
    payload = payload_of(argc, argv, &length);
    if (send_request(sock, payload, (uint32_t) length) < 0 || !read_reply(sock, &type, &value)) {
        /* not accepted, so never run: the JVM path runs it once */
        close(sock);
        run_it_yourself(argv, 1);
    }
    if (type == 'R') {
        close(sock);
        run_it_yourself(argv, value == REASON_STEPPED_ASIDE);
    }
    while (1) {
        struct pollfd fds[2] = {{.fd = sock, .events = POLLIN}, {.fd = signal_pipe[0], .events = POLLIN}};
        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR) {
                continue;
            }
            break;
        }
        if (fds[1].revents) {
            forward_signals(sock);
        }
        if (fds[0].revents) {
            if (!read_reply(sock, &type, &value)) {
                break;
            }
            if (type == 'X') {
                return value;
            }
        }
    }
    fprintf(stderr, "berth: the CLI server went away\n");
    return 1;
}

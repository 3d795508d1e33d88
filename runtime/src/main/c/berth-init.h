/*
 * berth-init: the container init stage (PID 1 of a new container until it execve's the service).
 * Shared declarations of its three files: berth-init.c (protocol, config, the order of the steps),
 * root-setup.c (mounts and the root), process-setup.c (names, limits, credentials, exec).
 */
#ifndef BERTH_INIT_H
#define BERTH_INIT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* The launcher's descriptors (KernelContainerLauncher): config, status, go-ahead. */
#define CONFIG_FD 3
#define STATUS_FD 4
#define GO_FD 5
/* The go-ahead byte: plain, or "the launcher holds the master of /dev/pts/0: take it as stdio". */
#define GO 1
#define GO_WITH_TERMINAL 2
#define FIRST_PTY "/dev/pts/0"

/* One config line (InitConfig.encode): field[0] is the key, the rest its values, unescaped. */
struct line {
    char **field;
    int count;
};

struct config {
    struct line *lines;
    size_t count;
};

/* What to make when a path (or a parent of it) inside the root does not exist. */
enum create { CREATE_NOTHING, CREATE_DIRECTORY, CREATE_FILE };

/*
 * The command itself cannot run (docs/security.md, "A command that cannot run"): the exit codes
 * Docker gives, as a shell does: not found, or found but not executable.
 */
#define COMMAND_NOT_FOUND 127
#define COMMAND_NOT_EXECUTABLE 126

/* ---- berth-init.c: failures and the config ---- */
_Noreturn void fail(const char *format, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void fail_command(int exit_code, const char *format, ...) __attribute__((format(printf, 2, 3)));
int command_exit_code(int error);
const char *lower_strerror(int error, char *buffer, size_t size);
_Noreturn void fail_errno(const char *call, const char *subject_format, ...)
    __attribute__((format(printf, 2, 3)));
void *allocate(size_t count, size_t size);
size_t list_length(char **list);
bool is_key(const struct line *line, const char *key, int fields);
const char *config_value(const struct config *config, const char *key, const char *fallback);
char **config_list(const struct config *config, const char *key);
bool config_true(const struct config *config, const char *key);

/* ---- root-setup.c ---- */
int resolve_in_root(int root_fd, const char *path, enum create create);
int print_resolution(const char *root, const char *path);
int open_in_root(int root_fd, const char *path, int flags);
int open_root(const char *rootfs);
void mount_defaults(int root_fd, const struct config *config);
void mount_requested(int root_fd, const struct config *config);
void make_working_directory(int root_fd, const char *working_dir);
int pivot(int root_fd, const char *rootfs);
void apply_sysctls(int root_fd, const struct config *config);
void mask_and_protect_paths(int root_fd);
void apply_read_only_rootfs(const struct config *config);
void mount_cgroup_fs(int root_fd, const struct config *config);

/* ---- process-setup.c ---- */
char *resolve_executable(int root_fd, char **argv, char **env, const char *working_dir);
_Noreturn void fail_exec(const char *executable);
_Noreturn void fail_working_dir(const char *working_dir);
void set_names(const struct config *config);
void loopback_up(void);
void apply_rlimits(const struct config *config);
void take_terminal(const char *path, uid_t uid);
void drop_privileges(const struct config *config);
void write_all(int fd, const char *text, size_t length, const char *shown);

/* ---- seccomp-load.c ---- */
void load_seccomp(const struct config *config);

/* ---- exec-stage.c: "berth-init exec" (fd 5 its executable, cgroupfd lines), an exec's first process ---- */
_Noreturn void run_exec(const struct config *config);

/* ---- init-process.c (init: true) ---- */
_Noreturn void run_as_init(const char *executable, char **argv, char **env);

#endif

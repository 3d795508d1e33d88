/*
 * The seccomp filter: a classic BPF program compiled in Java (io.berth.runtime.seccomp, from a
 * Docker-format JSON profile) and passed as one config line "seccomp HEX", 16 hex digits per
 * instruction (code 4, jt 2, jf 2, k 8). Loaded with seccomp(SECCOMP_SET_MODE_FILTER) while the
 * stage still holds CAP_SYS_ADMIN, before the capabilities are dropped, as runc does: so
 * no_new_privs is not needed for it, and is set only when asked for.
 */
#define _GNU_SOURCE
#include "berth-init.h"

#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static unsigned long hex_field(const char *text, int digits) {
    char buffer[9];
    memcpy(buffer, text, digits);
    buffer[digits] = '\0';
    char *end;
    unsigned long value = strtoul(buffer, &end, 16);
    if (*end != '\0') {
        fail("malformed seccomp program: \"%s\" is not hexadecimal", buffer);
    }
    return value;
}

void load_seccomp(const struct config *config) {
    const char *program = config_value(config, "seccomp", "");
    size_t length = strlen(program);
    if (length == 0) {
        return; // unconfined
    }
    if (length % 16 != 0 || length / 16 > BPF_MAXINSNS) {
        fail("malformed seccomp program: %zu hex digits", length);
    }
    size_t count = length / 16;
    struct sock_filter *filter = allocate(count, sizeof *filter);
    for (size_t i = 0; i < count; i++) {
        const char *at = program + i * 16;
        filter[i].code = (__u16) hex_field(at, 4);
        filter[i].jt = (__u8) hex_field(at + 4, 2);
        filter[i].jf = (__u8) hex_field(at + 6, 2);
        filter[i].k = (__u32) hex_field(at + 8, 8);
    }
    struct sock_fprog fprog = {(unsigned short) count, filter};
    if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &fprog) < 0) {
        fail_errno("seccomp", "SECCOMP_SET_MODE_FILTER (%zu instructions)", count);
    }
    free(filter);
}

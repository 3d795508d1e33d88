package io.berth.runtime.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The compiled filter, run by an interpreter on chosen system calls, against Docker's decisions. */
class SeccompCompilerTest {
    private static final List<String> DOCKER_CAPS = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID",
            "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP",
            "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");
    private static final int ALLOW = SeccompCompiler.RET_ALLOW;
    private static final int EPERM = SeccompCompiler.RET_ERRNO | 1;
    private static final int ENOSYS = SeccompCompiler.RET_ERRNO | 38;
    private static final SyscallTable X86 = SyscallTable.X86_64;

    private static int call(SeccompProgram program, SyscallTable table, String name, long... args) {
        return BpfInterpreter.run(program, table.auditArch(), table.number(name).orElseThrow(), args);
    }

    private static SeccompProgram defaultPolicy(List<String> caps, SyscallTable table) {
        return SeccompCompiler.compile(DefaultPolicy.get(), caps, table, "6.1.0");
    }

    @Test
    void theDefaultPolicyAllowsOrdinaryCallsAndRefusesKeyringsNamespacesAndMounts() {
        for (SyscallTable table : List.of(SyscallTable.X86_64, SyscallTable.AARCH64)) {
            SeccompProgram program = defaultPolicy(DOCKER_CAPS, table);
            assertTrue(program.instructions().size() < 1000, "size " + program.instructions().size());
            for (String allowed : List.of("read", "write", "openat", "execve", "exit_group", "mkdirat", "wait4",
                    "fchmodat2", "mseal", "futex_wait")) {
                assertEquals(ALLOW, call(program, table, allowed), allowed + " on " + table.dockerArch());
            }
            for (String refused : List.of("keyctl", "add_key", "request_key", "unshare", "mount", "setns", "bpf",
                    "kexec_load", "open_by_handle_at", "reboot", "init_module")) {
                assertEquals(EPERM, call(program, table, refused), refused + " on " + table.dockerArch());
            }
            assertEquals(ENOSYS, call(program, table, "clone3"), "clone3: ENOSYS, so libc falls back to clone");
            // clone: plain fork allowed, CLONE_NEWUSER (0x10000000) refused
            assertEquals(ALLOW, call(program, table, "clone", 0x11L));
            assertEquals(EPERM, call(program, table, "clone", 0x10000000L | 0x11L));
        }
    }

    @Test
    void aProgramSurvivesTheStateFileAsItsHexForm() throws Exception {
        SeccompProgram program = defaultPolicy(DOCKER_CAPS, X86);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        String written = json.writeValueAsString(program);
        assertEquals("\"" + program.hex() + "\"", written);
        assertEquals(program, json.readValue(written, SeccompProgram.class));
    }

    @Test
    void argumentConditionsOfTheDefaultProfileHold() {
        SeccompProgram program = defaultPolicy(DOCKER_CAPS, X86);
        assertEquals(ALLOW, call(program, X86, "socket", 2)); // AF_INET: < 38
        assertEquals(ALLOW, call(program, X86, "socket", 16)); // AF_NETLINK
        assertEquals(EPERM, call(program, X86, "socket", 38)); // AF_ALG: refused
        assertEquals(ALLOW, call(program, X86, "socket", 39));
        assertEquals(EPERM, call(program, X86, "socket", 40)); // AF_VSOCK: refused
        assertEquals(ALLOW, call(program, X86, "socket", 41)); // > 40
        assertEquals(ALLOW, call(program, X86, "personality", 0));
        assertEquals(ALLOW, call(program, X86, "personality", 0xffffffffL));
        assertEquals(EPERM, call(program, X86, "personality", 0x0040000L)); // ADDR_NO_RANDOMIZE
        assertEquals(ALLOW, call(program, X86, "arch_prctl"));
    }

    @Test
    void capabilitiesOpenWhatDockerOpensForThem() {
        List<String> caps = new ArrayList<>(DOCKER_CAPS);
        caps.add("CAP_SYS_ADMIN");
        caps.add("CAP_SYS_PTRACE");
        SeccompProgram program = defaultPolicy(caps, X86);
        assertEquals(ALLOW, call(program, X86, "unshare"));
        assertEquals(ALLOW, call(program, X86, "mount"));
        assertEquals(ALLOW, call(program, X86, "clone3"));
        assertEquals(ALLOW, call(program, X86, "clone", 0x10000000L));
        assertEquals(ALLOW, call(program, X86, "kcmp"));
        assertEquals(EPERM, call(program, X86, "keyctl"), "keyctl stays refused: no capability opens it");
    }

    @Test
    void otherArchitecturesAndX32AreKilledAndUnknownNumbersGetEnosys() {
        SeccompProgram program = defaultPolicy(DOCKER_CAPS, X86);
        assertEquals(SeccompCompiler.RET_KILL_PROCESS, BpfInterpreter.run(program, 0x40000003, 1)); // i386
        assertEquals(SeccompCompiler.RET_KILL_PROCESS, BpfInterpreter.run(program, X86.auditArch(), 0x40000000 | 1));
        assertEquals(ENOSYS, BpfInterpreter.run(program, X86.auditArch(), 999));
    }

    @Test
    void aCustomProfileDenyingMkdirAndComparingArguments() {
        SeccompProfile profile = SeccompProfile.parse("""
                {"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [
                  {"names": ["mkdir", "mkdirat", "no_such_call"], "action": "SCMP_ACT_ERRNO", "errnoRet": 13},
                  {"names": ["lseek"], "action": "SCMP_ACT_ERRNO",
                   "args": [{"index": 1, "value": 4294967296, "op": "SCMP_CMP_GT"}]},
                  {"names": ["dup"], "action": "SCMP_ACT_KILL",
                   "args": [{"index": 0, "value": 5, "op": "SCMP_CMP_LE"}, {"index": 0, "value": 2, "op": "SCMP_CMP_NE"}]},
                  {"names": ["ioctl"], "action": "SCMP_ACT_ERRNO",
                   "args": [{"index": 1, "value": 255, "valueTwo": 18, "op": "SCMP_CMP_MASKED_EQ"}]}
                ]}""");
        SeccompProgram program = SeccompCompiler.compile(profile, DOCKER_CAPS, X86, "6.1");
        assertEquals(SeccompCompiler.RET_ERRNO | 13, call(program, X86, "mkdir"));
        assertEquals(SeccompCompiler.RET_ERRNO | 13, call(program, X86, "mkdirat"));
        assertEquals(ALLOW, call(program, X86, "rmdir"));
        assertEquals(ALLOW, call(program, X86, "lseek", 0, 4294967296L));
        assertEquals(EPERM, call(program, X86, "lseek", 0, 4294967297L));
        assertEquals(EPERM, call(program, X86, "lseek", 0, 1L << 40));
        assertEquals(SeccompCompiler.RET_KILL_THREAD, call(program, X86, "dup", 4));
        assertEquals(ALLOW, call(program, X86, "dup", 2));
        assertEquals(ALLOW, call(program, X86, "dup", 6));
        assertEquals(ALLOW, call(program, X86, "dup", (1L << 32) | 1));
        assertEquals(EPERM, call(program, X86, "ioctl", 0, 0x5412));
        assertEquals(ALLOW, call(program, X86, "ioctl", 0, 0x5413));
        assertEquals(ALLOW, call(program, X86, "close_range"), "a deny list: newer calls than it names run");
    }

    @Test
    void minKernelAndArchesDecideAsDocker() {
        SeccompProgram old = SeccompCompiler.compile(DefaultPolicy.get(), DOCKER_CAPS, X86, "4.4.0");
        assertEquals(EPERM, call(old, X86, "ptrace"), "ptrace only from kernel 4.8");
        assertEquals(ALLOW, call(defaultPolicy(DOCKER_CAPS, X86), X86, "ptrace"));
        assertTrue(SeccompCompiler.kernelAtLeast("6.18.44-fc", "4.8"));
        assertTrue(!SeccompCompiler.kernelAtLeast("4.7.1", "4.8"));
    }

    @Test
    void securityOptionsAreParsedAsDockerAndTheRestRefused() {
        SecurityOptions plain = SecurityOptions.parse(List.of());
        assertTrue(!plain.unconfined() && plain.profileJson() == null && !plain.noNewPrivileges());
        assertTrue(SecurityOptions.parse(List.of("no-new-privileges")).noNewPrivileges());
        assertTrue(SecurityOptions.parse(List.of("no-new-privileges:true")).noNewPrivileges());
        assertTrue(!SecurityOptions.parse(List.of("no-new-privileges=false")).noNewPrivileges());
        assertTrue(SecurityOptions.parse(List.of("seccomp=unconfined")).unconfined());
        assertTrue(SecurityOptions.parse(List.of("seccomp:unconfined", "apparmor=unconfined", "label=disable"))
                .unconfined());
        assertNull(SecurityOptions.parse(List.of("seccomp=unconfined")).program(false, DOCKER_CAPS));
        assertNull(plain.program(true, DOCKER_CAPS), "privileged: unconfined, as Docker");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> SecurityOptions.parse(List.of("apparmor=docker-default", "systempaths=unconfined")));
        assertTrue(error.getMessage().contains("apparmor=docker-default") && error.getMessage().contains("systempaths"),
                error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SecurityOptions.parse(List.of("seccomp={\"x\":1}"))
                .program(false, DOCKER_CAPS));
    }
}

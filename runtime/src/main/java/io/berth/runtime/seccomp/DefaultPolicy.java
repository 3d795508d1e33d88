package io.berth.runtime.seccomp;

import io.berth.runtime.seccomp.SeccompProfile.Argument;
import io.berth.runtime.seccomp.SeccompProfile.Condition;
import io.berth.runtime.seccomp.SeccompProfile.Rule;
import java.util.ArrayList;
import java.util.List;

/**
 * Berth's default seccomp policy: an allow-list that makes the same decisions as Docker's default
 * profile on x86_64 and aarch64 (docs/security.md says how that was checked). Everything not named
 * is refused with EPERM. Names of other architectures (the 32-bit and time64 variants) are kept so
 * the policy reads the same everywhere; the compiler skips names the host's table lacks.
 */
public final class DefaultPolicy {
    private static final SeccompProfile POLICY = build();

    private DefaultPolicy() {
    }

    public static SeccompProfile get() {
        return POLICY;
    }

    private static SeccompProfile build() {
        List<Rule> rules = new ArrayList<>();
        // What every program needs and what the kernel already confines to the container's own
        // processes, files and credentials: no capability can widen any of these.
        rules.add(allow(DefaultPolicyGroups.ORDINARY));
        // ptrace and cross-process memory access: allowed unprivileged only from 4.8, where seccomp
        // can no longer be bypassed by a traced process.
        rules.add(new Rule(List.of("process_vm_readv", "process_vm_writev", "ptrace"), ALLOW, null, List.of(),
                new Condition(List.of(), List.of(), "4.8"), Condition.NONE));
        // socket: every family except AF_ALG (38, kernel crypto, a large attack surface) and
        // AF_VSOCK (40, talks to the hypervisor, outside the container's network).
        rules.add(socketFamilies("SCMP_CMP_LT", 38));
        rules.add(socketFamilies("SCMP_CMP_EQ", 39));
        rules.add(socketFamilies("SCMP_CMP_GT", 40));
        // personality: only PER_LINUX, PER_LINUX32, UNAME26, UNAME26|PER_LINUX32 and the 0xffffffff
        // query; not ADDR_NO_RANDOMIZE and the like, which weaken ASLR and other defences.
        for (long persona : new long[] {0x0, 0x8, 0x20000, 0x20008, 0xffffffffL}) {
            rules.add(new Rule(List.of("personality"), ALLOW, null, List.of(new Argument(0, persona, 0, "SCMP_CMP_EQ")),
                    Condition.NONE, Condition.NONE));
        }
        // Calls that exist only on one architecture, harmless there.
        rules.add(onArches(List.of("arm_fadvise64_64", "arm_sync_file_range", "sync_file_range2", "breakpoint",
                "cacheflush", "set_tls"), "arm", "arm64"));
        rules.add(onArches(List.of("arch_prctl"), "amd64", "x32"));
        rules.add(onArches(List.of("modify_ldt"), "amd64", "x32", "x86"));
        // clone without CAP_SYS_ADMIN: threads and forks, but none of the namespace flags
        // (NEWNS|NEWCGROUP|NEWUTS|NEWIPC|NEWUSER|NEWPID|NEWNET = 0x7E020000).
        rules.add(new Rule(List.of("clone"), ALLOW, null, List.of(new Argument(0, 0x7E020000L, 0, "SCMP_CMP_MASKED_EQ")),
                Condition.NONE, new Condition(List.of("CAP_SYS_ADMIN"), List.of("s390", "s390x"), null)));
        // clone3 passes its flags in memory, which seccomp cannot read: ENOSYS, so libc falls back to clone.
        rules.add(new Rule(List.of("clone3"), "SCMP_ACT_ERRNO", 38, List.of(), Condition.NONE,
                new Condition(List.of("CAP_SYS_ADMIN"), List.of(), null)));
        DefaultPolicyGroups.BY_CAPABILITY.forEach((cap, names) -> rules.add(
                new Rule(names, ALLOW, null, List.of(), new Condition(List.of(cap), List.of(), null), Condition.NONE)));
        return new SeccompProfile("SCMP_ACT_ERRNO", 1, rules);
    }

    private static final String ALLOW = "SCMP_ACT_ALLOW";

    private static Rule allow(List<String> names) {
        return new Rule(names, ALLOW, null, List.of(), Condition.NONE, Condition.NONE);
    }

    private static Rule socketFamilies(String op, long family) {
        return new Rule(List.of("socket"), ALLOW, null, List.of(new Argument(0, family, 0, op)), Condition.NONE,
                Condition.NONE);
    }

    private static Rule onArches(List<String> names, String... arches) {
        return new Rule(names, ALLOW, null, List.of(), new Condition(List.of(), List.of(arches), null), Condition.NONE);
    }
}

package io.berth.runtime.seccomp;

import io.berth.runtime.seccomp.BpfAssembler.Label;
import io.berth.runtime.seccomp.SeccompProfile.Argument;
import io.berth.runtime.seccomp.SeccompProfile.Condition;
import io.berth.runtime.seccomp.SeccompProfile.Rule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Compiles a Docker-format profile to classic BPF for one architecture, as Docker (rules kept or
 * dropped by includes/excludes against the container's capabilities, the architecture and the
 * kernel) and libseccomp (names this architecture lacks skipped; another architecture, including
 * x86_64's x32 ABI, killed) do. Rules are tried in the profile's order, the first match wins;
 * when the default refuses, syscall numbers above every number the profile names get ENOSYS, as
 * runc does, so that libc falls back from a syscall newer than the profile instead of failing.
 */
public final class SeccompCompiler {
    // linux/seccomp.h
    static final int RET_KILL_PROCESS = 0x80000000;
    static final int RET_KILL_THREAD = 0x00000000;
    static final int RET_TRAP = 0x00030000;
    static final int RET_ERRNO = 0x00050000;
    static final int RET_TRACE = 0x7ff00000;
    static final int RET_LOG = 0x7ffc0000;
    static final int RET_ALLOW = 0x7fff0000;
    static final int EPERM = 1;
    static final int ENOSYS = 38;
    // struct seccomp_data: nr, arch, instruction_pointer, args[6]
    private static final int NR = 0;
    private static final int ARCH = 4;
    private static final int ARGS = 16;
    /** Unconditional syscalls per run of jeq: their jumps to the run's ret stay within 255. */
    private static final int RUN = 200;

    private SeccompCompiler() {
    }

    /**
     * @param capabilities the container's bounding set (CAP_... names) for includes/excludes "caps"
     * @param kernel       "major.minor[...]" of the running kernel, for "minKernel"
     */
    public static SeccompProgram compile(SeccompProfile profile, Collection<String> capabilities, SyscallTable table,
                                         String kernel) {
        Set<String> caps = Set.copyOf(capabilities);
        int defaultAction = action(profile.defaultAction(), profile.defaultErrnoRet(), profile.defaultErrnoRet());
        List<ResolvedRule> rules = new ArrayList<>();
        int highest = -1;
        for (Rule rule : profile.rules()) {
            if (!applies(rule, caps, table.dockerArch(), kernel)) {
                continue;
            }
            int action = action(rule.action(), rule.errnoRet(), profile.defaultErrnoRet());
            List<Integer> numbers = new ArrayList<>();
            for (String name : rule.names()) {
                table.number(name).ifPresent(numbers::add); // unknown here: skipped, as libseccomp does
            }
            for (int number : numbers) {
                highest = Math.max(highest, number);
            }
            if (!numbers.isEmpty()) {
                rules.add(new ResolvedRule(numbers, action, rule.args()));
            }
        }
        BpfAssembler bpf = new BpfAssembler();
        Label killed = new Label();
        Label tooNew = new Label();
        bpf.load(ARCH);
        bpf.jump(BpfAssembler.JEQ_K, table.auditArch(), BpfAssembler.NEXT, killed);
        bpf.load(NR);
        if (table.x32Bit() != 0) {
            bpf.jump(BpfAssembler.JGE_K, (int) table.x32Bit(), killed, BpfAssembler.NEXT);
        }
        if (highest >= 0 && defaultAction != RET_ALLOW && defaultAction != RET_LOG) { // a deny list lets them run
            bpf.jump(BpfAssembler.JGT_K, highest, tooNew, BpfAssembler.NEXT);
        }
        Label body = new Label();
        bpf.jumpAlways(body);
        // near the top: a conditional jump reaches 255 instructions at most
        bpf.place(killed);
        bpf.ret(RET_KILL_PROCESS);
        bpf.place(tooNew);
        bpf.ret(RET_ERRNO | ENOSYS);
        bpf.place(body);
        emitRules(bpf, rules);
        bpf.ret(defaultAction);
        return bpf.program();
    }

    private record ResolvedRule(List<Integer> numbers, int action, List<Argument> args) {
    }

    /** Unconditional rules of one action in runs of jeq to one ret; a rule with args a block of its own. */
    private static void emitRules(BpfAssembler bpf, List<ResolvedRule> rules) {
        List<Integer> run = new ArrayList<>();
        Integer runAction = null;
        for (ResolvedRule rule : rules) {
            if (!rule.args().isEmpty() || runAction == null || runAction != rule.action()) {
                emitRun(bpf, run, runAction);
                run.clear();
                runAction = rule.args().isEmpty() ? rule.action() : null;
            }
            if (rule.args().isEmpty()) {
                run.addAll(rule.numbers());
            } else {
                for (int number : rule.numbers()) {
                    emitConditional(bpf, number, rule);
                }
            }
        }
        emitRun(bpf, run, runAction);
    }

    private static void emitRun(BpfAssembler bpf, List<Integer> numbers, Integer action) {
        for (int start = 0; start < numbers.size(); start += RUN) {
            List<Integer> part = numbers.subList(start, Math.min(numbers.size(), start + RUN));
            Label matched = new Label();
            Label after = new Label();
            for (int i = 0; i < part.size(); i++) {
                boolean last = i == part.size() - 1;
                bpf.jump(BpfAssembler.JEQ_K, part.get(i), matched, last ? after : BpfAssembler.NEXT);
            }
            bpf.place(matched);
            bpf.ret(action);
            bpf.place(after);
        }
    }

    /** jeq nr; every argument condition; ret; failures land on the reload of nr that ends the block. */
    private static void emitConditional(BpfAssembler bpf, int number, ResolvedRule rule) {
        Label fail = new Label();
        bpf.jump(BpfAssembler.JEQ_K, number, BpfAssembler.NEXT, fail);
        for (Argument arg : rule.args()) {
            ArgumentCheck.emit(bpf, arg, ARGS + 8 * arg.index(), fail);
        }
        bpf.ret(rule.action());
        bpf.place(fail);
        bpf.load(NR);
    }

    /** Docker's setupSeccomp: excludes first (arches, any cap, minKernel), then includes (all caps). */
    static boolean applies(Rule rule, Set<String> caps, String arch, String kernel) {
        Condition excludes = rule.excludes();
        if (excludes.arches().contains(arch) || excludes.caps().stream().anyMatch(caps::contains)
                || excludes.minKernel() != null && kernelAtLeast(kernel, excludes.minKernel())) {
            return false;
        }
        Condition includes = rule.includes();
        if (!includes.arches().isEmpty() && !includes.arches().contains(arch)) {
            return false;
        }
        if (!caps.containsAll(includes.caps())) {
            return false;
        }
        return includes.minKernel() == null || kernelAtLeast(kernel, includes.minKernel());
    }

    static boolean kernelAtLeast(String kernel, String minimum) {
        int[] have = version(kernel);
        int[] need = version(minimum);
        return have[0] != need[0] ? have[0] > need[0] : have[1] >= need[1];
    }

    private static int[] version(String text) {
        String[] parts = text.trim().split("[^0-9]+");
        try {
            return new int[] {Integer.parseInt(parts[0]), parts.length > 1 ? Integer.parseInt(parts[1]) : 0};
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("not a kernel version: \"" + text + "\"");
        }
    }

    static int action(String name, Integer errnoRet, Integer defaultErrnoRet) {
        int errno = errnoRet != null ? errnoRet : defaultErrnoRet != null ? defaultErrnoRet : EPERM;
        return switch (name.toUpperCase(Locale.ROOT)) {
            case "SCMP_ACT_ALLOW" -> RET_ALLOW;
            case "SCMP_ACT_ERRNO" -> RET_ERRNO | (errno & 0xffff);
            case "SCMP_ACT_KILL", "SCMP_ACT_KILL_THREAD" -> RET_KILL_THREAD;
            case "SCMP_ACT_KILL_PROCESS" -> RET_KILL_PROCESS;
            case "SCMP_ACT_TRAP" -> RET_TRAP;
            case "SCMP_ACT_TRACE" -> RET_TRACE | (errno & 0xffff);
            case "SCMP_ACT_LOG" -> RET_LOG;
            default -> throw new IllegalArgumentException("action " + name + " is not supported by berth"
                    + " (SCMP_ACT_ALLOW, SCMP_ACT_ERRNO, SCMP_ACT_KILL, SCMP_ACT_KILL_THREAD, SCMP_ACT_KILL_PROCESS,"
                    + " SCMP_ACT_TRAP, SCMP_ACT_TRACE, SCMP_ACT_LOG)");
        };
    }
}

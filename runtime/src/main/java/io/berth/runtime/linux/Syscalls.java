package io.berth.runtime.linux;

/** Numbers of the system calls Berth makes raw (no glibc wrapper, or glibc's acts per process). */
final class Syscalls {
    private static final boolean AARCH64 = "aarch64".equals(System.getProperty("os.arch"));

    static final long SETGROUPS = AARCH64 ? 159 : 116;
    static final long SETRESUID = AARCH64 ? 147 : 117;
    static final long SETRESGID = AARCH64 ? 149 : 119;
    static final long BPF = AARCH64 ? 280 : 321;

    private Syscalls() {
    }
}

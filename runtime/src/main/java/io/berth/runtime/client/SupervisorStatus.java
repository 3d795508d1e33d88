package io.berth.runtime.client;

/** What the supervisor reports of itself: for tests, `berth` diagnostics and the benchmark. */
public record SupervisorStatus(long pid, long rssKib, long rssAnonKib, int containers, int running, int watchedByReaper,
                               int logsFollowed, int threads) {
}

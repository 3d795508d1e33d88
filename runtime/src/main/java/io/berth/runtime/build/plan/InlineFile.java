package io.berth.runtime.build.plan;

/**
 * A file whose content is in the Dockerfile (a heredoc), after substitution when the heredoc
 * allows it.
 *
 * @param path    for COPY/ADD: the file name (the heredoc's name) relative to the destination; for
 *                RUN: the absolute path where the file is mounted read-only
 * @param content the bytes as UTF-8 text
 * @param mode    the file mode bits, e.g. 0644, or 0755 for a RUN script
 */
public record InlineFile(String path, String content, int mode) {
}

package io.berth.model.load;

import io.berth.model.ComposeProblemsException;
import io.berth.model.Problem;

/** A problem that stops loading at once (no file, unreadable file). */
final class LoadFailure extends ComposeProblemsException {
    LoadFailure(Problem problem) {
        super(problem);
    }
}

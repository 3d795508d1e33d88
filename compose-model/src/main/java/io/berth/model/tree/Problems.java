package io.berth.model.tree;

import io.berth.model.ComposeProblemsException;
import io.berth.model.Problem;
import java.util.ArrayList;
import java.util.List;

/** Collects every problem of a load, positioned through the source map; thrown all at once. */
public final class Problems {
    private final List<Problem> found = new ArrayList<>();
    private final SourceMap sources;

    public Problems(SourceMap sources) {
        this.sources = sources;
    }

    public void add(ComposePath path, String message) {
        Position position = sources.find(path);
        Problem problem = new Problem(position.file(), position.line(), position.column(), path.toString(), message);
        if (!found.contains(problem)) { // two phases that check one value say it once
            found.add(problem);
        }
    }

    public void add(Problem problem) {
        found.add(problem);
    }

    public void addAll(List<Problem> problems) {
        found.addAll(problems);
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public void throwIfAny() throws ComposeProblemsException {
        if (!found.isEmpty()) {
            throw new ComposeProblemsException(found);
        }
    }
}

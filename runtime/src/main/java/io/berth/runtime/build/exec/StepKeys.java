package io.berth.runtime.build.exec;

import io.berth.runtime.build.cache.CacheKey;
import io.berth.runtime.build.cache.CacheKeys;
import io.berth.runtime.build.context.ContentChecksum;
import io.berth.runtime.build.plan.BuildStep;
import java.util.List;

/** Cache keys of steps: build-front's {@link CacheKeys}, in one place for the executor. */
final class StepKeys {
    private StepKeys() {
    }

    static CacheKey of(String parentKey, BuildStep step, ContentChecksum checksum) {
        return CacheKeys.of(parentKey, step, checksum);
    }

    static List<String> explain(CacheKey previous, CacheKey current) {
        return CacheKeys.explain(previous, current);
    }
}

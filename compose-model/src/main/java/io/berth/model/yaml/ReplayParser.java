package io.berth.model.yaml;

import java.util.List;
import java.util.NoSuchElementException;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.parser.Parser;

/** Events already parsed (and checked), given again to snakeyaml's composer: a file is parsed once. */
final class ReplayParser implements Parser {
    private final List<Event> events;
    private int next;

    ReplayParser(List<Event> events) {
        this.events = events;
    }

    @Override
    public boolean checkEvent(Event.ID choice) {
        return hasNext() && events.get(next).getEventId() == choice;
    }

    @Override
    public Event peekEvent() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more YAML events");
        }
        return events.get(next);
    }

    @Override
    public Event next() {
        Event event = peekEvent();
        next++;
        return event;
    }

    @Override
    public boolean hasNext() {
        return next < events.size();
    }
}

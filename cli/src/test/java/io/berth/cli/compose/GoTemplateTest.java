package io.berth.cli.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.cli.ExitCodes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** --format templates render as docker's do for the subset scripts use. */
class GoTemplateTest {
    private static final Map<String, Object> WEB = new LinkedHashMap<>(Map.of("Name", "app-web-1", "Service", "web",
            "State", "running", "ExitCode", 0, "Networks", List.of("front", "back")));

    @Test
    void fieldsLiteralsAndFunctions() {
        assertEquals("app-web-1", GoTemplate.parse("{{.Name}}").render(WEB));
        assertEquals("web\tRUNNING", GoTemplate.parse("{{.Service}}{{\"\\t\"}}{{upper .State}}").render(WEB));
        assertEquals("web\trunning", GoTemplate.parse("{{.Service}}\\t{{lower .State}}").render(WEB));
        assertEquals("front,back", GoTemplate.parse("{{join .Networks \",\"}}").render(WEB));
        assertEquals("\"web\" 0", GoTemplate.parse("{{json .Service}} {{.ExitCode}}").render(WEB));
        assertEquals("{\"State\":\"running\"}", GoTemplate.parse("{{json .}}").render(new LinkedHashMap<>(Map.of("State", "running"))));
    }

    @Test
    void tableTemplatesHaveAHeaderOfTheFieldNames() {
        GoTemplate table = GoTemplate.parse("table {{.ID}}\\t{{.Service}}\\t{{.ExitCode}}");
        assertEquals(true, table.isTable());
        assertEquals("CONTAINER ID\tSERVICE\tEXIT CODE", table.header());
    }

    @Test
    void unknownFieldsAndFunctionsAreUsageErrors() {
        String message = assertThrows(ExitCodes.UsageException.class, () -> GoTemplate.parse("{{.Nmae}}").render(WEB)).getMessage();
        assertEquals(true, message.startsWith("--format: can't evaluate field Nmae (fields: "), message);
        assertThrows(ExitCodes.UsageException.class, () -> GoTemplate.parse("{{printf .Name}}"));
        assertThrows(ExitCodes.UsageException.class, () -> GoTemplate.parse("{{.Name"));
    }

    @Test
    void aCommandIsShownOnOneLineQuotedAndCutAsDockerDoes() {
        assertEquals("\"sh -c echo one\\necho\u2026\"", ContainerText.goQuoted("sh -c echo one\necho\u2026"));
        assertEquals("\"say \\\"hi\\\"\\t\\\\\"", ContainerText.goQuoted("say \"hi\"\t\\"));
    }
}

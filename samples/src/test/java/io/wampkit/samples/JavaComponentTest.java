package io.wampkit.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wampkit.router.EmbeddedRouter;
import io.wampkit.router.WampRouters;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The Java sample against the embedded router, as its main runs it. */
class JavaComponentTest {
    @Test
    void theJavaComponentCallsAndPublishesThroughTheEmbeddedRouter() throws Exception {
        try (EmbeddedRouter router = WampRouters.start("realm1", 0).get(10, TimeUnit.SECONDS)) {
            List<String> lines = new CopyOnWriteArrayList<>();
            JavaComponent.Report report = JavaComponent.run(router.getUrl(), "realm1", lines::add);
            assertEquals(new JavaComponent.Report(5, 144, "com.myapp.error.oops", List.of(1L, 2L, 3L)), report);
            assertTrue(lines.contains("caller: add2(2, 3) = 5"), lines.toString());
            assertTrue(lines.contains("caller: fail() raised com.myapp.error.oops: this procedure always fails"));
            assertTrue(lines.contains("callee: received counter 3"));
        }
    }

    @Test
    void optionsHaveDefaultsAndClearErrors() {
        assertEquals(new JavaComponent.Options(null, "realm1"), JavaComponent.Options.parse());
        assertEquals(new JavaComponent.Options("ws://h:1/ws", "r2"),
                JavaComponent.Options.parse("--url", "ws://h:1/ws", "--realm", "r2"));
        assertEquals("unknown argument '--bogus'",
                assertThrows(IllegalArgumentException.class, () -> JavaComponent.Options.parse("--bogus")).getMessage());
        assertEquals("--url needs a value",
                assertThrows(IllegalArgumentException.class, () -> JavaComponent.Options.parse("--url")).getMessage());
    }
}

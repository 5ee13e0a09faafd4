package dev.guardrails.scanner.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantityTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "500m, 0.5",
            "1, 1",
            "1.5, 1.5",
            "1Ki, 1024",
            "1.5Gi, 1610612736",
            "2k, 2000",
            "1e3, 1000",
            "1E-3, 0.001",
            "100u, 0.0001",
            "-1, -1",
            "+2M, 2000000",
            ".5, 0.5",
    })
    void parsesLikeTheApiServer(String text, String value) {
        assertThat(Quantity.parse(text)).get()
                .satisfies(q -> assertThat(q.value().compareTo(new BigDecimal(value))).isZero());
    }

    @ParameterizedTest
    @ValueSource(strings = {"512MB", "1 Gi", "", "Gi", "1gi", "1.2.3", "1KiB", "abc", "1e"})
    void rejectsWhatTheApiServerRejects(String text) {
        assertThat(Quantity.isValid(text)).isFalse();
    }
}

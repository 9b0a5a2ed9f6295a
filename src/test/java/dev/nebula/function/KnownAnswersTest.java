package dev.nebula.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Java reference against answers computed outside Java ({@code scripts/known-answers.py}), on every input of the
 * table; {@code RuntimeMatrixTest} checks every runtime, {@code java} included, against the same table.
 */
class KnownAnswersTest {

    static Stream<Arguments> table() {
        return KnownAnswers.all().entrySet().stream().map(entry -> {
            String[] fnAndN = entry.getKey().split(" ");
            return Arguments.of(CatalogFunction.byId(fnAndN[0]), Long.parseLong(fnAndN[1]), entry.getValue());
        });
    }

    @ParameterizedTest(name = "{0}({1})")
    @MethodSource("table")
    void referenceGivesTheKnownAnswer(CatalogFunction function, long n, long bits) {
        assertEquals(function.format(bits), function.format(function.reference(n)));
        assertEquals(bits, function.reference(n), "bit for bit");
    }

    @ParameterizedTest
    @EnumSource(CatalogFunction.class)
    void everySizeAndBothEndsOfTheRangeHaveAKnownAnswer(CatalogFunction function) {
        for (Size size : Size.values()) {
            assertTrue(KnownAnswers.has(function, function.input(size)), function + " " + size + " = " + function.input(size));
        }
        assertTrue(KnownAnswers.has(function, function.minInput()), function + " min");
        assertTrue(KnownAnswers.has(function, function.maxInput()), function + " max");
    }
}

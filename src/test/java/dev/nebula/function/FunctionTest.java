package dev.nebula.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.InvalidInputException;
import dev.nebula.UnknownIdException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Known answers, computed independently (exact integers; the same IEEE operations for exp), at both ends of each range. */
class FunctionTest {

    @ParameterizedTest(name = "{0}({1}) = {2}")
    @CsvSource({
        "fib, 0, 0",
        "fib, 1, 1",
        "fib, 10, 55",
        "fib, 93, 12200160415121876738",   // the largest Fibonacci number below 2^64
        "fib, 94, 1293530146158671551",    // the first that wraps
        "fib, 1000000000, 3311503426941990459",
        "fib-rec, 0, 0",
        "fib-rec, 1, 1",
        "fib-rec, 10, 55",
        "fib-rec, 40, 102334155",
        "exp, 0, 1.0",
        "exp, 1, 2.7182818284590455",      // one ulp above Math.E: the series, not libm
        "exp, 10, 22026.465794806714",
        "exp, 709, 8.218407461554989E307",
        "fact, 0, 1",
        "fact, 1, 1",
        "fact, 20, 2432902008176640000",
        "fact, 21, 14197454024290336768",  // the first that wraps
        "fact, 65, 9223372036854775808",   // 2^63: only one bit left
        "fact, 66, 0",
        "fact, 1000000000, 0",
        "prime, 1, 2",
        "prime, 2, 3",
        "prime, 3, 5",
        "prime, 10, 29",
        "prime, 1000, 7919",
        "prime, 1000000, 15485863",
    })
    void referenceGivesKnownAnswer(String id, long n, String expected) {
        Function function = Function.byId(id);
        assertEquals(expected, function.format(function.reference(n)));
    }

    @Test
    void expBitsMatchTheIndependentComputation() {
        assertEquals(9213593174447348908L, Function.EXP.reference(709));
        assertEquals(4613303445314885482L, Function.EXP.reference(1));
    }

    @ParameterizedTest
    @EnumSource(Function.class)
    void rejectsInputBelowRangeNamingTheValidRange(Function function) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> function.reference(function.minInput() - 1));
        assertTrue(e.getMessage().contains(function.validRange()), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Function.class)
    void rejectsInputAboveRangeNamingTheValidRange(Function function) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> function.input(String.valueOf(function.maxInput() + 1)));
        assertTrue(e.getMessage().contains(function.validRange()), e.getMessage());
    }

    @Test
    void rejectsNonNumericInputListingWhatIsValid() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Function.FIB.input("ten"));
        assertTrue(e.getMessage().contains("S, M or L"), e.getMessage());
        assertTrue(e.getMessage().contains(Function.FIB.validRange()), e.getMessage());
    }

    @Test
    void rejectsUnknownIdListingTheValidOnes() {
        UnknownIdException e = assertThrows(UnknownIdException.class, () -> Function.byId("fibonacci"));
        for (String id : Function.ids()) {
            assertTrue(e.getMessage().contains(id), e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(Function.class)
    void sizeLabelsMapToValidGrowingInputs(Function function) {
        long previous = Long.MIN_VALUE;
        for (Size size : Size.values()) {
            long n = function.input(size.name());
            assertEquals(n, function.input(size));
            function.requireValidInput(n);
            assertTrue(n >= previous, function + " " + size);
            previous = n;
        }
    }

    @Test
    void expSaysItsLargeSizesAreCappedAtTheRangeEnd() {
        assertTrue(Function.EXP.reachesTarget(Size.S));
        assertFalse(Function.EXP.reachesTarget(Size.L));
        assertEquals(Function.EXP.maxInput(), Function.EXP.input(Size.L));
        assertTrue(Function.PRIME.reachesTarget(Size.L));
    }

    @Test
    void exportNamesAreTheHandlerAbi() {
        assertEquals("fibonacci", Function.FIB.exportName());
        assertEquals("fibonacci_recursive", Function.FIB_REC.exportName());
        assertEquals("exponential", Function.EXP.exportName());
        assertEquals("factorial", Function.FACT.exportName());
        assertEquals("prime_number", Function.PRIME.exportName());
    }
}

package dev.nebula.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.InvalidInputException;
import dev.nebula.UnknownIdException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** The catalog: ranges, sizes, ids and bad input. The answers themselves are checked in {@link KnownAnswersTest}. */
class FunctionTest {

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

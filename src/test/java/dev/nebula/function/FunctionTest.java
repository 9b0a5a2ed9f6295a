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
    @EnumSource(CatalogFunction.class)
    void rejectsInputBelowRangeNamingTheValidRange(CatalogFunction function) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> function.reference(function.minInput() - 1));
        assertTrue(e.getMessage().contains(function.validRange()), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(CatalogFunction.class)
    void rejectsInputAboveRangeNamingTheValidRange(CatalogFunction function) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> function.input(String.valueOf(function.maxInput() + 1)));
        assertTrue(e.getMessage().contains(function.validRange()), e.getMessage());
    }

    @Test
    void rejectsNonNumericInputListingWhatIsValid() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> CatalogFunction.FIB.input("ten"));
        assertTrue(e.getMessage().contains("S, M or L"), e.getMessage());
        assertTrue(e.getMessage().contains(CatalogFunction.FIB.validRange()), e.getMessage());
    }

    @Test
    void rejectsUnknownIdListingTheValidOnes() {
        UnknownIdException e = assertThrows(UnknownIdException.class, () -> CatalogFunction.byId("fibonacci"));
        for (String id : CatalogFunction.ids()) {
            assertTrue(e.getMessage().contains(id), e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(CatalogFunction.class)
    void sizeLabelsMapToValidGrowingInputs(CatalogFunction function) {
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
        assertTrue(CatalogFunction.EXP.reachesTarget(Size.S));
        assertFalse(CatalogFunction.EXP.reachesTarget(Size.L));
        assertEquals(CatalogFunction.EXP.maxInput(), CatalogFunction.EXP.input(Size.L));
        assertTrue(CatalogFunction.PRIME.reachesTarget(Size.L));
    }

    @Test
    void exportNamesAreTheHandlerAbi() {
        assertEquals("fibonacci", CatalogFunction.FIB.exportName());
        assertEquals("fibonacci_recursive", CatalogFunction.FIB_REC.exportName());
        assertEquals("exponential", CatalogFunction.EXP.exportName());
        assertEquals("factorial", CatalogFunction.FACT.exportName());
        assertEquals("prime_number", CatalogFunction.PRIME.exportName());
        assertEquals("image_blur", CatalogFunction.IMAGE.exportName());
    }
}

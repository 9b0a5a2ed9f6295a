package dev.nebula.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.InvalidInputException;
import dev.nebula.NebulaException;
import dev.nebula.UnknownIdException;
import dev.nebula.function.CatalogFunction;
import dev.nebula.function.Size;
import dev.nebula.runtime.Abi;
import dev.nebula.runtime.Runtimes;
import org.junit.jupiter.api.Test;

/** The benchmark parameters as users type them: what is accepted, and what each rejection says. */
class CaseTest {

    @Test
    void readsIdsSizeLabelsAndNumbers() {
        Case labelled = Case.of("java", "fib-rec", "M", Case.DEFAULT_ABI);
        assertEquals(CatalogFunction.FIB_REC, labelled.function());
        assertEquals(CatalogFunction.FIB_REC.input(Size.M), labelled.n());
        assertEquals(Abi.HANDLER, labelled.abi());
        assertEquals(90, Case.of("java", "fib", "90", "handler").n());
    }

    @Test
    void theDefaultAbiIsTheRuntimesFirst() {
        for (String id : Runtimes.ids()) {
            assertEquals(Runtimes.byId(id).abis().iterator().next(), Case.abiOf(Runtimes.byId(id), Case.DEFAULT_ABI), id);
        }
    }

    @Test
    void anUnknownFunctionListsTheValidOnes() {
        UnknownIdException e = assertThrows(UnknownIdException.class, () -> Case.of("java", "fibonacci", "S", Case.DEFAULT_ABI));
        assertTrue(e.getMessage().contains("'fibonacci'"), e.getMessage());
        CatalogFunction.ids().forEach(id -> assertTrue(e.getMessage().contains(id), e.getMessage()));
    }

    @Test
    void anUnknownRuntimeListsTheRegistry() {
        UnknownIdException e = assertThrows(UnknownIdException.class, () -> Case.of("no-such-runtime", "fib", "S", Case.DEFAULT_ABI));
        Runtimes.ids().forEach(id -> assertTrue(e.getMessage().contains(id), e.getMessage()));
    }

    @Test
    void anOutOfRangeInputNamesTheRange() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Case.of("java", "fib-rec", "90", Case.DEFAULT_ABI));
        assertTrue(e.getMessage().contains("n=90") && e.getMessage().contains(CatalogFunction.FIB_REC.validRange()), e.getMessage());
    }

    @Test
    void aNonNumericInputSaysWhatIsValid() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Case.of("java", "fact", "ten", Case.DEFAULT_ABI));
        assertTrue(e.getMessage().contains("'ten'") && e.getMessage().contains("S, M or L"), e.getMessage());
    }

    @Test
    void anAbiTheRuntimeDoesNotSpeakListsTheOnesItDoes() {
        NebulaException e = assertThrows(NebulaException.class, () -> Case.of("java", "fib", "S", "wasi"));
        assertTrue(e.getMessage().contains("java") && e.getMessage().contains("'wasi'")
                && e.getMessage().contains(Case.DEFAULT_ABI) && e.getMessage().contains("handler"), e.getMessage());
        assertThrows(UnknownIdException.class, () -> Case.of("java", "fib", "S", "posix"));
    }

    @Test
    void aWrongAnswerIsRefusedWithBothAnswers() {
        Case target = Case.of("java", "fib", "10", Case.DEFAULT_ABI);
        target.verify(55, "test");
        NebulaException e = assertThrows(NebulaException.class, () -> target.verify(54, "cold start"));
        assertTrue(e.getMessage().contains("54") && e.getMessage().contains("55"), e.getMessage());
    }
}

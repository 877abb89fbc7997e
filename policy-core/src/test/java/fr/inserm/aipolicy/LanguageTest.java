package fr.inserm.aipolicy;

import fr.inserm.aipolicy.usage.InvalidUsageException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class LanguageTest {

    @Test
    void readsLocalesByTheirLanguageOnly() {
        assertEquals(Language.FR, Language.of(Locale.CANADA_FRENCH));
        assertEquals(Language.FR, Language.of(Locale.FRANCE));
        assertEquals(Language.EN, Language.of(Locale.UK));
        assertEquals(Language.EN, Language.of(" EN "));
    }

    @Test
    void refusesOtherLanguagesNamingTheField() {
        InvalidUsageException e = assertThrows(InvalidUsageException.class, () -> Language.of(Locale.GERMAN));
        assertEquals("language", e.field());
        assertEquals(List.of("en", "fr"), e.acceptedValues());
        assertEquals("language", assertThrows(InvalidUsageException.class, () -> Language.of((String) null)).field());
    }

    @Test
    void fillsPlaceholdersWithoutMessageFormatQuoting() {
        assertEquals("l'outil ChatGPT pour {2}", PolicyTexts.fill("l'outil {0} pour {2}", "ChatGPT"));
        assertEquals("a $1 b", PolicyTexts.fill("a {0} b", "$1"));
    }
}

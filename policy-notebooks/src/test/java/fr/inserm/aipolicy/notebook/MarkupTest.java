package fr.inserm.aipolicy.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class MarkupTest {

    @Test
    void htmlEscapesEveryMarkupCharacter() {
        assertEquals("&lt;a href=&quot;x&quot; title=&#39;t&#39;&gt;R&amp;D&lt;/a&gt;",
                Markup.html("<a href=\"x\" title='t'>R&D</a>"));
        assertEquals("", Markup.html(null));
        assertEquals("plain text, accents \u00e9\u00e8", Markup.html("plain text, accents \u00e9\u00e8"));
    }

    @Test
    void markdownEscapesPunctuationAndHtml() {
        String escaped = Markup.markdown("a|b *c* _d_ [e](f) <g> & `h`\nnext");
        assertEquals("a\\|b \\*c\\* \\_d\\_ \\[e\\](f) &lt;g&gt; &amp; \\`h\\` next", escaped);
        assertFalse(escaped.contains("\n"));
    }
}

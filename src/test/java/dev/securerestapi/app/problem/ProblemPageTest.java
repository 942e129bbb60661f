package dev.securerestapi.app.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ProblemPageTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8 | true",
        "text/html | true",
        "*/* | false",
        "application/json | false",
        "application/json, text/html;q=0.9 | false",
        "text/html;q=0.5, application/problem+json | false",
        "text/html;q=0 | false",
        "text/html;q=oops | false"})
    void htmlOnlyForClientsThatRateItAboveJson(String accept, boolean html) {
        assertEquals(html, ProblemPage.preferredBy(accept));
    }

    @Test
    void noAcceptHeaderMeansJson() {
        assertFalse(ProblemPage.preferredBy(null));
    }

    @Test
    void textFromTheProblemIsEscaped() {
        String page = ProblemPage.render(new Problem("about:blank", "Bad Request", 400, "<script>x</script>", null,
                List.of(new Problem.FieldError("email", "is \"odd\" & <b>"))));
        assertFalse(page.contains("<script>"));
        assertTrue(page.contains("&lt;script&gt;x&lt;/script&gt;"));
        assertTrue(page.contains("is &quot;odd&quot; &amp; &lt;b&gt;"));
    }
}

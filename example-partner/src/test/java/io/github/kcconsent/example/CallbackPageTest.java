package io.github.kcconsent.example;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallbackPageTest {

    private static final List<String> PAYLOADS = List.of(
            "<script>alert(1)</script>",
            "\"><img src=x onerror=alert(1)>",
            "'><svg onload=alert(1)>",
            "</code></td></tr></table><script>alert(2)</script>",
            "javascript:alert(1)` onmouseover=`alert(3)");

    private static Map<String, List<String>> query(Object... nameValues) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            String name = (String) nameValues[i];
            Object value = nameValues[i + 1];
            @SuppressWarnings("unchecked")
            List<String> values = value instanceof List<?> l ? (List<String>) l : List.of((String) value);
            params.computeIfAbsent(name, k -> new ArrayList<>()).addAll(values);
        }
        return params;
    }

    /** No markup from the input survives: only escaped text. */
    private static void assertNoInjectedMarkup(String html) {
        String lower = html.toLowerCase(Locale.ROOT);
        assertFalse(lower.contains("<script"), "a script element got through");
        assertFalse(lower.contains("<img"), "an img element got through");
        assertFalse(lower.contains("<svg"), "an svg element got through");
        assertFalse(html.contains("\"><"), "an attribute was closed by input");
        assertFalse(html.contains("`"), "a backtick got through");
        // The page's own markup never has an event handler attribute.
        assertFalse(lower.matches("(?s).*<[^>]*\\son\\w+=.*"), "an event handler attribute got through");
    }

    @Test
    void approvedShowsEveryValue() {
        var rendered = CallbackPage.render(query("consent_result", "approved", "resource_id", List.of("a", "b"),
                "consent_id", "urn:x:1", "session_metadata", "{\"user_session\":\"s\"}"), null);
        String html = rendered.html();
        assertTrue(html.contains("Consentimento aprovado"));
        assertTrue(html.contains("<li><code>a</code></li><li><code>b</code></li>"), html);
        assertTrue(html.contains("<code>urn:x:1</code>"));
        assertTrue(html.contains("{&quot;user_session&quot;:&quot;s&quot;}"));
        assertEquals(CallbackPage.SessionCheck.NO_COOKIE, rendered.sessionCheck());
        assertEquals("result=approved resource_ids=2 consent_id=present session=no_cookie", rendered.logSummary());
    }

    @ParameterizedTest
    @ValueSource(strings = {"consent_result", "resource_id", "consent_id", "session_metadata", "unknown"})
    void everyParameterIsEscaped(String target) {
        for (String payload : PAYLOADS) {
            Map<String, List<String>> params = query("consent_result", "approved", "resource_id", List.of("a", "b"),
                    "consent_id", "urn:x:1", "session_metadata", "{\"user_session\":\"s\"}");
            if (target.equals("unknown")) {
                params.put(payload, List.of(payload));
            } else if (target.equals("resource_id")) {
                params.put(target, List.of("a", payload, payload));
            } else {
                params.put(target, List.of(payload));
            }
            String html = CallbackPage.render(params, "s").html();
            assertNoInjectedMarkup(html);
            assertTrue(html.contains(Html.esc(payload)), "the value is shown, escaped: " + payload);
        }
    }

    @Test
    void userSessionInsideSessionMetadataIsEscapedToo() {
        String metadata = "{\"user_session\":\"<script>alert(1)</script>\",\"x\":\"</code><img src=x>\"}";
        var rendered = CallbackPage.render(query("consent_result", "ignored", "session_metadata", metadata),
                "abcdefghijklmnopqrstuv");
        assertNoInjectedMarkup(rendered.html());
        assertEquals(CallbackPage.SessionCheck.MISMATCH, rendered.sessionCheck());
        assertTrue(rendered.html().contains("não corresponde"));
    }

    @Test
    void sessionMetadataMatchesTheCookie() {
        var rendered = CallbackPage.render(query("consent_result", "ignored",
                "session_metadata", "{\"user_session\":\"abcdefghijklmnopqrstuv\"}"), "abcdefghijklmnopqrstuv");
        assertEquals(CallbackPage.SessionCheck.MATCH, rendered.sessionCheck());
        assertTrue(rendered.html().contains("corresponde ao cookie desta sessão"));
        assertTrue(rendered.html().contains("Você ignorou o pedido"));
    }

    @Test
    void sessionMetadataProblemsAreNamed() {
        assertEquals(CallbackPage.SessionCheck.INVALID, CallbackPage.checkSession("not json", "s"));
        assertEquals(CallbackPage.SessionCheck.INVALID, CallbackPage.checkSession("[1,2]", "s"));
        assertEquals(CallbackPage.SessionCheck.INVALID, CallbackPage.checkSession("{\"a\":", "s"));
        assertEquals(CallbackPage.SessionCheck.NO_USER_SESSION, CallbackPage.checkSession("{\"a\":1}", "s"));
        assertEquals(CallbackPage.SessionCheck.NO_USER_SESSION, CallbackPage.checkSession("{\"user_session\":1}", "s"));
        assertEquals(CallbackPage.SessionCheck.NO_COOKIE, CallbackPage.checkSession("{\"user_session\":\"s\"}", null));
        assertEquals(CallbackPage.SessionCheck.MISMATCH, CallbackPage.checkSession("{\"user_session\":\"t\"}", "s"));
        assertEquals(CallbackPage.SessionCheck.MATCH, CallbackPage.checkSession("{\"user_session\":\"s\"}", "s"));
        assertEquals(CallbackPage.SessionCheck.REPEATED, CallbackPage.render(
                query("session_metadata", List.of("{}", "{}")), "s").sessionCheck());
    }

    @Test
    void missingParametersGiveAClearMessage() {
        var rendered = CallbackPage.render(Map.of(), null);
        String html = rendered.html();
        assertTrue(html.contains("O banco não enviou <code>consent_result</code>"));
        assertTrue(html.contains("Sem <code>session_metadata</code>"));
        assertEquals(CallbackPage.SessionCheck.MISSING, rendered.sessionCheck());
        assertEquals("result=absent resource_ids=0 consent_id=absent session=missing", rendered.logSummary());
    }

    @Test
    void unknownResultAndParametersAreReportedNotTrusted() {
        var rendered = CallbackPage.render(query("consent_result", "hacked", "foo", "bar",
                "session_metadata", "{\"user_session\":\"s\"}"), "s");
        String html = rendered.html();
        assertTrue(html.contains("Resultado desconhecido: <code>hacked</code>"));
        assertTrue(html.contains("Parâmetros desconhecidos, ignorados: <code>foo</code>"));
        // The log never carries the attacker's words.
        assertEquals("result=unknown resource_ids=0 consent_id=absent session=match unknown_params=1",
                rendered.logSummary());
    }

    @Test
    void alreadyGrantedAndInconsistenciesAreExplained() {
        String html = CallbackPage.render(query("consent_result", "already_granted", "consent_id", "urn:x:2",
                "session_metadata", "{\"user_session\":\"s\"}"), "s").html();
        assertTrue(html.contains("Já existe um consentimento ativo"));

        html = CallbackPage.render(query("consent_result", "approved", "session_metadata", "{\"user_session\":\"s\"}"),
                "s").html();
        assertTrue(html.contains("Aprovado sem nenhum"));
        assertTrue(html.contains("Sem <code>consent_id</code>"));

        html = CallbackPage.render(query("consent_result", List.of("approved", "ignored")), null).html();
        assertTrue(html.contains("Mais de um <code>consent_result</code>"));
    }

    @Test
    void hugeValuesAreShortened() {
        String big = "x".repeat(100_000);
        String html = CallbackPage.render(query("consent_result", "approved", "consent_id", big,
                "session_metadata", big), null).html();
        assertTrue(html.length() < 20_000, "page length " + html.length());
        assertTrue(html.contains("(100000 caracteres)"));
    }

    @Test
    void escapeCoversTheHtmlSpecials() {
        assertEquals("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&#96;", Html.esc("<a href=\"x\" title='y'>&`"));
        assertEquals("a\uFFFDb", Html.esc("a\u0000b"));
        assertEquals("", Html.esc(null));
    }
}

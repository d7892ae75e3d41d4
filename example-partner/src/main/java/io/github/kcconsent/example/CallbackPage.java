package io.github.kcconsent.example;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.util.JSONObjectUtils;

import static io.github.kcconsent.example.Html.esc;
import static io.github.kcconsent.example.Html.escShort;

/**
 * The page for {@code GET /callback}: what the bank sent ({@code consent_result}, every {@code resource_id},
 * {@code consent_id}, {@code session_metadata}) and whether the session metadata ties the callback to this
 * browser's session. The query is attacker-controllable: every value goes through {@link Html#esc}, and
 * nothing in it is trusted beyond being displayed.
 */
final class CallbackPage {

    static final String CONSENT_RESULT = "consent_result";
    static final String RESOURCE_ID = "resource_id";
    static final String CONSENT_ID = "consent_id";
    static final String SESSION_METADATA = "session_metadata";
    static final Set<String> KNOWN = Set.of(CONSENT_RESULT, RESOURCE_ID, CONSENT_ID, SESSION_METADATA);

    static final int MAX_SHOWN_VALUE = 300;
    static final int MAX_SHOWN_RESOURCES = 50;
    static final int MAX_SESSION_METADATA_CHARS = 4096;

    /** How the callback's session_metadata relates to this browser's session cookie. */
    enum SessionCheck {
        MATCH, MISMATCH, NO_COOKIE, NO_USER_SESSION, INVALID, REPEATED, MISSING
    }

    /** The rendered page plus a log-safe summary (only fixed words and counts, never values). */
    record Rendered(String html, String logSummary, SessionCheck sessionCheck) {
    }

    private CallbackPage() {
    }

    static Rendered render(Map<String, List<String>> params, String cookieSession) {
        List<String> results = params.getOrDefault(CONSENT_RESULT, List.of());
        List<String> resources = params.getOrDefault(RESOURCE_ID, List.of());
        List<String> consentIds = params.getOrDefault(CONSENT_ID, List.of());
        List<String> metadata = params.getOrDefault(SESSION_METADATA, List.of());
        String result = results.size() == 1 ? results.get(0) : null;

        StringBuilder body = new StringBuilder();
        body.append("<div class=\"card\">\n<h1>Retorno do Banco Demo</h1>\n");
        body.append(headline(results, result));
        body.append("</div>\n");

        List<String> warnings = new ArrayList<>();
        body.append("<div class=\"card\">\n<h2>O que o banco enviou</h2>\n<table>\n");

        // consent_result
        body.append("<tr><th><code>consent_result</code></th><td>");
        if (results.isEmpty()) {
            body.append("<span class=\"bad\">ausente</span>");
        } else {
            body.append(values(results));
            if (results.size() > 1) {
                warnings.add("<code>consent_result</code> veio repetido: o banco envia um só.");
            }
        }
        body.append("</td></tr>\n");

        // resource_id, one per account
        body.append("<tr><th><code>resource_id</code><br><span class=\"muted\">uma por conta</span></th><td>");
        if (resources.isEmpty()) {
            body.append("<span class=\"muted\">nenhum</span>");
        } else {
            body.append("<ul>");
            int shown = Math.min(resources.size(), MAX_SHOWN_RESOURCES);
            for (int i = 0; i < shown; i++) {
                body.append("<li><code>").append(escShort(resources.get(i), MAX_SHOWN_VALUE)).append("</code></li>");
            }
            body.append("</ul>");
            if (resources.size() > shown) {
                body.append("<span class=\"muted\">e mais ").append(resources.size() - shown).append("</span>");
            }
        }
        body.append("</td></tr>\n");
        if ("approved".equals(result) && resources.isEmpty()) {
            warnings.add("Aprovado sem nenhum <code>resource_id</code>: o banco sempre envia as contas escolhidas.");
        }
        if (result != null && !"approved".equals(result) && !resources.isEmpty()) {
            warnings.add("<code>resource_id</code> só vem junto com <code>approved</code>.");
        }

        // consent_id
        body.append("<tr><th><code>consent_id</code></th><td>");
        if (consentIds.isEmpty()) {
            body.append("<span class=\"muted\">ausente</span>");
        } else {
            body.append(values(consentIds));
            if (consentIds.size() > 1) {
                warnings.add("<code>consent_id</code> veio repetido: o banco envia um só.");
            }
        }
        body.append("</td></tr>\n");
        if (consentIds.isEmpty() && ("approved".equals(result) || "already_granted".equals(result))) {
            warnings.add("Sem <code>consent_id</code>: não há consentimento para consultar no banco.");
        }

        // session_metadata
        SessionCheck check;
        body.append("<tr><th><code>session_metadata</code></th><td>");
        if (metadata.isEmpty()) {
            check = SessionCheck.MISSING;
            body.append("<span class=\"bad\">ausente</span>");
        } else {
            body.append(values(metadata));
            check = metadata.size() > 1 ? SessionCheck.REPEATED : checkSession(metadata.get(0), cookieSession);
        }
        body.append("<br>").append(sessionCheckText(check));
        body.append("</td></tr>\n");
        body.append("</table>\n");

        List<String> unknown = new ArrayList<>();
        for (String name : params.keySet()) {
            if (!KNOWN.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            StringBuilder names = new StringBuilder();
            for (int i = 0; i < Math.min(unknown.size(), 20); i++) {
                names.append(i == 0 ? "" : ", ").append("<code>").append(escShort(unknown.get(i), 60)).append("</code>");
            }
            if (unknown.size() > 20) {
                names.append(" e mais ").append(unknown.size() - 20);
            }
            warnings.add("Parâmetros desconhecidos, ignorados: " + names + ".");
        }
        if (!warnings.isEmpty()) {
            body.append("<p class=\"warn\">Atenção:</p>\n<ul>\n");
            for (String w : warnings) {
                body.append("<li>").append(w).append("</li>\n");
            }
            body.append("</ul>\n");
        }
        body.append("</div>\n");

        body.append("""
                <div class="card">
                <h2>Como um parceiro real usa este retorno</h2>
                <ul>
                <li>Confira que <code>session_metadata</code> corresponde à sessão do seu usuário (aqui: o cookie
                criado em <code>/connect</code>); se não corresponder, descarte o retorno.</li>
                <li>Use <code>consent_id</code> como a referência do consentimento e confirme o status e as contas
                diretamente no banco, com a sua credencial de cliente, antes de usar qualquer dado.</li>
                <li>Não confie na query para mais nada: qualquer um pode abrir este endereço com outros valores.</li>
                </ul>
                <p><a class="button" href="/">Voltar ao início</a></p>
                </div>
                """);

        String summary = "result=" + logWord(results, result) + " resource_ids=" + resources.size()
                + " consent_id=" + (consentIds.isEmpty() ? "absent" : "present")
                + " session=" + check.name().toLowerCase(Locale.ROOT)
                + (unknown.isEmpty() ? "" : " unknown_params=" + unknown.size());
        return new Rendered(Html.page("FinApp Demo — retorno do Banco Demo", body.toString()), summary, check);
    }

    private static String headline(List<String> results, String result) {
        if (results.isEmpty()) {
            return "<p class=\"bad\">O banco não enviou <code>consent_result</code>: este endereço não veio de "
                    + "um fluxo de consentimento. Nada foi conectado.</p>\n";
        }
        if (result == null) {
            return "<p class=\"bad\">Mais de um <code>consent_result</code>: retorno inválido.</p>\n";
        }
        return switch (result) {
            case "approved" -> "<p class=\"ok\">Consentimento aprovado: sua conta do Banco Demo está conectada.</p>\n";
            case "ignored" -> "<p class=\"warn\">Você ignorou o pedido: nenhum dado foi compartilhado com a "
                    + "FinApp.</p>\n";
            case "already_granted" -> "<p class=\"ok\">Já existe um consentimento ativo para a FinApp neste banco: "
                    + "nada novo foi pedido.</p>\n";
            default -> "<p class=\"bad\">Resultado desconhecido: <code>" + escShort(result, MAX_SHOWN_VALUE)
                    + "</code>. O banco só envia <code>approved</code>, <code>ignored</code> ou "
                    + "<code>already_granted</code>.</p>\n";
        };
    }

    private static String values(List<String> values) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(values.size(), 10); i++) {
            out.append(i == 0 ? "" : "<br>").append("<code>").append(escShort(values.get(i), MAX_SHOWN_VALUE))
                    .append("</code>");
        }
        if (values.size() > 10) {
            out.append("<br><span class=\"muted\">e mais ").append(values.size() - 10).append("</span>");
        }
        return out.toString();
    }

    static SessionCheck checkSession(String metadataJson, String cookieSession) {
        if (metadataJson.length() > MAX_SESSION_METADATA_CHARS) {
            return SessionCheck.INVALID;
        }
        Map<String, Object> object;
        try {
            object = JSONObjectUtils.parse(metadataJson);
        } catch (ParseException | RuntimeException e) {
            return SessionCheck.INVALID;
        }
        if (object == null) {
            return SessionCheck.INVALID;
        }
        if (!(object.get(ConsentLinkMinter.SESSION_METADATA_KEY) instanceof String userSession)) {
            return SessionCheck.NO_USER_SESSION;
        }
        if (cookieSession == null) {
            return SessionCheck.NO_COOKIE;
        }
        // Constant time, as for any comparison with a secret-ish value.
        return MessageDigest.isEqual(userSession.getBytes(StandardCharsets.UTF_8),
                cookieSession.getBytes(StandardCharsets.UTF_8)) ? SessionCheck.MATCH : SessionCheck.MISMATCH;
    }

    private static String sessionCheckText(SessionCheck check) {
        return switch (check) {
            case MATCH -> "<span class=\"ok\">✔ <code>user_session</code> corresponde ao cookie desta sessão: "
                    + "este retorno é da jornada que você começou aqui.</span>";
            case MISMATCH -> "<span class=\"bad\">✘ <code>user_session</code> não corresponde ao cookie desta "
                    + "sessão: não trate este retorno como seu.</span>";
            case NO_COOKIE -> "<span class=\"warn\">Sem cookie de sessão neste navegador (começou em outro "
                    + "navegador, ou o cookie expirou): não dá para ligar este retorno a um usuário.</span>";
            case NO_USER_SESSION -> "<span class=\"bad\">É JSON, mas sem <code>user_session</code> (texto): "
                    + "não veio de um link desta FinApp.</span>";
            case INVALID -> "<span class=\"bad\">Não é um objeto JSON válido: retorno inválido.</span>";
            case REPEATED -> "<span class=\"bad\">Veio repetido: o banco envia um só. Retorno inválido.</span>";
            case MISSING -> "<span class=\"bad\">Sem <code>session_metadata</code> não há como saber de quem é "
                    + "este retorno.</span>";
        };
    }

    /** The result for the log: a known word, or a fixed placeholder (never the attacker's text). */
    private static String logWord(List<String> results, String result) {
        if (results.isEmpty()) {
            return "absent";
        }
        if (result == null) {
            return "repeated";
        }
        return switch (result) {
            case "approved", "ignored", "already_granted" -> result;
            default -> "unknown";
        };
    }
}

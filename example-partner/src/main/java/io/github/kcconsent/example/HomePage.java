package io.github.kcconsent.example;

import static io.github.kcconsent.example.Html.esc;

/** The page for {@code GET /}: the fake fintech's landing page with the "Conectar" button. */
final class HomePage {

    private HomePage() {
    }

    static String render(PartnerConfig config) {
        String body = """
                <div class="card">
                <h1>Veja todas as suas contas em um só lugar</h1>
                <p>A FinApp mostra saldos e extratos de todos os seus bancos. Para isso, o banco pede o seu
                consentimento: você escolhe quais contas compartilhar e pode revogar quando quiser.</p>
                <p><a class="button" href="/connect">Conectar minha conta do Banco Demo</a></p>
                </div>
                <div class="card">
                <h2>Como funciona</h2>
                <ol>
                <li>A FinApp cria um link de consentimento assinado e leva você ao Banco Demo.</li>
                <li>Você entra no banco (usuário de demonstração: <code>maria</code> / <code>maria</code>).</li>
                <li>Escolhe as contas e clica em <strong>Permitir</strong>, ou em <strong>Ignorar</strong>.</li>
                <li>O banco traz você de volta para cá com o resultado.</li>
                </ol>
                <p class="muted">Banco: <code>%s</code>, cliente <code>%s</code>, link assinado com
                <code>%s</code>.</p>
                </div>
                """.formatted(esc(config.realmIssuer()), esc(config.clientId()), esc(config.algorithm().getName()));
        return Html.page("FinApp Demo", body);
    }
}

package io.github.kcconsent.example;

/** HTML output: one escaping function used for every value that is not a constant of this app. */
final class Html {

    private Html() {
    }

    /** Escapes text for HTML element content and quoted attribute values. Null becomes "". */
    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '`' -> out.append("&#96;");
                default -> {
                    // Control characters (other than tab/newline) have no business in a page: show them as U+FFFD.
                    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
                        out.append('\uFFFD');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** Escapes and shortens a value for display: an attacker may send megabytes in a query. */
    static String escShort(String text, int max) {
        if (text == null) {
            return "";
        }
        if (text.length() <= max) {
            return esc(text);
        }
        int end = max;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return esc(text.substring(0, end)) + "… <span class=\"muted\">(" + text.length() + " caracteres)</span>";
    }

    /** A complete page around already-escaped body HTML. */
    static String page(String title, String bodyHtml) {
        return """
                <!DOCTYPE html>
                <html lang="pt-BR">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s</title>
                <style>
                  body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0;
                         background: #f4f6fb; color: #1d2433; }
                  header { background: #4b2bd6; color: #fff; padding: 1rem 1.5rem; }
                  header strong { font-size: 1.3rem; }
                  header span { opacity: .8; margin-left: .5rem; }
                  main { max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
                  .card { background: #fff; border-radius: 12px; padding: 1.5rem; margin-bottom: 1.5rem;
                          box-shadow: 0 1px 4px rgba(0,0,0,.08); }
                  .button { display: inline-block; background: #4b2bd6; color: #fff; text-decoration: none;
                            padding: .8rem 1.4rem; border-radius: 8px; font-weight: 600; }
                  .button:hover { background: #3a1fb0; }
                  table { border-collapse: collapse; width: 100%%; }
                  th, td { text-align: left; vertical-align: top; padding: .5rem; border-bottom: 1px solid #e3e6ef; }
                  th { width: 11rem; font-weight: 600; }
                  code { background: #eef0f6; padding: .1rem .3rem; border-radius: 4px; word-break: break-all; }
                  .ok { color: #107a3e; font-weight: 600; }
                  .bad { color: #b3261e; font-weight: 600; }
                  .warn { color: #8a5a00; font-weight: 600; }
                  .muted { color: #6b7385; }
                  ul { margin: 0; padding-left: 1.2rem; }
                  footer { color: #6b7385; font-size: .85rem; text-align: center; margin: 2rem 0; }
                </style>
                </head>
                <body>
                <header><strong>FinApp Demo</strong><span>seu dinheiro, todos os bancos, um só app</span></header>
                <main>
                %s
                </main>
                <footer>Parceiro (TPP) de exemplo do kc-consent: não é um aplicativo real.</footer>
                </body>
                </html>
                """.formatted(esc(title), bodyHtml);
    }
}

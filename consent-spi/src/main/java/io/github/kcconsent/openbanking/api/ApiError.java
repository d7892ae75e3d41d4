package io.github.kcconsent.openbanking.api;

/**
 * A refusal in the Consents API error format ({@code errors[].code/title/detail}). Thrown anywhere between
 * the request and the store and turned into the response by {@link ApiResponses#error}. Title and detail are
 * our own words and never repeat request values: a request carries CPFs, CNPJs and tokens.
 */
public final class ApiError extends RuntimeException {

    private final int status;
    private final String code;
    private final String title;

    public ApiError(int status, String code, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    // ---- the refusals the API uses, by HTTP status ------------------------------------------------------

    public static ApiError missing(String field) {
        return new ApiError(400, "PARAMETRO_NAO_INFORMADO", "Parâmetro obrigatório não informado",
                "O campo obrigatório " + field + " não foi informado.");
    }

    public static ApiError invalid(String field, String rule) {
        return new ApiError(400, "PARAMETRO_INVALIDO", "Parâmetro inválido",
                "O campo " + field + " é inválido: " + rule + ".");
    }

    public static ApiError missingHeader(String name) {
        return new ApiError(400, "PARAMETRO_NAO_INFORMADO", "Cabeçalho obrigatório não informado",
                "O cabeçalho obrigatório " + name + " não foi informado.");
    }

    public static ApiError invalidHeader(String name) {
        return new ApiError(400, "PARAMETRO_INVALIDO", "Cabeçalho inválido",
                "O cabeçalho " + name + " não segue o formato exigido.");
    }

    public static ApiError malformedBody(String why) {
        return new ApiError(400, "PARAMETRO_INVALIDO", "Requisição malformada", why);
    }

    public static ApiError interactionId() {
        return new ApiError(400, "PARAMETRO_INVALIDO", "Cabeçalho x-fapi-interaction-id inválido",
                "O cabeçalho x-fapi-interaction-id é obrigatório e deve ser um UUID (RFC 4122); "
                        + "um novo identificador foi gerado e devolvido nesta resposta.");
    }

    public static ApiError unauthorized() {
        return new ApiError(401, "NAO_AUTORIZADO", "Não autorizado",
                "Token de acesso ausente, inválido, expirado ou revogado.");
    }

    public static ApiError forbidden(String detail) {
        return new ApiError(403, "PROIBIDO", "Acesso negado", detail);
    }

    public static ApiError notFound() {
        return new ApiError(404, "NAO_ENCONTRADO", "Consentimento não encontrado",
                "Nenhum consentimento com este identificador pertence a este cliente.");
    }

    public static ApiError notAcceptable() {
        return notAcceptable("application/json em UTF-8");
    }

    /** @param type what the API answers, e.g. {@code application/jwt} */
    public static ApiError notAcceptable(String type) {
        return new ApiError(406, "NAO_ACEITO", "Tipo de resposta não suportado",
                "Esta API responde somente " + type + ".");
    }

    public static ApiError concurrentChange() {
        return new ApiError(409, "ALTERACAO_CONCORRENTE", "Alteração concorrente",
                "O consentimento foi alterado por outra operação ao mesmo tempo; consulte-o e tente novamente.");
    }

    public static ApiError unsupportedMediaType() {
        return unsupportedMediaType("application/json");
    }

    /** @param type the body's required media type, e.g. {@code application/jwt} */
    public static ApiError unsupportedMediaType(String type) {
        return new ApiError(415, "TIPO_NAO_SUPORTADO", "Formato do corpo não suportado",
                "O corpo da requisição deve ser " + type + ".");
    }

    public static ApiError unprocessable(String code, String title, String detail) {
        return new ApiError(422, code, title, detail);
    }

    public static ApiError internal() {
        return new ApiError(500, "ERRO_INTERNO", "Erro interno",
                "Ocorreu um erro inesperado; nada foi alterado.");
    }
}

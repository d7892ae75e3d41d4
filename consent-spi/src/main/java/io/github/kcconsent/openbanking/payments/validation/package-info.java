/**
 * Validation of a payment-consent creation request (Payments API v4, {@code POST /consents}, schema
 * {@code CreatePaymentConsent}): the {@code data} claim of the partner's signed request in, a typed
 * {@link io.github.kcconsent.openbanking.payments.validation.PaymentConsentRequest} or a
 * {@link io.github.kcconsent.openbanking.payments.validation.PaymentConsentRefusal} out.
 *
 * <p>Pure Java over Jackson: it depends on {@code openbanking.api}, {@code openbanking.validation} and the JDK
 * only, never on Keycloak or the store. The signature, {@code aud}/{@code iss}/{@code iat}/{@code jti} and
 * idempotency ({@code ERRO_IDEMPOTENCIA}) are checked by the layers around it, before it runs.
 * {@link io.github.kcconsent.openbanking.payments.validation.PaymentConsentRequest#validate} takes the consent's
 * creation instant; its calendar day in Brasília time
 * ({@link io.github.kcconsent.openbanking.payments.validation.PaymentDates#brasiliaDate}) is "today" (D) for
 * every date rule, so the answer depends on nothing but its two arguments.
 *
 * <h2>How errors are reported</h2>
 * <ul>
 *   <li>Every section is read whatever the others hold, and a refusal carries the first three errors (the
 *       422 body's maximum): format errors ({@code PARAMETRO_NAO_INFORMADO}, {@code PARAMETRO_INVALIDO}) in
 *       document order, then business-rule errors in document order.</li>
 *   <li>A business rule is judged only on well-formed fields: a field with a format error never gets a
 *       second error, and a rule that needs another field (the proxy needs the local instrument) is skipped
 *       while that field is wrong.</li>
 *   <li>Each error names the field by JSON path ({@code data.payment.details.proxy},
 *       {@code data.payment.schedule.custom.dates[2]}) and the broken rule, never the value: documents, account
 *       numbers, Pix keys and QR codes are personal data.</li>
 *   <li>All of these are 422s. Unknown fields are ignored; a JSON {@code null} is a wrong value, not an absent
 *       field.</li>
 * </ul>
 *
 * <h2>Rules and their codes</h2>
 * <table>
 *   <caption>What each field must be</caption>
 *   <tr><th>Field</th><th>Rule</th><th>Code when broken</th></tr>
 *   <tr><td>any required field (also {@code issuer} of CACC/SVGS accounts, {@code proxy} and {@code qrCode}
 *       where the local instrument needs them)</td><td>present</td><td>{@code PARAMETRO_NAO_INFORMADO}</td></tr>
 *   <tr><td>{@code loggedUser.document}</td><td>{@code identification} 11 digits with valid CPF check digits,
 *       {@code rel} three capitals</td><td>{@code PARAMETRO_INVALIDO}</td></tr>
 *   <tr><td>{@code businessEntity.document} (optional)</td><td>{@code identification} 14 digits (numeric in
 *       payments v4, unlike the alphanumeric CNPJ of Consents 3.3.x) with valid CNPJ check digits, {@code rel}
 *       four capitals</td><td>{@code PARAMETRO_INVALIDO}</td></tr>
 *   <tr><td>{@code creditor}</td><td>{@code personType} PESSOA_NATURAL or PESSOA_JURIDICA; {@code cpfCnpj} a
 *       CPF (11 digits) for a person, a CNPJ (14) for a company, with valid check digits; {@code name} at most
 *       120 characters of the spec's character set</td><td>{@code PARAMETRO_INVALIDO}</td></tr>
 *   <tr><td>{@code payment.type}</td><td>a string; PIX</td><td>{@code PARAMETRO_INVALIDO} when not a string,
 *       {@code FORMA_PAGAMENTO_INVALIDA} for any other name</td></tr>
 *   <tr><td>{@code payment.currency}</td><td>three capitals; BRL</td><td>{@code PARAMETRO_INVALIDO} for the
 *       format, {@code DETALHE_PAGAMENTO_INVALIDO} for a well-formed other currency</td></tr>
 *   <tr><td>{@code payment.amount}</td><td>a string of 1 to 16 digits, a point and 2 digits; above
 *       zero</td><td>{@code PARAMETRO_INVALIDO} for the format, {@code DETALHE_PAGAMENTO_INVALIDO} for
 *       0.00</td></tr>
 *   <tr><td>{@code payment.ibgeTownCode} (optional)</td><td>7 digits</td><td>{@code PARAMETRO_INVALIDO}</td></tr>
 *   <tr><td>{@code payment.date} / {@code payment.schedule}</td><td>exactly one</td><td>both:
 *       {@code PARAMETRO_INVALIDO} on {@code schedule}; neither: {@code PARAMETRO_NAO_INFORMADO} on
 *       {@code date}</td></tr>
 *   <tr><td>{@code payment.date}</td><td>a date (the spec's pattern, a real calendar day); D</td><td>{@code
 *       PARAMETRO_INVALIDO} for the format, {@code DATA_PAGAMENTO_INVALIDA} for any other day</td></tr>
 *   <tr><td>{@code payment.schedule}</td><td>an object with exactly one of single, daily, weekly, monthly,
 *       custom</td><td>{@code PARAMETRO_INVALIDO}</td></tr>
 *   <tr><td>{@code schedule.single.date}</td><td>D+1 to D+730</td><td>{@code DATA_PAGAMENTO_INVALIDA}</td></tr>
 *   <tr><td>{@code schedule.daily}, {@code .weekly}, {@code .monthly}</td><td>{@code quantity} an integer 2..60
 *       (monthly 2..24), {@code dayOfWeek} SEGUNDA_FEIRA..DOMINGO, {@code dayOfMonth} 1..31</td><td>{@code
 *       PARAMETRO_INVALIDO}</td></tr>
 *   <tr><td>their {@code startDate}</td><td>from D+1</td><td>{@code DATA_PAGAMENTO_INVALIDA} on
 *       {@code startDate}</td></tr>
 *   <tr><td>their last payment</td><td>at most two calendar years after D</td><td>{@code
 *       DATA_PAGAMENTO_INVALIDA} on the variant ({@code data.payment.schedule.monthly})</td></tr>
 *   <tr><td>{@code schedule.custom}</td><td>{@code dates} 2 to 60 dates, none repeated;
 *       {@code additionalInformation} required, at most 255 characters</td><td>{@code PARAMETRO_INVALIDO} (on
 *       the first repeated item for a repetition)</td></tr>
 *   <tr><td>each custom date</td><td>D+1 to two calendar years after D</td><td>{@code DATA_PAGAMENTO_INVALIDA}
 *       on the first such item</td></tr>
 *   <tr><td>{@code details.localInstrument}</td><td>a string; MANU, DICT, QRDN, QRES or INIC; with a schedule
 *       other than single only MANU, DICT or QRES</td><td>{@code PARAMETRO_INVALIDO} when not a string,
 *       otherwise {@code FORMA_PAGAMENTO_INVALIDA}</td></tr>
 *   <tr><td>{@code details.proxy}</td><td>1 to 77 characters; absent for MANU, required for the
 *       others</td><td>{@code PARAMETRO_INVALIDO} for the format, {@code DETALHE_PAGAMENTO_INVALIDO} when sent
 *       with MANU, {@code PARAMETRO_NAO_INFORMADO} when missing</td></tr>
 *   <tr><td>{@code details.qrCode}</td><td>1 to 512 bytes of UTF-8; required for QRDN and QRES</td><td>{@code
 *       PARAMETRO_INVALIDO} for the format, {@code PARAMETRO_NAO_INFORMADO} when missing</td></tr>
 *   <tr><td>{@code details.creditorAccount}, {@code debtorAccount} (optional)</td><td>{@code ispb} 8 digits,
 *       {@code issuer} 1 to 4 digits (required for CACC and SVGS), {@code number} 1 to 20 digits,
 *       {@code accountType} CACC, SVGS or TRAN</td><td>{@code PARAMETRO_INVALIDO}, or {@code
 *       PARAMETRO_NAO_INFORMADO} for a missing {@code issuer}</td></tr>
 * </table>
 *
 * <h2>Decisions where the spec is open, and why</h2>
 * <ul>
 *   <li><b>Immediate payments are for D only.</b> The spec's {@code date} is the immediate payment and a
 *       payment on a later day must use {@code schedule.single}; a past day cannot be paid. Any other day is
 *       {@code DATA_PAGAMENTO_INVALIDA}.</li>
 *   <li><b>Two limits for the horizon.</b> {@code single} follows its own rule (D+730 days); the other
 *       variants follow the rule the spec gives the whole consent (two years from creation), read as two
 *       calendar years after D in Brasília. The two differ by a day when the span holds 29 February.</li>
 *   <li><b>Every scheduled payment is after D</b>, for every variant: the spec says so for {@code single},
 *       and a payment due today is an immediate payment. For daily, weekly and monthly the
 *       {@code startDate} itself must be D+1 or later.</li>
 *   <li><b>At most 60 payments</b> needs no rule of its own: the variants' limits (quantity 60, monthly 24,
 *       custom 60 dates) already keep every schedule within it, and exceeding them is the spec's
 *       {@code PARAMETRO_INVALIDO}.</li>
 *   <li><b>Expansion</b> ({@link io.github.kcconsent.openbanking.payments.validation.PaymentSchedule#paymentDates}):
 *       weekly and monthly start on the first matching day on or after {@code startDate}; a
 *       {@code dayOfMonth} a month lacks (31 in April) falls on that month's last day; custom dates are
 *       returned sorted. Dates are never moved for weekends or holidays: Pix settles on every day of the
 *       year, and {@code ibgeTownCode} is kept for the bank's payment system.</li>
 *   <li><b>BRL only.</b> The schema accepts any three capitals, but the field is the national currency and
 *       Pix moves reais; another currency is a business refusal ({@code DETALHE_PAGAMENTO_INVALIDO}).</li>
 *   <li><b>Unknown payment type or local instrument</b> is {@code FORMA_PAGAMENTO_INVALIDA} rather than
 *       {@code PARAMETRO_INVALIDO}: the spec names that code for payment forms the institution does not offer,
 *       and the message then says which field to change. So is a local instrument a recurring schedule may not
 *       use.</li>
 *   <li><b>A requirement that depends on another field</b> (proxy, QR code, branch) is
 *       {@code PARAMETRO_NAO_INFORMADO} when unmet, like any other missing field; the proxy sent with MANU,
 *       which the spec forbids, is {@code DETALHE_PAGAMENTO_INVALIDO}.</li>
 *   <li><b>The QR code is not forbidden</b> for MANU, DICT and INIC: the spec forbids only the proxy with
 *       MANU. It is kept but its content is not parsed here (amount and key inside it are checked when the
 *       payment is made). Its limit is counted in UTF-8 bytes, the tighter of the spec's two limits.</li>
 *   <li><b>Empty proxy or QR code</b> is {@code PARAMETRO_INVALIDO}, although the spec's pattern allows the
 *       empty string: an empty key or code identifies nothing.</li>
 *   <li><b>Creditor check digits</b> are verified, as for the customer's documents: a document that cannot
 *       exist cannot receive a Pix, and the check looks nothing up. A document of the wrong kind for the
 *       {@code personType} is a format error of {@code cpfCnpj}.</li>
 *   <li><b>What is not checked</b>: balances, limits, the Pix directory (the spec forbids those at creation),
 *       a debtor account equal to the creditor's (a rejection reason at authorisation), the {@code rel}
 *       values beyond their pattern, and {@code additionalInformation} outside {@code custom} (only the 4.1
 *       draft adds it to the other variants; it is ignored like any unknown field).</li>
 * </ul>
 */
package io.github.kcconsent.openbanking.payments.validation;

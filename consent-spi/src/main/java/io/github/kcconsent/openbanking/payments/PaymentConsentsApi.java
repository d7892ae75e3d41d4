package io.github.kcconsent.openbanking.payments;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kcconsent.consent.Actor;
import io.github.kcconsent.consent.Channel;
import io.github.kcconsent.consent.Consent;
import io.github.kcconsent.consent.ConsentIds;
import io.github.kcconsent.consent.ConsentOrigin;
import io.github.kcconsent.consent.ConsentType;
import io.github.kcconsent.consent.NewConsent;
import io.github.kcconsent.link.KeycloakClientKeyResolver;
import io.github.kcconsent.openbanking.api.ApiDates;
import io.github.kcconsent.openbanking.api.ApiError;
import io.github.kcconsent.openbanking.jws.SignedRequestVerifier;
import io.github.kcconsent.openbanking.jws.VerifiedRequest;
import io.github.kcconsent.openbanking.payments.validation.PaymentConsentData;
import io.github.kcconsent.openbanking.payments.validation.PaymentConsentRequest;
import io.github.kcconsent.store.ConsentStore;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The two operations of the Payments API's consents for one authenticated partner. {@code POST}: the signed
 * request is verified (signature, then {@code aud}/{@code iss}/{@code iat}, then single use of {@code jti}),
 * then idempotency, then the content (422), then the consent is created AWAITING_AUTHORISATION with its payment
 * data encrypted and the key remembered in the same transaction. A partner only ever sees its own payment
 * consents: anything else is "not found".
 */
final class PaymentConsentsApi {

    static final String BASE_PATH = "open-banking/payments/v4/consents";

    /** How long a request waits for another request with the same key to finish before giving up (409). */
    private static final long WAIT_FOR_SAME_KEY_MILLIS = 10_000;
    private static final long POLL_MILLIS = 25;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final ClientModel client;
    private final String partnerOrganisation;
    private final Instant now;

    PaymentConsentsApi(KeycloakSession session, ClientModel client, String partnerOrganisation, Instant now) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.client = client;
        this.partnerOrganisation = partnerOrganisation;
        this.now = now;
    }

    /** {@code POST /consents}: 201 with the new (or, for a repeated key and data, the original) consent. */
    PaymentConsentDocument create(String body, String idempotencyKey) {
        VerifiedRequest request = SignedRequestVerifier.verify(body, new KeycloakClientKeyResolver(session, client),
                endpoint().toString(), partnerOrganisation, now);
        if (!new MessageIds(session.singleUseObjects()).firstUse(realm.getId(), client.getId(), request.jti())) {
            throw new ApiError(403, "INVALID_CLIENT", "Mensagem repetida",
                    "Este jti já foi usado por este cliente nas últimas 24 horas.");
        }
        ObjectNode data = request.data();
        if (data == null) {
            throw ApiError.unprocessable("PARAMETRO_NAO_INFORMADO", "Parâmetro não informado",
                    "O campo data não foi informado.");
        }
        String dataHash = DataHash.of(data);
        Optional<Consent> earlier = earlierOutcome(idempotencyKey, dataHash);
        if (earlier.isPresent()) {
            return document(earlier.get());
        }
        PaymentConsentRequest valid = PaymentConsentRequest.validate(data, now);
        Consent created = store().create(realm, new NewConsent(client.getId(), null, ConsentType.PAYMENT,
                        ConsentOrigin.OPEN_FINANCE_API, List.of(PaymentConsentData.PERMISSION), null, valid.cpf(),
                        valid.cnpj(), null, PaymentConsentData.toJson(data)),
                Actor.client(client.getId()), Channel.OPEN_FINANCE_API);
        try {
            idempotency().remember(realm, client.getId(), idempotencyKey, dataHash, created.id(), now);
        } catch (IdempotencyKeyTakenException e) {
            // Only if a lock expired under a request still running: the partner's retry gets the original.
            throw ApiError.concurrentChange();
        }
        return document(created);
    }

    /** {@code GET /consents/{consentId}}. */
    PaymentConsentDocument read(String consentId) {
        if (!ConsentIds.isWellFormed(consentId)) {
            throw ApiError.invalid("consentId", "deve ser um URN de consentimento");
        }
        Consent consent = store().find(realm, consentId)
                .filter(c -> c.clientId().equals(client.getId()) && c.type() == ConsentType.PAYMENT
                        && c.origin() == ConsentOrigin.OPEN_FINANCE_API)
                .orElseThrow(ApiError::notFound);
        return document(consent);
    }

    /**
     * The consent an earlier request with this key created, when its data was the same; empty when this
     * request is the key's first, in which case this request holds the key's lock until its transaction ends.
     * The lock comes first: the request that gets it reads the key's record once (a holder that finished
     * before has committed it by then); the others read it while they wait for the holder to finish.
     *
     * @throws ApiError 422 ERRO_IDEMPOTENCIA when the key was used with other data; 409 when another request
     *                  with the key is still running after the wait
     */
    private Optional<Consent> earlierOutcome(String key, String dataHash) {
        IdempotencyLocks locks = new IdempotencyLocks(session);
        long deadline = System.currentTimeMillis() + WAIT_FOR_SAME_KEY_MILLIS;
        while (true) {
            boolean locked = locks.tryLock(realm.getId(), client.getId(), key);
            Optional<IdempotencyRecord> seen = idempotency().find(realm, client.getId(), key, now);
            if (seen.isPresent()) {
                return Optional.of(replay(seen.get(), dataHash));
            }
            if (locked) {
                return Optional.empty();
            }
            if (System.currentTimeMillis() > deadline) {
                throw ApiError.concurrentChange();
            }
            pause();
        }
    }

    private Consent replay(IdempotencyRecord record, String dataHash) {
        if (!record.dataHash().equals(dataHash)) {
            throw ApiError.unprocessable("ERRO_IDEMPOTENCIA", "Erro idempotência",
                    "O conteúdo de data difere do enviado antes com esta chave de idempotência.");
        }
        return store().find(realm, record.consentId()).orElseThrow(() -> ApiError.unprocessable("ERRO_IDEMPOTENCIA",
                "Erro idempotência", "O consentimento criado com esta chave de idempotência não existe mais."));
    }

    private PaymentConsentDocument document(Consent consent) {
        return new PaymentConsentDocument(PaymentConsentRepresentation.of(consent, now),
                new PaymentConsentDocument.Links(consentUri(consent.id()).toString()),
                new PaymentConsentDocument.Meta(ApiDates.format(now)));
    }

    private URI endpoint() {
        return session.getContext().getUri().getBaseUriBuilder()
                .path("realms").path(realm.getName()).path(BASE_PATH).build();
    }

    private URI consentUri(String consentId) {
        return session.getContext().getUri().getBaseUriBuilder()
                .path("realms").path(realm.getName()).path(BASE_PATH).path("{consentId}").build(consentId);
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiError.concurrentChange();
        }
    }

    private ConsentStore store() {
        return session.getProvider(ConsentStore.class);
    }

    private PaymentIdempotency idempotency() {
        return session.getProvider(PaymentIdempotency.class);
    }
}

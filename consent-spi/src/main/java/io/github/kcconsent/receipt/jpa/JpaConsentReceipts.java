package io.github.kcconsent.receipt.jpa;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.github.kcconsent.consent.Consent;
import io.github.kcconsent.consent.ConsentEvent;
import io.github.kcconsent.consent.StatusChange;
import io.github.kcconsent.receipt.ConsentReceipt;
import io.github.kcconsent.receipt.ConsentReceipts;
import io.github.kcconsent.receipt.ReceiptClaims;
import io.github.kcconsent.receipt.ReceiptSigner;
import io.github.kcconsent.store.ConsentStore;
import jakarta.persistence.EntityManager;
import org.keycloak.common.util.Time;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** {@link ConsentReceipts} in Keycloak's database, issued in the caller's transaction. */
public class JpaConsentReceipts implements ConsentReceipts {

    private final KeycloakSession session;
    private final EntityManager em;

    public JpaConsentReceipts(KeycloakSession session, EntityManager em) {
        this.session = session;
        this.em = em;
    }

    @Override
    public ConsentReceipt issue(RealmModel realm, Consent consent, ConsentEvent event) {
        List<ConsentReceiptEntity> existing = em.createNamedQuery("kcc.receipt.byVersion", ConsentReceiptEntity.class)
                .setParameter("consentId", consent.id())
                .setParameter("version", consent.version())
                .getResultList();
        if (!existing.isEmpty()) {
            return toModel(existing.get(0));
        }
        List<StatusChange> history = session.getProvider(ConsentStore.class).history(realm, consent.id());
        StatusChange newest = history.isEmpty() ? null : history.get(history.size() - 1);
        ClientModel client = realm.getClientById(consent.clientId());
        Instant now = Instant.ofEpochMilli(Time.currentTimeMillis());
        String id = UUID.randomUUID().toString();
        ReceiptClaims claims = ReceiptClaims.of(id, now, realm.getName(), client == null ? null : client.getClientId(),
                consent, event, newest);

        ConsentReceiptEntity e = new ConsentReceiptEntity();
        e.setId(id);
        e.setRealmId(realm.getId());
        e.setConsentId(consent.id());
        e.setConsentVersion(consent.version());
        e.setEvent(event.name());
        e.setIssuedAt(now.toEpochMilli());
        e.setHistorySeal(newest == null ? null : newest.seal());
        e.setToken(ReceiptSigner.sign(session, realm, claims));
        em.persist(e);
        return toModel(e);
    }

    @Override
    public List<ConsentReceipt> of(RealmModel realm, String consentId) {
        return em.createNamedQuery("kcc.receipt.byConsent", ConsentReceiptEntity.class)
                .setParameter("realmId", realm.getId())
                .setParameter("consentId", consentId)
                .getResultList().stream()
                .map(JpaConsentReceipts::toModel)
                .toList();
    }

    @Override
    public void consentsRemoved(RealmModel realm, List<String> consentIds) {
        em.createNamedQuery("kcc.receipt.deleteByConsents")
                .setParameter("realmId", realm.getId())
                .setParameter("consentIds", consentIds)
                .executeUpdate();
    }

    @Override
    public void close() {
    }

    private static ConsentReceipt toModel(ConsentReceiptEntity e) {
        return new ConsentReceipt(e.getId(), e.getConsentId(), ConsentEvent.valueOf(e.getEvent()),
                Instant.ofEpochMilli(e.getIssuedAt()), e.getHistorySeal(), e.getToken());
    }
}

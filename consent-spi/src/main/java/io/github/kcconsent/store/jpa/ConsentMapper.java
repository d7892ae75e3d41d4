package io.github.kcconsent.store.jpa;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import io.github.kcconsent.consent.Actor;
import io.github.kcconsent.consent.Channel;
import io.github.kcconsent.consent.Consent;
import io.github.kcconsent.consent.ConsentException;
import io.github.kcconsent.consent.ConsentOrigin;
import io.github.kcconsent.consent.ConsentStatus;
import io.github.kcconsent.consent.ConsentType;
import io.github.kcconsent.consent.ConsentedResource;
import io.github.kcconsent.consent.RejectedBy;
import io.github.kcconsent.consent.Rejection;
import io.github.kcconsent.consent.RejectionReason;
import io.github.kcconsent.consent.StatusChange;
import io.github.kcconsent.crypto.FieldCipher;
import org.keycloak.models.RealmModel;
import org.keycloak.util.JsonSerialization;

/**
 * Rows to the domain: a consent entity to a {@link Consent} with its personal data decrypted, a history row to a
 * {@link StatusChange}, and the permissions column (a JSON array) both ways. The entities stay inside
 * {@code store/jpa}; nothing above the store sees them.
 */
final class ConsentMapper {

    private final ConsentFields fields;
    private final ConsentCiphers ciphers;

    ConsentMapper(ConsentFields fields, ConsentCiphers ciphers) {
        this.fields = fields;
        this.ciphers = ciphers;
    }

    Consent toModel(RealmModel realm, ConsentEntity e) {
        String id = e.getId();
        // An erased consent has no personal data left to decrypt, and its data key may be destroyed.
        FieldCipher cipher = e.getErasedAt() != null ? null : ciphers.of(realm, e);
        // Accounts are only ever attached by authorise(), which also leaves AWAITING_AUTHORISATION: an awaiting
        // consent has none, and not touching the lazy collection saves a query on every status poll.
        boolean awaiting = ConsentStatus.AWAITING_AUTHORISATION.name().equals(e.getStatus());
        List<ConsentedResource> resources = awaiting ? List.of() : e.getResources().stream()
                .map(r -> new ConsentedResource(r.getResourceId(), r.getResourceType(),
                        fields.decrypt(cipher, realm, id, ConsentFields.resourceLabel(r.getResourceId()), r.getLabelEncrypted())))
                .toList();
        Rejection rejection = e.getRejectionReason() == null ? null : new Rejection(
                RejectedBy.valueOf(e.getRejectedBy()), RejectionReason.valueOf(e.getRejectionReason()), e.getRejectionInfo());
        return new Consent(
                id,
                e.getRealmId(),
                e.getClientId(),
                e.getUserId(),
                ConsentType.valueOf(e.getType()),
                ConsentOrigin.valueOf(e.getOrigin()),
                ConsentStatus.valueOf(e.getStatus()),
                permissionsFromJson(e.getPermissions()),
                resources,
                Instant.ofEpochMilli(e.getCreatedAt()),
                Instant.ofEpochMilli(e.getStatusUpdatedAt()),
                e.getExpiresAt() == null ? null : Instant.ofEpochMilli(e.getExpiresAt()),
                e.getAuthorisationDeadline() == null ? null : Instant.ofEpochMilli(e.getAuthorisationDeadline()),
                fields.decrypt(cipher, realm, id, ConsentFields.CPF, e.getCpfEncrypted()),
                fields.decrypt(cipher, realm, id, ConsentFields.CNPJ, e.getCnpjEncrypted()),
                fields.decrypt(cipher, realm, id, ConsentFields.SESSION_METADATA, e.getSessionMetadataEncrypted()),
                fields.decrypt(cipher, realm, id, ConsentFields.PAYMENT, e.getPaymentDetailsEncrypted()),
                rejection,
                e.getVersion(),
                e.getErasedAt() == null ? null : Instant.ofEpochMilli(e.getErasedAt()));
    }

    static StatusChange toStatusChange(ConsentStatusChangeEntity h) {
        return new StatusChange(
                h.getFromStatus() == null ? null : ConsentStatus.valueOf(h.getFromStatus()),
                ConsentStatus.valueOf(h.getToStatus()),
                Instant.ofEpochMilli(h.getChangedAt()),
                Actor.parse(h.getActor()),
                Channel.valueOf(h.getChannel()),
                h.getReason() == null ? null : RejectionReason.valueOf(h.getReason()),
                h.getAdditionalInformation(),
                h.getSequence(),
                h.getEntryMac());
    }

    static String permissionsToJson(List<String> values) {
        try {
            return JsonSerialization.writeValueAsString(values);
        } catch (IOException e) {
            throw new ConsentException("cannot serialise permissions", e);
        }
    }

    private static List<String> permissionsFromJson(String json) {
        try {
            return List.of(JsonSerialization.readValue(json, String[].class));
        } catch (IOException e) {
            throw new ConsentException("stored permissions are not a JSON array", e);
        }
    }
}

<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=true; section>
    <#if section = "header">
        ${msg("kcConsentSelfServiceConfirmTitle")}
    <#elseif section = "form">
        <form id="kcconsent-revoke-confirm" class="kcconsent-form" action="${kcConsentConfirmUrl}" method="post">
            <p class="kcconsent-lead">${msg("kcConsentSelfServiceConfirmText", kcConsentItem.partner)}</p>
            <input type="hidden" name="consent_id" value="${kcConsentItem.id}">
            <input type="hidden" name="csrf" value="${kcConsentCsrf}">
            <div class="kcconsent-actions">
                <button type="submit" id="kcconsent-confirm-revoke" class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}">${msg("kcConsentSelfServiceConfirm")}</button>
                <a id="kcconsent-cancel-revoke" class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}" href="${kcConsentListUrl}">${msg("kcConsentSelfServiceCancel")}</a>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>

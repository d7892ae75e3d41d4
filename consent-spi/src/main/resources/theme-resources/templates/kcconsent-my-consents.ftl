<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=true; section>
    <#if section = "header">
        ${msg("kcConsentSelfServiceTitle")}
    <#elseif section = "form">
        <div id="kcconsent-my-consents" class="kcconsent-form">
            <#if kcConsentItems?has_content>
                <ul class="kcconsent-my-list">
                    <#list kcConsentItems as item>
                        <li class="kcconsent-my-item" data-consent-id="${item.id}">
                            <h2 class="kcconsent-section-title">${item.partner}</h2>
                            <p>${msg("kcConsentSelfServiceStatus")} <strong class="kcconsent-status">${msg("kcConsentStatus_" + item.status)}</strong></p>
                            <p>${msg("kcConsentSelfServiceCreated")} ${item.created}<#if item.expires?has_content> · ${msg("kcConsentSelfServiceExpires")} ${item.expires}</#if></p>
                            <#if item.payment??>
                                <div class="kcconsent-my-payment">
                                    <p>${msg("kcConsentSelfServicePaymentAmount")} <strong class="kcconsent-payment-amount">${item.payment.amount}</strong></p>
                                    <p>${msg("kcConsentSelfServicePaymentCreditor")} <span class="kcconsent-payment-creditor">${item.payment.creditor}</span></p>
                                    <#if item.payment.count gt 1>
                                        <p class="kcconsent-payment-dates">${msg("kcConsentSelfServicePaymentSchedule", item.payment.count?c, item.payment.firstDate, item.payment.lastDate)}</p>
                                    <#else>
                                        <p class="kcconsent-payment-dates">${msg("kcConsentSelfServicePaymentDate", item.payment.firstDate)}</p>
                                    </#if>
                                    <p class="kcconsent-my-readonly">${msg("kcConsentSelfServicePaymentReadOnly")}</p>
                                </div>
                            </#if>
                            <#if item.accounts?has_content>
                                <p>${msg("kcConsentSelfServiceAccounts")} ${item.accounts?join(", ")}</p>
                            </#if>
                            <#if item.permissions?has_content>
                                <p class="kcconsent-my-label">${msg("kcConsentSelfServicePermissions")}</p>
                                <ul class="kcconsent-permissions kcconsent-my-permissions">
                                    <#list item.permissions as permission>
                                        <li data-permission="${permission.name}">${advancedMsg(permission.text)}</li>
                                    </#list>
                                </ul>
                            </#if>
                            <#if item.revocable>
                                <form class="kcconsent-revoke-form" action="${kcConsentRevokeUrl}" method="post">
                                    <input type="hidden" name="consent_id" value="${item.id}">
                                    <input type="hidden" name="csrf" value="${kcConsentCsrf}">
                                    <button type="submit" class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!}">${msg("kcConsentSelfServiceRevoke")}</button>
                                </form>
                            </#if>
                            <#if item.status != "AWAITING_AUTHORISATION">
                                <p><a class="kcconsent-receipt-link" href="${kcConsentReceiptUrl}?consent_id=${item.id?url('UTF-8')}">${msg("kcConsentSelfServiceReceipt")}</a></p>
                            </#if>
                        </li>
                    </#list>
                </ul>
            <#else>
                <p>${msg("kcConsentSelfServiceEmpty")}</p>
            </#if>
        </div>
    </#if>
</@layout.registrationLayout>

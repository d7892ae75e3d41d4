<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=true; section>
    <#if section = "header">
        ${msg("kcConsentPaymentHeader")}
    <#elseif section = "form">
        <#-- Every value below is printed through FreeMarker's HTML escaping: creditor name and description come from the partner. -->
        <form id="kcconsent-form" class="kcconsent-form kcconsent-payment" action="${url.loginAction}" method="post">
            <#if kcConsent.clientLogoUri??>
                <img class="kcconsent-logo" src="${kcConsent.clientLogoUri}" alt="${msg("kcConsentLogoAlt", kcConsent.clientName)}">
            </#if>
            <p class="kcconsent-lead">${msg("kcConsentPaymentLead", kcConsent.clientName)}</p>

            <p class="kcconsent-payment-amount">
                <span class="kcconsent-payment-label">${msg("kcConsentPaymentAmount")}</span>
                <strong id="kcconsent-payment-amount">${kcConsent.amount}</strong>
            </p>

            <h2 class="kcconsent-section-title">${msg("kcConsentPaymentCreditorTitle")}</h2>
            <dl class="kcconsent-payment-details">
                <dt>${msg("kcConsentPaymentCreditorName")}</dt>
                <dd id="kcconsent-creditor-name">${kcConsent.creditorName}</dd>
                <dt>${msg("kcConsentPaymentCreditorDocument_" + kcConsent.creditorDocumentType)}</dt>
                <dd id="kcconsent-creditor-document">${kcConsent.creditorDocument}</dd>
                <dt>${msg("kcConsentPaymentCreditorInstitution")}</dt>
                <dd id="kcconsent-creditor-ispb">${kcConsent.creditorIspb}</dd>
            </dl>

            <h2 class="kcconsent-section-title">${msg("kcConsentPaymentWhenTitle")}</h2>
            <#assign when = kcConsent.when>
            <p id="kcconsent-payment-when" class="kcconsent-payment-when"><#switch when.variant><#case "immediate">${msg("kcConsentPaymentWhen_immediate", when.first)}<#break><#case "single">${msg("kcConsentPaymentWhen_single", when.first)}<#break><#case "daily">${msg("kcConsentPaymentWhen_daily", when.quantity?c, when.first, when.last)}<#break><#case "weekly">${msg("kcConsentPaymentWhen_weekly", when.quantity?c, msg("kcConsentWeekday_" + when.weekday), when.first, when.last)}<#break><#case "monthly">${msg("kcConsentPaymentWhen_monthly", when.quantity?c, when.dayOfMonth?c, when.first, when.last)}<#break><#default>${msg("kcConsentPaymentWhen_custom", when.quantity?c, when.first, when.last)}</#switch></p>
            <#if when.description??>
                <p class="kcconsent-payment-description">${msg("kcConsentPaymentDescription")} <span id="kcconsent-payment-description">${when.description}</span></p>
            </#if>

            <fieldset class="kcconsent-accounts">
                <legend class="kcconsent-section-title">${msg("kcConsentPaymentAccountTitle")}</legend>
                <#if kcConsent.debtorAccountFixed>
                    <p class="kcconsent-payment-note">${msg("kcConsentPaymentDebtorFixed", kcConsent.clientName)}</p>
                </#if>
                <#if kcConsent.accounts?has_content>
                    <#list kcConsent.accounts as account>
                        <div class="kcconsent-account">
                            <input type="radio" id="kcconsent-account-${account?index}" name="account" value="${account.id}" <#if account.selected>checked</#if>>
                            <label for="kcconsent-account-${account?index}">${account.label}</label>
                        </div>
                    </#list>
                <#else>
                    <p class="kcconsent-no-accounts">${msg("kcConsentPaymentNoAccounts")}</p>
                </#if>
            </fieldset>

            <div class="kcconsent-actions">
                <#if kcConsent.accounts?has_content>
                    <button type="submit" id="kcconsent-confirm" name="decision" value="approve" class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}">${msg("kcConsentPaymentConfirm")}</button>
                </#if>
                <button type="submit" id="kcconsent-cancel" name="decision" value="ignore" class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}">${msg("kcConsentPaymentCancel")}</button>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>

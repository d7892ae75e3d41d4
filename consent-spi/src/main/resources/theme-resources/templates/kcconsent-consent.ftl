<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=true; section>
    <#if section = "header">
        ${msg("kcConsentHeader", kcConsent.clientName)}
    <#elseif section = "form">
        <form id="kcconsent-form" class="kcconsent-form" action="${url.loginAction}" method="post">
            <#if kcConsent.clientLogoUri??>
                <img class="kcconsent-logo" src="${kcConsent.clientLogoUri}" alt="${msg("kcConsentLogoAlt", kcConsent.clientName)}">
            </#if>
            <p class="kcconsent-lead">${msg("kcConsentLead", kcConsent.clientName)}</p>

            <h2 class="kcconsent-section-title">${msg("kcConsentPermissionsTitle")}</h2>
            <ul class="kcconsent-permissions">
                <#list kcConsent.permissions as permission>
                    <li data-permission="${permission.name}">${advancedMsg(permission.text)}</li>
                </#list>
            </ul>

            <#if kcConsent.accountsRequired>
            <fieldset class="kcconsent-accounts">
                <legend class="kcconsent-section-title">${msg("kcConsentAccountsTitle")}</legend>
                <#if kcConsent.accounts?has_content>
                    <div class="kcconsent-account">
                        <input type="checkbox" id="kcconsent-select-all" class="kcconsent-select-all">
                        <label for="kcconsent-select-all">${msg("kcConsentSelectAll")}</label>
                    </div>
                    <#list kcConsent.accounts as account>
                        <div class="kcconsent-account">
                            <input type="checkbox" id="kcconsent-account-${account?index}" name="account" value="${account.id}" <#if account.selected>checked</#if>>
                            <label for="kcconsent-account-${account?index}">${account.label}</label>
                        </div>
                    </#list>
                <#else>
                    <p class="kcconsent-no-accounts">${msg("kcConsentNoAccounts")}</p>
                </#if>
            </fieldset>
            </#if>

            <p class="kcconsent-validity">${msg("kcConsentValidityLabel")} <strong><#if kcConsent.expiration??>${kcConsent.expiration}<#else>${msg("kcConsentNoExpiry")}</#if></strong></p>

            <div class="kcconsent-actions">
                <#if kcConsent.accounts?has_content || !kcConsent.accountsRequired>
                    <button type="submit" id="kcconsent-allow" name="decision" value="approve" class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}">${msg("kcConsentAllow")}</button>
                </#if>
                <button type="submit" id="kcconsent-ignore" name="decision" value="ignore" class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}">${msg("kcConsentIgnore")}</button>
            </div>
        </form>
        <script>
            (function () {
                var all = document.getElementById('kcconsent-select-all');
                if (!all) { return; }
                var boxes = document.querySelectorAll('input[name="account"]');
                all.addEventListener('change', function () {
                    boxes.forEach(function (b) { b.checked = all.checked; });
                });
            })();
        </script>
    </#if>
</@layout.registrationLayout>

<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=true; section>
    <#if section = "header">
        ${msg("kcConsentAlreadyGrantedHeader")}
    <#elseif section = "form">
        <form id="kcconsent-result" class="kcconsent-form" action="${url.loginAction}" method="post">
            <p class="kcconsent-lead">${msg("kcConsentAlreadyGrantedText", kcConsent.clientName)}</p>
            <button type="submit" id="kcconsent-continue" name="decision" value="continue" class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}">${msg("kcConsentOk")}</button>
        </form>
    </#if>
</@layout.registrationLayout>

package io.github.kcconsent.openbanking.validation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BrazilianDocumentsTest {

    @Test
    void cpfCheckDigitsAreVerified() {
        assertTrue(BrazilianDocuments.isValidCpf("52998224725"));
        assertTrue(BrazilianDocuments.isValidCpf("11144477735"));
        assertFalse(BrazilianDocuments.isValidCpf("52998224726"), "last digit wrong");
        assertFalse(BrazilianDocuments.isValidCpf("52998224715"), "first check digit wrong");
    }

    @Test
    void cpfShapeAndRepeatedDigitsAreRefused() {
        assertFalse(BrazilianDocuments.isValidCpf("11111111111"), "passes mod 11 but is never issued");
        assertFalse(BrazilianDocuments.isValidCpf("00000000000"));
        assertFalse(BrazilianDocuments.isValidCpf("5299822472"));
        assertFalse(BrazilianDocuments.isValidCpf("529982247250"));
        assertFalse(BrazilianDocuments.isValidCpf("529.982.247-25"), "punctuation is not part of the format");
        assertFalse(BrazilianDocuments.isValidCpf("5299822472a"));
        assertFalse(BrazilianDocuments.isValidCpf(null));
    }

    @Test
    void numericCnpjCheckDigitsAreVerified() {
        assertTrue(BrazilianDocuments.isValidCnpj("11222333000181"));
        assertFalse(BrazilianDocuments.isValidCnpj("11222333000182"));
        assertFalse(BrazilianDocuments.isValidCnpj("11222333000191"));
    }

    @Test
    void alphanumericCnpjOfTheNewFormatIsAccepted() {
        // The Receita Federal's example of the alphanumeric CNPJ: 12.ABC.345/01DE-35.
        assertTrue(BrazilianDocuments.isValidCnpj("12ABC34501DE35"));
        assertFalse(BrazilianDocuments.isValidCnpj("12ABC34501DE36"));
        assertFalse(BrazilianDocuments.isValidCnpj("12abc34501de35"), "letters are upper case");
        assertFalse(BrazilianDocuments.isValidCnpj("12ABC34501DEA5"), "check digits stay numeric");
    }

    @Test
    void cnpjShapeIsChecked() {
        assertFalse(BrazilianDocuments.isValidCnpj("00000000000000"));
        assertFalse(BrazilianDocuments.isValidCnpj("1122233300018"));
        assertFalse(BrazilianDocuments.isValidCnpj("11.222.333/0001-81"));
        assertFalse(BrazilianDocuments.isValidCnpj(null));
    }
}

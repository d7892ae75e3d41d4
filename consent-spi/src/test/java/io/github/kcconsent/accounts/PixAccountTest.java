package io.github.kcconsent.accounts;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PixAccountTest {

    private static final String NUMBER = "94088392";

    @Test
    void aWellFormedAccountOfEachTypeIsAccepted() {
        assertDoesNotThrow(() -> new PixAccount("12345678", "1774", NUMBER, "CACC"));
        assertDoesNotThrow(() -> new PixAccount("12345678", "1", "1", "SVGS"));
        assertDoesNotThrow(() -> new PixAccount("00000000", "9999", "1".repeat(20), "TRAN"));
        assertDoesNotThrow(() -> new PixAccount("12345678", null, NUMBER, "TRAN"), "a payment account needs no branch");
    }

    @Test
    void eachMalformedFieldIsRefusedWithoutRepeatingTheNumber() {
        List<String[]> bad = List.of(
                new String[] {"1234567", "1774", NUMBER, "CACC"},
                new String[] {"123456789", "1774", NUMBER, "CACC"},
                new String[] {"1234567a", "1774", NUMBER, "CACC"},
                new String[] {null, "1774", NUMBER, "CACC"},
                new String[] {"12345678", "17745", NUMBER, "CACC"},
                new String[] {"12345678", "", NUMBER, "CACC"},
                new String[] {"12345678", "17a4", NUMBER, "CACC"},
                new String[] {"12345678", "1774", "", "CACC"},
                new String[] {"12345678", "1774", "1".repeat(21), "CACC"},
                new String[] {"12345678", "1774", NUMBER + "-1", "CACC"},
                new String[] {"12345678", "1774", null, "CACC"},
                new String[] {"12345678", "1774", NUMBER, "SLRY"},
                new String[] {"12345678", "1774", NUMBER, "cacc"},
                new String[] {"12345678", "1774", NUMBER, null},
                new String[] {"12345678", null, NUMBER, "CACC"},
                new String[] {"12345678", null, NUMBER, "SVGS"});
        for (String[] a : bad) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new PixAccount(a[0], a[1], a[2], a[3]), String.join(",", String.valueOf(a[0]), a[1], a[3]));
            assertFalse(e.getMessage().contains(NUMBER), e.getMessage());
        }
    }

    @Test
    void theBranchIsRequiredForCheckingAndSavingsAccounts() {
        assertEquals("issuer is required for CACC and SVGS accounts",
                assertThrows(IllegalArgumentException.class, () -> new PixAccount("12345678", null, NUMBER, "SVGS"))
                        .getMessage());
    }

    @Test
    void anAccountSourcesPaymentMemberIsRead() {
        Map<String, Object> member = new HashMap<>(Map.of("ispb", "12345678", "issuer", "1774", "number", NUMBER,
                "accountType", "CACC"));
        assertEquals(new PixAccount("12345678", "1774", NUMBER, "CACC"), PixAccount.fromJson(member));
        member.remove("issuer");
        member.put("accountType", "TRAN");
        assertEquals(new PixAccount("12345678", null, NUMBER, "TRAN"), PixAccount.fromJson(member));
    }

    @Test
    void anAccountWithoutAPaymentMemberCannotPay() {
        assertNull(PixAccount.fromJson(null));
    }

    @Test
    void aPaymentMemberThatIsNotAnObjectOrIsIncompleteIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> PixAccount.fromJson("12345678"));
        assertThrows(IllegalArgumentException.class, () -> PixAccount.fromJson(List.of("12345678")));
        assertThrows(IllegalArgumentException.class, () -> PixAccount.fromJson(Map.of("ispb", "12345678")));
        assertThrows(IllegalArgumentException.class, () -> PixAccount.fromJson(Map.of("ispb", "12345678",
                "issuer", "1774", "number", NUMBER, "accountType", "CONTA_DEPOSITO_A_VISTA")));
    }

    @Test
    void toStringNamesOnlyTheTypeNeverTheNumberBranchOrInstitution() {
        PixAccount account = new PixAccount("12345678", "1774", NUMBER, "CACC");
        assertEquals("PixAccount[CACC]", account.toString());
        for (String secret : List.of(NUMBER, "1774", "12345678")) {
            assertFalse(account.toString().contains(secret));
        }
    }

    @Test
    void accountsAreEqualByEveryField() {
        PixAccount account = new PixAccount("12345678", "1774", NUMBER, "CACC");
        assertEquals(account, new PixAccount("12345678", "1774", NUMBER, "CACC"));
        assertEquals(account.hashCode(), new PixAccount("12345678", "1774", NUMBER, "CACC").hashCode());
        assertNotEquals(account, new PixAccount("12345678", "1774", NUMBER + "0", "CACC"));
        assertNotEquals(account, new PixAccount("12345678", "1775", NUMBER, "CACC"));
        assertNotEquals(account, new PixAccount("12345678", "1774", NUMBER, "SVGS"));
        assertNotEquals(account, new PixAccount("12345679", "1774", NUMBER, "CACC"));
    }
}

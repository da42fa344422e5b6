package org.gongkai.support;

import java.util.HashMap;
import java.util.Map;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import org.gongkai.demo.IdentityDemoData;

/**
 * Computes the TOTP codes the tests type in, from the demo accounts' fixed secrets or the secret {@link TestAccounts} gives
 * to accounts that need a second factor. The server accepts each 30-second step once per account, so successive sign-ins
 * of one account within a step use the next step (one step of drift is allowed), waiting when both are used.
 */
public final class TestTotp {

    /** The secret of every account that {@link TestAccounts#create} makes with a role that needs a second factor. */
    public static final String TEST_SECRET = "GKTESTACCOUNTQQQQQQQQQQQQQQQQQQQ";

    private static final Map<String, Long> LAST_STEP = new HashMap<>();

    private TestTotp() {
    }

    public static String secretOf(String username) {
        return IdentityDemoData.DEMO_SECOND_FACTOR_SECRETS.getOrDefault(username, TEST_SECRET);
    }

    public static long currentStep() {
        return Math.floorDiv(System.currentTimeMillis(), 30_000L);
    }

    public static String codeAt(String secret, long step) {
        try {
            return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(secret, step);
        } catch (CodeGenerationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A code of this account that the server has not accepted yet (from this test run). */
    public static synchronized String nextCode(String username) {
        long last = LAST_STEP.getOrDefault(username, Long.MIN_VALUE);
        long step = Math.max(currentStep(), last + 1);
        while (step > currentStep() + 1) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        LAST_STEP.put(username, step);
        return codeAt(secretOf(username), step);
    }
}

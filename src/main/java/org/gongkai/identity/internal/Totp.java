package org.gongkai.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import dev.samstevens.totp.code.CodeGenerator;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.recovery.RecoveryCodeGenerator;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import org.springframework.stereotype.Component;

/**
 * TOTP (RFC 6238: HMAC-SHA1, 6 digits, 30-second steps, as every authenticator app expects) on the real time of day, which
 * is what the person's authenticator reads (not the application's Clock, which tests set to a legal date and stop), with one
 * step of drift either side; a step is accepted at most once. Also the otpauth URI as a QR code, and recovery codes.
 */
@Component
public class Totp {

    public static final int PERIOD_SECONDS = 30;
    public static final int DIGITS = 6;
    public static final int RECOVERY_CODES = 10;

    private final CodeGenerator generator = new DefaultCodeGenerator(HashingAlgorithm.SHA1, DIGITS);
    private final Clock clock = Clock.systemUTC();

    /** A new random secret, base32 (160 bits). */
    public String newSecret() {
        return new DefaultSecretGenerator(32).generate();
    }

    public long currentStep() {
        return Math.floorDiv(clock.millis(), 1000L * PERIOD_SECONDS);
    }

    /** The time step whose code this is, if it is within one step of now and later than {@code lastUsedStep}. */
    public OptionalLong matchingStep(String secret, String code, long lastUsedStep) {
        String digits = code == null ? "" : code.replaceAll("\\s", "");
        if (!digits.matches("\\d{" + DIGITS + "}")) {
            return OptionalLong.empty();
        }
        long now = currentStep();
        OptionalLong found = OptionalLong.empty();
        for (long step = now - 1; step <= now + 1; step++) {
            // compare every candidate, in constant time, so the answer takes as long whichever step matched
            boolean same = MessageDigest.isEqual(codeAt(secret, step).getBytes(StandardCharsets.US_ASCII),
                    digits.getBytes(StandardCharsets.US_ASCII));
            if (same && step > lastUsedStep && found.isEmpty()) {
                found = OptionalLong.of(step);
            }
        }
        return found;
    }

    public String codeAt(String secret, long step) {
        try {
            return generator.generate(secret, step);
        } catch (CodeGenerationException e) {
            throw new IllegalStateException("TOTP code could not be computed", e);
        }
    }

    /** The otpauth:// URI an authenticator app reads from the QR code. */
    public String otpauthUri(String secret, String accountName, String issuer) {
        return new QrData.Builder().label(accountName).secret(secret).issuer(issuer).algorithm(HashingAlgorithm.SHA1)
                .digits(DIGITS).period(PERIOD_SECONDS).build().getUri();
    }

    /** The text as a QR code in SVG (black modules on white, with the quiet zone). */
    public String qrSvg(String text) {
        try {
            var hints = new EnumMap<EncodeHintType, Object>(EncodeHintType.class);
            hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
            hints.put(EncodeHintType.MARGIN, 4);
            hints.put(EncodeHintType.CHARACTER_SET, "UTF-8");
            BitMatrix matrix = new QRCodeWriter().encode(text, com.google.zxing.BarcodeFormat.QR_CODE, 0, 0, hints);
            int w = matrix.getWidth();
            int h = matrix.getHeight();
            StringBuilder path = new StringBuilder();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    if (matrix.get(x, y)) {
                        path.append('M').append(x).append(',').append(y).append("h1v1h-1z");
                    }
                }
            }
            return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + w + " " + h + "\" shape-rendering=\"crispEdges\">"
                    + "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
        } catch (WriterException e) {
            throw new IllegalStateException("QR code could not be drawn", e);
        }
    }

    public List<String> newRecoveryCodes() {
        return List.of(new RecoveryCodeGenerator().generateCodes(RECOVERY_CODES));
    }

    /** Recovery codes are random (about 80 bits), so a plain SHA-256 of the normalised code is enough to keep them. */
    public static String hashRecoveryCode(String code) {
        String normalised = code == null ? "" : code.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(normalised.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

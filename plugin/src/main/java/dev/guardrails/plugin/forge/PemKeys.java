package dev.guardrails.plugin.forge;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an RSA private key from PEM with {@code java.security} only. GitHub hands out App keys as
 * PKCS#1 ({@code BEGIN RSA PRIVATE KEY}); converted keys are PKCS#8 ({@code BEGIN PRIVATE KEY}).
 * PKCS#1 is wrapped into a PKCS#8 structure, which is all the JDK's KeyFactory accepts.
 */
public final class PemKeys {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN (RSA )?PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END (RSA )?PRIVATE KEY-----");
    /** AlgorithmIdentifier for rsaEncryption (1.2.840.113549.1.1.1) with NULL parameters. */
    private static final byte[] RSA_ALGORITHM = {
        0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

    private PemKeys() {
    }

    /** @throws GeneralSecurityException when the text holds no readable RSA key (the message never quotes it) */
    public static PrivateKey readRsa(String pem) throws GeneralSecurityException {
        Matcher m = BLOCK.matcher(pem == null ? "" : pem);
        if (!m.find()) {
            throw new GeneralSecurityException("no PEM private key block (expected BEGIN RSA PRIVATE KEY or BEGIN PRIVATE KEY)");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(m.group(2));
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("PEM private key is not valid base64");
        }
        byte[] pkcs8 = m.group(1) != null ? wrapPkcs1(der) : der;
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new GeneralSecurityException("PEM private key is not an RSA key in PKCS#1 or PKCS#8 form");
        }
    }

    /** PrivateKeyInfo ::= SEQUENCE { version INTEGER 0, algorithm, privateKey OCTET STRING (the PKCS#1 key) }. */
    static byte[] wrapPkcs1(byte[] pkcs1) {
        ByteArrayOutputStream inner = new ByteArrayOutputStream();
        inner.writeBytes(new byte[] {0x02, 0x01, 0x00});
        inner.writeBytes(RSA_ALGORITHM);
        inner.write(0x04);
        inner.writeBytes(length(pkcs1.length));
        inner.writeBytes(pkcs1);
        byte[] body = inner.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        out.writeBytes(length(body.length));
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** DER definite length. */
    private static byte[] length(int n) {
        if (n < 0x80) {
            return new byte[] {(byte) n};
        }
        int bytes = n > 0xffffff ? 4 : n > 0xffff ? 3 : n > 0xff ? 2 : 1;
        byte[] out = new byte[bytes + 1];
        out[0] = (byte) (0x80 | bytes);
        for (int i = 0; i < bytes; i++) {
            out[bytes - i] = (byte) (n >>> (8 * i));
        }
        return out;
    }
}

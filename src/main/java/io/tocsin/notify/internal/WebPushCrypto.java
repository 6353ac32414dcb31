package io.tocsin.notify.internal;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EllipticCurve;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Web Push message encryption of RFC 8291 ({@code aes128gcm} content coding of RFC 8188, one record) and the
 * P-256 key handling it and VAPID (RFC 8292) need, on the JDK's own ECDH, HMAC-SHA256 and AES-GCM. Keys travel as
 * uncompressed points ({@code 0x04 || x || y}, 65 bytes) in unpadded base64url, as browsers give them.
 */
public final class WebPushCrypto {

    /** RFC 8291 uses one record of at most 4096 bytes: the header, the padded plaintext and the 16-byte tag. */
    public static final int RECORD_SIZE = 4096;
    /** Header (salt 16, record size 4, key id length 1, key 65) plus tag and padding delimiter. */
    public static final int MAX_PLAINTEXT = RECORD_SIZE - 86 - 16 - 1;
    public static final ECParameterSpec P256;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    static {
        try {
            var parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            P256 = parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private WebPushCrypto() {
    }

    /** A key that is not a P-256 point, or an auth secret of the wrong length. */
    public static class BadKey extends IllegalArgumentException {
        BadKey(String message) {
            super(message);
        }
    }

    public static String base64Url(byte[] bytes) {
        return B64.encodeToString(bytes);
    }

    /** Unpadded or padded base64url; refuses anything else. */
    public static byte[] fromBase64Url(String text) {
        try {
            return B64D.decode(text.strip().replace("=", ""));
        } catch (IllegalArgumentException e) {
            throw new BadKey("not base64url");
        }
    }

    public static KeyPair generateKeyPair() {
        try {
            var generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(P256, RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A public key from its uncompressed point; refuses points that are not on the curve. */
    public static ECPublicKey publicKey(byte[] uncompressed) {
        if (uncompressed.length != 65 || uncompressed[0] != 0x04) {
            throw new BadKey("must be an uncompressed P-256 point (65 bytes starting with 0x04)");
        }
        var x = new BigInteger(1, Arrays.copyOfRange(uncompressed, 1, 33));
        var y = new BigInteger(1, Arrays.copyOfRange(uncompressed, 33, 65));
        EllipticCurve curve = P256.getCurve();
        var p = ((java.security.spec.ECFieldFp) curve.getField()).getP();
        if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0
                || !y.modPow(BigInteger.TWO, p).equals(x.pow(3).add(curve.getA().multiply(x)).add(curve.getB()).mod(p))) {
            throw new BadKey("is not a point on P-256");
        }
        try {
            return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), P256));
        } catch (GeneralSecurityException e) {
            throw new BadKey("is not a usable P-256 key");
        }
    }

    public static ECPrivateKey privateKey(byte[] scalar) {
        try {
            return (ECPrivateKey) KeyFactory.getInstance("EC")
                    .generatePrivate(new ECPrivateKeySpec(new BigInteger(1, scalar), P256));
        } catch (GeneralSecurityException e) {
            throw new BadKey("is not a P-256 private key");
        }
    }

    public static byte[] encode(ECPublicKey key) {
        var out = new byte[65];
        out[0] = 0x04;
        unsigned(key.getW().getAffineX(), out, 1);
        unsigned(key.getW().getAffineY(), out, 33);
        return out;
    }

    /** The 32-byte private scalar. */
    public static byte[] encode(ECPrivateKey key) {
        var out = new byte[32];
        unsigned(key.getS(), out, 0);
        return out;
    }

    /** Encrypts with a fresh sender key pair and salt, as every message must be. */
    public static byte[] encrypt(byte[] plaintext, ECPublicKey userAgent, byte[] authSecret) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return encrypt(plaintext, userAgent, authSecret, generateKeyPair(), salt);
    }

    /**
     * RFC 8291 section 3.4 and RFC 8188: the body {@code salt || rs || idlen || as_public || ciphertext}, the
     * plaintext padded with the last-record delimiter 0x02 alone.
     */
    public static byte[] encrypt(byte[] plaintext, ECPublicKey userAgent, byte[] authSecret, KeyPair sender,
            byte[] salt) {
        if (authSecret.length != 16) {
            throw new BadKey("the auth secret must be 16 bytes");
        }
        if (plaintext.length > MAX_PLAINTEXT) {
            throw new IllegalArgumentException("a push message holds at most " + MAX_PLAINTEXT + " bytes");
        }
        byte[] senderPublic = encode((ECPublicKey) sender.getPublic());
        byte[] userAgentPublic = encode(userAgent);
        try {
            var agreement = KeyAgreement.getInstance("ECDH");
            agreement.init(sender.getPrivate());
            agreement.doPhase(userAgent, true);
            byte[] ecdhSecret = agreement.generateSecret();
            byte[] keyInfo = concat("WebPush: info\0".getBytes(StandardCharsets.US_ASCII), userAgentPublic, senderPublic);
            byte[] ikm = expand(hmac(authSecret, ecdhSecret), keyInfo, 32);
            byte[] prk = hmac(salt, ikm);
            byte[] cek = expand(prk, "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII), 16);
            byte[] nonce = expand(prk, "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII), 12);
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
            byte[] ciphertext = cipher.doFinal(concat(plaintext, new byte[] {2}));
            return ByteBuffer.allocate(21 + senderPublic.length + ciphertext.length).put(salt).putInt(RECORD_SIZE)
                    .put((byte) senderPublic.length).put(senderPublic).put(ciphertext).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Web Push encryption failed", e);
        }
    }

    /** HKDF-Expand (RFC 5869) for one block: the first {@code length} bytes of HMAC(prk, info || 0x01). */
    static byte[] expand(byte[] prk, byte[] info, int length) {
        return Arrays.copyOf(hmac(prk, concat(info, new byte[] {1})), length);
    }

    static byte[] hmac(byte[] key, byte[] data) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (var p : parts) {
            length += p.length;
        }
        var buffer = ByteBuffer.allocate(length);
        for (var p : parts) {
            buffer.put(p);
        }
        return buffer.array();
    }

    private static void unsigned(BigInteger value, byte[] out, int offset) {
        byte[] bytes = value.toByteArray();
        int start = bytes.length > 32 ? bytes.length - 32 : 0;
        int length = bytes.length - start;
        System.arraycopy(bytes, start, out, offset + 32 - length, length);
    }
}

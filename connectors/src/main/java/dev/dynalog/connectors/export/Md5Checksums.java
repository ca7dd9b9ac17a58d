package dev.dynalog.connectors.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/** The MD5 sums an export carries: of its data files in manifest-files.json, of its manifests in the .checksum files. */
final class Md5Checksums {

    private Md5Checksums() {
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
    }

    static byte[] of(byte[] bytes) {
        return newDigest().digest(bytes);
    }

    /** The MD5 of a file's bytes, read as a stream. */
    static byte[] of(Path file) throws IOException {
        MessageDigest digest = newDigest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return digest.digest();
    }

    static String base64(byte[] md5) {
        return Base64.getEncoder().encodeToString(md5);
    }

    static String hex(byte[] md5) {
        return HexFormat.of().formatHex(md5);
    }

    /**
     * Whether a checksum text names {@code md5}. dynalog writes base64 as in manifest-files.json;
     * AWS does not document the encoding of its .checksum files, so hex is accepted as well
     * rather than failing a genuine export.
     */
    static boolean matches(String checksum, byte[] md5) {
        String text = checksum.trim();
        if (text.equalsIgnoreCase(hex(md5))) {
            return true;
        }
        try {
            return Arrays.equals(Base64.getDecoder().decode(text), md5);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}

package dev.guardrails.plugin.webhook;

import javax.crypto.Mac;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a delivery body from the request stream in chunks, feeding a running HMAC as it goes, and
 * stops as soon as the body exceeds the size limit or the byte budget: nothing beyond the limit is
 * ever held, and a body that cannot be afforded is refused without being read to the end.
 */
final class DeliveryBody {

    enum Status { OK, TOO_LARGE, NO_BUDGET, BROKEN, TIMED_OUT }

    /** What reading gave: the bytes ({@code buffer[0, length)}) only when {@code status} is OK. */
    record Read(Status status, byte[] buffer, int length, byte[] mac) {
    }

    private static final int CHUNK = 64 * 1024;

    private DeliveryBody() {
    }

    /**
     * @param declared the request's Content-Length, or -1; bytes beyond it are not trusted to be absent
     * @param lease    the byte budget to charge, or null for an authenticated body that only the size limit bounds
     * @param mac      HMAC to update with every byte, or null
     */
    static Read read(InputStream in, long declared, long maxBytes, UnverifiedBodyBudget.Lease lease, Mac mac) {
        if (declared > maxBytes) {
            return new Read(Status.TOO_LARGE, null, 0, null);
        }
        if (declared > 0 && lease != null && !lease.ensure(declared)) {
            return new Read(Status.NO_BUDGET, null, 0, null);
        }
        // Pre-sized to the declared length (already bounded and paid for), so a large body is not copied as it grows.
        byte[] buf = new byte[(int) Math.max(0, Math.min(declared > 0 ? declared : CHUNK, maxBytes))];
        int length = 0;
        byte[] chunk = new byte[CHUNK];
        try (in) {
            int n;
            while ((n = in.read(chunk)) != -1) {
                long total = (long) length + n;
                if (total > maxBytes) {
                    return new Read(Status.TOO_LARGE, null, 0, null);
                }
                if (lease != null && !lease.ensure(total)) {
                    return new Read(Status.NO_BUDGET, null, 0, null);
                }
                if (total > buf.length) {
                    buf = Arrays.copyOf(buf, (int) Math.min(maxBytes, Math.max(total, (long) buf.length * 2)));
                }
                System.arraycopy(chunk, 0, buf, length, n);
                if (mac != null) {
                    mac.update(chunk, 0, n);
                }
                length = (int) total;
            }
        } catch (IOException | RuntimeException e) {
            // The sender went away mid-body, or the server refused the stream (its own size limit).
            return new Read(isTooLarge(e) ? Status.TOO_LARGE : Status.BROKEN, null, 0, null);
        }
        return new Read(Status.OK, buf, length, mac == null ? null : mac.doFinal());
    }

    private static boolean isTooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof io.micronaut.http.exceptions.ContentLengthExceededException
                    || t instanceof io.micronaut.http.exceptions.BufferLengthExceededException) {
                return true;
            }
        }
        return false;
    }
}

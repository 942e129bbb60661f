package dev.securerestapi.app.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import dev.securerestapi.app.problem.ProblemException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

/**
 * Request bodies are at most 64 KB: a larger declared length is refused before its body is parsed,
 * and a body without one (chunked) is cut off as soon as it passes the limit. Either way: 413.
 * Up to 1 MB of such a body is read and dropped first, as Tomcat's connector does on its own
 * ({@code maxSwallowSize}): a server that closes the connection while the client is still sending
 * makes the client's TCP stack throw the 413 away with a reset, and the client sees no answer at
 * all. A larger body is not read; its client may then see that reset instead of the 413.
 */
@Provider
public class BodyLimit implements ReaderInterceptor {

    public static final int MAX_BYTES = 64 * 1024;
    private static final int SWALLOWED_BYTES = 1024 * 1024;

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        long declared = declaredLength(context.getHeaders().getFirst(HttpHeaders.CONTENT_LENGTH));
        if (declared > MAX_BYTES) {
            if (declared <= SWALLOWED_BYTES) {
                swallow(context.getInputStream(), SWALLOWED_BYTES);
            }
            throw tooLarge();
        }
        context.setInputStream(new Limited(context.getInputStream()));
        return context.proceed();
    }

    /** The declared length, or -1 for none (the container rejects a malformed one itself). */
    private static long declaredLength(String declared) {
        if (declared == null) {
            return -1;
        }
        try {
            return Long.parseLong(declared.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Reads and drops what is left of a refused body, up to {@code limit} bytes. */
    private static void swallow(InputStream in, long limit) throws IOException {
        byte[] buffer = new byte[8192];
        long left = limit;
        int n;
        while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
            left -= n;
        }
    }

    private static ProblemException tooLarge() {
        return new ProblemException(413, "The request body is larger than " + MAX_BYTES / 1024 + " KB.");
    }

    private static final class Limited extends FilterInputStream {

        private long count;

        Limited(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) throws IOException {
            count += n;
            if (count > MAX_BYTES) {
                swallow(in, SWALLOWED_BYTES - count);
                throw tooLarge();
            }
        }
    }
}

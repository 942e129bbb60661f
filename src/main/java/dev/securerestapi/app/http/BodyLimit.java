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
 * Request bodies are at most 64 KB: a larger declared length is refused before reading, and a
 * body without one (chunked) is cut off as soon as it passes the limit. Either way: 413.
 */
@Provider
public class BodyLimit implements ReaderInterceptor {

    public static final int MAX_BYTES = 64 * 1024;

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        String declared = context.getHeaders().getFirst(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && isOver(declared)) {
            throw tooLarge();
        }
        context.setInputStream(new Limited(context.getInputStream()));
        return context.proceed();
    }

    private static boolean isOver(String declared) {
        try {
            return Long.parseLong(declared.strip()) > MAX_BYTES;
        } catch (NumberFormatException e) {
            return false; // the container rejects a malformed Content-Length itself
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

        private void counted(int n) {
            count += n;
            if (count > MAX_BYTES) {
                throw tooLarge();
            }
        }
    }
}

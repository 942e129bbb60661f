package dev.securerestapi.app.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/** The JSON mapper Jersey uses: a key given twice in one object is malformed, not "last wins". */
@Provider
public class StrictJson implements ContextResolver<ObjectMapper> {

    private final ObjectMapper mapper = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return mapper;
    }
}

package dev.securerestapi.app.metrics;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

/** {@code GET /metrics}: the Prometheus text format. web.xml gives it to role {@code monitor} only. */
@Path("metrics")
public class MetricsResource {

    public static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

    @GET
    @Produces(TEXT_FORMAT)
    public String scrape() {
        return Metrics.registry().scrape();
    }
}

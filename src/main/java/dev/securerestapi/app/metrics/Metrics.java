package dev.securerestapi.app.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * This web application's metrics, in Prometheus's text format at {@code /metrics} (web.xml lets
 * role {@code monitor} read it, and nobody else). Micrometer names them; Prometheus sees
 * {@code http_server_requests_seconds} (by route template, method and status: Jersey's
 * micrometer module), {@code secure_rest_api_*} (logins, throttle, verified-login cache, realm,
 * database: {@link ContainerMetrics}, {@link #queryTimer}) and the JVM's own. No label holds a user
 * name, a raw path or anything else a client chooses freely: routes are the resources' templates,
 * everything else is a fixed set of values.
 */
public final class Metrics {

    public static final String REQUESTS = "http.server.requests";

    /** Held here: Micrometer keeps only a weak reference to what a gauge or function counter reads. */
    private static final ContainerMetrics CONTAINER = new ContainerMetrics();
    private static final PrometheusMeterRegistry REGISTRY = create();

    private Metrics() {}

    public static PrometheusMeterRegistry registry() {
        return REGISTRY;
    }

    private static final java.util.Map<String, Timer> QUERY_TIMERS = new java.util.concurrent.ConcurrentHashMap<>();

    /** The time of one database operation ({@code operation}: a fixed name such as create, page), made once per name. */
    public static Timer queryTimer(String operation) {
        return QUERY_TIMERS.computeIfAbsent(operation, name -> Timer.builder("secure.rest.api.db.queries")
                .description("Time of the application's database operations").tag("operation", name).register(REGISTRY));
    }

    /** {@code secure_rest_api_build_info{version, commit} 1}: what this instance runs. Registered once, when the application starts. */
    public static void buildInfo(BuildInfo info) {
        Gauge.builder("secure.rest.api.build.info", () -> 1).description("The version and commit this instance was built from")
                .tag("version", info.version()).tag("commit", info.commit()).strongReference(true).register(REGISTRY);
    }

    private static final String CONTAINER_ERRORS = "secure.rest.api.container.errors";
    /** The methods a request label may name; any other is {@link #OTHER}. */
    static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE", "CONNECT");
    static final String OTHER = "OTHER";

    /**
     * The request's method and status as a label may hold them: a method not in {@link #METHODS},
     * and a status that is not three digits from 100 to 599, is {@link #OTHER}. A client can
     * send any method, so each new one would otherwise add a set of series (a histogram's buckets
     * for each route and status) that never goes away.
     */
    static Meter.Id bounded(Meter.Id id) {
        List<Tag> tags = new ArrayList<>();
        for (Tag tag : id.getTagsAsIterable()) {
            tags.add(switch (tag.getKey()) {
                case "method" -> METHODS.contains(tag.getValue()) ? tag : Tag.of("method", OTHER);
                case "status" -> tag.getValue().matches("[1-5][0-9][0-9]") ? tag : Tag.of("status", OTHER);
                default -> tag;
            });
        }
        return id.replaceTags(tags);
    }

    /** An error the container answered itself (the 401 and 403 of web.xml's constraints, ...), by status. */
    public static void containerAnswered(int status) {
        Counter.builder(CONTAINER_ERRORS).description("Errors the container answered before the application ran")
                .tag("status", Integer.toString(status)).register(REGISTRY).increment();
    }

    private static PrometheusMeterRegistry create() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                return id.getName().equals(REQUESTS) || id.getName().equals(CONTAINER_ERRORS) ? bounded(id) : id;
            }

            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getName().equals(REQUESTS) || id.getName().equals("secure.rest.api.db.queries")) {
                    // a latency histogram Prometheus can aggregate across instances, 1 ms to 10 s
                    return DistributionStatisticConfig.builder().percentilesHistogram(true)
                            .minimumExpectedValue((double) Duration.ofMillis(1).toNanos())
                            .maximumExpectedValue((double) Duration.ofSeconds(10).toNanos())
                            .build().merge(config);
                }
                return config;
            }
        });
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        CONTAINER.bindTo(registry);
        return registry;
    }
}

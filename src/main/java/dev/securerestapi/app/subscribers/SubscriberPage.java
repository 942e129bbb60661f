package dev.securerestapi.app.subscribers;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One page of the list: {@code next} is the URI of the following page, absent on the last one;
 * {@code total} counts every subscriber.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubscriberPage(List<Subscriber> items, int limit, long total, String next) {}

package dev.cacheaudit.benchmarks;

import java.io.Serializable;

/** A small cached value; serializable so that the Redis cache can store it with its default serializer. */
public record Item(long id, String name, long priceCents) implements Serializable {}

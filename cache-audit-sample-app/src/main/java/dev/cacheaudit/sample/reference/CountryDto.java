package dev.cacheaudit.sample.reference;

import java.io.Serializable;

/** A country as the API shows it. */
public record CountryDto(String code, String name) implements Serializable {}

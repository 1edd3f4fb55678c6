package dev.parley.control.web;

import io.micronaut.serde.annotation.Serdeable;

/** One entry of a problem's {@code errors} array: which input field is wrong and why. */
@Serdeable
public record FieldError(String field, String reason) {}

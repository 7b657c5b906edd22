package com.fasterxml.jackson.annotation;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/** Stub of Jackson's JsonTypeInfo annotation. */
@Retention(RetentionPolicy.RUNTIME)
public @interface JsonTypeInfo {
    enum Id { NONE, CLASS, MINIMAL_CLASS, NAME, SIMPLE_NAME, DEDUCTION, CUSTOM }

    Id use();

    String property() default "";
}

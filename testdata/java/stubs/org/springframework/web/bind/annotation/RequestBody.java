package org.springframework.web.bind.annotation;

public @interface RequestBody {
    String value() default "";
}

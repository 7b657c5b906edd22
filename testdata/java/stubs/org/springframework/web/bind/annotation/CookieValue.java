package org.springframework.web.bind.annotation;

public @interface CookieValue {
    String value() default "";
}

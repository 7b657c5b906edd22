package javax.ws.rs;

public @interface HeaderParam {
    String value();
}

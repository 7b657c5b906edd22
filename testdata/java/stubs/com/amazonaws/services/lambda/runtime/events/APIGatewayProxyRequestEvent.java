package com.amazonaws.services.lambda.runtime.events;

public class APIGatewayProxyRequestEvent {
    public String getBody() {
        return "";
    }

    public java.util.Map<String, String> getQueryStringParameters() {
        return new java.util.HashMap<>();
    }

    public java.util.Map<String, String> getPathParameters() {
        return new java.util.HashMap<>();
    }
}

package org.springframework.expression.spel.standard;

public class SpelExpressionParser implements org.springframework.expression.ExpressionParser {
    public org.springframework.expression.Expression parseExpression(String expressionString) {
        return null;
    }
}

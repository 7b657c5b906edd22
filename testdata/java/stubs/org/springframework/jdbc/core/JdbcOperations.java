package org.springframework.jdbc.core;

public interface JdbcOperations {
    java.util.List<java.util.Map<String, Object>> queryForList(String sql, Object... args);

    int update(String sql, Object... args);

    void execute(String sql);
}

package com.example.orders;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.servlet.http.HttpServletRequest;
import javax.sql.DataSource;

/** Reads orders from the database. */
public class OrderRepository {
    private final DataSource dataSource;

    public OrderRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Defect: the customer id from the request is concatenated into the SQL text. */
    public List<String> ordersOf(HttpServletRequest request) throws SQLException {
        String customer = request.getParameter("customer");
        List<String> ids = new ArrayList<>();
        try (Connection conn = dataSource.getConnection()) {
            Statement stmt = conn.createStatement();
            ResultSet rs = stmt.executeQuery(
                    "SELECT id FROM orders WHERE customer = '" + customer + "'");
            while (rs.next()) {
                ids.add(rs.getString("id"));
            }
        }
        return ids;
    }

    /** Clean: a parameterised query, statement and result set closed by try-with-resources. */
    public int countOrders(HttpServletRequest request) throws SQLException {
        String customer = request.getParameter("customer");
        try (Connection conn = dataSource.getConnection();
                PreparedStatement ps =
                        conn.prepareStatement("SELECT COUNT(*) FROM orders WHERE customer = ?")) {
            ps.setString(1, customer);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }
}

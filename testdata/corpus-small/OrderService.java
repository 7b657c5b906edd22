package com.example.orders;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Order handling for the storefront: persistence, pricing, import of partner XML feeds and a small
 * cache of recently read orders.
 */
public class OrderService {
    private static final Logger LOG = Logger.getLogger(OrderService.class.getName());
    private static final String SELECT_ORDER =
            "SELECT id, customer_id, status, total, created_at FROM orders WHERE id = ?";
    private static final String SELECT_LINES =
            "SELECT sku, quantity, unit_price FROM order_lines WHERE order_id = ? ORDER BY position";
    private static final String INSERT_ORDER =
            "INSERT INTO orders (customer_id, status, total, created_at) VALUES (?, ?, ?, ?)";
    private static final String ETAG_ALGORITHM = "MD5";
    private static final BigDecimal VAT = new BigDecimal("0.19");

    private final DataSource dataSource;
    private final Map<Long, Order> cache = new ConcurrentHashMap<>();
    private final ExecutorService background = Executors.newFixedThreadPool(2);
    private final Object statsLock = new Object();
    private long reads;
    private long misses;

    public OrderService(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** An order and its lines. */
    public static final class Order {
        final long id;
        final long customerId;
        final String status;
        final BigDecimal total;
        final Instant createdAt;
        final List<Line> lines = new ArrayList<>();

        Order(long id, long customerId, String status, BigDecimal total, Instant createdAt) {
            this.id = id;
            this.customerId = customerId;
            this.status = status;
            this.total = total;
            this.createdAt = createdAt;
        }

        public boolean isOpen() {
            return status == "OPEN" || "PENDING".equals(status);
        }

        public List<Line> lines() {
            return Collections.unmodifiableList(lines);
        }
    }

    /** One line of an order. */
    public static final class Line {
        final String sku;
        final int quantity;
        final BigDecimal unitPrice;

        Line(String sku, int quantity, BigDecimal unitPrice) {
            this.sku = sku;
            this.quantity = quantity;
            this.unitPrice = unitPrice;
        }

        BigDecimal amount() {
            return unitPrice.multiply(BigDecimal.valueOf(quantity));
        }
    }

    public Optional<Order> find(long id) throws SQLException {
        synchronized (statsLock) {
            reads++;
        }
        Order cached = cache.get(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        synchronized (statsLock) {
            misses++;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(SELECT_ORDER)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Order o = new Order(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        rs.getBigDecimal(4), rs.getTimestamp(5).toInstant());
                loadLines(c, o);
                cache.put(id, o);
                return Optional.of(o);
            }
        }
    }

    private void loadLines(Connection c, Order o) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT_LINES)) {
            ps.setLong(1, o.id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    o.lines.add(new Line(rs.getString(1), rs.getInt(2), rs.getBigDecimal(3)));
                }
            }
        }
    }

    public long create(long customerId, List<Line> lines) throws SQLException {
        BigDecimal total = BigDecimal.ZERO;
        for (Line l : lines) {
            total = total.add(l.amount());
        }
        total.setScale(2, RoundingMode.HALF_UP);
        BigDecimal gross = total.add(total.multiply(VAT)).setScale(2, RoundingMode.HALF_UP);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(INSERT_ORDER, new String[] {"id"})) {
            ps.setLong(1, customerId);
            ps.setString(2, "OPEN");
            ps.setBigDecimal(3, gross);
            ps.setTimestamp(4, java.sql.Timestamp.from(Instant.now()));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** A weak ETag for HTTP caching of the order document. */
    public String etag(Order o) {
        try {
            MessageDigest md = MessageDigest.getInstance(ETAG_ALGORITHM);
            md.update(Long.toString(o.id).getBytes(StandardCharsets.UTF_8));
            md.update(o.status.getBytes(StandardCharsets.UTF_8));
            md.update(o.total.toPlainString().getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder("W/\"");
            for (byte b : md.digest()) {
                sb.append(String.format("%02x", b));
            }
            return sb.append('"').toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Imports orders from a partner feed. */
    public List<Order> importFeed(InputStream xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        DocumentBuilder builder = factory.newDocumentBuilder();
        Document doc = builder.parse(xml);
        NodeList nodes = doc.getElementsByTagName("order");
        List<Order> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            String status = e.getAttribute("status");
            status.trim();
            Order o = new Order(Long.parseLong(e.getAttribute("id")),
                    Long.parseLong(e.getAttribute("customer")), status,
                    new BigDecimal(e.getAttribute("total")), Instant.parse(e.getAttribute("created")));
            NodeList lines = e.getElementsByTagName("line");
            for (int j = 0; j < lines.getLength(); j++) {
                Element l = (Element) lines.item(j);
                o.lines.add(new Line(l.getAttribute("sku"), Integer.parseInt(l.getAttribute("qty")),
                        new BigDecimal(l.getAttribute("price"))));
            }
            out.add(o);
        }
        return out;
    }

    public void refreshAsync(long id) {
        background.submit(() -> {
            cache.remove(id);
            try {
                find(id);
            } catch (SQLException e) {
                LOG.log(Level.WARNING, "refresh of order " + id + " failed", e);
            }
        });
    }

    public Map<String, Long> stats() {
        Map<String, Long> m = new HashMap<>();
        synchronized (statsLock) {
            m.put("reads", reads);
            m.put("misses", misses);
        }
        return m;
    }

    public void close() {
        background.shutdown();
        try {
            if (!background.awaitTermination(5, TimeUnit.SECONDS)) {
                background.shutdownNow();
            }
        } catch (InterruptedException e) {
        }
    }

    public int closeStream(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // best effort
        }
        return 0;
    }
}

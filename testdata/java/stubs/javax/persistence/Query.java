package javax.persistence;

public interface Query {
    Query setParameter(String name, Object value);

    java.util.List<?> getResultList();
}

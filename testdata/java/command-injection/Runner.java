package fixtures.cmd;

public interface Runner {
    String prepare(String input);
}

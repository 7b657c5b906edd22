package fixtures.cmd;

public class EchoRunner implements Runner {
    @Override
    public String prepare(String input) {
        return "echo " + input;
    }
}

package fixtures.cmd.dispatch;

public class SafeJob implements Job {
    @Override
    public void start(String arg) {
        System.out.println(arg.length());
    }
}

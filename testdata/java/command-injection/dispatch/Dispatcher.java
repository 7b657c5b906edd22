package fixtures.cmd.dispatch;

import java.io.IOException;
import javax.servlet.http.HttpServletRequest;

public class Dispatcher {
    void good(HttpServletRequest request) throws IOException {
        Action a = new GoodAction();
        a.run(request.getParameter("data"));
    }

    void goodInterface(HttpServletRequest request) throws IOException {
        Job j = new SafeJob();
        j.start(request.getParameter("arg"));
    }

    /** Reassigned on one branch: either class may run, so ShellJob receives the input. */
    void reassigned(HttpServletRequest request, boolean shell) throws IOException {
        Job j = new SafeJob();
        if (shell) {
            j = new ShellJob();
        }
        j.start(request.getParameter("arg"));
    }
}

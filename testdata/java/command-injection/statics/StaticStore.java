package fixtures.statics;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

// Stores request input into the static fields of another class.
public class StaticStore extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) {
        StaticHolder.value = request.getParameter("cmd");
        StaticHolder.constant = "whoami";
        // A number: the digits of a parsed integer carry no command.
        StaticHolder.number = String.valueOf(Integer.parseInt(request.getParameter("n")));
        OtherHolder.value = "hostname";
        Pipeline.stage = request.getHeader("X-Stage");
    }
}

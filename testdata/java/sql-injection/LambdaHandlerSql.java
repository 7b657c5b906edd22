package fixtures.sql;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

public class LambdaHandlerSql {
    private Connection connection;

    public String handleRequest(APIGatewayProxyRequestEvent event) throws SQLException {
        Map<String, String> query = event.getQueryStringParameters();
        String user = query.get("user");
        // ruleid: java/sql-injection
        connection.createStatement().executeQuery("SELECT * FROM t WHERE u='" + user + "'");
        Map<String, String> path = event.getPathParameters();
        int page = Integer.parseInt(path.get("page"));
        // ok: java/sql-injection -- parsed as an int
        connection.createStatement().executeQuery("SELECT * FROM t LIMIT 10 OFFSET " + page);
        return "ok";
    }
}

// Starts AWS's DynamoDB Local on 127.0.0.1 only (its own launcher binds every interface and has no option for the
// host), on a port the system picks, and prints "DynamoDB Local listening on 127.0.0.1:<port>" once it accepts.
// Run in source-file mode by DynamoDbLocalInstance: java -cp <jar and libs> LoopbackDynamoDbLocal.java <its options>.
// The test process holds this process's stdin: when that process ends, even by SIGKILL, stdin closes and this exits.
import java.lang.reflect.Field;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

public final class LoopbackDynamoDbLocal {
    public static void main(String[] args) throws Exception {
        DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
        Field field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        Server server = (Server) field.get(proxy);
        ServerConnector connector = (ServerConnector) server.getConnectors()[0];
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        proxy.start();
        System.out.println("DynamoDB Local listening on 127.0.0.1:" + connector.getLocalPort());
        System.out.flush();
        while (System.in.read() >= 0) {
            // Drain until the parent closes the pipe.
        }
        proxy.stop();
        System.exit(0);
    }
}

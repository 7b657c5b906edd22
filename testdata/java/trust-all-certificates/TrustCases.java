import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509TrustManager;

class TrustAll implements X509TrustManager {
    public void checkClientTrusted(X509Certificate[] chain, String auth) { }
    // ruleid: java/trust-all-certificates
    public void checkServerTrusted(X509Certificate[] chain, String auth) { }
    public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
}

class Delegating implements X509TrustManager {
    private final X509TrustManager delegate;
    Delegating(X509TrustManager d) { delegate = d; }
    public void checkClientTrusted(X509Certificate[] chain, String auth) throws CertificateException {
        delegate.checkClientTrusted(chain, auth);
    }
    // ok: java/trust-all-certificates -- delegates to a real trust manager
    public void checkServerTrusted(X509Certificate[] chain, String auth) throws CertificateException {
        delegate.checkServerTrusted(chain, auth);
    }
    public X509Certificate[] getAcceptedIssuers() { return delegate.getAcceptedIssuers(); }
}

class NotATrustManager {
    // ok: java/trust-all-certificates -- same name, unrelated class
    public void checkServerTrusted(X509Certificate[] chain, String auth) { }
}

class AllHosts implements HostnameVerifier {
    @Override
    // ruleid: java/trust-all-certificates
    public boolean verify(String host, SSLSession session) {
        return true;
    }
}

class Verifiers {
    void install(HttpsURLConnection conn, String expected) {
        // ruleid: java/trust-all-certificates
        conn.setHostnameVerifier((h, s) -> true);
        // ruleid: java/trust-all-certificates
        HostnameVerifier any = (h, s) -> { return true; };
        // ok: java/trust-all-certificates -- checks the host
        conn.setHostnameVerifier((h, s) -> h.equals(expected));
        X509TrustManager anon = new X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] c, String a) { }
            // ruleid: java/trust-all-certificates
            public void checkServerTrusted(X509Certificate[] c, String a) {
                // trust everyone
            }
            public X509Certificate[] getAcceptedIssuers() { return null; }
        };
        HttpsURLConnection.setDefaultHostnameVerifier(any);
    }
}

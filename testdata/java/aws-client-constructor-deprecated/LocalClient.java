class LocalClient {
    // A class of the project that happens to be named like an SDK client.
    static class AmazonS3Client {
    }

    Object make() {
        // ok: java/aws-client-constructor-deprecated -- declared in this file, not the SDK's
        return new AmazonS3Client();
    }
}

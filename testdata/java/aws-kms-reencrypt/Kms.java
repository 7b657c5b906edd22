import com.amazonaws.services.kms.AWSKMS;
import com.amazonaws.services.kms.model.DecryptRequest;
import com.amazonaws.services.kms.model.EncryptRequest;
import java.nio.ByteBuffer;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptResponse;

class Kms {
    private final KmsClient kms = KmsClient.create();

    SdkBytes rotateV2(SdkBytes blob, String newKey) {
        DecryptResponse plain = kms.decrypt(r -> r.ciphertextBlob(blob));
        // ruleid: java/aws-kms-reencrypt
        return kms.encrypt(r -> r.keyId(newKey).plaintext(plain.plaintext())).ciphertextBlob();
    }

    ByteBuffer rotateV1(AWSKMS v1, ByteBuffer blob, String newKey) {
        ByteBuffer plain = v1.decrypt(new DecryptRequest().withCiphertextBlob(blob)).getPlaintext();
        // ruleid: java/aws-kms-reencrypt
        return v1.encrypt(new EncryptRequest().withKeyId(newKey).withPlaintext(plain)).getCiphertextBlob();
    }

    SdkBytes reEncrypt(SdkBytes blob, String newKey) {
        // ok: java/aws-kms-reencrypt -- done inside KMS
        return kms.reEncrypt(r -> r.ciphertextBlob(blob).destinationKeyId(newKey)).ciphertextBlob();
    }

    SdkBytes encryptOnly(SdkBytes data, String key) {
        // ok: java/aws-kms-reencrypt -- nothing was decrypted here
        return kms.encrypt(r -> r.keyId(key).plaintext(data)).ciphertextBlob();
    }
}

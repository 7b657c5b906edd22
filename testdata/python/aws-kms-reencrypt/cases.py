import boto3

kms = boto3.client("kms")


def rotate(blob, new_key):
    plain = kms.decrypt(CiphertextBlob=blob)["Plaintext"]
    # ruleid: python/aws-kms-reencrypt
    return kms.encrypt(KeyId=new_key, Plaintext=plain)["CiphertextBlob"]


def rotate_with(client, blob, new_key):
    kms_client = client
    plain = kms_client.decrypt(CiphertextBlob=blob, KeyId="alias/old")["Plaintext"]
    # ruleid: python/aws-kms-reencrypt
    return kms_client.encrypt(KeyId=new_key, Plaintext=plain)["CiphertextBlob"]


def rotate_properly(blob, new_key):
    # ok: python/aws-kms-reencrypt -- re_encrypt keeps the plaintext inside KMS
    return kms.re_encrypt(CiphertextBlob=blob, DestinationKeyId=new_key)["CiphertextBlob"]


def seal(data, key):
    # ok: python/aws-kms-reencrypt -- encrypt alone
    return kms.encrypt(KeyId=key, Plaintext=data)["CiphertextBlob"]


def open_and_use(blob):
    # ok: python/aws-kms-reencrypt -- decrypt alone, plaintext used
    return kms.decrypt(CiphertextBlob=blob)["Plaintext"].decode()

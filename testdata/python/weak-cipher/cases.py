from Crypto.Cipher import AES, DES
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes


def seal(key, data, iv):
    # ruleid: python/weak-cipher
    a = AES.new(key, AES.MODE_ECB).encrypt(data)
    # ruleid: python/weak-cipher
    b = DES.new(key, DES.MODE_CBC, iv)
    # ruleid: python/weak-cipher
    c = Cipher(algorithms.TripleDES(key), modes.CBC(iv))
    # ruleid: python/weak-cipher
    d = Cipher(algorithms.AES(key), modes.ECB())
    # ok: python/weak-cipher -- authenticated mode
    e = AES.new(key, AES.MODE_GCM)
    # ok: python/weak-cipher -- AES-CBC from cryptography
    f = Cipher(algorithms.AES(key), modes.CBC(iv))
    return a, b, c, d, e, f


def keys():
    from Crypto.PublicKey import RSA
    from cryptography.hazmat.primitives.asymmetric import rsa

    # ruleid: python/weak-cipher
    a = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    # ruleid: python/weak-cipher
    b = RSA.generate(1024)
    # ok: python/weak-cipher -- 3072 bits
    c = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    # ok: python/weak-cipher -- 2048 bits
    d = RSA.generate(2048)
    return a, b, c, d

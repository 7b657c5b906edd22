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

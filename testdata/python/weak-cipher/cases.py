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


LEGACY_MODE = AES.MODE_ECB
KEY_BITS = 1024
STRONG_BITS = 4096


def mode_from_constant(key, data):
    # ruleid: python/weak-cipher
    return AES.new(key, LEGACY_MODE).encrypt(data)


def mode_from_local(key, data):
    mode = AES.MODE_ECB
    # ruleid: python/weak-cipher
    return AES.new(key, mode).encrypt(data)


def mode_local_strong(key, data):
    mode = AES.MODE_GCM
    # ok: python/weak-cipher -- GCM through a local alias
    return AES.new(key, mode).encrypt_and_digest(data)


def ecb_constructor_alias(key):
    ecb = modes.ECB
    # ruleid: python/weak-cipher
    return Cipher(algorithms.AES(key), ecb())


def sizes(bits=1024):
    from Crypto.PublicKey import RSA
    from cryptography.hazmat.primitives.asymmetric import rsa

    # ruleid: python/weak-cipher
    a = RSA.generate(bits)
    # ruleid: python/weak-cipher
    b = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
    # ok: python/weak-cipher -- 4096 bits from a module constant
    c = rsa.generate_private_key(public_exponent=65537, key_size=STRONG_BITS)
    size = 1024
    size = 3072
    # ok: python/weak-cipher -- overwritten with 3072 before the call
    d = RSA.generate(size)
    return a, b, c, d


def caller_sized(bits):
    from Crypto.PublicKey import RSA

    # ok: python/weak-cipher -- the size is chosen by the caller, no default
    return RSA.generate(bits)

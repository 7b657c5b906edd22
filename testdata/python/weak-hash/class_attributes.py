"""The algorithm is a class attribute read through `self`."""
import hashlib


class PasswordHasher:
    algorithm = "md5"
    rounds = 1

    def encode(self, password, salt):
        # ruleid: python/weak-hash
        return hashlib.new(self.algorithm, (salt + password).encode()).hexdigest()


class StrongHasher:
    algorithm = "sha256"

    def encode(self, password, salt):
        # ok: python/weak-hash -- a strong algorithm
        return hashlib.new(self.algorithm, (salt + password).encode()).hexdigest()


class ConfigurableHasher:
    algorithm = "md5"

    def __init__(self, algorithm):
        self.algorithm = algorithm

    def encode(self, password):
        # ok: python/weak-hash -- the constructor replaces the class default with its argument
        return hashlib.new(self.algorithm, password.encode()).hexdigest()


class BaseHasher:
    algorithm = "md5"

    def encode(self, password):
        # ok: python/weak-hash -- a subclass overrides the algorithm; which one runs is not known here
        return hashlib.new(self.algorithm, password.encode()).hexdigest()


class Sha512Hasher(BaseHasher):
    algorithm = "sha512"

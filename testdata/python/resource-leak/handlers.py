"""An `except` clause catches only the exceptions it names: what it does not name leaves the
function with the resource open. `except OSError` (and the DB-API `Error`) is taken to catch what
I/O on the resource raises."""
import socket


def read_narrow(path):
    # ruleid: python/resource-leak-on-exception
    f = open(path, "rb")
    try:
        data = f.read()
    except ValueError:
        f.close()
        raise
    f.close()
    return data


def read_catch_all(path):
    # ok: python/resource-leak-on-exception -- except Exception catches what read() raises
    f = open(path, "rb")
    try:
        data = f.read()
    except Exception:
        f.close()
        raise
    f.close()
    return data


def read_bare_except(path):
    # ok: python/resource-leak-on-exception -- a bare except catches everything
    f = open(path, "rb")
    try:
        data = f.read()
    except:  # noqa: E722
        f.close()
        raise
    f.close()
    return data


def read_tuple_with_base(path):
    # ok: python/resource-leak-on-exception -- the tuple names BaseException
    f = open(path, "rb")
    try:
        data = f.read()
    except (OSError, BaseException):
        f.close()
        raise
    f.close()
    return data


def read_narrow_tuple(path):
    # ruleid: python/resource-leak-on-exception
    f = open(path, "rb")
    try:
        data = f.read()
    except (UnicodeDecodeError, ValueError) as e:
        f.close()
        raise RuntimeError(path) from e
    f.close()
    return data


def read_narrow_in_finally(path):
    # ok: python/resource-leak-on-exception -- the finally closes it whatever the except names
    f = open(path, "rb")
    try:
        try:
            return f.read()
        except OSError:
            return b""
    finally:
        f.close()


def send_nested_narrow(host, data):
    # ruleid: python/resource-leak-on-exception
    sock = socket.create_connection((host, 80), timeout=5)
    try:
        try:
            sock.sendall(data)
        except ConnectionResetError:
            sock.close()
            return False
    except TimeoutError:
        sock.close()
        return False
    sock.close()
    return True


def send_nested_catch_all(host, data):
    # ok: python/resource-leak-on-exception -- the outer clause catches the rest
    sock = socket.create_connection((host, 80), timeout=5)
    try:
        try:
            sock.sendall(data)
        except ConnectionResetError:
            sock.close()
            return False
    except Exception:
        sock.close()
        return False
    sock.close()
    return True


def name_only(path):
    # ok: python/resource-leak -- nothing between the open and the close raises
    f = open(path, "rb")
    try:
        name = f.name
    except AttributeError:
        name = path
    f.close()
    return name


def narrow_then_with(path):
    # ok: python/resource-leak-on-exception -- with closes it on every path
    with open(path, "rb") as f:
        try:
            return f.read()
        except OSError:
            return b""


def connect_or_close(host, port):
    # ok: python/resource-leak-on-exception -- except OSError catches what connect() raises
    s = socket.socket()
    try:
        # ruleid: python/socket-without-timeout -- also a finding of this rule (the example code does it)
        s.connect((host, port))
    except OSError:
        s.close()
        raise
    return s


def connect_or_close_socket_error(host, port):
    # ok: python/resource-leak-on-exception -- socket.error is OSError
    s = socket.socket()
    try:
        # ruleid: python/socket-without-timeout -- also a finding of this rule (the example code does it)
        s.connect((host, port))
    except socket.error:
        s.close()
        raise
    return s


def connect_timeout_only(host, port):
    # ruleid: python/resource-leak-on-exception
    s = socket.socket()
    try:
        # ruleid: python/socket-without-timeout -- also a finding of this rule (the example code does it)
        s.connect((host, port))
    except socket.timeout:
        s.close()
        raise
    return s


def pair_with_bare_except(addr):
    # ok: python/resource-leak-on-exception -- the bare except closes it before the finally runs
    lsock = socket.socket()
    try:
        csock = socket.socket()
        try:
            try:
                csock.connect(addr)
            except (BlockingIOError, InterruptedError):
                pass
            csock.setblocking(True)
        except:  # noqa: E722
            csock.close()
            raise
    finally:
        lsock.close()
    return csock


def connect_module_error(address, timeout):
    # ok: python/resource-leak-on-exception -- a module's `error` is its OSError (socket.error)
    sock = socket.socket()
    try:
        sock.settimeout(timeout)
        sock.connect(address)
        return sock
    except error:
        sock.close()
        raise


def open_with_timeout(address, timeout):
    # ok: python/resource-leak-on-exception -- settimeout() does not raise because of a resource
    result = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    result.settimeout(timeout)
    try:
        result.connect(address)
    except OSError:
        result.close()
        raise
    return result


def make_socket():
    return open_with_timeout("/tmp/s", 1.0)


error = OSError


def connect_nested_bare_except(addr):
    # ok: python/resource-leak-on-exception -- the outer bare except closes what the inner one lets through
    csock = socket.socket()
    try:
        try:
            csock.connect(addr)
        except (BlockingIOError, InterruptedError):
            pass
        csock.setblocking(True)
    except:  # noqa: E722
        csock.close()
        raise
    return csock


def connect_bare_except_in_finally(addr):
    # ok: python/resource-leak-on-exception -- the bare except closes it before the finally runs
    lsock = socket.socket()
    try:
        csock = socket.socket()
        try:
            # ruleid: python/socket-without-timeout -- also a finding of this rule (the example code does it)
            csock.connect(addr)
        except:  # noqa: E722
            csock.close()
            raise
    finally:
        lsock.close()
    return csock


def connect_caught_then_finally(addr):
    # ok: python/resource-leak-on-exception -- caught and closed; the finally closes the other one
    lsock = socket.socket()
    try:
        csock = socket.socket()
        try:
            try:
                # ruleid: python/socket-without-timeout -- also a finding of this rule (the example code does it)
                csock.connect(addr)
            except (BlockingIOError, InterruptedError):
                pass
        except Exception:
            csock.close()
            raise
    finally:
        lsock.close()
    return csock


def first_that_connects(addresses):
    for af, sa in addresses:
        sock = None
        try:
            # ok: python/resource-leak-on-exception -- closed by the except clause, which names OSError
            sock = socket.socket(af, socket.SOCK_STREAM)
            # ruleid: python/socket-without-timeout -- also a finding of this rule (the example code does it)
            sock.connect(sa)
            return sock
        except OSError as exc:
            print(exc)
            if sock is not None:
                sock.close()
    return None


def first_that_connects_narrow(addresses):
    for af, sa in addresses:
        sock = None
        try:
            # ruleid: python/resource-leak-on-exception
            sock = socket.socket(af, socket.SOCK_STREAM)
            # ruleid: python/socket-without-timeout -- also a finding of this rule (the example code does it)
            sock.connect(sa)
            return sock
        except ConnectionRefusedError as exc:
            print(exc)
            if sock is not None:
                sock.close()
    return None

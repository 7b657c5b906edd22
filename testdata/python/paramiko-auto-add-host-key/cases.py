import paramiko
import paramiko as pm
from paramiko import AutoAddPolicy, RejectPolicy, SSHClient, WarningPolicy
from paramiko.client import AutoAddPolicy as Trusting


def auto_add(host):
    client = paramiko.SSHClient()
    # ruleid: python/paramiko-auto-add-host-key
    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
    client.connect(host)
    return client


def warning(host):
    client = SSHClient()
    # ruleid: python/paramiko-auto-add-host-key
    client.set_missing_host_key_policy(WarningPolicy())
    client.connect(host)
    return client


def class_not_instance(host):
    client = SSHClient()
    # ruleid: python/paramiko-auto-add-host-key
    client.set_missing_host_key_policy(AutoAddPolicy)
    client.connect(host)
    return client


def aliased(host):
    client = pm.SSHClient()
    # ruleid: python/paramiko-auto-add-host-key
    client.set_missing_host_key_policy(Trusting())
    client.connect(host)
    return client


def reject(host):
    client = SSHClient()
    client.load_system_host_keys()
    # ok: python/paramiko-auto-add-host-key -- unknown hosts are rejected
    client.set_missing_host_key_policy(RejectPolicy())
    client.connect(host)
    return client


class AutoAddPolicyLike:
    pass


def own_policy(host):
    client = SSHClient()
    # ok: python/paramiko-auto-add-host-key -- a project class, not paramiko's policy
    client.set_missing_host_key_policy(AutoAddPolicyLike())
    client.connect(host)
    return client

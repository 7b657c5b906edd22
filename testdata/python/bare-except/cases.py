import logging


def run(job):
    try:
        job()
    # ruleid: python/bare-except
    except:
        logging.error("job failed")


def cleanup(job, tmp):
    try:
        job()
    # ok: python/bare-except -- cleans up and re-raises
    except:
        tmp.cleanup()
        raise


def typed(job):
    try:
        job()
    # ok: python/bare-except -- catches Exception only
    except Exception:
        logging.exception("job failed")

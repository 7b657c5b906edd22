def create_variable_noncompliant():
    import os
    # ruleid: python/aws-lambda-reserved-env-var
    os.environ['_HANDLER'] = "value"

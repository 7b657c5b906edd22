"""SQLAlchemy statements whose values are bound parameters."""
import json
import os

from sqlalchemy import create_engine, text

engine = create_engine(os.environ["DATABASE_URL"])
INSERT_SALE = text("INSERT INTO sales (product, amount) VALUES (:product, :amount)")


def handler(event, context):
    with engine.begin() as conn:
        for record in event["Records"]:
            sale = json.loads(record["body"])
            stmt = INSERT_SALE.bindparams(product=sale["product"], amount=sale["amount"])
            # ok: python/sql-injection -- the values are bound parameters of a constant statement
            conn.execute(stmt)


def by_region(event, context):
    region = event["queryStringParameters"]["region"]
    with engine.connect() as conn:
        # ruleid: python/sql-injection
        stmt = text("SELECT * FROM sales WHERE region = '" + region + "'").bindparams()
        rows = conn.execute(stmt).fetchall()
    return {"statusCode": 200, "body": json.dumps([dict(r._mapping) for r in rows])}

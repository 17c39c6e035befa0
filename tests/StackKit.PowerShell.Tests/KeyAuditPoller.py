"""Plays Lambda's DynamoDB stream poller for the key audit function (moto's own event source mapping would run the
function in Docker with an image it cannot pull, and then drop the records). Reads every record of the table's stream
from the oldest (TRIM_HORIZON, as the template's mapping starts), hands them in one batch, in Lambda's event shape
(ApproximateCreationDateTime as epoch seconds, eventSourceARN), to the function's own code read from the deployed
template, and prints what the function prints: the audit lines Lambda would deliver to the audit log group.
Usage: python3 KeyAuditPoller.py ENDPOINT TABLE FUNCTION_SOURCE_FILE   (env: STACK_NAME, TOPIC_ARN, AWS credentials)"""
import importlib.util
import sys

import boto3

endpoint, table, source = sys.argv[1:4]
streams = boto3.client("dynamodbstreams", endpoint_url=endpoint)
arn = boto3.client("dynamodb", endpoint_url=endpoint).describe_table(TableName=table)["Table"]["LatestStreamArn"]
records = []
for shard in streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]:
    iterator = streams.get_shard_iterator(StreamArn=arn, ShardId=shard["ShardId"], ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
    while iterator:
        page = streams.get_records(ShardIterator=iterator)
        records += page["Records"]
        iterator = page.get("NextShardIterator") if page["Records"] else None
for record in records:
    record["dynamodb"]["ApproximateCreationDateTime"] = record["dynamodb"]["ApproximateCreationDateTime"].timestamp()
    record["eventSourceARN"] = arn
spec = importlib.util.spec_from_file_location("index", source)
function = importlib.util.module_from_spec(spec)
spec.loader.exec_module(function)
function.handler({"Records": records}, None)

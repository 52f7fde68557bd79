#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# Baseline of bench/wire.sh: the same N CreateUserProfile calls
# the harness makes through the boto3 adapter, made by boto3 directly in one
# Python process against a static HTTP endpoint, with the adapter's client
# configuration (static credentials, retries off). Usage: URL N
import os
import sys

os.environ["AWS_CONFIG_FILE"] = os.devnull
os.environ["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull
os.environ["AWS_EC2_METADATA_DISABLED"] = "true"
import boto3  # noqa: E402
from botocore.config import Config  # noqa: E402

url, n = sys.argv[1], int(sys.argv[2])
client = boto3.session.Session(aws_access_key_id="AKIDEXAMPLE",
                               aws_secret_access_key="wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                               region_name="us-east-1").client(
    "datazone", endpoint_url=url,
    config=Config(retries={"total_max_attempts": 1}, connect_timeout=5, read_timeout=8,
                  tcp_keepalive=False))
for _ in range(n):
    out = client.create_user_profile(domainIdentifier="dzd_abc123",
                                     userIdentifier="arn:aws:iam::123456789012:user/alice")
    assert out["id"] == "up_123", out

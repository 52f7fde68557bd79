#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
#
# The bundled boto3 adapter run with one thing set wrong on purpose, so a
# test can show the verdict turns red (no false pass) where the harness
# reconciles the mock endpoint with a vector's own endpoint:
#
#   no-host-prefix  botocore's inject_host_prefix off: the request goes to
#                   the bare endpoint host, without the model's hostPrefix
#   no-base-path    the client is built with the hello's endpoint stripped
#                   of its path, so /custom never leads the request path
#
# usage: boto3_misconfigured.py MODE   (a boto3 adapter otherwise)
import os
import runpy
import sys
import urllib.parse

import boto3.session
import botocore.config

MODE = sys.argv[1]
ADAPTER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "adapters",
                       "boto3", "adapter.py")

if MODE == "no-host-prefix":
    _init = botocore.config.Config.__init__

    def _no_prefix(self, *args, **kwargs):
        kwargs["inject_host_prefix"] = False
        _init(self, *args, **kwargs)

    botocore.config.Config.__init__ = _no_prefix
elif MODE == "no-base-path":
    _client = boto3.session.Session.client

    def _bare(self, *args, **kwargs):
        url = kwargs.get("endpoint_url")
        if url:
            u = urllib.parse.urlsplit(url)
            kwargs["endpoint_url"] = "%s://%s" % (u.scheme, u.netloc)
        return _client(self, *args, **kwargs)

    boto3.session.Session.client = _bare
else:
    sys.exit("boto3_misconfigured.py: unknown mode %s" % MODE)

sys.argv = [ADAPTER]
runpy.run_path(ADAPTER, run_name="__main__")

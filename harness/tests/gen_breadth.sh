#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# `sdkconform gen --all` then `replay --impl builtin` over a fixed sample of
# botocore's rest-json models, chosen for the rules gen must get right:
#   apigateway      blob payloads in and out, Content-Type header members
#   appsync         an operation listing one error twice (CreateApiKey)
#   medialive       ids past 256 bytes (nested enums)
#   connect         the biggest model, recursive unions (EvaluationFormItem)
#   neptune-graph   a host prefix with a label ({graphIdentifier}.)
#   sso-oidc        unsigned operations (auth: [smithy.api#noAuth])
#   tnb             blob payloads with an enum Content-Type header
#   bedrock-runtime event streams (skipped) and pattern-bound labels
#   mediastore-data string/blob payload outputs with header members
#   mpa             a literal query key without a value (?List)
# Every service must be clean (tools/breadth; `make breadth` runs them all).
# Skipped (77) when botocore is not importable.
# ctest-labels: no-asan;breadth;slow
set -u
if [ -z "${SDKC:-}" ] || [ ! -x "$SDKC" ]; then
    echo "SKIP: SDKC (path of build/sdkconform) is not set" >&2
    exit 77
fi
src=${SDKC_SOURCE_DIR:?}
if ! python3 -c 'import botocore' 2>/dev/null; then
    echo "SKIP: botocore is not importable" >&2
    exit 77
fi
exec python3 "$src/tools/breadth" --build "$(dirname "$SDKC")" --no-report --jobs 2 \
    --services apigateway,appsync,medialive,connect,neptune-graph,sso-oidc,tnb,bedrock-runtime,mediastore-data,mpa

#!/bin/bash
# ctest-labels: slow
# SPDX-License-Identifier: Apache-2.0
# A slowloris adapter does not change another implementation's verdicts
# (runner.h, the transport checks; server.h time cap): the "slowloris" mode
# of tests/adapters/wire_misbehave.py holds 70 connections trickling header
# lines, past the endpoint's 64-connection limit (with one shared endpoint
# that held every implementation's calls for the 60 s cap: boto3 0/4).
# Beside it, the builtin client and a well-behaved adapter (and boto3, when
# installed) get exactly the verdicts of a run without it. Bounded: each
# run is a few seconds (its own requests time out after 500 ms); the cap
# itself is tested in test_server.c (server_cuts_trickled_headers).
. "$SDKC_SOURCE_DIR/harness/tests/wire_isolation.inc"

start=$(date +%s)
run alone --impl builtin --impl-cmd "$GOOD"
[ "$(cat "$W/alone.rc")" = 0 ] || { bad "alone: exit $(cat "$W/alone.rc")"; cat "$W/alone.out"; }

SLOW="python3 '$A' slowloris --connections 70 --timeout-ms 500"
run slow --impl-cmd "$SLOW" --impl builtin --impl-cmd "$GOOD"
[ "$(cat "$W/slow.rc")" = 1 ] || { bad "slowloris: exit $(cat "$W/slow.rc"), wanted 1"; cat "$W/slow.out"; }
same slow-builtin alone slow '^builtin$'
same slow-good alone slow 'good'

if python3 -c 'import boto3' 2>/dev/null; then
    XF="$SDKC_SOURCE_DIR/harness/adapters/boto3/expected-failures.json"
    run boto3 --impl boto3 --expected-failures "$XF"
    run boto3-slow --impl-cmd "$SLOW" --impl boto3 --expected-failures "$XF"
    same boto3-slow boto3 boto3-slow '^boto3$'
else
    echo "boto3 not installed: its part skipped"
fi
finish wire_slowloris

/* SPDX-License-Identifier: Apache-2.0
 * Tests of app/fuzz_client.c's pure parts: the rule a finding signature
 * carries for the oracle's refusal (one rule, one signature, whatever byte
 * broke it) and --time parsing. The fuzz loop itself is exercised end to
 * end by sh.fuzz_client against planted-defect adapters. */
#include <string.h>

#include "app/fuzz_client.h"
#include "core/buf.h"
#include "tests/test.h"

static int s_rule_is(const char *msg, const char *want)
{
    struct sdkc_buf b;
    int ok;
    sdkc_buf_init(&b, 0);
    sdkc_fuzz_client_rule(&b, msg, 100);
    ok = b.data ? strcmp(b.data, want) == 0 : *want == '\0';
    if (!ok)
        fprintf(stderr, "rule of \"%s\": got \"%s\", wanted \"%s\"\n", msg, b.data ? b.data : "",
                want);
    sdkc_buf_clean_up(&b);
    return ok;
}

SDKC_TEST(rule_drops_where_and_what)
{
    CU_ASSERT(s_rule_is("malformed JSON body: unexpected 'b' at byte 7: expected a string key",
                        "malformed JSON body: unexpected '?'"));
    CU_ASSERT(s_rule_is("malformed JSON body: unexpected 'H' at byte 19: expected a JSON value",
                        "malformed JSON body: unexpected '?'"));
    CU_ASSERT(s_rule_is("malformed JSON body: lone high surrogate escape at byte 12 (RFC 8259 "
                        "§8.2: a low surrogate must follow)",
                        "malformed JSON body: lone high surrogate escape"));
    CU_ASSERT(s_rule_is("at $.type: expected a string (shape UserProfileType), got object",
                        "at $.type: expected a string (shape UserProfileType)"));
    CU_ASSERT(s_rule_is("at $.type: expected a string (shape UserProfileType), got number",
                        "at $.type: expected a string (shape UserProfileType)"));
    CU_ASSERT(s_rule_is("at $.details: union UserProfileDetails must have exactly one member "
                        "set, got 2",
                        "at $.details: union UserProfileDetails must have exactly one member set"));
    /* digits of what stays become '#'; a quoted run longer than a token
     * (16 bytes) is text, kept */
    CU_ASSERT(s_rule_is("HTTP status 103 is not a final response status",
                        "HTTP status # is not a final response status"));
    CU_ASSERT(s_rule_is("member 'a name longer than that' is 5",
                        "member 'a name longer than that' is #"));
    CU_ASSERT(s_rule_is("", ""));
}

SDKC_TEST(rule_is_capped)
{
    char msg[600];
    struct sdkc_buf b;
    memset(msg, 'a', sizeof(msg) - 1);
    msg[sizeof(msg) - 1] = '\0';
    sdkc_buf_init(&b, 0);
    sdkc_fuzz_client_rule(&b, msg, 40);
    CU_ASSERT_EQUAL(b.len, 40);
    sdkc_buf_clean_up(&b);
}

SDKC_TEST(parse_time)
{
    double s = 0;
    CU_ASSERT_EQUAL(sdkc_fuzz_client_parse_time("90", &s), SDKC_OK);
    CU_ASSERT_DOUBLE_EQUAL(s, 90, 1e-9);
    CU_ASSERT_EQUAL(sdkc_fuzz_client_parse_time("10m", &s), SDKC_OK);
    CU_ASSERT_DOUBLE_EQUAL(s, 600, 1e-9);
    CU_ASSERT_EQUAL(sdkc_fuzz_client_parse_time("2h", &s), SDKC_OK);
    CU_ASSERT_DOUBLE_EQUAL(s, 7200, 1e-9);
    CU_ASSERT_NOT_EQUAL(sdkc_fuzz_client_parse_time("", &s), SDKC_OK);
    CU_ASSERT_NOT_EQUAL(sdkc_fuzz_client_parse_time("10x", &s), SDKC_OK);
    CU_ASSERT_NOT_EQUAL(sdkc_fuzz_client_parse_time("-1", &s), SDKC_OK);
}

/* SPDX-License-Identifier: Apache-2.0
 * Tests of core/time: the one date module the codec and the signer share
 * (docs/DESIGN.md: encode accepted 2019-02-31 and sent 2019-03-03 while decode
 * refused it). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "codec/codec.h"
#include "core/json.h"
#include "core/time.h"
#include "tests/test.h"

static double s_rfc3339(const char *s, sdkc_result want)
{
    double t = -1;
    sdkc_result got = sdkc_time_parse_rfc3339(s, strlen(s), &t);
    if (got != want)
        fprintf(stderr, "rfc3339 '%s': wanted %s, got %s\n", s, sdkc_result_str(want),
                sdkc_result_str(got));
    CU_ASSERT_EQUAL(got, want);
    return t;
}

SDKC_TEST(rfc3339_refuses_dates_that_do_not_exist)
{
    s_rfc3339("2019-02-31T00:00:00Z", SDKC_ERR_PARSE);
    s_rfc3339("2019-02-29T00:00:00Z", SDKC_ERR_PARSE);
    s_rfc3339("1900-02-29T00:00:00Z", SDKC_ERR_PARSE); /* century, not a leap year */
    s_rfc3339("2019-04-31T00:00:00Z", SDKC_ERR_PARSE);
    s_rfc3339("2019-13-01T00:00:00Z", SDKC_ERR_PARSE);
    s_rfc3339("0000-01-01T00:00:00Z", SDKC_ERR_PARSE);
    s_rfc3339("2019-12-16T24:00:00Z", SDKC_ERR_PARSE);
    s_rfc3339("2019-12-16T23:48:18", SDKC_ERR_PARSE);   /* no offset */
    s_rfc3339("2019-12-16T23:48:18.Z", SDKC_ERR_PARSE); /* empty fraction */
    s_rfc3339("2019-12-16T23:48:18+0100", SDKC_ERR_PARSE);
    s_rfc3339("2019-12-16T23:48:18Zx", SDKC_ERR_PARSE);
    CU_ASSERT_EQUAL(s_rfc3339("2020-02-29T00:00:00Z", SDKC_OK), 1582934400.0);
    CU_ASSERT_EQUAL(s_rfc3339("2000-02-29T00:00:00Z", SDKC_OK), 951782400.0);
}

SDKC_TEST(rfc3339_offsets_fractions_and_case)
{
    /* RestJsonDateTimeWithNegativeOffset / PositiveOffset */
    CU_ASSERT_EQUAL(s_rfc3339("2019-12-16T22:48:18-01:00", SDKC_OK), 1576540098.0);
    CU_ASSERT_EQUAL(s_rfc3339("2019-12-17T00:48:18+01:00", SDKC_OK), 1576540098.0);
    CU_ASSERT_EQUAL(s_rfc3339("2019-12-16t23:48:18z", SDKC_OK), 1576540098.0);
    CU_ASSERT(fabs(s_rfc3339("2019-12-16T23:48:18.123Z", SDKC_OK) - 1576540098.123) < 1e-6);
    CU_ASSERT_EQUAL(s_rfc3339("1969-12-31T23:59:59Z", SDKC_OK), -1.0);
    CU_ASSERT_EQUAL(s_rfc3339("0001-01-01T00:00:00Z", SDKC_OK), SDKC_TIME_MIN_EPOCH);
}

SDKC_TEST(http_date_and_compact)
{
    double t = 0;
    time_t c = 0;
    CU_ASSERT_EQUAL(sdkc_time_parse_http_date("Mon, 16 Dec 2019 23:48:18 GMT", 29, &t), SDKC_OK);
    CU_ASSERT_EQUAL(t, 1576540098.0);
    CU_ASSERT_EQUAL(sdkc_time_parse_http_date("Thu, 31 Feb 2019 00:00:00 GMT", 29, &t),
                    SDKC_ERR_PARSE);
    CU_ASSERT_EQUAL(sdkc_time_parse_http_date("Mon, 16 Dec 2019 23:48:18 UTC", 29, &t),
                    SDKC_ERR_PARSE);
    CU_ASSERT_EQUAL(sdkc_time_parse_compact("20150830T123600Z", 16, &c), SDKC_OK);
    CU_ASSERT_EQUAL((long long)c, 1440938160LL);
    CU_ASSERT_EQUAL(sdkc_time_parse_compact("20190231T000000Z", 16, &c), SDKC_ERR_PARSE);
    CU_ASSERT_EQUAL(sdkc_time_parse_compact("20150830T123600", 15, &c), SDKC_ERR_PARSE);
}

static void s_fmt(double t, enum sdkc_time_format f, const char *want)
{
    struct sdkc_buf b;
    sdkc_buf_init(&b, 0);
    CU_ASSERT_EQUAL(sdkc_time_append(&b, t, f), SDKC_OK);
    if (!b.data || strcmp(b.data, want) != 0) {
        fprintf(stderr, "format %.17g (%d): wanted '%s', got '%s'\n", t, (int)f, want,
                b.data ? b.data : "");
        CU_FAIL("time format differs");
    }
    sdkc_buf_clean_up(&b);
}

SDKC_TEST(formats_every_form)
{
    char out[17];
    s_fmt(1576540098.0, SDKC_TIME_ISO8601, "2019-12-16T23:48:18Z");
    s_fmt(1576540098.5, SDKC_TIME_ISO8601, "2019-12-16T23:48:18.500Z");
    s_fmt(-0.5, SDKC_TIME_ISO8601, "1969-12-31T23:59:59.500Z");
    s_fmt(1576540098.0, SDKC_TIME_HTTP_DATE, "Mon, 16 Dec 2019 23:48:18 GMT");
    /* epoch seconds in a query or header: never an exponent (the issue's
     * "1.4221728e+09") */
    s_fmt(1422172800.0, SDKC_TIME_EPOCH, "1422172800");
    s_fmt(1422172800.125, SDKC_TIME_EPOCH, "1422172800.125");
    s_fmt(1.1, SDKC_TIME_EPOCH, "1.1");
    s_fmt(-1.5, SDKC_TIME_EPOCH, "-1.5");
    s_fmt(1440938160.0, SDKC_TIME_COMPACT, "20150830T123600Z");
    sdkc_time_format_compact((time_t)1440938160, out);
    CU_ASSERT_STRING_EQUAL(out, "20150830T123600Z");
    {
        struct sdkc_buf b;
        sdkc_buf_init(&b, 0);
        CU_ASSERT_EQUAL(sdkc_time_append(&b, SDKC_TIME_MAX_EPOCH + 1, SDKC_TIME_ISO8601),
                        SDKC_ERR_INVALID_ARG);
        CU_ASSERT_EQUAL(sdkc_time_append(&b, NAN, SDKC_TIME_EPOCH), SDKC_ERR_INVALID_ARG);
        sdkc_buf_clean_up(&b);
    }
}

/* Every day from 0001-01-01 to 9999-12-31 converts both ways, and each
 * ISO 8601 form parses back to the same second. */
SDKC_TEST(civil_days_round_trip_every_day)
{
    long long first = sdkc_time_days_from_civil(1, 1, 1),
              last = sdkc_time_days_from_civil(9999, 12, 31);
    long long z, bad = 0;
    struct sdkc_buf b;
    sdkc_buf_init(&b, 0);
    for (z = first; z <= last; z++) {
        long long y;
        unsigned m, d;
        sdkc_time_civil_from_days(z, &y, &m, &d);
        if (sdkc_time_days_from_civil(y, m, d) != z || d > sdkc_time_days_in_month(y, m))
            bad++;
        if (z % 997 == 0) {
            double t = 0;
            sdkc_buf_reset(&b);
            if (sdkc_time_append(&b, (double)z * 86400 + 3661, SDKC_TIME_ISO8601) ||
                sdkc_time_parse_rfc3339(b.data, b.len, &t) || t != (double)z * 86400 + 3661)
                bad++;
        }
    }
    sdkc_buf_clean_up(&b);
    CU_ASSERT_EQUAL(bad, 0);
}

/* The codec and the signer read dates the same way (docs/DESIGN.md): encode
 * refused nothing and sent 2019-02-31 as 2019-03-03 while decode refused
 * it. Both now refuse it; a real date goes through both unchanged. */
#define S_TS_MODEL                                                                                 \
    "{\"metadata\":{\"protocol\":\"rest-json\",\"apiVersion\":\"1\",\"endpointPrefix\":\"t\","     \
    "\"serviceId\":\"T\",\"signatureVersion\":\"v4\"},\"operations\":{\"Op\":{\"name\":\"Op\","    \
    "\"http\":{\"method\":\"POST\",\"requestUri\":\"/\"},\"input\":{\"shape\":\"In\"},"            \
    "\"output\":{\"shape\":\"In\"}}},\"shapes\":{\"In\":{\"type\":\"structure\",\"members\":{"     \
    "\"t\":{\"shape\":\"T\",\"location\":\"querystring\",\"locationName\":\"t\"},"                 \
    "\"b\":{\"shape\":\"T\"}}},\"T\":{\"type\":\"timestamp\"}}}"

SDKC_TEST(codec_encode_and_decode_agree_on_dates)
{
    static const char model[] = S_TS_MODEL;
    struct sdkc_spec *spec = NULL;
    const struct sdkc_operation *op;
    struct sdkc_http_request req;
    struct sdkc_http_response resp;
    struct sdkc_error err;
    cJSON *params = NULL, *doc = NULL;
    static const char bad[] = "{\"t\":\"2019-02-31T00:00:00Z\"}";
    static const char good[] = "{\"t\":\"2020-02-29T12:00:00Z\"}";
    static const char body[] = "{\"b\":\"2019-02-31T00:00:00Z\"}";
    CU_ASSERT_EQUAL_FATAL(sdkc_spec_load_mem(model, sizeof(model) - 1, "ts", &spec, NULL), SDKC_OK);
    op = sdkc_spec_find_operation(spec, "Op");
    CU_ASSERT_PTR_NOT_NULL_FATAL(op);
    sdkc_error_init(&err);
    sdkc_http_request_init(&req);
    CU_ASSERT_EQUAL_FATAL(sdkc_json_parse(bad, sizeof(bad) - 1, NULL, &params, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(sdkc_codec_encode(spec, op, params, NULL, &req, &err), SDKC_ERR_VALIDATION);
    cJSON_Delete(params);
    CU_ASSERT_EQUAL_FATAL(sdkc_json_parse(good, sizeof(good) - 1, NULL, &params, NULL), SDKC_OK);
    CU_ASSERT_EQUAL(sdkc_codec_encode(spec, op, params, NULL, &req, &err), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(req.query ? req.query : "", "t=2020-02-29T12%3A00%3A00Z");
    cJSON_Delete(params);
    sdkc_http_request_clean_up(&req);
    sdkc_test_response(&resp, 200, NULL, body, sizeof(body) - 1);
    CU_ASSERT_EQUAL(sdkc_codec_decode(spec, op, &resp, &doc, NULL), SDKC_OK);
    CU_ASSERT_PTR_NOT_NULL(sdkc_json_get(doc, "clientError"));
    cJSON_Delete(doc);
    sdkc_http_response_clean_up(&resp);
    sdkc_spec_destroy(spec);
}

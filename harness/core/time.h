/* SPDX-License-Identifier: Apache-2.0
 *
 * core/time.h: the one date and time module (DESIGN.md "core"): the
 * timestamp forms of the protocol and of SigV4, parsed and printed without
 * timegm(), gmtime() or the TZ environment, so every layer agrees on what a
 * date is (a date that does not exist, 2019-02-31, is refused everywhere,
 * never moved into March).
 *
 * Dates are proleptic Gregorian, years 0001 to 9999 (RFC 3339 §5.6's four
 * digits); times are seconds since 1970-01-01T00:00:00Z as a double
 * (fractions kept) or a time_t.
 */
#ifndef SDKC_CORE_TIME_H
#define SDKC_CORE_TIME_H

#include <stddef.h>
#include <time.h>

#include "core/buf.h"
#include "core/error.h"

/* 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z as epoch seconds. */
#define SDKC_TIME_MIN_EPOCH (-62135596800.0)
#define SDKC_TIME_MAX_EPOCH 253402300799.999

/* Days in month m (1-12) of year y, leap years included; 0 when m is out
 * of range. */
unsigned sdkc_time_days_in_month(long long y, unsigned m);
/* Days since 1970-01-01 of a date (H. Hinnant's days_from_civil) and back. */
long long sdkc_time_days_from_civil(long long y, unsigned m, unsigned d);
void sdkc_time_civil_from_days(long long days, long long *y, unsigned *m, unsigned *d);

/* RFC 3339 §5.6 date-time ("2019-12-16T23:48:18Z", "...18.5+01:00",
 * lower-case t/z allowed), the whole of n bytes; day-of-month and leap
 * years checked; second 60 (a leap second) accepted as in RFC 3339.
 * SDKC_ERR_PARSE when s is not one. */
sdkc_result sdkc_time_parse_rfc3339(const char *s, size_t n, double *out);
/* RFC 9110 §5.6.7 IMF-fixdate ("Mon, 16 Dec 2019 23:48:18 GMT"). */
sdkc_result sdkc_time_parse_http_date(const char *s, size_t n, double *out);
/* SigV4's basic ISO 8601 form YYYYMMDDTHHMMSSZ (X-Amz-Date). */
sdkc_result sdkc_time_parse_compact(const char *s, size_t n, time_t *out);

enum sdkc_time_format {
    SDKC_TIME_ISO8601,   /* RFC 3339 in UTC, milliseconds only when non-zero */
    SDKC_TIME_HTTP_DATE, /* IMF-fixdate, whole seconds (the Smithy http-date) */
    SDKC_TIME_EPOCH,     /* seconds, shortest round-trip decimal, never an exponent */
    SDKC_TIME_COMPACT    /* YYYYMMDDTHHMMSSZ, whole seconds (SigV4) */
};

/* YYYYMMDDTHHMMSSZ of t into out[17] without allocating (SigV4's
 * X-Amz-Date); a t outside years 1-9999 gives 19700101T000000Z. */
void sdkc_time_format_compact(time_t t, char out[17]);

/* Append t (within SDKC_TIME_{MIN,MAX}_EPOCH) in that format.
 * SDKC_ERR_INVALID_ARG for a time outside the range or not finite. */
sdkc_result sdkc_time_append(struct sdkc_buf *b, double t, enum sdkc_time_format format);

#endif

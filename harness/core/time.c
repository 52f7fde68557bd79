/* SPDX-License-Identifier: Apache-2.0
 *
 * core/time.c: see time.h. Civil-date arithmetic after H. Hinnant,
 * "chrono-Compatible Low-Level Date Algorithms" (days_from_civil,
 * civil_from_days), exact for every proleptic Gregorian date.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/time.h"

unsigned sdkc_time_days_in_month(long long y, unsigned m)
{
    static const unsigned mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return mdays[m - 1];
}

long long sdkc_time_days_from_civil(long long y, unsigned m, unsigned d)
{
    long long era;
    unsigned yoe, doy, doe;
    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = (unsigned)(y - era * 400);
    doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long long)doe - 719468;
}

void sdkc_time_civil_from_days(long long z, long long *y, unsigned *m, unsigned *d)
{
    long long era;
    unsigned doe, yoe, doy, mp;
    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = (unsigned)(z - era * 146097);
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    *y = (long long)yoe + era * 400;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y += *m <= 2;
}

static int s_digits(const char *s, size_t n, unsigned *out)
{
    unsigned v = 0;
    size_t i;
    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (unsigned)(s[i] - '0');
    }
    *out = v;
    return 0;
}

/* A real date and time of day (year 1-9999). */
static int s_valid(unsigned y, unsigned mo, unsigned d, unsigned h, unsigned mi, unsigned s)
{
    return y >= 1 && y <= 9999 && d >= 1 && d <= sdkc_time_days_in_month(y, mo) && h <= 23 &&
           mi <= 59 && s <= 60;
}

static double s_epoch(unsigned y, unsigned mo, unsigned d, unsigned h, unsigned mi, unsigned s)
{
    return (double)(sdkc_time_days_from_civil(y, mo, d) * 86400 + (long long)h * 3600 +
                    (long long)mi * 60 + s);
}

sdkc_result sdkc_time_parse_rfc3339(const char *s, size_t n, double *out)
{
    unsigned y, mo, d, h, mi, sec, oh = 0, om = 0;
    double frac = 0, scale = 0.1;
    size_t i = 19;
    long long offset = 0;

    if (!s || n < 20 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't') ||
        s[13] != ':' || s[16] != ':')
        return SDKC_ERR_PARSE;
    if (s_digits(s, 4, &y) || s_digits(s + 5, 2, &mo) || s_digits(s + 8, 2, &d) ||
        s_digits(s + 11, 2, &h) || s_digits(s + 14, 2, &mi) || s_digits(s + 17, 2, &sec) ||
        !s_valid(y, mo, d, h, mi, sec))
        return SDKC_ERR_PARSE;
    if (s[i] == '.') {
        i++;
        if (i >= n || s[i] < '0' || s[i] > '9')
            return SDKC_ERR_PARSE;
        while (i < n && s[i] >= '0' && s[i] <= '9') {
            frac += (s[i] - '0') * scale;
            scale /= 10;
            i++;
        }
    }
    if (i < n && (s[i] == 'Z' || s[i] == 'z')) {
        i++;
    } else if (i < n && (s[i] == '+' || s[i] == '-')) {
        /* RFC 3339 time-numoffset: +hh:mm */
        if (n - i != 6 || s[i + 3] != ':' || s_digits(s + i + 1, 2, &oh) ||
            s_digits(s + i + 4, 2, &om) || oh > 23 || om > 59)
            return SDKC_ERR_PARSE;
        offset = (long long)(oh * 3600 + om * 60) * (s[i] == '+' ? 1 : -1);
        i += 6;
    } else {
        return SDKC_ERR_PARSE;
    }
    if (i != n)
        return SDKC_ERR_PARSE;
    *out = s_epoch(y, mo, d, h, mi, sec) - (double)offset + frac;
    return SDKC_OK;
}

sdkc_result sdkc_time_parse_http_date(const char *s, size_t n, double *out)
{
    static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
    static const char days[] = "MonTueWedThuFriSatSun";
    unsigned d, y, h, mi, sec, mo, k;
    int day_ok = 0;

    if (!s || n != 29 || s[3] != ',' || s[4] != ' ' || s[7] != ' ' || s[11] != ' ' ||
        s[16] != ' ' || s[19] != ':' || s[22] != ':' || s[25] != ' ' ||
        memcmp(s + 26, "GMT", 3) != 0)
        return SDKC_ERR_PARSE;
    for (k = 0; k < 7; k++)
        day_ok |= memcmp(days + 3 * k, s, 3) == 0;
    if (!day_ok || s_digits(s + 5, 2, &d) || s_digits(s + 12, 4, &y) || s_digits(s + 17, 2, &h) ||
        s_digits(s + 20, 2, &mi) || s_digits(s + 23, 2, &sec))
        return SDKC_ERR_PARSE;
    for (mo = 1; mo <= 12; mo++)
        if (memcmp(months + 3 * (mo - 1), s + 8, 3) == 0)
            break;
    if (mo > 12 || !s_valid(y, mo, d, h, mi, sec))
        return SDKC_ERR_PARSE;
    *out = s_epoch(y, mo, d, h, mi, sec);
    return SDKC_OK;
}

sdkc_result sdkc_time_parse_compact(const char *s, size_t n, time_t *out)
{
    unsigned y, mo, d, h, mi, sec;
    if (!s || n != 16 || s[8] != 'T' || s[15] != 'Z' || s_digits(s, 4, &y) ||
        s_digits(s + 4, 2, &mo) || s_digits(s + 6, 2, &d) || s_digits(s + 9, 2, &h) ||
        s_digits(s + 11, 2, &mi) || s_digits(s + 13, 2, &sec) || !s_valid(y, mo, d, h, mi, sec))
        return SDKC_ERR_PARSE;
    *out = (time_t)s_epoch(y, mo, d, h, mi, sec);
    return SDKC_OK;
}

/* Shortest decimal that reads back as the same double (Python's repr, so
 * botocore's), in positional notation: "1", "1.5", "1422172800.123". */
static sdkc_result s_append_epoch(struct sdkc_buf *b, double t)
{
    char num[64];
    int prec;
    if (t == floor(t) && fabs(t) < 1e15)
        return sdkc_buf_appendf(b, "%.0f", t);
    for (prec = 1; prec <= 17; prec++) {
        snprintf(num, sizeof(num), "%.*f", prec, t);
        if (strtod(num, NULL) == t)
            break;
    }
    /* %f prints trailing zeros a shorter form would not have */
    {
        size_t n = strlen(num);
        while (n > 1 && num[n - 1] == '0' && num[n - 2] != '.')
            num[--n] = '\0';
    }
    return sdkc_buf_append_str(b, num);
}

void sdkc_time_format_compact(time_t t, char out[17])
{
    long long secs = (long long)t, days, y;
    unsigned mo, d, sod;
    if ((double)secs < SDKC_TIME_MIN_EPOCH || (double)secs > SDKC_TIME_MAX_EPOCH) {
        memcpy(out, "19700101T000000Z", 17);
        return;
    }
    days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
    sod = (unsigned)(secs - days * 86400); /* 0..86399 */
    sdkc_time_civil_from_days(days, &y, &mo, &d);
    snprintf(out, 17, "%04u%02u%02uT%02u%02u%02uZ", (unsigned)y % 10000u, mo % 100u, d % 100u,
             sod / 3600 % 100u, sod / 60 % 60, sod % 60);
}

sdkc_result sdkc_time_append(struct sdkc_buf *b, double t, enum sdkc_time_format format)
{
    static const char *const wd[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};
    static const char *const mn[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    long long secs, days, y, ms;
    unsigned mo, d;
    int sod;
    if (!isfinite(t) || t < SDKC_TIME_MIN_EPOCH || t > SDKC_TIME_MAX_EPOCH)
        return SDKC_ERR_INVALID_ARG;
    if (format == SDKC_TIME_EPOCH)
        return s_append_epoch(b, t);
    secs = (long long)floor(t);
    ms = (long long)((t - (double)secs) * 1000.0 + 0.5);
    if (ms == 1000) {
        secs++;
        ms = 0;
    }
    days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
    sod = (int)(secs - days * 86400);
    sdkc_time_civil_from_days(days, &y, &mo, &d);
    switch (format) {
    case SDKC_TIME_HTTP_DATE:
        return sdkc_buf_appendf(b, "%s, %02u %s %04lld %02d:%02d:%02d GMT",
                                wd[((days % 7) + 7) % 7], d, mn[mo - 1], y, sod / 3600,
                                sod / 60 % 60, sod % 60);
    case SDKC_TIME_COMPACT:
        return sdkc_buf_appendf(b, "%04lld%02u%02uT%02d%02d%02dZ", y, mo, d, sod / 3600,
                                sod / 60 % 60, sod % 60);
    case SDKC_TIME_ISO8601:
    default:
        if (ms)
            return sdkc_buf_appendf(b, "%04lld-%02u-%02uT%02d:%02d:%02d.%03lldZ", y, mo, d,
                                    sod / 3600, sod / 60 % 60, sod % 60, ms);
        return sdkc_buf_appendf(b, "%04lld-%02u-%02uT%02d:%02d:%02dZ", y, mo, d, sod / 3600,
                                sod / 60 % 60, sod % 60);
    }
}

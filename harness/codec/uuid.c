/* SPDX-License-Identifier: Apache-2.0
 * codec/uuid.c: UUID v4 for idempotency tokens (RFC 9562 §5.4).
 *
 * Random tokens come from getrandom(2), the OS CSPRNG, as botocore's
 * uuid.uuid4() takes os.urandom: a token only has to be unique, but a
 * predictable one would let another client collide with it on purpose.
 * The sequence generator is the conformance convention: Smithy's
 * RestJsonQueryIdempotencyTokenAutoFill and botocore's legacy rest-json
 * suite #19 expect 00000000-0000-4000-8000-000000000000.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/random.h>

#include "codec/codec.h"

/* getrandom(2) returns at most the bytes asked for and may be interrupted
 * by a signal before it has any; a 16-byte read never blocks once the pool
 * is initialized, so a few retries are plenty. */
#define SDKC_UUID_MAX_RANDOM_TRIES 16

static void s_format(const unsigned char b[16], char out[37])
{
    static const char hex[] = "0123456789abcdef";
    size_t i, o = 0;
    for (i = 0; i < 16; i++) {
        /* 8-4-4-4-12 groups (RFC 9562 §4) */
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out[o++] = '-';
        out[o++] = hex[b[i] >> 4];
        out[o++] = hex[b[i] & 15];
    }
    out[o] = '\0';
}

sdkc_result sdkc_uuid_random(void *ctx, char out[37])
{
    unsigned char b[16];
    size_t got = 0;
    int tries = 0;
    (void)ctx;
    while (got < sizeof(b)) {
        ssize_t n;
        if (++tries > SDKC_UUID_MAX_RANDOM_TRIES)
            return SDKC_ERR_CRYPTO;
        n = getrandom(b + got, sizeof(b) - got, 0);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return SDKC_ERR_CRYPTO;
        }
        got += (size_t)n;
    }
    /* RFC 9562 §5.4: version 4 in the high nibble of octet 6, variant 10xx
     * in the high bits of octet 8. */
    b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
    b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
    s_format(b, out);
    return SDKC_OK;
}

sdkc_result sdkc_uuid_sequence(void *ctx, char out[37])
{
    uint64_t *counter = ctx;
    uint64_t n;
    unsigned char b[16];
    int i;
    if (!counter)
        return SDKC_ERR_INVALID_ARG;
    n = (*counter)++;
    memset(b, 0, sizeof(b));
    b[6] = 0x40;
    b[8] = 0x80;
    /* low 48 bits in the last group, so the first tokens read
     * ...-000000000000, ...-000000000001; the top 16 bits in the first
     * group keep every counter value distinct. */
    for (i = 0; i < 6; i++)
        b[15 - i] = (unsigned char)(n >> (8 * i));
    b[2] = (unsigned char)(n >> 56);
    b[3] = (unsigned char)(n >> 48);
    s_format(b, out);
    return SDKC_OK;
}

static int s_lower_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

int sdkc_uuid_is_v4(const char *s)
{
    size_t i;
    if (!s)
        return 0;
    for (i = 0; i < 36; i++) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (s[i] != '-')
                return 0;
        } else if (!s_lower_hex(s[i])) {
            return 0; /* also catches a string shorter than 36 (NUL) */
        }
    }
    if (s[36] != '\0')
        return 0;
    /* version nibble at 14, variant 10xx at 19 (RFC 9562 §4.1, §4.2) */
    return s[14] == '4' && (s[19] == '8' || s[19] == '9' || s[19] == 'a' || s[19] == 'b');
}

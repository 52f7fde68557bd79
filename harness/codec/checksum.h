/* SPDX-License-Identifier: Apache-2.0
 *
 * codec/checksum.h: the request checksums rest-json clients send:
 * Content-MD5 (Smithy @httpChecksumRequired, RFC 1864) and the flexible
 * checksums of aws.protocols#httpChecksum (x-amz-checksum-crc32, -crc32c,
 * -sha1, -sha256), each the base64 (RFC 4648 §4) of the digest; CRCs as
 * their four bytes in big-endian order.
 */
#ifndef SDKC_CODEC_CHECKSUM_H
#define SDKC_CODEC_CHECKSUM_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/error.h"

enum sdkc_checksum_alg {
    SDKC_CHECKSUM_MD5,
    SDKC_CHECKSUM_CRC32,
    SDKC_CHECKSUM_CRC32C,
    SDKC_CHECKSUM_SHA1,
    SDKC_CHECKSUM_SHA256
};

/* CRC-32/ISO-HDLC (the zlib/gzip CRC: reflected polynomial 0xEDB88320,
 * init and xorout 0xFFFFFFFF) and CRC-32C/Castagnoli (RFC 3720 §12.1:
 * reflected polynomial 0x82F63B78). Pass crc 0 to start; pass a previous
 * result to continue over more data. */
uint32_t sdkc_crc32(uint32_t crc, const void *data, size_t n);
uint32_t sdkc_crc32c(uint32_t crc, const void *data, size_t n);

/* The flexible-checksum algorithm a requestAlgorithmMember value names
 * ("CRC32", "crc32c", "SHA256", ...; case-insensitive, as botocore
 * lower-cases it). -1 when this codec does not implement it (CRC64NVME).
 * MD5 is not a flexible algorithm and is never returned. */
int sdkc_checksum_from_name(const char *name, enum sdkc_checksum_alg *out);
/* "Content-MD5", "x-amz-checksum-crc32", ... */
const char *sdkc_checksum_header(enum sdkc_checksum_alg alg);
/* Append the base64 of alg's digest of data[0..n) to out. MD5, SHA-1 and
 * SHA-256 come from OpenSSL EVP: SDKC_ERR_CRYPTO when it fails (MD5
 * refused under a FIPS provider, or an allocation inside OpenSSL). */
sdkc_result sdkc_checksum_base64(enum sdkc_checksum_alg alg, const void *data, size_t n,
                                 struct sdkc_buf *out, struct sdkc_error *err);

#endif

/* SPDX-License-Identifier: Apache-2.0
 *
 * core/text.h: text from vectors, adapters, servers and error messages made
 * safe for a terminal. Every console line goes through here (report/console.c,
 * the CLI's messages, `serve`'s request lines): a vector title holding
 * ESC[2J cleared the screen of whoever ran replay, an OSC sequence could
 * retitle the window or write the clipboard (CVE-2003-0063 class), a CR could
 * overwrite a FAIL line with PASS.
 *
 * What is made visible (as \xNN, or \u0080..\u009f for C1 code points):
 * C0 control characters (ESC and BEL included; \n and \t kept only with
 * SDKC_TEXT_KEEP_LINES, where a line break is intended), DEL, C1 controls
 * (U+0080..U+009F, which 8-bit terminals read as CSI and the like) and
 * bytes that are not valid UTF-8 (a lone 0x9b is CSI to such terminals).
 * Everything else, valid UTF-8 included, passes unchanged. Reports (JSON,
 * HTML, JUnit) escape on their own and do not use this.
 *
 * Also here, as the one home of each: the UTF-8 rule and the /bin/sh
 * quoter (below).
 */
#ifndef SDKC_CORE_TEXT_H
#define SDKC_CORE_TEXT_H

#include <stddef.h>
#include <stdio.h>

#include "core/buf.h"
#include "core/error.h"

#define SDKC_TEXT_KEEP_LINES 1u /* keep \n and \t (multi-line messages) */

/* Append s[0..n) to out, neutralised as above. SDKC_OK, SDKC_ERR_NOMEM or
 * SDKC_ERR_TOO_LARGE (out->max). */
sdkc_result sdkc_text_sanitize(struct sdkc_buf *out, const char *s, size_t n, unsigned flags);

/* Write s (NUL-terminated) to f, neutralised as above, without allocating
 * (usable when memory ran out). */
void sdkc_text_fputs(FILE *f, const char *s, unsigned flags);
void sdkc_text_fwrite(FILE *f, const char *s, size_t n, unsigned flags); /* s[0..n) */

/* 1 when s[0..n) would pass through sdkc_text_sanitize unchanged. */
int sdkc_text_is_safe(const char *s, size_t n, unsigned flags);

/* Append s (NUL-terminated) to b as one /bin/sh word in single quotes
 * (POSIX XCU 2.2.2: nothing is special inside them, so a quote is written
 * as '\''): it'\''s. For the command lines the harness prints for a rerun
 * and hands to sh -c (adapter commands). SDKC_OK, SDKC_ERR_NOMEM or
 * SDKC_ERR_TOO_LARGE (b->max). */
sdkc_result sdkc_text_shell_quote(struct sdkc_buf *b, const char *s);

/* Length of the valid UTF-8 sequence at p[0..n) (n >= 1): 1 for ASCII, 2..4
 * for a sequence RFC 3629 §4 allows (no overlong forms, no encoded
 * surrogates U+D800..DFFF, nothing past U+10FFFF, not truncated), 0 when
 * the bytes at p start none, with *why (when why is not NULL) naming the
 * fault for messages. The one UTF-8 rule of the harness: the JSON parser,
 * console text, report scrubbing and codec checks all use it. */
size_t sdkc_utf8_len(const void *p, size_t n, const char **why);

/* 1 when s[0..n) is valid UTF-8 (as above); else 0 with *bad (may be NULL)
 * the offset of the first byte that starts no valid sequence. */
int sdkc_utf8_valid(const void *s, size_t n, size_t *bad);

#endif

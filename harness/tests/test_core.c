/* SPDX-License-Identifier: Apache-2.0
 * Tests of core: allocator accounting and fault injection, buffers, errors. */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/error.h"
#include "core/text.h"
#include "tests/test.h"

SDKC_TEST(alloc_counts_live_blocks)
{
    uint64_t before = sdkc_test_live_blocks();
    char *p = sdkc_malloc(10);
    char *q = sdkc_strdup("hello");
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_STRING_EQUAL(q, "hello");
    CU_ASSERT_EQUAL(sdkc_test_live_blocks(), before + 2);
    p = sdkc_realloc(p, 1000);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_EQUAL(sdkc_test_live_blocks(), before + 2);
    sdkc_free(p);
    sdkc_free(q);
    sdkc_free(NULL);
    CU_ASSERT_EQUAL(sdkc_test_live_blocks(), before);
}

SDKC_TEST(alloc_fault_transient_and_persistent)
{
    void *a, *b, *c;
    sdkc_alloc_fault_set(2, 0);
    a = sdkc_malloc(1);
    b = sdkc_malloc(1);
    c = sdkc_malloc(1);
    CU_ASSERT_PTR_NOT_NULL(a);
    CU_ASSERT_PTR_NULL(b);
    CU_ASSERT_PTR_NOT_NULL(c);
    CU_ASSERT_TRUE(sdkc_alloc_fault_fired());
    sdkc_free(a);
    sdkc_free(c);
    sdkc_alloc_fault_set(1, 1);
    CU_ASSERT_PTR_NULL(sdkc_malloc(1));
    CU_ASSERT_PTR_NULL(sdkc_strdup("x"));
    sdkc_alloc_fault_set(0, 0);
    a = sdkc_malloc(1);
    CU_ASSERT_PTR_NOT_NULL(a);
    sdkc_free(a);
}

SDKC_TEST(buf_caps_and_formats)
{
    struct sdkc_buf b;
    sdkc_buf_init(&b, 8);
    CU_ASSERT_EQUAL(sdkc_buf_append_str(&b, "1234"), SDKC_OK);
    CU_ASSERT_EQUAL(sdkc_buf_appendf(&b, "%d", 5678), SDKC_OK);
    CU_ASSERT_EQUAL(b.len, 8);
    CU_ASSERT_STRING_EQUAL(b.data, "12345678");
    CU_ASSERT_EQUAL(sdkc_buf_append_byte(&b, 'x'), SDKC_ERR_TOO_LARGE);
    CU_ASSERT_EQUAL(b.len, 8);
    sdkc_buf_clean_up(&b);
    sdkc_buf_clean_up(&b);
}

static int s_buf_work(void *ctx)
{
    struct sdkc_buf b;
    int i;
    sdkc_result result = SDKC_OK;
    (void)ctx;
    sdkc_buf_init(&b, 0);
    for (i = 0; i < 200 && !result; i++)
        result = sdkc_buf_appendf(&b, "line %d of a growing buffer\n", i);
    sdkc_buf_clean_up(&b);
    return result;
}

SDKC_TEST(buf_fault_walk)
{
    CU_ASSERT_TRUE(sdkc_test_fault_walk("buf", s_buf_work, NULL, NULL) > 0);
}

SDKC_TEST(error_set_and_prefix)
{
    struct sdkc_error e;
    sdkc_error_init(&e);
    CU_ASSERT_EQUAL(e.offset, SDKC_NO_OFFSET);
    CU_ASSERT_EQUAL(sdkc_error_set(&e, SDKC_ERR_PARSE, 7, "bad %s", "byte"), SDKC_ERR_PARSE);
    sdkc_error_prefix(&e, "%s: ", "f.json");
    CU_ASSERT_STRING_EQUAL(e.msg, "f.json: bad byte");
    CU_ASSERT_EQUAL(e.offset, 7);
    CU_ASSERT_EQUAL(sdkc_error_set(NULL, SDKC_ERR_IO, 0, "x"), SDKC_ERR_IO);
}

/* The temporary file of an atomic write is created with O_EXCL under an
 * unpredictable name: a symlink planted at the name the old code used
 * ("<path>.tmp.<pid>") must not be followed, and its target stays as it
 * was (CWE-59). */
SDKC_TEST(write_file_atomic_ignores_planted_symlink)
{
    char dir[] = "/tmp/sdkc-test-XXXXXX";
    char path[256], tmp[320], victim[256];
    struct sdkc_buf b;
    struct sdkc_error e;
    FILE *f;
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    snprintf(path, sizeof(path), "%s/live.json", dir);
    snprintf(tmp, sizeof(tmp), "%s.tmp.%ld", path, (long)getpid());
    snprintf(victim, sizeof(victim), "%s/victim", dir);
    f = fopen(victim, "wb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs("precious", f);
    fclose(f);
    CU_ASSERT_EQUAL_FATAL(symlink(victim, tmp), 0);
    sdkc_error_init(&e);
    CU_ASSERT_EQUAL(sdkc_write_file_atomic(path, "{\"a\":1}", 7, &e), SDKC_OK);
    sdkc_buf_init(&b, 0);
    CU_ASSERT_EQUAL(sdkc_buf_read_file(&b, victim, &e), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(b.data ? b.data : "", "precious");
    sdkc_buf_reset(&b);
    CU_ASSERT_EQUAL(sdkc_buf_read_file(&b, path, &e), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(b.data ? b.data : "", "{\"a\":1}");
    sdkc_buf_clean_up(&b);
    unlink(tmp);
    unlink(victim);
    unlink(path);
    rmdir(dir);
}

/* Files given by name must be regular files: a FIFO nobody writes blocked
 * forever, a folder said only "read error". */
SDKC_TEST(read_file_refuses_fifo_and_folder)
{
    char dir[] = "/tmp/sdkc-test-XXXXXX";
    char fifo[256];
    struct sdkc_buf b;
    struct sdkc_error e;
    int64_t t0;
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    snprintf(fifo, sizeof(fifo), "%s/pipe", dir);
    CU_ASSERT_EQUAL_FATAL(mkfifo(fifo, 0600), 0);
    sdkc_buf_init(&b, 0);
    sdkc_error_init(&e);
    t0 = sdkc_clock_ms();
    CU_ASSERT_EQUAL(sdkc_buf_read_file(&b, fifo, &e), SDKC_ERR_IO);
    CU_ASSERT_TRUE(sdkc_clock_ms() - t0 < 1000);
    CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, fifo));
    CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "is a FIFO, not a regular file"));
    sdkc_error_init(&e);
    CU_ASSERT_EQUAL(sdkc_buf_read_file(&b, dir, &e), SDKC_ERR_IO);
    CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, dir));
    CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "is a directory"));
    CU_ASSERT_EQUAL(b.len, 0);
    sdkc_buf_clean_up(&b);
    unlink(fifo);
    rmdir(dir);
}

/* Console text: C0 (ESC, BEL, CR...), DEL, C1 and invalid UTF-8 made
 * visible; valid UTF-8 and, when asked, line breaks kept. */
SDKC_TEST(text_sanitize_neutralises_terminal_escapes)
{
    static const char in[] = "a\x1b[2J\x07 \r\tb\n\x7f \xc2\x9b"
                             "1m \xc3\xa9 \x9b \xe2\x82\xac";
    struct sdkc_buf b;
    sdkc_buf_init(&b, 0);
    CU_ASSERT_EQUAL(sdkc_text_sanitize(&b, in, sizeof(in) - 1, 0), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(
      b.data, "a\\x1b[2J\\x07 \\x0d\\x09b\\x0a\\x7f \\u009b1m \xc3\xa9 \\x9b \xe2\x82\xac");
    sdkc_buf_reset(&b);
    CU_ASSERT_EQUAL(sdkc_text_sanitize(&b, in, sizeof(in) - 1, SDKC_TEXT_KEEP_LINES), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(b.data,
                           "a\\x1b[2J\\x07 \\x0d\tb\n\\x7f \\u009b1m \xc3\xa9 \\x9b \xe2\x82\xac");
    CU_ASSERT_TRUE(sdkc_text_is_safe("plain \xc3\xa9", 8, 0));
    CU_ASSERT_FALSE(sdkc_text_is_safe("x\x1b", 2, 0));
    CU_ASSERT_FALSE(sdkc_text_is_safe("\xe0\x80\x80", 3, 0)); /* overlong */
    sdkc_buf_clean_up(&b);
}

SDKC_TEST(write_file_atomic_replaces_whole_file)
{
    char dir[] = "/tmp/sdkc-test-XXXXXX";
    char path[256];
    struct sdkc_buf b;
    struct sdkc_error e;
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    snprintf(path, sizeof(path), "%s/sub/dir/out.json", dir);
    CU_ASSERT_EQUAL(sdkc_write_file_atomic(path, "{\"a\":1}", 7, &e), SDKC_OK);
    CU_ASSERT_EQUAL(sdkc_write_file_atomic(path, "[]", 2, &e), SDKC_OK);
    sdkc_buf_init(&b, 0);
    CU_ASSERT_EQUAL(sdkc_buf_read_file(&b, path, &e), SDKC_OK);
    CU_ASSERT_EQUAL(b.len, 2);
    CU_ASSERT_STRING_EQUAL(b.data, "[]");
    sdkc_buf_clean_up(&b);
    sdkc_buf_init(&b, 0);
    CU_ASSERT_EQUAL(sdkc_buf_read_file(&b, "/nonexistent/x", &e), SDKC_ERR_IO);
    CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "/nonexistent/x"));
    sdkc_buf_clean_up(&b);
    unlink(path);
}

#include "core/json.h"

SDKC_TEST(utf8_scrub_replaces_only_invalid_bytes)
{
    char ok[] = "caf\xc3\xa9 \xf0\x9f\x98\xb9";
    char bad[] = "a\xff" "b\xc3" "c\xed\xa0\x80" "d\xc0\xaf";
    sdkc_json_utf8_scrub(ok, strlen(ok));
    CU_ASSERT_STRING_EQUAL(ok, "caf\xc3\xa9 \xf0\x9f\x98\xb9");
    sdkc_json_utf8_scrub(bad, strlen(bad));
    /* lone 0xFF, truncated 2-byte lead, UTF-8-encoded surrogate, overlong '/' */
    CU_ASSERT_STRING_EQUAL(bad, "a?b?c???d??");
}

#include "core/base64.h"

SDKC_TEST(base64_validate_only_and_offsets)
{
    struct sdkc_error e;
    struct sdkc_buf b;
    CU_ASSERT_EQUAL(sdkc_base64_decode(NULL, "Zm9vYg==", 8, &e), SDKC_OK);
    CU_ASSERT_EQUAL(sdkc_base64_decode(NULL, "Zm9vYg=", 7, &e), SDKC_ERR_PARSE);
    CU_ASSERT_EQUAL(e.offset, 7);
    CU_ASSERT_EQUAL(sdkc_base64_decode(NULL, "Zm*v", 4, &e), SDKC_ERR_PARSE);
    CU_ASSERT_EQUAL(e.offset, 2);
    sdkc_buf_init(&b, 0);
    CU_ASSERT_EQUAL(sdkc_base64_encode(&b, "\xff\x00z", 3), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(b.data, "/wB6");
    sdkc_buf_reset(&b);
    CU_ASSERT_EQUAL(sdkc_base64_decode(&b, "/wB6", 4, &e), SDKC_OK);
    CU_ASSERT_EQUAL(b.len, 3);
    CU_ASSERT_EQUAL(memcmp(b.data, "\xff\x00z", 3), 0);
    sdkc_buf_clean_up(&b);
}

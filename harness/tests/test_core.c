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
#include "core/hash.h"
#include "core/paths.h"
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
    char bad[] = "a\xff"
                 "b\xc3"
                 "c\xed\xa0\x80"
                 "d\xc0\xaf";
    sdkc_json_utf8_scrub(ok, strlen(ok));
    CU_ASSERT_STRING_EQUAL(ok, "caf\xc3\xa9 \xf0\x9f\x98\xb9");
    sdkc_json_utf8_scrub(bad, strlen(bad));
    /* lone 0xFF, truncated 2-byte lead, UTF-8-encoded surrogate, overlong '/' */
    CU_ASSERT_STRING_EQUAL(bad, "a?b?c???d??");
}

SDKC_TEST(string_scrub_keeps_the_tree_nul)
{
    /* C0 80 is how a tree string holds U+0000 (core/json.h): kept by the
     * tree scrub, two bad bytes for the raw-text one */
    char tree[] = "a\xc0\x80"
                  "b\xff";
    char raw[] = "a\xc0\x80"
                 "b";
    sdkc_json_string_scrub(tree, strlen(tree));
    CU_ASSERT_STRING_EQUAL(tree, "a\xc0\x80"
                                 "b?");
    sdkc_json_utf8_scrub(raw, strlen(raw));
    CU_ASSERT_STRING_EQUAL(raw, "a??b");
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

/* FNV-1a 64 test values from draft-eastlake-fnv (appendix C): shards and
 * gen's shortened ids depend on them never changing. */
SDKC_TEST(hash_fnv1a64_matches_reference_values)
{
    CU_ASSERT_EQUAL(sdkc_fnv1a64("", 0, SDKC_FNV1A64_BASIS), 0xcbf29ce484222325ULL);
    CU_ASSERT_EQUAL(sdkc_fnv1a64_str("a"), 0xaf63dc4c8601ec8cULL);
    CU_ASSERT_EQUAL(sdkc_fnv1a64_str("foobar"), 0x85944171f73967e8ULL);
    /* chaining: two fields hash as their concatenation */
    CU_ASSERT_EQUAL(sdkc_fnv1a64("bar", 3, sdkc_fnv1a64("foo", 3, SDKC_FNV1A64_BASIS)),
                    sdkc_fnv1a64_str("foobar"));
    /* the finalizer is a bijection fixing 0 and moving everything else */
    CU_ASSERT_EQUAL(sdkc_hash_mix64(0), 0);
    CU_ASSERT_NOT_EQUAL(sdkc_hash_mix64(1), sdkc_hash_mix64(2));
    CU_ASSERT_NOT_EQUAL(sdkc_hash_mix64(1), 1);
}

/* Digests in, duplicates found, growth keeps every digest, the cap holds,
 * and a 0 digest is stored like any other. */
SDKC_TEST(hash_digest_set_adds_finds_and_caps)
{
    struct sdkc_digest_set s;
    uint64_t i;
    int added = -1;
    sdkc_digest_set_init(&s, 5000);
    CU_ASSERT_FALSE(sdkc_digest_set_has(&s, 7));
    for (i = 0; i < 5000; i++) {
        CU_ASSERT_EQUAL_FATAL(sdkc_digest_set_add(&s, i * 0x100000000ULL, &added), SDKC_OK);
        CU_ASSERT_EQUAL_FATAL(added, 1);
    }
    CU_ASSERT_EQUAL(s.count, 5000);
    CU_ASSERT_TRUE(s.count * 4 <= s.cap * 3);
    for (i = 0; i < 5000; i++)
        CU_ASSERT_TRUE(sdkc_digest_set_has(&s, i * 0x100000000ULL));
    CU_ASSERT_FALSE(sdkc_digest_set_has(&s, 5));
    CU_ASSERT_EQUAL(sdkc_digest_set_add(&s, 4999 * 0x100000000ULL, &added), SDKC_OK);
    CU_ASSERT_EQUAL(added, 0);
    /* full: a known digest is still found, a new one refused */
    CU_ASSERT_EQUAL(sdkc_digest_set_add(&s, 5, &added), SDKC_ERR_TOO_LARGE);
    CU_ASSERT_EQUAL(added, 0);
    CU_ASSERT_FALSE(sdkc_digest_set_has(&s, 5));
    CU_ASSERT_EQUAL(s.count, 5000);
    sdkc_digest_set_clean_up(&s);
    sdkc_digest_set_clean_up(&s);
    sdkc_digest_set_clean_up(NULL);
}

static int s_digest_set_work(void *ctx)
{
    struct sdkc_digest_set s;
    sdkc_result result = SDKC_OK;
    uint64_t i;
    (void)ctx;
    sdkc_digest_set_init(&s, 1000);
    for (i = 0; i < 1000 && !result; i++)
        result = sdkc_digest_set_add(&s, sdkc_fnv1a64(&i, sizeof(i), SDKC_FNV1A64_BASIS), NULL);
    /* a failed growth leaves what was added findable */
    if (result == SDKC_ERR_NOMEM && i > 1 &&
        !sdkc_digest_set_has(&s,
                             sdkc_fnv1a64(&(uint64_t){0}, sizeof(uint64_t), SDKC_FNV1A64_BASIS)))
        result = SDKC_ERR_STATE;
    sdkc_digest_set_clean_up(&s);
    return result;
}

SDKC_TEST(hash_digest_set_fault_walk)
{
    CU_ASSERT_TRUE(sdkc_test_fault_walk("digest set", s_digest_set_work, NULL, NULL) > 0);
}

/* POSIX XCU 2.2.2: one word, quotes written as '\'', nothing else touched;
 * /bin/sh gives every input back unchanged. */
SDKC_TEST(text_shell_quote_round_trips_through_sh)
{
    static const char *const in[] = {"",     "plain", "it's", "''", "$HOME `id` \"x\" \\ *",
                                     "a\nb", "-n"};
    struct sdkc_buf b;
    size_t i;
    sdkc_buf_init(&b, 0);
    CU_ASSERT_EQUAL(sdkc_text_shell_quote(&b, "it's"), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(b.data, "'it'\\''s'");
    for (i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
        char out[256];
        size_t n;
        FILE *p;
        sdkc_buf_reset(&b);
        CU_ASSERT_EQUAL_FATAL(sdkc_buf_append_str(&b, "printf %s "), SDKC_OK);
        CU_ASSERT_EQUAL_FATAL(sdkc_text_shell_quote(&b, in[i]), SDKC_OK);
        p = popen(b.data, "r");
        CU_ASSERT_PTR_NOT_NULL_FATAL(p);
        n = fread(out, 1, sizeof(out) - 1, p);
        out[n] = '\0';
        CU_ASSERT_EQUAL(pclose(p), 0);
        CU_ASSERT_STRING_EQUAL(out, in[i]);
    }
    /* the cap is honoured */
    sdkc_buf_clean_up(&b);
    sdkc_buf_init(&b, 4);
    CU_ASSERT_EQUAL(sdkc_text_shell_quote(&b, "it's"), SDKC_ERR_TOO_LARGE);
    sdkc_buf_clean_up(&b);
}

/* RFC 3629 §4 (and the JSONTestSuite n_string_* / i_string_* inputs the
 * JSON parser uses it for): one rule for every caller. */
SDKC_TEST(text_utf8_len_follows_rfc3629)
{
    static const struct {
        const char *s;
        size_t n, len;
        const char *why;
    } c[] = {
        {"A", 1, 1, NULL},
        {"\xc3\xa9", 2, 2, NULL},
        {"\xe2\x82\xac", 3, 3, NULL},
        {"\xf0\x9f\x98\x80", 4, 4, NULL},
        {"\xf4\x8f\xbf\xbf", 4, 4, NULL}, /* U+10FFFF */
        {"\x80", 1, 0, "unexpected continuation byte"},
        {"\xc0\xaf", 2, 0, "overlong encoding"},
        {"\xe0\x80\xaf", 3, 0, "overlong encoding"},
        {"\xed\xa0\x80", 3, 0, "UTF-8-encoded surrogate (U+D800..U+DFFF)"},
        {"\xf4\x90\x80\x80", 4, 0, "code point past U+10FFFF"},
        {"\xf5\x80\x80\x80", 4, 0, "code point past U+10FFFF"},
        {"\xff", 1, 0, "byte that never appears in UTF-8"},
        {"\xe2\x82", 2, 0, "truncated sequence"},
        {"\xe2\x82"
         "A",
         3, 0, "truncated sequence"},
    };
    size_t i, bad = 99;
    for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
        const char *why = NULL;
        CU_ASSERT_EQUAL(sdkc_utf8_len(c[i].s, c[i].n, &why), c[i].len);
        if (c[i].why)
            CU_ASSERT_STRING_EQUAL(why ? why : "(none)", c[i].why);
        CU_ASSERT_EQUAL(sdkc_utf8_len(c[i].s, c[i].n, NULL), c[i].len);
    }
    CU_ASSERT_TRUE(sdkc_utf8_valid("", 0, &bad));
    CU_ASSERT_TRUE(sdkc_utf8_valid("a\xc3\xa9\xe2\x82\xac", 6, &bad));
    CU_ASSERT_EQUAL(bad, 99);
    CU_ASSERT_FALSE(sdkc_utf8_valid("ab\xc3\xa9\xed\xa0\x80z", 8, &bad));
    CU_ASSERT_EQUAL(bad, 4);
    CU_ASSERT_FALSE(sdkc_utf8_valid("ab\xc3", 3, NULL));
}

/* core/paths.h order: an override wins (a folder one as given, the
 * adapters' only with PROTOCOL.md); without one a build's binary, which
 * has no installed data next to it, finds the source folder compiled in. */
SDKC_TEST(paths_find_override_then_source_folder)
{
    char out[4096], exe[4096];
    struct sdkc_error e;
    const char *names[] = {"SDKC_CORPUS", "SDKC_ADAPTERS_DIR", "SDKC_SPECS"};
    char *saved[3];
    size_t i;
    for (i = 0; i < 3; i++) {
        const char *v = getenv(names[i]);
        saved[i] = v ? strdup(v) : NULL;
        unsetenv(names[i]);
    }
    sdkc_error_init(&e);
    CU_ASSERT_EQUAL(sdkc_paths_find(SDKC_PATH_CORPUS, out, sizeof(out), &e), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(out, SDKC_SOURCE_DIR "/corpus/vectors");
    CU_ASSERT_EQUAL(sdkc_paths_find(SDKC_PATH_ADAPTERS, out, sizeof(out), &e), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(out, SDKC_SOURCE_DIR "/harness/adapters");
    CU_ASSERT_EQUAL(sdkc_paths_find(SDKC_PATH_SPECS, out, sizeof(out), &e), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(out, SDKC_SOURCE_DIR "/specs");

    setenv("SDKC_CORPUS", "/nonexistent-sdkc/corpus", 1);
    CU_ASSERT_EQUAL(sdkc_paths_find(SDKC_PATH_CORPUS, out, sizeof(out), &e), SDKC_OK);
    CU_ASSERT_STRING_EQUAL(out, "/nonexistent-sdkc/corpus");
    setenv("SDKC_ADAPTERS_DIR", SDKC_SOURCE_DIR "/corpus", 1); /* no PROTOCOL.md */
    CU_ASSERT_EQUAL(sdkc_paths_find(SDKC_PATH_ADAPTERS, out, sizeof(out), &e), SDKC_ERR_NOT_FOUND);
    CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "SDKC_ADAPTERS_DIR=" SDKC_SOURCE_DIR "/corpus"));
    CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "PROTOCOL.md"));
    CU_ASSERT_EQUAL(sdkc_paths_find(SDKC_PATH_CORPUS, out, 8, &e), SDKC_ERR_TOO_LARGE);

    CU_ASSERT_EQUAL(sdkc_paths_self_exe(exe, sizeof(exe), &e), SDKC_OK);
    CU_ASSERT_EQUAL(exe[0], '/');
    CU_ASSERT_PTR_NOT_NULL(strstr(exe, "sdkc_test_core"));
    CU_ASSERT_EQUAL(sdkc_paths_self_exe(exe, 4, &e), SDKC_ERR_TOO_LARGE);
    for (i = 0; i < 3; i++) {
        if (saved[i])
            setenv(names[i], saved[i], 1);
        else
            unsetenv(names[i]);
        free(saved[i]);
    }
}

/* SPDX-License-Identifier: Apache-2.0
 *
 * vectors/gen.c: systematic vectors from a service model (see gen.h).
 *
 * Every tree built here is a cJSON tree owned by the generator until it is
 * attached to a vector object; vectors are attached to one array per file;
 * the arrays are printed (keys sorted) into sdkc_gen_output and freed.
 * NOMEM anywhere unwinds through `goto fail` in each builder.
 */
#include "vectors/gen.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "http/http.h"
#include "core/alloc.h"
#include "core/hash.h"
#include "core/buf.h"
#include "core/json.h"
#include "vectors/vector.h"

/* The escaping string of Smithy RestJsonHttpRequestLabelEscaping: every
 * reserved character plus a 4-byte UTF-8 sequence. */
#define S_LABEL_ESCAPING  " %:/?#[]@!$&'()*+,;=\xF0\x9F\x98\xB9"
#define S_GREEDY_ESCAPING "a/b c/%\xF0\x9F\x98\xB9"
#define S_MAX_PADDED      1024         /* bytes of an escaping label padded to its min length */
#define S_TIMESTAMP       1398796238.0 /* the Smithy suites' example epoch */
#define S_TOKEN_GIVEN     "gen-token-0001"
#define S_UNKNOWN_ENUM    "GEN_UNKNOWN_VALUE"
#define S_UNKNOWN_MEMBER  "genUnknownMember"
#define S_ERROR_URI       ":http://internal.amazon.com/coral/com.amazon.coral.validate/"
/* Id suffixes are built in buffers of this size (a longer one is cut,
 * then the whole id is shortened with its hash and made unique, so a cut
 * never produces a duplicate). */
#define S_ID_MAX 2048
/* A shortened id: this many leading bytes, '.', 16 hex digits of the
 * FNV-1a 64 of the full id (SDKC_VECTOR_MAX_ID_LEN bytes in all). */
#define S_ID_KEEP        (SDKC_VECTOR_MAX_ID_LEN - 17)
#define S_ID_MAX_RETRIES 1000 /* ".2", ".3", ... tried to make an id unique */
#define S_STR_MAX        1024 /* longest synthesized string or blob param */
#define S_LIST_MAX       16   /* most list or map entries synthesized to meet a min */
#define S_NOTES_MAX      256  /* shapes noted per operation */
/* Host prefixes need an endpoint to apply to (Smithy RestJsonEndpointTrait
 * uses example.com). */
#define S_ENDPOINT      "https://example.com"
#define S_ENDPOINT_HOST "example.com"
#define S_PAYLOAD_BYTES "gen payload bytes"
#define S_PAYLOAD_TEXT  "gen payload text"
#define S_HEADER_JSON   "{\"gen\":1}" /* a jsonvalue header holds base64 of JSON */
#define S_HTTP_DATE     "Tue, 29 Apr 2014 18:30:38 GMT" /* S_TIMESTAMP, RFC 9110 §5.6.7 */
#define S_ISO_DATE      "2014-04-29T18:30:38Z"          /* S_TIMESTAMP, RFC 3339 */

enum s_cat { S_REQUEST, S_RESPONSE, S_UNIONS, S_ENUMS, S_ERRORS, S_CAT_COUNT };
static const char *const s_cat_file[S_CAT_COUNT] = {"request", "response", "unions", "enums",
                                                    "errors"};

enum s_step_kind { S_STEP_MEMBER, S_STEP_LIST, S_STEP_MAP };
struct s_step {
    enum s_step_kind kind;
    const struct sdkc_member *m;
};

struct s_gen {
    const struct sdkc_spec *spec;
    const struct sdkc_operation *op;
    struct sdkc_error *err;
    cJSON *arrays[S_CAT_COUNT];
    size_t vectors;
    const struct sdkc_shape *seen[SDKC_GEN_MAX_SHAPES_SEEN];
    size_t seen_count;
    struct s_step path[SDKC_GEN_MAX_DEPTH + 2];
    size_t depth;
    /* ids given so far in this operation (FNV-1a 64 digests) */
    struct sdkc_digest_set ids;
    /* structures being synthesized (params), to leave recursion */
    const struct sdkc_shape *stack[SDKC_GEN_MAX_DEPTH + 2];
    size_t stack_n;
    /* notes for the caller: shapes already noted, and the text */
    const struct sdkc_shape *noted[S_NOTES_MAX];
    size_t noted_count;
    struct sdkc_buf *notes;
    int nomem; /* an allocation failed where no result could be returned */
};

/* MARK: - small JSON builders (NULL on NOMEM; they free what they take) */

static cJSON *s_str(const char *s)
{
    return cJSON_CreateString(s);
}

/* Add item to obj under key; on failure frees item. 0 = ok. */
static int s_put(cJSON *obj, const char *key, cJSON *item)
{
    if (!obj || !item || !cJSON_AddItemToObject(obj, key, item)) {
        cJSON_Delete(item);
        return -1;
    }
    return 0;
}

/* s_put replacing any member of that name (params keys are unique). */
static int s_set(cJSON *obj, const char *key, cJSON *item)
{
    if (obj)
        cJSON_DeleteItemFromObjectCaseSensitive(obj, key);
    return s_put(obj, key, item);
}

static int s_push(cJSON *arr, cJSON *item)
{
    if (!arr || !item || !cJSON_AddItemToArray(arr, item)) {
        cJSON_Delete(item);
        return -1;
    }
    return 0;
}

static cJSON *s_matcher(const char *name)
{
    cJSON *m = cJSON_CreateObject();
    if (s_put(m, "$match", s_str(name))) {
        cJSON_Delete(m);
        return NULL;
    }
    return m;
}

static cJSON *s_strings(const char *const *v, size_t n)
{
    cJSON *a = cJSON_CreateArray();
    size_t i;
    for (i = 0; a && i < n; i++)
        if (s_push(a, s_str(v[i]))) {
            cJSON_Delete(a);
            return NULL;
        }
    return a;
}

/* Sort object keys recursively (byte order), so printing is canonical. */
static void s_sort(cJSON *node)
{
    cJSON *it;
    if (!node)
        return;
    for (it = node->child; it; it = it->next)
        s_sort(it);
    if (cJSON_IsObject(node) && node->child) {
        /* insertion sort on the linked list: objects here are small */
        cJSON *sorted = NULL, *next;
        for (it = node->child; it; it = next) {
            cJSON **pp = &sorted;
            next = it->next;
            while (*pp && strcmp((*pp)->string, it->string) <= 0)
                pp = &(*pp)->next;
            it->next = *pp;
            *pp = it;
        }
        /* rebuild prev links; cJSON keeps child->prev = last */
        {
            cJSON *prev = NULL, *last = NULL;
            for (it = sorted; it; it = it->next) {
                it->prev = prev;
                prev = it;
                last = it;
            }
            sorted->prev = last;
        }
        node->child = sorted;
    }
}

/* MARK: - ids */

static void s_id_part(struct sdkc_buf *b, const char *s)
{
    size_t i;
    for (i = 0; s[i]; i++) {
        unsigned char ch = (unsigned char)s[i];
        int ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                 ch == '_' || ch == '-';
        sdkc_buf_append_byte(b, ok ? (char)ch : '_');
    }
    if (!s[0])
        sdkc_buf_append_str(b, "EMPTY");
}

/* Add h to the operation's id set: 1 when new, 0 when taken, -1 NOMEM. */
/* The id of a vector: "gen.<Operation>.<suffix>", unique in the operation
 * (a repeat gets ".2", ".3", ...: an operation may list one error twice,
 * and distinct names may sanitize alike) and at most
 * SDKC_VECTOR_MAX_ID_LEN bytes (longer ones keep S_ID_KEEP bytes and the
 * FNV-1a 64 of the full id in hex, so they are stable across runs). Two
 * ids sharing a 64-bit hash count as a repeat: still unique, still
 * deterministic. */
static sdkc_result s_make_id(struct s_gen *g, const char *sfx, struct sdkc_buf *id)
{
    struct sdkc_buf full;
    sdkc_result result = SDKC_OK;
    size_t n;
    sdkc_buf_init(&full, 0);
    for (n = 1; n <= S_ID_MAX_RETRIES; n++) {
        int fresh;
        sdkc_buf_reset(&full);
        sdkc_buf_reset(id);
        if ((result = sdkc_buf_append_str(&full, "gen.")))
            break;
        s_id_part(&full, g->op->name);
        if ((result = sdkc_buf_appendf(&full, ".%s", sfx)) ||
            (n > 1 && (result = sdkc_buf_appendf(&full, ".%zu", n))))
            break;
        if (full.len <= SDKC_VECTOR_MAX_ID_LEN)
            result = sdkc_buf_append(id, full.data, full.len);
        else
            result = sdkc_buf_appendf(id, "%.*s.%016llx", (int)S_ID_KEEP, full.data,
                                      (unsigned long long)sdkc_vector_id_hash(full.data, full.len));
        if (result)
            break;
        if ((result = sdkc_digest_set_add(&g->ids, sdkc_vector_id_hash(id->data, id->len), &fresh)))
            break;
        if (fresh)
            break;
    }
    if (!result && n > S_ID_MAX_RETRIES)
        result = SDKC_ERR_TOO_LARGE;
    sdkc_buf_clean_up(&full);
    return result;
}

/* MARK: - strings that match a pattern
 *
 * A generator for the regular expressions AWS models put in `pattern`
 * (Java / ECMAScript syntax, e.g. ^[a-zA-Z0-9_-]+$, [\p{L}\p{N}]+, uuids,
 * arn:.+): one pass over the pattern that emits, for each atom, its
 * minimal number of repeats of one ASCII character the atom accepts
 * (letters and digits first). A second pass lets unbounded atoms absorb the
 * characters still wanted to reach the minimal length. Alternation takes
 * the first branch (each top-level branch is tried in turn); lookarounds
 * and anchors are skipped. Back-references, \Q..\E, class intersections
 * and classes with no ASCII member are not supported: the caller falls back
 * to a string that only meets the length limits, and says so. */

#define S_RX_MAX_DEPTH  32 /* group nesting */
#define S_RX_INF        ((size_t)-1)
#define S_RX_MAX_COPIES 4096 /* repeats of one atom (past it the string is cut short) */
/* Atoms visited in one run: nested counted groups multiply, and a model's
 * pattern is input, so a run that would take longer gives up. */
#define S_RX_MAX_STEPS 1000000

struct s_rx {
    const char *p, *end;
    struct sdkc_buf *out;
    size_t len;     /* characters emitted (code points) */
    size_t need;    /* characters still wanted beyond the minimal string */
    size_t variant; /* which accepted character the first set atom takes */
    int first_done; /* the first set atom has been emitted */
    int bad;        /* an unsupported construct was met */
    int nomem;
    size_t steps; /* atoms visited (S_RX_MAX_STEPS) */
};

typedef unsigned char s_rx_set[16]; /* ASCII 0..127 */

static void s_set_add(s_rx_set set, unsigned lo, unsigned hi)
{
    unsigned c;
    if (hi > 127)
        hi = 127;
    for (c = lo; c <= hi; c++)
        set[c >> 3] |= (unsigned char)(1u << (c & 7));
}

static int s_set_has(const s_rx_set set, unsigned c)
{
    return c < 128 && (set[c >> 3] >> (c & 7)) & 1;
}

static void s_set_invert(s_rx_set set)
{
    size_t i;
    for (i = 0; i < 16; i++)
        set[i] = (unsigned char)~set[i];
}

static void s_set_or(s_rx_set a, const s_rx_set b)
{
    size_t i;
    for (i = 0; i < 16; i++)
        a[i] |= b[i];
}

static void s_set_chars(s_rx_set set, const char *chars)
{
    for (; *chars; chars++)
        s_set_add(set, (unsigned char)*chars, (unsigned char)*chars);
}

/* \p{Name}: the ASCII members of a Unicode general category or POSIX/Java
 * class. 0 when the name is known. */
static int s_rx_property(const char *name, size_t n, s_rx_set set)
{
#define S_IS(lit) (n == sizeof(lit) - 1 && memcmp(name, lit, n) == 0)
    if (S_IS("L") || S_IS("IsAlphabetic") || S_IS("IsLetter") || S_IS("Alpha") || S_IS("Lo") ||
        S_IS("Lm") || S_IS("Lt") || S_IS("L&")) {
        s_set_add(set, 'a', 'z');
        s_set_add(set, 'A', 'Z');
    } else if (S_IS("Lu") || S_IS("Upper") || S_IS("IsUppercase")) {
        s_set_add(set, 'A', 'Z');
    } else if (S_IS("Ll") || S_IS("Lower") || S_IS("IsLowercase")) {
        s_set_add(set, 'a', 'z');
    } else if (S_IS("N") || S_IS("Nd") || S_IS("Digit") || S_IS("IsDigit")) {
        s_set_add(set, '0', '9');
    } else if (S_IS("XDigit")) {
        s_set_add(set, '0', '9');
        s_set_add(set, 'a', 'f');
        s_set_add(set, 'A', 'F');
    } else if (S_IS("Pc")) {
        s_set_chars(set, "_");
    } else if (S_IS("Pd")) {
        s_set_chars(set, "-");
    } else if (S_IS("all")) {
        s_set_add(set, 0, 127);
    } else if (S_IS("Whitespace")) {
        s_set_chars(set, " \t\n\r\f\v");
    } else if (S_IS("Alnum")) {
        s_set_add(set, 'a', 'z');
        s_set_add(set, 'A', 'Z');
        s_set_add(set, '0', '9');
    } else if (S_IS("Z") || S_IS("Zs") || S_IS("Blank")) {
        s_set_chars(set, " ");
    } else if (S_IS("Space") || S_IS("IsWhite_Space")) {
        s_set_chars(set, " \t\n\r\f\v");
    } else if (S_IS("P") || S_IS("Punct") || S_IS("IsPunctuation")) {
        s_set_chars(set, "!\"#%&'()*,-./:;?@[\\]_{}");
        if (S_IS("Punct"))
            s_set_chars(set, "$+<=>^`|~");
    } else if (S_IS("S") || S_IS("Sm") || S_IS("Sc") || S_IS("Sk")) {
        s_set_chars(set, "$+<=>^`|~");
    } else if (S_IS("M") || S_IS("Mn") || S_IS("Mc") || S_IS("Me") || S_IS("Zl") || S_IS("Zp") ||
               S_IS("Cf") || S_IS("Co") || S_IS("Cs") || S_IS("Cn")) {
        /* no ASCII members */
    } else if (S_IS("C") || S_IS("Cc") || S_IS("Cntrl")) {
        s_set_add(set, 0, 31);
        s_set_add(set, 127, 127);
    } else if (S_IS("ASCII") || S_IS("InBasicLatin")) {
        s_set_add(set, 0, 127);
    } else if (S_IS("Print") || S_IS("Graph")) {
        s_set_add(set, S_IS("Print") ? 32 : 33, 126);
    } else {
        return -1;
    }
    return 0;
#undef S_IS
}

/* After a backslash: a class escape fills set (*is_set = 1), a character
 * escape gives *cp. */
static void s_rx_escape(struct s_rx *rx, s_rx_set set, int *is_set, unsigned long *cp,
                        int *zero_width)
{
    char c;
    *is_set = 0;
    *zero_width = 0;
    if (rx->p >= rx->end) {
        rx->bad = 1;
        return;
    }
    c = *rx->p++;
    switch (c) {
    case 'd':
    case 'D': s_set_add(set, '0', '9'); break;
    case 'w':
    case 'W':
        s_set_add(set, 'a', 'z');
        s_set_add(set, 'A', 'Z');
        s_set_add(set, '0', '9');
        s_set_chars(set, "_");
        break;
    case 's':
    case 'S': s_set_chars(set, " \t\n\r\f\v"); break;
    case 'p':
    case 'P': {
        const char *name = rx->p;
        size_t n = 1;
        if (rx->p < rx->end && *rx->p == '{') {
            const char *close = memchr(rx->p, '}', (size_t)(rx->end - rx->p));
            if (!close) {
                rx->bad = 1;
                return;
            }
            name = rx->p + 1;
            n = (size_t)(close - name);
            rx->p = close + 1;
        } else if (rx->p < rx->end) {
            rx->p++;
        }
        if (n > 2 && (memcmp(name, "Is", 2) == 0 || memcmp(name, "In", 2) == 0) &&
            s_rx_property(name + 2, n - 2, set) == 0)
            break;
        if (s_rx_property(name, n, set) != 0)
            rx->bad = 1;
        break;
    }
    case 'u':
    case 'x': {
        size_t want = c == 'u' ? 4 : 2, i;
        unsigned long v = 0;
        if (c == 'x' && rx->p < rx->end && *rx->p == '{') {
            /* \x{h...h} (Java) */
            const char *close = memchr(rx->p, '}', (size_t)(rx->end - rx->p));
            if (!close || close == rx->p + 1 || close - rx->p > 7) {
                rx->bad = 1;
                return;
            }
            for (rx->p++; rx->p < close; rx->p++) {
                int d = sdkc_uri_hex_digit(*rx->p);
                if (d < 0) {
                    rx->bad = 1;
                    return;
                }
                v = v * 16 + (unsigned long)d;
            }
            rx->p++;
            *cp = v;
            return;
        }
        if ((size_t)(rx->end - rx->p) < want) {
            rx->bad = 1;
            return;
        }
        for (i = 0; i < want; i++) {
            int d = sdkc_uri_hex_digit(rx->p[i]);
            if (d < 0) {
                rx->bad = 1;
                return;
            }
            v = v * 16 + (unsigned long)d;
        }
        rx->p += want;
        *cp = v;
        return;
    }
    case 't': *cp = '\t'; return;
    case 'n': *cp = '\n'; return;
    case 'r': *cp = '\r'; return;
    case 'f': *cp = '\f'; return;
    case 'v': *cp = '\v'; return;
    case 'b':
    case 'B':
    case 'A':
    case 'z':
    case 'Z':
    case 'G': *zero_width = 1; return;
    default:
        if ((c >= '1' && c <= '9') || c == 'Q' || c == 'k') {
            rx->bad = 1; /* back-references and quoting */
            return;
        }
        *cp = (unsigned char)c;
        return;
    }
    *is_set = 1;
    if (c == 'D' || c == 'W' || c == 'S' || c == 'P')
        s_set_invert(set);
}

/* A bracket class, the '[' consumed. */
static void s_rx_class(struct s_rx *rx, s_rx_set set)
{
    int negate = 0, first = 1;
    s_rx_set acc;
    memset(acc, 0, sizeof(acc));
    if (rx->p < rx->end && *rx->p == '^') {
        negate = 1;
        rx->p++;
    }
    while (!rx->bad) {
        unsigned long lo, hi;
        int is_set = 0, zw = 0;
        s_rx_set sub;
        if (rx->p >= rx->end) {
            rx->bad = 1;
            return;
        }
        if (*rx->p == ']' && !first) {
            rx->p++;
            break;
        }
        first = 0;
        if (*rx->p == '[' || (*rx->p == '&' && rx->p + 1 < rx->end && rx->p[1] == '&')) {
            rx->bad = 1; /* nested classes, intersections (Java) */
            return;
        }
        memset(sub, 0, sizeof(sub));
        if (*rx->p == '\\') {
            rx->p++;
            s_rx_escape(rx, sub, &is_set, &lo, &zw);
            if (is_set) {
                s_set_or(acc, sub);
                continue;
            }
            if (zw)
                lo = 'b'; /* \b in a class is a backspace in Java; keep it harmless */
        } else {
            lo = (unsigned char)*rx->p++;
        }
        hi = lo;
        if (rx->p + 1 < rx->end && *rx->p == '-' && rx->p[1] != ']') {
            rx->p++;
            if (*rx->p == '\\') {
                rx->p++;
                s_rx_escape(rx, sub, &is_set, &hi, &zw);
                if (is_set) {
                    rx->bad = 1;
                    return;
                }
            } else {
                hi = (unsigned char)*rx->p++;
            }
        }
        if (lo <= hi && lo < 128)
            s_set_add(acc, (unsigned)lo, (unsigned)(hi > 127 ? 127 : hi));
    }
    if (negate)
        s_set_invert(acc);
    memcpy(set, acc, sizeof(acc));
}

/* The character a set atom emits: letters and digits first, so a value is
 * safe in a label, a query, a header and a host. */
static int s_rx_pick(struct s_rx *rx, const s_rx_set set)
{
    static const char pref[] = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                               "-_.:/=+@";
    size_t i, seen = 0;
    unsigned c;
    /* The variant (distinct map keys) goes to the first atom with enough
     * choices; atoms with fewer leave it for a later one. */
    for (i = 0; !rx->first_done && rx->variant && pref[i]; i++)
        if (s_set_has(set, (unsigned char)pref[i]) && seen++ == rx->variant) {
            rx->first_done = 1;
            return pref[i];
        }
    for (i = 0; pref[i]; i++)
        if (s_set_has(set, (unsigned char)pref[i]))
            return pref[i];
    for (c = 32; c < 127; c++)
        if (s_set_has(set, c))
            return (int)c;
    for (c = 0; c < 128; c++)
        if (s_set_has(set, c))
            return (int)c;
    return -1;
}

static void s_rx_emit(struct s_rx *rx, const char *bytes, size_t n)
{
    size_t i;
    if (rx->nomem)
        return;
    if (sdkc_buf_append(rx->out, bytes, n) != SDKC_OK) {
        rx->nomem = 1;
        return;
    }
    for (i = 0; i < n; i++)
        if (((unsigned char)bytes[i] & 0xC0) != 0x80)
            rx->len++;
}

/* {n}, {n,}, {n,m}, *, +, ? (a lazy or possessive suffix ignored). */
static void s_rx_quant(struct s_rx *rx, size_t *qmin, size_t *qmax)
{
    *qmin = *qmax = 1;
    if (rx->p >= rx->end)
        return;
    switch (*rx->p) {
    case '*':
        *qmin = 0;
        *qmax = S_RX_INF;
        rx->p++;
        break;
    case '+':
        *qmin = 1;
        *qmax = S_RX_INF;
        rx->p++;
        break;
    case '?':
        *qmin = 0;
        *qmax = 1;
        rx->p++;
        break;
    case '{': {
        const char *q = rx->p + 1;
        size_t a = 0, b;
        int digits = 0;
        while (q < rx->end && *q >= '0' && *q <= '9' && a < 100000) {
            a = a * 10 + (size_t)(*q++ - '0');
            digits = 1;
        }
        if (!digits)
            return; /* a literal '{' */
        b = a;
        if (q < rx->end && *q == ',') {
            q++;
            b = S_RX_INF;
            if (q < rx->end && *q >= '0' && *q <= '9') {
                b = 0;
                while (q < rx->end && *q >= '0' && *q <= '9' && b < 100000)
                    b = b * 10 + (size_t)(*q++ - '0');
            }
        }
        if (q >= rx->end || *q != '}')
            return;
        rx->p = q + 1;
        *qmin = a;
        *qmax = b < a ? a : b;
        break;
    }
    default: return;
    }
    if (rx->p < rx->end && (*rx->p == '?' || *rx->p == '+'))
        rx->p++;
}

static void s_rx_alts(struct s_rx *rx, int emit, size_t depth, size_t choose, size_t *count);

/* One branch: atoms up to '|' or ')' or the end. */
static void s_rx_branch(struct s_rx *rx, int emit, size_t depth)
{
    while (rx->p < rx->end && !rx->bad && !rx->nomem && *rx->p != '|' && *rx->p != ')') {
        char c = *rx->p;
        size_t qmin, qmax, k;
        if (++rx->steps > S_RX_MAX_STEPS || rx->len > S_RX_MAX_COPIES) {
            rx->bad = 1; /* too costly, or longer than any string gen writes */
            return;
        }
        if (c == '^' || c == '$') {
            rx->p++;
            continue;
        }
        if (c == '(') {
            const char *gs;
            int look = 0;
            size_t alts;
            rx->p++;
            if (rx->p < rx->end && *rx->p == '?') {
                rx->p++;
                if (rx->p < rx->end && (*rx->p == '!' || *rx->p == '=')) {
                    look = 1;
                    rx->p++;
                } else if (rx->p + 1 < rx->end && *rx->p == '<' &&
                           (rx->p[1] == '!' || rx->p[1] == '=')) {
                    look = 1;
                    rx->p += 2;
                } else if (rx->p < rx->end && (*rx->p == '<' || *rx->p == 'P')) {
                    const char *gt = memchr(rx->p, '>', (size_t)(rx->end - rx->p));
                    if (!gt) {
                        rx->bad = 1;
                        return;
                    }
                    rx->p = gt + 1; /* named group */
                } else {
                    /* inline flags: (?s) alone, or (?i:...) as a group */
                    while (rx->p < rx->end && *rx->p != ')' && *rx->p != ':')
                        rx->p++;
                    if (rx->p >= rx->end) {
                        rx->bad = 1;
                        return;
                    }
                    if (*rx->p++ == ')')
                        continue;
                }
            }
            if (depth >= S_RX_MAX_DEPTH) {
                rx->bad = 1;
                return;
            }
            gs = rx->p;
            /* find the end (nothing emitted), then the quantifier */
            s_rx_alts(rx, 0, depth + 1, 0, &alts);
            if (rx->p >= rx->end || *rx->p != ')') {
                rx->bad = 1;
                return;
            }
            rx->p++;
            s_rx_quant(rx, &qmin, &qmax);
            if (look || !emit)
                continue;
            {
                const char *after = rx->p;
                for (k = 0; !rx->bad && !rx->nomem && k < S_RX_MAX_COPIES &&
                            (k < qmin || (rx->need > 0 && k < qmax));
                     k++) {
                    size_t len0 = rx->len, need0 = rx->need, bytes0 = rx->out->len, added, absorbed,
                           choose;
                    if (++rx->steps > S_RX_MAX_STEPS) {
                        rx->bad = 1; /* copies of an empty group count too */
                        break;
                    }
                    /* the first branch, or while characters are wanted the
                     * first that gives some: (|[a-z]+) must not stay empty */
                    for (choose = 0;; choose++) {
                        rx->p = gs;
                        s_rx_alts(rx, 1, depth + 1, choose, &alts);
                        if (rx->bad || rx->nomem || need0 == 0 || rx->len > len0 ||
                            choose + 1 >= alts)
                            break;
                        rx->out->len = bytes0;
                        if (rx->out->data)
                            rx->out->data[bytes0] = '\0';
                        rx->len = len0;
                        rx->need = need0;
                    }
                    added = rx->len - len0;
                    absorbed = need0 - rx->need;
                    if (k >= qmin) {
                        /* an extra copy: it counts against what is wanted */
                        size_t extra = added - absorbed;
                        if (added == 0)
                            break;
                        rx->need -= extra < rx->need ? extra : rx->need;
                    }
                }
                rx->p = after;
            }
            continue;
        }
        {
            s_rx_set set;
            int is_set = 1, zw = 0;
            unsigned long cp = 0;
            memset(set, 0, sizeof(set));
            if (c == '[') {
                rx->p++;
                s_rx_class(rx, set);
            } else if (c == '.') {
                rx->p++;
                s_set_add(set, 32, 126);
            } else if (c == '\\') {
                rx->p++;
                s_rx_escape(rx, set, &is_set, &cp, &zw);
            } else if (c == '*' || c == '+' || c == '?' || c == ']' || c == '}') {
                if (c == ']' || c == '}') {
                    is_set = 0;
                    cp = (unsigned char)c;
                    rx->p++;
                } else {
                    rx->bad = 1; /* a quantifier with nothing before it */
                    return;
                }
            } else if ((unsigned char)c < 0x80) {
                rx->p++;
                s_set_add(set, (unsigned char)c, (unsigned char)c);
            } else {
                /* a non-ASCII literal: its UTF-8 sequence copied whole */
                const char *s0 = rx->p++;
                while (rx->p < rx->end && ((unsigned char)*rx->p & 0xC0) == 0x80)
                    rx->p++;
                s_rx_quant(rx, &qmin, &qmax);
                for (k = 0; emit && k < qmin && k < S_RX_MAX_COPIES; k++)
                    s_rx_emit(rx, s0, (size_t)(rx->p - s0));
                continue;
            }
            if (rx->bad)
                return;
            if (zw)
                continue;
            s_rx_quant(rx, &qmin, &qmax);
            if (!emit)
                continue;
            if (!is_set) {
                char u[4];
                size_t n = 0;
                if (cp < 0x80) {
                    u[n++] = (char)cp;
                } else if (cp < 0x800) {
                    u[n++] = (char)(0xC0 | (cp >> 6));
                    u[n++] = (char)(0x80 | (cp & 0x3F));
                } else {
                    u[n++] = (char)(0xE0 | (cp >> 12));
                    u[n++] = (char)(0x80 | ((cp >> 6) & 0x3F));
                    u[n++] = (char)(0x80 | (cp & 0x3F));
                }
                for (k = 0; k < qmin && k < S_RX_MAX_COPIES; k++)
                    s_rx_emit(rx, u, n);
                continue;
            }
            {
                int ch = s_rx_pick(rx, set);
                size_t extra = 0;
                char one;
                if (ch < 0) {
                    if (qmin > 0)
                        rx->bad = 1; /* a class with no ASCII member */
                    continue;
                }
                one = (char)ch;
                if (qmax > qmin && rx->need > 0) {
                    extra = qmax - qmin < rx->need ? qmax - qmin : rx->need;
                    rx->need -= extra;
                }
                for (k = 0; k < qmin + extra && k < S_RX_MAX_COPIES; k++)
                    s_rx_emit(rx, &one, 1);
            }
        }
    }
}

/* Branches separated by '|': branch `choose` emits (when emit), the others
 * are only parsed. *count: how many branches there were. */
static void s_rx_alts(struct s_rx *rx, int emit, size_t depth, size_t choose, size_t *count)
{
    size_t i = 0;
    for (;;) {
        s_rx_branch(rx, emit && i == choose, depth);
        i++;
        if (rx->bad || rx->nomem || rx->p >= rx->end || *rx->p != '|')
            break;
        rx->p++;
    }
    *count = i;
}

sdkc_result sdkc_gen_pattern_string(const char *pattern, size_t min_len, size_t max_len,
                                    size_t variant, struct sdkc_buf *out)
{
    size_t choose, alts = 1;
    if (!pattern || !out)
        return SDKC_ERR_INVALID_ARG;
    for (choose = 0; choose < alts; choose++) {
        size_t need = 0, pass;
        /* pass 0: the minimal string of this branch; pass 1: the same with
         * the missing characters absorbed by atoms that may repeat */
        for (pass = 0; pass < 2; pass++) {
            struct s_rx rx;
            memset(&rx, 0, sizeof(rx));
            rx.p = pattern;
            rx.end = pattern + strlen(pattern);
            rx.out = out;
            rx.variant = variant;
            rx.need = need;
            sdkc_buf_reset(out);
            s_rx_alts(&rx, 1, 0, choose, &alts);
            if (rx.nomem)
                return SDKC_ERR_NOMEM;
            if (rx.bad || rx.p != rx.end)
                return SDKC_ERR_UNSUPPORTED;
            if (rx.len > max_len)
                break;
            if (rx.len >= min_len)
                return sdkc_buf_reserve(out, 0);
            need = min_len - rx.len;
        }
    }
    sdkc_buf_reset(out);
    return SDKC_ERR_VALIDATION;
}

/* MARK: - notes */

enum s_note_kind { S_NOTE_PATTERN, S_NOTE_LENGTH, S_NOTE_COUNT };

/* Say once per shape and operation what gen could not honour (the value
 * is still generated, within the limits it can meet). */
static void s_note(struct s_gen *g, const struct sdkc_shape *s, enum s_note_kind kind)
{
    size_t i;
    sdkc_result r = SDKC_OK;
    for (i = 0; i < g->noted_count; i++)
        if (g->noted[i] == s)
            return;
    if (g->noted_count < S_NOTES_MAX)
        g->noted[g->noted_count++] = s;
    if (!g->notes)
        return;
    switch (kind) {
    case S_NOTE_PATTERN:
        r = sdkc_buf_appendf(g->notes,
                             "gen: note: %s: pattern of shape %s not satisfied, a string of its "
                             "length limits instead: %s\n",
                             g->op->name, s->name, s->pattern);
        break;
    case S_NOTE_LENGTH:
        r = sdkc_buf_appendf(g->notes,
                             "gen: note: %s: shape %s needs more than the %d characters gen "
                             "writes (S_STR_MAX)\n",
                             g->op->name, s->name, S_STR_MAX);
        break;
    case S_NOTE_COUNT:
        r = sdkc_buf_appendf(g->notes,
                             "gen: note: %s: shape %s needs more than the %d entries gen writes "
                             "(S_LIST_MAX)\n",
                             g->op->name, s->name, S_LIST_MAX);
        break;
    }
    if (r)
        g->nomem = 1;
}

/* MARK: - synthesized values */

static int s_seen(struct s_gen *g, const struct sdkc_shape *s)
{
    size_t i;
    for (i = 0; i < g->seen_count; i++)
        if (g->seen[i] == s)
            return 1;
    return 0;
}

static int s_mark(struct s_gen *g, const struct sdkc_shape *s)
{
    if (g->seen_count >= SDKC_GEN_MAX_SHAPES_SEEN)
        return -1;
    g->seen[g->seen_count++] = s;
    return 0;
}

/* The length limits of a string, blob, list or map shape, as counts. */
static void s_len_limits(const struct sdkc_shape *s, size_t cap, size_t *lo, size_t *hi)
{
    *lo = 0;
    *hi = cap;
    if (s->has_min && s->min > 0)
        *lo = s->min < (double)cap ? (size_t)s->min : cap;
    if (s->has_max && s->max >= 0 && s->max < (double)cap)
        *hi = (size_t)s->max;
}

/* A string for shape s (model constraints: enum, pattern, min/max length).
 * Enums take their first value; a pattern gets a string it matches
 * (sdkc_gen_pattern_string); otherwise, or when the pattern is beyond the
 * generator, "gen-<hint>" padded or cut to the limits, made of unreserved
 * characters so it is valid in any binding. `variant` makes distinct
 * strings (map keys). */
static cJSON *s_synth_string(struct s_gen *g, const struct sdkc_shape *s, const char *hint,
                             size_t variant, size_t at_least)
{
    struct sdkc_buf b;
    size_t n, lo, hi;
    cJSON *out = NULL;
    if (s->enum_count > 0)
        return s_str(s->enum_values[variant < s->enum_count ? variant : 0]);
    s_len_limits(s, S_STR_MAX, &lo, &hi);
    if (lo < at_least)
        lo = at_least;
    if (s->has_min && s->min > S_STR_MAX)
        s_note(g, s, S_NOTE_LENGTH);
    sdkc_buf_init(&b, 0);
    if (s->pattern) {
        sdkc_result r = sdkc_gen_pattern_string(s->pattern, lo, hi, variant, &b);
        if (r == SDKC_ERR_NOMEM)
            goto done;
        if (r == SDKC_OK) {
            out = s_str(b.data ? b.data : "");
            goto done;
        }
        s_note(g, s, S_NOTE_PATTERN);
        sdkc_buf_reset(&b);
    }
    if (sdkc_buf_appendf(&b, "gen-%s", hint ? hint : "value"))
        goto done;
    if (variant && sdkc_buf_appendf(&b, "%zu", variant))
        goto done;
    for (n = 0; n < b.len; n++) {
        char ch = b.data[n];
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
              ch == '-'))
            b.data[n] = '-';
    }
    while (b.len < lo)
        if (sdkc_buf_append_byte(&b, 'x'))
            goto done;
    if (b.len > hi) {
        /* keep the variant digits distinct when cutting */
        if (variant && hi > 0)
            b.data[hi - 1] = (char)('a' + variant % 26);
        b.len = hi;
        b.data[hi] = '\0';
    }
    out = s_str(b.data ? b.data : "");
done:
    sdkc_buf_clean_up(&b);
    return out;
}

static double s_clamp(const struct sdkc_shape *s, double v)
{
    if (s->has_min && v < s->min)
        v = s->min;
    if (s->has_max && v > s->max)
        v = s->max;
    return v;
}

/* How many entries a synthesized list or map gets: one, or the minimum. */
static size_t s_count(struct s_gen *g, const struct sdkc_shape *s)
{
    size_t lo, hi;
    s_len_limits(s, S_LIST_MAX, &lo, &hi);
    if (s->has_min && s->min > S_LIST_MAX)
        s_note(g, s, S_NOTE_COUNT);
    return lo > 1 ? lo : hi < 1 ? hi : 1;
}

static int s_on_stack(const struct s_gen *g, const struct sdkc_shape *s)
{
    size_t i;
    for (i = 0; i < g->stack_n; i++)
        if (g->stack[i] == s)
            return 1;
    return 0;
}

/* A params value for shape s: required members only, recursively, each
 * value within the shape's constraints (lists and maps get their minimum
 * count, at least one; numbers their range). A union takes its first
 * member that does not lead back into a structure being built, and a list
 * that may be empty stays empty when its element would recurse, so
 * recursive models (Connect EvaluationFormItem) get finite values. */
static cJSON *s_synth_param(struct s_gen *g, const struct sdkc_shape *s, const char *hint,
                            int depth)
{
    cJSON *v = NULL;
    size_t i, n;
    if (!s)
        return cJSON_CreateObject();
    switch (s->type) {
    case SDKC_SHAPE_STRUCTURE:
        v = cJSON_CreateObject();
        if (!v || depth >= SDKC_GEN_MAX_DEPTH || s->is_document)
            return v;
        g->stack[g->stack_n++] = s;
        if (s->is_union && s->member_count > 0) {
            size_t pick = 0;
            for (i = 0; i < s->member_count; i++)
                if (!s_on_stack(g, s->members[i].shape)) {
                    pick = i;
                    break;
                }
            if (s_put(v, s->members[pick].name,
                      s_synth_param(g, s->members[pick].shape, s->members[pick].name, depth + 1))) {
                cJSON_Delete(v);
                v = NULL;
            }
        }
        for (i = 0; v && !s->is_union && i < s->member_count; i++) {
            const struct sdkc_member *m = &s->members[i];
            cJSON *x;
            if (!m->required)
                continue;
            /* a label or host label may not be empty (Smithy
             * httplabel-serialization-rules, hostlabel-trait) */
            if ((m->location == SDKC_LOC_URI || m->host_label) && m->shape &&
                m->shape->type == SDKC_SHAPE_STRING)
                x = s_synth_string(g, m->shape, m->name, 0, 1);
            else
                x = s_synth_param(g, m->shape, m->name, depth + 1);
            if (s_put(v, m->name, x)) {
                cJSON_Delete(v);
                v = NULL;
            }
        }
        g->stack_n--;
        return v;
    case SDKC_SHAPE_LIST:
        v = cJSON_CreateArray();
        if (!v || !s->list_member || depth >= SDKC_GEN_MAX_DEPTH)
            return v;
        n = s_count(g, s);
        if (s_on_stack(g, s->list_member->shape) && !(s->has_min && s->min > 0))
            n = 0;
        for (i = 0; i < n; i++)
            if (s_push(v, s_synth_param(g, s->list_member->shape, hint, depth + 1))) {
                cJSON_Delete(v);
                return NULL;
            }
        return v;
    case SDKC_SHAPE_MAP:
        v = cJSON_CreateObject();
        if (!v || !s->map_value || depth >= SDKC_GEN_MAX_DEPTH)
            return v;
        n = s_count(g, s);
        if (s_on_stack(g, s->map_value->shape) && !(s->has_min && s->min > 0))
            n = 0;
        for (i = 0; i < n; i++) {
            char kh[32];
            cJSON *key;
            snprintf(kh, sizeof(kh), "key%zu", i + 1);
            key = s->map_key && s->map_key->shape && s->map_key->shape->type == SDKC_SHAPE_STRING
                      ? s_synth_string(g, s->map_key->shape, kh, i, 0)
                      : s_str(kh);
            if (!key || !cJSON_IsString(key)) {
                cJSON_Delete(key);
                cJSON_Delete(v);
                return NULL;
            }
            /* keys the constraints make equal collapse into one entry */
            if (!cJSON_GetObjectItemCaseSensitive(v, key->valuestring) &&
                s_put(v, key->valuestring,
                      s_synth_param(g, s->map_value->shape, hint, depth + 1))) {
                cJSON_Delete(key);
                cJSON_Delete(v);
                return NULL;
            }
            cJSON_Delete(key);
        }
        return v;
    case SDKC_SHAPE_STRING: return s_synth_string(g, s, hint, 0, 0);
    case SDKC_SHAPE_INTEGER:
    case SDKC_SHAPE_LONG: {
        double x = s_clamp(s, 1);
        long long k = (long long)x;
        if ((double)k < x)
            k++; /* a fractional min rounds up into the range */
        return cJSON_CreateNumber((double)k);
    }
    case SDKC_SHAPE_FLOAT:
    case SDKC_SHAPE_DOUBLE: return cJSON_CreateNumber(s_clamp(s, 1.5));
    case SDKC_SHAPE_BOOLEAN: return cJSON_CreateTrue();
    case SDKC_SHAPE_BLOB: {
        /* blob params are the raw bytes as text (contract: params) */
        char buf[S_STR_MAX + 1];
        size_t lo, hi;
        s_len_limits(s, S_STR_MAX, &lo, &hi);
        snprintf(buf, sizeof(buf), "foo");
        for (n = strlen(buf); n < lo; n++)
            buf[n] = 'x';
        buf[n < hi ? n : hi] = '\0';
        return s_str(buf);
    }
    case SDKC_SHAPE_TIMESTAMP: return cJSON_CreateNumber(S_TIMESTAMP);
    }
    return NULL;
}

/* What a value of shape s looks like as JSON in a request body (member
 * keys are wire names; blobs base64; non-epoch timestamps by matcher). */
static cJSON *s_body_value(const struct sdkc_member *m, const struct sdkc_shape *s, const cJSON *v,
                           int depth)
{
    cJSON *out = NULL, *it;
    size_t i;
    if (m && m->jsonvalue)
        return s_matcher("any");
    if (!s || depth > SDKC_GEN_MAX_DEPTH)
        return cJSON_Duplicate(v, 1);
    switch (s->type) {
    case SDKC_SHAPE_STRUCTURE:
        out = cJSON_CreateObject();
        for (i = 0; out && i < s->member_count; i++) {
            const struct sdkc_member *mm = &s->members[i];
            const cJSON *x = sdkc_json_get(v, mm->name);
            if (!x || cJSON_IsNull(x))
                continue;
            if (s_put(out, mm->wire_name, s_body_value(mm, mm->shape, x, depth + 1))) {
                cJSON_Delete(out);
                return NULL;
            }
        }
        return out;
    case SDKC_SHAPE_LIST:
        out = cJSON_CreateArray();
        for (it = v ? v->child : NULL; out && it; it = it->next)
            if (s_push(out,
                       s_body_value(s->list_member, s->list_member ? s->list_member->shape : NULL,
                                    it, depth + 1))) {
                cJSON_Delete(out);
                return NULL;
            }
        return out;
    case SDKC_SHAPE_MAP:
        out = cJSON_CreateObject();
        for (it = v ? v->child : NULL; out && it; it = it->next)
            if (s_put(out, it->string,
                      s_body_value(s->map_value, s->map_value ? s->map_value->shape : NULL, it,
                                   depth + 1))) {
                cJSON_Delete(out);
                return NULL;
            }
        return out;
    case SDKC_SHAPE_BLOB: {
        struct sdkc_buf b;
        sdkc_buf_init(&b, 0);
        if (cJSON_IsString(v) && !sdkc_base64_encode(&b, v->valuestring, strlen(v->valuestring)) &&
            !sdkc_buf_reserve(&b, 0))
            out = s_str(b.data);
        sdkc_buf_clean_up(&b);
        return out;
    }
    case SDKC_SHAPE_TIMESTAMP: {
        const char *fmt = (m && m->timestamp_format) ? m->timestamp_format : s->timestamp_format;
        if (!fmt || strcmp(fmt, "unixTimestamp") == 0)
            return cJSON_Duplicate(v, 1);
        return s_matcher("string");
    }
    default: return cJSON_Duplicate(v, 1);
    }
}

/* A scalar as text in a label, query value or header; NULL text (and
 * *known = 0) when the formatting is not pinned down well enough to
 * expect exact bytes. */
static int s_scalar_text(const struct sdkc_shape *s, const cJSON *v, char *out, size_t n)
{
    if (!s || !v)
        return 0;
    switch (s->type) {
    case SDKC_SHAPE_STRING:
        if (!cJSON_IsString(v) || strlen(v->valuestring) >= n)
            return 0;
        snprintf(out, n, "%s", v->valuestring);
        return 1;
    case SDKC_SHAPE_INTEGER:
    case SDKC_SHAPE_LONG: {
        /* exact digits, as the codec sends them (core/json.h "Numbers") */
        long long ll;
        if (sdkc_json_number_int64(v, &ll) != SDKC_OK)
            return 0;
        snprintf(out, n, "%lld", ll);
        return 1;
    }
    case SDKC_SHAPE_BOOLEAN: snprintf(out, n, "%s", cJSON_IsTrue(v) ? "true" : "false"); return 1;
    default: return 0;
    }
}

/* MARK: - expected requests */

static const struct sdkc_member *s_label(const struct sdkc_shape *in, const char *name, size_t n)
{
    size_t i;
    for (i = 0; in && i < in->member_count; i++) {
        const struct sdkc_member *m = &in->members[i];
        if (m->location == SDKC_LOC_URI && strlen(m->wire_name) == n &&
            memcmp(m->wire_name, name, n) == 0)
            return m;
    }
    return NULL;
}

static int s_has_body_members(const struct sdkc_shape *in)
{
    size_t i;
    for (i = 0; in && i < in->member_count; i++)
        if (in->members[i].location == SDKC_LOC_BODY)
            return 1;
    return 0;
}

/* The host a request for params goes to when the client is configured
 * with S_ENDPOINT: the operation's endpoint.hostPrefix with its {labels}
 * filled from the hostLabel members (Smithy endpoint-traits#hostlabel-trait,
 * RestJsonEndpointTraitWithHostLabel), before the endpoint's host. NULL
 * when a label has no value (the client must refuse: a request vector
 * cannot say which host). */
static cJSON *s_expect_host(struct s_gen *g, const cJSON *params)
{
    const char *p = g->op->host_prefix;
    const struct sdkc_shape *in = g->op->input;
    struct sdkc_buf h;
    cJSON *out = NULL;
    char text[512];
    sdkc_buf_init(&h, 0);
    while (*p) {
        const char *close;
        size_t i, n;
        const cJSON *v = NULL;
        const struct sdkc_member *lm = NULL;
        if (*p != '{') {
            if (sdkc_buf_append_byte(&h, *p++))
                goto done;
            continue;
        }
        close = strchr(p, '}');
        if (!close)
            goto done;
        n = (size_t)(close - p - 1);
        for (i = 0; in && i < in->member_count; i++)
            if (in->members[i].host_label && strlen(in->members[i].name) == n &&
                memcmp(in->members[i].name, p + 1, n) == 0)
                lm = &in->members[i];
        v = lm ? sdkc_json_get(params, lm->name) : NULL;
        if (!v || !s_scalar_text(lm->shape, v, text, sizeof(text)) || sdkc_buf_append_str(&h, text))
            goto done;
        p = close + 1;
    }
    if (!sdkc_buf_append_str(&h, S_ENDPOINT_HOST))
        out = s_str(h.data);
done:
    sdkc_buf_clean_up(&h);
    return out;
}

/* The escaping string fitted to the member's length trait, so that a client
 * that validates lengths (botocore does) still sends it: padded with 'a'
 * up to min, cut at a code point up to max. Smithy and botocore count
 * Unicode code points, not bytes (appsync's ResourceArn is 70..75). */
static cJSON *s_escaping(const struct sdkc_shape *sh, const char *base)
{
    char text[S_MAX_PADDED + 1];
    size_t n = 0, cps = 0, i;
    size_t min = sh->has_min && sh->min > 0 ? (size_t)sh->min : 0;
    size_t max = sh->has_max && sh->max >= 1 ? (size_t)sh->max : SIZE_MAX;
    for (i = 0; base[i] && cps < max && n < S_MAX_PADDED; cps++) {
        size_t len = 1;
        while ((base[i + len] & 0xC0) == 0x80)
            len++;
        if (n + len > S_MAX_PADDED)
            break;
        memcpy(text + n, base + i, len);
        n += len;
        i += len;
    }
    for (; cps < min && cps < max && n < S_MAX_PADDED; cps++)
        text[n++] = 'a';
    text[n] = '\0';
    return s_str(text);
}

/* The expected request for params, by the rest-json rules (notes §1.4-1.6,
 * §3.4-3.5): exact path, decoded query, header values, Content-Type with a
 * JSON body and none without, the body of set body members, and tokens
 * that are absent as uuid4 matchers. Parts whose bytes the model does not
 * pin down are left out rather than guessed. path_only limits the
 * expectation to method and path. */
static cJSON *s_expect_request(struct s_gen *g, const cJSON *params, int path_only)
{
    const struct sdkc_operation *op = g->op;
    const struct sdkc_shape *in = op->input;
    const struct sdkc_member *payload = in ? in->payload : NULL;
    cJSON *r = cJSON_CreateObject(), *query = NULL, *headers = NULL, *equal = NULL, *body = NULL;
    cJSON *forbidden = NULL, *body_text = NULL;
    const char *ctype = NULL;
    int ct_member = 0, body_known = 1;
    struct sdkc_buf path, tmp;
    const char *uri = op->request_uri ? op->request_uri : "/";
    const char *qmark = strchr(uri, '?');
    size_t ulen = qmark ? (size_t)(qmark - uri) : strlen(uri), i;
    int path_known = 1, query_known = 1, fail = 0;
    char text[512];

    sdkc_buf_init(&path, 0);
    sdkc_buf_init(&tmp, 0);
    if (!r)
        return NULL;
    if (s_put(r, "method", s_str(op->http_method ? op->http_method : "POST")))
        goto nomem;
    /* path: requestUri with {label} and greedy {label+} replaced. */
    for (i = 0; i < ulen && path_known;) {
        if (uri[i] == '{') {
            const char *close = memchr(uri + i, '}', ulen - i);
            size_t nlen;
            int greedy;
            const struct sdkc_member *m;
            const cJSON *v;
            if (!close) {
                path_known = 0;
                break;
            }
            nlen = (size_t)(close - uri - i - 1);
            greedy = nlen > 0 && uri[i + nlen] == '+';
            m = s_label(in, uri + i + 1, greedy ? nlen - 1 : nlen);
            v = m ? sdkc_json_get(params, m->name) : NULL;
            if (!v || !s_scalar_text(m->shape, v, text, sizeof(text)))
                path_known = 0;
            else if (sdkc_uri_encode(&path, text, strlen(text), greedy))
                goto nomem;
            i = (size_t)(close - uri) + 1;
            continue;
        }
        if (sdkc_buf_append_byte(&path, uri[i]))
            goto nomem;
        i++;
    }
    if (path_known && path.len > 0 && s_put(r, "path", s_str(path.data)))
        goto nomem;
    if (path_only)
        goto done;

    /* query: the literal part of requestUri, then bound members. */
    query = cJSON_CreateObject();
    if (!query)
        goto nomem;
    if (qmark) {
        const char *p = qmark + 1;
        while (*p) {
            const char *amp = strchr(p, '&'), *end = amp ? amp : p + strlen(p);
            const char *eq = memchr(p, '=', (size_t)(end - p));
            char key[256], val[256];
            snprintf(key, sizeof(key), "%.*s", (int)((eq ? eq : end) - p), p);
            snprintf(val, sizeof(val), "%.*s", eq ? (int)(end - eq - 1) : 0, eq ? eq + 1 : "");
            if (key[0] && s_put(query, key, s_str(val)))
                goto nomem;
            p = amp ? amp + 1 : end;
        }
    }
    headers = cJSON_CreateObject();
    equal = cJSON_CreateObject();
    forbidden = cJSON_CreateArray();
    if (!headers || !equal || !forbidden)
        goto nomem;
    if (!payload && s_has_body_members(in)) {
        body = cJSON_CreateObject();
        if (!body)
            goto nomem;
    }
    for (i = 0; in && i < in->member_count; i++) {
        const struct sdkc_member *m = &in->members[i];
        const cJSON *v = sdkc_json_get(params, m->name);
        int set = v && !cJSON_IsNull(v);
        if (!set && !m->idempotency_token)
            continue;
        switch (m->location) {
        case SDKC_LOC_BODY:
            if (payload)
                break; /* the payload member alone makes the body (below) */
            fail = set ? s_put(body, m->wire_name, s_body_value(m, m->shape, v, 0))
                       : s_put(body, m->wire_name, s_matcher("uuid4"));
            break;
        case SDKC_LOC_QUERY:
            if (!set)
                fail = s_put(query, m->wire_name, s_matcher("uuid4"));
            else if (m->shape->type == SDKC_SHAPE_TIMESTAMP)
                fail = s_put(query, m->wire_name, s_matcher("string"));
            else if (m->shape->type == SDKC_SHAPE_LIST && cJSON_IsArray(v)) {
                const cJSON *e;
                cJSON *arr = cJSON_CreateArray();
                int n = cJSON_GetArraySize(v);
                for (e = v->child; arr && e; e = e->next) {
                    if (!s_scalar_text(m->shape->list_member ? m->shape->list_member->shape : NULL,
                                       e, text, sizeof(text))) {
                        query_known = 0;
                        break;
                    }
                    if (s_push(arr, s_str(text))) {
                        cJSON_Delete(arr);
                        goto nomem;
                    }
                }
                if (!arr)
                    goto nomem;
                /* one value decodes as a plain string (no repeat) */
                if (n == 1 && arr->child) {
                    cJSON *one = cJSON_DetachItemViaPointer(arr, arr->child);
                    cJSON_Delete(arr);
                    arr = one;
                }
                fail = s_put(query, m->wire_name, arr);
            } else if (s_scalar_text(m->shape, v, text, sizeof(text)))
                fail = s_put(query, m->wire_name, s_str(text));
            else
                query_known = 0;
            break;
        case SDKC_LOC_HEADER:
            if (strcasecmp(m->wire_name, "Content-Type") == 0)
                ct_member = 1; /* the member's value is the Content-Type */
            if (!set)
                fail = s_put(equal, m->wire_name, s_matcher("uuid4"));
            else if (!m->jsonvalue && s_scalar_text(m->shape, v, text, sizeof(text)))
                fail = s_put(equal, m->wire_name, s_str(text));
            else
                fail = s_put(equal, m->wire_name, s_matcher("string"));
            break;
        default: break; /* labels are in the path; prefix-header maps unchecked */
        }
        if (fail)
            goto nomem;
    }
    {
        cJSON *q = query;
        query = NULL;
        if (!query_known)
            cJSON_Delete(q);
        else if (s_put(r, "query", q))
            goto nomem;
    }
    /* An httpPayload member is the whole body (Smithy http-bindings
     * #httppayload-trait; RestJsonHttpPayloadTraitsWithBlob,
     * RestJsonHttpPayloadWithStructure, RestJsonStringPayloadRequest): a
     * blob or string as its exact bytes, with application/octet-stream or
     * text/plain; a structure, union or document as the JSON of that
     * member. Unset, the body is not pinned down (botocore sends "{}" for
     * an unset structure, Smithy an empty body), so it is not checked. */
    if (payload) {
        const cJSON *v = sdkc_json_get(params, payload->name);
        const struct sdkc_shape *ps = payload->shape;
        if (!v || cJSON_IsNull(v) || !ps) {
            body_known = 0;
        } else if (ps->type == SDKC_SHAPE_BLOB || ps->type == SDKC_SHAPE_STRING) {
            if (!cJSON_IsString(v) || !(body_text = s_str(v->valuestring)))
                goto nomem;
            ctype = ps->type == SDKC_SHAPE_BLOB ? "application/octet-stream" : "text/plain";
        } else {
            if (!(body = s_body_value(payload, ps, v, 0)))
                goto nomem;
            ctype = "application/json";
        }
    } else if (body) {
        ctype = "application/json";
    }
    /* Content-Type travels with a body only (botocore legacy input #25: no
     * body, no Content-Type), unless a member binds it. */
    if (!ct_member && ctype) {
        if (s_put(equal, "Content-Type", s_str(ctype)))
            goto nomem;
    } else if (!ct_member && body_known && !body) {
        if (s_push(forbidden, s_str("Content-Type")))
            goto nomem;
    }
    /* An operation without auth is sent unsigned (Smithy @optionalAuth /
     * @auth([]); botocore resolve_auth_type "none"). */
    if (op->unauthenticated && s_push(forbidden, s_str("Authorization")))
        goto nomem;
    if (op->host_prefix) {
        cJSON *host = s_expect_host(g, params);
        if (host && s_put(r, "host", host))
            goto nomem;
    }
    {
        cJSON *eq = equal, *h = headers, *bd = body, *fb = forbidden, *bt = body_text;
        equal = headers = body = forbidden = body_text = NULL;
        if (!fb->child)
            cJSON_Delete(fb);
        else if (s_put(h, "forbidden", fb)) {
            cJSON_Delete(eq);
            cJSON_Delete(h);
            cJSON_Delete(bd);
            cJSON_Delete(bt);
            goto nomem;
        }
        if (!eq->child)
            cJSON_Delete(eq);
        else if (s_put(h, "equal", eq)) {
            cJSON_Delete(h);
            cJSON_Delete(bd);
            cJSON_Delete(bt);
            goto nomem;
        }
        if (s_put(r, "headers", h)) {
            cJSON_Delete(bd);
            cJSON_Delete(bt);
            goto nomem;
        }
        if (bt) {
            cJSON_Delete(bd);
            if (s_put(r, "bodyText", bt))
                goto nomem;
        } else if (body_known && s_put(r, "body", bd ? bd : cJSON_CreateNull())) {
            goto nomem;
        } else if (!body_known) {
            cJSON_Delete(bd);
        }
    }
done:
    sdkc_buf_clean_up(&path);
    sdkc_buf_clean_up(&tmp);
    return r;
nomem:
    cJSON_Delete(r);
    cJSON_Delete(query);
    cJSON_Delete(headers);
    cJSON_Delete(equal);
    cJSON_Delete(body);
    cJSON_Delete(forbidden);
    cJSON_Delete(body_text);
    sdkc_buf_clean_up(&path);
    sdkc_buf_clean_up(&tmp);
    return NULL;
}

/* MARK: - canned responses and expected results */

static cJSON *s_response(int status, const char *body_text, const char *const *hdrs, size_t nh)
{
    cJSON *r = cJSON_CreateObject(), *h = cJSON_CreateObject();
    size_t i;
    if (s_put(r, "status", cJSON_CreateNumber(status))) {
        cJSON_Delete(h);
        cJSON_Delete(r);
        return NULL;
    }
    for (i = 0; i + 1 < nh; i += 2)
        if (s_put(h, hdrs[i], s_str(hdrs[i + 1]))) {
            cJSON_Delete(h);
            cJSON_Delete(r);
            return NULL;
        }
    if (s_put(r, "headers", h) || (body_text && s_put(r, "body", s_str(body_text)))) {
        cJSON_Delete(r);
        return NULL;
    }
    return r;
}

static int s_out_value(const struct sdkc_shape *s, int depth, cJSON **wire, cJSON **doc);

/* Set header name (case-insensitively replacing one already there). */
static int s_header_set(cJSON *h, const char *name, const char *value)
{
    cJSON_DeleteItemFromObject(h, name); /* cJSON's plain lookup ignores case */
    return s_put(h, name, s_str(value));
}

static cJSON *s_base64_str(const char *bytes)
{
    struct sdkc_buf b;
    cJSON *out = NULL;
    sdkc_buf_init(&b, 0);
    if (!sdkc_base64_encode(&b, bytes, strlen(bytes)) && !sdkc_buf_reserve(&b, 0))
        out = s_str(b.data);
    sdkc_buf_clean_up(&b);
    return out;
}

/* A header-bound output member: the header text the response carries and
 * the value the result document shows (Smithy http-bindings
 * #httpheader-serialization-rules: timestamps as IMF-fixdate unless a
 * timestampFormat says otherwise, shown as epoch seconds; blobs base64,
 * shown as the base64 text; jsonvalue as base64 of JSON, shown as that
 * JSON text (a string, MediaTypeHeaderOutputBase64); lists as one item). 1 when set, 0 when the
 * shape cannot travel in a header, -1 NOMEM. */
static int s_header_pair(const struct sdkc_member *m, const struct sdkc_shape *s,
                         struct sdkc_buf *text, cJSON **doc)
{
    const char *fmt;
    *doc = NULL;
    sdkc_buf_reset(text);
    if (!s)
        return 0;
    switch (s->type) {
    case SDKC_SHAPE_STRING:
        if (m && m->jsonvalue) {
            /* Smithy @mediaType string header (botocore jsonvalue): base64
             * on the wire, the decoded text as a string in the result
             * (MediaTypeHeaderOutputBase64 wants "true", not true) */
            if (sdkc_base64_encode(text, S_HEADER_JSON, strlen(S_HEADER_JSON)) ||
                !(*doc = s_str(S_HEADER_JSON)))
                return -1;
            return 1;
        }
        if (s->enum_count > 0) {
            if (sdkc_buf_append_str(text, s->enum_values[0]))
                return -1;
        } else {
            if (sdkc_buf_append_str(text, "gen-"))
                return -1;
            s_id_part(text, m ? m->name : "value");
        }
        *doc = s_str(text->data);
        break;
    case SDKC_SHAPE_INTEGER:
    case SDKC_SHAPE_LONG:
        if (sdkc_buf_append_str(text, "1"))
            return -1;
        *doc = cJSON_CreateNumber(1);
        break;
    case SDKC_SHAPE_FLOAT:
    case SDKC_SHAPE_DOUBLE:
        if (sdkc_buf_append_str(text, "1.5"))
            return -1;
        *doc = cJSON_CreateNumber(1.5);
        break;
    case SDKC_SHAPE_BOOLEAN:
        if (sdkc_buf_append_str(text, "true"))
            return -1;
        *doc = cJSON_CreateTrue();
        break;
    case SDKC_SHAPE_TIMESTAMP:
        fmt = (m && m->timestamp_format) ? m->timestamp_format : s->timestamp_format;
        if (sdkc_buf_append_str(text, !fmt || strcmp(fmt, "rfc822") == 0  ? S_HTTP_DATE
                                      : strcmp(fmt, "unixTimestamp") == 0 ? "1398796238"
                                                                          : S_ISO_DATE))
            return -1;
        *doc = cJSON_CreateNumber(S_TIMESTAMP);
        break;
    case SDKC_SHAPE_BLOB:
        if (sdkc_base64_encode(text, "gen-blob", 8))
            return -1;
        *doc = s_str(text->data);
        break;
    case SDKC_SHAPE_LIST: {
        cJSON *item = NULL, *arr;
        int k;
        if (!s->list_member || !s->list_member->shape ||
            s->list_member->shape->type == SDKC_SHAPE_LIST)
            return 0;
        k = s_header_pair(s->list_member, s->list_member->shape, text, &item);
        if (k <= 0)
            return k;
        arr = cJSON_CreateArray();
        if (s_push(arr, item)) {
            cJSON_Delete(arr);
            return -1;
        }
        *doc = arr;
        break;
    }
    default: return 0;
    }
    return *doc ? 1 : -1;
}

/* The canned response of an output vector and the output it must decode
 * to. body_wire (taken) is the top-level JSON body by wire names, or NULL
 * for {}; doc (not taken) is the output so far, by member names. Every
 * binding of the output shape goes into both (decode.c header comment,
 * Smithy http-bindings): an httpPayload member is the whole body (a blob
 * as raw bytes shown as base64, a string as text, a structure as the JSON
 * of that member; none in a 204), header members are headers, prefix-header
 * maps take every header under their prefix, and statusCode members the
 * status. NULL on NOMEM. */
static cJSON *s_output_response(struct s_gen *g, int status, cJSON *body_wire, cJSON *doc)
{
    const struct sdkc_shape *out = g->op->output;
    const struct sdkc_member *pm = out ? out->payload : NULL;
    cJSON *r = cJSON_CreateObject(), *h = cJSON_CreateObject(), *it;
    char *text = NULL;
    const char *raw = NULL, *ctype = NULL;
    struct sdkc_buf hv;
    size_t i;

    sdkc_buf_init(&hv, 0);
    if (!r || !h || !doc)
        goto fail;
    if (status == 204) {
        if (pm)
            cJSON_DeleteItemFromObjectCaseSensitive(doc, pm->name);
    } else if (pm && pm->shape &&
               (pm->shape->type == SDKC_SHAPE_BLOB || pm->shape->type == SDKC_SHAPE_STRING)) {
        int blob = pm->shape->type == SDKC_SHAPE_BLOB;
        raw = blob                    ? S_PAYLOAD_BYTES
              : pm->shape->enum_count ? pm->shape->enum_values[0]
                                      : S_PAYLOAD_TEXT;
        ctype = blob ? "application/octet-stream" : "text/plain";
        if (s_set(doc, pm->name, blob ? s_base64_str(raw) : s_str(raw)))
            goto fail;
    } else if (pm && pm->shape) {
        cJSON *pv =
            body_wire ? cJSON_DetachItemFromObjectCaseSensitive(body_wire, pm->wire_name) : NULL;
        if (!pv) {
            cJSON *pd = NULL;
            if (s_out_value(pm->shape, 0, &pv, &pd) || s_set(doc, pm->name, pd)) {
                cJSON_Delete(pv);
                goto fail;
            }
        }
        if (sdkc_json_print(pv, 0, &text, NULL)) {
            cJSON_Delete(pv);
            goto fail;
        }
        cJSON_Delete(pv);
        ctype = "application/json";
    } else {
        cJSON *empty = body_wire ? NULL : cJSON_CreateObject();
        if (sdkc_json_print(body_wire ? body_wire : empty, 0, &text, NULL)) {
            cJSON_Delete(empty);
            goto fail;
        }
        cJSON_Delete(empty);
        ctype = "application/json";
    }
    if (ctype && s_header_set(h, "Content-Type", ctype))
        goto fail;
    for (i = 0; out && i < out->member_count; i++) {
        const struct sdkc_member *m = &out->members[i];
        cJSON *dv = NULL;
        int k;
        if (m->location == SDKC_LOC_STATUS) {
            if (s_set(doc, m->name, cJSON_CreateNumber(status)))
                goto fail;
        } else if (m->location == SDKC_LOC_HEADERS) {
            sdkc_buf_reset(&hv);
            if (sdkc_buf_appendf(&hv, "%skey1", m->wire_name) ||
                s_header_set(h, hv.data, "gen-value"))
                goto fail;
        } else if (m->location == SDKC_LOC_HEADER &&
                   strcasecmp(m->wire_name, "Content-Length") == 0 && m->shape &&
                   (m->shape->type == SDKC_SHAPE_INTEGER || m->shape->type == SDKC_SHAPE_LONG)) {
            /* The framing header (RFC 9110 §8.6): it can only hold the
             * body's length, which any transport sends whatever a vector
             * says (mediastore-data GetObject's ContentLength). */
            size_t blen = raw ? strlen(raw) : text ? strlen(text) : 0;
            sdkc_buf_reset(&hv);
            if (sdkc_buf_appendf(&hv, "%zu", blen) || s_header_set(h, m->wire_name, hv.data) ||
                s_set(doc, m->name, cJSON_CreateNumber((double)blen)))
                goto fail;
        } else if (m->location == SDKC_LOC_HEADER) {
            k = s_header_pair(m, m->shape, &hv, &dv);
            if (k < 0)
                goto fail;
            if (k > 0 && s_header_set(h, m->wire_name, hv.data)) {
                cJSON_Delete(dv);
                goto fail;
            }
            if (k > 0 && s_set(doc, m->name, dv))
                goto fail;
        }
    }
    /* prefix maps last: they see every header, whichever member set it */
    for (i = 0; out && i < out->member_count; i++) {
        const struct sdkc_member *m = &out->members[i];
        size_t plen = strlen(m->wire_name);
        const struct sdkc_shape *vs =
            m->shape && m->shape->map_value ? m->shape->map_value->shape : NULL;
        cJSON *map;
        if (m->location != SDKC_LOC_HEADERS)
            continue;
        /* With an empty prefix the map holds every header, and a transport
         * adds its own (Date, Content-Length): only "present" holds. */
        if (plen == 0 || !vs || vs->type != SDKC_SHAPE_STRING || vs->enum_count) {
            if (s_set(doc, m->name, s_matcher("any")))
                goto fail;
            continue;
        }
        map = cJSON_CreateObject();
        for (it = h->child; map && it; it = it->next)
            if (strncasecmp(it->string, m->wire_name, plen) == 0 &&
                s_put(map, it->string + plen, s_str(it->valuestring))) {
                cJSON_Delete(map);
                map = NULL;
            }
        if (s_set(doc, m->name, map))
            goto fail;
    }
    if (s_put(r, "status", cJSON_CreateNumber(status)))
        goto fail;
    it = h;
    h = NULL;
    if (s_put(r, "headers", it))
        goto fail;
    if ((text || raw) && s_put(r, "body", s_str(text ? text : raw)))
        goto fail;
    sdkc_free(text);
    cJSON_Delete(body_wire);
    sdkc_buf_clean_up(&hv);
    return r;
fail:
    sdkc_free(text);
    cJSON_Delete(body_wire);
    cJSON_Delete(h);
    cJSON_Delete(r);
    sdkc_buf_clean_up(&hv);
    return NULL;
}

/* {"output": output}; takes output. */
static cJSON *s_output_doc(cJSON *output)
{
    cJSON *doc = cJSON_CreateObject();
    if (s_put(doc, "output", output)) {
        cJSON_Delete(doc);
        return NULL;
    }
    return doc;
}

static cJSON *s_client_error_doc(const char *kind)
{
    cJSON *doc = cJSON_CreateObject(), *ce = cJSON_CreateObject();
    if (s_put(ce, "kind", s_str(kind)) || s_put(ce, "message", s_matcher("string"))) {
        cJSON_Delete(ce);
        cJSON_Delete(doc);
        return NULL;
    }
    if (s_put(doc, "clientError", ce)) {
        cJSON_Delete(doc);
        return NULL;
    }
    return doc;
}

/* The modeled success: status and {} (no body for a bodiless output). */
static int s_success_status(const struct sdkc_operation *op)
{
    return op->response_code >= 200 && op->response_code < 300 ? op->response_code : 200;
}

/* No body: a 204, or an output with an httpPayload member, which reads the
 * whole body as that member (a "{}" body would be a 2-byte blob or an
 * empty structure there); an empty body leaves it absent
 * (RestJsonHttpPayloadTraitsWithNoBlobBody, RestJsonHttpPayloadWithUnsetUnion). */
static int s_bodiless_success(const struct sdkc_operation *op)
{
    return s_success_status(op) == 204 || (op->output && op->output->payload);
}

static cJSON *s_success_response(struct s_gen *g)
{
    int status = s_success_status(g->op);
    static const char *const hdrs[] = {"Content-Type", "application/json"};
    if (s_bodiless_success(g->op))
        return s_response(status, NULL, NULL, 0);
    return s_response(status, "{}", hdrs, 2);
}

/* MARK: - emitting one vector */

static sdkc_result s_emit(struct s_gen *g, enum s_cat cat, const char *id_suffix, const char *title,
                          const char *level, const char *const *refs, size_t nrefs,
                          const char *const *tags, size_t ntags, cJSON *params, cJSON *request,
                          cJSON *response, cJSON *expect)
{
    cJSON *v = cJSON_CreateObject();
    struct sdkc_buf id;
    sdkc_result r;
    sdkc_buf_init(&id, 0);
    r = s_make_id(g, id_suffix, &id);
    if (r == SDKC_ERR_TOO_LARGE) {
        sdkc_buf_clean_up(&id);
        cJSON_Delete(v);
        cJSON_Delete(params);
        cJSON_Delete(request);
        cJSON_Delete(response);
        cJSON_Delete(expect);
        return sdkc_error_set(g->err, r, SDKC_NO_OFFSET,
                              "gen %s: more than %d vectors would share the id of %s", g->op->name,
                              S_ID_MAX_RETRIES, id_suffix);
    }
    if (r || !v || s_put(v, "id", s_str(id.data))) {
        sdkc_buf_clean_up(&id);
        goto nomem;
    }
    sdkc_buf_clean_up(&id);
    /* A host prefix applies to a configured endpoint (Smithy
     * RestJsonEndpointTrait uses example.com). */
    if (g->op->host_prefix && s_put(v, "endpoint", s_str(S_ENDPOINT)))
        goto nomem;
    if (!params || s_put(v, "title", s_str(title)) || s_put(v, "level", s_str(level)) ||
        s_put(v, "refs", s_strings(refs, nrefs)) || s_put(v, "tags", s_strings(tags, ntags)) ||
        s_put(v, "operation", s_str(g->op->name)))
        goto nomem;
    if (s_put(v, "params", params)) {
        params = NULL;
        goto nomem;
    }
    params = NULL;
    if (request && s_put(v, "request", request)) {
        request = NULL;
        goto nomem;
    }
    request = NULL;
    if (response && s_put(v, "response", response)) {
        response = NULL;
        goto nomem;
    }
    response = NULL;
    if (expect && s_put(v, "expect", expect)) {
        expect = NULL;
        goto nomem;
    }
    expect = NULL;
    if (!g->arrays[cat] && !(g->arrays[cat] = cJSON_CreateArray()))
        goto nomem;
    if (s_push(g->arrays[cat], v))
        return sdkc_error_set(g->err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
    g->vectors++;
    return SDKC_OK;
nomem:
    cJSON_Delete(v);
    cJSON_Delete(params);
    cJSON_Delete(request);
    cJSON_Delete(response);
    cJSON_Delete(expect);
    return sdkc_error_set(g->err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
}

#define S_N(a) (sizeof(a) / sizeof((a)[0]))

/* MARK: - request vectors */

static cJSON *s_base_params(struct s_gen *g)
{
    return s_synth_param(g, g->op->input, "input", 0);
}

static sdkc_result s_gen_request(struct s_gen *g)
{
    static const char *const req_tags[] = {"request", "generated"};
    static const char *const base_refs[] = {"smithy:http-bindings#http-trait",
                                            "smithy:RestJsonHttpWithEmptyBody",
                                            "smithy:RestJsonDoesntSerializeNullStructureValues"};
    static const char *const label_refs[] = {"smithy:RestJsonHttpRequestLabelEscaping",
                                             "smithy:http-bindings#httplabel-serialization-rules"};
    static const char *const tok_absent_refs[] = {
        "smithy:RestJsonQueryIdempotencyTokenAutoFill",
        "smithy:spec/behavior-traits#idempotencytoken-trait",
        "botocore:legacy/input/rest-json.json#19.1"};
    static const char *const tok_given_refs[] = {
        "smithy:RestJsonQueryIdempotencyTokenAutoFillIsSet",
        "botocore:legacy/input/rest-json.json#19.0"};
    static const char *const missing_refs[] = {
        "smithy:spec/type-refinement-traits#required-trait",
        "botocore:validate.py#ParamValidator missing required"};
    static const char *const enum_refs[] = {"smithy:RestJsonJsonEnums"};
    static const char *const open_refs[] = {"smithy:spec/simple-types#enum (open enums)",
                                            "botocore:validate.py (no enum check)"};
    const struct sdkc_shape *in = g->op->input;
    struct sdkc_buf id, title;
    cJSON *params = NULL;
    sdkc_result result = SDKC_OK;
    size_t i, k;

    sdkc_buf_init(&id, 0);
    sdkc_buf_init(&title, 0);
#define S_PARAMS() (params = s_base_params(g))
#define S_TRY(expr)                                                                                \
    do {                                                                                           \
        if ((result = (expr))) {                                                                   \
            params = NULL; /* s_emit took it */                                                    \
            goto done;                                                                             \
        }                                                                                          \
    } while (0)

    /* The required members (tokens given, so the vector does not depend on
     * token generation). */
    S_PARAMS();
    for (i = 0; params && in && i < in->member_count; i++)
        if (in->members[i].idempotency_token &&
            s_set(params, in->members[i].name, s_str(S_TOKEN_GIVEN)))
            goto nomem;
    if (!params)
        goto nomem;
    S_TRY(s_emit(g, S_REQUEST, "request.required", "the required members only (tokens given)",
                 "MUST", base_refs, S_N(base_refs), req_tags, 2, params,
                 s_expect_request(g, params, 0), NULL, NULL));
    params = NULL;

    /* An optional httpPayload member set: the body is that member alone. */
    if (in && in->payload && !in->payload->required && in->payload->shape) {
        static const char *const payload_refs[] = {
            "smithy:http-bindings#httppayload-trait", "smithy:RestJsonHttpPayloadTraitsWithBlob",
            "smithy:RestJsonHttpPayloadWithStructure", "smithy:RestJsonStringPayloadRequest"};
        const struct sdkc_member *pm = in->payload;
        char sfx[S_ID_MAX];
        if (!S_PARAMS())
            goto nomem;
        for (i = 0; in && i < in->member_count; i++)
            if (in->members[i].idempotency_token &&
                s_set(params, in->members[i].name, s_str(S_TOKEN_GIVEN)))
                goto nomem;
        if (s_set(params, pm->name, s_synth_param(g, pm->shape, pm->name, 0)))
            goto nomem;
        sdkc_buf_reset(&id);
        s_id_part(&id, pm->name);
        snprintf(sfx, sizeof(sfx), "request.payload.%s", id.data);
        sdkc_buf_reset(&title);
        sdkc_buf_appendf(&title, "payload member %s (%s) set: it is the whole body", pm->name,
                         sdkc_shape_type_name(pm->shape->type));
        S_TRY(s_emit(g, S_REQUEST, sfx, title.data, "MUST", payload_refs, S_N(payload_refs),
                     req_tags, 2, params, s_expect_request(g, params, 0), NULL, NULL));
        params = NULL;
    }

    for (i = 0; in && i < in->member_count; i++) {
        const struct sdkc_member *m = &in->members[i];
        sdkc_buf_reset(&id);
        s_id_part(&id, m->name);
        /* Labels with the escaping string. */
        if (m->location == SDKC_LOC_URI && m->shape && m->shape->type == SDKC_SHAPE_STRING &&
            m->shape->enum_count == 0) {
            int greedy = 0;
            char pat[300];
            snprintf(pat, sizeof(pat), "{%s+}", m->wire_name);
            greedy = g->op->request_uri && strstr(g->op->request_uri, pat) != NULL;
            if (!S_PARAMS() ||
                s_set(params, m->name,
                      s_escaping(m->shape, greedy ? S_GREEDY_ESCAPING : S_LABEL_ESCAPING)))
                goto nomem;
            sdkc_buf_reset(&title);
            sdkc_buf_appendf(&title, "label %s: every byte but A-Za-z0-9-._~ percent-encoded%s",
                             m->name, greedy ? " ('/' kept: greedy)" : "");
            {
                char sfx[S_ID_MAX];
                snprintf(sfx, sizeof(sfx), "request.label.%s.escaping", id.data);
                S_TRY(s_emit(g, S_REQUEST, sfx, title.data, "MUST", label_refs, S_N(label_refs),
                             req_tags, 2, params, s_expect_request(g, params, 1), NULL, NULL));
            }
            params = NULL;
        }
        /* Idempotency tokens: absent -> a UUID v4; given -> verbatim. */
        if (m->idempotency_token) {
            char sfx[S_ID_MAX];
            static const char *const tok_tags[] = {"request", "idempotency", "generated"};
            if (!S_PARAMS())
                goto nomem;
            snprintf(sfx, sizeof(sfx), "request.token.%s.absent", id.data);
            sdkc_buf_reset(&title);
            sdkc_buf_appendf(&title, "idempotency token %s absent: a fresh lowercase UUID v4",
                             m->name);
            S_TRY(s_emit(g, S_REQUEST, sfx, title.data, "SHOULD", tok_absent_refs,
                         S_N(tok_absent_refs), tok_tags, 3, params, s_expect_request(g, params, 0),
                         NULL, NULL));
            params = NULL;
            if (!S_PARAMS() || s_set(params, m->name, s_str("gen-token-given-verbatim")))
                goto nomem;
            snprintf(sfx, sizeof(sfx), "request.token.%s.given", id.data);
            sdkc_buf_reset(&title);
            sdkc_buf_appendf(&title, "idempotency token %s given: sent verbatim", m->name);
            S_TRY(s_emit(g, S_REQUEST, sfx, title.data, "MUST", tok_given_refs, S_N(tok_given_refs),
                         tok_tags, 3, params, s_expect_request(g, params, 0), NULL, NULL));
            params = NULL;
        }
        /* Each required member missing: refused before sending. A missing
         * token is not an error (it is generated). */
        if (m->required && !m->idempotency_token) {
            char sfx[S_ID_MAX];
            static const char *const val_tags[] = {"request", "validation", "generated"};
            if (!S_PARAMS())
                goto nomem;
            cJSON_DeleteItemFromObject(params, m->name);
            snprintf(sfx, sizeof(sfx), "request.missing.%s", id.data);
            sdkc_buf_reset(&title);
            sdkc_buf_appendf(&title, "required member %s missing: validation error, nothing sent",
                             m->name);
            /* A label cannot be left out of a URI (MUST); other required
             * members are validated by SDKs that validate (SHOULD: Smithy
             * 2.0 lets clients skip it). */
            S_TRY(s_emit(g, S_REQUEST, sfx, title.data,
                         m->location == SDKC_LOC_URI ? "MUST" : "SHOULD", missing_refs,
                         S_N(missing_refs), val_tags, 3, params, NULL, s_success_response(g),
                         s_client_error_doc("validation")));
            params = NULL;
        }
        /* Input enums: each value and one the spec does not list. */
        if (m->shape && m->shape->type == SDKC_SHAPE_STRING && m->shape->enum_count > 0 &&
            (m->location == SDKC_LOC_BODY || m->location == SDKC_LOC_QUERY ||
             m->location == SDKC_LOC_HEADER || m->location == SDKC_LOC_URI)) {
            static const char *const en_tags[] = {"request", "enums", "generated"};
            size_t n = m->shape->enum_count;
            if (n > SDKC_GEN_MAX_ENUM_VALUES)
                n = SDKC_GEN_MAX_ENUM_VALUES;
            for (k = 0; k <= n; k++) {
                const char *val = k < n ? m->shape->enum_values[k] : S_UNKNOWN_ENUM;
                char sfx[S_ID_MAX];
                struct sdkc_buf vp;
                sdkc_buf_init(&vp, 0);
                s_id_part(&vp, val);
                snprintf(sfx, sizeof(sfx), "request.enum.%s.%s%s%zu", id.data,
                         vp.data ? vp.data : "", k < n ? "." : ".", k);
                sdkc_buf_clean_up(&vp);
                if (!S_PARAMS() || s_set(params, m->name, s_str(val)))
                    goto nomem;
                {
                    size_t t;
                    for (t = 0; in && t < in->member_count; t++)
                        if (in->members[t].idempotency_token &&
                            s_set(params, in->members[t].name, s_str(S_TOKEN_GIVEN)))
                            goto nomem;
                }
                sdkc_buf_reset(&title);
                sdkc_buf_appendf(&title, "input enum %s = \"%s\"%s", m->name, val,
                                 k < n ? "" : " (not in the spec: forwarded unchanged)");
                S_TRY(s_emit(g, S_REQUEST, sfx, title.data, k < n ? "MUST" : "SHOULD",
                             k < n ? enum_refs : open_refs, k < n ? S_N(enum_refs) : S_N(open_refs),
                             en_tags, 3, params,
                             s_expect_request(g, params, m->location == SDKC_LOC_URI), NULL, NULL));
                params = NULL;
            }
        }
    }
done:
#undef S_TRY
#undef S_PARAMS
    cJSON_Delete(params);
    sdkc_buf_clean_up(&id);
    sdkc_buf_clean_up(&title);
    return result;
nomem:
    result = sdkc_error_set(g->err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
    goto done;
}

/* MARK: - output walking: unions and enums */

/* A value for an output member of shape s as sent (*wire) and as the
 * result document shows it (*doc): structures empty, unions their first
 * member, timestamps and blobs matched loosely. */
static int s_out_value(const struct sdkc_shape *s, int depth, cJSON **wire, cJSON **doc)
{
    *wire = NULL;
    *doc = NULL;
    if (!s)
        return -1;
    switch (s->type) {
    case SDKC_SHAPE_STRUCTURE:
        *wire = cJSON_CreateObject();
        *doc = cJSON_CreateObject();
        if (s->is_union && s->member_count > 0 && depth < SDKC_GEN_MAX_DEPTH) {
            cJSON *w, *d;
            if (s_out_value(s->members[0].shape, depth + 1, &w, &d) ||
                s_put(*wire, s->members[0].wire_name, w)) {
                cJSON_Delete(d);
                goto fail;
            }
            if (s_put(*doc, s->members[0].name, d))
                goto fail;
        }
        break;
    case SDKC_SHAPE_LIST:
        *wire = cJSON_CreateArray();
        *doc = cJSON_CreateArray();
        break;
    case SDKC_SHAPE_MAP:
        *wire = cJSON_CreateObject();
        *doc = cJSON_CreateObject();
        break;
    case SDKC_SHAPE_STRING:
        *wire = s->enum_count ? s_str(s->enum_values[0]) : s_str("gen-value");
        *doc = cJSON_Duplicate(*wire, 1);
        break;
    case SDKC_SHAPE_INTEGER:
    case SDKC_SHAPE_LONG:
        *wire = cJSON_CreateNumber(1);
        *doc = cJSON_CreateNumber(1);
        break;
    case SDKC_SHAPE_FLOAT:
    case SDKC_SHAPE_DOUBLE:
        *wire = cJSON_CreateNumber(1.5);
        *doc = cJSON_CreateNumber(1.5);
        break;
    case SDKC_SHAPE_BOOLEAN:
        *wire = cJSON_CreateTrue();
        *doc = cJSON_CreateTrue();
        break;
    case SDKC_SHAPE_BLOB:
        *wire = s_str("Zm9v");
        *doc = s_matcher("any");
        break;
    case SDKC_SHAPE_TIMESTAMP:
        *wire = cJSON_CreateNumber(S_TIMESTAMP);
        *doc = s_matcher("any");
        break;
    }
    if (*wire && *doc)
        return 0;
fail:
    cJSON_Delete(*wire);
    cJSON_Delete(*doc);
    *wire = *doc = NULL;
    return -1;
}

/* Wrap (wire, doc) in the current path, innermost step last. Takes both,
 * also on failure. */
static int s_nest(struct s_gen *g, cJSON **wire, cJSON **doc)
{
    size_t i = g->depth;
    while (i-- > 0) {
        const struct s_step *st = &g->path[i];
        int list = st->kind == S_STEP_LIST;
        cJSON *w = list ? cJSON_CreateArray() : cJSON_CreateObject();
        cJSON *d = list ? cJSON_CreateArray() : cJSON_CreateObject();
        if (!w || !d || !*wire || !*doc)
            goto fail;
        if (list) {
            /* adding to an array never allocates */
            cJSON_AddItemToArray(w, *wire);
            cJSON_AddItemToArray(d, *doc);
        } else {
            const char *wk = st->kind == S_STEP_MAP ? "key1" : st->m->wire_name;
            const char *dk = st->kind == S_STEP_MAP ? "key1" : st->m->name;
            if (!cJSON_AddItemToObject(w, wk, *wire))
                goto fail;
            *wire = w;
            w = NULL;
            if (!cJSON_AddItemToObject(d, dk, *doc)) {
                w = *wire;
                *wire = NULL;
                goto fail;
            }
            *doc = d;
            continue;
        }
        *wire = w;
        *doc = d;
        continue;
    fail:
        cJSON_Delete(w);
        cJSON_Delete(d);
        cJSON_Delete(*wire);
        cJSON_Delete(*doc);
        *wire = *doc = NULL;
        return -1;
    }
    return 0;
}

/* "details.iam" from the path, for ids and titles. */
static void s_path_text(struct s_gen *g, struct sdkc_buf *b, int for_id)
{
    size_t i;
    for (i = 0; i < g->depth; i++) {
        const struct s_step *st = &g->path[i];
        if (st->kind != S_STEP_MEMBER) {
            if (!for_id)
                sdkc_buf_append_str(b, st->kind == S_STEP_LIST ? "[0]" : ".key1");
            continue;
        }
        if (b->len)
            sdkc_buf_append_byte(b, '.');
        if (for_id)
            s_id_part(b, st->m->name);
        else
            sdkc_buf_append_str(b, st->m->name);
    }
}

/* One success response holding `wire` at the current path, expecting
 * `doc` there (or the client error `kind` when kind != NULL). */
static sdkc_result s_emit_at_path(struct s_gen *g, enum s_cat cat, const char *sfx,
                                  const char *title, const char *level, const char *const *refs,
                                  size_t nrefs, const char *const *tags, size_t ntags, cJSON *wire,
                                  cJSON *doc, const char *kind)
{
    int status = s_success_status(g->op);
    cJSON *params = NULL, *resp = NULL, *expect = NULL;
    if (status == 204)
        status = 200; /* a body needs a status that may carry one */
    if (s_nest(g, &wire, &doc))
        goto nomem;
    params = s_base_params(g);
    resp = s_output_response(g, status, wire, doc);
    wire = NULL;
    expect = kind ? s_client_error_doc(kind) : s_output_doc(doc);
    if (!kind)
        doc = NULL;
    cJSON_Delete(doc);
    if (!params || !resp || !expect) {
        cJSON_Delete(params);
        cJSON_Delete(resp);
        cJSON_Delete(expect);
        return sdkc_error_set(g->err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
    }
    return s_emit(g, cat, sfx, title, level, refs, nrefs, tags, ntags, params, NULL, resp, expect);
nomem:
    cJSON_Delete(wire);
    cJSON_Delete(doc);
    return sdkc_error_set(g->err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
}

static sdkc_result s_gen_union(struct s_gen *g, const struct sdkc_shape *u)
{
    static const char *const tags[] = {"unions", "generated"};
    static const char *const member_refs[] = {"smithy:RestJsonDeserializeStructureUnionValue",
                                              "botocore:legacy/output/rest-json.json#17.0"};
    static const char *const unknown_refs[] = {
        "smithy:spec/aggregate-types#client-error-correction (unknown variant)",
        "botocore:legacy/output/rest-json.json#17.2"};
    static const char *const null_refs[] = {"smithy:AwsJson10DeserializeAllowNulls",
                                            "botocore:parsers.py#_has_unknown_tagged_union_member"};
    static const char *const bad_refs[] = {
        "smithy:spec/aggregate-types#union (exactly one member MUST be set)",
        "botocore:test_parsers.py#test_parser_errors_out_when_multiple_members_set"};
    struct sdkc_buf pid, ptxt, title;
    char sfx[S_ID_MAX];
    sdkc_result result = SDKC_OK;
    size_t i;
    cJSON *w = NULL, *d = NULL, *w2 = NULL, *d2 = NULL, *uw = NULL, *ud = NULL;

    sdkc_buf_init(&pid, 0);
    sdkc_buf_init(&ptxt, 0);
    sdkc_buf_init(&title, 0);
    s_path_text(g, &pid, 1);
    s_path_text(g, &ptxt, 0);
    if (!pid.data || !ptxt.data)
        goto nomem;
    /* Each member. */
    for (i = 0; i < u->member_count; i++) {
        const struct sdkc_member *m = &u->members[i];
        struct sdkc_buf mid;
        if (s_out_value(m->shape, g->depth, &w, &d))
            goto nomem;
        uw = cJSON_CreateObject();
        ud = cJSON_CreateObject();
        if (s_put(uw, m->wire_name, w)) {
            w = NULL;
            goto nomem;
        }
        w = NULL;
        if (s_put(ud, m->name, d)) {
            d = NULL;
            goto nomem;
        }
        d = NULL;
        sdkc_buf_init(&mid, 0);
        s_id_part(&mid, m->name);
        snprintf(sfx, sizeof(sfx), "union.%s.%s", pid.data, mid.data ? mid.data : "");
        sdkc_buf_clean_up(&mid);
        sdkc_buf_reset(&title);
        sdkc_buf_appendf(&title, "union %s (%s): member %s", ptxt.data, u->name, m->name);
        result = s_emit_at_path(g, S_UNIONS, sfx, title.data, "MUST", member_refs, S_N(member_refs),
                                tags, 2, uw, ud, NULL);
        uw = ud = NULL;
        if (result)
            goto done;
    }
    if (u->member_count == 0)
        goto done;
    /* An unknown member, first and alone. */
    uw = cJSON_CreateObject();
    ud = cJSON_CreateObject();
    {
        cJSON *inner = cJSON_CreateObject();
        if (s_put(inner, "name", s_str(S_UNKNOWN_MEMBER))) {
            cJSON_Delete(inner);
            goto nomem;
        }
        if (s_put(ud, "SDK_UNKNOWN_MEMBER", inner) ||
            s_put(uw, S_UNKNOWN_MEMBER, cJSON_CreateObject()))
            goto nomem;
    }
    snprintf(sfx, sizeof(sfx), "union.%s.unknown", pid.data);
    sdkc_buf_reset(&title);
    sdkc_buf_appendf(&title, "union %s: an unknown member becomes SDK_UNKNOWN_MEMBER", ptxt.data);
    result = s_emit_at_path(g, S_UNIONS, sfx, title.data, "SHOULD", unknown_refs, S_N(unknown_refs),
                            tags, 2, uw, ud, NULL);
    uw = ud = NULL;
    if (result)
        goto done;
    /* A null-valued sibling is ignored. */
    if (s_out_value(u->members[0].shape, g->depth, &w, &d))
        goto nomem;
    uw = cJSON_CreateObject();
    ud = cJSON_CreateObject();
    if (s_put(uw, u->members[0].wire_name, w)) {
        w = NULL;
        goto nomem;
    }
    w = NULL;
    if (s_put(ud, u->members[0].name, d)) {
        d = NULL;
        goto nomem;
    }
    d = NULL;
    if (s_put(uw, u->member_count > 1 ? u->members[1].wire_name : S_UNKNOWN_MEMBER,
              cJSON_CreateNull()))
        goto nomem;
    snprintf(sfx, sizeof(sfx), "union.%s.null-sibling", pid.data);
    sdkc_buf_reset(&title);
    sdkc_buf_appendf(&title, "union %s: a null-valued sibling is ignored", ptxt.data);
    result = s_emit_at_path(g, S_UNIONS, sfx, title.data, "MUST", null_refs, S_N(null_refs), tags,
                            2, uw, ud, NULL);
    uw = ud = NULL;
    if (result)
        goto done;
    /* Zero members. */
    uw = cJSON_CreateObject();
    if (!uw)
        goto nomem;
    snprintf(sfx, sizeof(sfx), "union.%s.zero-members", pid.data);
    sdkc_buf_reset(&title);
    sdkc_buf_appendf(&title, "union %s with no member set: deserialization error", ptxt.data);
    result = s_emit_at_path(g, S_UNIONS, sfx, title.data, "SHOULD", bad_refs, S_N(bad_refs), tags,
                            2, uw, cJSON_CreateObject(), "deserialization");
    uw = NULL;
    if (result)
        goto done;
    /* Two members. */
    if (u->member_count > 1) {
        uw = cJSON_CreateObject();
        if (s_out_value(u->members[0].shape, g->depth, &w, &d))
            goto nomem;
        cJSON_Delete(d);
        d = NULL;
        if (s_out_value(u->members[1].shape, g->depth, &w2, &d2))
            goto nomem;
        cJSON_Delete(d2);
        d2 = NULL;
        if (s_put(uw, u->members[0].wire_name, w)) {
            w = NULL;
            goto nomem;
        }
        w = NULL;
        if (s_put(uw, u->members[1].wire_name, w2)) {
            w2 = NULL;
            goto nomem;
        }
        w2 = NULL;
        snprintf(sfx, sizeof(sfx), "union.%s.two-members", pid.data);
        sdkc_buf_reset(&title);
        sdkc_buf_appendf(&title, "union %s with two members set: deserialization error", ptxt.data);
        result = s_emit_at_path(g, S_UNIONS, sfx, title.data, "SHOULD", bad_refs, S_N(bad_refs),
                                tags, 2, uw, cJSON_CreateObject(), "deserialization");
        uw = NULL;
    }
done:
    cJSON_Delete(w);
    cJSON_Delete(d);
    cJSON_Delete(w2);
    cJSON_Delete(d2);
    cJSON_Delete(uw);
    cJSON_Delete(ud);
    sdkc_buf_clean_up(&pid);
    sdkc_buf_clean_up(&ptxt);
    sdkc_buf_clean_up(&title);
    return result;
nomem:
    result = sdkc_error_set(g->err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
    goto done;
}

static sdkc_result s_gen_enum(struct s_gen *g, const struct sdkc_shape *e)
{
    static const char *const tags[] = {"enums", "generated"};
    static const char *const known_refs[] = {"smithy:RestJsonJsonEnums"};
    static const char *const open_refs[] = {"smithy:spec/simple-types#enum (open enums)",
                                            "botocore:parsers.py (no enum check)"};
    struct sdkc_buf pid, ptxt, title, vp;
    char sfx[S_ID_MAX + 64];
    sdkc_result result = SDKC_OK;
    size_t k, n = e->enum_count;

    if (n > SDKC_GEN_MAX_ENUM_VALUES)
        n = SDKC_GEN_MAX_ENUM_VALUES;
    sdkc_buf_init(&pid, 0);
    sdkc_buf_init(&ptxt, 0);
    sdkc_buf_init(&title, 0);
    sdkc_buf_init(&vp, 0);
    s_path_text(g, &pid, 1);
    s_path_text(g, &ptxt, 0);
    for (k = 0; k <= n && !result; k++) {
        const char *val = k < n ? e->enum_values[k] : S_UNKNOWN_ENUM;
        sdkc_buf_reset(&vp);
        s_id_part(&vp, val);
        /* The index keeps ids unique when two values sanitize alike. */
        snprintf(sfx, sizeof(sfx), "enum.%s.%s.%zu", pid.data ? pid.data : "",
                 vp.data ? vp.data : "", k);
        sdkc_buf_reset(&title);
        sdkc_buf_appendf(&title, "output enum %s (%s) = \"%s\"%s", ptxt.data ? ptxt.data : "",
                         e->name, val, k < n ? "" : " (not in the spec: kept as sent)");
        result = s_emit_at_path(
            g, S_ENUMS, sfx, title.data, k < n ? "MUST" : "SHOULD", k < n ? known_refs : open_refs,
            k < n ? S_N(known_refs) : S_N(open_refs), tags, 2, s_str(val), s_str(val), NULL);
    }
    sdkc_buf_clean_up(&pid);
    sdkc_buf_clean_up(&ptxt);
    sdkc_buf_clean_up(&title);
    sdkc_buf_clean_up(&vp);
    return result;
}

static sdkc_result s_walk(struct s_gen *g, const struct sdkc_shape *s, int top)
{
    sdkc_result result = SDKC_OK;
    size_t i;
    if (!s || g->depth > SDKC_GEN_MAX_DEPTH)
        return SDKC_OK;
    switch (s->type) {
    case SDKC_SHAPE_STRUCTURE:
        if (s_seen(g, s))
            return SDKC_OK;
        if (s_mark(g, s))
            return sdkc_error_set(g->err, SDKC_ERR_TOO_LARGE, SDKC_NO_OFFSET,
                                  "operation %s reaches more than %d shapes", g->op->name,
                                  SDKC_GEN_MAX_SHAPES_SEEN);
        if (s->is_union && (result = s_gen_union(g, s)))
            return result;
        for (i = 0; i < s->member_count && !result; i++) {
            const struct sdkc_member *m = &s->members[i];
            if (top && (m->location != SDKC_LOC_BODY || (s->payload && m != s->payload)))
                continue;
            g->path[g->depth].kind = S_STEP_MEMBER;
            g->path[g->depth].m = m;
            g->depth++;
            result = s_walk(g, m->shape, 0);
            g->depth--;
        }
        return result;
    case SDKC_SHAPE_LIST:
    case SDKC_SHAPE_MAP: {
        const struct sdkc_member *em = s->type == SDKC_SHAPE_LIST ? s->list_member : s->map_value;
        if (!em)
            return SDKC_OK;
        g->path[g->depth].kind = s->type == SDKC_SHAPE_LIST ? S_STEP_LIST : S_STEP_MAP;
        g->path[g->depth].m = em;
        g->depth++;
        result = s_walk(g, em->shape, 0);
        g->depth--;
        return result;
    }
    case SDKC_SHAPE_STRING:
        if (s->enum_count == 0 || s_seen(g, s))
            return SDKC_OK;
        if (s_mark(g, s))
            return sdkc_error_set(g->err, SDKC_ERR_TOO_LARGE, SDKC_NO_OFFSET,
                                  "operation %s reaches more than %d shapes", g->op->name,
                                  SDKC_GEN_MAX_SHAPES_SEEN);
        return s_gen_enum(g, s);
    default: return SDKC_OK;
    }
}

/* MARK: - responses and errors */

/* Whether the output binds anything outside a JSON body. */
static int s_output_bound(const struct sdkc_shape *out)
{
    size_t i;
    if (!out)
        return 0;
    if (out->payload)
        return 1;
    for (i = 0; i < out->member_count; i++)
        if (out->members[i].location != SDKC_LOC_BODY)
            return 1;
    return 0;
}

static sdkc_result s_gen_success(struct s_gen *g)
{
    static const char *const tags[] = {"status", "generated"};
    static const char *const refs[] = {"smithy:RestJsonHttpResponseCode",
                                       "smithy:RestJsonHttpResponseCodeWithNoPayload"};
    cJSON *params = s_base_params(g), *output = cJSON_CreateObject();
    cJSON *resp = s_output_response(g, s_success_status(g->op), NULL, output);
    cJSON *expect = s_output_doc(output);
    char title[128];
    if (!params || !resp || !expect) {
        cJSON_Delete(params);
        cJSON_Delete(resp);
        cJSON_Delete(expect);
        return sdkc_error_set(g->err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
    }
    snprintf(title, sizeof(title), "the modeled success status %d with %s%s",
             s_success_status(g->op), s_success_status(g->op) == 204 ? "no body" : "{}",
             s_output_bound(g->op->output) ? " and every header, status and payload binding"
                                           : ": an empty output");
    return s_emit(g, S_RESPONSE, "response.success", title, "MUST", refs, S_N(refs), tags, 2,
                  params, NULL, resp, expect);
}

/* The "members" of an expected error (the modeled error shape's members
 * other than the message, decoded with its own bindings: shared contract 3)
 * that an error vector sets without meaning to: a body member named like
 * the key that carries the code ("code", "__type"), a header member named
 * like a header the response has, prefix-header maps, the status. *out is
 * NULL when none is set. -1 on NOMEM. */
static int s_error_members(const struct sdkc_shape *e, const char *code_key, const char *code,
                           int status, const cJSON *resp, cJSON **out)
{
    const cJSON *headers = sdkc_json_get(resp, "headers"), *it;
    cJSON *mem = cJSON_CreateObject();
    size_t i;
    *out = NULL;
    if (!mem)
        return -1;
    for (i = 0; i < e->member_count; i++) {
        const struct sdkc_member *m = &e->members[i];
        const cJSON *hv;
        cJSON *v = NULL;
        size_t plen;
        if (!m->shape || strcasecmp(m->name, "message") == 0 ||
            strcasecmp(m->wire_name, "message") == 0)
            continue;
        switch (m->location) {
        case SDKC_LOC_BODY:
            if (code_key && strcmp(m->wire_name, code_key) == 0 &&
                m->shape->type == SDKC_SHAPE_STRING)
                v = s_str(code);
            else
                continue;
            break;
        case SDKC_LOC_HEADER:
            for (hv = headers ? headers->child : NULL; hv; hv = hv->next)
                if (strcasecmp(hv->string, m->wire_name) == 0)
                    break;
            if (!hv || m->shape->type != SDKC_SHAPE_STRING || m->jsonvalue)
                continue;
            v = s_str(hv->valuestring);
            break;
        case SDKC_LOC_HEADERS:
            plen = strlen(m->wire_name);
            v = cJSON_CreateObject();
            for (it = headers ? headers->child : NULL; v && it; it = it->next)
                if (strncasecmp(it->string, m->wire_name, plen) == 0 &&
                    s_put(v, it->string + plen, s_str(it->valuestring))) {
                    cJSON_Delete(v);
                    v = NULL;
                }
            if (v && !v->child) {
                cJSON_Delete(v);
                continue;
            }
            break;
        case SDKC_LOC_STATUS: v = cJSON_CreateNumber(status); break;
        default: continue;
        }
        if (s_put(mem, m->name, v)) {
            cJSON_Delete(mem);
            return -1;
        }
    }
    if (mem->child)
        *out = mem;
    else
        cJSON_Delete(mem);
    return 0;
}

static sdkc_result s_gen_errors(struct s_gen *g)
{
    static const char *const where_name[3] = {"header", "code", "type"};
    static const char *const form_name[4] = {"plain", "namespace", "uri", "namespace-uri"};
    /* The Smithy ids per (location, form); NULL where the suite has none. */
    static const char *const smithy_id[3][4] = {
        {"smithy:RestJsonFooErrorUsingXAmznErrorType", NULL,
         "smithy:RestJsonFooErrorUsingXAmznErrorTypeWithUri",
         "smithy:RestJsonFooErrorUsingXAmznErrorTypeWithUriAndNamespace"},
        {"smithy:RestJsonFooErrorUsingCode", "smithy:RestJsonFooErrorUsingCodeAndNamespace", NULL,
         "smithy:RestJsonFooErrorUsingCodeUriAndNamespace"},
        {"smithy:RestJsonFooErrorWithDunderType",
         "smithy:RestJsonFooErrorWithDunderTypeAndNamespace", NULL,
         "smithy:RestJsonFooErrorWithDunderTypeUriAndNamespace"}};
    static const char *const tags[] = {"errors", "generated"};
    sdkc_result result = SDKC_OK;
    size_t i;
    int where, form;
    char ns[200];

    snprintf(ns, sizeof(ns), "com.amazonaws.%s#",
             g->spec->metadata.signing_name      ? g->spec->metadata.signing_name
             : g->spec->metadata.endpoint_prefix ? g->spec->metadata.endpoint_prefix
                                                 : "service");
    for (i = 0; i < g->op->error_count && !result; i++) {
        const struct sdkc_shape *e = g->op->errors[i];
        int status;
        const char *fault;
        const char *wire_code;
        char message[300];
        size_t j;
        if (!e)
            continue;
        /* An error listed twice (AppSync CreateApiKey) is one error. */
        for (j = 0; j < i && g->op->errors[j] != e; j++)
            ;
        if (j < i)
            continue;
        wire_code = e->error_code ? e->error_code : e->name;
        status = e->http_status >= 300 ? e->http_status : e->fault ? 500 : 400;
        fault = sdkc_shape_error_fault(e);
        snprintf(message, sizeof(message), "generated %s message", e->name);
        for (where = 0; where < 3 && !result; where++) {
            for (form = 0; form < 4 && !result; form++) {
                char code[512], sfx[S_ID_MAX], title[800];
                const char *refs[2];
                size_t nrefs = 0;
                cJSON *body = cJSON_CreateObject(), *resp = NULL, *expect, *er, *params;
                struct sdkc_buf idp;
                snprintf(code, sizeof(code), "%s%s%s", (form & 1) ? ns : "", wire_code,
                         (form & 2) ? S_ERROR_URI : "");
                if (where == 1 && s_put(body, "code", s_str(code)))
                    goto nomem_body;
                if (where == 2 && s_put(body, "__type", s_str(code)))
                    goto nomem_body;
                if (s_put(body, "message", s_str(message)))
                    goto nomem_body;
                {
                    char *text = NULL;
                    const char *hdrs[4] = {"Content-Type", "application/json", "X-Amzn-Errortype",
                                           code};
                    if (sdkc_json_print(body, 0, &text, NULL))
                        goto nomem_body;
                    resp = s_response(status, text, hdrs, where == 0 ? 4 : 2);
                    sdkc_free(text);
                }
                cJSON_Delete(body);
                expect = cJSON_CreateObject();
                er = cJSON_CreateObject();
                if (s_put(er, "code", s_str(e->name)) || s_put(er, "message", s_str(message)) ||
                    s_put(er, "modeled", cJSON_CreateTrue()) ||
                    s_put(er, "httpStatus", cJSON_CreateNumber(status)) ||
                    s_put(er, "fault", s_str(fault))) {
                    cJSON_Delete(er);
                    cJSON_Delete(expect);
                    cJSON_Delete(resp);
                    goto nomem;
                }
                {
                    cJSON *members = NULL;
                    if (s_error_members(e,
                                        where == 1   ? "code"
                                        : where == 2 ? "__type"
                                                     : NULL,
                                        code, status, resp, &members) ||
                        (members && s_put(er, "members", members))) {
                        cJSON_Delete(er);
                        cJSON_Delete(expect);
                        cJSON_Delete(resp);
                        goto nomem;
                    }
                }
                if (s_put(expect, "error", er)) {
                    cJSON_Delete(expect);
                    cJSON_Delete(resp);
                    goto nomem;
                }
                params = s_base_params(g);
                if (smithy_id[where][form])
                    refs[nrefs++] = smithy_id[where][form];
                refs[nrefs++] = "smithy:aws-restjson1-protocol#operation-error-serialization";
                sdkc_buf_init(&idp, 0);
                s_id_part(&idp, e->name);
                snprintf(sfx, sizeof(sfx), "error.%s.%s.%s", idp.data ? idp.data : "",
                         where_name[where], form_name[form]);
                sdkc_buf_clean_up(&idp);
                snprintf(title, sizeof(title), "%s identified by %s (%s): %s", e->name,
                         where == 0   ? "the X-Amzn-Errortype header"
                         : where == 1 ? "body code"
                                      : "body __type",
                         form_name[form], code);
                if (!resp || !params) {
                    cJSON_Delete(resp);
                    cJSON_Delete(params);
                    cJSON_Delete(expect);
                    goto nomem;
                }
                result = s_emit(g, S_ERRORS, sfx, title, "MUST", refs, nrefs, tags, 2, params, NULL,
                                resp, expect);
                continue;
            nomem_body:
                cJSON_Delete(body);
                goto nomem;
            }
        }
    }
    return result;
nomem:
    return sdkc_error_set(g->err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
}

/* MARK: - output collection */

void sdkc_gen_output_init(struct sdkc_gen_output *o)
{
    memset(o, 0, sizeof(*o));
    sdkc_buf_init(&o->notes, 0);
}

void sdkc_gen_output_clean_up(struct sdkc_gen_output *o)
{
    size_t i;
    if (!o)
        return;
    for (i = 0; i < o->count; i++) {
        sdkc_free(o->files[i].path);
        sdkc_free(o->files[i].data);
    }
    sdkc_free(o->files);
    sdkc_buf_clean_up(&o->notes);
    memset(o, 0, sizeof(*o));
}

sdkc_result sdkc_gen_output_add_json(struct sdkc_gen_output *o, const char *path, const cJSON *tree)
{
    struct sdkc_gen_file *f;
    char *text = NULL;
    struct sdkc_buf b;
    sdkc_result result = sdkc_json_print(tree, 1, &text, NULL);
    if (result)
        return result;
    if (o->count == o->cap) {
        size_t ncap = o->cap ? o->cap * 2 : 8;
        struct sdkc_gen_file *nf = sdkc_realloc(o->files, ncap * sizeof(*nf));
        if (!nf) {
            sdkc_free(text);
            return SDKC_ERR_NOMEM;
        }
        o->files = nf;
        o->cap = ncap;
    }
    f = &o->files[o->count];
    memset(f, 0, sizeof(*f));
    sdkc_buf_init(&b, 0);
    if ((result = sdkc_buf_append_str(&b, text)) || (result = sdkc_buf_append_byte(&b, '\n'))) {
        sdkc_buf_clean_up(&b);
        sdkc_free(text);
        return result;
    }
    sdkc_free(text);
    f->len = b.len;
    f->data = sdkc_buf_steal(&b, NULL);
    if (!(f->path = sdkc_strdup(path))) {
        sdkc_free(f->data);
        return SDKC_ERR_NOMEM;
    }
    o->count++;
    return SDKC_OK;
}

static sdkc_result s_add_file(struct sdkc_gen_output *o, const char *op, const char *cat,
                              cJSON *array)
{
    cJSON *root = cJSON_CreateObject();
    struct sdkc_buf path;
    sdkc_result result;
    if (!root || !cJSON_AddItemToObject(root, "vectors", array)) {
        cJSON_Delete(root);
        cJSON_Delete(array);
        return SDKC_ERR_NOMEM;
    }
    s_sort(root);
    sdkc_buf_init(&path, 0);
    result = sdkc_buf_appendf(&path, "%s/%s.json", op, cat);
    if (!result)
        result = sdkc_gen_output_add_json(o, path.data, root);
    sdkc_buf_clean_up(&path);
    cJSON_Delete(root);
    return result;
}

/* The top-level member of io that is an event stream, or NULL. */
static const struct sdkc_member *s_eventstream_member(const struct sdkc_shape *io)
{
    size_t i;
    for (i = 0; io && i < io->member_count; i++)
        if (io->members[i].shape && io->members[i].shape->eventstream)
            return &io->members[i];
    return NULL;
}

sdkc_result sdkc_gen_operation(const struct sdkc_spec *spec, const struct sdkc_operation *op,
                               struct sdkc_gen_output *out, struct sdkc_error *err)
{
    struct s_gen *g;
    sdkc_result result;
    int c;

    if (!spec || !op || !out)
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                              "gen: spec, operation and output are required");
    g = sdkc_calloc(1, sizeof(*g));
    if (!g)
        return sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
    g->spec = spec;
    sdkc_digest_set_init(&g->ids, SDKC_GEN_MAX_IDS);
    g->op = op;
    g->err = err;
    g->notes = &out->notes;
    {
        /* Event streams (vnd.amazon.eventstream framing) are beyond the
         * codec: a vector could only assert sdkconform's own limit, which
         * every SDK that streams would fail, so none is written. */
        const struct sdkc_member *es = s_eventstream_member(op->input);
        int in = es != NULL;
        if (!es)
            es = s_eventstream_member(op->output);
        if (es) {
            out->skipped++;
            result = sdkc_buf_appendf(&out->notes,
                                      "gen: note: %s: skipped: its %s member %s is an event "
                                      "stream, which sdkconform does not frame\n",
                                      op->name, in ? "input" : "output", es->name);
            if (result)
                sdkc_error_set(err, result, SDKC_NO_OFFSET, "out of memory");
            goto done;
        }
    }
    if ((result = s_gen_request(g)) || (result = s_gen_success(g)))
        goto done;
    if (op->output && (result = s_walk(g, op->output, 1)))
        goto done;
    if ((result = s_gen_errors(g)))
        goto done;
    if (g->nomem) {
        result = sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
        goto done;
    }
    for (c = 0; c < S_CAT_COUNT; c++) {
        if (!g->arrays[c])
            continue;
        result = s_add_file(out, op->name, s_cat_file[c], g->arrays[c]);
        g->arrays[c] = NULL; /* taken by s_add_file in every case */
        if (result) {
            sdkc_error_set(err, result, SDKC_NO_OFFSET, "gen %s: %s", op->name,
                           sdkc_result_str(result));
            goto done;
        }
    }
    out->vector_count += g->vectors;
done:
    for (c = 0; c < S_CAT_COUNT; c++)
        cJSON_Delete(g->arrays[c]);
    if (g)
        sdkc_digest_set_clean_up(&g->ids);
    sdkc_free(g);
    return result;
}

sdkc_result sdkc_gen_params(const struct sdkc_spec *spec, const struct sdkc_operation *op,
                            struct sdkc_buf *notes, cJSON **out, struct sdkc_error *err)
{
    struct s_gen *g;
    cJSON *p;
    *out = NULL;
    if (!spec || !op)
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                              "gen: spec and operation are required");
    g = sdkc_calloc(1, sizeof(*g));
    if (!g)
        return sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
    g->spec = spec;
    g->op = op;
    g->err = err;
    g->notes = notes;
    p = s_base_params(g);
    if (!p || g->nomem) {
        cJSON_Delete(p);
        sdkc_free(g);
        return sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
    }
    sdkc_free(g);
    *out = p;
    return SDKC_OK;
}

int sdkc_gen_safe_name(const char *name)
{
    size_t i, n = name ? strlen(name) : 0;
    if (n == 0 || n > 255 || name[0] == '.')
        return 0;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)name[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-'))
            return 0;
    }
    return 1;
}

sdkc_result sdkc_gen_write(const struct sdkc_gen_output *o, const char *dir, struct sdkc_error *err)
{
    struct sdkc_buf p;
    sdkc_result result = SDKC_OK;
    size_t i;
    sdkc_buf_init(&p, 0);
    for (i = 0; i < o->count && !result; i++) {
        sdkc_buf_reset(&p);
        if ((result = sdkc_buf_appendf(&p, "%s/%s", dir, o->files[i].path))) {
            sdkc_error_set(err, result, SDKC_NO_OFFSET, "out of memory");
            break;
        }
        result = sdkc_write_file_atomic(p.data, o->files[i].data, o->files[i].len, err);
    }
    sdkc_buf_clean_up(&p);
    return result;
}

/* SPDX-License-Identifier: Apache-2.0
 *
 * report/cause.c: failures grouped by cause (the signature is defined in
 * report/cause.h).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/json.h"
#include "report/cause.h"
#include "report/private/report_io.h"

#define S_SEP       '\x1f'
#define S_RULE_WORD 24 /* longest lowercase word kept inside a wanted value */
#define S_HEX_RUN   16 /* hex digits (with a digit among them) read as a digest */

const char *sdkc_cause_kind_name(enum sdkc_cause_kind k)
{
    static const char *const names[SDKC_CAUSE_KIND_COUNT] = {"fail", "xpass", "error", "warn",
                                                             "xfail"};
    return (unsigned)k < SDKC_CAUSE_KIND_COUNT ? names[k] : "?";
}

int sdkc_cause_kind_of(const char *status, int gating)
{
    if (!status)
        return -1;
    if (strcmp(status, "fail") == 0)
        return gating ? SDKC_CAUSE_FAIL : SDKC_CAUSE_WARN;
    if (strcmp(status, "xpass") == 0)
        return SDKC_CAUSE_XPASS;
    if (strcmp(status, "error") == 0)
        return SDKC_CAUSE_ERROR;
    if (strcmp(status, "xfail") == 0)
        return SDKC_CAUSE_XFAIL;
    return -1;
}

static int s_is_alnum(char ch)
{
    return isalnum((unsigned char)ch) != 0;
}

static int s_is_hex(char ch)
{
    return isxdigit((unsigned char)ch) != 0;
}

/* Length of a UUID (8-4-4-4-12 hex digits) at p, or 0. */
static size_t s_uuid_at(const char *p, size_t n)
{
    static const size_t groups[] = {8, 4, 4, 4, 12};
    size_t g, k, i = 0;
    for (g = 0; g < 5; g++) {
        if (g > 0) {
            if (i >= n || p[i] != '-')
                return 0;
            i++;
        }
        for (k = 0; k < groups[g]; k++, i++)
            if (i >= n || !s_is_hex(p[i]))
                return 0;
    }
    return i < n && s_is_alnum(p[i]) ? 0 : i;
}

/* End of a quoted string starting at p[0] (the quote), honouring backslash
 * escapes, within the line: the index after the closing quote, or 0 when
 * the line ends first (then the quote is prose and stays). */
static size_t s_quoted_end(const char *p, size_t n)
{
    size_t i;
    for (i = 1; i < n && p[i] != '\n'; i++) {
        if (p[i] == '\\') {
            i++;
            continue;
        }
        if (p[i] == p[0])
            return i + 1;
    }
    return 0;
}

/* End of a balanced JSON object or array starting at p[0] ('{' or '['),
 * strings honoured, within the line: the index after it, or 0. */
static size_t s_balanced_end(const char *p, size_t n)
{
    size_t i, depth = 0;
    for (i = 0; i < n && p[i] != '\n'; i++) {
        if (p[i] == '"') {
            size_t k = s_quoted_end(p + i, n - i);
            if (!k)
                return 0;
            i += k - 1;
        } else if (p[i] == '{' || p[i] == '[') {
            depth++;
        } else if ((p[i] == '}' || p[i] == ']') && --depth == 0) {
            return i + 1;
        }
    }
    return 0;
}

sdkc_result sdkc_cause_normalise(struct sdkc_buf *out, const char *text, size_t n, const char *id)
{
    size_t i = 0, idn = id ? strlen(id) : 0, wanted_end = 0;
    sdkc_result result = SDKC_OK;
    while (!result && i < n) {
        const char *p = text + i;
        size_t rest = n - i, k;
        int prev_alnum = i > 0 && s_is_alnum(text[i - 1]);
        if (idn && rest >= idn && memcmp(p, id, idn) == 0) {
            result = sdkc_buf_append_str(out, "<id>");
            i += idn;
            continue;
        }
        /* Inside an object or array that was wanted, a short lowercase
         * word is a term of the rule ("kind":"validation" is not
         * "kind":"deserialization"): kept. */
        if ((*p == '{' || *p == '[') && i >= 7 && memcmp(text + i - 7, "wanted ", 7) == 0)
            wanted_end = i + s_balanced_end(p, rest);
        if (*p == '"' && i < wanted_end && (k = s_quoted_end(p, rest)) > 2 &&
            k <= S_RULE_WORD + 2) {
            size_t w = 1;
            while (w < k - 1 && p[w] >= 'a' && p[w] <= 'z')
                w++;
            if (w == k - 1) {
                result = sdkc_buf_append(out, p, k);
                i += k;
                continue;
            }
        }
        /* What a client got is its own data: the object or array it
         * returned in place of what was wanted is one shape, whatever its
         * members (the wanted side keeps its keys: it names the rule). */
        if ((*p == '{' || *p == '[') && i >= 4 && memcmp(text + i - 4, "got ", 4) == 0 &&
            (k = s_balanced_end(p, rest)) != 0) {
            result = sdkc_buf_append_str(out, *p == '{' ? "{...}" : "[...]");
            i += k;
            continue;
        }
        if ((*p == '"' || (*p == '\'' && !prev_alnum)) && (k = s_quoted_end(p, rest)) != 0) {
            result = sdkc_buf_append_str(out, *p == '"' ? "\"<v>\"" : "'<v>'");
            i += k;
            continue;
        }
        if (!prev_alnum && (k = s_uuid_at(p, rest)) != 0) {
            result = sdkc_buf_append_str(out, "<uuid>");
            i += k;
            continue;
        }
        if (s_is_alnum(*p)) {
            size_t run = 0, hex = 1, digit = 0;
            while (run < rest && s_is_alnum(p[run])) {
                hex &= (size_t)s_is_hex(p[run]);
                digit |= (size_t)(isdigit((unsigned char)p[run]) != 0);
                run++;
            }
            if (hex && digit && run >= S_HEX_RUN) {
                result = sdkc_buf_append_str(out, "<hex>");
            } else {
                for (k = 0; !result && k < run;) {
                    if (isdigit((unsigned char)p[k])) {
                        while (k < run && isdigit((unsigned char)p[k]))
                            k++;
                        result = sdkc_buf_append_str(out, "<n>");
                    } else {
                        result = sdkc_buf_append_byte(out, p[k++]);
                    }
                }
            }
            i += run;
            continue;
        }
        result = sdkc_buf_append_byte(out, *p);
        i++;
    }
    return result;
}

/* A section header of a diff: "name:" alone on its line. */
static int s_is_section(const char *p, size_t n)
{
    size_t i;
    if (n < 2 || p[n - 1] != ':')
        return 0;
    for (i = 0; i + 1 < n; i++)
        if (!(s_is_alnum(p[i]) || p[i] == '_' || p[i] == '-' || p[i] == ' '))
            return 0;
    return 1;
}

/* 1 when the diff has the section header "check:" on a line of its own. */
static int s_has_section(const char *diff, const char *check)
{
    size_t n = strlen(check);
    const char *p = diff;
    while ((p = strstr(p, check)) != NULL) {
        if ((p == diff || p[-1] == '\n') && p[n] == ':' && (p[n + 1] == '\n' || !p[n + 1]))
            return 1;
        p += n;
    }
    return 0;
}

/* The shape lines of a diff (cause.h), normalised. When only is given, the
 * lines of that section alone. */
static sdkc_result s_diff_shape(struct sdkc_buf *out, const char *diff, const char *only,
                                const char *id)
{
    const char *p = diff, *end = diff + strlen(diff);
    size_t only_n = only ? strlen(only) : 0;
    int in_section = !only;
    sdkc_result result = SDKC_OK;
    while (!result && p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        int section = s_is_section(p, n);
        int keep;
        if (only && n > 0 && p[0] != ' ')
            in_section = section && n == only_n + 1 && memcmp(p, only, only_n) == 0;
        keep = in_section && (section || (n > 2 && p[0] == ' ' && p[1] == ' ' && p[2] != ' '));
        if (keep) {
            result = sdkc_cause_normalise(out, p, n, id);
            if (!result)
                result = sdkc_buf_append_byte(out, '\n');
        }
        p += n + (nl ? 1 : 0);
    }
    return result;
}

sdkc_result sdkc_cause_signature(struct sdkc_buf *out, const struct sdkc_cause_in *in)
{
    int kind = sdkc_cause_kind_of(in->status, in->gating);
    sdkc_result result = sdkc_buf_appendf(
        out, "%zu%c%s%c%s%c%s%c%s%c", in->impl_index, S_SEP, in->impl ? in->impl : "", S_SEP,
        sdkc_cause_kind_name((enum sdkc_cause_kind)kind), S_SEP, in->level ? in->level : "", S_SEP,
        in->check ? in->check : "", S_SEP);
    if (!result && in->message)
        result = sdkc_cause_normalise(out, in->message, strlen(in->message), in->id);
    if (!result)
        result = sdkc_buf_append_byte(out, S_SEP);
    /* A check that set the level (sigv4, requests, framing...) is the cause
     * on its own: it fails the vector whatever else differs (runner.h), so
     * only its section of the diff counts. */
    if (!result && in->diff)
        result = s_diff_shape(
            out, in->diff,
            in->check && *in->check && s_has_section(in->diff, in->check) ? in->check : NULL,
            in->id);
    return result;
}

static uint64_t s_fnv1a(const char *p, size_t n)
{
    uint64_t h = 14695981039346656037ULL;
    size_t i;
    for (i = 0; i < n; i++) {
        h ^= (unsigned char)p[i];
        h *= 1099511628211ULL;
    }
    return h;
}

void sdkc_causes_init(struct sdkc_causes *c)
{
    memset(c, 0, sizeof(*c));
}

static void s_cause_clean_up(struct sdkc_cause *k)
{
    size_t i;
    sdkc_free(k->impl);
    sdkc_free(k->level);
    sdkc_free(k->check);
    sdkc_free(k->message);
    sdkc_free(k->rerun);
    for (i = 0; i < k->id_count; i++)
        sdkc_free(k->ids[i]);
}

void sdkc_causes_clean_up(struct sdkc_causes *c)
{
    size_t i;
    if (!c)
        return;
    for (i = 0; i < c->count; i++)
        s_cause_clean_up(&c->v[i]);
    sdkc_free(c->v);
    sdkc_free(c->index);
    memset(c, 0, sizeof(*c));
}

static sdkc_result s_hash_of(const struct sdkc_cause_in *in, uint64_t *hash, struct sdkc_error *err)
{
    struct sdkc_buf sig;
    sdkc_result result;
    sdkc_buf_init(&sig, 0);
    result = sdkc_cause_signature(&sig, in);
    if (result)
        sdkc_error_set(err, result, SDKC_NO_OFFSET, "cause signature: out of memory");
    else
        *hash = s_fnv1a(sig.data ? sig.data : "", sig.len);
    sdkc_buf_clean_up(&sig);
    return result;
}

/* The slot of hash in the index: its cause's slot, or the empty one. */
static size_t s_slot(const struct sdkc_causes *c, uint64_t hash)
{
    size_t mask = c->index_cap - 1, s = (size_t)hash & mask;
    while (c->index[s] != (size_t)-1 && c->v[c->index[s]].hash != hash)
        s = (s + 1) & mask;
    return s;
}

size_t sdkc_causes_find(const struct sdkc_causes *c, const struct sdkc_cause_in *in,
                        struct sdkc_error *err)
{
    uint64_t hash;
    if (!c->index_cap || s_hash_of(in, &hash, err))
        return (size_t)-1;
    return c->index[s_slot(c, hash)];
}

/* The most specific clause of a check's finding: the part after the last
 * ": " of the first "  MUST: " line of the check's section ("host is not in
 * SignedHeaders", "x-amz-security-token is sent but not in SignedHeaders"),
 * where the one-line message only names the class of the failure. *n = 0
 * when there is none. */
static const char *s_check_detail(const char *diff, const char *check, size_t *n)
{
    size_t cn = strlen(check);
    const char *p = diff, *line, *end, *last = NULL, *q;
    *n = 0;
    while ((p = strstr(p, check)) != NULL) {
        if ((p == diff || p[-1] == '\n') && p[cn] == ':' && p[cn + 1] == '\n')
            break;
        p += cn;
    }
    if (!p)
        return NULL;
    line = p + cn + 2;
    if (strncmp(line, "  MUST: ", 8) != 0)
        return NULL;
    end = line + strcspn(line, "\n");
    for (q = line; (q = strstr(q, ": ")) != NULL && q < end; q += 2)
        last = q + 2;
    if (!last || last >= end)
        return NULL;
    *n = (size_t)(end - last);
    return last;
}

/* A copy of s cut to max bytes on a UTF-8 boundary, at the first newline. */
static char *s_dup_line(const char *s, size_t max)
{
    size_t n = strcspn(s, "\n");
    char *d;
    if (n > max) {
        n = max;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    d = sdkc_malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

sdkc_result sdkc_causes_add(struct sdkc_causes *c, const struct sdkc_cause_in *in, size_t *index,
                            int *first, struct sdkc_error *err)
{
    uint64_t hash;
    size_t s, i;
    struct sdkc_cause *k;
    int kind = sdkc_cause_kind_of(in->status, in->gating);
    sdkc_result result;

    *index = (size_t)-1;
    *first = 0;
    if (kind < 0 || c->sorted)
        return sdkc_error_set(err, SDKC_ERR_INVALID_ARG, SDKC_NO_OFFSET,
                              "cause of a result that did not fail");
    if ((result = s_hash_of(in, &hash, err)))
        return result;
    if (!c->index) {
        /* Twice the cap, a power of two: probes stay short when full. */
        size_t cap = 1;
        while (cap < 2 * (size_t)SDKC_REPORT_MAX_CAUSES)
            cap <<= 1;
        c->index = sdkc_malloc(cap * sizeof(*c->index));
        if (!c->index)
            return sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
        c->index_cap = cap;
        for (i = 0; i < cap; i++)
            c->index[i] = (size_t)-1;
    }
    s = s_slot(c, hash);
    if (c->index[s] == (size_t)-1) {
        if (c->count >= SDKC_REPORT_MAX_CAUSES) {
            if (in->impl_index < SDKC_RUNNER_MAX_IMPLS)
                c->other[in->impl_index]++;
            return SDKC_OK;
        }
        if (c->count == c->cap) {
            size_t ncap = c->cap ? 2 * c->cap : 16;
            struct sdkc_cause *nv = sdkc_realloc(c->v, ncap * sizeof(*nv));
            if (!nv)
                return sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
            c->v = nv;
            c->cap = ncap;
        }
        k = &c->v[c->count];
        memset(k, 0, sizeof(*k));
        k->hash = hash;
        k->impl_index = in->impl_index;
        k->kind = (enum sdkc_cause_kind)kind;
        k->gating = in->gating;
        k->order = c->count;
        k->impl = sdkc_strdup(in->impl ? in->impl : "");
        k->level = sdkc_strdup(in->level ? in->level : "");
        k->check = sdkc_strdup(in->check ? in->check : "");
        k->message = s_dup_line(in->message ? in->message : "", SDKC_REPORT_CAUSE_MAX_TEXT);
        if (k->message && in->check && *in->check && in->diff) {
            size_t dn;
            const char *d = s_check_detail(in->diff, in->check, &dn);
            if (d && dn && dn < SDKC_REPORT_CAUSE_MAX_TEXT) {
                struct sdkc_buf m;
                sdkc_buf_init(&m, 0);
                if (!sdkc_buf_appendf(&m, "%s: %.*s", k->message, (int)dn, d) && m.data &&
                    !strstr(k->message, m.data + strlen(k->message) + 2)) {
                    sdkc_free(k->message);
                    k->message = sdkc_buf_steal(&m, NULL);
                }
                sdkc_buf_clean_up(&m);
            }
        }
        k->rerun = in->rerun ? sdkc_strdup(in->rerun) : NULL;
        if (!k->impl || !k->level || !k->check || !k->message || (in->rerun && !k->rerun)) {
            s_cause_clean_up(k);
            return sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
        }
        c->index[s] = c->count++;
        *first = 1;
    }
    k = &c->v[c->index[s]];
    if (k->id_count < SDKC_REPORT_CAUSE_IDS) {
        char *id = sdkc_strdup(in->id ? in->id : "");
        if (!id)
            return sdkc_error_set(err, SDKC_ERR_NOMEM, SDKC_NO_OFFSET, "out of memory");
        k->ids[k->id_count++] = id;
    }
    k->count++;
    *index = c->index[s];
    return SDKC_OK;
}

static int s_level_rank(const char *level)
{
    if (strcmp(level, "MUST") == 0)
        return 0;
    if (strcmp(level, "SHOULD") == 0)
        return 1;
    if (strcmp(level, "MAY") == 0)
        return 2;
    return 3;
}

static int s_cmp(const void *pa, const void *pb)
{
    const struct sdkc_cause *a = pa, *b = pb;
    int la, lb;
    if (a->impl_index != b->impl_index)
        return a->impl_index < b->impl_index ? -1 : 1;
    if (a->kind != b->kind)
        return a->kind < b->kind ? -1 : 1;
    la = s_level_rank(a->level);
    lb = s_level_rank(b->level);
    if (la != lb)
        return la < lb ? -1 : 1;
    if (a->count != b->count)
        return a->count > b->count ? -1 : 1;
    return a->order < b->order ? -1 : a->order > b->order;
}

sdkc_result sdkc_causes_sort(struct sdkc_causes *c, size_t *perm, struct sdkc_error *err)
{
    size_t i;
    (void)err;
    if (c->count)
        qsort(c->v, c->count, sizeof(*c->v), s_cmp);
    if (perm)
        for (i = 0; i < c->count; i++)
            perm[c->v[i].order] = i;
    /* The index points at the new positions, so lookups keep working. */
    for (i = 0; i < c->index_cap; i++)
        c->index[i] = (size_t)-1;
    for (i = 0; i < c->count; i++)
        c->index[s_slot(c, c->v[i].hash)] = i;
    c->sorted = 1;
    return SDKC_OK;
}

void sdkc_cause_in_from_spool(struct sdkc_cause_in *in, const cJSON *rec)
{
    const cJSON *ix = sdkc_json_get(rec, "impl_index");
    const char *check = sdkc_spool_str(rec, "check");
    const char *diff = sdkc_spool_str(rec, "diff");
    const char *rerun = sdkc_spool_str(rec, "rerun");
    memset(in, 0, sizeof(*in));
    in->impl_index =
        cJSON_IsNumber(ix) && ix->valuedouble >= 0 && ix->valuedouble < SDKC_RUNNER_MAX_IMPLS
            ? (size_t)ix->valuedouble
            : 0;
    in->impl = sdkc_spool_str(rec, "impl");
    in->id = sdkc_spool_str(rec, "id");
    in->status = sdkc_spool_str(rec, "status");
    in->gating = cJSON_IsTrue(sdkc_json_get(rec, "gating"));
    in->level = sdkc_spool_str(rec, "level");
    in->check = *check ? check : NULL;
    in->message = sdkc_spool_str(rec, "message");
    in->diff = *diff ? diff : NULL;
    in->rerun = *rerun ? rerun : NULL;
}

/* SPDX-License-Identifier: Apache-2.0
 * impl/impl.c: the parts of impl.h shared by every implementation. */
#include "impl/impl.h"

#include <stdio.h>
#include <string.h>

#include "core/alloc.h"

void sdkc_impl_result_init(struct sdkc_impl_result *r)
{
    memset(r, 0, sizeof(*r));
    sdkc_http_request_init(&r->request);
}

void sdkc_impl_result_clean_up(struct sdkc_impl_result *r)
{
    if (!r)
        return;
    cJSON_Delete(r->doc);
    sdkc_http_request_clean_up(&r->request);
    sdkc_free(r->protocol_error);
    sdkc_free(r->diagnostics);
    sdkc_free(r->not_applicable);
    memset(r, 0, sizeof(*r));
}

void sdkc_impl_destroy(struct sdkc_impl *impl)
{
    if (!impl)
        return;
    if (impl->vtable && impl->vtable->destroy)
        impl->vtable->destroy(impl);
}

void sdkc_impl_traffic_set(struct sdkc_impl_traffic *t, unsigned requests, unsigned refused,
                           unsigned framing, const char *reason,
                           const struct sdkc_http_request *req)
{
    memset(t, 0, sizeof(*t));
    t->requests = requests;
    t->refused = refused;
    t->framing = framing;
    snprintf(t->reason, sizeof(t->reason), "%s", reason ? reason : "");
    if (req && requests) {
        snprintf(t->method, sizeof(t->method), "%s", req->method ? req->method : "?");
        snprintf(t->path, sizeof(t->path), "%s", req->path ? req->path : "?");
    }
}

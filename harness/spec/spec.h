/* SPDX-License-Identifier: Apache-2.0
 *
 * spec/spec.h: an AWS JSON service model (the botocore `service-2.json`
 * layout: metadata, operations, shapes) loaded into a shape graph.
 *
 * Ownership: struct sdkc_spec owns everything reachable from it (names,
 * shapes, members, operations); pointers into it stay valid until
 * sdkc_spec_destroy(). The graph is immutable after loading, so it may be
 * shared by runner threads.
 */
#ifndef SDKC_SPEC_SPEC_H
#define SDKC_SPEC_SPEC_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "core/error.h"

/* Caps on what a model file may contain (house style 7). */
#define SDKC_SPEC_MAX_BYTES ((size_t)64 * 1024 * 1024) /* inflated model size */
#define SDKC_SPEC_MAX_SHAPES 100000
#define SDKC_SPEC_MAX_MEMBERS 10000 /* per structure */
#define SDKC_SPEC_MAX_ENUM 10000    /* per string shape */

enum sdkc_shape_type {
    SDKC_SHAPE_STRUCTURE, /* also unions: see is_union */
    SDKC_SHAPE_LIST,
    SDKC_SHAPE_MAP,
    SDKC_SHAPE_STRING,
    SDKC_SHAPE_INTEGER,
    SDKC_SHAPE_LONG,
    SDKC_SHAPE_BOOLEAN,
    SDKC_SHAPE_FLOAT,
    SDKC_SHAPE_DOUBLE,
    SDKC_SHAPE_BLOB,
    SDKC_SHAPE_TIMESTAMP
};

/* Where a member travels in a rest-json message (botocore `location`). */
enum sdkc_location {
    SDKC_LOC_BODY = 0,
    SDKC_LOC_URI,
    SDKC_LOC_QUERY,
    SDKC_LOC_HEADER,
    SDKC_LOC_HEADERS, /* prefix headers map */
    SDKC_LOC_STATUS   /* statusCode */
};

struct sdkc_shape;

struct sdkc_member {
    const char *name;          /* member name as in the model (params key) */
    const char *wire_name;     /* locationName if given, else name: JSON key / header / query / label */
    const char *shape_name;
    const struct sdkc_shape *shape;
    enum sdkc_location location;
    int required;
    int idempotency_token;
    int jsonvalue;
    const char *timestamp_format; /* NULL unless set on the member */
};

struct sdkc_shape {
    const char *name;
    enum sdkc_shape_type type;
    /* structure / union */
    int is_union;
    struct sdkc_member *members;
    size_t member_count;
    /* list / map */
    struct sdkc_member *list_member; /* list element ("member") */
    struct sdkc_member *map_key;
    struct sdkc_member *map_value;
    /* string */
    const char **enum_values;
    size_t enum_count;
    const char *pattern; /* NULL when absent */
    int has_min, has_max;
    double min, max; /* length for strings/lists/maps, value for numbers */
    const char *timestamp_format;
    int sensitive;
    /* error traits */
    int is_exception;      /* `exception: true` */
    int fault;             /* `fault: true`: a server-side error */
    int has_error_trait;   /* `error` object present */
    int http_status;       /* error.httpStatusCode, 0 when absent */
    int sender_fault;      /* error.senderFault */
    const char *error_code; /* error.code when given, else NULL (the shape name is the code) */
};

struct sdkc_operation {
    const char *name;
    const char *http_method;
    const char *request_uri; /* as in the model, may contain "?query" literals */
    int response_code;       /* 200 when the model is silent */
    const struct sdkc_shape *input;  /* NULL when none */
    const struct sdkc_shape *output; /* NULL when none */
    const struct sdkc_shape **errors;
    size_t error_count;
    int idempotent;
};

struct sdkc_spec_metadata {
    const char *protocol; /* "rest-json" */
    const char *api_version;
    const char *endpoint_prefix;
    const char *signing_name;
    const char *service_id;
    const char *service_full_name;
    const char *json_version;
    const char *uid;
};

struct sdkc_spec_arena; /* private */

struct sdkc_spec {
    struct sdkc_spec_metadata metadata;
    struct sdkc_operation *operations; /* sorted by name */
    size_t operation_count;
    struct sdkc_shape *shapes; /* sorted by name */
    size_t shape_count;
    char *source; /* file path or "(bundled)" */
    struct sdkc_spec_arena *arena;
};

/* Load from a cJSON tree already parsed. `source` names the input in
 * messages. Malformed models give SDKC_ERR_SPEC with a message naming the
 * JSON path ("shapes.UserProfileDetails.members.iam.shape: ..."); models of
 * another protocol give SDKC_ERR_UNSUPPORTED. */
sdkc_result sdkc_spec_load_json(const cJSON *root, const char *source, struct sdkc_spec **out,
                                struct sdkc_error *err);
/* Load a model file, plain or gzip-compressed. */
sdkc_result sdkc_spec_load_file(const char *path, struct sdkc_spec **out, struct sdkc_error *err);
/* Load from memory (plain or gzip). */
sdkc_result sdkc_spec_load_mem(const char *data, size_t len, const char *source,
                               struct sdkc_spec **out, struct sdkc_error *err);
/* The bundled default: DataZone CreateUserProfile (specs/datazone-createuserprofile.json,
 * compiled into the binary). */
sdkc_result sdkc_spec_load_default(struct sdkc_spec **out, struct sdkc_error *err);
void sdkc_spec_destroy(struct sdkc_spec *spec); /* accepts NULL */

const struct sdkc_operation *sdkc_spec_find_operation(const struct sdkc_spec *spec,
                                                      const char *name);
const struct sdkc_shape *sdkc_spec_find_shape(const struct sdkc_spec *spec, const char *name);
const struct sdkc_member *sdkc_shape_find_member(const struct sdkc_shape *shape, const char *name);
/* Find a member by its wire (JSON) name. */
const struct sdkc_member *sdkc_shape_find_wire_member(const struct sdkc_shape *shape,
                                                      const char *wire_name);
int sdkc_shape_enum_has(const struct sdkc_shape *shape, const char *value);
/* Look an error code up among every error shape of the service (by shape
 * name, or by error.code). NULL when none. */
const struct sdkc_shape *sdkc_spec_find_error(const struct sdkc_spec *spec, const char *code);
const char *sdkc_shape_type_name(enum sdkc_shape_type t);

#endif

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
#define SDKC_SPEC_MAX_BYTES      ((size_t)64 * 1024 * 1024) /* inflated model size */
#define SDKC_SPEC_MAX_SHAPES     100000
#define SDKC_SPEC_MAX_MEMBERS    10000 /* per structure */
#define SDKC_SPEC_MAX_ENUM       10000 /* per string shape */
#define SDKC_SPEC_MAX_OPERATIONS 10000
#define SDKC_SPEC_MAX_ERRORS     1000 /* per operation */
#define SDKC_SPEC_MAX_ENCODINGS  16   /* requestcompression.encodings per operation */
#define SDKC_SPEC_MAX_PATH       256  /* JSON path quoted in a message; longer ones are cut */

/* Shape types. The model's `type` strings map one to one, except:
 *  - `document` (Smithy document types; botocore writes them as
 *    `structure` with `document: true`) loads as SDKC_SHAPE_STRUCTURE with
 *    is_document set and no members: its value is free-form JSON, which a
 *    codec passes through unchanged (as for jsonvalue). It is not a new enum
 *    value, so code that switches on the type keeps compiling and treats it
 *    as an empty structure at worst.
 *  - any other type string is an error (SDKC_ERR_SPEC naming the path):
 *    sdkconform would otherwise guess at a wire form it cannot check. */

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
    const char *name;      /* member name as in the model (params key) */
    const char *wire_name; /* locationName if given, else name: JSON key / header / query / label */
    const char *shape_name;
    const struct sdkc_shape *shape;
    enum sdkc_location location;
    int required;
    int idempotency_token;
    int jsonvalue;
    const char *timestamp_format; /* NULL unless set on the member */
    int host_label;               /* `hostLabel: true`: fills the operation's endpoint.hostPrefix */
    const char *media_type;       /* member `mediaType` (Smithy @mediaType), NULL when absent */
    size_t index;                 /* position in the structure's members[] (model order) */
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
    int is_exception;       /* `exception: true` */
    int fault;              /* `fault: true`: a server-side error */
    int has_error_trait;    /* `error` object present */
    int http_status;        /* error.httpStatusCode, 0 when absent */
    int sender_fault;       /* error.senderFault */
    const char *error_code; /* error.code when given, else NULL (the shape name is the code) */
    /* further traits */
    int is_document;        /* Smithy document: free-form JSON (see the type note above) */
    int streaming;          /* blob/structure `streaming: true` (an event or byte stream) */
    int eventstream;        /* structure `eventstream: true` */
    int sparse;             /* list/map `sparse: true`: null entries are values */
    const char *media_type; /* blob/string `mediaType` (Smithy @mediaType), NULL when absent */
    const struct sdkc_member *payload; /* structure `payload`: the member bound to the whole body */
    /* Lookup indexes built at load time (private to spec; use the find functions). */
    const struct sdkc_member **members_by_name; /* sorted by name */
    const struct sdkc_member **members_by_wire; /* sorted by wire_name, body members first */
    const char **enum_sorted;                   /* enum_values sorted */
};

struct sdkc_operation {
    const char *name;
    const char *http_method;
    const char *request_uri;         /* as in the model, may contain "?query" literals */
    int response_code;               /* 200 when the model is silent */
    const struct sdkc_shape *input;  /* NULL when none */
    const struct sdkc_shape *output; /* NULL when none */
    const struct sdkc_shape **errors;
    size_t error_count;
    int idempotent;
    const char *host_prefix; /* endpoint.hostPrefix, NULL when absent */
    /* Request checksums: `httpChecksumRequired: true` (Smithy
     * @httpChecksumRequired) or `httpChecksum.requestChecksumRequired`. */
    int checksum_required;
    /* `httpChecksum.requestAlgorithmMember`: the input member whose value
     * names the flexible checksum algorithm (Smithy aws.protocols#httpChecksum);
     * NULL when absent. */
    const struct sdkc_member *checksum_algorithm_member;
    /* `requestcompression.encodings` (Smithy @requestCompression), in model
     * order; NULL/0 when absent. */
    const char **compression_encodings;
    size_t compression_encoding_count;
    /* Sent without a signature: `auth` empty or led by smithy.api#noAuth,
     * or `authtype: "none"` (botocore resolve_auth_type). */
    int unauthenticated;
    /* What the model said that made it unauthenticated, for messages:
     * "auth []", "auth [smithy.api#noAuth]" or "authtype none"; NULL when
     * the operation is signed. A static string. */
    const char *auth_note;
    /* The body is left out of the signature (x-amz-content-sha256:
     * UNSIGNED-PAYLOAD allowed): `unsignedPayload: true` (botocore's form
     * of Smithy aws.auth#unsignedPayload) or `authtype: "v4-unsigned-body"`
     * (botocore handlers.py set_operation_specific_signer). */
    int unsigned_payload;
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
    const char *signature_version; /* NULL when absent */
};

struct sdkc_spec_arena; /* private */

struct sdkc_spec {
    struct sdkc_spec_metadata metadata;
    struct sdkc_operation *operations; /* sorted by name */
    size_t operation_count;
    struct sdkc_shape *shapes; /* sorted by name */
    size_t shape_count;
    char *source; /* file path or "(bundled)" */
    /* The model's JSON text as parsed (inflated when it came gzipped), so
     * that a client outside the harness can be built from this very model
     * (harness/adapters/PROTOCOL.md, hello "model"). NULL when plain_file
     * is 1 (`source` is a plain JSON file: the file is the text) and for
     * sdkc_spec_load_json, which has no text. */
    char *text;
    size_t text_len;
    int plain_file;
    struct sdkc_spec_arena *arena;
    /* Every error shape of the service (`exception: true` or an `error`
     * object), sorted by name: what sdkc_spec_find_error searches. */
    const struct sdkc_shape **error_shapes;
    size_t error_shape_count;
};

/* Load from a cJSON tree already parsed. `source` names the input in
 * messages. Malformed models give SDKC_ERR_SPEC with a message naming the
 * JSON path ("shapes.UserProfileDetails.members.iam.shape: ..."); models of
 * another protocol give SDKC_ERR_UNSUPPORTED; past a cap, SDKC_ERR_TOO_LARGE.
 * Every message has the form "<source>: <JSON path>: <what is wrong>", or
 * "<source>: line L, column C: <what is wrong> at byte N" for JSON syntax
 * (err->offset holds N).
 *
 * Rules (what botocore does, and why we differ where we do):
 *  - duplicate object keys: the last one wins, as in core/json.h and in
 *    botocore (Python's json);
 *  - keys the loader does not know (documentation, deprecated, box, ...) are
 *    ignored, so newer models load; a known key with the wrong JSON type is
 *    an error, never ignored;
 *  - the protocol is rest-json when metadata.protocol is "rest-json" or
 *    metadata.protocols lists it; metadata.protocol then reads "rest-json";
 *  - metadata.signingName defaults to endpointPrefix (botocore's rule);
 *  - every "{label}" in an operation's requestUri must name an input member
 *    with location "uri" (the codec could not fill it otherwise).
 * On failure *out is NULL. The spec does not keep `root`. */
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
/* Members by model name (binary search over members_by_name); NULL for
 * non-structures or when absent. */
const struct sdkc_member *sdkc_shape_find_member(const struct sdkc_shape *shape, const char *name);
/* Find a member by its wire (JSON) name: a body member when one has that
 * wire name, else a member of any location with it. */
const struct sdkc_member *sdkc_shape_find_wire_member(const struct sdkc_shape *shape,
                                                      const char *wire_name);
int sdkc_shape_enum_has(const struct sdkc_shape *shape, const char *value);
/* Look an error code up among every error shape of the service: first by
 * the shape's own code (error.code when given, else its name, as botocore's
 * Shape.error_code), then by shape name. NULL when none. */
const struct sdkc_shape *sdkc_spec_find_error(const struct sdkc_spec *spec, const char *code);
const char *sdkc_shape_type_name(enum sdkc_shape_type t);
/* The code an error shape answers to on the wire: error.code when the model
 * gives one, else the shape name. */
const char *sdkc_shape_error_code(const struct sdkc_shape *shape);
/* "server" or "client" for an error shape, as the model says: `fault: true`
 * (Smithy @error("server")) is server; `error.senderFault` is client; else
 * the modeled error.httpStatusCode decides, 5xx being server. The last step
 * is there because botocore's JSON models drop `fault` on some 5xx errors
 * that Smithy marks @error("server") (efs InternalServerError, kafka
 * ServiceUnavailableException: 65 shapes in 49 rest-json services), and the
 * SDKs generated from Smithy (js-v3 `$fault`) report them as server. */
const char *sdkc_shape_error_fault(const struct sdkc_shape *shape);

#endif

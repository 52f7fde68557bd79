/* SPDX-License-Identifier: Apache-2.0
 *
 * core/paths.h: where the harness finds its own data (the bundled corpus,
 * the bundled adapters, the specs) and its own executable. The one place
 * that reads /proc/self/exe.
 *
 * A folder is looked for, first match wins, in:
 *   1. its environment override ($SDKC_CORPUS, $SDKC_ADAPTERS_DIR,
 *      $SDKC_SPECS), taken as given (a user who names a folder means it);
 *   2. the installed data next to the executable: <prefix>/share/sdkconform
 *      for <prefix>/bin/sdkconform (SDKC_DATA_DIR_REL, the configured data
 *      folder below the prefix):
 *      exists only for an installed binary, and `cmake --install --prefix`
 *      may put it elsewhere than the prefix configured, so it is found from
 *      the executable rather than compiled in; an installed binary uses its
 *      own data even while the checkout it was built from is still there;
 *   3. the source folder compiled in (SDKC_SOURCE_DIR_DEFAULT), when it still
 *      exists: a build tree's binary, wherever the build folder is (an
 *      out-of-tree build has no source above the executable);
 *   4. the install data folder compiled in (SDKC_DATA_DIR, from the
 *      configured prefix), for a binary copied away from its install tree.
 * A candidate counts only when it holds what identifies the folder (the
 * adapters' PROTOCOL.md; a folder for the others), so a half-removed
 * checkout falls through to the installed data.
 */
#ifndef SDKC_CORE_PATHS_H
#define SDKC_CORE_PATHS_H

#include <stddef.h>

#include "core/error.h"

enum sdkc_path_kind {
    SDKC_PATH_CORPUS,   /* the bundled vectors: corpus/vectors */
    SDKC_PATH_ADAPTERS, /* the bundled adapters: harness/adapters, holds PROTOCOL.md */
    SDKC_PATH_SPECS     /* the bundled service models: specs */
};

/* The folder of kind into out[0..n) (NUL-terminated). SDKC_ERR_NOT_FOUND
 * naming the override to set when no candidate exists (or the override
 * names a folder without the marker), SDKC_ERR_TOO_LARGE when a path does
 * not fit. */
sdkc_result sdkc_paths_find(enum sdkc_path_kind kind, char *out, size_t n, struct sdkc_error *err);

/* The running executable's absolute path into out[0..n). SDKC_ERR_NOT_FOUND
 * when /proc/self/exe cannot be read, SDKC_ERR_TOO_LARGE when it does not
 * fit. */
sdkc_result sdkc_paths_self_exe(char *out, size_t n, struct sdkc_error *err);

#endif

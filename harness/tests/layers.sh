#!/bin/bash
# The include graph obeys DESIGN.md's layer rules.
exec "$SDKC_SOURCE_DIR/tools/check-layers" "$SDKC_SOURCE_DIR"

# Dependencies through pkg-config (DESIGN.md "Dependencies"): nothing is
# downloaded at configure time. Missing ones: `make` installs the Debian
# packages (tools/install-deps).
find_package(PkgConfig REQUIRED)
pkg_check_modules(CJSON REQUIRED IMPORTED_TARGET libcjson)
pkg_check_modules(CURL REQUIRED IMPORTED_TARGET libcurl)
pkg_check_modules(CRYPTO REQUIRED IMPORTED_TARGET libcrypto)
pkg_check_modules(MHD REQUIRED IMPORTED_TARGET libmicrohttpd)
pkg_check_modules(ZLIB REQUIRED IMPORTED_TARGET zlib)
# Regex matchers in vectors: PCRE2 for its match, depth and heap limits
# (POSIX regexec has none; a hostile pattern took minutes and gigabytes).
pkg_check_modules(PCRE2 REQUIRED IMPORTED_TARGET libpcre2-8)
find_package(Threads REQUIRED)
if(SDKC_BUILD_TESTS)
  pkg_check_modules(CUNIT REQUIRED IMPORTED_TARGET cunit)
endif()
# What each layer links beyond the layers below it.
set(SDKC_DEPS_core PkgConfig::CJSON PkgConfig::CURL PkgConfig::CRYPTO PkgConfig::ZLIB m
    Threads::Threads)
# codec: MD5/SHA request checksums (EVP) and gzip request compression.
set(SDKC_DEPS_codec PkgConfig::CRYPTO PkgConfig::ZLIB)
set(SDKC_DEPS_sigv4 PkgConfig::CRYPTO)
set(SDKC_DEPS_vectors PkgConfig::PCRE2)
set(SDKC_DEPS_impl PkgConfig::CURL)
set(SDKC_DEPS_server PkgConfig::MHD)

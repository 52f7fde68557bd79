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
# What each layer links: the lower layers it includes (by folder name;
# tools/check-layers fails when this list and the #include lines of
# harness/<layer>/ disagree either way) and the libraries it calls. One
# line per layer (check-layers reads these lines). Layers that are not
# listed are not linked: core links no libcurl or OpenSSL, so fuzz_json
# links neither (ctest fuzz.json.link).
set(SDKC_DEPS_core PkgConfig::CJSON PkgConfig::ZLIB m Threads::Threads)
set(SDKC_DEPS_http core)
set(SDKC_DEPS_spec core)
# codec: MD5/SHA request checksums (EVP).
set(SDKC_DEPS_codec core http spec PkgConfig::CRYPTO)
set(SDKC_DEPS_sigv4 core http PkgConfig::CRYPTO)
set(SDKC_DEPS_vectors core http spec PkgConfig::PCRE2)
set(SDKC_DEPS_server core http spec sigv4 vectors PkgConfig::MHD)
set(SDKC_DEPS_impl core http spec codec sigv4 vectors server PkgConfig::CURL)
set(SDKC_DEPS_runner core http spec sigv4 vectors impl)
set(SDKC_DEPS_report core sigv4 runner)
# app: replay set-up as a library call (runner + report, below the cli).
set(SDKC_DEPS_app core spec sigv4 vectors server impl runner report)

#pragma once
// The SDK version and build fingerprint a plugin is checked against before anything else is called.

#define CAREWATCH_SDK_VERSION_MAJOR 1
#define CAREWATCH_SDK_VERSION_MINOR 1
#define CAREWATCH_SDK_VERSION_PATCH 0

#define CAREWATCH_SDK_STRINGIFY_(x) #x
#define CAREWATCH_SDK_STRINGIFY(x) CAREWATCH_SDK_STRINGIFY_(x)

// Boost.DLL promises no ABI stability and the SDK passes standard-library types across the boundary,
// so the host and a plugin must agree exactly on compiler, standard library and language standard.
#if defined(__GLIBCXX__)
#define CAREWATCH_SDK_STDLIB_ \
  "libstdc++ " CAREWATCH_SDK_STRINGIFY(_GLIBCXX_RELEASE) "/" CAREWATCH_SDK_STRINGIFY( \
      __GLIBCXX__) " abi" CAREWATCH_SDK_STRINGIFY(_GLIBCXX_USE_CXX11_ABI)
#elif defined(_LIBCPP_VERSION)
#define CAREWATCH_SDK_STDLIB_ "libc++ " CAREWATCH_SDK_STRINGIFY(_LIBCPP_VERSION)
#else
#define CAREWATCH_SDK_STDLIB_ "unknown-stdlib"
#endif

#if defined(__clang__)
#define CAREWATCH_SDK_COMPILER_ "clang " __clang_version__
#elif defined(__GNUC__)
#define CAREWATCH_SDK_COMPILER_ "gcc " __VERSION__
#else
#define CAREWATCH_SDK_COMPILER_ "unknown-compiler"
#endif

#define CAREWATCH_SDK_BUILD_FINGERPRINT \
  CAREWATCH_SDK_COMPILER_ "; " CAREWATCH_SDK_STDLIB_ "; c++" CAREWATCH_SDK_STRINGIFY(__cplusplus)

namespace carewatch::sdk {

// Plain struct with C layout: read by the host before it trusts anything else in the library.
struct AbiVersion {
  int major;
  int minor;
  int patch;
};

inline constexpr AbiVersion kVersion{CAREWATCH_SDK_VERSION_MAJOR, CAREWATCH_SDK_VERSION_MINOR,
                                     CAREWATCH_SDK_VERSION_PATCH};

// Semantic versioning as the host applies it: the same major, and a host minor at least the plugin's.
constexpr bool is_compatible(AbiVersion host, AbiVersion plugin) noexcept {
  return host.major == plugin.major && host.minor >= plugin.minor;
}

}  // namespace carewatch::sdk

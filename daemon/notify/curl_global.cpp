#include "notify/curl_global.hpp"

#include <mutex>
#include <stdexcept>

#include <curl/curl.h>

namespace carewatch::notify {

void ensure_curl_initialized() {
  static std::once_flag once;
  std::call_once(once, [] {
    // Never paired with curl_global_cleanup: notifiers may live until exit, and cleanup while another
    // thread still holds a handle is undefined.
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
      throw std::runtime_error("curl_global_init failed");
  });
}

}  // namespace carewatch::notify

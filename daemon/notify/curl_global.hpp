#pragma once
// libcurl's process-wide initialisation, done once before the first easy handle. curl_global_init is
// not guaranteed thread-safe on every build, so every notifier goes through this one call_once.

namespace carewatch::notify {

void ensure_curl_initialized();

}  // namespace carewatch::notify

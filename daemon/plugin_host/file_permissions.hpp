#pragma once
// The least-privilege check made before a plugin file is opened: whoever can write a plugin, or replace
// it in its directory, runs code as the daemon.

#include <filesystem>
#include <optional>
#include <string>

namespace carewatch::plugin_host {

// Why `file` must not be loaded, or nullopt if it may be. Refuses a path that is not (a symbolic link
// to) a regular file and, unless `allow_writable`, a file or its directory (the link's and the
// target's) that group or others may write.
std::optional<std::string> unsafe_plugin_file(const std::filesystem::path& file, bool allow_writable);

}  // namespace carewatch::plugin_host

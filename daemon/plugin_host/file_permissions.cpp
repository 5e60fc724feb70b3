#include "plugin_host/file_permissions.hpp"

#include <cstdio>
#include <system_error>
#include <vector>

namespace carewatch::plugin_host {
namespace fs = std::filesystem;

namespace {

std::string octal_mode(fs::perms p) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04o", static_cast<unsigned>(p & fs::perms::mask));
  return buf;
}

bool writable_by_others(fs::perms p) {
  return (p & (fs::perms::group_write | fs::perms::others_write)) != fs::perms::none;
}

}  // namespace

std::optional<std::string> unsafe_plugin_file(const fs::path& file, bool allow_writable) {
  std::error_code ec;
  const fs::file_status st = fs::status(file, ec);
  if (ec) return "cannot inspect the file: " + ec.message();
  if (!fs::is_regular_file(st)) return std::string("not a regular file");
  if (allow_writable) return std::nullopt;

  if (writable_by_others(st.permissions()))
    return "the file is writable by group or others (mode " + octal_mode(st.permissions()) +
           "); a plugin must be writable only by its owner";

  // A symbolic link can be replaced by whoever may write the directory holding the link, and the file
  // by whoever may write the directory holding the target: check both.
  std::vector<fs::path> dirs{fs::absolute(file, ec).parent_path()};
  if (ec) return "cannot resolve the file's directory: " + ec.message();
  const fs::path target = fs::canonical(file, ec);
  if (ec) return "cannot resolve the file: " + ec.message();
  if (target.parent_path() != dirs.front()) dirs.push_back(target.parent_path());
  for (const fs::path& dir : dirs) {
    const fs::file_status ds = fs::status(dir, ec);
    if (ec) return "cannot inspect directory " + dir.string() + ": " + ec.message();
    if (writable_by_others(ds.permissions()))
      return "directory " + dir.string() + " is writable by group or others (mode " +
             octal_mode(ds.permissions()) + "); plugins must be in a directory only its owner may write";
  }
  return std::nullopt;
}

}  // namespace carewatch::plugin_host

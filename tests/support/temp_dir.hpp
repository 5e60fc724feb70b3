#pragma once
// TempDir: a fresh directory under the system temp directory, removed with everything in it when the
// object goes. For test files that must be real (secret files, spools, certificates).

#include <filesystem>
#include <string_view>

namespace carewatch::test_support {

class TempDir {
 public:
  // Creates "<tmp>/carewatch-<prefix>-XXXXXX". Throws std::runtime_error on failure.
  explicit TempDir(std::string_view prefix = "test");
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const noexcept { return path_; }
  // Writes `content` to path()/name (mode 0600) and returns the full path.
  std::filesystem::path write_file(std::string_view name, std::string_view content) const;

 private:
  std::filesystem::path path_;
};

}  // namespace carewatch::test_support

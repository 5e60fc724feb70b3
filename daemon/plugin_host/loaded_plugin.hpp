#pragma once
// LoadedPlugin: one accepted plugin library and the handle its factory returned, owned together so that
// the library cannot be unloaded while anything it made is alive. Shared by the PluginSet and every
// CheckerRef handed out; the last owner to let go unloads the library.
//
// Needs BOOST_DLL_USE_STD_FS (set PUBLIC on carewatch_plugin_host) so Boost.DLL uses std::filesystem.

#include <filesystem>
#include <memory>
#include <string>
#include <utility>

#include <boost/dll/shared_library.hpp>

#include <carewatch/sdk/plugin.hpp>

namespace carewatch::plugin_host {

class LoadedPlugin {
 public:
  // Takes ownership of `handle`, which `library`'s carewatch_create_plugin returned (never null).
  LoadedPlugin(boost::dll::shared_library library, sdk::PluginHandle* handle, std::filesystem::path file,
               sdk::AbiVersion sdk_version)
      : library_(std::move(library)),
        handle_(handle),
        file_(std::move(file)),
        sdk_version_(sdk_version),
        name_(handle_->name()),
        description_(handle_->description()) {}
  LoadedPlugin(const LoadedPlugin&) = delete;
  LoadedPlugin& operator=(const LoadedPlugin&) = delete;

  // Host-side copies: valid without calling into the library.
  const std::string& name() const noexcept { return name_; }
  const std::string& description() const noexcept { return description_; }
  const std::filesystem::path& file() const noexcept { return file_; }
  sdk::AbiVersion sdk_version() const noexcept { return sdk_version_; }

  sdk::PluginHandle& handle() const noexcept { return *handle_; }

  bool enabled() const noexcept { return disabled_reason_.empty(); }
  const std::string& disabled_reason() const noexcept { return disabled_reason_; }
  // `reason` must not be empty.
  void disable(std::string reason) { disabled_reason_ = std::move(reason); }

 private:
  // Declared first so it is destroyed last: destroying handle_ runs the plugin's destructors, whose
  // code and vtables live in the library (Boost.DLL "Missuses": the library must outlive every object
  // it made).
  boost::dll::shared_library library_;
  std::unique_ptr<sdk::PluginHandle> handle_;
  std::filesystem::path file_;
  sdk::AbiVersion sdk_version_;
  std::string name_;
  std::string description_;
  std::string disabled_reason_;
};

}  // namespace carewatch::plugin_host

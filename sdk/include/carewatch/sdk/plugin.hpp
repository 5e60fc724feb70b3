#pragma once
// The plugin boundary. A plugin author writes a `Plugin` subclass that makes `Checker`s and exports it
// with one line:
//
//     CAREWATCH_PLUGIN(MyPlugin)
//
// The macro exports three C symbols the host reads with Boost.DLL, in this order:
//   carewatch_sdk_version       AbiVersion the plugin was built against (checked first)
//   carewatch_build_fingerprint compiler / standard library / language standard (exact match)
//   carewatch_create_plugin     factory returning a PluginHandle, or null with a Status explaining why
//
// Every call on a handle is noexcept: the adapters below catch every exception on the plugin's side
// and turn it into a Status. The host must keep the library loaded for as long as any handle, checker,
// finding or string the plugin made is alive.

#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include <carewatch/sdk/checker.hpp>
#include <carewatch/sdk/status.hpp>
#include <carewatch/sdk/version.hpp>

#define CAREWATCH_SDK_EXPORT __attribute__((visibility("default")))

namespace carewatch::sdk {

// What the plugin author derives from.
class Plugin {
 public:
  virtual ~Plugin() = default;
  virtual std::string name() const = 0;
  virtual std::string description() const { return {}; }
  virtual std::vector<std::unique_ptr<Checker>> make_checkers() const = 0;
};

struct CheckerInfo {
  std::string name;
  std::vector<RuleInfo> rules;
  Scope scope = Scope::home;
  std::vector<std::string> kinds;
};

// Host-facing, exception-free view of one checker.
class CAREWATCH_SDK_EXPORT CheckerHandle {
 public:
  virtual ~CheckerHandle() = default;
  virtual const CheckerInfo& info() const noexcept = 0;
  virtual Status configure(const Parameters& params) noexcept = 0;
  virtual Status check(const Timeline& timeline, const Context& context, Sink& sink) const noexcept = 0;
};

// Host-facing, exception-free view of one loaded plugin. Destroying it destroys its checkers.
class CAREWATCH_SDK_EXPORT PluginHandle {
 public:
  virtual ~PluginHandle() = default;
  virtual const std::string& name() const noexcept = 0;
  virtual const std::string& description() const noexcept = 0;
  virtual std::size_t checker_count() const noexcept = 0;
  virtual CheckerHandle& checker(std::size_t i) noexcept = 0;
};

using CreatePluginFn = PluginHandle*(Status* status) noexcept;

namespace detail {

inline Status current_exception_status(const char* where) noexcept {
  try {
    throw;
  } catch (const std::exception& e) {
    try {
      return Status::error(std::string(where) + ": " + e.what());
    } catch (...) {
      return Status::error("out of memory");
    }
  } catch (...) {
    return Status::error(std::string(where) + ": unknown exception");
  }
}

class CheckerAdapter final : public CheckerHandle {
 public:
  explicit CheckerAdapter(std::unique_ptr<Checker> c) : checker_(std::move(c)) {
    info_.name = checker_->name();
    info_.rules = checker_->rules();
    info_.scope = checker_->scope();
    info_.kinds = checker_->kinds();
  }
  const CheckerInfo& info() const noexcept override { return info_; }
  Status configure(const Parameters& params) noexcept override {
    try {
      checker_->configure(params);
      return Status::ok();
    } catch (const ParameterError& e) {
      return Status::error(e.what());
    } catch (...) {
      return current_exception_status("configure");
    }
  }
  Status check(const Timeline& timeline, const Context& context, Sink& sink) const noexcept override {
    try {
      checker_->check(timeline, context, sink);
      return Status::ok();
    } catch (...) {
      return current_exception_status("check");
    }
  }

 private:
  std::unique_ptr<Checker> checker_;
  CheckerInfo info_;
};

template <class P>
class PluginAdapter final : public PluginHandle {
 public:
  PluginAdapter() {
    P plugin;
    name_ = plugin.name();
    description_ = plugin.description();
    for (auto& c : plugin.make_checkers()) {
      if (!c) throw std::runtime_error("make_checkers returned a null checker");
      checkers_.push_back(std::make_unique<CheckerAdapter>(std::move(c)));
    }
  }
  const std::string& name() const noexcept override { return name_; }
  const std::string& description() const noexcept override { return description_; }
  std::size_t checker_count() const noexcept override { return checkers_.size(); }
  CheckerHandle& checker(std::size_t i) noexcept override { return *checkers_[i]; }

 private:
  std::string name_;
  std::string description_;
  std::vector<std::unique_ptr<CheckerAdapter>> checkers_;
};

template <class P>
PluginHandle* create_plugin(Status* status) noexcept {
  static_assert(std::is_base_of_v<Plugin, P>, "CAREWATCH_PLUGIN: the class must derive from carewatch::sdk::Plugin");
  static_assert(std::is_default_constructible_v<P>, "CAREWATCH_PLUGIN: the class must be default-constructible");
  try {
    return new PluginAdapter<P>();
  } catch (...) {
    if (status) *status = current_exception_status("create");
    return nullptr;
  }
}

}  // namespace detail
}  // namespace carewatch::sdk

// Exports `PluginClass` (a carewatch::sdk::Plugin) as a Carewatch plugin. Use once per library.
#define CAREWATCH_PLUGIN(PluginClass)                                                              \
  extern "C" CAREWATCH_SDK_EXPORT const ::carewatch::sdk::AbiVersion carewatch_sdk_version =       \
      ::carewatch::sdk::kVersion;                                                                  \
  extern "C" CAREWATCH_SDK_EXPORT const char carewatch_build_fingerprint[] =                      \
      CAREWATCH_SDK_BUILD_FINGERPRINT;                                                             \
  extern "C" CAREWATCH_SDK_EXPORT ::carewatch::sdk::PluginHandle* carewatch_create_plugin(         \
      ::carewatch::sdk::Status* status) noexcept {                                                 \
    return ::carewatch::sdk::detail::create_plugin<PluginClass>(status);                           \
  }

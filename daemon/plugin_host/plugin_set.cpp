#include "plugin_host/plugin_set.hpp"

#include <dlfcn.h>
#include <link.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string_view>
#include <system_error>
#include <utility>
#include <variant>

#include <spdlog/spdlog.h>
#include <boost/dll/shared_library.hpp>

#include "plugin_host/file_permissions.hpp"
#include "plugin_host/loaded_plugin.hpp"

namespace carewatch::plugin_host {
namespace fs = std::filesystem;

namespace {

constexpr char kVersionSymbol[] = "carewatch_sdk_version";
constexpr char kFingerprintSymbol[] = "carewatch_build_fingerprint";
constexpr char kFactorySymbol[] = "carewatch_create_plugin";
constexpr char kHostFingerprint[] = CAREWATCH_SDK_BUILD_FINGERPRINT;
// Bounds the read of a fingerprint whose symbol size the dynamic linker cannot tell us.
constexpr std::size_t kMaxFingerprint = 512;

// rtld_now: a missing symbol refuses the plugin at load time rather than failing halfway through a
// check. rtld_local: one plugin's symbols never resolve another's. No rtld_deepbind: the sanitizers
// refuse it, and hidden visibility already keeps a plugin's internals to itself.
constexpr auto kLoadMode = boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local;

std::string to_string(sdk::AbiVersion v) {
  return std::to_string(v.major) + "." + std::to_string(v.minor) + "." + std::to_string(v.patch);
}

// A fingerprint from an untrusted library goes into logs: keep it printable.
std::string printable(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7e) c = '?';
  return out;
}

// The size the library's symbol table gives the object at `addr`, or 0 if unknown. A hand-written
// plugin may declare a symbol smaller than the host reads (a pointer instead of an array, a short
// struct); the size lets the host refuse it instead of reading past it.
std::size_t symbol_size(const void* addr) {
  Dl_info info{};
  void* entry = nullptr;
  if (dladdr1(addr, &info, &entry, RTLD_DL_SYMENT) == 0 || entry == nullptr) return 0;
  return static_cast<std::size_t>(static_cast<const ElfW(Sym)*>(entry)->st_size);
}

struct Refusal {
  std::string plugin;
  std::string reason;
};

// Steps b to e of the loading sequence: open the library, check what it was built against, make the
// plugin. Returns the plugin or why it was refused; `version` is set once it has been read.
std::variant<std::shared_ptr<LoadedPlugin>, Refusal> open_plugin(const fs::path& file,
                                                                 std::optional<sdk::AbiVersion>& version) {
  boost::dll::shared_library library;
  std::error_code ec;
  library.load(file, ec, kLoadMode);
  if (ec || !library.is_loaded()) {
    // Boost.DLL reports every dlopen failure as bad_file_descriptor; the useful text (missing
    // dependency, undefined symbol, not an ELF file) is still waiting in dlerror(), which glibc keeps
    // per thread.
    const char* why = dlerror();  // NOLINT(concurrency-mt-unsafe)
    return Refusal{{}, std::string("cannot load the library: ") + (why ? why : ec.message())};
  }

  if (!library.has(kVersionSymbol))
    return Refusal{{}, "not a Carewatch plugin: no carewatch_sdk_version symbol"};
  const auto& declared = library.get<const sdk::AbiVersion>(kVersionSymbol);
  if (const std::size_t size = symbol_size(&declared); size != 0 && size < sizeof(sdk::AbiVersion))
    return Refusal{{},
                   "carewatch_sdk_version is " + std::to_string(size) + " bytes, expected " +
                       std::to_string(sizeof(sdk::AbiVersion))};
  version = declared;
  if (!sdk::is_compatible(sdk::kVersion, *version))
    return Refusal{{},
                   "built against Carewatch SDK " + to_string(*version) + ", this host provides " +
                       to_string(sdk::kVersion) +
                       " (major versions must match and the host's minor must be at least the plugin's)"};

  if (!library.has(kFingerprintSymbol)) return Refusal{{}, "no carewatch_build_fingerprint symbol"};
  const char* fingerprint = &library.get<const char>(kFingerprintSymbol);
  const std::size_t size = symbol_size(fingerprint);
  const std::size_t bound = size != 0 ? size : kMaxFingerprint;
  const std::size_t length = strnlen(fingerprint, bound);
  if (length == bound) return Refusal{{}, "carewatch_build_fingerprint is not a NUL-terminated string"};
  if (std::string_view(fingerprint, length) != kHostFingerprint)
    return Refusal{{},
                   "built with \"" + printable({fingerprint, length}) + "\", this host was built with \"" +
                       kHostFingerprint +
                       "\" (the compiler, standard library and C++ standard must match exactly)"};

  if (!library.has(kFactorySymbol)) return Refusal{{}, "no carewatch_create_plugin symbol"};
  auto& create = library.get<sdk::CreatePluginFn>(kFactorySymbol);
  sdk::Status status;
  sdk::PluginHandle* handle = create(&status);
  if (handle == nullptr)
    return Refusal{{},
                   "carewatch_create_plugin " + (status.message().empty() ? std::string("returned no plugin")
                                                                          : "failed: " + status.message())};
  return std::make_shared<LoadedPlugin>(std::move(library), handle, file, *version);
}

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

const std::string& CheckerRef::plugin_name() const {
  return plugin->name();
}

std::string CheckerRef::qualified_name() const {
  return plugin->name() + "/" + info().name;
}

std::string PluginProblem::message() const {
  return file.string() + ": " + reason;
}

struct PluginSet::Impl {
  struct Entry {
    PluginSummary summary;
    std::shared_ptr<LoadedPlugin> plugin;  // null when refused or disabled in the configuration
  };

  std::shared_ptr<spdlog::logger> log;
  std::vector<Entry> entries;
  std::vector<PluginProblem> problems;
  std::map<std::string, std::string> rule_owners;  // rule id -> plugin name, for accepted plugins

  spdlog::logger& logger() const { return log ? *log : *spdlog::default_logger_raw(); }

  void record(PluginProblem problem, spdlog::level::level_enum level) {
    logger().log(level, "plugin {}", problem.message());
    problems.push_back(std::move(problem));
  }

  void refuse(const fs::path& file, Refusal refusal, std::optional<sdk::AbiVersion> version) {
    PluginSummary summary;
    summary.name = refusal.plugin;
    summary.file = file;
    if (version) summary.sdk_version = *version;
    summary.enabled = false;
    summary.disabled_reason = refusal.reason;
    entries.push_back({std::move(summary), nullptr});
    record({file, std::move(refusal.plugin), std::move(refusal.reason)}, spdlog::level::warn);
  }

  void skip_disabled(const fs::path& file, std::string name) {
    PluginSummary summary;
    summary.name = std::move(name);
    summary.file = file;
    summary.enabled = false;
    summary.disabled_reason = "disabled in the configuration";
    logger().info("plugin {}: disabled in the configuration, not loaded", file.string());
    entries.push_back({std::move(summary), nullptr});
  }

  // Step f: a plugin name or rule id is claimed by the first plugin that declares it.
  std::optional<std::string> conflict(const LoadedPlugin& plugin) const {
    if (plugin.name().empty()) return std::string("the plugin has an empty name");
    for (const Entry& e : entries)
      if (e.plugin && e.plugin->name() == plugin.name())
        return "plugin name \"" + plugin.name() + "\" is already taken by " + e.plugin->file().string();
    std::set<std::string_view> own;
    sdk::PluginHandle& handle = plugin.handle();
    for (std::size_t i = 0; i < handle.checker_count(); ++i) {
      const sdk::CheckerInfo& info = handle.checker(i).info();
      for (const sdk::RuleInfo& rule : info.rules) {
        if (rule.id.empty()) return "checker \"" + info.name + "\" declares a rule with an empty id";
        if (!own.insert(rule.id).second) return "rule " + rule.id + " is declared twice";
        if (auto it = rule_owners.find(rule.id); it != rule_owners.end())
          return "rule " + rule.id + " is already declared by plugin \"" + it->second + "\"";
      }
    }
    return std::nullopt;
  }

  // Step g. Returns why configuring failed, if it did.
  static std::optional<std::string> configure(LoadedPlugin& plugin, const LoadOptions& options) {
    static const sdk::Parameters no_parameters;
    const auto it = options.parameters.find(plugin.name());
    const sdk::Parameters& params = it == options.parameters.end() ? no_parameters : it->second;
    sdk::PluginHandle& handle = plugin.handle();
    for (std::size_t i = 0; i < handle.checker_count(); ++i) {
      sdk::CheckerHandle& checker = handle.checker(i);
      if (sdk::Status status = checker.configure(params); !status)
        return "configuring checker \"" + checker.info().name + "\" failed: " + status.message();
    }
    return std::nullopt;
  }

  Entry* find(const LoadedPlugin* plugin) {
    for (Entry& e : entries)
      if (plugin != nullptr && e.plugin.get() == plugin) return &e;
    return nullptr;
  }
};

PluginSet::PluginSet() : PluginSet(nullptr) {}
PluginSet::PluginSet(std::shared_ptr<spdlog::logger> log) : impl_(std::make_unique<Impl>()) {
  impl_->log = std::move(log);
}
PluginSet::~PluginSet() = default;
PluginSet::PluginSet(PluginSet&&) noexcept = default;
PluginSet& PluginSet::operator=(PluginSet&&) noexcept = default;

PluginSet PluginSet::load_directory(const fs::path& dir, const LoadOptions& options,
                                    const std::shared_ptr<spdlog::logger>& log) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".so") files.push_back(it->path());
  if (ec) throw std::runtime_error("cannot read plugin directory " + dir.string() + ": " + ec.message());
  std::sort(files.begin(), files.end(),
            [](const fs::path& a, const fs::path& b) { return a.filename() < b.filename(); });

  PluginSet set(log);
  set.impl_->logger().info("loading plugins from {} ({} files)", dir.string(), files.size());
  for (const fs::path& file : files) set.load_file(file, options);
  return set;
}

bool PluginSet::load_file(const fs::path& file, const LoadOptions& options) {
  Impl& impl = *impl_;
  if (contains(options.disabled, file.stem().string())) {
    impl.skip_disabled(file, file.stem().string());
    return false;
  }
  // Step a, before a byte of the file is mapped: static initialisers run inside dlopen.
  if (auto unsafe = unsafe_plugin_file(file, options.allow_writable)) {
    impl.refuse(file, {{}, std::move(*unsafe)}, std::nullopt);
    return false;
  }

  std::optional<sdk::AbiVersion> version;
  auto opened = open_plugin(file, version);
  if (auto* refusal = std::get_if<Refusal>(&opened)) {
    impl.refuse(file, std::move(*refusal), version);
    return false;
  }
  std::shared_ptr<LoadedPlugin> plugin = std::move(std::get<std::shared_ptr<LoadedPlugin>>(opened));

  if (contains(options.disabled, plugin->name())) {
    impl.skip_disabled(file, plugin->name());
    return false;
  }
  if (auto why = impl.conflict(*plugin)) {
    impl.refuse(file, {plugin->name(), std::move(*why)}, version);
    return false;
  }

  sdk::PluginHandle& handle = plugin->handle();
  for (std::size_t i = 0; i < handle.checker_count(); ++i)
    for (const sdk::RuleInfo& rule : handle.checker(i).info().rules)
      impl.rule_owners[rule.id] = plugin->name();

  PluginSummary summary;
  summary.name = plugin->name();
  summary.file = file;
  summary.sdk_version = plugin->sdk_version();
  summary.description = plugin->description();
  summary.checkers = handle.checker_count();
  if (auto failed = Impl::configure(*plugin, options)) {
    plugin->disable(*failed);
    summary.enabled = false;
    summary.disabled_reason = *failed;
    impl.record({file, plugin->name(), std::move(*failed)}, spdlog::level::err);
  } else {
    impl.logger().info("plugin {}: loaded \"{}\" (SDK {}, checkers: {})", file.string(), plugin->name(),
                       to_string(plugin->sdk_version()), handle.checker_count());
  }
  impl.entries.push_back({std::move(summary), std::move(plugin)});
  return true;
}

std::vector<CheckerRef> PluginSet::checkers() const {
  std::vector<CheckerRef> out;
  for (const Impl::Entry& e : impl_->entries) {
    if (!e.plugin || !e.plugin->enabled()) continue;
    sdk::PluginHandle& handle = e.plugin->handle();
    for (std::size_t i = 0; i < handle.checker_count(); ++i) out.push_back({e.plugin, &handle.checker(i)});
  }
  return out;
}

void PluginSet::disable(const CheckerRef& checker, const std::string& reason) {
  Impl::Entry* entry = impl_->find(checker.plugin.get());
  if (entry == nullptr) throw std::invalid_argument("PluginSet::disable: the checker is not from this set");
  if (!entry->plugin->enabled()) return;
  const std::string why = reason.empty() ? std::string("disabled") : reason;
  entry->plugin->disable(why);
  entry->summary.enabled = false;
  entry->summary.disabled_reason = why;
  impl_->record({entry->plugin->file(), entry->plugin->name(), "disabled: " + why}, spdlog::level::err);
}

const std::vector<PluginProblem>& PluginSet::problems() const noexcept {
  return impl_->problems;
}

std::vector<PluginSummary> PluginSet::plugins() const {
  std::vector<PluginSummary> out;
  out.reserve(impl_->entries.size());
  for (const Impl::Entry& e : impl_->entries) out.push_back(e.summary);
  return out;
}

}  // namespace carewatch::plugin_host

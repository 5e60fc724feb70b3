// The smallest plugin: no checkers. It proves the installed headers, the CMake package and the export
// macro make a module carewatchd accepts (version and build fingerprint included).
#include <carewatch/sdk/plugin.hpp>

namespace {

class InstalledSdkExample : public carewatch::sdk::Plugin {
 public:
  std::string name() const override { return "installed_sdk_example"; }
  std::vector<std::unique_ptr<carewatch::sdk::Checker>> make_checkers() const override { return {}; }
};

}  // namespace

CAREWATCH_PLUGIN(InstalledSdkExample)

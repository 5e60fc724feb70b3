#include "generator/planted_breach.hpp"

#include <carewatch/sdk/value.hpp>

namespace carewatch::generator {

std::string PlantedBreach::to_json() const {
  sdk::Object members{{"family", family},
                      {"rule", rule},
                      {"evidence", evidence},
                      {"home", home},
                      {"child", child.empty() ? sdk::Value() : sdk::Value(child)},
                      {"what", what},
                      {"trigger_at", sdk::format_timestamp(trigger_at)}};
  if (!stage.empty()) members.emplace_back("stage", stage);
  return sdk::Value::object(std::move(members)).to_json();
}

}  // namespace carewatch::generator

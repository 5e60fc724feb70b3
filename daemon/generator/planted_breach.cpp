#include "generator/planted_breach.hpp"

#include <carewatch/sdk/value.hpp>

namespace carewatch::generator {

std::string PlantedBreach::to_json() const {
  return sdk::Value::object({{"family", family},
                             {"rule", rule},
                             {"evidence", evidence},
                             {"home", home},
                             {"child", child.empty() ? sdk::Value() : sdk::Value(child)},
                             {"what", what},
                             {"trigger_at", sdk::format_timestamp(trigger_at)}})
      .to_json();
}

}  // namespace carewatch::generator

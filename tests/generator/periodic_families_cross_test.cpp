// Each periodic-duty family's planted breaches raise only that family's rules: the data planted for one
// family, audited a week after the period by every plugin the planted kinds reach (the four periodic
// families and serious_events), raises no other family's finding.
#include <gtest/gtest.h>

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "care_planning.hpp"
#include "case_records.hpp"
#include "family_audit.hpp"
#include "independent_monitoring.hpp"
#include "serious_events.hpp"
#include "workforce.hpp"

namespace carewatch::generator {
namespace {

struct Family {
  std::string name;
  std::unique_ptr<sdk::Plugin> plugin;
};

std::vector<Family> families() {
  std::vector<Family> out;
  out.push_back({"care_planning", std::make_unique<plugins::care_planning::CarePlanningPlugin>()});
  out.push_back({"case_records", std::make_unique<plugins::case_records::CaseRecordsPlugin>()});
  out.push_back(
      {"independent_monitoring", std::make_unique<plugins::independent_monitoring::IndependentMonitoringPlugin>()});
  out.push_back({"workforce", std::make_unique<plugins::workforce::WorkforcePlugin>()});
  out.push_back({"serious_events", std::make_unique<plugins::serious_events::SeriousEventsPlugin>()});
  return out;
}

// With every eligible event of one family breached, every other family's plugin finds nothing.
TEST(PeriodicFamiliesCrossTest, PlantedBreachesRaiseNoOtherFamilysRule) {
  const auto all = families();
  for (const auto& planted : all) {
    if (planted.name == "serious_events") continue;
    const Options o = testing::family_options(planted.name, 5, 200, 2, 5, 1.0);
    const auto data = testing::generate(o);
    ASSERT_FALSE(data.breaches.empty()) << planted.name;
    for (const auto& other : all) {
      if (other.name == planted.name) continue;
      SCOPED_TRACE(planted.name + " planted, " + other.name + " audited");
      testing::expect_same(testing::plugin_findings(*other.plugin, data, testing::audit_time(o)), {});
    }
  }
}

}  // namespace
}  // namespace carewatch::generator

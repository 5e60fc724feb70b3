// The generator's ground truth checked against the real serious_events checkers: the plugin's logic
// run through the SDK's checker harness, exactly as the engine would run it, over generated data
// audited eight days after the period (every deadline of an event inside the period has passed).
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <tuple>

#include <carewatch/sdk/calendar.hpp>
#include <carewatch/sdk/testing/harness.hpp>

#include "generated_data.hpp"
#include "serious_events.hpp"

namespace carewatch::generator {
namespace {

// What a finding and a manifest line must agree on.
struct Key {
  std::string rule, record, stage, home, child;
  friend auto operator<=>(const Key&, const Key&) = default;
};

std::string describe(const Key& k) {
  return k.rule + " " + k.record + (k.stage.empty() ? "" : "#" + k.stage) + " home " + k.home + " child " +
         (k.child.empty() ? "-" : k.child);
}

sdk::TimePoint audit_time(const Options& o) {
  return sdk::Calendar::start_of_day(sdk::Date{std::chrono::sys_days{o.end_date()} + std::chrono::days{8}});
}

// Runs every serious_events checker over the data as of eight days after the period. Each harness is
// given the lines of the kinds its checker reads plus its scope's reference kinds, which is what the
// engine loads for it (and keeps the test quick). The plugin names the stage of a cp_enquiry duty in
// its trigger ("CPE-1#outcome", see its README); the start duty's trigger is the bare id.
std::set<Key> findings(const testing::GeneratedData& data, const Options& o) {
  const auto records = data.records();
  std::set<Key> out;
  for (auto& checker : plugins::serious_events::SeriousEventsPlugin().make_checkers()) {
    std::set<std::string, std::less<>> wanted;
    for (const auto& k : checker->kinds()) wanted.insert(k);
    for (const auto k : sdk::reference_kinds(checker->scope())) wanted.emplace(k);
    std::string ndjson;
    for (std::size_t i = 0; i < records.size(); ++i) {
      if (!wanted.count(records[i].kind())) continue;
      ndjson += data.lines[i];
      ndjson += '\n';
    }
    sdk::testing::Harness harness(std::move(checker));
    harness.add(ndjson);
    for (const auto& f : harness.run(audit_time(o)).findings) {
      EXPECT_FALSE(f.evidence.empty()) << f.rule;
      if (f.evidence.empty()) continue;
      const std::string& trigger = f.evidence.front();
      const auto hash = trigger.find('#');
      Key k{f.rule, trigger.substr(0, hash), "", f.home, f.child};
      if (f.rule == "CHR-40-CP-ENQUIRY")
        k.stage = hash == std::string::npos ? "initial" : trigger.substr(hash + 1);
      EXPECT_TRUE(out.insert(k).second) << "duplicate finding " << describe(k);
    }
  }
  return out;
}

std::set<Key> manifest(const testing::GeneratedData& data) {
  std::set<Key> out;
  for (const auto& b : data.breaches) out.insert(Key{b.rule, b.evidence, b.stage, b.home, b.child});
  EXPECT_EQ(out.size(), data.breaches.size()) << "two breaches on one event";
  return out;
}

// Reports the two sets' differences one per line, so a disagreement names each record.
void expect_same(const std::set<Key>& found, const std::set<Key>& planted) {
  for (const auto& k : found) EXPECT_TRUE(planted.count(k)) << "finding not in the manifest: " << describe(k);
  for (const auto& k : planted) EXPECT_TRUE(found.count(k)) << "planted breach not found: " << describe(k);
}

Options options(double rate) {
  Options o = testing::small_options(42, 300, 4);
  o.breach_rate = rate;
  return o;
}

// Compliant data (breach_rate 0) raises no serious_events finding at all.
TEST(SeriousEventsGroundTruthTest, CompliantDataRaisesNoFinding) {
  const auto o = options(0.0);
  const auto data = testing::generate(o);
  ASSERT_TRUE(data.breaches.empty());
  expect_same(findings(data, o), {});
}

// With half the eligible events breached, the findings are exactly the manifest: same rule, same
// triggering record (and stage), same home and child.
TEST(SeriousEventsGroundTruthTest, FindingsEqualTheManifest) {
  const auto o = options(0.5);
  const auto data = testing::generate(o);
  ASSERT_FALSE(data.breaches.empty());
  expect_same(findings(data, o), manifest(data));
}

// With every eligible event breached (so every plantable rule occurs), the findings are still exactly
// the manifest.
TEST(SeriousEventsGroundTruthTest, FindingsEqualTheManifestWhenEveryEventIsBreached) {
  const auto o = options(1.0);
  const auto data = testing::generate(o);
  std::set<std::string> rules;
  for (const auto& b : data.breaches) rules.insert(b.rule);
  EXPECT_EQ(rules.size(), 8u);
  expect_same(findings(data, o), manifest(data));
}

}  // namespace
}  // namespace carewatch::generator

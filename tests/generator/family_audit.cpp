#include "family_audit.hpp"

#include <gtest/gtest.h>

#include <carewatch/sdk/calendar.hpp>
#include <carewatch/sdk/testing/harness.hpp>

namespace carewatch::generator::testing {

std::string describe(const FindingKey& k) {
  return k.rule + " " + k.record + (k.stage.empty() ? "" : "#" + k.stage) + " home " + k.home + " child " +
         (k.child.empty() ? "-" : k.child);
}

sdk::TimePoint audit_time(const Options& o) {
  return sdk::Calendar::start_of_day(sdk::Date{std::chrono::sys_days{o.end_date()} + std::chrono::days{8}});
}

std::set<FindingKey> plugin_findings(const sdk::Plugin& plugin, const GeneratedData& data, sdk::TimePoint as_of) {
  const auto records = data.records();
  std::set<FindingKey> out;
  for (auto& checker : plugin.make_checkers()) {
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
    for (const auto& f : harness.run(as_of).findings) {
      EXPECT_FALSE(f.evidence.empty()) << f.rule;
      if (f.evidence.empty()) continue;
      const std::string& trigger = f.evidence.front();
      const auto hash = trigger.find('#');
      FindingKey k{f.rule, trigger.substr(0, hash), hash == std::string::npos ? "" : trigger.substr(hash + 1),
                   f.home, f.child};
      EXPECT_TRUE(out.insert(k).second) << "duplicate finding " << describe(k);
    }
  }
  return out;
}

std::set<FindingKey> manifest_keys(const GeneratedData& data, std::string_view family) {
  std::set<FindingKey> out;
  std::size_t count = 0;
  for (const auto& b : data.breaches) {
    if (b.family != family) continue;
    ++count;
    out.insert(FindingKey{b.rule, b.evidence, b.stage, b.home, b.child});
  }
  EXPECT_EQ(out.size(), count) << "two breaches of one rule on one record";
  return out;
}

void expect_same(const std::set<FindingKey>& found, const std::set<FindingKey>& planted) {
  for (const auto& k : found) EXPECT_TRUE(planted.count(k)) << "finding not in the manifest: " << describe(k);
  for (const auto& k : planted) EXPECT_TRUE(found.count(k)) << "planted breach not found: " << describe(k);
}

Options family_options(std::string_view family, std::uint64_t seed, int days, int homes, int children,
                       double rate) {
  Options o = small_options(seed, days, homes);
  o.children_per_home = children;
  o.staff_per_home = std::max(o.staff_per_home, minimum_staff(children));
  o.families = {std::string(family)};
  o.breach_rate = rate;
  return o;
}

}  // namespace carewatch::generator::testing

#include "family_ground_truth.hpp"

#include <gtest/gtest.h>

#include <chrono>

#include <carewatch/sdk/calendar.hpp>
#include <carewatch/sdk/testing/harness.hpp>
#include <carewatch/sdk/timeline.hpp>

namespace carewatch::generator::testing {

std::string describe(const TruthKey& k) {
  return k.rule + " " + k.record + (k.stage.empty() ? "" : "#" + k.stage) + " home " + k.home + " child " +
         (k.child.empty() ? "-" : k.child);
}

sdk::TimePoint audit_time(const Options& o) {
  return sdk::Calendar::start_of_day(sdk::Date{std::chrono::sys_days{o.end_date()} + std::chrono::days{8}});
}

std::set<TruthKey> findings(const GeneratedData& data, const Options& o,
                            std::vector<std::unique_ptr<sdk::Checker>> checkers) {
  // The generator writes canonical JSON, so a line's kind can be read without parsing it; the harness
  // parses and validates the lines it is given.
  std::vector<std::string_view> kinds;
  kinds.reserve(data.lines.size());
  for (const auto& line : data.lines) {
    static constexpr std::string_view kKey = "\"kind\":\"";
    const auto at = line.find(kKey);
    const auto from = at == std::string::npos ? line.size() : at + kKey.size();
    kinds.push_back(std::string_view(line).substr(from, line.find('"', from) - from));
  }
  std::set<TruthKey> out;
  for (auto& checker : checkers) {
    std::set<std::string, std::less<>> wanted;
    for (const auto& k : checker->kinds()) wanted.insert(k);
    for (const auto k : sdk::reference_kinds(checker->scope())) wanted.emplace(k);
    std::string ndjson;
    for (std::size_t i = 0; i < kinds.size(); ++i) {
      if (!wanted.count(kinds[i])) continue;
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
      TruthKey k{f.rule, trigger.substr(0, hash), hash == std::string::npos ? "" : trigger.substr(hash + 1),
                 f.home, f.child};
      EXPECT_TRUE(out.insert(k).second) << "duplicate finding " << describe(k);
    }
  }
  return out;
}

std::set<TruthKey> manifest(const GeneratedData& data, std::string_view family) {
  std::set<TruthKey> out;
  std::size_t count = 0;
  for (const auto& b : data.breaches) {
    if (b.family != family) continue;
    ++count;
    out.insert(TruthKey{b.rule, b.evidence, b.stage, b.home, b.child});
  }
  EXPECT_EQ(out.size(), count) << "two breaches on one event";
  return out;
}

void expect_same(const std::set<TruthKey>& found, const std::set<TruthKey>& planted) {
  for (const auto& k : found) EXPECT_TRUE(planted.count(k)) << "finding not in the manifest: " << describe(k);
  for (const auto& k : planted) EXPECT_TRUE(found.count(k)) << "planted breach not found: " << describe(k);
}

namespace {

std::string id_of(const std::string& line) {
  static constexpr std::string_view kKey = "\"id\":\"";
  const auto at = line.find(kKey);
  if (at == std::string::npos) return {};
  const auto from = at + kKey.size();
  return line.substr(from, line.find('"', from) - from);
}

}  // namespace

std::set<std::string> changed_records(const GeneratedData& a, const GeneratedData& b) {
  const std::set<std::string> in_a(a.lines.begin(), a.lines.end());
  const std::set<std::string> in_b(b.lines.begin(), b.lines.end());
  std::set<std::string> out;
  for (const auto& l : a.lines)
    if (!in_b.count(l)) out.insert(id_of(l));
  for (const auto& l : b.lines)
    if (!in_a.count(l)) out.insert(id_of(l));
  return out;
}

void expect_planting_is_local(const Options& shape, std::string_view family, double rate,
                              const std::set<std::string>& extra_record_stages) {
  Options o = shape;
  o.families = {std::string(family)};
  o.breach_rate = 0.0;
  const auto compliant = generate(o);
  o.breach_rate = rate / 3;
  const auto low = generate(o);
  o.breach_rate = rate;
  const auto planted = generate(o);
  ASSERT_FALSE(planted.breaches.empty());
  std::set<std::string> evidence;
  std::size_t extra = 0;
  for (const auto& b : planted.breaches) {
    evidence.insert(b.evidence);
    if (extra_record_stages.count(b.stage)) ++extra;
  }
  std::size_t others = 0;
  for (const auto& id : changed_records(compliant, planted))
    if (!evidence.count(id)) ++others;
  EXPECT_LE(others, extra) << "records changed that are no breach's evidence";
  std::set<std::string> high;
  for (const auto& b : planted.breaches) high.insert(b.to_json());
  EXPECT_LT(low.breaches.size(), planted.breaches.size());
  for (const auto& b : low.breaches) EXPECT_TRUE(high.count(b.to_json())) << b.to_json();
}

std::vector<Options> ground_truth_shapes() {
  using std::chrono::day;
  using std::chrono::month;
  using std::chrono::year;
  std::vector<Options> shapes;
  shapes.push_back(small_options(42, 300, 3));  // ten months from the demo's start
  Options crowded = small_options(7, 120, 2);   // big homes, across the spring clock change
  crowded.start = sdk::Date{year{2025}, month{3}, day{1}};
  crowded.children_per_home = 9;
  crowded.staff_per_home = minimum_staff(9) + 2;
  shapes.push_back(crowded);
  Options winter = small_options(2024, 90, 3);  // from a month's last day, across Christmas and the autumn change
  winter.start = sdk::Date{year{2025}, month{10}, day{31}};
  winter.children_per_home = 5;
  shapes.push_back(winter);
  return shapes;
}

}  // namespace carewatch::generator::testing

#include "generator/generator.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <sstream>

#include <carewatch/sdk/calendar.hpp>
#include <carewatch/sdk/timeline.hpp>

#include "generated_data.hpp"
#include "generator/vocabulary.hpp"
#include "serious_events_oracle.hpp"

namespace carewatch::generator {
namespace {

using testing::generate;
using testing::GeneratedData;
using testing::small_options;

// A ten-month, four-home data set, compliant and with breaches planted; generated once per process.
Options year_options(double rate) {
  Options o = small_options(42, 300, 4);
  o.breach_rate = rate;
  return o;
}
struct YearData : GeneratedData {
  explicit YearData(GeneratedData d) : GeneratedData(std::move(d)), parsed(GeneratedData::records()) {}
  const std::vector<sdk::Record>& records() const { return parsed; }
  std::vector<sdk::Record> parsed;
};
const YearData& compliant_year() {
  static const YearData data(generate(year_options(0.0)));
  return data;
}
const YearData& planted_year() {
  static const YearData data(generate(year_options(0.5)));
  return data;
}

// An id as the generator writes them: upper-case letters and digits in dash-separated parts, starting
// with a letter ("S-H1-07", "LA03", "OF-NOT-H1-00012"). (std::regex is avoided: GCC 12 warns inside it
// under the sanitizer build.)
bool is_id(std::string_view s) {
  if (s.empty() || s.front() < 'A' || s.front() > 'Z' || s.back() == '-') return false;
  char previous = 0;
  for (const char c : s) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (c == '-' && previous != '-');
    if (!ok) return false;
    previous = c;
  }
  return true;
}

// A generated name: "Home 3", "Local Authority 04", "Provider 1".
bool is_name(std::string_view s) {
  for (std::string_view prefix : {"Home ", "Local Authority ", "Provider "}) {
    if (!s.starts_with(prefix) || s.size() == prefix.size()) continue;
    const auto digits = s.substr(prefix.size());
    return std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
  }
  return false;
}

sdk::TimePoint audit_time(const Options& o) {
  return sdk::Calendar::start_of_day(sdk::Date{std::chrono::sys_days{o.end_date()} + std::chrono::days{8}});
}

// Every line parses and validates against the schema, for several seeds and shapes of data set.
TEST(GeneratorTest, EveryLineValidatesAgainstTheSchema) {
  std::vector<Options> cases{small_options(1), small_options(2, 10, 1), small_options(99, 120, 3)};
  Options tiny = small_options(7, 1, 1);
  tiny.children_per_home = 1;
  tiny.staff_per_home = minimum_staff(1);
  cases.push_back(tiny);
  Options crowded = small_options(8, 30, 2);
  crowded.children_per_home = 12;
  crowded.staff_per_home = 30;
  crowded.breach_rate = 1.0;
  cases.push_back(crowded);
  for (const auto& o : cases) {
    const auto data = generate(o);
    SCOPED_TRACE("seed " + std::to_string(o.seed));
    ASSERT_FALSE(data.lines.empty());
    std::vector<sdk::Record> records;
    ASSERT_NO_THROW(records = data.records());
    EXPECT_EQ(records.size(), data.lines.size());
  }
}

// The same options give the same bytes; another seed gives other data.
TEST(GeneratorTest, OutputIsDeterministicPerSeed) {
  Options o = small_options(5, 30, 2);
  o.breach_rate = 0.5;
  const auto a = generate(o), b = generate(o);
  EXPECT_EQ(a.text(), b.text());
  EXPECT_EQ(a.manifest, b.manifest);
  o.seed = 6;
  EXPECT_NE(generate(o).text(), a.text());
}

// The stream overload writes exactly the lines the callback overload produces, and the manifest.
TEST(GeneratorTest, StreamOutputMatchesCallbackOutput) {
  Options o = small_options(5, 30, 2);
  o.breach_rate = 1.0;
  std::ostringstream records, manifest;
  const Summary s = Generator(o).run(records, &manifest);
  const auto data = generate(o);
  EXPECT_EQ(records.str(), data.text());
  EXPECT_EQ(manifest.str(), data.manifest);
  EXPECT_EQ(s.records, data.lines.size());
  EXPECT_EQ(s.breaches, data.breaches.size());
}

// With breach_rate 0 nothing is planted.
TEST(GeneratorTest, ZeroBreachRateGivesAnEmptyManifest) {
  EXPECT_TRUE(compliant_year().breaches.empty());
  EXPECT_TRUE(compliant_year().manifest.empty());
}

// With breach_rate > 0 the manifest is non-empty, each line is well-formed JSON and names a record
// that exists in the output, in the home it says.
TEST(GeneratorTest, ManifestEvidenceExistsInTheOutput) {
  const auto& data = planted_year();
  ASSERT_FALSE(data.breaches.empty());
  std::map<std::string, std::string> home_of;
  for (const auto& r : data.records()) home_of[r.id()] = r.home();
  std::istringstream manifest(data.manifest);
  std::string line;
  std::size_t n = 0;
  while (std::getline(manifest, line)) {
    auto parsed = sdk::parse_json(line);
    ASSERT_TRUE(std::holds_alternative<sdk::Value>(parsed)) << line;
    const auto& v = std::get<sdk::Value>(parsed);
    ASSERT_TRUE(v.find("rule") && v.find("evidence") && v.find("home") && v.find("child")) << line;
    const auto& evidence = v.find("evidence")->as_string();
    ASSERT_TRUE(home_of.count(evidence)) << evidence;
    EXPECT_EQ(home_of[evidence], v.find("home")->as_string());
    ++n;
  }
  EXPECT_EQ(n, data.breaches.size());
}

// Lines come out in recorded_at order, as a source system's feed would.
TEST(GeneratorTest, RecordsAreWrittenInRecordedAtOrder) {
  const auto& records = compliant_year().records();
  for (std::size_t i = 1; i < records.size(); ++i)
    ASSERT_LE(records[i - 1].recorded_at(), records[i].recorded_at()) << "line " << i + 1;
}

// No record is written before the event it describes, nor carries any time later than its writing:
// an audit as of any moment sees only what could have been known then.
TEST(GeneratorTest, NoTimestampFollowsTheRecordedAt) {
  for (const auto* data : {&compliant_year(), &planted_year()}) {
    for (const auto& r : data->records()) {
      ASSERT_LE(r.when(), r.recorded_at()) << r.kind() << " " << r.id();
      const auto* kind = sdk::schema::find_kind(r.kind());
      for (const auto& f : kind->fields) {
        if (f.type == sdk::schema::Type::timestamp) {
          if (auto t = r.ts(f.name)) {
            ASSERT_LE(*t, r.recorded_at()) << r.kind() << " " << r.id() << " " << f.name;
          }
        }
        if (f.type != sdk::schema::Type::object_list) continue;
        for (const auto* o : r.objects(f.name)) {
          for (const auto& [k, v] : o->as_object()) {
            if (k.ends_with("_at")) {
              ASSERT_LE(*sdk::parse_timestamp(v.as_string()), r.recorded_at()) << r.id();
            }
          }
        }
      }
    }
  }
}

// Nothing is written before the homes joined the source system (the start of the month before the
// period's); the reference data and the history before it are written at that moment.
TEST(GeneratorTest, NothingIsRecordedBeforeOnboarding) {
  const auto onboarded = year_options(0.0).onboarded_at();
  EXPECT_EQ(sdk::format_timestamp(onboarded), "2024-12-01T00:00:00Z");
  std::size_t at_onboarding = 0;
  for (const auto& r : compliant_year().records()) {
    ASSERT_GE(r.recorded_at(), onboarded) << r.kind() << " " << r.id();
    if (r.kind() == "authority" || r.kind() == "home") {
      EXPECT_EQ(r.recorded_at(), onboarded) << r.id();
    }
    if (r.recorded_at() == onboarded) ++at_onboarding;
  }
  EXPECT_GT(at_onboarding, 100u);
}

// Every visit request is answered by a visit that names it, by the role asked for, within days
// (unless the child moves on first).
TEST(GeneratorTest, EveryVisitRequestIsAnswered) {
  struct Request {
    std::string child, role;
    sdk::TimePoint at;
  };
  std::map<std::string, Request> requests, answers;  // by request id
  std::set<std::string> left;
  for (const auto& r : compliant_year().records()) {
    if (r.kind() == "visit_request")
      requests[r.id()] = {std::string(*r.str("child")), std::string(*r.str("requested_to")),
                          *r.ts("requested_at")};
    if (r.kind() == "visit" && r.has("request"))
      answers[std::string(*r.str("request"))] = {std::string(*r.str("child")),
                                                 std::string(*r.str("visitor_role")), *r.ts("visited_at")};
    if (r.kind() == "child" && r.has("left_at")) left.insert(r.id());
  }
  ASSERT_GT(requests.size(), 5u);
  for (const auto& [id, request] : requests) {
    const auto it = answers.find(id);
    if (it == answers.end()) {
      EXPECT_TRUE(left.count(request.child)) << "visit request " << id << " never answered";
      continue;
    }
    EXPECT_EQ(it->second.child, request.child) << id;
    EXPECT_EQ(it->second.role, request.role) << id;
    EXPECT_LE(it->second.at - request.at, std::chrono::days{9}) << id;
  }
}

// (kind, id) identifies one record whose revisions appear once each, numbered 1, 2, ... in order.
TEST(GeneratorTest, IdsAreUniquePerKindWithOrderedRevisions) {
  std::map<std::pair<std::string, std::string>, std::int64_t> last;
  std::set<std::string> ids;
  for (const auto& r : planted_year().records()) {
    auto& seen = last[{r.kind(), r.id()}];
    ASSERT_EQ(r.revision(), seen + 1) << r.kind() << " " << r.id();
    seen = r.revision();
    ids.insert(r.id());
  }
  // Ids are unique across kinds too, so a bare id (notification.about) is unambiguous.
  EXPECT_EQ(ids.size(), last.size());
}

// Free-text fields hold only template text; every other string is an id or a generated name.
TEST(GeneratorTest, FreeTextComesOnlyFromTheVocabulary) {
  const auto vocab = vocabulary::all();
  const std::set<std::string_view> allowed(vocab.begin(), vocab.end());
  const std::set<std::string_view> id_fields{"home",
                                             "child",
                                             "staff",
                                             "author",
                                             "used_by",
                                             "reviewed_by",
                                             "child_spoken_to_by",
                                             "against_staff",
                                             "about",
                                             "linked_record",
                                             "handled_by",
                                             "supervisor",
                                             "chaired_by",
                                             "visitor",
                                             "request",
                                             "registered_manager",
                                             "responsible_individual",
                                             "host_authority",
                                             "placing_authority",
                                             "advocate",
                                             "social_worker",
                                             "iro",
                                             "seriousness_decided_by",
                                             "administered_by",
                                             "applied_by",
                                             "reference",
                                             "urn",
                                             "staff_involved",
                                             "others_present",
                                             "about_staff"};
  std::size_t free_text = 0;
  for (const auto& r : planted_year().records()) {
    ASSERT_TRUE(is_id(r.id())) << r.id();
    if (auto by = r.recorded_by()) {
      ASSERT_TRUE(is_id(*by)) << r.id();
    }
    for (const auto& f : sdk::schema::find_kind(r.kind())->fields) {
      if (f.type != sdk::schema::Type::string && f.type != sdk::schema::Type::string_list) continue;
      std::vector<std::string_view> values = r.strings(f.name);
      if (auto s = r.str(f.name)) values.push_back(*s);
      for (auto v : values) {
        const std::string s(v);
        if (id_fields.count(f.name)) {
          ASSERT_TRUE(is_id(s)) << r.id() << " " << f.name;
        } else if (f.name == "name" || f.name == "provider") {
          ASSERT_TRUE(is_name(s)) << r.id() << " " << f.name;
        } else {
          ASSERT_TRUE(allowed.count(v)) << r.id() << " " << f.name << " is not template text";
          ++free_text;
        }
      }
    }
  }
  EXPECT_GT(free_text, 1000u);
}

// The world is varied the way the rules need: out-of-area placements, children who communicate
// non-verbally or in a limited way, agency staff, both shifts, and every kind of event.
TEST(GeneratorTest, WorldHasTheVarietyTheRulesNeed) {
  const auto& records = planted_year().records();
  std::map<std::string, std::string> host;
  std::set<std::string> kinds, communication, employment, categories;
  std::size_t out_of_area = 0, children = 0, night_shifts = 0, staff_allegations = 0, limbs = 0;
  for (const auto& r : records) {
    kinds.insert(r.kind());
    if (r.kind() == "home") host[r.id()] = *r.str("host_authority");
    if (r.kind() == "child" && r.revision() == 1) {
      ++children;
      communication.emplace(*r.str("communication"));
      if (*r.str("placing_authority") != host.at(r.home())) ++out_of_area;
    }
    if (r.kind() == "staff") employment.emplace(*r.str("employment"));
    if (r.kind() == "shift" &&
        sdk::Calendar::to_local(*r.ts("start")).time_since_epoch() % std::chrono::days{1} ==
            std::chrono::hours{20})
      ++night_shifts;
    if (r.kind() == "incident")
      for (auto c : r.strings("categories")) categories.emplace(c);
    if (r.kind() == "allegation" && r.has("against_staff")) {
      ++staff_allegations;
      if (!r.strings("limbs").empty()) ++limbs;
    }
  }
  for (const char* k : {"authority",    "home",        "staff",           "child",       "care_plan",
                        "shift",        "daily_log",   "incident",        "injury",      "restraint",
                        "measure",      "medication",  "missing_episode", "allegation",  "cp_enquiry",
                        "notification", "complaint",   "concern",         "visit",       "visit_request",
                        "review",       "reg44_visit", "reg45_review",    "supervision", "appraisal"})
    EXPECT_TRUE(kinds.count(k)) << k;
  EXPECT_GT(out_of_area, 0u);
  EXPECT_LT(out_of_area, children);
  EXPECT_TRUE(communication.count("non_verbal") && communication.count("limited") &&
              communication.count("verbal"));
  EXPECT_TRUE(employment.count("agency") && employment.count("permanent"));
  EXPECT_GT(night_shifts, 0u);
  EXPECT_GT(staff_allegations, 0u);
  EXPECT_EQ(limbs, staff_allegations);
  for (const char* c : {"police", "missing", "serious_injury", "assault", "self_harm", "sexual_exploitation"})
    EXPECT_TRUE(categories.count(c)) << c;
  EXPECT_FALSE(categories.count("death"));
}

// Every daily log is written by someone on an actual shift at the time it describes.
TEST(GeneratorTest, DailyLogAuthorsAreOnShift) {
  const auto& records = compliant_year().records();
  std::map<std::string, std::vector<std::pair<sdk::TimePoint, sdk::TimePoint>>> shifts;
  for (const auto& r : records)
    if (r.kind() == "shift") shifts[std::string(*r.str("staff"))].emplace_back(*r.ts("start"), *r.ts("end"));
  std::size_t logs = 0;
  for (const auto& r : records) {
    if (r.kind() != "daily_log") continue;
    ++logs;
    const auto t = *r.ts("occurred_at");
    const auto& mine = shifts[std::string(*r.str("author"))];
    ASSERT_TRUE(std::any_of(mine.begin(), mine.end(), [&](const auto& s) {
      return s.first <= t && t <= s.second;
    })) << r.id();
    ASSERT_EQ(r.str("author"), r.recorded_by()) << r.id();
  }
  EXPECT_GT(logs, 10000u);
}

// With breach_rate 0 the data breaks no serious_events rule when audited after the period.
TEST(GeneratorTest, CompliantDataBreaksNoSeriousEventsRule) {
  const auto& data = compliant_year();
  const auto& records = data.records();
  const auto current = sdk::select_as_of(records, audit_time(year_options(0.0)));
  EXPECT_THAT(testing::serious_events_violations(current, audit_time(year_options(0.0))),
              ::testing::IsEmpty());
}

// With breaches planted, an independent reading of the rules finds exactly the manifest: each planted
// breach trips its one rule and nothing else fires.
TEST(GeneratorTest, PlantedBreachesAreExactlyWhatTheRulesFind) {
  const auto& data = planted_year();
  const auto& records = data.records();
  const auto as_of = audit_time(year_options(0.5));
  const auto found = testing::serious_events_violations(sdk::select_as_of(records, as_of), as_of);
  std::set<testing::Violation> expected;
  std::set<std::string> rules;
  for (const auto& b : data.breaches) {
    expected.insert({b.rule, b.evidence, b.home, b.child});
    rules.insert(b.rule);
  }
  EXPECT_EQ(std::set<testing::Violation>(found.begin(), found.end()), expected);
  EXPECT_EQ(expected.size(), data.breaches.size()) << "one breach per event";
  EXPECT_GE(rules.size(), 5u);
}

// Every serious_events rule the planter knows how to breach alone is planted somewhere in a
// ten-month data set when every eligible event is breached.
TEST(GeneratorTest, EveryPlantableRuleIsPlanted) {
  std::set<std::string> rules;
  for (const auto& b : generate(year_options(1.0)).breaches) rules.insert(b.rule);
  EXPECT_EQ(rules, (std::set<std::string>{"CHR-40-DECISION", "CHR-40-SERIOUS", "CHR-40-POLICE", "CHR-40-CSE",
                                          "CHR-40-ALLEGATION", "CHR-34-REFERRAL", "WT-LADO-1WD",
                                          "CHR-40-CP-ENQUIRY"}));
}

// Planting changes nothing but the breached events: the planted data is the compliant data with some
// closing steps of exactly the manifest's events removed.
TEST(GeneratorTest, PlantingChangesOnlyTheBreachedEvents) {
  const auto& compliant = compliant_year().records();
  const auto& planted = planted_year().records();
  std::set<std::string> evidence;
  for (const auto& b : planted_year().breaches) evidence.insert(b.evidence);
  const std::set<std::string> before(compliant_year().lines.begin(), compliant_year().lines.end());
  const std::set<std::string> after(planted_year().lines.begin(), planted_year().lines.end());
  for (const auto& r : planted) {
    if (!before.count(r.body().to_json())) {
      EXPECT_TRUE(evidence.count(r.id())) << r.kind() << " " << r.id();
    }
  }
  for (const auto& r : compliant) {
    if (after.count(r.body().to_json())) continue;
    const std::string about(r.str("about").value_or(""));
    EXPECT_TRUE(evidence.count(r.id()) || evidence.count(about)) << r.kind() << " " << r.id();
  }
}

// Breaches planted at a lower rate are a subset of those at a higher rate with the same seed.
TEST(GeneratorTest, LowerRateBreachesAreASubsetOfHigherRate) {
  Options o = small_options(3, 120, 3);
  o.breach_rate = 0.2;
  const auto low = generate(o);
  o.breach_rate = 0.8;
  const auto high = generate(o);
  std::set<std::string> high_lines;
  for (const auto& b : high.breaches) high_lines.insert(b.to_json());
  ASSERT_LT(low.breaches.size(), high.breaches.size());
  for (const auto& b : low.breaches) EXPECT_TRUE(high_lines.count(b.to_json())) << b.to_json();
}

}  // namespace
}  // namespace carewatch::generator

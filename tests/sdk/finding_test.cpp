#include <carewatch/sdk/finding.hpp>

#include <gtest/gtest.h>

#include <set>
#include <string>

#include <carewatch/sdk/json.hpp>
#include <carewatch/sdk/testing/harness.hpp>

namespace carewatch::sdk {
namespace {

RuleInfo rule() {
  RuleInfo r;
  r.id = "CHR-35-RECORD-24H";
  r.title = "Daily record written within 24 hours";
  r.clause = "Children's Homes (England) Regulations 2015 reg 35(3)(a)";
  r.severity = Severity::high;
  r.roles = {"registered_manager", "responsible_individual"};
  return r;
}

Finding finding() {
  Finding f;
  f.rule = "CHR-35-RECORD-24H";
  f.home = "H1";
  f.child = "C1";
  f.evidence = {"D1", "D0"};
  f.due_at = testing::at("2025-03-02T20:00:00Z");
  f.summary = "Daily log D1 was recorded more than 24 hours after the event.";
  return f;
}

// Fingerprints are FNV-1a 64 over the fields: these values were computed independently and must
// never change, or every open escalation would be resolved and reopened after an upgrade.
TEST(FindingTest, FingerprintGoldenValues) {
  EXPECT_EQ(fingerprint("CHR-35-RECORD-24H", "H1", "C1", "", "D1"), "1041670030b44e57");
  EXPECT_EQ(fingerprint("WT-LADO-1WD", "H1", "", "S1", "A1"), "d5e1b96b76d2692a");
  EXPECT_EQ(fingerprint("", "", "", "", ""), "a773606ee9deb64a");
  EXPECT_EQ(fingerprint("R", "H1", "C1", "", "caf\xc3\xa9"), "1f149815e53b5e97");
}

// Moving text between adjacent fields changes the fingerprint: the separator keeps fields apart.
TEST(FindingTest, FingerprintSeparatesFields) {
  const std::string base = fingerprint("R", "H1", "C1", "", "D1");
  EXPECT_NE(fingerprint("R", "H1C", "1", "", "D1"), base);
  EXPECT_NE(fingerprint("R", "H1", "", "C1", "D1"), base);
  EXPECT_NE(fingerprint("R", "H1", "C1", "", "D2"), base);
  EXPECT_NE(fingerprint("R2", "H1", "C1", "", "D1"), base);
  EXPECT_EQ(fingerprint("R", "H1", "C1", "", "D1"), base);
  EXPECT_EQ(base.size(), 16u);
}

// complete() fills severity (unless the checker chose one), regulation, roles and the fingerprint of
// the triggering (first) evidence record.
TEST(FindingTest, CompleteFillsFromRuleMetadata) {
  Finding f = finding();
  complete(f, rule());
  EXPECT_EQ(f.severity, Severity::high);
  EXPECT_EQ(f.regulation, rule().clause);
  EXPECT_EQ(f.escalate_to, rule().roles);
  EXPECT_EQ(f.fingerprint, "1041670030b44e57");

  Finding chosen = finding();
  chosen.severity = Severity::critical;
  complete(chosen, rule());
  EXPECT_EQ(chosen.severity, Severity::critical);
  EXPECT_EQ(chosen.fingerprint, f.fingerprint);

  Finding later = finding();
  later.evidence = {"D1", "D5", "D6"};
  later.summary = "different words";
  later.due_at.reset();
  complete(later, rule());
  EXPECT_EQ(later.fingerprint, f.fingerprint);  // same rule, subject and trigger

  Finding no_evidence = finding();
  no_evidence.evidence.clear();
  complete(no_evidence, rule());
  EXPECT_EQ(no_evidence.fingerprint, fingerprint("CHR-35-RECORD-24H", "H1", "C1", "", ""));
}

// The JSON form has exactly the RECORDS.md finding fields, with null where a subject or deadline
// does not apply.
TEST(FindingTest, ToJsonHasEveryRecordsField) {
  Finding f = finding();
  complete(f, rule());
  auto parsed = parse_json(to_json(f));
  ASSERT_TRUE(std::holds_alternative<Value>(parsed));
  const Value& v = std::get<Value>(parsed);
  std::set<std::string> fields;
  for (const auto& [key, value] : v.as_object()) fields.insert(key);
  EXPECT_EQ(fields, (std::set<std::string>{"rule", "severity", "regulation", "home", "child", "staff",
                                           "evidence", "due_at", "summary", "escalate_to", "fingerprint"}));
  EXPECT_EQ(v.find("rule")->as_string(), "CHR-35-RECORD-24H");
  EXPECT_EQ(v.find("severity")->as_string(), "high");
  EXPECT_EQ(v.find("regulation")->as_string(), rule().clause);
  EXPECT_EQ(v.find("home")->as_string(), "H1");
  EXPECT_EQ(v.find("child")->as_string(), "C1");
  EXPECT_TRUE(v.find("staff")->is_null());
  EXPECT_EQ(v.find("evidence")->to_json(), R"(["D1","D0"])");
  EXPECT_EQ(v.find("due_at")->as_string(), "2025-03-02T20:00:00Z");
  EXPECT_EQ(v.find("escalate_to")->to_json(), R"(["registered_manager","responsible_individual"])");
  EXPECT_EQ(v.find("fingerprint")->as_string(), "1041670030b44e57");

  Finding pattern = finding();
  pattern.due_at.reset();
  pattern.child.clear();
  const Value pv = to_value(pattern);
  EXPECT_TRUE(pv.find("due_at")->is_null());
  EXPECT_TRUE(pv.find("child")->is_null());
  EXPECT_TRUE(pv.find("severity")->is_null());  // not completed yet
}

// Severities convert to and from their RECORDS.md names and order from low to critical.
TEST(FindingTest, SeverityNames) {
  for (const Severity s : {Severity::low, Severity::medium, Severity::high, Severity::critical})
    EXPECT_EQ(parse_severity(to_string(s)), s);
  EXPECT_FALSE(parse_severity("urgent"));
  EXPECT_FALSE(parse_severity("High"));
  EXPECT_LT(Severity::low, Severity::critical);
}

}  // namespace
}  // namespace carewatch::sdk

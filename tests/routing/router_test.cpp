#include "routing/router.hpp"

#include <gtest/gtest.h>

#include "routing/authorities.hpp"
#include "routing_fixture.hpp"

namespace carewatch::routing {
namespace {

using testing::at;
using testing::parse;

constexpr std::string_view kConfig = R"(
[contacts.default]
registered_manager = { email = "rm.default@example.org" }
responsible_individual = { email = "ri@example.org" }
lado = { email = "lado.default@example.org" }

[contacts.home.H1]
registered_manager = { email = "rm.h1@example.org", webhook = "http://127.0.0.1:9000/h1" }

[contacts.authority.LA01]
placing_authority = { email = "pa@la01.example.org" }
host_authority = { email = "host@la01.example.org" }
lado = { email = "lado@la01.example.org" }

[contacts.authority.LA02]
placing_authority = { email = "pa@la02.example.org" }

[[routes]]
name = "lado"
rules = ["WT-LADO-1WD"]
[[routes.levels]]
roles = ["registered_manager"]
timeout = "1h"
[[routes.levels]]
roles = ["lado", "responsible_individual"]

[[routes]]
name = "missing-critical"
families = ["missing"]
min_severity = "critical"
[[routes.levels]]
roles = ["placing_authority"]

[[routes]]
name = "h2-only"
homes = ["H2"]
[[routes.levels]]
roles = ["escalate_to", "independent_person"]
)";

Target target(std::string rule, std::string family, sdk::Severity severity, std::string home = "H1",
              std::string child = "C1") {
  Target t;
  t.rule = std::move(rule);
  t.family = std::move(family);
  t.severity = severity;
  t.home = std::move(home);
  t.child = std::move(child);
  t.escalate_to = {"registered_manager", "responsible_individual"};
  return t;
}

class RouterTest : public ::testing::Test {
 protected:
  config::Config cfg_ = parse(kConfig);
  Router router_{cfg_.contacts, cfg_.routing};
};

// A route listing the rule matches it whatever its family.
TEST_F(RouterTest, MatchesByRule) {
  EXPECT_EQ(router_.route_for(target("WT-LADO-1WD", "serious_events", sdk::Severity::critical)).name, "lado");
}

// A route listing a family matches its rules only at or above the minimum severity.
TEST_F(RouterTest, MatchesByFamilyAndMinimumSeverity) {
  EXPECT_EQ(router_.route_for(target("MISS-REPORT", "missing", sdk::Severity::critical)).name,
            "missing-critical");
  EXPECT_EQ(router_.route_for(target("MISS-REPORT", "missing", sdk::Severity::high)).name, "default");
}

// A route limited to homes matches only those; anything unmatched follows the default route.
TEST_F(RouterTest, MatchesByHomeElseDefault) {
  EXPECT_EQ(router_.route_for(target("CHR-33-APPRAISAL", "workforce", sdk::Severity::low, "H2")).name,
            "h2-only");
  EXPECT_EQ(router_.route_for(target("CHR-33-APPRAISAL", "workforce", sdk::Severity::low, "H1")).name,
            "default");
}

// The first matching route wins, in file order.
TEST_F(RouterTest, FirstMatchWins) {
  EXPECT_EQ(router_.route_for(target("WT-LADO-1WD", "serious_events", sdk::Severity::low, "H2")).name,
            "lado");
}

// The default route tells the finding's own roles; a home's own contact wins over the default one, and a
// contact with both an email and a webhook gives two recipients.
TEST_F(RouterTest, DefaultRouteTellsEscalateToRolesPerHome) {
  const Target t = target("CHR-33-APPRAISAL", "workforce", sdk::Severity::low);
  const auto lr = router_.recipients(router_.route_for(t), 0, t, {});
  EXPECT_EQ(lr.roles, (std::vector<std::string>{"registered_manager", "responsible_individual"}));
  ASSERT_EQ(lr.recipients.size(), 3u);
  EXPECT_EQ(lr.recipients[0].address, "rm.h1@example.org");
  EXPECT_EQ(lr.recipients[0].source, "contacts.home.H1");
  EXPECT_EQ(lr.recipients[1].channel, outbox::Channel::webhook);
  EXPECT_EQ(lr.recipients[1].address, "http://127.0.0.1:9000/h1");
  EXPECT_EQ(lr.recipients[2].address, "ri@example.org");
  EXPECT_EQ(lr.recipients[2].source, "contacts.default");

  const Target other = target("CHR-33-APPRAISAL", "workforce", sdk::Severity::low, "H3");
  const auto lr3 = router_.recipients(router_.route_for(other), 0, other, {});
  EXPECT_EQ(lr3.recipients[0].address, "rm.default@example.org");
}

// The placing authority is the child's: two children of one home reach two authorities; the LADO is the
// home's host authority's.
TEST_F(RouterTest, AuthorityRolesFollowChildAndHome) {
  testing::TempDir dir;
  store::Database db(dir.path() / "carewatch.db");
  testing::put_records(
      db,
      {R"({"kind":"home","id":"H1","recorded_at":"2025-01-01T00:00:00Z","host_authority":"LA01"})",
       R"({"kind":"child","id":"C1","home":"H1","recorded_at":"2025-01-01T00:00:00Z","date_of_birth":"2012-01-01","placing_authority":"LA01","admitted_at":"2025-01-01T00:00:00Z","communication":"verbal"})",
       R"({"kind":"child","id":"C2","home":"H1","recorded_at":"2025-01-01T00:00:00Z","date_of_birth":"2012-01-01","placing_authority":"LA02","admitted_at":"2025-01-01T00:00:00Z","communication":"verbal"})"});
  const auto now = at("2025-03-01T00:00:00Z");
  const Target c1 = target("MISS-REPORT", "missing", sdk::Severity::critical, "H1", "C1");
  const Target c2 = target("MISS-REPORT", "missing", sdk::Severity::critical, "H1", "C2");
  const auto a1 = lookup_authorities(db, "H1", "C1", now);
  const auto a2 = lookup_authorities(db, "H1", "C2", now);
  EXPECT_EQ(a1.placing, "LA01");
  EXPECT_EQ(a2.placing, "LA02");
  EXPECT_EQ(a2.host, "LA01");
  EXPECT_EQ(router_.recipients(router_.route_for(c1), 0, c1, a1).recipients.at(0).address,
            "pa@la01.example.org");
  EXPECT_EQ(router_.recipients(router_.route_for(c2), 0, c2, a2).recipients.at(0).address,
            "pa@la02.example.org");

  const Target lado = target("WT-LADO-1WD", "serious_events", sdk::Severity::critical, "H1", "C2");
  const auto lr = router_.recipients(router_.route_for(lado), 1, lado, a2);
  EXPECT_EQ(lr.recipients.at(0).address, "lado@la01.example.org");
  EXPECT_EQ(lr.recipients.at(0).source, "contacts.authority.LA01");
  // Before the child record was written, the child's authority is unknown: the default contact is used.
  EXPECT_TRUE(lookup_authorities(db, "H1", "C1", at("2024-12-31T00:00:00Z")).placing.empty());
}

// A role nobody holds is told through the daemon's log rather than dropped.
TEST_F(RouterTest, RoleWithoutContactGoesToLog) {
  const Target t = target("CHR-33-APPRAISAL", "workforce", sdk::Severity::low, "H2");
  const auto lr = router_.recipients(router_.route_for(t), 0, t, {});
  EXPECT_EQ(lr.unreached, std::vector<std::string>{"independent_person"});
  ASSERT_FALSE(lr.recipients.empty());
  EXPECT_EQ(lr.recipients.back().channel, outbox::Channel::log);
  EXPECT_EQ(lr.recipients.back().address, kLogRecipient);
}

// One contact holding two roles at one level is told once, as both.
TEST(RouterDedupTest, OneContactHoldingTwoRolesIsToldOnce) {
  const config::Config cfg = parse(R"(
[contacts.default]
registered_manager = { email = "same@example.org" }
responsible_individual = { email = "same@example.org" }
)");
  const Router router(cfg.contacts, cfg.routing);
  const Target t = target("X", "y", sdk::Severity::low);
  const auto lr = router.recipients(router.route_for(t), 0, t, {});
  ASSERT_EQ(lr.recipients.size(), 1u);
  EXPECT_EQ(lr.recipients[0].role, "registered_manager,responsible_individual");
}

}  // namespace
}  // namespace carewatch::routing

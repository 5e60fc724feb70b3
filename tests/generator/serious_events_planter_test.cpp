#include "generator/serious_events_planter.hpp"

#include <gtest/gtest.h>

#include <set>

namespace carewatch::generator {
namespace {

sdk::TimePoint at(const char* s) {
  return *sdk::parse_timestamp(s);
}

PlannedNotification notice(const char* recipient, const char* stage = "initial") {
  return PlannedNotification{std::string("N-") + recipient, recipient, stage, at("2025-01-01T12:00:00Z"),
                             at("2025-01-01T12:05:00Z"),    ""};
}

IncidentPlan incident(std::vector<std::string> categories, std::optional<std::string> seriousness,
                      bool police = false) {
  IncidentPlan p;
  p.id = "INC-1";
  p.home = "H1";
  p.child = ChildFacts{"C-1", "LA02", true};
  p.occurred_at = at("2025-01-01T10:00:00Z");
  p.categories = std::move(categories);
  p.police_involved = police;
  p.seriousness = std::move(seriousness);
  if (p.seriousness == "serious" || p.has_category("sexual_exploitation"))
    p.notifications = {notice("ofsted"), notice("placing_authority"), notice("host_authority")};
  return p;
}

// With rate 0 nothing is planted and the plan is left exactly as it was.
TEST(SeriousEventsPlanterTest, RateZeroPlantsNothing) {
  SeriousEventsPlanter planter;
  Rng rng(1);
  auto p = incident({"self_harm"}, "serious");
  EXPECT_FALSE(planter.plant(p, 0.0, rng));
  EXPECT_EQ(p.seriousness, "serious");
  EXPECT_EQ(p.notifications.size(), 3u);
}

// A sexual-exploitation incident loses only its Ofsted notification and is reported as CHR-40-CSE.
TEST(SeriousEventsPlanterTest, SexualExploitationLosesOnlyTheOfstedNotification) {
  SeriousEventsPlanter planter;
  Rng rng(1);
  auto p = incident({"sexual_exploitation"}, std::nullopt);
  const auto breach = planter.plant(p, 1.0, rng);
  ASSERT_TRUE(breach);
  EXPECT_EQ(breach->rule, "CHR-40-CSE");
  EXPECT_EQ(breach->evidence, "INC-1");
  EXPECT_EQ(breach->child, "C-1");
  ASSERT_EQ(p.notifications.size(), 2u);
  for (const auto& n : p.notifications) EXPECT_NE(n.recipient, "ofsted");
}

// A candidate incident decided not serious can only lose its decision (CHR-40-DECISION).
TEST(SeriousEventsPlanterTest, NotSeriousCandidateLosesItsDecision) {
  SeriousEventsPlanter planter;
  Rng rng(1);
  auto p = incident({"missing"}, "not_serious");
  const auto breach = planter.plant(p, 1.0, rng);
  ASSERT_TRUE(breach);
  EXPECT_EQ(breach->rule, "CHR-40-DECISION");
  EXPECT_FALSE(p.seriousness);
}

// A serious incident without police loses either its decision (and with it the notifications) or only
// its Ofsted notification, and the reported rule matches what was removed.
TEST(SeriousEventsPlanterTest, SeriousIncidentBreachMatchesTheEdit) {
  SeriousEventsPlanter planter;
  Rng rng(5);
  bool saw_decision = false, saw_serious = false;
  for (int i = 0; i < 40; ++i) {
    auto p = incident({"serious_injury"}, "serious");
    const auto breach = planter.plant(p, 1.0, rng);
    ASSERT_TRUE(breach);
    if (breach->rule == "CHR-40-DECISION") {
      saw_decision = true;
      EXPECT_FALSE(p.seriousness);
      EXPECT_TRUE(p.notifications.empty());
    } else {
      ASSERT_EQ(breach->rule, "CHR-40-SERIOUS");
      saw_serious = true;
      EXPECT_EQ(p.seriousness, "serious");
      EXPECT_EQ(p.notifications.size(), 2u);
    }
  }
  EXPECT_TRUE(saw_decision);
  EXPECT_TRUE(saw_serious);
}

// Incidents with the police category, and incidents outside the candidate categories without police
// involvement, are never planted on: no breach of them trips one rule alone.
TEST(SeriousEventsPlanterTest, PoliceCategoryAndNonCandidateIncidentsAreNotEligible) {
  SeriousEventsPlanter planter;
  Rng rng(1);
  auto police = incident({"police", "assault"}, "serious", true);
  EXPECT_FALSE(planter.plant(police, 1.0, rng));
  EXPECT_EQ(police.notifications.size(), 3u);
  auto distress = incident({"distress"}, std::nullopt);
  EXPECT_FALSE(planter.plant(distress, 1.0, rng));
}

// An incident with police involvement by flag only loses its decision and notifications
// (CHR-40-POLICE), which no other rule notices.
TEST(SeriousEventsPlanterTest, PoliceFlagOutsideCandidatesLosesItsDecision) {
  SeriousEventsPlanter planter;
  Rng rng(1);
  auto p = incident({"property_damage"}, "serious", true);
  const auto breach = planter.plant(p, 1.0, rng);
  ASSERT_TRUE(breach);
  EXPECT_EQ(breach->rule, "CHR-40-POLICE");
  EXPECT_FALSE(p.seriousness);
  EXPECT_TRUE(p.notifications.empty());
}

// An allegation against staff can lose its Ofsted notification, a referral or the LADO referral, and
// the reported rule names what was removed.
TEST(SeriousEventsPlanterTest, AllegationBreachMatchesTheEdit) {
  SeriousEventsPlanter planter;
  Rng rng(9);
  std::set<std::string> seen;
  for (int i = 0; i < 80; ++i) {
    AllegationPlan p;
    p.id = "ALG-1";
    p.home = "H1";
    p.child = ChildFacts{"C-1", "LA02", true};
    p.against_staff = "S-1";
    p.limbs = {"harmed"};
    p.received_at = at("2025-01-01T10:00:00Z");
    p.lado_referred_at = p.placing_authority_referred_at = p.host_authority_referred_at = p.received_at;
    p.notifications = {notice("ofsted"), notice("placing_authority"), notice("host_authority")};
    const auto breach = planter.plant(p, 1.0, rng);
    ASSERT_TRUE(breach);
    seen.insert(breach->rule + "/" + breach->what);
    EXPECT_EQ(!p.lado_referred_at, breach->rule == "WT-LADO-1WD");
    EXPECT_EQ(!p.placing_authority_referred_at, breach->what == "placing_authority_referred_at");
    EXPECT_EQ(!p.host_authority_referred_at, breach->what == "host_authority_referred_at");
    EXPECT_EQ(p.notifications.size(), breach->rule == "CHR-40-ALLEGATION" ? 2u : 3u);
  }
  EXPECT_EQ(seen.size(), 4u);
}

// A cp_enquiry loses all of one stage's notifications; the outcome stage is timed from the outcome.
TEST(SeriousEventsPlanterTest, CpEnquiryLosesOneStage) {
  SeriousEventsPlanter planter;
  Rng rng(2);
  bool saw_outcome = false;
  for (int i = 0; i < 40; ++i) {
    CpEnquiryPlan p;
    p.id = "CPE-1";
    p.home = "H1";
    p.started_at = at("2025-01-01T10:00:00Z");
    p.initial_notifications = {notice("ofsted"), notice("placing_authority")};
    p.outcome_at = at("2025-01-20T10:00:00Z");
    p.outcome_notifications = {notice("ofsted", "outcome"), notice("placing_authority", "outcome")};
    const auto breach = planter.plant(p, 1.0, rng);
    ASSERT_TRUE(breach);
    EXPECT_EQ(breach->rule, "CHR-40-CP-ENQUIRY");
    if (breach->what == "outcome notifications") {
      saw_outcome = true;
      EXPECT_TRUE(p.outcome_notifications.empty());
      EXPECT_EQ(p.initial_notifications.size(), 2u);
      EXPECT_EQ(breach->trigger_at, *p.outcome_at);
      EXPECT_EQ(breach->stage, "outcome");
      EXPECT_NE(breach->to_json().find("\"stage\":\"outcome\""), std::string::npos);
    } else {
      EXPECT_TRUE(p.initial_notifications.empty());
      EXPECT_EQ(breach->stage, "initial");
      EXPECT_EQ(p.outcome_notifications.size(), 2u);
    }
  }
  EXPECT_TRUE(saw_outcome);
}

}  // namespace
}  // namespace carewatch::generator

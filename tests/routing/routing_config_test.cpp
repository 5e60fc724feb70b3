#include <gtest/gtest.h>

#include <string>

#include "config/config.hpp"
#include "routing_fixture.hpp"

namespace carewatch::routing {
namespace {

using testing::parse;

// The first problem of a configuration that must fail, as "file:line: key: reason".
std::string error_of(std::string_view toml) {
  try {
    parse(toml);
  } catch (const config::ConfigError& e) {
    return e.what();
  }
  return "no error";
}

constexpr std::string_view kGood = R"(
[contacts.default]
responsible_individual = { email = "ri@example.org" }
lado = { email = "lado@example.org", webhook = "http://127.0.0.1:9000/lado" }

[contacts.home.H1]
registered_manager = { email = "rm.h1@example.org" }

[contacts.authority.LA01]
placing_authority = { webhook = "https://la01.example.org/hooks/carewatch" }

[routing]
act_url = "http://127.0.0.1:8787/v1/escalations"

[routing.default]
repeat_interval = "12h"
[[routing.default.levels]]
roles = ["escalate_to"]

[[routes]]
name = "safeguarding"
rules = ["WT-LADO-1WD"]
families = ["serious_events"]
min_severity = "high"
homes = ["H1", "H2"]
repeat_interval = "off"
[[routes.levels]]
roles = ["registered_manager"]
timeout = "4h"
[[routes.levels]]
roles = ["responsible_individual", "lado"]
timeout = "1h30m"
[[routes.levels]]
roles = ["placing_authority"]
)";

// Every key of the three sections reaches its struct.
TEST(RoutingConfigTest, ReadsContactsRoutesAndDefault) {
  const config::Config cfg = parse(kGood);
  EXPECT_EQ(cfg.contacts.defaults.at("responsible_individual").email, "ri@example.org");
  EXPECT_EQ(cfg.contacts.defaults.at("lado").webhook, "http://127.0.0.1:9000/lado");
  EXPECT_EQ(cfg.contacts.homes.at("H1").at("registered_manager").email, "rm.h1@example.org");
  EXPECT_EQ(cfg.contacts.authorities.at("LA01").at("placing_authority").webhook,
            "https://la01.example.org/hooks/carewatch");
  EXPECT_EQ(cfg.routing.act_url, "http://127.0.0.1:8787/v1/escalations");
  EXPECT_EQ(cfg.routing.default_route.name, "default");
  EXPECT_EQ(cfg.routing.default_route.repeat_interval, std::chrono::hours(12));
  ASSERT_EQ(cfg.routing.default_route.levels.size(), 1u);
  EXPECT_EQ(cfg.routing.default_route.levels[0].roles, std::vector<std::string>{"escalate_to"});
  ASSERT_EQ(cfg.routing.routes.size(), 1u);
  const config::Route& r = cfg.routing.routes[0];
  EXPECT_EQ(r.name, "safeguarding");
  EXPECT_EQ(r.rules, std::vector<std::string>{"WT-LADO-1WD"});
  EXPECT_EQ(r.families, std::vector<std::string>{"serious_events"});
  EXPECT_EQ(r.min_severity, sdk::Severity::high);
  EXPECT_EQ(r.homes, (std::vector<std::string>{"H1", "H2"}));
  EXPECT_EQ(r.repeat_interval, std::chrono::seconds(0));
  ASSERT_EQ(r.levels.size(), 3u);
  EXPECT_EQ(r.levels[0].timeout, std::chrono::hours(4));
  EXPECT_EQ(r.levels[1].timeout, std::chrono::minutes(90));
  EXPECT_EQ(r.levels[1].roles, (std::vector<std::string>{"responsible_individual", "lado"}));
  EXPECT_EQ(r.levels[2].timeout, std::chrono::seconds(0));
}

// With no routing configured, the built-in default route tells the finding's own roles, daily.
TEST(RoutingConfigTest, DefaultRouteIsBuiltIn) {
  const config::Config cfg = parse("");
  EXPECT_TRUE(cfg.routing.routes.empty());
  ASSERT_EQ(cfg.routing.default_route.levels.size(), 1u);
  EXPECT_EQ(cfg.routing.default_route.levels[0].roles, std::vector<std::string>{"escalate_to"});
  EXPECT_EQ(cfg.routing.default_route.repeat_interval, std::chrono::hours(24));
  EXPECT_TRUE(cfg.routing.act_url.empty());
}

// Durations accept s, m, h and d, combined; nothing else.
TEST(RoutingConfigTest, ParsesDurations) {
  EXPECT_EQ(config::parse_duration("90s"), std::chrono::seconds(90));
  EXPECT_EQ(config::parse_duration("1h30m"), std::chrono::seconds(5400));
  EXPECT_EQ(config::parse_duration("2d"), std::chrono::seconds(172800));
  EXPECT_FALSE(config::parse_duration(""));
  EXPECT_FALSE(config::parse_duration("4"));
  EXPECT_FALSE(config::parse_duration("h"));
  EXPECT_FALSE(config::parse_duration("0s"));
  EXPECT_FALSE(config::parse_duration("4 h"));
  EXPECT_FALSE(config::parse_duration("-4h"));
  EXPECT_FALSE(config::parse_duration("4w"));
}

// An unknown role names the file, line and key, and suggests the role meant.
TEST(RoutingConfigTest, UnknownRoleInContactsNamesLineAndKey) {
  EXPECT_EQ(error_of("[contacts.default]\n\nregistered_manger = { email = \"a@b.org\" }\n"),
            "routing-test.toml:3: contacts.default.registered_manger: unknown role (did you mean "
            "'registered_manager'?)");
}

// A malformed email address or webhook URL is refused with its key.
TEST(RoutingConfigTest, BadAddressesAreRefused) {
  EXPECT_EQ(error_of("[contacts.home.H1]\nregistered_manager = { email = \"rm.example.org\" }\n"),
            "routing-test.toml:2: contacts.home.H1.registered_manager.email: not an email address "
            "(expected name@domain)");
  EXPECT_EQ(
      error_of("[contacts.authority.LA01]\nlado = { webhook = \"ftp://x\" }\n"),
      "routing-test.toml:2: contacts.authority.LA01.lado.webhook: not a webhook URL (expected http:// or "
      "https://)");
  EXPECT_EQ(error_of("[contacts.default]\nlado = {}\n"),
            "routing-test.toml:2: contacts.default.lado: needs an email, a webhook or both");
}

// A malformed duration names the level's key.
TEST(RoutingConfigTest, BadTimeoutNamesLevelKey) {
  EXPECT_EQ(
      error_of("[[routes]]\nname = \"a\"\n[[routes.levels]]\nroles = [\"lado\"]\ntimeout = \"4 hours\"\n"
               "[[routes.levels]]\nroles = [\"iro\"]\n"),
      "routing-test.toml:5: routes[0].levels[0].timeout: expected a duration such as \"30m\", \"4h\", "
      "\"2d\" or \"1h30m\"");
}

// Every level but the last needs a timeout, or the next level could never be reached.
TEST(RoutingConfigTest, MissingTimeoutOnLowerLevelIsAnError) {
  EXPECT_EQ(
      error_of("[[routes]]\n[[routes.levels]]\nroles = [\"lado\"]\n[[routes.levels]]\nroles = [\"iro\"]\n"),
      "routing-test.toml:2: routes[0].levels[0].timeout: required on every level but the last");
}

// A route without levels, an unknown role in a level and a bad severity are each reported.
TEST(RoutingConfigTest, RouteProblemsAreAllReported) {
  try {
    parse(
        "[[routes]]\nname = \"x\"\nmin_severity = \"urgent\"\n\n[[routes]]\nname = \"y\"\n[[routes.levels]]\n"
        "roles = [\"lad\"]\n");
    FAIL() << "expected a ConfigError";
  } catch (const config::ConfigError& e) {
    const auto& p = e.problems();
    ASSERT_EQ(p.size(), 3u) << e.what();
    EXPECT_EQ(p[0].key, "routes[0].levels");
    EXPECT_EQ(p[1].to_string(),
              "routing-test.toml:3: routes[0].min_severity: must be one of low, medium, high, critical");
    EXPECT_EQ(p[2].key, "routes[1].levels[0].roles[0]");
    EXPECT_NE(p[2].reason.find("did you mean 'lado'"), std::string::npos) << p[2].reason;
  }
}

// Unknown keys in a route suggest the key meant; matchers in the default route are refused.
TEST(RoutingConfigTest, UnknownKeysAndDefaultMatchers) {
  EXPECT_EQ(error_of("[[routes]]\nrule = [\"X\"]\n[[routes.levels]]\nroles = [\"lado\"]\n"),
            "routing-test.toml:2: routes[0].rule: unknown key (did you mean 'rules'?)");
  EXPECT_EQ(
      error_of("[routing.default]\nhomes = [\"H1\"]\n[[routing.default.levels]]\nroles = [\"lado\"]\n"),
      "routing-test.toml:2: routing.default.homes: the default route matches everything; put matchers in "
      "a [[routes]] entry");
}

// Two routes of one name would make `routes test` and the ladder's stored route ambiguous.
TEST(RoutingConfigTest, DuplicateRouteNamesAreRefused) {
  EXPECT_NE(error_of("[[routes]]\nname = \"a\"\n[[routes.levels]]\nroles = [\"lado\"]\n"
                     "[[routes]]\nname = \"a\"\n[[routes.levels]]\nroles = [\"iro\"]\n")
                .find("routes[1].name: \"a\" names an earlier route too"),
            std::string::npos);
}

// `routes` must be an array of tables, and act_url a URL.
TEST(RoutingConfigTest, WrongShapesAreRefused) {
  EXPECT_EQ(error_of("routes = \"all\"\n"),
            "routing-test.toml:1: routes: expected an array of tables ([[routes]]), found a string");
  EXPECT_EQ(error_of("[routing]\nact_url = \"localhost:8787\"\n"),
            "routing-test.toml:2: routing.act_url: must be an http:// or https:// URL");
}

// The shipped example configuration parses, with routes and contacts for the demo homes.
TEST(RoutingConfigTest, ShippedExampleHasRoutesAndContacts) {
  const config::Config cfg = config::load_config(CAREWATCH_EXAMPLE_CONFIG);
  EXPECT_FALSE(cfg.routing.routes.empty());
  EXPECT_TRUE(cfg.contacts.homes.count("H1"));
  EXPECT_TRUE(cfg.contacts.authorities.count("LA01"));
}

}  // namespace
}  // namespace carewatch::routing

#include "api/token_table.hpp"

#include <gtest/gtest.h>

#include <set>

#include "api/tokens.hpp"

namespace carewatch::api {
namespace {

config::ApiTokenConfig token(const std::string& name, const std::string& plain, std::vector<std::string> roles) {
  return {name, std::move(roles), to_hex(sha256(plain))};
}

// SHA-256 matches a known test vector, so hashes made elsewhere (sha256sum) match the daemon's.
TEST(TokenTableTest, HashesMatchTheStandardTestVector) {
  EXPECT_EQ(to_hex(sha256("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(to_hex(*parse_hex_digest("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD")),
            to_hex(sha256("abc")));
  EXPECT_FALSE(parse_hex_digest("xyz"));
}

// A presented token authenticates as the configured token whose hash it matches, with its roles.
TEST(TokenTableTest, AuthenticatesByHashWithRoles) {
  TokenTable table({token("feed", "s1", {"ingest"}), token("lead", "s2", {"read", "act"})});
  const auto lead = table.authenticate("s2");
  ASSERT_TRUE(lead);
  EXPECT_EQ(lead->name, "lead");
  EXPECT_TRUE(lead->allows(Role::read));
  EXPECT_TRUE(lead->allows(Role::act));
  EXPECT_FALSE(lead->allows(Role::ingest));
  EXPECT_FALSE(table.authenticate("s3"));
  EXPECT_FALSE(table.authenticate(""));
}

// Admin allows every role.
TEST(TokenTableTest, AdminAllowsEverything) {
  TokenTable table({token("root", "s", {"admin"})});
  const auto root = table.authenticate("s");
  ASSERT_TRUE(root);
  for (Role r : {Role::ingest, Role::read, Role::act, Role::admin}) EXPECT_TRUE(root->allows(r));
}

// New tokens are distinct, prefixed, and long enough to carry 256 bits.
TEST(TokenTableTest, NewTokensAreRandomAndWellFormed) {
  std::set<std::string> seen;
  for (int i = 0; i < 50; ++i) {
    const std::string t = new_token();
    EXPECT_TRUE(t.starts_with("cw_"));
    EXPECT_EQ(t.size(), 3u + 43u);
    EXPECT_EQ(t.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", 3),
              std::string::npos);
    seen.insert(t);
  }
  EXPECT_EQ(seen.size(), 50u);
}

}  // namespace
}  // namespace carewatch::api

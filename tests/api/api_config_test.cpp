#include <gtest/gtest.h>

#include <string>

#include "config/config.hpp"

namespace carewatch::config {
namespace {

std::string error_of(const std::string& toml) {
  try {
    (void)parse_config(toml, "/etc/carewatch/carewatch.toml");
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

const std::string kHash(64, 'a');

// A full [api] section is read into ApiConfig, tokens with their roles and lowercased hash.
TEST(ApiConfigTest, ReadsEveryKey) {
  const Config cfg = parse_config(R"([api]
enabled = true
listen = "::1"
port = 9443
tls_cert = "tls/cert.pem"
tls_key = "tls/key.pem"
max_body_bytes = 2048
max_header_bytes = 4096
rate_limit_per_second = 2.5
rate_limit_burst = 10
request_timeout_s = 5
keep_alive_timeout_s = 7
max_connections = 9

[[api.tokens]]
name = "feed"
roles = ["ingest"]
sha256 = ")" + std::string(64, 'A') + R"("

[[api.tokens]]
name = "lead"
roles = ["read", "act"]
sha256 = ")" + std::string(64, 'b') + R"("
)",
                                  "/etc/carewatch/carewatch.toml");
  EXPECT_TRUE(cfg.api.enabled);
  EXPECT_EQ(cfg.api.listen, "::1");
  EXPECT_EQ(cfg.api.port, 9443);
  EXPECT_EQ(*cfg.api.tls_cert, "/etc/carewatch/tls/cert.pem");
  EXPECT_EQ(*cfg.api.tls_key, "/etc/carewatch/tls/key.pem");
  EXPECT_EQ(cfg.api.max_body_bytes, 2048u);
  EXPECT_EQ(cfg.api.max_header_bytes, 4096u);
  EXPECT_DOUBLE_EQ(cfg.api.rate_limit_per_second, 2.5);
  EXPECT_DOUBLE_EQ(cfg.api.rate_limit_burst, 10);
  EXPECT_EQ(cfg.api.request_timeout, std::chrono::seconds(5));
  EXPECT_EQ(cfg.api.keep_alive_timeout, std::chrono::seconds(7));
  EXPECT_EQ(cfg.api.max_connections, 9u);
  ASSERT_EQ(cfg.api.tokens.size(), 2u);
  EXPECT_EQ(cfg.api.tokens[0].name, "feed");
  EXPECT_EQ(cfg.api.tokens[0].sha256, std::string(64, 'a'));
  EXPECT_EQ(cfg.api.tokens[1].roles, (std::vector<std::string>{"read", "act"}));
}

// The defaults: disabled, loopback only.
TEST(ApiConfigTest, DefaultsAreDisabledOnLoopback) {
  const Config cfg = parse_config("", "c.toml");
  EXPECT_FALSE(cfg.api.enabled);
  EXPECT_EQ(cfg.api.listen, "127.0.0.1");
  EXPECT_TRUE(cfg.api.tokens.empty());
}

// Bad values are reported with file, line and dotted key.
TEST(ApiConfigTest, ErrorsNameFileLineAndKey) {
  EXPECT_EQ(error_of("[api]\nlisten = \"localhost\"\n"),
            "/etc/carewatch/carewatch.toml:2: api.listen: must be an IPv4 or IPv6 address, e.g. 127.0.0.1");
  EXPECT_EQ(error_of("[api]\nport = 70000\n"),
            "/etc/carewatch/carewatch.toml:2: api.port: must be between 0 and 65535");
  EXPECT_EQ(error_of("[api]\ntls_cert = \"c.pem\"\n"),
            "/etc/carewatch/carewatch.toml:2: api.tls_key: tls_cert and tls_key must be set together");
  EXPECT_EQ(error_of("[api]\nmax_body_byte = 1\n"),
            "/etc/carewatch/carewatch.toml:2: api.max_body_byte: unknown key (did you mean 'max_body_bytes'?)");
}

// Token entries are checked: role names, hash form, required keys, unique names.
TEST(ApiConfigTest, TokenErrorsNameTheEntry) {
  const std::string bad_role = error_of("[[api.tokens]]\nname = \"x\"\nroles = [\"write\"]\nsha256 = \"" + kHash + "\"\n");
  EXPECT_EQ(bad_role, "/etc/carewatch/carewatch.toml:3: api.tokens[0].roles[0]: must be one of ingest, read, act, admin");
  const std::string bad_hash = error_of("[[api.tokens]]\nname = \"x\"\nroles = [\"read\"]\nsha256 = \"secret\"\n");
  EXPECT_NE(bad_hash.find(":4: api.tokens[0].sha256: must be 64 hex digits"), std::string::npos) << bad_hash;
  const std::string missing = error_of("[[api.tokens]]\nname = \"x\"\n");
  EXPECT_NE(missing.find("api.tokens[0].roles: is required"), std::string::npos) << missing;
  EXPECT_NE(missing.find("api.tokens[0].sha256: is required"), std::string::npos) << missing;
  const std::string twice = error_of("[[api.tokens]]\nname = \"x\"\nroles = [\"read\"]\nsha256 = \"" + kHash +
                                     "\"\n[[api.tokens]]\nname = \"x\"\nroles = [\"read\"]\nsha256 = \"" +
                                     std::string(64, 'b') + "\"\n");
  EXPECT_NE(twice.find("api.tokens[1].name: another token is already named 'x'"), std::string::npos) << twice;
}

}  // namespace
}  // namespace carewatch::config

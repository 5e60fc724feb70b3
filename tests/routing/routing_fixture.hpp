#pragma once
// Shared by the routing tests: a real SQLite file in a temporary directory, a configuration parsed
// from TOML text, records put into the store, and escalations opened through the real EscalationStore.

#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <carewatch/sdk/finding.hpp>
#include <carewatch/sdk/json.hpp>
#include <carewatch/sdk/time.hpp>

#include "config/config.hpp"
#include "escalation/escalation_store.hpp"
#include "store/database.hpp"
#include "store/record_store.hpp"

namespace carewatch::routing::testing {

inline sdk::TimePoint at(std::string_view s) {
  auto t = sdk::parse_timestamp(s);
  if (!t) throw std::runtime_error("bad test timestamp " + std::string(s));
  return *t;
}

class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    dir_ = std::filesystem::temp_directory_path() /
           ("cw-routing-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(dir_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return dir_; }

 private:
  std::filesystem::path dir_;
};

inline config::Config parse(std::string_view toml) {
  return config::parse_config(toml, "routing-test.toml");
}

// Puts NDJSON record lines into the store (one transaction).
inline void put_records(store::Database& db, const std::vector<std::string>& lines) {
  store::RecordStore records(db);
  store::Transaction tx(db);
  for (const auto& line : lines) {
    auto parsed = sdk::parse_record_line(line);
    auto* record = std::get_if<sdk::Record>(&parsed);
    if (!record) throw std::runtime_error("bad test record: " + line);
    records.put(*record, "test", sdk::from_unix(0));
  }
  tx.commit();
}

inline sdk::Finding finding(const std::string& rule, const std::string& trigger, sdk::Severity severity,
                            const std::string& home = "H1", const std::string& child = "C1",
                            std::vector<std::string> roles = {"registered_manager"}) {
  sdk::Finding f;
  f.rule = rule;
  f.severity = severity;
  f.home = home;
  f.child = child;
  f.evidence = {trigger};
  f.due_at = at("2025-03-03T10:00:00Z");
  f.summary = "A record was not made in time.";
  f.regulation = "Children's Homes (England) Regulations 2015 reg 35(3)(a)";
  f.escalate_to = std::move(roles);
  f.fingerprint = sdk::fingerprint(f.rule, f.home, f.child, f.staff, trigger);
  return f;
}

}  // namespace carewatch::routing::testing

// The engine over real plugin libraries loaded by the plugin host: the loader's fixture directory
// "mixed" holds a good plugin, one that throws from every check, and several that are refused.
#include "engine/plugin_set_source.hpp"

#include <gtest/gtest.h>

#include <spdlog/logger.h>
#include <spdlog/sinks/null_sink.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <set>
#include <string>

#include <carewatch/sdk/json.hpp>

#include "engine/engine.hpp"
#include "escalation/escalation_store.hpp"
#include "plugin_host/plugin_set.hpp"
#include "store/database.hpp"
#include "store/record_store.hpp"

namespace carewatch::engine {
namespace {

class PluginSetSourceTest : public ::testing::Test {
 protected:
  PluginSetSourceTest() {
    std::random_device rd;
    dir_ = std::filesystem::temp_directory_path() / ("cw-engine-plugins-" + std::to_string(rd()));
    std::filesystem::create_directories(dir_);
    db_ = std::make_unique<store::Database>(dir_ / "carewatch.db");
    store::RecordStore records(*db_);
    store::Transaction tx(*db_);
    for (const char* line :
         {R"({"kind":"home","id":"H1","recorded_at":"2025-01-01T00:00:00Z","host_authority":"LA1"})",
          R"({"kind":"home","id":"H2","recorded_at":"2025-01-01T00:00:00Z","host_authority":"LA1"})"})
      records.put(std::get<sdk::Record>(sdk::parse_record_line(line)), "test", now_);
    tx.commit();
  }
  ~PluginSetSourceTest() override {
    db_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  std::unique_ptr<PluginSetSource> load() {
    auto quiet = std::make_shared<spdlog::logger>("test", std::make_shared<spdlog::sinks::null_sink_mt>());
    auto set = plugin_host::PluginSet::load_directory(CAREWATCH_TEST_PLUGIN_DIR, {}, quiet);
    return std::make_unique<PluginSetSource>(std::move(set), std::map<std::string, sdk::Parameters>{});
  }

  std::set<std::string> health_evidence() {
    escalation::EscalationStore store(*db_);
    escalation::ListFilter filter;
    filter.rule = std::string(kPluginDisabledRule);
    filter.state = escalation::State::open;
    std::set<std::string> out;
    for (const auto& e : store.list(filter)) out.insert(e.evidence.at(0));
    return out;
  }

  std::filesystem::path dir_;
  const sdk::TimePoint now_ = *sdk::parse_timestamp("2025-03-01T00:00:00Z");
  std::unique_ptr<store::Database> db_;
};

// A plugin that throws while checking is disabled through the PluginSet and escalated with the refused
// ones, while the good plugin's findings open as usual.
TEST_F(PluginSetSourceTest, ThrowingPluginIsDisabledAndReported) {
  auto source = load();
  ASSERT_FALSE(source->checkers().empty());
  const auto refused = source->problems().size();
  Engine engine(*db_, sdk::Calendar(), std::move(source));

  const auto summary = engine.full_sweep(now_);
  ASSERT_EQ(summary.disabled.size(), 1u);
  EXPECT_EQ(summary.disabled[0].plugin, "throws_in_check");
  EXPECT_EQ(summary.disabled[0].file.filename(), "throws_in_check.so");

  const auto evidence = health_evidence();
  EXPECT_TRUE(evidence.count("throws_in_check.so"));
  EXPECT_TRUE(evidence.count("no_version.so"));
  EXPECT_EQ(evidence.size(), refused + 1);

  escalation::EscalationStore store(*db_);
  escalation::ListFilter good;
  good.rule = "TEST-GOOD-1";
  EXPECT_EQ(store.list(good).size(), 2u);

  const auto& checkers = engine.checkers().checkers();
  EXPECT_TRUE(std::none_of(checkers.begin(), checkers.end(),
                           [](const CheckerEntry& e) { return e.plugin == "throws_in_check"; }));
  EXPECT_TRUE(engine.full_sweep(now_ + sdk::hours{1}).transitions.empty());
}

// Entries keep their plugin loaded after the source that made them is gone.
TEST_F(PluginSetSourceTest, EntriesOutliveTheirSource) {
  auto source = load();
  std::vector<CheckerEntry> entries = source->checkers();
  source.reset();
  auto good =
      std::find_if(entries.begin(), entries.end(), [](const CheckerEntry& e) { return e.plugin == "good"; });
  ASSERT_NE(good, entries.end());
  EXPECT_EQ(good->name, "good/always");
  EXPECT_EQ(good->handle->info().rules.at(0).id, "TEST-GOOD-1");
}

}  // namespace
}  // namespace carewatch::engine

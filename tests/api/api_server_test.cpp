// The API server for real: listening on 127.0.0.1 and a free port, its io_context on a thread of the
// test, driven by a Beast client, raw sockets, curl and the carewatch binary, and checked through the
// store it writes (read on a separate connection).
#include "api/server.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/json.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <future>
#include <sstream>
#include <thread>

#include <carewatch/sdk/finding.hpp>

#include "api/tokens.hpp"
#include "escalation/escalation_store.hpp"
#include "http_client.hpp"
#include "store/database.hpp"
#include "support/temp_dir.hpp"

namespace carewatch::api {
namespace {

namespace asio = boost::asio;
namespace json = boost::json;
using ::testing::HasSubstr;
using testing::Client;
using testing::raw_exchange;
using testing::Reply;
using testing::request;
using testing::status_of;

constexpr char kIngest[] = "ingest-secret";
constexpr char kRead[] = "read-secret";
constexpr char kAct[] = "act-secret";
constexpr char kAdmin[] = "admin-secret";
constexpr std::uint64_t kMaxBody = 64 * 1024;

std::string incident(const std::string& id, const std::string& child = "C1") {
  return R"({"kind":"incident","id":")" + id + R"(","home":"H1","child":")" + child +
         R"(","recorded_at":"2025-02-01T11:00:00Z","occurred_at":"2025-02-01T10:00:00Z","categories":["injury"]})";
}

// A mix the importer accepts and rejects for several reasons, with a blank line in the middle.
std::string mixed_batch() {
  return incident("I-1") + "\n" +                                            // 1 accepted
         "{not json\n" +                                                     // 2 invalid JSON
         R"({"kind":"spaceship","id":"X","home":"H1","recorded_at":"2025-02-01T11:00:00Z"})" + "\n" +  // 3
         "\n" +                                                              // 4 blank
         R"({"kind":"incident","id":"I-2","home":"H1","recorded_at":"2025-02-01T11:00:00Z"})" + "\n" +  // 5
         incident("I-3", "C2") + "\n" +                                      // 6 accepted
         incident("I-1", "C9") + "\n";                                       // 7 conflict
}

config::ApiTokenConfig token(const std::string& name, const std::string& plain, std::vector<std::string> roles) {
  return {name, std::move(roles), to_hex(sha256(plain))};
}

sdk::Finding finding(const std::string& rule, const std::string& trigger) {
  sdk::Finding f;
  f.rule = rule;
  f.severity = sdk::Severity::high;
  f.home = "H1";
  f.child = "C1";
  f.evidence = {trigger};
  f.due_at = sdk::parse_timestamp("2025-03-03T10:00:00Z");
  f.summary = "A record was not made in time.";
  f.regulation = "Children's Homes (England) Regulations 2015 reg 35(3)(a)";
  f.escalate_to = {"registered_manager"};
  f.fingerprint = sdk::fingerprint(f.rule, f.home, f.child, f.staff, trigger);
  return f;
}

json::value parse(const std::string& body) {
  return json::parse(body);
}

class ApiServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_path_ = dir_.path() / "carewatch.db";
    store::Database db(db_path_);
    escalation::EscalationStore escalations(db);
    store::Transaction tx(db);
    escalations.sync("child:H1/C1", "test/records",
                     {finding("R-1", "I-10"), finding("R-2", "I-11"), finding("R-3", "I-12")},
                     *sdk::parse_timestamp("2025-03-04T09:00:00Z"));
    tx.commit();
  }
  void TearDown() override { stop(); }

  static config::ApiConfig base_config() {
    config::ApiConfig cfg;
    cfg.enabled = true;
    cfg.listen = "127.0.0.1";
    cfg.port = 0;
    cfg.max_body_bytes = kMaxBody;
    cfg.max_header_bytes = 8192;
    cfg.rate_limit_per_second = 0;
    cfg.tokens = {token("feed", kIngest, {"ingest"}), token("viewer", kRead, {"read"}),
                  token("actor", kAct, {"act"}), token("root", kAdmin, {"admin"})};
    return cfg;
  }

  Hooks hooks() {
    Hooks h;
    h.ready = [this] { return ready_.load(); };
    h.rules = [] {
      sdk::RuleInfo rule;
      rule.id = "R-1";
      rule.title = "Records are written within 24 hours";
      rule.clause = "Children's Homes (England) Regulations 2015 reg 35(3)(a)";
      rule.severity = sdk::Severity::high;
      rule.roles = {"registered_manager"};
      return std::vector<RuleRow>{{"test", "test/records", rule}};
    };
    h.plugins = [] {
      plugin_host::PluginSummary ok;
      ok.name = "test";
      ok.file = "/plugins/test.so";
      ok.sdk_version = {1, 2, 0};
      ok.checkers = 1;
      plugin_host::PluginSummary bad;
      bad.name = "broken";
      bad.file = "/plugins/broken.so";
      bad.enabled = false;
      bad.disabled_reason = "built against SDK 2.0.0; this host is 1.2.0";
      return std::vector<plugin_host::PluginSummary>{ok, bad};
    };
    h.records_ingested = [this] { ++ingested_; };
    return h;
  }

  void start(const config::ApiConfig& cfg = base_config()) {
    server_ = std::make_unique<Server>(io_, hooks(), nullptr);
    Status st = server_->configure(cfg, db_path_);
    ASSERT_TRUE(st) << st.message();
    st = server_->start();
    ASSERT_TRUE(st) << st.message();
    port_ = server_->port();
    ASSERT_NE(port_, 0);
    thread_ = std::thread([this] { io_.run(); });
  }

  void stop() {
    if (!thread_.joinable()) return;
    asio::post(io_, [this] {
      server_->stop();
      io_.stop();
    });
    thread_.join();
  }

  // Runs `f` on the server's loop thread and returns its result.
  template <class F>
  auto on_loop(F f) {
    std::promise<decltype(f())> done;
    asio::post(io_, [&] { done.set_value(f()); });
    return done.get_future().get();
  }

  // Everything a request could change, read on a separate connection.
  std::string snapshot() {
    store::Database db(db_path_, store::OpenMode::read_only);
    std::string out;
    for (const char* sql : {"SELECT count(*) FROM records", "SELECT count(*) FROM quarantine",
                            "SELECT count(*) FROM escalation_events",
                            "SELECT group_concat(eid || ':' || state, ',') FROM escalations"}) {
      store::Statement st(db, sql);
      st.step();
      out += st.column_optional_text(0).value_or("") + "|";
    }
    return out;
  }

  std::string state_of(int id) {
    store::Database db(db_path_, store::OpenMode::read_only);
    store::Statement st(db, "SELECT state FROM escalations WHERE eid = ?");
    st.bind(1, id);
    return st.step() ? st.column_text(0) : std::string("missing");
  }

  test_support::TempDir dir_{"api"};
  std::filesystem::path db_path_;
  std::atomic<bool> ready_{true};
  std::atomic<int> ingested_{0};
  asio::io_context io_;
  // Keeps run() going while the server has nothing pending (after stop()), as the service's timers do.
  asio::executor_work_guard<asio::io_context::executor_type> work_{io_.get_executor()};
  std::unique_ptr<Server> server_;
  std::thread thread_;
  std::uint16_t port_ = 0;
};

// Health and readiness need no token; readiness follows the service.
TEST_F(ApiServerTest, HealthAndReadinessArePublic) {
  start();
  const Reply health = request(port_, "GET", "/healthz");
  EXPECT_EQ(health.status, 200u);
  EXPECT_EQ(parse(health.body).at("status"), "ok");
  EXPECT_EQ(health.header("content-type"), "application/json");
  EXPECT_EQ(request(port_, "GET", "/readyz").status, 200u);
  ready_ = false;
  const Reply not_ready = request(port_, "GET", "/readyz");
  EXPECT_EQ(not_ready.status, 503u);
  EXPECT_EQ(parse(not_ready.body).at("status"), "not_ready");
}

struct EndpointCase {
  const char* method;
  std::string target;
  std::string body;
  const char* good;
  const char* wrong;
};

// Every protected endpoint: no token is 401 with a challenge, an unknown token 401 invalid_token, a
// token without the role 403; none of them changes the store. The right token succeeds.
TEST_F(ApiServerTest, EveryEndpointChecksTokenAndRole) {
  start();
  const std::vector<EndpointCase> cases = {
      {"GET", "/metrics", "", kRead, kIngest},
      {"POST", "/v1/records", incident("I-1") + "\n", kIngest, kRead},
      {"GET", "/v1/escalations", "", kRead, kAct},
      {"GET", "/v1/escalations/1", "", kRead, kIngest},
      {"POST", "/v1/escalations/1/ack", R"({"reason":"seen"})", kAct, kRead},
      {"POST", "/v1/escalations/2/silence", R"({"reason":"waiting","until":"2099-01-01T00:00:00Z"})", kAct, kRead},
      {"POST", "/v1/escalations/3/resolve", R"({"reason":"done"})", kAct, kIngest},
      {"GET", "/v1/rules", "", kRead, kIngest},
      {"GET", "/v1/plugins", "", kRead, kAct},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.method) + " " + c.target);
    const std::string before = snapshot();
    const Reply none = request(port_, c.method, c.target, "", c.body);
    EXPECT_EQ(none.status, 401u);
    EXPECT_EQ(none.header("www-authenticate"), R"(Bearer realm="carewatch")");
    EXPECT_EQ(parse(none.body).at("error"), "unauthorized");
    const Reply unknown = request(port_, c.method, c.target, "not-a-token", c.body);
    EXPECT_EQ(unknown.status, 401u);
    EXPECT_THAT(unknown.header("www-authenticate"), HasSubstr(R"(error="invalid_token")"));
    const Reply wrong = request(port_, c.method, c.target, c.wrong, c.body);
    EXPECT_EQ(wrong.status, 403u);
    EXPECT_EQ(parse(wrong.body).at("error"), "forbidden");
    EXPECT_EQ(snapshot(), before);
    const Reply good = request(port_, c.method, c.target, c.good, c.body);
    EXPECT_EQ(good.status, 200u) << good.body;
  }
  EXPECT_EQ(state_of(1), "acknowledged");
  EXPECT_EQ(state_of(2), "silenced");
  EXPECT_EQ(state_of(3), "resolved");
}

// An admin token reaches every endpoint.
TEST_F(ApiServerTest, AdminReachesEverything) {
  start();
  for (const char* target : {"/metrics", "/v1/escalations", "/v1/escalations/1", "/v1/rules", "/v1/plugins"})
    EXPECT_EQ(request(port_, "GET", target, kAdmin).status, 200u) << target;
  EXPECT_EQ(request(port_, "POST", "/v1/records", kAdmin, incident("I-1") + "\n").status, 200u);
  EXPECT_EQ(request(port_, "POST", "/v1/escalations/1/ack", kAdmin, R"({"reason":"seen"})").status, 200u);
}

// Ingest answers per line as `carewatch import` does, stores under source "api:<token>", quarantines
// rejected lines and tells the service that records arrived.
TEST_F(ApiServerTest, RecordsReportAcceptedAndRejectedLines) {
  start();
  const Reply r = request(port_, "POST", "/v1/records", kIngest, mixed_batch(),
                          {{"Content-Type", "application/x-ndjson"}});
  ASSERT_EQ(r.status, 200u) << r.body;
  const json::value v = parse(r.body);
  EXPECT_EQ(v.at("source"), "api:feed");
  EXPECT_EQ(v.at("lines"), 6);
  EXPECT_EQ(v.at("accepted"), 2);
  EXPECT_EQ(v.at("inserted"), 2);
  EXPECT_EQ(v.at("rejected"), 4);
  const auto& rejections = v.at("rejections").as_array();
  ASSERT_EQ(rejections.size(), 4u);
  EXPECT_EQ(rejections[0].at("line"), 2);
  EXPECT_EQ(rejections[0].at("field"), "line");
  EXPECT_EQ(rejections[1].at("line"), 3);
  EXPECT_EQ(rejections[1].at("field"), "kind");
  EXPECT_EQ(rejections[2].at("line"), 5);
  EXPECT_EQ(rejections[2].at("field"), "child");
  EXPECT_EQ(rejections[3].at("line"), 7);
  EXPECT_EQ(ingested_.load(), 1);

  store::Database db(db_path_, store::OpenMode::read_only);
  store::Statement records(db, "SELECT count(*), min(source), max(source) FROM records");
  records.step();
  EXPECT_EQ(records.column_int(0), 2);
  EXPECT_EQ(records.column_text(1), "api:feed");
  store::Statement quarantine(db, "SELECT count(*), min(source) FROM quarantine");
  quarantine.step();
  EXPECT_EQ(quarantine.column_int(0), 4);
  EXPECT_EQ(quarantine.column_text(1), "api:feed");
}

std::vector<std::string> rows(const std::filesystem::path& db_path, const char* sql) {
  store::Database db(db_path, store::OpenMode::read_only);
  store::Statement st(db, sql);
  std::vector<std::string> out;
  while (st.step()) {
    std::string row;
    for (int i = 0; i < 9; ++i) row += st.column_optional_text(i).value_or("<null>") + "\x1f";
    out.push_back(row);
  }
  return out;
}

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The same file through POST /v1/records and through `carewatch import` gives the same records, the
// same quarantined lines and the same rejections.
TEST_F(ApiServerTest, IngestEqualsCliImport) {
  start();
  const auto file = dir_.write_file("batch.ndjson", mixed_batch());
  const Reply r = request(port_, "POST", "/v1/records", kIngest, mixed_batch());
  ASSERT_EQ(r.status, 200u) << r.body;

  const auto cli_db = dir_.path() / "cli.db";
  const auto out = dir_.path() / "cli.out";
  const auto err = dir_.path() / "cli.err";
  const std::string command = std::string(CAREWATCH_TEST_CLI) + " import --db '" + cli_db.string() + "' '" +
                              file.string() + "' >'" + out.string() + "' 2>'" + err.string() + "'";
  const int rc = std::system(command.c_str());
  ASSERT_TRUE(WIFEXITED(rc));
  EXPECT_EQ(WEXITSTATUS(rc), 1);  // some lines rejected

  const char* records =
      "SELECT kind, id, revision, home, recorded_at, event_at, deleted, content_hash, body FROM records ORDER BY seq";
  const char* quarantine = "SELECT line, field, reason, raw, '', '', '', '', '' FROM quarantine ORDER BY qid";
  EXPECT_EQ(rows(db_path_, records), rows(cli_db, records));
  EXPECT_EQ(rows(db_path_, quarantine), rows(cli_db, quarantine));
  EXPECT_EQ(rows(db_path_, records).size(), 2u);

  // The CLI prints each rejection as FILE:LINE: field: reason.
  std::string api_rejections;
  const json::value reply = parse(r.body);
  for (const auto& rej : reply.at("rejections").as_array())
    api_rejections += file.string() + ":" + std::to_string(rej.at("line").as_int64()) + ": " +
                      std::string(rej.at("field").as_string()) + ": " + std::string(rej.at("reason").as_string()) +
                      "\n";
  EXPECT_EQ(api_rejections, read_file(err));
  EXPECT_THAT(read_file(out), HasSubstr("total: 6 lines, 2 accepted (2 new, 0 unchanged), 4 rejected"));
}

// A body over max_body_bytes is refused with 413 before it is read, whether its length is declared or
// chunked, and nothing is stored.
TEST_F(ApiServerTest, OversizedBodyIsRefusedAndChangesNothing) {
  start();
  std::string big;
  for (int i = 0; big.size() <= kMaxBody; ++i) big += incident("I-" + std::to_string(i)) + "\n";
  const std::string before = snapshot();
  const Reply r = request(port_, "POST", "/v1/records", kIngest, big);
  EXPECT_EQ(r.status, 413u);
  EXPECT_EQ(parse(r.body).at("error"), "body_too_large");
  EXPECT_EQ(r.header("connection"), "close");

  std::ostringstream chunk_size;
  chunk_size << std::hex << big.size();
  const std::string chunked = "POST /v1/records HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + std::string(kIngest) +
                              "\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk_size.str() + "\r\n" + big +
                              "\r\n0\r\n\r\n";
  const std::string raw = raw_exchange(port_, chunked);
  EXPECT_EQ(status_of(raw), 413u) << raw.substr(0, 200);
  EXPECT_EQ(snapshot(), before);
}

// Requests that are not HTTP, or whose headers are too large, get a clear 4xx and the connection closes.
TEST_F(ApiServerTest, MalformedRequestsGetClearErrors) {
  start();
  const std::string garbage = raw_exchange(port_, "HELLO THERE\r\n\r\n");
  EXPECT_EQ(status_of(garbage), 400u) << garbage;
  EXPECT_THAT(garbage, HasSubstr(R"("error":"bad_request")"));
  const std::string huge_header =
      raw_exchange(port_, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Padding: " + std::string(10000, 'a') + "\r\n\r\n");
  EXPECT_EQ(status_of(huge_header), 431u) << huge_header.substr(0, 200);
  const std::string bad_length = raw_exchange(
      port_, "POST /v1/records HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + std::string(kIngest) +
                 "\r\nContent-Length: lots\r\n\r\n");
  EXPECT_EQ(status_of(bad_length), 400u) << bad_length;
}

// Bad input to the JSON endpoints is a 4xx naming the problem, and changes nothing.
TEST_F(ApiServerTest, BadRequestsChangeNothing) {
  start();
  const std::string before = snapshot();
  struct Case {
    const char* method;
    const char* target;
    const char* token;
    std::string body;
    unsigned status;
    const char* message;
  };
  const std::vector<Case> cases = {
      {"GET", "/nope", kRead, "", 404, "no such resource"},
      {"DELETE", "/v1/rules", kRead, "", 405, "use GET"},
      {"GET", "/v1/escalations/abc", kRead, "", 404, "positive integers"},
      {"GET", "/v1/escalations/999", kRead, "", 404, "no escalation 999"},
      {"GET", "/v1/escalations?severity=bogus", kRead, "", 400, "severity"},
      {"GET", "/v1/escalations?colour=red", kRead, "", 400, "unknown parameter 'colour'"},
      {"GET", "/v1/escalations?limit=0", kRead, "", 400, "limit"},
      {"GET", "/v1/escalations?home=%zz", kRead, "", 400, "%-escape"},
      {"POST", "/v1/records", kIngest, "", 400, "empty"},
      {"POST", "/v1/records", kIngest, "\n\n  \n", 400, "empty"},
      {"POST", "/v1/escalations/1/ack", kAct, "{not json", 400, "JSON object"},
      {"POST", "/v1/escalations/1/ack", kAct, "[1,2]", 400, "JSON object"},
      {"POST", "/v1/escalations/1/ack", kAct, "{}", 422, "reason"},
      {"POST", "/v1/escalations/1/ack", kAct, R"({"reason":7})", 422, "reason"},
      {"POST", "/v1/escalations/1/ack", kAct, R"({"reason":"x","colour":"red"})", 422, "unknown field 'colour'"},
      {"POST", "/v1/escalations/1/silence", kAct, R"({"reason":"x"})", 422, "until"},
      {"POST", "/v1/escalations/1/silence", kAct, R"({"reason":"x","until":"tomorrow"})", 422, "RFC 3339"},
      {"POST", "/v1/escalations/1/silence", kAct, R"({"reason":"x","until":"2001-01-01T00:00:00Z"})", 422, ""},
      {"POST", "/v1/escalations/999/ack", kAct, R"({"reason":"x"})", 404, "999"},
      {"POST", "/v1/escalations/1/unknown", kAct, R"({"reason":"x"})", 404, "no such resource"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.method) + " " + c.target + " " + c.body);
    const Reply r = request(port_, c.method, c.target, c.token, c.body);
    EXPECT_EQ(r.status, c.status) << r.body;
    EXPECT_THAT(std::string(parse(r.body).at("message").as_string()), HasSubstr(c.message));
  }
  EXPECT_EQ(request(port_, "DELETE", "/v1/rules", kRead).header("allow"), "GET");
  EXPECT_EQ(snapshot(), before);
}

// A transition the lifecycle does not allow is a 409; the escalation stays as it was.
TEST_F(ApiServerTest, InvalidTransitionIsConflict) {
  start();
  ASSERT_EQ(request(port_, "POST", "/v1/escalations/1/resolve", kAct, R"({"reason":"fixed"})").status, 200u);
  const std::string before = snapshot();
  const Reply again = request(port_, "POST", "/v1/escalations/1/ack", kAct, R"({"reason":"seen"})");
  EXPECT_EQ(again.status, 409u) << again.body;
  EXPECT_EQ(parse(again.body).at("error"), "conflict");
  EXPECT_EQ(snapshot(), before);
}

// Acting records the token's name as the actor, visible in the escalation's events.
TEST_F(ApiServerTest, ActionsAreRecordedInTheTokensName) {
  start();
  const Reply ack = request(port_, "POST", "/v1/escalations/2/ack", kAct, R"({"reason":"called the home"})");
  ASSERT_EQ(ack.status, 200u) << ack.body;
  EXPECT_EQ(parse(ack.body).at("state"), "acknowledged");
  const json::value shown = parse(request(port_, "GET", "/v1/escalations/2", kRead).body);
  EXPECT_EQ(shown.at("id"), 2);
  EXPECT_EQ(shown.at("rule"), "R-2");
  const auto& events = shown.at("events").as_array();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].at("type"), "acknowledged");
  EXPECT_EQ(events[1].at("actor"), "actor");
  EXPECT_EQ(events[1].at("reason"), "called the home");
  const Reply silence = request(port_, "POST", "/v1/escalations/3/silence", kAct,
                                R"({"reason":"awaiting LADO","until":"2099-01-01T00:00:00Z"})");
  EXPECT_EQ(parse(silence.body).at("silenced_until"), "2099-01-01T00:00:00Z");
}

// The list filters by state, rule, home and severity, and honours the limit.
TEST_F(ApiServerTest, EscalationListFilters) {
  start();
  ASSERT_EQ(request(port_, "POST", "/v1/escalations/1/ack", kAct, R"({"reason":"seen"})").status, 200u);
  auto ids = [&](const std::string& query) {
    std::vector<std::int64_t> out;
    const Reply r = request(port_, "GET", "/v1/escalations" + query, kRead);
    EXPECT_EQ(r.status, 200u) << r.body;
    const json::value v = parse(r.body);
    for (const auto& e : v.at("escalations").as_array()) out.push_back(e.at("id").as_int64());
    return out;
  };
  EXPECT_EQ(ids(""), (std::vector<std::int64_t>{1, 2, 3}));
  EXPECT_EQ(ids("?state=open"), (std::vector<std::int64_t>{2, 3}));
  EXPECT_EQ(ids("?state=acknowledged"), (std::vector<std::int64_t>{1}));
  EXPECT_EQ(ids("?rule=R-3"), (std::vector<std::int64_t>{3}));
  EXPECT_EQ(ids("?home=H1&severity=high").size(), 3u);
  EXPECT_TRUE(ids("?home=H2").empty());
  EXPECT_TRUE(ids("?severity=low").empty());
  EXPECT_EQ(ids("?limit=1").size(), 1u);
}

// Rules and plugins come from the service, a disabled plugin with its reason.
TEST_F(ApiServerTest, RulesAndPluginsDescribeTheService) {
  start();
  const json::value rules = parse(request(port_, "GET", "/v1/rules", kRead).body);
  ASSERT_EQ(rules.at("rules").as_array().size(), 1u);
  EXPECT_EQ(rules.at("rules").at(0).at("id"), "R-1");
  EXPECT_EQ(rules.at("rules").at(0).at("checker"), "test/records");
  EXPECT_EQ(rules.at("rules").at(0).at("severity"), "high");
  const json::value plugins = parse(request(port_, "GET", "/v1/plugins", kRead).body);
  const auto& list = plugins.at("plugins").as_array();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].at("file"), "test.so");
  EXPECT_EQ(list[0].at("sdk_version"), "1.2.0");
  EXPECT_EQ(list[0].at("enabled"), true);
  EXPECT_EQ(list[1].at("enabled"), false);
  EXPECT_EQ(list[1].at("disabled_reason"), "built against SDK 2.0.0; this host is 1.2.0");
}

// /metrics serves the registry in the Prometheus text format, including the API's own counter.
TEST_F(ApiServerTest, MetricsArePrometheusText) {
  start();
  ASSERT_EQ(request(port_, "GET", "/healthz").status, 200u);
  const Reply r = request(port_, "GET", "/metrics", kRead);
  EXPECT_EQ(r.status, 200u);
  EXPECT_EQ(r.header("content-type"), "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_THAT(r.body, HasSubstr("carewatch_api_requests_total{route=\"healthz\",status=\"200\"}"));
}

// Past its burst a token gets 429 with Retry-After; other tokens keep their own budget; callers without
// a token are limited by address.
TEST_F(ApiServerTest, RateLimitPerTokenAndAddress) {
  auto cfg = base_config();
  cfg.rate_limit_per_second = 0.01;
  cfg.rate_limit_burst = 3;
  start(cfg);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(request(port_, "GET", "/v1/rules", kRead).status, 200u);
  const Reply limited = request(port_, "GET", "/v1/rules", kRead);
  EXPECT_EQ(limited.status, 429u);
  EXPECT_EQ(limited.header("retry-after"), "100");
  EXPECT_EQ(parse(limited.body).at("error"), "rate_limited");
  EXPECT_EQ(request(port_, "GET", "/v1/rules", kAdmin).status, 200u);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(request(port_, "GET", "/healthz").status, 200u);
  EXPECT_EQ(request(port_, "GET", "/healthz").status, 429u);
  // Guessing tokens draws on the address's bucket too.
  EXPECT_EQ(request(port_, "GET", "/v1/rules", "guess").status, 429u);
}

// Several requests share one keep-alive connection.
TEST_F(ApiServerTest, KeepAliveServesSeveralRequests) {
  start();
  Client client(port_);
  EXPECT_EQ(client.send("GET", "/healthz").status, 200u);
  EXPECT_EQ(client.send("GET", "/v1/rules", kRead).status, 200u);
  EXPECT_EQ(client.send("POST", "/v1/records", kIngest, incident("I-1") + "\n").status, 200u);
  const Reply last = client.send("GET", "/readyz");
  EXPECT_EQ(last.status, 200u);
  EXPECT_NE(last.header("connection"), "close");
}

// Re-configuring while running swaps the tokens without dropping the listener.
TEST_F(ApiServerTest, ReconfigureSwapsTokensOnTheSamePort) {
  start();
  Client kept(port_);
  EXPECT_EQ(kept.send("GET", "/v1/rules", kRead).status, 200u);
  auto cfg = base_config();
  cfg.tokens = {token("viewer2", "new-read-secret", {"read"})};
  const Status st = on_loop([&] { return server_->configure(cfg, db_path_); });
  ASSERT_TRUE(st) << st.message();
  EXPECT_EQ(on_loop([&] { return server_->port(); }), port_);
  EXPECT_EQ(request(port_, "GET", "/v1/rules", kRead).status, 401u);
  EXPECT_EQ(request(port_, "GET", "/v1/rules", "new-read-secret").status, 200u);
  // An open keep-alive connection sees the new tokens at its next request.
  EXPECT_EQ(kept.send("GET", "/v1/rules", kRead).status, 401u);
}

// A configuration the server cannot use is refused naming the key, and the running one stays.
TEST_F(ApiServerTest, BadReconfigurationKeepsTheRunningOne) {
  start();
  auto cfg = base_config();
  cfg.tls_cert = dir_.path() / "missing-cert.pem";
  cfg.tls_key = dir_.path() / "missing-key.pem";
  const Status st = on_loop([&] { return server_->configure(cfg, db_path_); });
  EXPECT_FALSE(st);
  EXPECT_THAT(st.message(), HasSubstr("api.tls_cert: cannot use"));
  EXPECT_EQ(request(port_, "GET", "/v1/rules", kRead).status, 200u);
}

// stop() closes the listener and open connections; the port refuses connections afterwards.
TEST_F(ApiServerTest, StopClosesListenerAndConnections) {
  start();
  Client open(port_);
  EXPECT_EQ(open.send("GET", "/healthz").status, 200u);
  on_loop([&] {
    server_->stop();
    return 0;
  });
  EXPECT_ANY_THROW(open.send("GET", "/healthz"));
  EXPECT_ANY_THROW(Client refused(port_));
  // The closed connection's coroutine ends a few loop turns later.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (on_loop([&] { return server_->connections(); }) != 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_EQ(on_loop([&] { return server_->connections(); }), 0u);
}

// A disabled API does not listen.
TEST_F(ApiServerTest, DisabledApiDoesNotListen) {
  auto cfg = base_config();
  cfg.enabled = false;
  Server server(io_, hooks(), nullptr);
  ASSERT_TRUE(server.configure(cfg, db_path_));
  ASSERT_TRUE(server.start());
  EXPECT_FALSE(server.started());
  EXPECT_EQ(server.port(), 0);
}

int run(const std::string& command) {
  const int rc = std::system(command.c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

// With a certificate and key the API speaks only TLS: curl verifying against the self-signed
// certificate gets answers, plain HTTP gets none.
TEST_F(ApiServerTest, TlsWithSelfSignedCertificate) {
  const auto cert = dir_.path() / "cert.pem";
  const auto key = dir_.path() / "key.pem";
  ASSERT_EQ(run("openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -addext "
                "subjectAltName=IP:127.0.0.1 -keyout '" +
                key.string() + "' -out '" + cert.string() + "' 2>/dev/null"),
            0);
  auto cfg = base_config();
  cfg.tls_cert = cert;
  cfg.tls_key = key;
  start(cfg);
  const auto out = dir_.path() / "curl.out";
  const std::string base = "curl -sS --max-time 20 --cacert '" + cert.string() + "' -o '" + out.string() + "' ";
  const std::string url = "https://127.0.0.1:" + std::to_string(port_);
  EXPECT_EQ(run(base + "-w '%{http_code}' " + url + "/healthz > '" + out.string() + ".code'"), 0);
  EXPECT_EQ(read_file(out.string() + ".code"), "200");
  EXPECT_EQ(run(base + "-f -H 'Authorization: Bearer " + kRead + "' " + url + "/v1/escalations"), 0);
  EXPECT_THAT(read_file(out), HasSubstr(R"("escalations":[)"));
  EXPECT_EQ(run(base + "-f -X POST --data-binary @- -H 'Authorization: Bearer " + std::string(kIngest) + "' " + url +
                "/v1/records <<'EOF'\n" + incident("I-9") + "\nEOF\n"),
            0);
  EXPECT_THAT(read_file(out), HasSubstr(R"("inserted":1)"));
  // Plain HTTP on the TLS port is not answered as HTTP.
  EXPECT_NE(status_of(raw_exchange(port_, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")), 200u);
  // A key that does not belong to the certificate is refused naming the key.
  const auto other_key = dir_.path() / "other.pem";
  ASSERT_EQ(run("openssl genrsa -out '" + other_key.string() + "' 2048 2>/dev/null"), 0);
  cfg.tls_key = other_key;
  const Status st = on_loop([&] { return server_->configure(cfg, db_path_); });
  EXPECT_FALSE(st);
  EXPECT_THAT(st.message(), HasSubstr("api.tls_key"));
}

// `carewatch token new` prints a token and its hash; `carewatch token hash` reads a token on standard
// input and prints the same hash, the one the server compares.
TEST_F(ApiServerTest, TokenCommandMakesUsableTokens) {
  const auto out = dir_.path() / "token.out";
  ASSERT_EQ(run(std::string(CAREWATCH_TEST_CLI) + " token new > '" + out.string() + "'"), 0);
  const std::string text = read_file(out);
  const auto token_at = text.find("token:  ");
  const auto hash_at = text.find("sha256: ");
  ASSERT_NE(token_at, std::string::npos) << text;
  ASSERT_NE(hash_at, std::string::npos) << text;
  const std::string plain = text.substr(token_at + 8, text.find('\n', token_at) - token_at - 8);
  const std::string hash = text.substr(hash_at + 8, 64);
  EXPECT_EQ(hash, to_hex(sha256(plain)));
  const auto hashed = dir_.path() / "hash.out";
  ASSERT_EQ(run("printf '%s\\n' '" + plain + "' | " + CAREWATCH_TEST_CLI + " token hash > '" + hashed.string() + "'"),
            0);
  EXPECT_EQ(read_file(hashed), hash + "\n");
  EXPECT_NE(run("printf '' | " + std::string(CAREWATCH_TEST_CLI) + " token hash 2>/dev/null"), 0);
}

}  // namespace
}  // namespace carewatch::api

#pragma once
// The checker test harness: given fixture NDJSON and an as-of time, run a checker exactly as the engine
// would (same as-of selection, same subjects, same timelines, same completion of findings) and return
// its findings. Link `carewatch::sdk_testing` (adds Boost.JSON and the shipped bank-holiday data).
//
//     carewatch::sdk::testing::Harness h(std::make_unique<MyChecker>());
//     h.add(R"({"kind":"home","id":"H1",...})");
//     auto result = h.run("2025-03-02T10:00:00Z");
//     EXPECT_EQ(result.rules(), std::vector<std::string>{"WT-LADO-1WD"});

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <carewatch/sdk/json.hpp>
#include <carewatch/sdk/sdk.hpp>

namespace carewatch::sdk::testing {

// Parses NDJSON fixture text; a bad line throws naming `source:LINE: field: reason`.
inline std::vector<Record> parse_records(std::string_view ndjson, std::string_view source = "fixture") {
  std::vector<Record> out;
  std::size_t line_no = 0;
  while (!ndjson.empty()) {
    ++line_no;
    const std::size_t nl = ndjson.find('\n');
    std::string_view line = ndjson.substr(0, nl);
    ndjson = nl == std::string_view::npos ? std::string_view{} : ndjson.substr(nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    auto parsed = parse_record_line(line);
    if (auto* err = std::get_if<schema::FieldError>(&parsed))
      throw std::runtime_error(std::string(source) + ":" + std::to_string(line_no) + ": " + err->field +
                               ": " + err->reason);
    out.push_back(std::move(std::get<Record>(parsed)));
  }
  return out;
}

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::vector<Record> load_records(const std::filesystem::path& path) {
  return parse_records(read_file(path), path.string());
}

// The calendar the daemon uses by default: Europe/London with the shipped bank-holiday data.
inline const Calendar& default_calendar() {
  static const Calendar calendar = [] {
#ifdef CAREWATCH_SDK_BANK_HOLIDAYS_FILE
    std::string error;
    auto parsed = Calendar::parse(read_file(CAREWATCH_SDK_BANK_HOLIDAYS_FILE), &error);
    if (!parsed) throw std::runtime_error(std::string(CAREWATCH_SDK_BANK_HOLIDAYS_FILE) + ": " + error);
    return *parsed;
#else
    return Calendar();
#endif
  }();
  return calendar;
}

inline TimePoint at(std::string_view timestamp) {
  auto t = parse_timestamp(timestamp);
  if (!t) throw std::invalid_argument("not an RFC 3339 timestamp: " + std::string(timestamp));
  return *t;
}

struct Result {
  std::vector<Finding> findings;        // completed, sorted by rule then fingerprint
  std::optional<TimePoint> next_look;   // the earliest "look again at" any timeline asked for

  std::vector<std::string> rules() const {
    std::vector<std::string> out;
    for (const auto& f : findings) out.push_back(f.rule);
    return out;
  }
  std::vector<const Finding*> of_rule(std::string_view rule) const {
    std::vector<const Finding*> out;
    for (const auto& f : findings)
      if (f.rule == rule) out.push_back(&f);
    return out;
  }
};

class Harness {
 public:
  explicit Harness(std::unique_ptr<Checker> checker, Parameters params = {},
                   const Calendar& calendar = default_calendar())
      : checker_(std::move(checker)), params_(std::move(params)), calendar_(calendar) {
    checker_->configure(params_);
  }

  Harness& add(std::string_view ndjson) {
    for (auto& r : parse_records(ndjson)) records_.push_back(std::move(r));
    return *this;
  }
  Harness& add_file(const std::filesystem::path& path) {
    for (auto& r : load_records(path)) records_.push_back(std::move(r));
    return *this;
  }
  void clear() { records_.clear(); }

  Result run(TimePoint as_of) const {
    const std::vector<Record> current = select_as_of(records_, as_of);
    const std::vector<std::string> kinds = checker_->kinds();
    const std::vector<RuleInfo> rules = checker_->rules();
    Result result;
    NullLogger logger;
    const Context context(as_of, calendar_, params_, logger);
    for (const Timeline& timeline : assemble_timelines(current, checker_->scope(), kinds)) {
      Sink sink;
      checker_->check(timeline, context, sink);
      for (Finding& f : sink.findings()) {
        auto rule = std::find_if(rules.begin(), rules.end(), [&](const RuleInfo& r) { return r.id == f.rule; });
        if (rule == rules.end()) throw std::logic_error("finding for undeclared rule " + f.rule);
        complete(f, *rule);
        result.findings.push_back(std::move(f));
      }
      if (auto next = sink.next_look(); next && (!result.next_look || *next < *result.next_look))
        result.next_look = next;
    }
    std::sort(result.findings.begin(), result.findings.end(), [](const Finding& a, const Finding& b) {
      return std::tie(a.rule, a.fingerprint) < std::tie(b.rule, b.fingerprint);
    });
    return result;
  }
  Result run(std::string_view as_of) const { return run(at(as_of)); }

  Checker& checker() noexcept { return *checker_; }

 private:
  std::unique_ptr<Checker> checker_;
  Parameters params_;
  // A copy, not a reference: a calendar built in the constructor call must not dangle.
  Calendar calendar_;
  std::vector<Record> records_;
};

}  // namespace carewatch::sdk::testing

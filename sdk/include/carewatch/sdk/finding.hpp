#pragma once
// Finding: what a checker reports, and its JSON form (RECORDS.md "Findings").

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <carewatch/sdk/time.hpp>
#include <carewatch/sdk/value.hpp>

namespace carewatch::sdk {

enum class Severity { low, medium, high, critical };

inline std::string_view to_string(Severity s) noexcept {
  switch (s) {
    case Severity::low: return "low";
    case Severity::medium: return "medium";
    case Severity::high: return "high";
    case Severity::critical: return "critical";
  }
  return "?";
}

inline std::optional<Severity> parse_severity(std::string_view s) noexcept {
  if (s == "low") return Severity::low;
  if (s == "medium") return Severity::medium;
  if (s == "high") return Severity::high;
  if (s == "critical") return Severity::critical;
  return std::nullopt;
}

struct RuleInfo {
  std::string id;        // e.g. "WT-LADO-1WD"; stable: silences, reports and tests refer to it
  std::string title;     // one line, no record content
  std::string clause;    // the full citation, e.g. "Children's Homes (England) Regulations 2015 reg 40(4)(c)"
  Severity severity = Severity::medium;
  std::vector<std::string> roles;  // registered_manager, responsible_individual, placing_authority,
                                   // host_authority, lado, iro, social_worker, independent_person
  bool believed = false;           // RULES.md marks the clause "believed"
};

// A checker fills rule, subject ids, evidence, due_at and summary (and severity only where the rule's
// severity depends on the case). The host completes severity, regulation, escalate_to and fingerprint
// from the rule's metadata with `complete()`.
struct Finding {
  std::string rule;
  std::optional<Severity> severity;
  std::string home;
  std::string child;  // empty: not applicable
  std::string staff;  // empty: not applicable
  std::vector<std::string> evidence;  // record ids, the triggering record first
  std::optional<TimePoint> due_at;
  std::string summary;  // one sentence; never names or text copied from records
  // Completed by the host:
  std::string regulation;
  std::vector<std::string> escalate_to;
  std::string fingerprint;
};

// Stable identity of a finding: the same rule, subject and triggering record give the same value in
// every run, on every machine (FNV-1a 64 over the fields with a separator that cannot occur in ids).
inline std::string fingerprint(std::string_view rule, std::string_view home, std::string_view child,
                               std::string_view staff, std::string_view trigger) {
  std::uint64_t h = 14695981039346656037ULL;
  auto mix = [&h](std::string_view s) {
    for (const char c : s) {
      h ^= static_cast<unsigned char>(c);
      h *= 1099511628211ULL;
    }
    h ^= 0x1F;
    h *= 1099511628211ULL;
  };
  mix(rule);
  mix(home);
  mix(child);
  mix(staff);
  mix(trigger);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = kHex[h & 0xF];
    h >>= 4;
  }
  return out;
}

inline void complete(Finding& f, const RuleInfo& rule) {
  if (!f.severity) f.severity = rule.severity;
  f.regulation = rule.clause;
  f.escalate_to = rule.roles;
  f.fingerprint = fingerprint(f.rule, f.home, f.child, f.staff, f.evidence.empty() ? "" : f.evidence.front());
}

inline Value to_value(const Finding& f) {
  auto opt = [](const std::string& s) { return s.empty() ? Value() : Value(s); };
  auto list = [](const std::vector<std::string>& v) {
    Array a;
    for (const auto& s : v) a.emplace_back(s);
    return Value(std::move(a));
  };
  return Value::object({
      {"rule", f.rule},
      {"severity", f.severity ? Value(std::string(to_string(*f.severity))) : Value()},
      {"regulation", f.regulation},
      {"home", opt(f.home)},
      {"child", opt(f.child)},
      {"staff", opt(f.staff)},
      {"evidence", list(f.evidence)},
      {"due_at", f.due_at ? Value(format_timestamp(*f.due_at)) : Value()},
      {"summary", f.summary},
      {"escalate_to", list(f.escalate_to)},
      {"fingerprint", f.fingerprint},
  });
}

inline std::string to_json(const Finding& f) { return to_value(f).to_json(); }

}  // namespace carewatch::sdk

#include "service/logging.hpp"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <carewatch/sdk/time.hpp>

namespace carewatch::service {
namespace {

constexpr const char* kPattern = "%Y-%m-%d %H:%M:%S.%e %^%-5l%$ %v";

std::string_view or_dash(const std::string& s) {
  return s.empty() ? std::string_view("-") : s;
}

}  // namespace

std::shared_ptr<spdlog::logger> make_logger(const config::LoggingConfig& cfg) {
  spdlog::sink_ptr sink;
  if (cfg.file)
    sink = std::make_shared<spdlog::sinks::basic_file_sink_mt>(cfg.file->string(), false);
  else
    sink = std::make_shared<spdlog::sinks::stdout_color_sink_mt>();
  auto log = std::make_shared<spdlog::logger>("carewatchd", std::move(sink));
  log->set_pattern(kPattern);
  log->set_level(spdlog::level::from_str(cfg.level));
  // A few lines a minute at most: flushing each costs nothing and means a crash loses none.
  log->flush_on(spdlog::level::trace);
  return log;
}

std::shared_ptr<spdlog::logger> make_bootstrap_logger() {
  auto log =
      std::make_shared<spdlog::logger>("carewatchd", std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
  log->set_pattern(kPattern);
  log->set_level(spdlog::level::warn);
  return log;
}

std::string describe(const escalation::Transition& transition) {
  const escalation::Escalation& e = transition.escalation;
  std::string out = "escalation ";
  out += escalation::to_string(transition.kind);
  out += " id=" + std::to_string(e.id);
  out += " rule=" + e.rule;
  out += " severity=";
  out += sdk::to_string(e.severity);
  out += " home=";
  out += or_dash(e.home);
  out += " child=";
  out += or_dash(e.child);
  out += " staff=";
  out += or_dash(e.staff);
  out += " due_at=";
  out += e.due_at ? sdk::format_timestamp(*e.due_at) : "-";
  return out;
}

}  // namespace carewatch::service

#include "service/logging.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include <carewatch/sdk/time.hpp>

namespace carewatch::service {
namespace {

constexpr const char* kPattern = "%Y-%m-%d %H:%M:%S.%e %^%-5l%$ %v";
// For the journal: it stamps each line itself, and takes the priority from a "<N>" prefix.
constexpr const char* kJournalPattern = "%*%-5l %v";

// systemd connects standard output to the journal and says so in JOURNAL_STREAM ("device:inode" of that
// stream); checking the inode means a child whose output was redirected does not inherit the prefixes.
bool stdout_is_journal() {
  const char* env = std::getenv("JOURNAL_STREAM");
  unsigned long long dev = 0;
  unsigned long long ino = 0;
  if (!env || std::sscanf(env, "%llu:%llu", &dev, &ino) != 2) return false;
  struct stat st {};
  if (::fstat(STDOUT_FILENO, &st) != 0) return false;
  return static_cast<unsigned long long>(st.st_dev) == dev && static_cast<unsigned long long>(st.st_ino) == ino;
}

// "%*": the sd-daemon(3) priority prefix of the line's level, so that `journalctl -p warning` works.
class JournalPriorityFlag : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&, spdlog::memory_buf_t& dest) override {
    std::string_view prefix = "<6>";  // info
    switch (msg.level) {
      case spdlog::level::trace:
      case spdlog::level::debug:
        prefix = "<7>";
        break;
      case spdlog::level::warn:
        prefix = "<4>";
        break;
      case spdlog::level::err:
        prefix = "<3>";
        break;
      case spdlog::level::critical:
        prefix = "<2>";
        break;
      default:
        break;
    }
    dest.append(prefix.data(), prefix.data() + prefix.size());
  }
  std::unique_ptr<custom_flag_formatter> clone() const override { return std::make_unique<JournalPriorityFlag>(); }
};

std::string_view or_dash(const std::string& s) {
  return s.empty() ? std::string_view("-") : s;
}

}  // namespace

std::shared_ptr<spdlog::logger> make_logger(const config::LoggingConfig& cfg) {
  spdlog::sink_ptr sink;
  const bool journal = !cfg.file && stdout_is_journal();
  if (cfg.file)
    sink = std::make_shared<spdlog::sinks::basic_file_sink_mt>(cfg.file->string(), false);
  else if (journal)
    sink = std::make_shared<spdlog::sinks::stdout_sink_mt>();
  else
    sink = std::make_shared<spdlog::sinks::stdout_color_sink_mt>();
  auto log = std::make_shared<spdlog::logger>("carewatchd", std::move(sink));
  if (journal) {
    auto formatter = std::make_unique<spdlog::pattern_formatter>();
    formatter->add_flag<JournalPriorityFlag>('*').set_pattern(kJournalPattern);
    log->set_formatter(std::move(formatter));
  } else {
    log->set_pattern(kPattern);
  }
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

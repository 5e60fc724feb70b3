#pragma once
// The daemon's log: where it goes, its pattern, and the one-line form of an escalation transition.

#include <memory>
#include <string>

#include "config/config.hpp"
#include "escalation/escalation_store.hpp"

namespace spdlog {
class logger;
}

namespace carewatch::service {

// A logger named "carewatchd" writing to `cfg.file` (appending) or, when unset, to standard output
// (coloured on a terminal), flushed at every line so a tail or a pipe sees escalations as they open.
// When standard output is the journal (JOURNAL_STREAM names it), lines carry no timestamp and start
// with their sd-daemon(3) priority, "<6>info  ...", so that the journal records each line's priority.
// Not registered with spdlog's registry, so a reload can build a second one. Throws spdlog::spdlog_ex
// if the file cannot be opened.
std::shared_ptr<spdlog::logger> make_logger(const config::LoggingConfig& cfg);

// Until a configuration is applied: warnings and errors to standard error.
std::shared_ptr<spdlog::logger> make_bootstrap_logger();

// "escalation opened id=12 rule=WT-LADO-1WD severity=critical home=H1 child=C7 staff=S3
// due_at=2025-03-04T17:00:00Z": ids, rule, severity and deadline only. The summary, regulation text
// and evidence are deliberately left out: a log is no place for anything a record said.
std::string describe(const escalation::Transition& transition);

}  // namespace carewatch::service

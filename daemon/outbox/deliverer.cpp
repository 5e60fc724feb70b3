#include "outbox/deliverer.hpp"

#include <spdlog/spdlog.h>

#include "metrics/registry.hpp"

#include <algorithm>
#include <string>

namespace carewatch::outbox {
namespace {

sdk::TimePoint system_now() {
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

// Process counters (Prometheus): every attempt by channel and outcome, and messages that went dead. The
// store's view (messages by state) is a collector of the service's, read at scrape time.
void count_attempt(Channel channel, std::string_view outcome) {
  metrics::registry()
      .counter("carewatch_outbox_delivery_attempts_total",
               "Outbox delivery attempts made by this process, by channel and outcome "
               "(delivered, retry: a transient failure, failed: a permanent one).",
               {{"channel", std::string(to_string(channel))}, {"outcome", std::string(outcome)}})
      .inc();
}

void count_dead(Channel channel) {
  metrics::registry()
      .counter("carewatch_outbox_dead_letters_total",
               "Outbox messages this process gave up on (dead), by channel.",
               {{"channel", std::string(to_string(channel))}})
      .inc();
}

}  // namespace

Deliverer::Deliverer(const std::filesystem::path& db_path, Notifiers notifiers, DelivererOptions options,
                     std::shared_ptr<spdlog::logger> logger, Clock clock)
    : db_(db_path),
      store_(db_, options.retry),
      notifiers_(std::move(notifiers)),
      options_(options),
      log_(logger ? std::move(logger) : spdlog::default_logger()),
      clock_(clock ? std::move(clock) : Clock(system_now)) {}

Deliverer::~Deliverer() {
  stop();
}

void Deliverer::start() {
  const std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stop_ = false;
  woken_ = true;  // a first pass at once: messages may have waited while the daemon was down
  thread_ = std::thread([this] { loop(); });
}

void Deliverer::notify() {
  {
    const std::lock_guard lock(mutex_);
    woken_ = true;
  }
  wake_.notify_one();
}

void Deliverer::request_stop() {
  {
    const std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_one();
}

void Deliverer::stop() {
  request_stop();
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
}

bool Deliverer::stopping() const {
  const std::lock_guard lock(mutex_);
  return stop_;
}

PassResult Deliverer::run_once() {
  PassResult result;
  try {
    const auto batch = store_.due(clock_(), options_.batch_size);
    result.more = static_cast<int>(batch.size()) >= options_.batch_size && options_.batch_size > 0;
    for (const auto& message : batch) {
      // Checked between messages, never during one: the attempt in progress is finished and recorded.
      if (stopping()) {
        result.more = false;
        break;
      }
      const auto found = notifiers_.find(message.channel);
      if (found == notifiers_.end() || !found->second) {
        const std::string reason =
            "no notifier configured for channel " + std::string(to_string(message.channel));
        store_.defer(message.id, clock_() + options_.poll_interval, reason);
        log_->warn("outbox: message {} waits: {}", message.id, reason);
        ++result.deferred;
        continue;
      }
      const auto outcome = found->second->deliver(message);
      const auto now = clock_();
      if (outcome.outcome == notify::DeliveryResult::Outcome::delivered) {
        count_attempt(message.channel, "delivered");
        store_.record_success(message.id, now);
        log_->info("outbox: message {} delivered by {} to role {} (attempt {})", message.id,
                   to_string(message.channel), message.role, message.attempts + 1);
        ++result.delivered;
        continue;
      }
      const bool permanent = outcome.outcome == notify::DeliveryResult::Outcome::failed;
      count_attempt(message.channel, permanent ? "failed" : "retry");
      const std::string detail = outcome.detail.empty() ? "failed without a reason" : outcome.detail;
      const auto state = store_.record_failure(message.id, now, detail, permanent);
      ++result.failed;
      if (state == DeliveryState::dead) {
        ++result.dead;
        count_dead(message.channel);
        log_->error("outbox: message {} ({}) is dead after {} attempt(s): {}", message.id,
                    to_string(message.channel), message.attempts + 1, detail);
      } else {
        log_->warn("outbox: message {} ({}) attempt {} failed: {}", message.id, to_string(message.channel),
                   message.attempts + 1, detail);
      }
    }
  } catch (const std::exception& e) {
    // A busy or broken database ends the pass; the next one tries again.
    log_->error("outbox: delivery pass failed: {}", e.what());
    result.more = false;
  }
  return result;
}

void Deliverer::loop() {
  std::unique_lock lock(mutex_);
  while (!stop_) {
    woken_ = false;
    lock.unlock();
    const auto pass = run_once();

    // Sleep until the earliest pending attempt, at most the poll interval; a full batch goes on at once.
    auto sleep = std::chrono::duration_cast<std::chrono::steady_clock::duration>(options_.poll_interval);
    if (pass.more) {
      sleep = {};
    } else {
      try {
        if (const auto next = store_.next_attempt_at()) {
          const auto until =
              std::chrono::duration_cast<std::chrono::steady_clock::duration>(*next - clock_());
          sleep = std::clamp(until, std::chrono::steady_clock::duration::zero(), sleep);
          // Something is due yet this pass attempted nothing (the database was busy): do not spin.
          if (sleep == std::chrono::steady_clock::duration::zero() &&
              pass.delivered + pass.failed + pass.deferred == 0)
            sleep = std::chrono::seconds(1);
        }
      } catch (const std::exception& e) {
        log_->error("outbox: cannot read the next attempt time: {}", e.what());
      }
    }
    lock.lock();
    wake_.wait_for(lock, sleep, [this] { return stop_ || woken_; });
  }
}

}  // namespace carewatch::outbox

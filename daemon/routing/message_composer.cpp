#include "routing/message_composer.hpp"

#include <carewatch/sdk/finding.hpp>
#include <carewatch/sdk/value.hpp>

namespace carewatch::routing {
namespace {

sdk::Value text_or_null(const std::string& s) {
  return s.empty() ? sdk::Value() : sdk::Value(s);
}

sdk::Value list(const std::vector<std::string>& items) {
  sdk::Array a;
  a.reserve(items.size());
  for (const auto& s : items) a.emplace_back(s);
  return sdk::Value(std::move(a));
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

std::string headline(std::string_view kind) {
  if (kind == kOpened) return "needs action";
  if (kind == kEscalated) return "escalated: not acknowledged in time";
  if (kind == kReminder) return "reminder: still open and not acknowledged";
  if (kind == kResolved) return "resolved: the records no longer show it";
  if (kind == kClosed) return "closed by a person";
  return std::string(kind);
}

std::string act_url_for(std::string_view base, std::int64_t id) {
  if (base.empty()) return {};
  std::string url(base);
  if (url.back() != '/') url += '/';
  return url + std::to_string(id);
}

}  // namespace

std::string idempotency_key(std::int64_t escalation, std::string_view kind, std::size_t level,
                            const Recipient& recipient, int sequence) {
  return "cw/" + std::to_string(escalation) + "/" + std::string(kind) + "/L" + std::to_string(level) + "/" +
         std::to_string(sequence) + "/" + std::string(outbox::to_string(recipient.channel)) + ":" +
         recipient.address;
}

std::string act_command(const escalation::Escalation& e, std::string_view kind) {
  if (kind == kResolved || kind == kClosed) return "carewatch escalations show " + std::to_string(e.id);
  return "carewatch escalations ack " + std::to_string(e.id) + " --by YOUR_ID --reason \"...\"";
}

outbox::Message compose(const escalation::Escalation& e, const Recipient& recipient,
                        const MessageContext& ctx) {
  outbox::Message m;
  m.idempotency_key = idempotency_key(e.id, ctx.kind, ctx.level, recipient, ctx.sequence);
  m.channel = recipient.channel;
  m.recipient = recipient.address;
  m.role = recipient.role;
  m.home = e.home;
  m.kind = std::string(ctx.kind);
  m.level = static_cast<int>(ctx.level);
  m.escalations = {e.id};
  m.created_at = ctx.now;

  const std::string severity(sdk::to_string(e.severity));
  const std::string command = act_command(e, ctx.kind);
  const std::string url = act_url_for(ctx.act_url, e.id);

  m.subject = "[Carewatch] " + severity + " " + e.rule + (e.home.empty() ? "" : " home " + e.home) +
              ": escalation " + std::to_string(e.id) + " " + headline(ctx.kind);

  std::string b;
  b += "Escalation " + std::to_string(e.id) + " " + headline(ctx.kind) + ".\n\n";
  b += "Rule:       " + e.rule + "\n";
  b += "Clause:     " + e.regulation + "\n";
  b += "Severity:   " + severity + "\n";
  if (!e.home.empty()) b += "Home:       " + e.home + "\n";
  if (!e.child.empty()) b += "Child:      " + e.child + "\n";
  if (!e.staff.empty()) b += "Staff:      " + e.staff + "\n";
  if (e.due_at) b += "Deadline:   " + sdk::format_timestamp(*e.due_at) + "\n";
  if (!e.evidence.empty()) b += "Records:    " + join(e.evidence) + "\n";
  b += "Summary:    " + e.summary + "\n";
  b += "State:      " + std::string(escalation::to_string(e.state)) + "\n";
  b += "Level:      " + std::to_string(ctx.level + 1) + " of " + std::to_string(ctx.levels) + " (route \"" +
       std::string(ctx.route) + "\"), told as " + recipient.role + "\n";
  if (ctx.kind == kReminder) b += "Reminder:   " + std::to_string(ctx.sequence) + "\n";
  if (ctx.kind == kClosed && !ctx.actor.empty()) b += "Closed by:  " + std::string(ctx.actor) + "\n";
  b += "Opened:     " + sdk::format_timestamp(e.opened_at) + "\n";
  b += "\nAct:        " + command + "\n";
  if (!url.empty()) b += "            " + url + "\n";
  m.body = std::move(b);

  sdk::Value payload = sdk::Value::object({
      {"rule", e.rule},
      {"severity", severity},
      {"regulation", e.regulation},
      {"home", text_or_null(e.home)},
      {"child", text_or_null(e.child)},
      {"staff", text_or_null(e.staff)},
      {"evidence", list(e.evidence)},
      {"due_at", e.due_at ? sdk::Value(sdk::format_timestamp(*e.due_at)) : sdk::Value()},
      {"summary", e.summary},
      {"escalate_to", list(e.escalate_to)},
      {"fingerprint", e.fingerprint},
      {"escalation", e.id},
      {"state", std::string(escalation::to_string(e.state))},
      {"level", static_cast<std::int64_t>(ctx.level)},
      {"levels", static_cast<std::int64_t>(ctx.levels)},
      {"route", std::string(ctx.route)},
      {"kind", std::string(ctx.kind)},
      {"role", recipient.role},
      {"sequence", static_cast<std::int64_t>(ctx.sequence)},
      {"sent_at", sdk::format_timestamp(ctx.now)},
      {"actor", ctx.kind == kClosed ? text_or_null(std::string(ctx.actor)) : sdk::Value()},
      {"act", sdk::Value::object({{"command", command}, {"url", text_or_null(url)}})},
  });
  m.payload = payload.to_json();
  return m;
}

}  // namespace carewatch::routing

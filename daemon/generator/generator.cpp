#include "generator/generator.hpp"

#include <algorithm>
#include <ostream>
#include <string>
#include <tuple>
#include <vector>

#include <carewatch/sdk/calendar.hpp>

#include "generator/breach_planter.hpp"
#include "generator/home_simulator.hpp"
#include "generator/record_queue.hpp"
#include "generator/staged_record.hpp"

namespace carewatch::generator {

namespace {

std::string authority_id(int n) {
  std::string digits = std::to_string(n);
  if (digits.size() < 2) digits.insert(0, "0");
  return "LA" + digits;
}

}  // namespace

Generator::Generator(Options options) : options_(std::move(options)) {
  validate(options_);
}

Summary Generator::run(const std::function<void(std::string_view)>& on_record,
                       const std::function<void(const PlantedBreach&)>& on_breach) const {
  using std::chrono::days;
  using std::chrono::sys_days;
  RecordQueue queue(on_record);
  std::vector<PlantedBreach> breaches;
  const auto planters = make_planters(options_.families);

  // Two homes share each host authority; three more authorities only place children, so a good share
  // of placements are out of area.
  const int hosts = (options_.homes + 1) / 2;
  std::vector<std::string> authorities;
  for (int i = 1; i <= hosts + 3; ++i) authorities.push_back(authority_id(i));
  for (std::size_t i = 0; i < authorities.size(); ++i) {
    StagedRecord("authority", authorities[i], "", "")
        .set("name", "Local Authority " + authorities[i].substr(2))
        .revision_at(options_.onboarded_at())
        .emit(queue);
  }

  const HomeSimulator::Shared shared{options_, authorities, queue, planters, breaches};
  std::vector<HomeSimulator> homes;
  homes.reserve(static_cast<std::size_t>(options_.homes));
  for (int h = 0; h < options_.homes; ++h)
    homes.emplace_back(shared, h, authorities[static_cast<std::size_t>(h / 2)]);
  for (auto& home : homes) home.setup();
  for (int day = 0; day < options_.days; ++day) {
    for (auto& home : homes) home.simulate_day(day);
    // Everything about day `day` is recorded at or after its start, so all earlier records are final.
    queue.flush_before(sdk::Calendar::start_of_day(sdk::Date{sys_days{options_.start} + days{day + 1}}));
  }
  for (auto& home : homes) home.finish();
  queue.flush_all();

  std::stable_sort(breaches.begin(), breaches.end(), [](const PlantedBreach& a, const PlantedBreach& b) {
    return std::tie(a.trigger_at, a.home, a.evidence) < std::tie(b.trigger_at, b.home, b.evidence);
  });
  for (const auto& b : breaches) on_breach(b);
  return Summary{queue.written(), breaches.size()};
}

Summary Generator::run(std::ostream& records, std::ostream* manifest) const {
  std::string buffer;
  auto write_line = [&](std::string_view line) {
    buffer.append(line);
    buffer.push_back('\n');
    if (buffer.size() >= (1u << 16)) {
      records.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      buffer.clear();
    }
  };
  const Summary summary = run(write_line, [&](const PlantedBreach& b) {
    if (manifest) *manifest << b.to_json() << '\n';
  });
  records.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  records.flush();
  if (manifest) manifest->flush();
  return summary;
}

}  // namespace carewatch::generator

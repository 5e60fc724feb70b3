#include "independent_monitoring.hpp"
CAREWATCH_PLUGIN(carewatch::plugins::independent_monitoring::IndependentMonitoringPlugin)

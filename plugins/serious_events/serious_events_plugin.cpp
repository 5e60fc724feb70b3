#include "serious_events.hpp"
CAREWATCH_PLUGIN(carewatch::plugins::serious_events::SeriousEventsPlugin)

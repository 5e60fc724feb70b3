#include "care_planning.hpp"
CAREWATCH_PLUGIN(carewatch::plugins::care_planning::CarePlanningPlugin)

#include "workforce.hpp"
CAREWATCH_PLUGIN(carewatch::plugins::workforce::WorkforcePlugin)

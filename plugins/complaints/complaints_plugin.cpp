#include "complaints.hpp"
CAREWATCH_PLUGIN(carewatch::plugins::complaints::ComplaintsPlugin)

#include "restraint.hpp"
CAREWATCH_PLUGIN(carewatch::plugins::restraint::RestraintPlugin)

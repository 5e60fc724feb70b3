#include "medication.hpp"
CAREWATCH_PLUGIN(carewatch::plugins::medication::MedicationPlugin)

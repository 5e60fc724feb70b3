#include "generator/vocabulary.hpp"

namespace carewatch::generator::vocabulary {

namespace {

constexpr std::string_view kLogMorning[] = {
    "Got up on time and had breakfast with the group.",
    "Woke early, had breakfast and got ready for school.",
    "Slow to get up this morning; ate breakfast after encouragement.",
    "Had a calm morning and chose a cereal breakfast.",
    "Went to school by minibus with a member of staff.",
    "Attended the morning session at the education provision.",
    "Stayed at the home this morning and did a reading activity with staff.",
    "Had a shower and chose their own clothes for the day.",
};
constexpr std::string_view kLogDay[] = {
    "Returned from school in a good mood and had a snack.",
    "Played a board game with staff in the lounge.",
    "Went for a walk to the park with two members of staff.",
    "Helped to prepare the evening meal.",
    "Spent time in their bedroom listening to music.",
    "Completed homework with support from staff.",
    "Took part in a group cooking activity.",
    "Watched a film with the group after tea.",
    "Used their communication cards to choose an activity.",
    "Went swimming at the leisure centre with staff.",
    "Had a phone call with family, which went well.",
    "Was unsettled for a short time after tea and calmed with staff support.",
};
constexpr std::string_view kLogNight[] = {
    "Settled to bed at the agreed time.",
    "Went to bed later than planned but settled well.",
    "Slept through the night; checks completed as per the plan.",
    "Woke once in the night and settled again with reassurance.",
    "Had a quiet evening and settled after a warm drink.",
};
constexpr std::string_view kLogRestraint[] = {
    "A restraint took place today; see the restraint record for details.",
};
constexpr std::string_view kLogInjury[] = {
    "An injury was noted today and recorded on the body map.",
};
constexpr std::string_view kLogMissing[] = {
    "Was missing from the home today; see the missing episode record.",
};
constexpr std::string_view kIncidentDistress[] = {
    "Became distressed during a transition and was supported by staff.",
    "Was upset after a change to plans and needed time to calm.",
};
constexpr std::string_view kIncidentPropertyDamage[] = {
    "Damaged an item of furniture while upset.",
    "Broke a window catch while upset.",
};
constexpr std::string_view kIncidentInjury[] = {
    "Fell while playing outside and grazed a knee.",
    "Bumped their arm on a door frame.",
};
constexpr std::string_view kIncidentAssault[] = {
    "Hit out at a member of staff while distressed.",
    "Pushed another young person during an argument.",
};
constexpr std::string_view kIncidentSelfHarm[] = {
    "Self-harmed by scratching; first aid given.",
    "Disclosed thoughts of self-harm and was supported by staff.",
};
constexpr std::string_view kIncidentPolice[] = {
    "Police attended following an incident at the home.",
    "Police were called after an incident in the community.",
};
constexpr std::string_view kIncidentAllegedOffence[] = {
    "Was alleged to have taken an item from a shop.",
    "Was alleged to have damaged a neighbour's property.",
};
constexpr std::string_view kIncidentSeriousInjury[] = {
    "Sustained an injury that needed hospital treatment.",
};
constexpr std::string_view kIncidentSeriousIllness[] = {
    "Became unwell and was admitted to hospital.",
};
constexpr std::string_view kIncidentSeriousAccident[] = {
    "Was involved in an accident that needed hospital assessment.",
};
constexpr std::string_view kIncidentSexualExploitation[] = {
    "Concerns of sexual exploitation were identified and shared with partners.",
};
constexpr std::string_view kIncidentMissing[] = {
    "Left the home without agreement and was reported missing.",
};
constexpr std::string_view kIncidentOther[] = {
    "A minor incident was recorded for information.",
    "A disagreement between young people was resolved by staff.",
};
constexpr std::string_view kBodySite[] = {
    "left knee",  "right knee", "left forearm", "right forearm", "left hand",
    "right hand", "forehead",   "left shin",    "right shin",
};
constexpr std::string_view kInjuryExplanation[] = {
    "Fell while playing outside.",
    "Knocked against furniture.",
    "Minor injury during an incident; see the linked record.",
    "Self-inflicted scratch; see the linked record.",
    "Sports injury at school.",
};
constexpr std::string_view kRestraintTechnique[] = {
    "Two-person standing hold",
    "Single-person guide",
    "Seated hold",
};
constexpr std::string_view kRestraintBehaviour[] = {
    "Was hitting out at staff and at risk of injuring themselves.",
    "Was attempting to damage property while highly distressed.",
    "Was hitting their head against a wall.",
};
constexpr std::string_view kRestraintAlternatives[] = {
    "Verbal de-escalation and offer of space.",
    "Distraction with a preferred activity and a change of staff.",
    "Offered time in a quiet area and reduced demands.",
};
constexpr std::string_view kRestraintEffectiveness[] = {
    "Effective; calm within a few minutes.",
    "Effective; able to return to the activity.",
};
constexpr std::string_view kRestraintInjuries[] = {
    "none",
};
constexpr std::string_view kRestraintMedical[] = {
    "not required",
};
constexpr std::string_view kChildViews[] = {
    "Said they understood why staff stepped in.",
    "Said they felt it went on too long.",
    "Did not wish to comment.",
    "Said they were happy with their plan.",
    "Would like more time with family.",
    "Would like to try a new activity.",
};
constexpr std::string_view kMeasureDescription[] = {
    "Loss of screen time for the evening.",
    "Helped to repair the item that was damaged.",
    "Earlier bedtime agreed in the behaviour plan.",
};
constexpr std::string_view kMedicationReason[] = {
    "Declined the dose; offered again later.",
    "Given for a headache as per the PRN protocol.",
    "Given for pain as per the PRN protocol.",
    "Not given: out of stock; pharmacy contacted.",  // an omitted dose (planted breaches only)
};
constexpr std::string_view kMedicine[] = {
    "melatonin", "methylphenidate", "sertraline", "cetirizine", "salbutamol", "paracetamol",
};
constexpr std::string_view kComplaintTheme[] = {
    "food", "activities", "contact arrangements", "bedroom", "staff attitude", "pocket money",
};
constexpr std::string_view kComplaintOutcome[] = {
    "upheld",
    "partly upheld",
    "not upheld",
};
constexpr std::string_view kComplaintActions[] = {
    "Discussed with the complainant and agreed changes.",
    "Menu reviewed with the young people.",
    "Contact plan reviewed with the social worker.",
    "No further action required.",
};
constexpr std::string_view kConcernSummary[] = {
    "Family asked about contact arrangements.",
    "School raised a concern about attendance.",
    "Health professional asked about a missed appointment.",
    "Staff member raised a concern about practice.",
    "Police shared information after a community incident.",
    "A concern was raised about supervision levels.",
};
constexpr std::string_view kAllegationOutcome[] = {
    "substantiated",
    "unsubstantiated",
    "unfounded",
};
constexpr std::string_view kCpOutcome[] = {
    "no further action",
    "strategy discussion held; child in need plan",
    "child protection plan",
};
constexpr std::string_view kVisitRequestChannel[] = {
    "in person",
    "communication board",
    "advocate",
    "telephone",
};
constexpr std::string_view kSeenAloneException[] = {
    "Child chose to have a member of staff present.",
    "Child was unwell and in bed.",
};

}  // namespace

std::span<const std::string_view> log_morning() {
  return kLogMorning;
}
std::span<const std::string_view> log_day() {
  return kLogDay;
}
std::span<const std::string_view> log_night() {
  return kLogNight;
}
std::span<const std::string_view> log_restraint() {
  return kLogRestraint;
}
std::span<const std::string_view> log_injury() {
  return kLogInjury;
}
std::span<const std::string_view> log_missing() {
  return kLogMissing;
}
std::span<const std::string_view> incident_distress() {
  return kIncidentDistress;
}
std::span<const std::string_view> incident_property_damage() {
  return kIncidentPropertyDamage;
}
std::span<const std::string_view> incident_injury() {
  return kIncidentInjury;
}
std::span<const std::string_view> incident_assault() {
  return kIncidentAssault;
}
std::span<const std::string_view> incident_self_harm() {
  return kIncidentSelfHarm;
}
std::span<const std::string_view> incident_police() {
  return kIncidentPolice;
}
std::span<const std::string_view> incident_alleged_offence() {
  return kIncidentAllegedOffence;
}
std::span<const std::string_view> incident_serious_injury() {
  return kIncidentSeriousInjury;
}
std::span<const std::string_view> incident_serious_illness() {
  return kIncidentSeriousIllness;
}
std::span<const std::string_view> incident_serious_accident() {
  return kIncidentSeriousAccident;
}
std::span<const std::string_view> incident_sexual_exploitation() {
  return kIncidentSexualExploitation;
}
std::span<const std::string_view> incident_missing() {
  return kIncidentMissing;
}
std::span<const std::string_view> incident_other() {
  return kIncidentOther;
}
std::span<const std::string_view> body_site() {
  return kBodySite;
}
std::span<const std::string_view> injury_explanation() {
  return kInjuryExplanation;
}
std::span<const std::string_view> restraint_technique() {
  return kRestraintTechnique;
}
std::span<const std::string_view> restraint_behaviour() {
  return kRestraintBehaviour;
}
std::span<const std::string_view> restraint_alternatives() {
  return kRestraintAlternatives;
}
std::span<const std::string_view> restraint_effectiveness() {
  return kRestraintEffectiveness;
}
std::span<const std::string_view> restraint_injuries() {
  return kRestraintInjuries;
}
std::span<const std::string_view> restraint_medical() {
  return kRestraintMedical;
}
std::span<const std::string_view> child_views() {
  return kChildViews;
}
std::span<const std::string_view> measure_description() {
  return kMeasureDescription;
}
std::span<const std::string_view> medication_reason() {
  return kMedicationReason;
}
std::span<const std::string_view> medicine() {
  return kMedicine;
}
std::span<const std::string_view> complaint_theme() {
  return kComplaintTheme;
}
std::span<const std::string_view> complaint_outcome() {
  return kComplaintOutcome;
}
std::span<const std::string_view> complaint_actions() {
  return kComplaintActions;
}
std::span<const std::string_view> concern_summary() {
  return kConcernSummary;
}
std::span<const std::string_view> allegation_outcome() {
  return kAllegationOutcome;
}
std::span<const std::string_view> cp_outcome() {
  return kCpOutcome;
}
std::span<const std::string_view> visit_request_channel() {
  return kVisitRequestChannel;
}
std::span<const std::string_view> seen_alone_exception() {
  return kSeenAloneException;
}

std::vector<std::string_view> all() {
  std::vector<std::string_view> out;
  for (auto list : {log_morning(),
                    log_day(),
                    log_night(),
                    log_restraint(),
                    log_injury(),
                    log_missing(),
                    incident_distress(),
                    incident_property_damage(),
                    incident_injury(),
                    incident_assault(),
                    incident_self_harm(),
                    incident_police(),
                    incident_alleged_offence(),
                    incident_serious_injury(),
                    incident_serious_illness(),
                    incident_serious_accident(),
                    incident_sexual_exploitation(),
                    incident_missing(),
                    incident_other(),
                    body_site(),
                    injury_explanation(),
                    restraint_technique(),
                    restraint_behaviour(),
                    restraint_alternatives(),
                    restraint_effectiveness(),
                    restraint_injuries(),
                    restraint_medical(),
                    child_views(),
                    measure_description(),
                    medication_reason(),
                    medicine(),
                    complaint_theme(),
                    complaint_outcome(),
                    complaint_actions(),
                    concern_summary(),
                    allegation_outcome(),
                    cp_outcome(),
                    visit_request_channel(),
                    seen_alone_exception()})
    out.insert(out.end(), list.begin(), list.end());
  return out;
}

}  // namespace carewatch::generator::vocabulary

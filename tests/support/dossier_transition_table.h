// The dossier status machine (DESIGN.md, deadline.proto), written out once
// for the tests and independently of the code under test, so a test that
// walks every status and every action compares the code with the documents,
// not with itself.
#pragma once

#include <map>
#include <set>

#include "services/deadline/dossier_transitions.h"

namespace qms::test {

// For each dossier action, the statuses (1-10, v1::DossierStatus) it is
// legal from.
inline const std::map<deadline::DossierAction, std::set<int>>& LegalDossierActions() {
  using deadline::DossierAction;
  static const std::map<DossierAction, std::set<int>> table = {
      {DossierAction::kAccept, {1}},
      {DossierAction::kStartProcessing, {2}},
      {DossierAction::kRequestSupplement, {2, 4}},
      {DossierAction::kRequestFinancialObligation, {2, 4}},
      {DossierAction::kResume, {5, 6}},
      {DossierAction::kResolve, {2, 4}},
      {DossierAction::kReturnResult, {9}},
      {DossierAction::kReject, {1, 2}},
      {DossierAction::kWithdraw, {1, 2, 4, 5, 6}},
      {DossierAction::kStop, {2, 4, 5, 6}},
  };
  return table;
}

}  // namespace qms::test

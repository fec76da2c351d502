// Background work that must yield to the calls being served (the recovery
// pass after a restart, the retention passes) runs on threads that the
// scheduler runs when serving leaves a core free, and gives a small share
// when it does not, so a call never waits for a core behind work nobody is
// waiting for.
#pragma once

namespace qms {

// Lowers the calling thread's scheduling priority by `steps` (Linux: its
// nice value that many steps up, at most 19, for this thread only;
// elsewhere nothing). Best effort: a refusal is ignored, as the work is the
// same at either priority. Cannot be undone by the thread.
void LowerThisThreadPriority(int steps);

}  // namespace qms
